//! FC 3.0 request ids: `1-<8 hex: unix seconds>-<24 hex random>`.

use rand::Rng;

pub fn new_request_id() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let random: [u8; 12] = rand::thread_rng().gen();
    format!("1-{:08x}-{}", secs as u32, hex::encode(random))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_id_has_fc_shape() {
        let id = new_request_id();
        let parts: Vec<&str> = id.split('-').collect();
        assert_eq!(parts.len(), 3, "{id}");
        assert_eq!(parts[0], "1");
        assert_eq!(parts[1].len(), 8);
        assert_eq!(parts[2].len(), 24);
        assert!(parts[1..]
            .iter()
            .all(|p| p.chars().all(|c| c.is_ascii_hexdigit())));
    }
}

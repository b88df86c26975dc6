//! Test support: forging a CRC-64, the reason packages are not named by their CRC. Used by
//! the store's tests and by the integration tests, which include this file by path.

/// `prefix` plus 8 bytes chosen so that `crc` of the whole is `target`. A CRC is affine in
/// the bits of its input, so the 8 bytes solve 64 linear equations over GF(2).
pub fn forge_crc(prefix: &[u8], target: u64, crc: impl Fn(&[u8]) -> u64) -> Vec<u8> {
    let with_tail = |tail: u64| {
        let mut bytes = prefix.to_vec();
        bytes.extend_from_slice(&tail.to_le_bytes());
        bytes
    };
    let base = crc(&with_tail(0));
    // (how flipping tail bits flips the CRC, which tail bits those are), reduced as we go.
    let mut rows: Vec<(u64, u64)> = (0..64)
        .map(|i| (crc(&with_tail(1 << i)) ^ base, 1u64 << i))
        .collect();
    let (mut want, mut tail) = (target ^ base, 0u64);
    for bit in (0..64).rev() {
        let Some(pos) = rows.iter().position(|(col, _)| col >> bit & 1 == 1) else {
            continue;
        };
        let (col, which) = rows.swap_remove(pos);
        for row in rows.iter_mut().filter(|(c, _)| c >> bit & 1 == 1) {
            *row = (row.0 ^ col, row.1 ^ which);
        }
        if want >> bit & 1 == 1 {
            want ^= col;
            tail ^= which;
        }
    }
    assert_eq!(want, 0, "the CRC of 8 free bytes reaches every value");
    with_tail(tail)
}

//! ARNs: the function ARN the API reports, and async destinations (FC function or MNS queue).
//! Parsed in exactly one place.

/// `acs:fc:<region>:<accountId>:functions/<name>`.
pub fn function_arn(region: &str, account_id: &str, name: &str) -> String {
    format!("acs:fc:{region}:{account_id}:functions/{name}")
}

/// Where an async result goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    Function(String),
    Queue(String),
    Topic(String),
}

/// Parse a destination ARN: `acs:fc:<r>:<a>:functions/<f>` (also FC 2.0's
/// `acs:fc:::services/<s>.<q>/functions/<f>`), `acs:mns:<r>:<a>:/queues/<q>/messages`,
/// `acs:mns:<r>:<a>:/topics/<t>/messages`. Region and account may be empty.
pub fn parse_destination(arn: &str) -> Option<Destination> {
    let mut parts = arn.splitn(5, ':');
    let (acs, service, _region, _account, resource) = (
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
    );
    if acs != "acs" {
        return None;
    }
    match service {
        "fc" => {
            let name = resource.rsplit_once("functions/")?.1;
            valid_name(name).then(|| Destination::Function(name.to_string()))
        }
        "mns" => {
            let resource = resource.trim_start_matches('/');
            let (kind, rest) = resource.split_once('/')?;
            let name = rest.strip_suffix("/messages").unwrap_or(rest);
            if !valid_name(name) {
                return None;
            }
            match kind {
                "queues" => Some(Destination::Queue(name.to_string())),
                "topics" => Some(Destination::Topic(name.to_string())),
                _ => None,
            }
        }
        _ => None,
    }
}

fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn destinations_parse_in_every_documented_form() {
        assert_eq!(
            parse_destination("acs:fc:cn-hangzhou:123:functions/on-ok"),
            Some(Destination::Function("on-ok".into()))
        );
        assert_eq!(
            parse_destination("acs:fc:::services/svc.LATEST/functions/f"),
            Some(Destination::Function("f".into()))
        );
        assert_eq!(
            parse_destination("acs:mns:cn-hangzhou:123:/queues/dlq/messages"),
            Some(Destination::Queue("dlq".into()))
        );
        assert_eq!(
            parse_destination("acs:mns:::/queues/dlq/messages"),
            Some(Destination::Queue("dlq".into()))
        );
        assert_eq!(
            parse_destination("acs:mns:cn-huhehaote::/topics/t/messages"),
            Some(Destination::Topic("t".into()))
        );
        assert_eq!(parse_destination("acs:oss:::bucket"), None);
        assert_eq!(parse_destination("nonsense"), None);
    }
}

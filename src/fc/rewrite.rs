//! A custom domain route's `rewriteConfig`: the path the function sees instead of the one
//! requested. Equal rules first (the whole path), then wildcard rules (`/api/*` with `$1`
//! for what each `*` matched), then regular expressions (`^/old/(.*)` with `$1`); the first
//! rule that matches decides, and the query string is kept. Compiled once per domain write.

use serde::Deserialize;
use serde_json::Value;

/// Most rules of one route, and the largest compiled expression, so a route table stays
/// cheap to hold and to match.
const MAX_RULES: usize = 100;
const MAX_REGEX_BYTES: usize = 256 * 1024;

#[derive(Debug, Clone, Deserialize)]
struct Rule {
    #[serde(rename = "match", default)]
    pattern: String,
    #[serde(default)]
    replacement: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct RuleSet {
    #[serde(default)]
    equal_rules: Vec<Rule>,
    #[serde(default)]
    wildcard_rules: Vec<Rule>,
    #[serde(default)]
    regex_rules: Vec<Rule>,
}

/// A compiled `rewriteConfig`.
#[derive(Debug, Clone)]
pub struct Rewrite {
    equal: Vec<Rule>,
    patterns: Vec<(regex::Regex, String)>,
}

impl Rewrite {
    pub fn compile(config: &Value) -> Result<Rewrite, String> {
        let rules: RuleSet = serde_json::from_value(config.clone())
            .map_err(|e| format!("invalid rewriteConfig: {e}"))?;
        let total = rules.equal_rules.len() + rules.wildcard_rules.len() + rules.regex_rules.len();
        if total > MAX_RULES {
            return Err(format!(
                "rewriteConfig has {total} rules; at most {MAX_RULES} are allowed"
            ));
        }
        let all = rules
            .equal_rules
            .iter()
            .chain(&rules.wildcard_rules)
            .chain(&rules.regex_rules);
        for rule in all {
            check_replacement(&rule.replacement)?;
        }
        let mut patterns = Vec::new();
        for rule in &rules.wildcard_rules {
            let pattern = rule
                .pattern
                .split('*')
                .map(regex::escape)
                .collect::<Vec<_>>()
                .join("(.*)");
            patterns.push((build(&format!("^{pattern}$"))?, rule.replacement.clone()));
        }
        for rule in &rules.regex_rules {
            patterns.push((build(&rule.pattern)?, rule.replacement.clone()));
        }
        Ok(Rewrite {
            equal: rules.equal_rules,
            patterns,
        })
    }

    /// The rewritten path, or `None` when no rule matches.
    pub fn apply(&self, path: &str) -> Option<String> {
        if let Some(rule) = self.equal.iter().find(|r| r.pattern == path) {
            return Some(rule.replacement.clone());
        }
        self.patterns.iter().find_map(|(pattern, replacement)| {
            let captures = pattern.captures(path)?;
            let mut out = String::new();
            captures.expand(replacement, &mut out);
            Some(out)
        })
    }
}

fn build(pattern: &str) -> Result<regex::Regex, String> {
    regex::RegexBuilder::new(pattern)
        .size_limit(MAX_REGEX_BYTES)
        .build()
        .map_err(|e| format!("rewriteConfig: invalid rule `{pattern}`: {e}"))
}

/// A replacement is a path: it starts with `/` and holds no spaces or control characters
/// (it becomes the request line the function's server reads).
fn check_replacement(replacement: &str) -> Result<(), String> {
    let clean = !replacement
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || c == '?' || c == '#');
    if replacement.starts_with('/') && clean {
        Ok(())
    } else {
        Err(format!(
            "rewriteConfig: replacement `{replacement}` must be a path starting with '/', without spaces, '?' or '#'"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn equal_then_wildcard_then_regex_rules_rewrite_the_path() {
        let rewrite = Rewrite::compile(&json!({
            "equalRules": [{"match": "/old", "replacement": "/new"}],
            "wildcardRules": [{"match": "/api/*/items/*", "replacement": "/v2/$1/$2"}],
            "regexRules": [{"match": "^/legacy/([a-z]+)$", "replacement": "/modern/$1"},
                           {"match": "^/api/.*", "replacement": "/never"}]
        }))
        .unwrap();
        assert_eq!(rewrite.apply("/old").as_deref(), Some("/new"));
        assert_eq!(rewrite.apply("/old/x"), None);
        assert_eq!(
            rewrite.apply("/api/u1/items/7").as_deref(),
            Some("/v2/u1/7")
        );
        assert_eq!(
            rewrite.apply("/legacy/page").as_deref(),
            Some("/modern/page")
        );
        assert_eq!(rewrite.apply("/api/other").as_deref(), Some("/never"));
        assert_eq!(rewrite.apply("/elsewhere"), None);
    }

    #[test]
    fn bad_rules_are_refused() {
        assert!(
            Rewrite::compile(&json!({"regexRules": [{"match": "(", "replacement": "/"}]})).is_err()
        );
        assert!(
            Rewrite::compile(&json!({"equalRules": [{"match": "/a", "replacement": "b c"}]}))
                .is_err()
        );
        assert!(Rewrite::compile(
            &json!({"equalRules": [{"match": "/a", "replacement": "/b?x=1"}]})
        )
        .is_err());
        let many: Vec<Value> = (0..=MAX_RULES)
            .map(|i| json!({"match": format!("/{i}"), "replacement": "/"}))
            .collect();
        assert!(Rewrite::compile(&json!({ "equalRules": many })).is_err());
        assert!(Rewrite::compile(
            &json!({"regexRules": [{"match": "a{100000}", "replacement": "/"}]})
        )
        .is_err());
    }
}

//! Template parameters: their JSON-Schema-like declaration, defaults (with the
//! `${default-suffix}` placeholder), validation, and resolving values without prompts.

use indexmap::IndexMap;
use rand::Rng;
use serde::Deserialize;
use serde_json::Value;

use super::{Template, TemplateError};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ParamType {
    #[default]
    String,
    Boolean,
    Number,
    Integer,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Parameter {
    #[serde(rename = "type", default)]
    pub kind: ParamType,
    pub title: Option<String>,
    pub description: Option<String>,
    pub default: Option<Value>,
    #[serde(rename = "enum")]
    pub choices: Option<Vec<String>>,
    pub pattern: Option<String>,
    #[serde(default)]
    pub required: bool,
}

/// Placeholder in a default that becomes a random suffix, so names do not collide.
const SUFFIX_PLACEHOLDER: &str = "${default-suffix}";

impl Parameter {
    /// The default as text, with `${default-suffix}` replaced by 4 random characters.
    pub fn default_text(&self) -> Option<String> {
        let text = match self.default.as_ref()? {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        Some(text.replace(SUFFIX_PLACEHOLDER, &random_suffix()))
    }

    /// `value` as the text substituted into the files, if it is valid for this parameter.
    pub fn check(&self, name: &str, value: &Value) -> Result<String, TemplateError> {
        let invalid = |reason: String| TemplateError::Invalid {
            name: name.to_string(),
            reason,
        };
        let text = match value {
            Value::String(s) => s.clone(),
            Value::Bool(_) | Value::Number(_) => value.to_string(),
            _ => return Err(invalid("expected a string, number or boolean".into())),
        };
        match self.kind {
            ParamType::Boolean if text != "true" && text != "false" => {
                return Err(invalid(format!("expected `true` or `false`, got `{text}`")))
            }
            ParamType::Number if text.parse::<f64>().is_err() => {
                return Err(invalid(format!("expected a number, got `{text}`")))
            }
            ParamType::Integer if text.parse::<i64>().is_err() => {
                return Err(invalid(format!("expected an integer, got `{text}`")))
            }
            _ => {}
        }
        if let Some(choices) = &self.choices {
            if !choices.contains(&text) {
                return Err(invalid(format!(
                    "`{text}` is not one of {}",
                    choices.join(", ")
                )));
            }
        }
        if let Some(pattern) = &self.pattern {
            let re = regex::Regex::new(pattern)
                .map_err(|e| invalid(format!("the template's pattern is invalid: {e}")))?;
            if !re.is_match(&text) {
                return Err(invalid(format!("`{text}` does not match `{pattern}`")));
            }
        }
        Ok(text)
    }

    /// What a prompt shows: the title, else the name.
    pub fn label<'a>(&'a self, name: &'a str) -> &'a str {
        self.title.as_deref().unwrap_or(name)
    }
}

/// Four random lower-case letters and digits.
pub fn random_suffix() -> String {
    const CHARS: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    let mut rng = rand::thread_rng();
    (0..4)
        .map(|_| CHARS[rng.gen_range(0..CHARS.len())] as char)
        .collect()
}

impl Template {
    /// Values for every parameter without asking: the given value, else the default, else
    /// an error for a required one (an empty value otherwise).
    pub fn resolve(
        &self,
        given: &serde_json::Map<String, Value>,
    ) -> Result<IndexMap<String, String>, TemplateError> {
        self.reject_unknown(given)?;
        let mut values = IndexMap::new();
        for (name, param) in &self.parameters {
            let value = match given.get(name) {
                Some(value) => param.check(name, value)?,
                None => match param.default_text() {
                    Some(default) => param.check(name, &Value::String(default))?,
                    None if param.required => {
                        return Err(TemplateError::Missing { name: name.clone() })
                    }
                    None => String::new(),
                },
            };
            values.insert(name.clone(), value);
        }
        Ok(values)
    }

    /// A given name the template does not declare is most likely a typo.
    pub fn reject_unknown(
        &self,
        given: &serde_json::Map<String, Value>,
    ) -> Result<(), TemplateError> {
        match given.keys().find(|k| !self.parameters.contains_key(*k)) {
            Some(unknown) => Err(TemplateError::Invalid {
                name: unknown.clone(),
                reason: format!(
                    "not a parameter of `{}` (it has: {})",
                    self.name,
                    self.parameters
                        .keys()
                        .cloned()
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            }),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn param(yaml: &str) -> Parameter {
        serde_yaml::from_str(yaml).unwrap()
    }

    #[test]
    fn default_suffix_becomes_four_random_characters() {
        let p = param("default: hello-${default-suffix}");
        let text = p.default_text().unwrap();
        assert!(text.starts_with("hello-"));
        assert_eq!(text.len(), "hello-".len() + 4);
        assert!(text[6..].chars().all(|c| c.is_ascii_alphanumeric()));
    }

    #[test]
    fn pattern_and_enum_are_enforced() {
        let p = param("pattern: '^[a-z]+$'");
        assert!(p.check("n", &Value::String("abc".into())).is_ok());
        assert!(p.check("n", &Value::String("a-1".into())).is_err());
        let p = param("enum: [a, b]");
        assert!(p.check("n", &Value::String("b".into())).is_ok());
        assert!(p.check("n", &Value::String("c".into())).is_err());
    }

    #[test]
    fn booleans_and_numbers_are_typed() {
        let p = param("type: boolean");
        assert_eq!(p.check("n", &Value::Bool(true)).unwrap(), "true");
        assert!(p.check("n", &Value::String("yes".into())).is_err());
        let p = param("type: integer");
        assert_eq!(p.check("n", &serde_json::json!(3)).unwrap(), "3");
        assert!(p.check("n", &Value::String("3.5".into())).is_err());
    }

    #[test]
    fn required_without_value_or_default_is_missing() {
        let mut t = super::super::find("python-hello").unwrap().clone();
        t.parameters.get_mut("functionName").unwrap().default = None;
        let err = t.resolve(&serde_json::Map::new()).unwrap_err();
        assert!(matches!(err, TemplateError::Missing { name } if name == "functionName"));
        let given = serde_json::json!({"functionName": "hi"});
        let values = t.resolve(given.as_object().unwrap()).unwrap();
        assert_eq!(values["functionName"], "hi");
        assert_eq!(values["region"], "cn-hangzhou");
    }

    #[test]
    fn shipped_templates_need_no_answers_with_defaults() {
        for t in super::super::all().unwrap() {
            let values = t.resolve(&serde_json::Map::new()).unwrap();
            assert!(!values["functionName"].is_empty(), "{}", t.name);
        }
    }
}

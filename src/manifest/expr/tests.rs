//! Exact semantics of the expression language against a small fixed scope.

use super::*;
use serde_json::json;

/// `vars` from JSON, `env(name, default)`, `resources.R.output...` deferred.
struct TestScope {
    vars: Json,
}

impl Scope for TestScope {
    fn lookup(&mut self, path: &[String]) -> Result<Value, EvalError> {
        match path[0].as_str() {
            "vars" => {
                let mut value = self.vars.clone();
                for key in &path[1..] {
                    match walk(&value, key) {
                        Some(v) => value = v,
                        None => return Ok(Value::Undefined(path.join("."))),
                    }
                }
                Ok(Value::Json(value))
            }
            "resources" if path.get(2).map(String::as_str) == Some("output") => Ok(Value::Deferred),
            other => Err(EvalError::new(format!("unknown name `{other}`"))),
        }
    }

    fn call(&mut self, name: &str, args: Vec<Value>) -> Result<Value, EvalError> {
        match (name, args.as_slice()) {
            ("env", [Value::Json(Json::String(k))]) if k == "HOME_X" => {
                Ok(Value::Json(json!("/home/x")))
            }
            ("env", [_]) => Err(EvalError::new("env not found")),
            ("env", [_, default]) => Ok(default.clone()),
            ("json", [Value::Json(Json::String(s))]) => {
                Ok(Value::Json(serde_json::from_str(s).unwrap()))
            }
            _ => Err(EvalError::new(format!("unknown function `{name}`"))),
        }
    }
}

fn scope() -> TestScope {
    TestScope {
        vars: json!({
            "region": "cn-hangzhou",
            "mem": 512,
            "flag": false,
            "empty": "",
            "nested": {"a": {"b": "deep"}},
            "list": ["x", "y"],
            "again": "${vars.region}",
            "dash-key": 1,
        }),
    }
}

fn eval_str(text: &str) -> Result<Evaluated, EvalError> {
    evaluate_string(text, &mut scope())
}

fn value(text: &str) -> Json {
    match eval_str(text).unwrap() {
        Evaluated::Value(v) => v,
        Evaluated::Deferred(s) => panic!("deferred: {s}"),
    }
}

#[test]
fn plain_text_is_unchanged() {
    assert_eq!(value("hello"), json!("hello"));
    assert_eq!(value(""), json!(""));
    assert_eq!(value("$ {not} {an expr}"), json!("$ {not} {an expr}"));
}

#[test]
fn a_lone_expression_keeps_its_type() {
    assert_eq!(value("${vars.mem}"), json!(512));
    assert_eq!(value("${vars.flag}"), json!(false));
    assert_eq!(value("${vars.nested}"), json!({"a": {"b": "deep"}}));
    assert_eq!(value("${vars.list}"), json!(["x", "y"]));
}

#[test]
fn mixed_strings_interpolate_text_forms() {
    assert_eq!(
        value("fn-${vars.region}-${vars.mem}"),
        json!("fn-cn-hangzhou-512")
    );
    assert_eq!(value("${vars.flag}!"), json!("false!"));
    assert_eq!(value("a${vars.list}"), json!("a[\"x\",\"y\"]"));
    assert_eq!(value(" ${vars.mem}"), json!(" 512"));
}

#[test]
fn nested_members_indexes_and_brackets() {
    assert_eq!(value("${vars.nested.a.b}"), json!("deep"));
    assert_eq!(value("${vars.list.1}"), json!("y"));
    assert_eq!(value("${vars.list[0]}"), json!("x"));
    assert_eq!(value("${vars['nested']['a'].b}"), json!("deep"));
    assert_eq!(value("${vars.dash-key}"), json!(1));
}

#[test]
fn missing_references_are_errors_naming_the_path() {
    assert_eq!(
        eval_str("${vars.nope}").unwrap_err().message,
        "`vars.nope` not found"
    );
    assert_eq!(
        eval_str("x-${vars.nested.x.y}").unwrap_err().message,
        "`vars.nested.x.y` not found"
    );
    assert_eq!(
        eval_str("${nothing.here}").unwrap_err().message,
        "unknown name `nothing`"
    );
}

#[test]
fn or_and_and_follow_javascript() {
    assert_eq!(value("${vars.nope || 'fallback'}"), json!("fallback"));
    assert_eq!(value("${vars.empty || vars.mem}"), json!(512));
    assert_eq!(value("${vars.region || 'x'}"), json!("cn-hangzhou"));
    assert_eq!(value("${vars.flag && 'x'}"), json!(false));
    assert_eq!(value("${vars.mem && 'x'}"), json!("x"));
    assert_eq!(value("${0 || ''}"), json!(""));
}

#[test]
fn conditional_equality_and_not() {
    assert_eq!(
        value("${vars.region == 'cn-hangzhou' ? 1024 : 512}"),
        json!(1024)
    );
    assert_eq!(
        value("${vars.region != 'cn-hangzhou' ? 1024 : 512}"),
        json!(512)
    );
    assert_eq!(value("${vars.mem == '512'}"), json!(true));
    assert_eq!(value("${vars.mem === '512'}"), json!(false));
    assert_eq!(value("${vars.mem === 512}"), json!(true));
    assert_eq!(value("${vars.nope == null}"), json!(true));
    assert_eq!(value("${!vars.flag}"), json!(true));
}

#[test]
fn literals() {
    assert_eq!(value("${'it\\'s'}"), json!("it's"));
    assert_eq!(value("${\"dq\"}"), json!("dq"));
    assert_eq!(value("${1.5}"), json!(1.5));
    assert_eq!(value("${-3}"), json!(-3));
    assert_eq!(value("${true}"), json!(true));
    assert_eq!(value("${null || 7}"), json!(7));
}

#[test]
fn nested_calls_and_braces_inside_quotes() {
    assert_eq!(value("${json('{\"a\":{\"b\":2}}').a.b}"), json!(2));
    assert_eq!(value("${env('NOPE', env('HOME_X'))}"), json!("/home/x"));
    assert_eq!(value("${env('NOPE', 'd')}"), json!("d"));
}

#[test]
fn results_containing_expressions_are_evaluated_again() {
    assert_eq!(value("${vars.again}"), json!("cn-hangzhou"));
}

#[test]
fn output_references_stay_as_source_text() {
    assert_eq!(
        eval_str("${resources.api.output.url}").unwrap(),
        Evaluated::Deferred("${resources.api.output.url}".into())
    );
    assert_eq!(
        eval_str("http://${resources.api.output.host}/${vars.region}").unwrap(),
        Evaluated::Deferred("http://${resources.api.output.host}/cn-hangzhou".into())
    );
    assert_eq!(
        eval_str("${resources.api.output.x || 'd'}").unwrap(),
        Evaluated::Deferred("${resources.api.output.x || 'd'}".into())
    );
}

#[test]
fn syntax_errors_are_reported_not_panicked() {
    for bad in [
        "${",
        "${}",
        "${vars.}",
        "${vars..a}",
        "${(}",
        "${'open}",
        "${a ? b}",
        "${1.2.3}",
        "${vars.region ^ 2}",
        "${f(,)}",
        "${[1]}",
        "${@}",
    ] {
        assert!(eval_str(bad).is_err(), "{bad} should fail");
    }
    let deep = format!("${{{}1{}}}", "(".repeat(500), ")".repeat(500));
    assert!(eval_str(&deep).is_err());
    let nots = format!("${{{}1}}", "!".repeat(500));
    assert!(eval_str(&nots).is_err());
}

#[test]
fn split_respects_quotes_and_braces() {
    assert_eq!(
        split("a${json('{}')}b").unwrap(),
        vec![
            Piece::Text("a".into()),
            Piece::Expr {
                raw: "${json('{}')}".into(),
                inner: "json('{}')".into()
            },
            Piece::Text("b".into()),
        ]
    );
    assert!(split("${vars.x").is_err());
}

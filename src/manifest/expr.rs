//! The `${...}` language: splitting strings into text and expressions, parsing an expression
//! (member access, `[...]`, calls, string/number literals, `!`, `==`/`!=`, `&&`, `||`, `?:`)
//! and evaluating it against a [`Scope`] that owns names and functions. Pure: no I/O here.

use serde_json::Value as Json;

/// Deeper parenthesis/call nesting than this is refused instead of recursing further.
const MAX_EXPR_DEPTH: usize = 48;

/// A value during evaluation.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Json(Json),
    /// A reference that found nothing; carries the path for the message.
    Undefined(String),
    /// Known only when another resource has run (`resources.R.output.x`).
    Deferred,
}

/// Why an expression failed; the caller adds the location.
#[derive(Debug, Clone, PartialEq)]
pub struct EvalError {
    pub message: String,
    pub hint: Option<String>,
    /// The `${...}` that failed, as written, so the caller can point at it.
    pub expr: Option<String>,
}

impl EvalError {
    pub fn new(message: impl Into<String>) -> EvalError {
        EvalError {
            message: message.into(),
            hint: None,
            expr: None,
        }
    }

    pub fn hint(mut self, hint: impl Into<String>) -> EvalError {
        self.hint = Some(hint.into());
        self
    }
}

/// Names and functions an expression can use.
pub trait Scope {
    /// A reference such as `vars.a.b`: `path[0]` is the root name.
    fn lookup(&mut self, path: &[String]) -> Result<Value, EvalError>;
    /// A function call such as `env('X', 'd')`.
    fn call(&mut self, name: &str, args: Vec<Value>) -> Result<Value, EvalError>;
}

/// A piece of a string value.
#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    Text(String),
    /// `raw` is `${...}` as written, `inner` what is between the braces.
    Expr {
        raw: String,
        inner: String,
    },
}

/// Split `text` at each `${...}`; braces and quotes inside the expression are respected.
pub fn split(text: &str) -> Result<Vec<Piece>, EvalError> {
    let mut pieces = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("${") {
        if start > 0 {
            pieces.push(Piece::Text(rest[..start].to_string()));
        }
        let body = &rest[start + 2..];
        let end = closing_brace(body).ok_or_else(|| {
            EvalError::new(format!("unclosed `${{` in `{}`", truncate(&rest[start..])))
                .hint("close the expression with `}`")
        })?;
        pieces.push(Piece::Expr {
            raw: rest[start..start + 2 + end + 1].to_string(),
            inner: body[..end].to_string(),
        });
        rest = &body[end + 1..];
    }
    if !rest.is_empty() {
        pieces.push(Piece::Text(rest.to_string()));
    }
    Ok(pieces)
}

fn truncate(text: &str) -> String {
    text.chars().take(40).collect()
}

/// Byte index of the `}` that closes an expression body.
fn closing_brace(body: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for (i, c) in body.char_indices() {
        if let Some(q) = quote {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                _ if c == q => quote = None,
                _ => {}
            }
            continue;
        }
        match c {
            '\'' | '"' => quote = Some(c),
            '{' => depth += 1,
            '}' if depth == 0 => return Some(i),
            '}' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// The result of evaluating one string value.
#[derive(Debug, Clone, PartialEq)]
pub enum Evaluated {
    /// A plain value (typed when the string was exactly one expression).
    Value(Json),
    /// Kept as source text because it needs another resource's output.
    Deferred(String),
}

/// Evaluate a string: a lone `${...}` keeps its type, a mixed string interpolates text. A
/// string result that contains `${` again is evaluated once more.
pub fn evaluate_string(text: &str, scope: &mut dyn Scope) -> Result<Evaluated, EvalError> {
    let first = evaluate_once(text, scope)?;
    match &first {
        Evaluated::Value(Json::String(s)) if s.contains("${") && s != text => {
            evaluate_once(s, scope)
        }
        _ => Ok(first),
    }
}

fn evaluate_once(text: &str, scope: &mut dyn Scope) -> Result<Evaluated, EvalError> {
    let pieces = split(text)?;
    let at = |raw: &str| {
        let raw = raw.to_string();
        move |mut e: EvalError| {
            e.expr.get_or_insert(raw);
            e
        }
    };
    if let [Piece::Expr { raw, inner }] = pieces.as_slice() {
        return match evaluate(inner, scope).map_err(at(raw))? {
            Value::Json(v) => Ok(Evaluated::Value(v)),
            Value::Deferred => Ok(Evaluated::Deferred(raw.clone())),
            Value::Undefined(path) => Err(at(raw)(not_found(&path))),
        };
    }
    let mut out = String::new();
    let mut deferred = false;
    for piece in &pieces {
        match piece {
            Piece::Text(t) => out.push_str(t),
            Piece::Expr { raw, inner } => match evaluate(inner, scope).map_err(at(raw))? {
                Value::Json(v) => out.push_str(&text_form(&v)),
                Value::Deferred => {
                    deferred = true;
                    out.push_str(raw);
                }
                Value::Undefined(path) => return Err(at(raw)(not_found(&path))),
            },
        }
    }
    Ok(if deferred {
        Evaluated::Deferred(out)
    } else {
        Evaluated::Value(Json::String(out))
    })
}

fn not_found(path: &str) -> EvalError {
    EvalError::new(format!("`{path}` not found"))
}

/// How a value reads inside a longer string.
pub fn text_form(value: &Json) -> String {
    match value {
        Json::String(s) => s.clone(),
        Json::Null => "null".into(),
        other => other.to_string(),
    }
}

/// Parse and evaluate one expression (the text between `${` and `}`).
pub fn evaluate(source: &str, scope: &mut dyn Scope) -> Result<Value, EvalError> {
    let expr = parse(source)?;
    eval(&expr, scope)
}

// ---------------------------------------------------------------- syntax

#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Name(String),
    Literal(Json),
    Member(Box<Expr>, Box<Expr>),
    Call(String, Vec<Expr>),
    Not(Box<Expr>),
    Neg(Box<Expr>),
    /// `left`, `right`, negated (`!=`), strict (`===`).
    Eq(Box<Expr>, Box<Expr>, bool, bool),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Cond(Box<Expr>, Box<Expr>, Box<Expr>),
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Ident(String),
    Str(String),
    Num(Json),
    Punct(&'static str),
}

const PUNCTS: &[&str] = &[
    "===", "!==", "==", "!=", "||", "&&", ".", "[", "]", "(", ")", ",", "?", ":", "!", "-",
];

fn is_ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '$' || c == '-'
}

fn tokenize(src: &str) -> Result<Vec<Token>, EvalError> {
    let chars: Vec<char> = src.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let after_dot = matches!(tokens.last(), Some(Token::Punct(".")));
        if c.is_whitespace() {
            i += 1;
        } else if after_dot && is_ident_char(c) {
            // After `.` any name goes, digits included: `vars.list.0`, `a.b-c`.
            let start = i;
            while i < chars.len() && is_ident_char(chars[i]) {
                i += 1;
            }
            tokens.push(Token::Ident(chars[start..i].iter().collect()));
        } else if c.is_ascii_alphabetic() || c == '_' || c == '$' {
            let start = i;
            while i < chars.len() && is_ident_char(chars[i]) {
                i += 1;
            }
            tokens.push(Token::Ident(chars[start..i].iter().collect()));
        } else if c.is_ascii_digit() {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                i += 1;
            }
            let text: String = chars[start..i].iter().collect();
            tokens.push(Token::Num(number(&text)?));
        } else if c == '\'' || c == '"' {
            let (text, next) = string_literal(&chars, i)?;
            tokens.push(Token::Str(text));
            i = next;
        } else {
            let rest: String = chars[i..chars.len().min(i + 3)].iter().collect();
            let punct = PUNCTS
                .iter()
                .find(|p| rest.starts_with(**p))
                .ok_or_else(|| EvalError::new(format!("unexpected `{c}` in expression `{src}`")))?;
            tokens.push(Token::Punct(punct));
            i += punct.chars().count();
        }
    }
    Ok(tokens)
}

fn number(text: &str) -> Result<Json, EvalError> {
    if let Ok(i) = text.parse::<i64>() {
        return Ok(Json::from(i));
    }
    text.parse::<f64>()
        .ok()
        .and_then(serde_json::Number::from_f64)
        .map(Json::Number)
        .ok_or_else(|| EvalError::new(format!("invalid number `{text}`")))
}

fn string_literal(chars: &[char], start: usize) -> Result<(String, usize), EvalError> {
    let quote = chars[start];
    let mut out = String::new();
    let mut i = start + 1;
    while i < chars.len() {
        match chars[i] {
            '\\' if i + 1 < chars.len() => {
                out.push(match chars[i + 1] {
                    'n' => '\n',
                    't' => '\t',
                    'r' => '\r',
                    other => other,
                });
                i += 2;
            }
            c if c == quote => return Ok((out, i + 1)),
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    Err(EvalError::new("unterminated string literal").hint(format!("close it with {quote}")))
}

/// Parse an expression.
pub fn parse(source: &str) -> Result<Expr, EvalError> {
    let tokens = tokenize(source)?;
    if tokens.is_empty() {
        return Err(EvalError::new("empty expression `${}`")
            .hint("write a reference such as `${vars.region}`"));
    }
    let mut parser = ExprParser {
        tokens,
        pos: 0,
        depth: 0,
        source,
    };
    let expr = parser.conditional()?;
    if parser.pos < parser.tokens.len() {
        return Err(parser.unexpected());
    }
    Ok(expr)
}

struct ExprParser<'a> {
    tokens: Vec<Token>,
    pos: usize,
    depth: usize,
    source: &'a str,
}

impl ExprParser<'_> {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos)
    }

    fn eat(&mut self, punct: &str) -> bool {
        if matches!(self.peek(), Some(Token::Punct(p)) if *p == punct) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn expect(&mut self, punct: &str) -> Result<(), EvalError> {
        if self.eat(punct) {
            Ok(())
        } else {
            Err(self.unexpected())
        }
    }

    fn unexpected(&self) -> EvalError {
        let what = match self.peek() {
            None => "end of expression".to_string(),
            Some(Token::Ident(s)) => format!("`{s}`"),
            Some(Token::Str(s)) => format!("'{s}'"),
            Some(Token::Num(n)) => format!("`{n}`"),
            Some(Token::Punct(p)) => format!("`{p}`"),
        };
        EvalError::new(format!("unexpected {what} in expression `{}`", self.source))
            .hint("supported: references (`vars.x`), calls (`env('X')`), quotes, numbers, `||`, `&&`, `==`, `!=`, `!`, `?:`")
    }

    fn nested<T>(
        &mut self,
        f: impl FnOnce(&mut Self) -> Result<T, EvalError>,
    ) -> Result<T, EvalError> {
        self.depth += 1;
        if self.depth > MAX_EXPR_DEPTH {
            return Err(EvalError::new("expression nested too deeply"));
        }
        let result = f(self);
        self.depth -= 1;
        result
    }

    fn conditional(&mut self) -> Result<Expr, EvalError> {
        self.nested(|p| {
            let cond = p.or()?;
            if !p.eat("?") {
                return Ok(cond);
            }
            let yes = p.conditional()?;
            p.expect(":")?;
            let no = p.conditional()?;
            Ok(Expr::Cond(Box::new(cond), Box::new(yes), Box::new(no)))
        })
    }

    fn or(&mut self) -> Result<Expr, EvalError> {
        let mut left = self.and()?;
        while self.eat("||") {
            left = Expr::Or(Box::new(left), Box::new(self.and()?));
        }
        Ok(left)
    }

    fn and(&mut self) -> Result<Expr, EvalError> {
        let mut left = self.equality()?;
        while self.eat("&&") {
            left = Expr::And(Box::new(left), Box::new(self.equality()?));
        }
        Ok(left)
    }

    fn equality(&mut self) -> Result<Expr, EvalError> {
        let mut left = self.unary()?;
        loop {
            let (negate, strict) = if self.eat("===") {
                (false, true)
            } else if self.eat("==") {
                (false, false)
            } else if self.eat("!==") {
                (true, true)
            } else if self.eat("!=") {
                (true, false)
            } else {
                return Ok(left);
            };
            left = Expr::Eq(Box::new(left), Box::new(self.unary()?), negate, strict);
        }
    }

    fn unary(&mut self) -> Result<Expr, EvalError> {
        if self.eat("!") {
            return self.nested(|p| Ok(Expr::Not(Box::new(p.unary()?))));
        }
        if self.eat("-") {
            return self.nested(|p| Ok(Expr::Neg(Box::new(p.unary()?))));
        }
        self.postfix()
    }

    fn postfix(&mut self) -> Result<Expr, EvalError> {
        let mut expr = self.primary()?;
        loop {
            if self.eat(".") {
                match self.peek().cloned() {
                    Some(Token::Ident(name)) => {
                        self.pos += 1;
                        expr = Expr::Member(
                            Box::new(expr),
                            Box::new(Expr::Literal(Json::String(name))),
                        );
                    }
                    _ => return Err(self.unexpected()),
                }
            } else if self.eat("[") {
                let index = self.conditional()?;
                self.expect("]")?;
                expr = Expr::Member(Box::new(expr), Box::new(index));
            } else {
                return Ok(expr);
            }
        }
    }

    fn primary(&mut self) -> Result<Expr, EvalError> {
        let token = self.peek().cloned();
        match token {
            Some(Token::Str(s)) => {
                self.pos += 1;
                Ok(Expr::Literal(Json::String(s)))
            }
            Some(Token::Num(n)) => {
                self.pos += 1;
                Ok(Expr::Literal(n))
            }
            Some(Token::Ident(name)) => {
                self.pos += 1;
                match name.as_str() {
                    "true" => return Ok(Expr::Literal(Json::Bool(true))),
                    "false" => return Ok(Expr::Literal(Json::Bool(false))),
                    "null" | "undefined" => return Ok(Expr::Literal(Json::Null)),
                    _ => {}
                }
                if self.eat("(") {
                    return self.nested(|p| Ok(Expr::Call(name, p.arguments()?)));
                }
                Ok(Expr::Name(name))
            }
            Some(Token::Punct("(")) => {
                self.pos += 1;
                let inner = self.conditional()?;
                self.expect(")")?;
                Ok(inner)
            }
            _ => Err(self.unexpected()),
        }
    }

    fn arguments(&mut self) -> Result<Vec<Expr>, EvalError> {
        let mut args = Vec::new();
        if self.eat(")") {
            return Ok(args);
        }
        loop {
            args.push(self.conditional()?);
            if self.eat(")") {
                return Ok(args);
            }
            self.expect(",")?;
        }
    }
}

// ---------------------------------------------------------------- evaluation

fn eval(expr: &Expr, scope: &mut dyn Scope) -> Result<Value, EvalError> {
    match expr {
        Expr::Literal(v) => Ok(Value::Json(v.clone())),
        Expr::Name(_) | Expr::Member(..) => member(expr, scope),
        Expr::Call(name, args) => {
            let values = args
                .iter()
                .map(|a| eval(a, scope))
                .collect::<Result<Vec<_>, _>>()?;
            scope.call(name, values)
        }
        Expr::Not(inner) => Ok(match eval(inner, scope)? {
            Value::Deferred => Value::Deferred,
            v => Value::Json(Json::Bool(!truthy(&v))),
        }),
        Expr::Neg(inner) => match eval(inner, scope)? {
            Value::Json(Json::Number(n)) => Ok(Value::Json(match n.as_i64() {
                Some(i) => Json::from(-i),
                None => serde_json::Number::from_f64(-n.as_f64().unwrap_or(0.0))
                    .map_or(Json::Null, Json::Number),
            })),
            Value::Deferred => Ok(Value::Deferred),
            _ => Err(EvalError::new("`-` applies to numbers only")),
        },
        Expr::Eq(a, b, negate, strict) => {
            let (a, b) = (eval(a, scope)?, eval(b, scope)?);
            if a == Value::Deferred || b == Value::Deferred {
                return Ok(Value::Deferred);
            }
            let equal = if *strict {
                strict_eq(&a, &b)
            } else {
                loose_eq(&a, &b)
            };
            Ok(Value::Json(Json::Bool(equal != *negate)))
        }
        Expr::And(a, b) => {
            let left = eval(a, scope)?;
            match left {
                Value::Deferred => Ok(Value::Deferred),
                _ if !truthy(&left) => Ok(left),
                _ => eval(b, scope),
            }
        }
        Expr::Or(a, b) => {
            let left = eval(a, scope)?;
            match left {
                Value::Deferred => Ok(Value::Deferred),
                _ if truthy(&left) => Ok(left),
                _ => eval(b, scope),
            }
        }
        Expr::Cond(c, yes, no) => match eval(c, scope)? {
            Value::Deferred => Ok(Value::Deferred),
            v if truthy(&v) => eval(yes, scope),
            _ => eval(no, scope),
        },
    }
}

/// A member chain. Chains rooted in a name go to the scope as one path, so the scope can
/// walk its own data lazily (and notice `resources.R.output`); others walk the JSON value.
fn member(expr: &Expr, scope: &mut dyn Scope) -> Result<Value, EvalError> {
    let mut keys = Vec::new();
    let mut cursor = expr;
    while let Expr::Member(base, key) = cursor {
        keys.push(key.as_ref());
        cursor = base;
    }
    keys.reverse();
    match cursor {
        Expr::Name(root) => {
            let mut path = vec![root.clone()];
            for key in keys {
                path.push(key_text(key, scope)?);
            }
            scope.lookup(&path)
        }
        base => {
            let mut value = eval(base, scope)?;
            let mut shown = String::from("(value)");
            for key in keys {
                let key = key_text(key, scope)?;
                shown.push('.');
                shown.push_str(&key);
                value = match value {
                    Value::Json(json) => {
                        walk(&json, &key).map_or(Value::Undefined(shown.clone()), Value::Json)
                    }
                    other => other,
                };
            }
            Ok(value)
        }
    }
}

fn key_text(key: &Expr, scope: &mut dyn Scope) -> Result<String, EvalError> {
    match eval(key, scope)? {
        Value::Json(Json::String(s)) => Ok(s),
        Value::Json(Json::Number(n)) => Ok(n.to_string()),
        _ => Err(EvalError::new(
            "a `[...]` index must be a string or a number",
        )),
    }
}

/// One step into a JSON value: a key of an object or an index of an array.
pub fn walk(value: &Json, key: &str) -> Option<Json> {
    match value {
        Json::Object(map) => map.get(key).cloned(),
        Json::Array(items) => key
            .parse::<usize>()
            .ok()
            .and_then(|i| items.get(i).cloned()),
        _ => None,
    }
}

/// JavaScript truthiness.
pub fn truthy(value: &Value) -> bool {
    match value {
        Value::Undefined(_) => false,
        Value::Deferred => true,
        Value::Json(json) => match json {
            Json::Null => false,
            Json::Bool(b) => *b,
            Json::Number(n) => n.as_f64().is_some_and(|f| f != 0.0 && !f.is_nan()),
            Json::String(s) => !s.is_empty(),
            _ => true,
        },
    }
}

/// `===`: same type and value; two undefined values are equal.
fn strict_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Json(Json::Number(x)), Value::Json(Json::Number(y))) => x.as_f64() == y.as_f64(),
        (Value::Json(x), Value::Json(y)) => x == y,
        (Value::Undefined(_), Value::Undefined(_)) => true,
        _ => false,
    }
}

/// `==` as manifests use it: numbers compare with numeric strings, null with undefined.
fn loose_eq(a: &Value, b: &Value) -> bool {
    let as_json = |v: &Value| match v {
        Value::Json(j) => j.clone(),
        _ => Json::Null,
    };
    let (a, b) = (as_json(a), as_json(b));
    match (&a, &b) {
        (Json::Number(x), Json::String(s)) | (Json::String(s), Json::Number(x)) => {
            s.trim().parse::<f64>().ok() == x.as_f64()
        }
        (Json::Number(x), Json::Number(y)) => x.as_f64() == y.as_f64(),
        _ => a == b,
    }
}

#[cfg(test)]
mod tests;

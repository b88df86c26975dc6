//! YAML with positions: every node (and every mapping key) knows its `file:line:col`.
//! Built from yaml-rust2's marked events with an explicit stack, so hostile input (deep
//! nesting, alias bombs, odd keys) ends in an error, never a panic or a stack overflow.

use std::collections::HashMap;
use std::sync::Arc;

use yaml_rust2::parser::{Event, Parser, Tag};
use yaml_rust2::scanner::{Marker, TScalarStyle};

use super::diagnostic::{ManifestError, Source, Span};

/// Deeper than any real manifest; keeps recursive walks (drop, merge, render) safe.
pub const MAX_DEPTH: usize = 64;
/// Nodes a document may expand to through aliases before it counts as an alias bomb.
const MAX_NODES: usize = 200_000;

#[derive(Debug, Clone)]
pub struct Node {
    pub span: Span,
    pub kind: Kind,
}

#[derive(Debug, Clone)]
pub enum Kind {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<Entry>),
}

#[derive(Debug, Clone)]
pub struct Entry {
    pub key: String,
    pub key_span: Span,
    pub value: Node,
}

impl Node {
    pub fn new(span: Span, kind: Kind) -> Node {
        Node { span, kind }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            Kind::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn entries(&self) -> Option<&[Entry]> {
        match &self.kind {
            Kind::Map(entries) => Some(entries),
            _ => None,
        }
    }

    pub fn entry(&self, key: &str) -> Option<&Entry> {
        self.entries()?.iter().find(|e| e.key == key)
    }

    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|e| &e.value)
    }

    /// A short name for the node's type, for messages.
    pub fn type_name(&self) -> &'static str {
        match self.kind {
            Kind::Null => "null",
            Kind::Bool(_) => "a boolean",
            Kind::Int(_) | Kind::Float(_) => "a number",
            Kind::Str(_) => "a string",
            Kind::Seq(_) => "a list",
            Kind::Map(_) => "a mapping",
        }
    }

    /// The JSON form (non-finite floats become their YAML text).
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value;
        match &self.kind {
            Kind::Null => Value::Null,
            Kind::Bool(b) => Value::Bool(*b),
            Kind::Int(i) => Value::from(*i),
            Kind::Float(f) => serde_json::Number::from_f64(*f)
                .map(Value::Number)
                .unwrap_or_else(|| Value::String(f.to_string())),
            Kind::Str(s) => Value::String(s.clone()),
            Kind::Seq(items) => Value::Array(items.iter().map(Node::to_json).collect()),
            Kind::Map(entries) => Value::Object(
                entries
                    .iter()
                    .map(|e| (e.key.clone(), e.value.to_json()))
                    .collect(),
            ),
        }
    }

    /// A node tree from JSON, every node placed at `span` (values computed by expressions).
    pub fn from_json(value: &serde_json::Value, span: &Span) -> Node {
        use serde_json::Value;
        let kind = match value {
            Value::Null => Kind::Null,
            Value::Bool(b) => Kind::Bool(*b),
            Value::Number(n) => match n.as_i64() {
                Some(i) => Kind::Int(i),
                None => Kind::Float(n.as_f64().unwrap_or(f64::NAN)),
            },
            Value::String(s) => Kind::Str(s.clone()),
            Value::Array(items) => {
                Kind::Seq(items.iter().map(|v| Node::from_json(v, span)).collect())
            }
            Value::Object(map) => Kind::Map(
                map.iter()
                    .map(|(k, v)| Entry {
                        key: k.clone(),
                        key_span: span.clone(),
                        value: Node::from_json(v, span),
                    })
                    .collect(),
            ),
        };
        Node::new(span.clone(), kind)
    }

    /// Nodes in this tree (for the alias budget).
    fn size(&self) -> usize {
        1 + match &self.kind {
            Kind::Seq(items) => items.iter().map(Node::size).sum(),
            Kind::Map(entries) => entries.iter().map(|e| 1 + e.value.size()).sum(),
            _ => 0,
        }
    }
}

/// Parse one YAML document. An empty document is `null`.
pub fn parse(source: &Arc<Source>) -> Result<Node, ManifestError> {
    let mut builder = Builder {
        source: source.clone(),
        stack: Vec::new(),
        anchors: HashMap::new(),
        nodes: 0,
        root: None,
    };
    let mut parser = Parser::new_from_str(&source.text);
    loop {
        let (event, mark) = parser.next_token().map_err(|e| {
            if e.info().contains("tab") {
                if let Some(span) = first_indenting_tab(source, e.marker().line().max(1)) {
                    return ManifestError::at(&span, "a tab indents this line")
                        .with_hint("YAML indents with spaces only; replace the tab with spaces");
                }
            }
            let span = builder.span(e.marker(), 1);
            ManifestError::at(&span, format!("invalid YAML: {}", e.info()))
                .with_hint("check the indentation and quoting around this place")
        })?;
        match event {
            Event::StreamEnd => break,
            Event::DocumentStart if builder.root.is_some() => {
                let span = builder.span(&mark, 3);
                return Err(ManifestError::at(&span, "more than one YAML document")
                    .with_hint("a manifest is one document; remove the `---` separator"));
            }
            _ => builder.event(event, &mark)?,
        }
    }
    Ok(builder
        .root
        .unwrap_or_else(|| Node::new(Span::new(source, 1, 1, 1), Kind::Null)))
}

/// The first tab in a line's indentation at or after `from` (1-based): the scanner reports a
/// tab where the value before it started, often the line above the tab.
fn first_indenting_tab(source: &Arc<Source>, from: usize) -> Option<Span> {
    source
        .text
        .lines()
        .enumerate()
        .skip(from.saturating_sub(1))
        .find_map(|(index, line)| {
            let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
            let col = line[..indent].find('\t')?;
            Some(Span::new(source, index + 1, col + 1, 1))
        })
}

enum Frame {
    Seq {
        span: Span,
        anchor: usize,
        items: Vec<Node>,
    },
    Map {
        span: Span,
        anchor: usize,
        entries: Vec<Entry>,
        key: Option<(String, Span)>,
    },
}

struct Builder {
    source: Arc<Source>,
    stack: Vec<Frame>,
    anchors: HashMap<usize, Node>,
    nodes: usize,
    root: Option<Node>,
}

impl Builder {
    fn span(&self, mark: &Marker, len: usize) -> Span {
        // yaml-rust2 columns are 0-based; lines are 1-based.
        Span::new(&self.source, mark.line().max(1), mark.col() + 1, len)
    }

    fn event(&mut self, event: Event, mark: &Marker) -> Result<(), ManifestError> {
        match event {
            Event::Scalar(value, style, anchor, tag) => {
                let len = scalar_len(&value, style);
                let node = Node::new(self.span(mark, len), resolve(value, style, tag.as_ref()));
                self.finish(node, anchor, mark)
            }
            Event::Alias(id) => {
                let span = self.span(mark, 1);
                let node =
                    self.anchors.get(&id).cloned().ok_or_else(|| {
                        ManifestError::at(&span, "alias refers to an unknown anchor")
                    })?;
                self.finish(node, 0, mark)
            }
            Event::SequenceStart(anchor, _) => self.open(Frame::Seq {
                span: self.span(mark, 1),
                anchor,
                items: Vec::new(),
            }),
            Event::MappingStart(anchor, _) => self.open(Frame::Map {
                span: self.span(mark, 1),
                anchor,
                entries: Vec::new(),
                key: None,
            }),
            Event::SequenceEnd | Event::MappingEnd => {
                let (node, anchor) = match self.stack.pop() {
                    Some(Frame::Seq {
                        span,
                        anchor,
                        items,
                    }) => (Node::new(span, Kind::Seq(items)), anchor),
                    Some(Frame::Map {
                        span,
                        anchor,
                        entries,
                        ..
                    }) => (
                        Node::new(span, Kind::Map(apply_merge_keys(entries))),
                        anchor,
                    ),
                    None => return Ok(()),
                };
                self.finish(node, anchor, mark)
            }
            _ => Ok(()),
        }
    }

    fn open(&mut self, frame: Frame) -> Result<(), ManifestError> {
        if self.stack.len() >= MAX_DEPTH {
            let span = match &frame {
                Frame::Seq { span, .. } | Frame::Map { span, .. } => span.clone(),
            };
            return Err(ManifestError::at(
                &span,
                format!("nesting deeper than {MAX_DEPTH} levels"),
            )
            .with_hint("flatten this structure"));
        }
        self.stack.push(frame);
        Ok(())
    }

    /// A complete node: remember its anchor, then hand it to the enclosing collection.
    fn finish(&mut self, node: Node, anchor: usize, mark: &Marker) -> Result<(), ManifestError> {
        self.nodes += node.size();
        if self.nodes > MAX_NODES {
            return Err(ManifestError::at(
                &node.span,
                "document too large after expanding aliases",
            )
            .with_hint("aliases (`*name`) expand to more than 200000 values here"));
        }
        if anchor != 0 {
            self.anchors.insert(anchor, node.clone());
        }
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map { entries, key, .. }) => match key.take() {
                None => *key = Some(map_key(node)?),
                Some((name, key_span)) => {
                    if name != "<<" && entries.iter().any(|e| e.key == name) {
                        let _ = mark;
                        return Err(ManifestError::at(
                            &key_span,
                            format!("duplicate key `{name}`"),
                        )
                        .with_hint("each key may appear once in a mapping; remove one of them"));
                    }
                    entries.push(Entry {
                        key: name,
                        key_span,
                        value: node,
                    });
                }
            },
        }
        Ok(())
    }
}

/// Mapping keys are scalars; `1: x` and `true: y` become the keys `"1"` and `"true"`.
fn map_key(node: Node) -> Result<(String, Span), ManifestError> {
    let text = match node.kind {
        Kind::Str(s) => s,
        Kind::Null => "null".to_string(),
        Kind::Bool(b) => b.to_string(),
        Kind::Int(i) => i.to_string(),
        Kind::Float(f) => f.to_string(),
        Kind::Seq(_) | Kind::Map(_) => {
            return Err(
                ManifestError::at(&node.span, "a mapping key must be a plain value")
                    .with_hint("keys are names such as `memorySize`, not lists or mappings"),
            )
        }
    };
    Ok((text, node.span))
}

/// YAML merge keys (`<<: *base`): entries of the merged mappings that the mapping does not
/// set itself are added after its own.
fn apply_merge_keys(entries: Vec<Entry>) -> Vec<Entry> {
    if !entries.iter().any(|e| e.key == "<<") {
        return entries;
    }
    let (merges, mut own): (Vec<Entry>, Vec<Entry>) =
        entries.into_iter().partition(|e| e.key == "<<");
    for merge in merges {
        let sources = match merge.value.kind {
            Kind::Seq(items) => items,
            other => vec![Node::new(merge.value.span, other)],
        };
        for source in sources {
            if let Kind::Map(inherited) = source.kind {
                for entry in inherited {
                    if !own.iter().any(|e| e.key == entry.key) {
                        own.push(entry);
                    }
                }
            }
        }
    }
    own
}

fn scalar_len(value: &str, style: TScalarStyle) -> usize {
    let first_line = value.lines().next().unwrap_or("").chars().count();
    match style {
        TScalarStyle::SingleQuoted | TScalarStyle::DoubleQuoted => first_line + 2,
        TScalarStyle::Plain => first_line.max(1),
        _ => 1,
    }
}

/// Scalar typing as YAML 1.2's core schema (what serde_yaml does): only plain scalars are
/// typed; quoted and block scalars, and `!!str`, are strings.
fn resolve(value: String, style: TScalarStyle, tag: Option<&Tag>) -> Kind {
    if tag.is_some_and(|t| t.suffix == "str") || style != TScalarStyle::Plain {
        return Kind::Str(value);
    }
    match value.as_str() {
        "" | "~" | "null" | "Null" | "NULL" => return Kind::Null,
        "true" | "True" | "TRUE" => return Kind::Bool(true),
        "false" | "False" | "FALSE" => return Kind::Bool(false),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return Kind::Float(f64::INFINITY)
        }
        "-.inf" | "-.Inf" | "-.INF" => return Kind::Float(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return Kind::Float(f64::NAN),
        _ => {}
    }
    if let Some(kind) = parse_int(&value) {
        return kind;
    }
    if looks_like_float(&value) {
        if let Ok(f) = value.parse::<f64>() {
            return Kind::Float(f);
        }
    }
    Kind::Str(value)
}

fn parse_int(text: &str) -> Option<Kind> {
    let (negative, digits) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    let (radix, digits) = if let Some(hex) = digits.strip_prefix("0x") {
        (16, hex)
    } else if let Some(oct) = digits.strip_prefix("0o") {
        (8, oct)
    } else {
        (10, digits)
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    match i64::from_str_radix(digits, radix) {
        Ok(v) => Some(Kind::Int(if negative { -v } else { v })),
        // Larger than i64: keep the magnitude as a float, like other YAML loaders.
        Err(_) if radix == 10 => text.parse::<f64>().ok().map(Kind::Float),
        Err(_) => None,
    }
}

fn looks_like_float(text: &str) -> bool {
    let body = text.trim_start_matches(['-', '+']);
    let mut digits = false;
    for (i, c) in body.char_indices() {
        match c {
            '0'..='9' => digits = true,
            '.' => {}
            'e' | 'E' => {
                let exp = body[i + 1..].trim_start_matches(['-', '+']);
                return digits && !exp.is_empty() && exp.chars().all(|c| c.is_ascii_digit());
            }
            _ => return false,
        }
    }
    digits && body.matches('.').count() <= 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(text: &str) -> Result<Node, ManifestError> {
        parse(&Arc::new(Source {
            name: "s.yaml".into(),
            text: text.into(),
        }))
    }

    #[test]
    fn keeps_positions_of_keys_and_values() {
        let root = parse_str("a: 1\nres:\n  memorySize: 100\n").unwrap();
        let entry = root.get("res").unwrap().entry("memorySize").unwrap();
        assert_eq!((entry.key_span.line, entry.key_span.col), (3, 3));
        assert_eq!(
            (
                entry.value.span.line,
                entry.value.span.col,
                entry.value.span.len
            ),
            (3, 15, 3)
        );
    }

    #[test]
    fn types_plain_scalars_only() {
        let root = parse_str(
            "a: 1\nb: '1'\nc: 0.5\nd: true\ne: ~\nf: 1e3\ng: 99999999999999999999\nh: v1.2\n",
        )
        .unwrap();
        let json = root.to_json();
        assert_eq!(json["a"], 1);
        assert_eq!(json["b"], "1");
        assert_eq!(json["c"], 0.5);
        assert_eq!(json["d"], true);
        assert!(json["e"].is_null());
        assert_eq!(json["f"], 1000.0);
        assert!(json["g"].is_f64());
        assert_eq!(json["h"], "v1.2");
    }

    #[test]
    fn anchors_aliases_and_merge_keys() {
        let root =
            parse_str("base: &b {x: 1, y: 2}\nother:\n  <<: *b\n  y: 3\ncopy: *b\n").unwrap();
        let json = root.to_json();
        assert_eq!(json["other"], serde_json::json!({"y": 3, "x": 1}));
        assert_eq!(json["copy"], serde_json::json!({"x": 1, "y": 2}));
    }

    #[test]
    fn rejects_duplicate_keys_deep_nesting_and_alias_bombs() {
        assert!(parse_str("a: 1\na: 2\n")
            .unwrap_err()
            .message
            .contains("duplicate key"));
        let deep = "[".repeat(10_000);
        assert!(parse_str(&deep).is_err());
        let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 0..8 {
            let prev = if i == 0 {
                "a".to_string()
            } else {
                format!("l{}", i - 1)
            };
            bomb.push_str(&format!("l{i}: &l{i} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
        }
        assert!(parse_str(&bomb).unwrap_err().message.contains("too large"));
    }
}

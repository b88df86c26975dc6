//! Inheritance: deep merge of mappings (the overriding side wins, lists are replaced), used
//! by resource templates (`extend: {name, ignore}`) and by a top-level `extend: base.yaml`.

use super::yaml::{Entry, Kind, Node};

/// `over` merged onto `base`: mappings merge key by key, anything else in `over` replaces.
pub fn deep_merge(base: Node, over: Node) -> Node {
    match (base.kind, over.kind) {
        (Kind::Map(mut base_entries), Kind::Map(over_entries)) => {
            for entry in over_entries {
                match base_entries.iter().position(|e| e.key == entry.key) {
                    Some(i) => {
                        let old = base_entries.remove(i);
                        base_entries.insert(
                            i,
                            Entry {
                                value: deep_merge(old.value, entry.value),
                                ..entry
                            },
                        );
                    }
                    None => base_entries.push(entry),
                }
            }
            Node::new(over.span, Kind::Map(base_entries))
        }
        (_, kind) => Node::new(over.span, kind),
    }
}

/// A copy of `node` without the top-level keys in `ignore`.
pub fn without_keys(node: Node, ignore: &[String]) -> Node {
    match node.kind {
        Kind::Map(entries) => Node::new(
            node.span,
            Kind::Map(
                entries
                    .into_iter()
                    .filter(|e| !ignore.contains(&e.key))
                    .collect(),
            ),
        ),
        other => Node::new(node.span, other),
    }
}

/// `node` without the key `key`.
pub fn remove_key(node: &mut Node, key: &str) -> Option<Entry> {
    if let Kind::Map(entries) = &mut node.kind {
        let i = entries.iter().position(|e| e.key == key)?;
        return Some(entries.remove(i));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::manifest::diagnostic::Source;
    use std::sync::Arc;

    fn yaml(text: &str) -> Node {
        crate::manifest::yaml::parse(&Arc::new(Source {
            name: "s.yaml".into(),
            text: text.into(),
        }))
        .unwrap()
    }

    #[test]
    fn mappings_merge_and_lists_are_replaced() {
        let merged = deep_merge(
            yaml("a: {x: 1, y: [1, 2]}\nb: 1\n"),
            yaml("a: {y: [3], z: 2}\nc: 3\n"),
        );
        assert_eq!(
            merged.to_json(),
            serde_json::json!({"a": {"x": 1, "y": [3], "z": 2}, "b": 1, "c": 3})
        );
    }

    #[test]
    fn ignore_drops_template_keys() {
        let node = without_keys(yaml("a: 1\nb: 2\n"), &["a".into()]);
        assert_eq!(node.to_json(), serde_json::json!({"b": 2}));
    }
}

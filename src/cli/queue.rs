//! `s queue list|receive|peek`: read what async destinations delivered to the engine's
//! local queues. Bodies go to stdout one per line (JSON/YAML with `-o`); receive deletes.

use std::time::Duration;

use super::args::QueueCommand;
use super::output::status;
use super::target::{block_on, connect};
use super::task::{format_ms, print_data, table};
use super::Context;
use crate::fc::QueueMessage;

/// What `s queue peek` shows at most.
const PEEK_MAX: u32 = 100;

pub fn run(ctx: &Context, cmd: QueueCommand) -> anyhow::Result<()> {
    let client = connect(ctx)?;
    match cmd {
        QueueCommand::List => {
            let queues = block_on(client.list_queues())?;
            if print_data(ctx, &queues)? {
                return Ok(());
            }
            if queues.is_empty() {
                eprintln!("no queues yet: async destinations create them on first delivery");
                return Ok(());
            }
            let rows: Vec<Vec<String>> = queues
                .iter()
                .map(|q| {
                    vec![
                        q.name.clone(),
                        q.messages.to_string(),
                        format_ms(q.created_time),
                    ]
                })
                .collect();
            print!("{}", table(&["NAME", "MESSAGES", "CREATED"], &rows));
        }
        QueueCommand::Receive { name, max, wait } => {
            let wait = Duration::from_secs(wait);
            let messages = block_on(client.receive_messages(&name, max, wait))?;
            require_queue(ctx, &client, &name, &messages)?;
            show(ctx, &name, &messages, "Received")?;
        }
        QueueCommand::Peek { name } => {
            let messages = block_on(client.peek_messages(&name, PEEK_MAX))?;
            require_queue(ctx, &client, &name, &messages)?;
            show(ctx, &name, &messages, "Peeked")?;
        }
    }
    Ok(())
}

/// An empty answer from a queue that does not exist is an error, not an empty queue, unless
/// the project's `s.yaml` delivers to it (then nothing was delivered yet, and waiting for the
/// first delivery is what the user is doing).
fn require_queue(
    ctx: &Context,
    client: &crate::client::FcClient,
    name: &str,
    messages: &[QueueMessage],
) -> anyhow::Result<()> {
    if !messages.is_empty() {
        return Ok(());
    }
    let queues = block_on(client.list_queues())?;
    if queues.iter().any(|q| q.name == name) || named_by_manifest(ctx, name) {
        return Ok(());
    }
    let known: Vec<String> = queues.iter().map(|q| format!("`{}`", q.name)).collect();
    let known = if known.is_empty() {
        "there are no queues yet".to_string()
    } else {
        format!("the queues are {}", known.join(", "))
    };
    Err(super::Hinted::new(
        format!("queue `{name}` does not exist"),
        format!("a queue appears when an async destination or a dead-letter setting first delivers to it; {known} (`s queue list`)"),
    )
    .into())
}

fn show(ctx: &Context, name: &str, messages: &[QueueMessage], verb: &str) -> anyhow::Result<()> {
    if print_data(ctx, &messages)? {
        return Ok(());
    }
    status(verb, format!("{} message(s) from `{name}`", messages.len()));
    for message in messages {
        println!("{}", readable_body(&message.body));
    }
    Ok(())
}

/// A destination record carries the function's result and the request as JSON text inside
/// JSON (`"responsePayload": "{\"ok\": true}"`), escaped twice over by the time it is
/// printed; the human view shows such fields as the JSON they hold. `-o json` keeps the
/// body exactly as stored.
fn readable_body(body: &str) -> String {
    let Ok(serde_json::Value::Object(mut record)) = serde_json::from_str(body) else {
        return body.to_string();
    };
    for value in record.values_mut() {
        let parsed = match value {
            serde_json::Value::String(text) if text.starts_with(['{', '[']) => {
                serde_json::from_str::<serde_json::Value>(text).ok()
            }
            _ => None,
        };
        if let Some(parsed) = parsed {
            *value = parsed;
        }
    }
    serde_json::Value::Object(record).to_string()
}

/// Whether the project's `s.yaml` names queue `name` in an MNS ARN (`.../queues/<name>...`).
fn named_by_manifest(ctx: &Context, name: &str) -> bool {
    let Some(text) = ctx
        .manifest_path()
        .ok()
        .and_then(|path| std::fs::read_to_string(path).ok())
    else {
        return false;
    };
    let needle = format!("/queues/{name}");
    text.match_indices(&needle).any(|(at, _)| {
        let next = text[at + needle.len()..].chars().next();
        !next.is_some_and(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_text_inside_a_record_is_shown_as_json() {
        let body = r#"{"requestContext":{"requestId":"r"},"responsePayload":"{\"received\": 3}","note":"{not json"}"#;
        assert_eq!(
            readable_body(body),
            r#"{"requestContext":{"requestId":"r"},"responsePayload":{"received":3},"note":"{not json"}"#
        );
        assert_eq!(readable_body("plain text"), "plain text");
    }
}

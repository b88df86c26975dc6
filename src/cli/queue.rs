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
            show(ctx, &name, &messages, "Received")?;
        }
        QueueCommand::Peek { name } => {
            let messages = block_on(client.peek_messages(&name, PEEK_MAX))?;
            show(ctx, &name, &messages, "Peeked")?;
        }
    }
    Ok(())
}

fn show(ctx: &Context, name: &str, messages: &[QueueMessage], verb: &str) -> anyhow::Result<()> {
    if print_data(ctx, &messages)? {
        return Ok(());
    }
    status(verb, format!("{} message(s) from `{name}`", messages.len()));
    for message in messages {
        println!("{}", message.body);
    }
    Ok(())
}

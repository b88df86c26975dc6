//! `s task list|get|stop`: the stateful async tasks of the project's function, as a table
//! (or a detail view) for people and as JSON/YAML with `-o`.

use serde::Serialize;

use super::args::TaskCommand;
use super::info::function_name;
use super::invoke::single_resource;
use super::output::status;
use super::target::{block_on, connect};
use super::{Context, OutputFormat};
use crate::client::TaskListOptions;
use crate::fc::AsyncTask;

pub fn run(ctx: &Context, cmd: TaskCommand) -> anyhow::Result<()> {
    let manifest = ctx.load_manifest()?;
    let resource = single_resource(ctx, &manifest)?;
    let function = function_name(&resource.props, &resource.name);
    let client = connect(ctx)?;
    match cmd {
        TaskCommand::List { status, limit } => {
            let options = TaskListOptions {
                status: status.as_deref().map(canonical_status).transpose()?,
                limit: limit as usize,
                ..Default::default()
            };
            let tasks = block_on(client.list_async_tasks(&function, &options))?;
            if !print_data(ctx, &tasks)? {
                print_task_table(&tasks);
            }
        }
        TaskCommand::Get { id } => {
            let task = block_on(client.get_async_task(&function, &id))?;
            if !print_data(ctx, &task)? {
                print_task(&task);
            }
        }
        TaskCommand::Stop { id } => {
            block_on(client.stop_async_task(&function, &id))?;
            let task = block_on(client.get_async_task(&function, &id))?;
            if task.status == "Stopped" {
                status("Stopped", format!("task `{id}`"));
            } else {
                // The instance is still being stopped; `s task get` shows when it is done.
                status("Stopping", format!("task `{id}` (now {})", task.status));
            }
            print_data(ctx, &task)?;
        }
    }
    Ok(())
}

/// `--status failed` means `Failed`: FC's status names in any case.
fn canonical_status(text: &str) -> anyhow::Result<String> {
    use crate::engine::store::TaskStatus;
    TaskStatus::ALL
        .into_iter()
        .find(|s| s.as_str().eq_ignore_ascii_case(text.trim()))
        .map(|s| s.as_str().to_string())
        .ok_or_else(|| {
            let all: Vec<&str> = TaskStatus::ALL.iter().map(|s| s.as_str()).collect();
            super::Hinted::new(
                format!("`--status {text}` is not a task status"),
                format!("use one of {}", all.join(", ")),
            )
            .into()
        })
}

/// JSON or YAML on stdout when `-o` asks for it; false for the human view.
pub(crate) fn print_data<T: Serialize>(ctx: &Context, value: &T) -> anyhow::Result<bool> {
    match ctx.output() {
        OutputFormat::Json => println!("{}", serde_json::to_string_pretty(value)?),
        OutputFormat::Raw => println!("{}", serde_json::to_string(value)?),
        OutputFormat::Yaml => print!("{}", serde_yaml::to_string(value)?),
        OutputFormat::Default => return Ok(false),
    }
    Ok(true)
}

fn print_task_table(tasks: &[AsyncTask]) {
    if tasks.is_empty() {
        eprintln!("no async tasks");
        return;
    }
    let rows: Vec<Vec<String>> = tasks
        .iter()
        .map(|t| {
            vec![
                t.task_id.clone(),
                t.status.clone(),
                t.started_time.map(format_ms).unwrap_or_default(),
                t.duration_ms.map(|d| format!("{d} ms")).unwrap_or_default(),
                t.already_retried_times.to_string(),
                t.destination_status.clone().unwrap_or_default(),
            ]
        })
        .collect();
    print!(
        "{}",
        table(
            &[
                "TASK ID",
                "STATUS",
                "STARTED",
                "DURATION",
                "RETRIES",
                "DESTINATION"
            ],
            &rows
        )
    );
}

fn print_task(task: &AsyncTask) {
    let mut lines = vec![
        ("Task ID", task.task_id.clone()),
        ("Request ID", task.request_id.clone()),
        ("Function", task.function_arn.clone()),
        ("Status", task.status.clone()),
        (
            "Started",
            task.started_time.map(format_ms).unwrap_or_default(),
        ),
        ("Ended", task.end_time.map(format_ms).unwrap_or_default()),
        (
            "Duration",
            task.duration_ms
                .map(|d| format!("{d} ms"))
                .unwrap_or_default(),
        ),
        ("Retries", task.already_retried_times.to_string()),
        ("Instance", task.instance_id.clone().unwrap_or_default()),
        (
            "Destination",
            task.destination_status.clone().unwrap_or_default(),
        ),
        ("Payload", task.task_payload.clone().unwrap_or_default()),
        ("Result", task.return_payload.clone().unwrap_or_default()),
        ("Error", task.task_error_message.clone().unwrap_or_default()),
    ];
    lines.retain(|(_, value)| !value.is_empty());
    for (key, value) in lines {
        println!("{:<12} {value}", format!("{key}:"));
    }
    println!("Events:");
    for event in &task.events {
        let detail = event.event_detail.as_deref().unwrap_or("");
        let line = format!(
            "  {}  {:<10} {detail}",
            format_ms(event.timestamp),
            event.status
        );
        println!("{}", line.trim_end());
    }
}

/// Columns padded to their widest cell; the last column is not padded.
pub(crate) fn table(headers: &[&str], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = headers.iter().map(|h| h.len()).collect();
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let line = |cells: Vec<&str>| {
        let mut out = String::new();
        for (i, cell) in cells.iter().enumerate() {
            if i + 1 == cells.len() {
                out.push_str(cell);
            } else {
                out.push_str(&format!("{cell:<width$}  ", width = widths[i]));
            }
        }
        out.trim_end().to_string() + "\n"
    };
    let mut out = line(headers.to_vec());
    for row in rows {
        out.push_str(&line(row.iter().map(String::as_str).collect()));
    }
    out
}

/// Epoch ms as `YYYY-MM-DD HH:MM:SS.mmm` UTC.
pub(crate) fn format_ms(ms: i64) -> String {
    let Ok(at) = time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000) else {
        return ms.to_string();
    };
    let format = time::macros::format_description!(
        "[year]-[month]-[day] [hour]:[minute]:[second].[subsecond digits:3]"
    );
    at.format(&format).unwrap_or_else(|_| ms.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_pads_columns_to_the_widest_cell() {
        let rows = vec![
            vec!["a".to_string(), "Running".to_string(), "x".to_string()],
            vec!["long-id".to_string(), "Ok".to_string(), String::new()],
        ];
        assert_eq!(
            table(&["ID", "STATUS", "NOTE"], &rows),
            "ID       STATUS   NOTE\na        Running  x\nlong-id  Ok\n"
        );
    }

    #[test]
    fn times_are_utc_with_milliseconds() {
        assert_eq!(format_ms(1_647_420_449_721), "2022-03-16 08:47:29.721");
    }
}

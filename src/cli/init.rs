//! `s init`: list the built-in templates, pick one (a menu on a terminal), answer its
//! parameters (prompts on a terminal, `--parameters` elsewhere) and render the project.

use std::io::Write;
use std::path::{Path, PathBuf};

use dialoguer::theme::ColorfulTheme;
use dialoguer::{Confirm, FuzzySelect, Input, Select};
use indexmap::IndexMap;
use serde_json::{json, Map, Value};

use super::args::{InitArgs, OutputFormat};
use super::output::{interactive, status};
use super::{Context, Hinted};
use crate::templates::{self, ParamType, Parameter, Template, TemplateError};

pub fn run(ctx: &Context, args: InitArgs) -> anyhow::Result<()> {
    if args.list {
        return print_list(ctx.output());
    }
    let prompts = interactive() && !ctx.assume_yes();
    let template = match &args.template {
        Some(name) => templates::find(name).map_err(explain)?,
        None if prompts => pick_template()?,
        None => {
            return Err(Hinted::new(
                "no template given",
                "name one, e.g. `s init python-hello`; `s init --list` shows them all",
            )
            .into())
        }
    };
    let given = parse_parameters(args.parameters.as_deref())?;
    template.reject_unknown(&given).map_err(explain)?;
    let dir = match args.dir {
        Some(dir) => dir,
        None if prompts => ask_dir(&template)?,
        None => PathBuf::from(&template.name),
    };
    check_target(&dir, &template, args.force, prompts)?;
    let mut values = if prompts {
        ask_parameters(&template, &given)?
    } else {
        template.resolve(&given).map_err(explain)?
    };
    values.insert("projectName".into(), project_name(&dir));
    template.render(&values, &dir).map_err(explain)?;
    status(
        "Created",
        format!("`{}` from template `{}`", dir.display(), template.name),
    );
    // Next steps may also name the local engine's HTTP trigger base, so a `curl` line is
    // the URL `s deploy` will print, not a placeholder for it.
    let mut step_values = values.clone();
    step_values.insert("localHttpBase".into(), local_http_base());
    let steps: Vec<String> = template
        .next_steps
        .iter()
        .map(|step| templates::substitute(step, &step_values))
        .collect();
    print_next_steps(&dir, &steps);
    Ok(())
}

fn print_list(format: OutputFormat) -> anyhow::Result<()> {
    let templates = templates::all()?;
    let mut out = String::new();
    if format == OutputFormat::Json {
        let list: Vec<_> = templates
            .iter()
            .map(|t| json!({"name": t.name, "group": t.group, "description": t.description}))
            .collect();
        out = serde_json::to_string_pretty(&list)? + "\n";
    } else {
        let width = templates.iter().map(|t| t.name.len()).max().unwrap_or(0);
        let mut group = None;
        for t in &templates {
            if group != Some(&t.group) {
                if group.is_some() {
                    out.push('\n');
                }
                out += &format!("{}:\n", t.group);
                group = Some(&t.group);
            }
            out += &format!("  {:<width$}  {}\n", t.name, t.description);
        }
    }
    std::io::stdout().write_all(out.as_bytes())?;
    Ok(())
}

/// Library errors with the fix the user can apply.
fn explain(err: TemplateError) -> anyhow::Error {
    match err {
        TemplateError::Unknown { name, suggestion } => {
            let list = "`s init --list` shows the built-in templates";
            let hint = match suggestion {
                Some(s) => format!("did you mean `{s}`? {list}"),
                None => list.to_string(),
            };
            Hinted::new(format!("unknown template `{name}`"), hint).into()
        }
        TemplateError::Missing { name } => Hinted::new(
            format!("parameter `{name}` is required"),
            format!("pass it with `--parameters '{{\"{name}\": \"...\"}}'`, or run `s init` on a terminal to be asked"),
        )
        .into(),
        TemplateError::Invalid { .. } => Hinted::new(
            err.to_string(),
            "fix the value in `--parameters`",
        )
        .into(),
        other => other.into(),
    }
}

fn parse_parameters(text: Option<&str>) -> anyhow::Result<Map<String, Value>> {
    let Some(text) = text else {
        return Ok(Map::new());
    };
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(not_an_object("it is not a JSON object")),
        Err(e) => Err(not_an_object(&e.to_string())),
    }
}

fn not_an_object(why: &str) -> anyhow::Error {
    Hinted::new(
        format!("`--parameters` is not valid: {why}"),
        "pass a JSON object, e.g. `--parameters '{\"functionName\": \"hello\"}'`",
    )
    .into()
}

fn pick_template() -> anyhow::Result<Template> {
    let templates = templates::all()?;
    let columns = dialoguer::console::Term::stderr().size().1 as usize;
    let items = menu_items(&templates, columns);
    // Typing filters the list (dialoguer's fuzzy matcher): `kafka` leaves the Kafka template.
    let index = FuzzySelect::with_theme(&ColorfulTheme::default())
        .with_prompt("Template (type to filter, ↑/↓, Enter)")
        .items(&items)
        .default(0)
        .interact()?;
    Ok(templates[index].clone())
}

/// One line per template, `group  name  description`, the group written on its first
/// template only so it reads as a header; each line cut at a word to fit `columns`, since a
/// wrapped menu line breaks mid-word and moves the cursor rows.
fn menu_items(templates: &[Template], columns: usize) -> Vec<String> {
    let name_width = templates.iter().map(|t| t.name.len()).max().unwrap_or(0);
    let group_width = templates.iter().map(|t| t.group.len()).max().unwrap_or(0);
    // The theme's cursor and padding take a few columns before each item.
    let room = columns.saturating_sub(4).max(40);
    let mut previous = None;
    templates
        .iter()
        .map(|t| {
            let group = if previous != Some(&t.group) {
                previous = Some(&t.group);
                t.group.as_str()
            } else {
                ""
            };
            let line = format!(
                "{group:<group_width$}  {:<name_width$}  {}",
                t.name, t.description
            );
            fit_at_word(&line, room)
        })
        .collect()
}

/// `text` cut after the last whole word that fits in `width` characters, marked with `…`.
fn fit_at_word(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let cut: String = text.chars().take(width.saturating_sub(1)).collect();
    let words = cut.rfind(' ').map_or(cut.as_str(), |at| &cut[..at]);
    format!("{}…", words.trim_end_matches([' ', ',', ';', '(']))
}

fn ask_dir(template: &Template) -> anyhow::Result<PathBuf> {
    let dir: String = Input::with_theme(&ColorfulTheme::default())
        .with_prompt("Project folder")
        .default(template.name.clone())
        .interact_text()?;
    Ok(PathBuf::from(dir))
}

/// A non-empty folder is only written into with `--force`, or a yes at a prompt: `-y` takes
/// the defaults and never overwrites anybody's edited project.
fn check_target(dir: &Path, template: &Template, force: bool, prompts: bool) -> anyhow::Result<()> {
    if dir.exists() && !dir.is_dir() {
        return Err(Hinted::new(
            format!("`{}` exists and is not a folder", dir.display()),
            "choose another project folder with `-d`",
        )
        .into());
    }
    let non_empty = std::fs::read_dir(dir).is_ok_and(|mut d| d.next().is_some());
    if !non_empty || force {
        return Ok(());
    }
    let replaced: Vec<String> = template
        .files()
        .into_iter()
        .map(|(path, _)| path)
        .filter(|path| dir.join(path).exists())
        .collect();
    let what = match replaced.as_slice() {
        [] => "none of its files are the template's".to_string(),
        files => format!("the template would replace {}", quoted(files)),
    };
    let refuse = || {
        Hinted::new(
            format!("`{}` is not empty: {what}", dir.display()),
            "choose another folder with `-d`, or pass `--force` to write the template's files into it",
        )
    };
    if !prompts {
        return Err(refuse().into());
    }
    let overwrite = Confirm::with_theme(&ColorfulTheme::default())
        .with_prompt(format!(
            "`{}` is not empty: {what}; write into it?",
            dir.display()
        ))
        .default(false)
        .interact()?;
    if overwrite {
        Ok(())
    } else {
        Err(refuse().into())
    }
}

/// `` `a`, `b` and 3 more `` for a message line.
fn quoted(files: &[String]) -> String {
    let shown: Vec<String> = files.iter().take(4).map(|f| format!("`{f}`")).collect();
    match files.len() - shown.len() {
        0 => shown.join(", "),
        more => format!("{} and {more} more", shown.join(", ")),
    }
}

fn ask_parameters(
    template: &Template,
    given: &Map<String, Value>,
) -> anyhow::Result<IndexMap<String, String>> {
    let mut values = IndexMap::new();
    for (name, param) in &template.parameters {
        let value = match given.get(name) {
            Some(value) => param.check(name, value).map_err(explain)?,
            None => ask(name, param)?,
        };
        values.insert(name.clone(), value);
    }
    Ok(values)
}

fn ask(name: &str, param: &Parameter) -> anyhow::Result<String> {
    let theme = ColorfulTheme::default();
    let default = param.default_text();
    if let Some(choices) = &param.choices {
        let selected = default
            .as_ref()
            .and_then(|d| choices.iter().position(|c| c == d))
            .unwrap_or(0);
        let index = Select::with_theme(&theme)
            .with_prompt(param.label(name))
            .items(choices)
            .default(selected)
            .interact()?;
        return Ok(choices[index].clone());
    }
    if param.kind == ParamType::Boolean {
        let yes = Confirm::with_theme(&theme)
            .with_prompt(param.label(name))
            .default(default.as_deref() == Some("true"))
            .interact()?;
        return Ok(yes.to_string());
    }
    let prompt = match &param.description {
        Some(d) => format!("{} ({d})", param.label(name)),
        None => param.label(name).to_string(),
    };
    let mut input = Input::<String>::with_theme(&theme)
        .with_prompt(prompt)
        .allow_empty(!param.required)
        .validate_with(|text: &String| -> Result<(), String> {
            param
                .check(name, &Value::String(text.clone()))
                .map(drop)
                .map_err(|e| e.to_string())
        });
    if let Some(default) = default {
        input = input.default(default);
    }
    Ok(input.interact_text()?)
}

fn project_name(dir: &Path) -> String {
    let absolute = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    absolute
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "project".into())
}

/// `http://localhost:<port>/http`: where the local engine serves HTTP triggers (a host
/// name, as `s deploy` prints it).
fn local_http_base() -> String {
    let url = crate::paths::engine_url();
    let port = url
        .rsplit(':')
        .next()
        .and_then(|p| p.parse::<u16>().ok())
        .unwrap_or(crate::paths::DEFAULT_ENGINE_PORT);
    format!("http://localhost:{port}/http")
}

fn print_next_steps(dir: &Path, steps: &[String]) {
    eprintln!();
    eprintln!("Next steps:");
    eprintln!("  cd {}", shell_quote(&dir.display().to_string()));
    for step in steps {
        eprintln!("  {step}");
    }
}

fn shell_quote(text: &str) -> String {
    if text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "-_./".contains(c))
    {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn menu_lines_fit_80_columns_cut_at_words_with_group_headers() {
        let templates = templates::all().unwrap();
        let items = menu_items(&templates, 80);
        let first: Vec<&str> = items[0].split_whitespace().take(3).collect();
        assert_eq!(first, ["quick", "start", "python-hello"], "{}", items[0]);
        for (item, t) in items.iter().zip(&templates) {
            assert!(item.chars().count() <= 76, "{item}");
            if item.ends_with('…') {
                let shown = item.trim_end_matches('…');
                let full = format!("{} {}", t.name, t.description);
                let last = shown.split_whitespace().last().unwrap();
                let word = |w: &str| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string();
                let whole = full.split_whitespace().any(|w| word(w) == word(last));
                assert!(whole, "cut mid-word: {item}");
            }
        }
        let headers: Vec<&str> = items
            .iter()
            .map(|i| i.split("  ").next().unwrap().trim())
            .filter(|g| !g.is_empty())
            .collect();
        let mut groups: Vec<&str> = templates.iter().map(|t| t.group.as_str()).collect();
        groups.dedup();
        assert_eq!(
            headers, groups,
            "each group named once, on its first template"
        );
    }
}

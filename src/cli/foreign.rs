//! What users coming from Serverless Devs type that `s` spells differently or does not have:
//! fc3 commands with no local meaning get an error saying what to use instead, and clap's
//! "did you mean" is kept only when it is a plausible typo, never a flag or command with a
//! different effect (`--trigger` is not `--target`, `provision` is not `version`).

use std::ffi::OsString;

use clap::error::{ContextKind, ContextValue};
use clap::CommandFactory;

use super::{Cli, Hinted};

/// A Serverless Devs command `s` does not have, and what to do instead.
struct Foreign {
    words: &'static [&'static str],
    message: &'static str,
    hint: &'static str,
}

const FOREIGN: &[Foreign] = &[
    Foreign {
        words: &["local", "start"],
        message: "`s local start` is not needed: the local engine serves HTTP functions itself",
        hint: "run `s deploy` and open the trigger URL it prints (`s info` shows it again); `s local invoke` runs a function without deploying",
    },
    Foreign {
        words: &["plan"],
        message: "`s plan` is not a command here",
        hint: "`s preview` prints the resolved manifest, `s info` what is deployed; `s deploy` makes the target match the manifest",
    },
    Foreign {
        words: &["sync"],
        message: "`s sync` (download a deployed function into a project) is not a command here",
        hint: "the local engine deploys from this folder; `s info` shows the deployed settings",
    },
    Foreign {
        words: &["instance"],
        message: "`s instance` is not a command here",
        hint: "`s console` shows each function's live instances; `s logs --instance-id ID` shows what one printed",
    },
    Foreign {
        words: &["provision"],
        message: "provisioned instances have no local meaning: the local engine starts instances on demand and keeps them warm",
        hint: "`provisionConfig` in `s.yaml` is kept for the cloud; configure it there with the FC console",
    },
    Foreign {
        words: &["scaling"],
        message: "scaling settings have no local meaning: the local engine starts instances on demand",
        hint: "the engine's own limit is `s engine start --max-instances N`",
    },
    Foreign {
        words: &["concurrency"],
        message: "`s concurrency` is not a command here",
        hint: "set `concurrencyConfig: {reservedConcurrency: N}` in the resource's props and run `s deploy`",
    },
    Foreign {
        words: &["session"],
        message: "session affinity has no local meaning: every request may reach any warm instance",
        hint: "`s invoke` and the trigger URLs work as for a function without sessions",
    },
    Foreign {
        words: &["s2tos3"],
        message: "`s s2tos3` is not needed: edition 1.0.0 manifests (services and functions) are read as they are",
        hint: "`s preview` shows the fc3 resources they become",
    },
    Foreign {
        words: &["cli"],
        message: "`s cli` (components without a manifest) is not a command here",
        hint: "commands that act on a deployed function take `--function-name NAME`, e.g. `s invoke --function-name NAME`",
    },
    Foreign {
        words: &["verify"],
        message: "`s verify` is not a command here",
        hint: "`s preview` checks the manifest and prints it resolved",
    },
];

/// Global flags whose value is the next argument, skipped when looking for the command.
const VALUE_FLAGS: &[&str] = &[
    "-t",
    "--template",
    "-a",
    "--access",
    "-o",
    "--output",
    "--target",
    "--endpoint",
];

/// The error for a Serverless Devs command `s` does not have (`s plan`, `s api plan`).
pub fn refuse_foreign(argv: &[OsString]) -> Option<Hinted> {
    let words = positional_words(argv);
    let is_command = |w: &str| Cli::command().get_subcommands().any(|c| c.get_name() == w);
    // `s plan deploy`: a resource named like a Serverless Devs command, then our command.
    if words.get(1).is_some_and(|w| is_command(w)) {
        return None;
    }
    // The command comes first, or second after a resource (`s api plan`).
    (0..words.len().min(2)).find_map(|start| {
        FOREIGN.iter().find_map(|f| {
            let candidate = words.get(start..start + f.words.len())?;
            (candidate
                .iter()
                .map(String::as_str)
                .eq(f.words.iter().copied()))
            .then(|| Hinted::new(f.message, f.hint))
        })
    })
}

/// `s hello deplyo`: a resource, then a typo of a command. clap would call `hello` the
/// unknown command; the user meant the second word.
pub fn refuse_mistyped_command(argv: &[OsString]) -> Option<Hinted> {
    let words = positional_words(argv);
    let [resource, typed, ..] = words.as_slice() else {
        return None;
    };
    let cli = Cli::command();
    let names: Vec<&str> = cli.get_subcommands().map(|c| c.get_name()).collect();
    if names.contains(&resource.as_str()) || names.contains(&typed.as_str()) {
        return None;
    }
    let meant = names.iter().find(|n| is_plausible_typo(typed, n))?;
    Some(Hinted::new(
        format!("`{typed}` is not a command"),
        format!("did you mean `s {resource} {meant}`?"),
    ))
}

/// The arguments that are not flags (nor global flags' values), up to the first `--`.
fn positional_words(argv: &[OsString]) -> Vec<String> {
    let mut words = Vec::new();
    let mut args = argv.iter().skip(1).map(|a| a.to_string_lossy().to_string());
    while let Some(arg) = args.next() {
        if arg == "--" {
            break;
        }
        if VALUE_FLAGS.contains(&arg.as_str()) {
            args.next();
        } else if !arg.starts_with('-') {
            words.push(arg);
        }
    }
    words
}

/// Drop a suggestion clap made that is not a plausible typo of what was typed, and the usage
/// line clap wrote around it (it shows the suggested flag as if it had been typed).
pub fn keep_plausible_suggestions(mut err: clap::Error, argv: &[OsString]) -> clap::Error {
    let typed = match err
        .get(ContextKind::InvalidArg)
        .or(err.get(ContextKind::InvalidSubcommand))
    {
        Some(ContextValue::String(s)) => s.clone(),
        _ => return err,
    };
    let typed = typed.split('=').next().unwrap_or_default().to_string();
    for kind in [ContextKind::SuggestedArg, ContextKind::SuggestedSubcommand] {
        let plausible = match err.get(kind) {
            Some(ContextValue::String(s)) => is_plausible_typo(&typed, s),
            Some(ContextValue::Strings(list)) => list.iter().any(|s| is_plausible_typo(&typed, s)),
            _ => true,
        };
        if !plausible {
            err.remove(kind);
            err.insert(ContextKind::Usage, ContextValue::StyledStr(usage_of(argv)));
        }
    }
    err
}

/// The usage line of the deepest command `argv` names (`s task get ...` → `s task get`).
fn usage_of(argv: &[OsString]) -> clap::builder::StyledStr {
    let mut root = Cli::command();
    root.build();
    let mut command = &mut root;
    for word in positional_words(argv) {
        if command.find_subcommand(&word).is_none() {
            break;
        }
        command = command.find_subcommand_mut(&word).expect("found above");
    }
    command.render_usage()
}

/// A word one slip of the keyboard away: at most one edit (a transposition counts as one)
/// for short words, two for words of eight letters or more.
fn is_plausible_typo(typed: &str, candidate: &str) -> bool {
    let strip = |s: &str| s.trim_start_matches('-').to_ascii_lowercase();
    let (typed, candidate) = (strip(typed), strip(candidate));
    let allowed = if candidate.len() >= 8 { 2 } else { 1 };
    strsim::damerau_levenshtein(&typed, &candidate) <= allowed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn argv(args: &[&str]) -> Vec<OsString> {
        std::iter::once("s")
            .chain(args.iter().copied())
            .map(Into::into)
            .collect()
    }

    #[test]
    fn typos_are_plausible_and_other_words_are_not() {
        assert!(is_plausible_typo("deplyo", "deploy"));
        assert!(is_plausible_typo("--qualifer", "--qualifier"));
        assert!(is_plausible_typo("invok", "invoke"));
        assert!(!is_plausible_typo("--trigger", "--target"));
        assert!(!is_plausible_typo("--region", "--version"));
        assert!(!is_plausible_typo("provision", "version"));
    }

    #[test]
    fn serverless_devs_commands_are_found_after_flags_and_a_resource() {
        assert!(refuse_foreign(&argv(&["plan"])).is_some());
        assert!(refuse_foreign(&argv(&["-t", "x.yaml", "api", "plan"])).is_some());
        assert!(refuse_foreign(&argv(&["local", "start"])).is_some());
        assert!(refuse_foreign(&argv(&["local", "invoke"])).is_none());
        assert!(refuse_foreign(&argv(&["deploy"])).is_none());
        // A resource may be called `plan`.
        assert!(refuse_foreign(&argv(&["plan", "deploy"])).is_none());
    }

    #[test]
    fn a_resource_then_a_mistyped_command_names_both() {
        let err = refuse_mistyped_command(&argv(&["hello", "deplyo"])).unwrap();
        assert!(err.to_string().contains("`deplyo`"), "{err}");
        assert!(refuse_mistyped_command(&argv(&["hello", "deploy"])).is_none());
        assert!(refuse_mistyped_command(&argv(&["hello", "banana"])).is_none());
    }
}

//! `s config add|get|delete|rename|default|import`, and the one place the CLI turns an
//! access alias into a credential (`credential`, `required_credential`), with errors that
//! say how to fix them.

use std::path::Path;

use serde_json::{json, Value};

use super::args::{ConfigAddArgs, ConfigCommand, ConfigImportArgs, SecretStoreArg};
use super::output::{interactive, status, warn};
use super::{Context, Hinted, OutputFormat};
use crate::credentials::{self, Book, Credential, CredentialsError, SecretStore};

/// The alias `s config add` and `import` use when `-a` is not given.
const DEFAULT_ALIAS: &str = "default";

pub fn run(ctx: &Context, cmd: ConfigCommand) -> anyhow::Result<()> {
    let book = Book::open_default();
    match cmd {
        ConfigCommand::Add(args) => add(ctx, &book, args),
        ConfigCommand::Get => get(ctx, &book),
        ConfigCommand::Delete => {
            let alias = alias_flag(ctx, "delete")?;
            book.delete(&alias).map_err(explain)?;
            status("Deleted", format!("access `{alias}`"));
            Ok(())
        }
        ConfigCommand::Rename { source, target } => {
            book.rename(&source, &target).map_err(explain)?;
            status("Renamed", format!("access `{source}` to `{target}`"));
            Ok(())
        }
        ConfigCommand::Default { alias } => {
            book.set_default(&alias).map_err(explain)?;
            status("Default", format!("access `{alias}`"));
            Ok(())
        }
        ConfigCommand::Import(args) => import(&book, args),
    }
}

/// The credential for signing, if any: the environment, `-a` or the manifest's `access`,
/// else the default alias. An alias given with `-a` must exist; one named only by the
/// manifest (templates say `access: default`) may be missing, and then nothing signs.
pub(crate) fn credential(ctx: &Context) -> anyhow::Result<Option<Credential>> {
    let book = Book::open_default();
    let explicit = ctx.global.access.is_some();
    let wanted = ctx.access_alias();
    match credentials::resolve(&book, wanted.as_deref()) {
        Err(CredentialsError::NotFound { .. }) if !explicit => {
            credentials::resolve(&book, None).map_err(explain)
        }
        other => other.map_err(explain),
    }
}

/// The credential for targets that cannot work without one; here an alias named by the
/// manifest must exist too, so a project never signs in with some other account.
pub(crate) fn required_credential(ctx: &Context, purpose: &str) -> anyhow::Result<Credential> {
    let wanted = ctx.access_alias();
    credentials::resolve(&Book::open_default(), wanted.as_deref())
        .map_err(explain)?
        .ok_or_else(|| {
            Hinted::new(
                format!("{purpose} needs credentials, and none are configured"),
                "add them with `s config add -a ALIAS`, or set `AccessKeyID` and `AccessKeySecret`",
            )
            .into()
        })
}

/// The credential `${config('X')}` reads, when the manifest uses `config(` at all (so a
/// project without it never touches the keyring). Problems become a warning: the
/// evaluator reports the missing value where it is used.
pub(crate) fn credential_for_manifest(ctx: &Context) -> Option<Credential> {
    let path = ctx.manifest_path().ok()?;
    let text = std::fs::read_to_string(path).ok()?;
    if !text.contains("config(") {
        return None;
    }
    match credential(ctx) {
        Ok(credential) => credential,
        Err(err) => {
            warn(format!("cannot read credentials for `config(...)`: {err}"));
            None
        }
    }
}

fn add(ctx: &Context, book: &Book, args: ConfigAddArgs) -> anyhow::Result<()> {
    let ask = interactive();
    let alias = match ctx.global.access.clone() {
        Some(alias) => alias,
        None if ask => prompt_alias()?,
        None => DEFAULT_ALIAS.to_string(),
    };
    // What the alias holds now: replacing it needs consent, and keeps what is not given anew.
    let existing = book.info(&alias).ok();
    if existing.is_some() {
        confirm_replace(&alias, args.force || ctx.assume_yes(), ask)?;
    }
    let mut stdin = std::io::stdin().lock();
    let access_key_id = from_stdin_if_dash(args.access_key_id, "AccessKeyID", &mut stdin)?;
    let access_key_secret =
        from_stdin_if_dash(args.access_key_secret, "AccessKeySecret", &mut stdin)?;
    drop(stdin);
    let access_key_id = value_or_prompt(access_key_id, "AccessKeyID", false, ask)?;
    let access_key_secret = value_or_prompt(access_key_secret, "AccessKeySecret", true, ask)?;
    let kept_account = existing.as_ref().and_then(|info| info.account_id.clone());
    let account_id = match args.account_id {
        Some(id) => Some(id),
        None if kept_account.is_some() => kept_account,
        None if ask => optional_prompt("AccountID (needed for `--target fc`)")?,
        None => None,
    };
    let credential = Credential {
        alias: alias.clone(),
        access_key_id,
        access_key_secret,
        account_id: account_id.filter(|v| !v.trim().is_empty()),
        security_token: args.security_token.filter(|v| !v.trim().is_empty()),
    };
    let store = match args.store {
        Some(store) => store_of(store),
        None => existing.map_or(SecretStore::Keyring, |info| info.store),
    };
    let replaced = store_credential(book, &credential, store)?;
    let verb = if replaced { "Updated" } else { "Added" };
    status(verb, format!("access `{alias}` (secret in the {store})"));
    Ok(())
}

/// On a terminal, which alias to add (Serverless Devs asks too).
fn prompt_alias() -> anyhow::Result<String> {
    let answer: String = dialoguer::Input::with_theme(&dialoguer::theme::SimpleTheme)
        .with_prompt("Alias")
        .default(DEFAULT_ALIAS.to_string())
        .interact_text()?;
    Ok(answer.trim().to_string())
}

/// An existing alias is replaced only with `-f`/`-y` or a yes on a terminal.
fn confirm_replace(alias: &str, forced: bool, ask: bool) -> anyhow::Result<()> {
    if forced {
        return Ok(());
    }
    if ask {
        let replace = dialoguer::Confirm::with_theme(&dialoguer::theme::SimpleTheme)
            .with_prompt(format!("access `{alias}` exists; replace it?"))
            .default(false)
            .interact()?;
        if replace {
            return Ok(());
        }
    }
    Err(Hinted::new(
        format!("access `{alias}` already exists"),
        format!("pass `-f` to replace it (its AccountID is kept unless given), or add another alias with `-a NAME`; `s config get -a {alias}` shows it"),
    )
    .into())
}

/// Add, then read the secret back: a keyring that accepts a secret but cannot return it
/// (a session keyring that is not shared, say) is caught here, not at the first deploy.
fn store_credential(
    book: &Book,
    credential: &Credential,
    store: SecretStore,
) -> anyhow::Result<bool> {
    let replaced = book.add(credential, store).map_err(explain)?;
    let back = book.get(&credential.alias).map_err(explain)?;
    if back.access_key_secret != credential.access_key_secret {
        return Err(Hinted::new(
            format!("the {store} did not return the secret it was given"),
            "pass `--store file` to keep the secret in a 0600 file under `S_HOME`",
        )
        .into());
    }
    Ok(replaced)
}

/// A flag given as `-` is read from stdin, one line per such flag in flag order, so a
/// secret never has to be on the command line (where `ps` and shell history see it).
fn from_stdin_if_dash(
    value: Option<String>,
    flag: &str,
    stdin: &mut impl std::io::BufRead,
) -> anyhow::Result<Option<String>> {
    if value.as_deref() != Some("-") {
        return Ok(value);
    }
    let mut line = String::new();
    stdin
        .read_line(&mut line)
        .map_err(|e| anyhow::anyhow!("cannot read `--{flag}` from stdin: {e}"))?;
    let line = line.trim();
    if line.is_empty() {
        return Err(Hinted::new(
            format!("`--{flag} -` read nothing from stdin"),
            format!("pipe the value in, one line: `printf '%s\\n' \"$VALUE\" | s config add --{flag} -`"),
        )
        .into());
    }
    Ok(Some(line.to_string()))
}

fn value_or_prompt(
    value: Option<String>,
    flag: &str,
    secret: bool,
    ask: bool,
) -> anyhow::Result<String> {
    if let Some(value) = value.filter(|v| !v.trim().is_empty()) {
        return Ok(value.trim().to_string());
    }
    if !ask {
        return Err(Hinted::new(
            format!("`{flag}` is required and there is no terminal to ask for it"),
            format!("pass `--{flag} -` and write the value to stdin, e.g. `s config add --AccessKeyID ID --AccessKeySecret - < secret.txt`"),
        )
        .into());
    }
    let theme = dialoguer::theme::SimpleTheme;
    let answer = if secret {
        dialoguer::Password::with_theme(&theme)
            .with_prompt(flag)
            .interact()?
    } else {
        dialoguer::Input::<String>::with_theme(&theme)
            .with_prompt(flag)
            .interact_text()?
    };
    Ok(answer.trim().to_string())
}

fn optional_prompt(prompt: &str) -> anyhow::Result<Option<String>> {
    let answer: String = dialoguer::Input::with_theme(&dialoguer::theme::SimpleTheme)
        .with_prompt(prompt)
        .allow_empty(true)
        .interact_text()?;
    Ok(Some(answer.trim().to_string()).filter(|a| !a.is_empty()))
}

fn get(ctx: &Context, book: &Book) -> anyhow::Result<()> {
    let infos = match &ctx.global.access {
        Some(alias) => vec![book.info(alias).map_err(explain)?],
        None => book.list().map_err(explain)?,
    };
    if infos.is_empty() {
        return Err(Hinted::new(
            "no credentials are configured",
            "add them with `s config add -a ALIAS`, or import Serverless Devs' with `s config import`",
        )
        .into());
    }
    let mut out = serde_json::Map::new();
    for info in infos {
        out.insert(info.alias.clone(), describe(book, &info));
    }
    let value = Value::Object(out);
    match ctx.output() {
        OutputFormat::Json => println!("{}", serde_json::to_string_pretty(&value)?),
        _ => print!("{}", serde_yaml::to_string(&value)?),
    }
    Ok(())
}

/// One alias as `s config get` shows it: keys masked, where the secret lives.
fn describe(book: &Book, info: &credentials::AliasInfo) -> Value {
    let secret = match book.get(&info.alias) {
        Ok(c) => credentials::mask(&c.access_key_secret),
        Err(CredentialsError::SecretMissing { .. }) => format!("(missing from the {})", info.store),
        Err(e) => format!("(unreadable: {e})"),
    };
    let mut value = json!({
        "AccessKeyID": credentials::mask(&info.access_key_id),
        "AccessKeySecret": secret,
    });
    if let Some(account) = &info.account_id {
        value["AccountID"] = json!(account);
    }
    value["store"] = json!(match info.store {
        SecretStore::Keyring => "keyring",
        SecretStore::File => "file",
    });
    if info.is_default {
        value["default"] = json!(true);
    }
    value
}

fn import(book: &Book, args: ConfigImportArgs) -> anyhow::Result<()> {
    let path = args.file.unwrap_or_else(credentials::default_access_file);
    if !path.is_file() {
        return Err(Hinted::new(
            format!("`{}` does not exist", path.display()),
            "pass the Serverless Devs access file with `--file PATH`",
        )
        .into());
    }
    let store = store_of(args.store);
    let existing = book.names().map_err(explain)?;
    let had_default = book.default_alias().map_err(explain)?.is_some();
    let mut imported = Vec::new();
    for entry in credentials::read_access_file(&path).map_err(explain)? {
        let Some(credential) = entry.credential() else {
            warn(format!(
                "skipped `{}`: not an Alibaba Cloud access key",
                entry.alias
            ));
            continue;
        };
        if existing.contains(&entry.alias) && !args.force {
            warn(format!(
                "skipped `{}`: the alias already exists (`--force` replaces it)",
                entry.alias
            ));
            continue;
        }
        store_credential(book, &credential, store)?;
        if entry.is_default && !had_default {
            book.set_default(&entry.alias).map_err(explain)?;
        }
        status(
            "Imported",
            format!("access `{}` (secret in the {store})", entry.alias),
        );
        imported.push(entry.alias);
    }
    report_import(&path, &imported);
    Ok(())
}

fn report_import(path: &Path, imported: &[String]) {
    if imported.is_empty() {
        warn(format!("nothing imported from `{}`", path.display()));
    }
    for alias in imported {
        println!("{alias}");
    }
}

fn alias_flag(ctx: &Context, verb: &str) -> anyhow::Result<String> {
    ctx.global.access.clone().ok_or_else(|| {
        Hinted::new(
            format!("which alias should I {verb}?"),
            format!("pass it with `s config {verb} -a ALIAS` (see `s config get`)"),
        )
        .into()
    })
}

fn store_of(arg: SecretStoreArg) -> SecretStore {
    match arg {
        SecretStoreArg::Keyring => SecretStore::Keyring,
        SecretStoreArg::File => SecretStore::File,
    }
}

/// A credentials error with the fix for it.
pub(crate) fn explain(err: CredentialsError) -> anyhow::Error {
    let hint = match &err {
        CredentialsError::NotFound { alias, known } if known.is_empty() => {
            format!("add it with `s config add -a {alias}`")
        }
        CredentialsError::NotFound { alias, known } => format!(
            "known aliases: {}; or add it with `s config add -a {alias}`",
            known.join(", ")
        ),
        CredentialsError::NoneConfigured => "add them with `s config add -a ALIAS`".into(),
        CredentialsError::Exists(alias) => {
            format!("delete it first with `s config delete -a {alias}`, or pick another name")
        }
        CredentialsError::InvalidAlias(_) => {
            "use letters, digits, `-`, `_`, `.` and `@` (not starting with `-` or `$`)".into()
        }
        CredentialsError::SecretMissing { alias, store } => match store {
            SecretStore::Keyring => format!(
                "the kernel keyring forgets secrets when the machine restarts; add it again with `s config add -a {alias}`"
            ),
            SecretStore::File => format!("add it again with `s config add -a {alias} --store file`"),
        },
        CredentialsError::NoKeyring(_) | CredentialsError::Keyring(_) => {
            "pass `--store file` to keep the secret in a 0600 file under `S_HOME`".into()
        }
        CredentialsError::Read { path, .. } | CredentialsError::Write { path, .. } => {
            format!("check `{}` and its permissions", path.display())
        }
    };
    Hinted::new(err.to_string(), hint).into()
}

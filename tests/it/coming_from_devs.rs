//! What users coming from Serverless Devs type: fc3 commands `s` does not have get a
//! specific error saying what to use instead; "did you mean" appears only for real typos,
//! never for a flag or command with a different effect; `-v` prints the version.

use crate::common::{fc_project, run, s, stderr, stdout, TestEngine};

fn fails(args: &[&str]) -> String {
    let out = s().args(args).output().unwrap();
    assert!(!out.status.success(), "`s {}` must fail", args.join(" "));
    stderr(&out)
}

#[test]
fn fc3_commands_without_a_local_meaning_say_what_to_use_instead() {
    insta::assert_snapshot!(fails(&["local", "start"]), @r#"
    error: `s local start` is not needed: the local engine serves HTTP functions itself

    hint: run `s deploy` and open the trigger URL it prints (`s info` shows it again); `s local invoke` runs a function without deploying
    "#);
    insta::assert_snapshot!(fails(&["plan"]), @r#"
    error: `s plan` is not a command here

    hint: `s preview` prints the resolved manifest, `s info` what is deployed; `s deploy` makes the target match the manifest
    "#);
    insta::assert_snapshot!(fails(&["api", "sync"]), @r#"
    error: `s sync` (download a deployed function into a project) is not a command here

    hint: the local engine deploys from this folder; `s info` shows the deployed settings
    "#);
    insta::assert_snapshot!(fails(&["instance", "list"]), @r#"
    error: `s instance` is not a command here

    hint: `s console` shows each function's live instances; `s logs --instance-id ID` shows what one printed
    "#);
    insta::assert_snapshot!(fails(&["provision", "put", "--target", "2"]), @r#"
    error: provisioned instances have no local meaning: the local engine starts instances on demand and keeps them warm

    hint: `provisionConfig` in `s.yaml` is kept for the cloud; configure it there with the FC console
    "#);
    insta::assert_snapshot!(fails(&["concurrency", "put", "--reserved-concurrency", "3"]), @r#"
    error: `s concurrency` is not a command here

    hint: set `concurrencyConfig: {reservedConcurrency: N}` in the resource's props and run `s deploy`
    "#);
    insta::assert_snapshot!(fails(&["s2tos3"]), @r#"
    error: `s s2tos3` is not needed: edition 1.0.0 manifests (services and functions) are read as they are

    hint: `s preview` shows the fc3 resources they become
    "#);
    insta::assert_snapshot!(fails(&["cli", "fc3", "info", "--function-name", "f"]), @r#"
    error: `s cli` (components without a manifest) is not a command here

    hint: commands that act on a deployed function take `--function-name NAME`, e.g. `s invoke --function-name NAME`
    "#);
}

#[test]
fn suggestions_are_typos_never_other_flags_or_commands() {
    // `--target` would change where a deploy goes: not a suggestion for `--trigger`.
    insta::assert_snapshot!(fails(&["invoke", "--trigger", "x"]), @r#"
    error: unexpected argument '--trigger' found

    Usage: s invoke [OPTIONS]

    For more information, try '--help'.
    "#);
    insta::assert_snapshot!(fails(&["logs", "--region", "cn-hangzhou"]), @r#"
    error: unexpected argument '--region' found

    Usage: s logs [OPTIONS]

    For more information, try '--help'.
    "#);
    insta::assert_snapshot!(fails(&["invoke", "--qualifer", "LATEST"]), @r#"
    error: unexpected argument '--qualifer' found

      tip: a similar argument exists: '--qualifier'

    Usage: s invoke --qualifier <QUALIFIER>

    For more information, try '--help'.
    "#);
    insta::assert_snapshot!(fails(&["hello", "deplyo"]), @r#"
    error: `deplyo` is not a command

    hint: did you mean `s hello deploy`?
    "#);
    insta::assert_snapshot!(fails(&["task", "gett", "x"]), @r#"
    error: unrecognized subcommand 'gett'

      tip: a similar subcommand exists: 'get'

    Usage: s task [OPTIONS] <COMMAND>

    For more information, try '--help'.
    "#);
}

#[test]
fn dash_v_prints_the_version_as_in_serverless_devs() {
    for flag in ["-v", "-V", "--version"] {
        let out = s().arg(flag).output().unwrap();
        assert!(out.status.success());
        assert!(stdout(&out).starts_with("s "), "{}", stdout(&out));
    }
}

#[test]
fn a_handler_the_code_does_not_define_is_named_at_deploy() {
    let engine = TestEngine::start();
    let ws = fc_project(
        "functionName: typo\nruntime: python3.10\nhandler: index.hander",
        &[(
            "index.py",
            "def handler(event, context):\n    return 'ok'\n",
        )],
    );
    let out = run(&engine, &ws, &["deploy", "-y"]);
    assert!(
        out.status.success(),
        "a warning, not a refusal: {}",
        stderr(&out)
    );
    let warning: String = stderr(&out)
        .lines()
        .filter(|l| l.contains("will not be found"))
        .collect();
    insta::assert_snapshot!(warning, @"warning: function `typo`: handler `index.hander` will not be found: `index.py` defines no `hander` (did you mean `handler`?)");
    ws.write(
        "s.yaml",
        std::fs::read_to_string(ws.path().join("s.yaml"))
            .unwrap()
            .replace("index.hander", "main.handler"),
    );
    let out = run(&engine, &ws, &["deploy", "-y"]);
    assert!(
        stderr(&out).contains("handler `main.handler` will not be found: the code folder has no `main.py` or `main/__init__.py`"),
        "{}",
        stderr(&out)
    );
    ws.write(
        "s.yaml",
        std::fs::read_to_string(ws.path().join("s.yaml"))
            .unwrap()
            .replace("main.handler", "index.handler"),
    );
    let out = run(&engine, &ws, &["deploy", "-y"]);
    assert!(
        !stderr(&out).contains("will not be found"),
        "{}",
        stderr(&out)
    );
}

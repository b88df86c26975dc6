//! Integration tests: `manifest` through `s preview`: both editions resolved to one model,
//! expressions, ordering, and the rendered diagnostics (location, source line, caret, hint).

use std::process::Output;

use crate::common::{s, Workspace};

const CREDENTIAL_VARS: &[&str] = &[
    "AccountID",
    "AccessKeyID",
    "AccessKeySecret",
    "SecurityToken",
];

/// `s preview` in `ws` with `args`, a clean credential environment plus `envs`.
fn preview(ws: &Workspace, args: &[&str], envs: &[(&str, &str)]) -> Output {
    let mut cmd = s();
    cmd.current_dir(ws.path())
        .arg("preview")
        .args(args)
        .env_remove("STAGE")
        .env_remove("S_TEST_MISSING");
    for var in CREDENTIAL_VARS {
        cmd.env_remove(var);
    }
    for (k, v) in envs {
        cmd.env(k, v);
    }
    cmd.output().unwrap()
}

/// stdout/stderr with the workspace path replaced, so snapshots are stable.
fn text(ws: &Workspace, bytes: &[u8]) -> String {
    let out = String::from_utf8_lossy(bytes).to_string();
    let real = ws.path().canonicalize().unwrap();
    out.replace(&real.display().to_string(), "[WS]")
        .replace(&ws.path().display().to_string(), "[WS]")
}

const EDITION3: &str = r#"edition: 3.0.0
name: shop
access: default
vars:
  region: cn-hangzhou
  stage: ${env('STAGE', 'dev')}
  mem: 1024
  cfg: ${json(file('./cfg.json'))}
template:
  py:
    runtime: python3.10
    timeout: 60
    internetAccess: true
actions:
  pre-deploy:
    - run: echo start
  post-deploy:
    - run: echo end
      path: ./code
resources:
  worker:
    component: fc3
    extend: {name: py, ignore: [internetAccess]}
    props:
      region: ${vars.region}
      functionName: worker-${vars.stage}
      handler: index.handler
      code: ${path('./code')}
      memorySize: ${vars.mem}
      environmentVariables:
        API: ${resources.api.output.url}
        BATCH: ${vars.cfg.batch}
        NAME: ${this.name}-${this.props.functionName}
        ACCOUNT: ${config('AccountID')}
  api:
    component: fc3
    actions:
      pre-${regex('deploy|remove')}:
        - component: fc3 build
          allow_failure: {exit_code: [101], command: [deploy]}
    props:
      region: ${vars.region}
      functionName: api-${vars.stage}
      runtime: nodejs18
      handler: index.handler
      code: ./code
      timeout: ${vars.missing || 30}
      environmentVariables:
        WORKER: ${resources.worker.props.functionName}
      triggers:
        - triggerName: web
          triggerType: http
          triggerConfig: {authType: anonymous, methods: [GET, POST]}
"#;

fn edition3_workspace() -> Workspace {
    let ws = Workspace::new();
    ws.write("s.yaml", EDITION3);
    ws.write("cfg.json", r#"{"batch": 100}"#);
    ws.write(
        "code/index.py",
        "def handler(event, context):\n    return event\n",
    );
    ws
}

#[test]
fn preview_resolves_edition_3_as_yaml_with_config_masked() {
    let ws = edition3_workspace();
    let out = preview(
        &ws,
        &[],
        &[("AccountID", "1234567890123456"), ("STAGE", "prod")],
    );
    assert!(out.status.success(), "{}", text(&ws, &out.stderr));
    insta::assert_snapshot!(text(&ws, &out.stdout));
    insta::assert_snapshot!("edition3_warnings", text(&ws, &out.stderr));
    assert!(!text(&ws, &out.stdout).contains("1234567890123456"));
}

#[test]
fn preview_resolves_edition_3_as_json() {
    let ws = edition3_workspace();
    let out = preview(&ws, &["-o", "json"], &[("AccountID", "42")]);
    assert!(out.status.success(), "{}", text(&ws, &out.stderr));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["resources"]["api"]["props"]["timeout"], 30);
    assert_eq!(
        doc["resources"]["worker"]["dependsOn"],
        serde_json::json!(["api"])
    );
    assert_eq!(
        doc["resources"]["worker"]["props"]["environmentVariables"]["ACCOUNT"],
        "****"
    );
    insta::assert_snapshot!(text(&ws, &out.stdout));
}

const EDITION1: &str = r#"edition: 1.0.0
name: shop
access: default
vars:
  region: cn-hangzhou
services:
  web:
    component: devsapp/fc
    props:
      region: ${vars.region}
      service:
        name: shop-svc
        internetAccess: true
        logConfig: auto
      function:
        name: web
        codeUri: ./web
        runtime: nodejs14
        handler: index.handler
        memorySize: 128
        timeout: 60
        environmentVariables:
          SECRET: ${env(S_TEST_SECRET)}
        asyncConfiguration:
          destination:
            onSuccess: acs:fc:::services/shop-svc.LATEST/functions/ok
            onFailure: acs:mns:::/queues/dlq/messages
          maxAsyncEventAgeInSeconds: 456
          maxAsyncRetryAttempts: 3
          statefulInvocation: true
      triggers:
        - name: httpTrigger
          type: http
          config:
            authType: anonymous
            methods: [GET]
        - name: upload
          type: oss
          config:
            events: ['oss:ObjectCreated:*']
            filter: {Key: {Prefix: in/, Suffix: .png}}
  job:
    component: fc
    props:
      region: ${vars.region}
      function:
        name: job
        codeUri: ./job
        runtime: python3
        handler: index.handler
        environmentVariables:
          WEB_URL: ${web.output.url}
"#;

#[test]
fn preview_converts_edition_1_to_the_fc3_model() {
    let ws = Workspace::new();
    ws.write("s.yaml", EDITION1);
    let out = preview(&ws, &[], &[("S_TEST_SECRET", "shh")]);
    assert!(out.status.success(), "{}", text(&ws, &out.stderr));
    insta::assert_snapshot!(text(&ws, &out.stdout));
    let json = preview(&ws, &["-o", "json"], &[("S_TEST_SECRET", "shh")]);
    let doc: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let web = &doc["resources"]["web"]["props"];
    assert_eq!(web["functionName"], "web");
    assert_eq!(web["code"], "./web");
    assert_eq!(
        web["asyncInvokeConfig"]["destinationConfig"]["onSuccess"]["destination"],
        "acs:fc:::functions/ok"
    );
    assert_eq!(
        web["triggers"][1]["triggerConfig"]["filter"]["key"]["prefix"],
        "in/"
    );
    assert_eq!(
        doc["resources"]["job"]["dependsOn"],
        serde_json::json!(["web"])
    );
}

/// Each case: a name, then props lines under a valid fc3 function.
const INVALID_PROPS: &[(&str, &str)] = &[
    ("function name", "functionName: 9lives"),
    ("runtime", "runtime: python3.11"),
    ("handler", "handler: index"),
    ("memory multiple", "memorySize: 200"),
    ("memory range", "memorySize: 65536"),
    ("timeout", "timeout: 0"),
    ("concurrency", "instanceConcurrency: 500"),
    ("cpu", "cpu: 0.33"),
    ("disk", "diskSize: 1024"),
    ("env name", "environmentVariables: {1BAD: x}"),
    ("env prefix", "environmentVariables: {FC_FOO: x}"),
    ("trigger name", "triggers: [{triggerName: -x, triggerType: http, triggerConfig: {}}]"),
    ("trigger type", "triggers: [{triggerName: k, triggerType: kafka, triggerConfig: {}}]"),
    ("http auth", "triggers: [{triggerName: w, triggerType: http, triggerConfig: {authType: none}}]"),
    ("http method", "triggers: [{triggerName: w, triggerType: http, triggerConfig: {methods: [get]}}]"),
    ("timer cron", "triggers: [{triggerName: t, triggerType: timer, triggerConfig: {cronExpression: '0 2 * * *'}}]"),
    ("timer missing cron", "triggers: [{triggerName: t, triggerType: timer, triggerConfig: {enable: true}}]"),
    ("oss events", "triggers: [{triggerName: o, triggerType: oss, triggerConfig: {events: [ObjectCreated]}}]"),
    ("eventbridge window", "triggers: [{triggerName: e, triggerType: eventbridge, triggerConfig: {runOptions: {batchWindow: {TimeBasedWindow: 60}}}}]"),
    ("async retries", "asyncInvokeConfig: {maxAsyncRetryAttempts: 9}"),
    ("async age", "asyncInvokeConfig: {maxAsyncEventAgeInSeconds: 0}"),
];

#[test]
fn validation_errors_point_at_the_value_with_a_hint() {
    let mut report = String::new();
    for (name, line) in INVALID_PROPS {
        let ws = Workspace::new();
        let key = line.split(':').next().unwrap();
        let base = [
            "functionName: ok",
            "runtime: python3.10",
            "handler: index.handler",
            "code: ./",
        ]
        .into_iter()
        .filter(|b| !b.starts_with(key))
        .map(|b| format!("      {b}\n"))
        .collect::<String>();
        ws.write(
            "s.yaml",
            format!("edition: 3.0.0\nresources:\n  fn:\n    component: fc3\n    props:\n{base}      {line}\n"),
        );
        let out = preview(&ws, &[], &[]);
        assert_eq!(out.status.code(), Some(1), "{name} should fail");
        assert!(out.stdout.is_empty());
        report.push_str(&format!("== {name}\n{}\n", text(&ws, &out.stderr)));
    }
    insta::assert_snapshot!(report);
}

#[test]
fn unknown_keys_warn_with_a_suggestion_and_still_succeed() {
    let ws = Workspace::new();
    ws.write(
        "s.yaml",
        "edition: 3.0.0\nresorces: {}\nresources:\n  fn:\n    component: fc3\n    props:\n      functionName: f\n      runtime: python3.10\n      handler: index.handler\n      memorySise: 512\n      triggers: [{triggerName: w, triggerType: http, triggerConfig: {}, qualifer: LATEST}]\n",
    );
    let out = preview(&ws, &[], &[]);
    assert!(out.status.success());
    insta::assert_snapshot!(text(&ws, &out.stderr));
}

#[test]
fn output_reference_cycles_are_errors_naming_the_cycle() {
    let ws = Workspace::new();
    ws.write(
        "s.yaml",
        "edition: 3.0.0\nresources:\n  a:\n    component: fc3\n    props: {functionName: a, runtime: python3.10, handler: i.h, description: '${resources.b.output.x}'}\n  b:\n    component: fc3\n    props: {functionName: b, runtime: python3.10, handler: i.h, description: '${resources.a.output.y}'}\n",
    );
    let out = preview(&ws, &[], &[]);
    assert_eq!(out.status.code(), Some(1));
    insta::assert_snapshot!(text(&ws, &out.stderr));
}

#[test]
fn missing_env_without_default_is_an_error_at_the_expression() {
    let ws = Workspace::new();
    ws.write(
        "s.yaml",
        "edition: 3.0.0\nvars:\n  token: prefix-${env('S_TEST_MISSING')}\nresources: {}\n",
    );
    let out = preview(&ws, &[], &[]);
    assert_eq!(out.status.code(), Some(1));
    insta::assert_snapshot!(text(&ws, &out.stderr));
}

#[test]
fn missing_credentials_name_the_fix() {
    let ws = Workspace::new();
    ws.write(
        "s.yaml",
        "edition: 3.0.0\nresources:\n  fn:\n    component: fc3\n    props:\n      functionName: f\n      runtime: python3.10\n      role: acs:ram::${config('AccountID')}:role/r\n",
    );
    // For the local engine `AccountID` falls back to the engine's account; FC needs it.
    let out = preview(&ws, &["--target", "fc"], &[]);
    assert_eq!(out.status.code(), Some(1));
    insta::assert_snapshot!(text(&ws, &out.stderr));
}

#[test]
fn unknown_references_and_templates_are_errors_with_location() {
    let mut report = String::new();
    for (name, manifest) in [
        ("unknown var", "edition: 3.0.0\nvars: {region: x}\nresources:\n  fn:\n    component: fc3\n    props: {functionName: 'f-${vars.regoin}'}\n"),
        ("unknown resource", "edition: 3.0.0\nresources:\n  api:\n    component: fc3\n    props: {functionName: f, runtime: nodejs18, description: '${resources.apj.props.functionName}'}\n"),
        ("unknown template", "edition: 3.0.0\ntemplate: {base: {timeout: 3}}\nresources:\n  fn:\n    component: fc3\n    extend: {name: bsae}\n    props: {functionName: f}\n"),
        ("bad yaml", "edition: 3.0.0\nresources:\n  fn: [\n"),
        ("actions not a list", "edition: 3.0.0\nactions:\n  pre-deploy: {run: x}\nresources: {}\n"),
    ] {
        let ws = Workspace::new();
        ws.write("s.yaml", manifest);
        let out = preview(&ws, &[], &[]);
        assert_eq!(out.status.code(), Some(1), "{name}");
        report.push_str(&format!("== {name}\n{}\n", text(&ws, &out.stderr)));
    }
    insta::assert_snapshot!(report);
}

#[test]
fn top_level_extend_merges_a_base_manifest() {
    let ws = Workspace::new();
    ws.write(
        "base.yaml",
        "edition: 3.0.0\nvars: {region: cn-shanghai, keep: yes}\nresources:\n  fn:\n    component: fc3\n    props: {functionName: f, runtime: python3.10, handler: i.h, layers: [a, b]}\n",
    );
    ws.write(
        "s.yaml",
        "extend: ./base.yaml\nvars: {region: cn-hangzhou}\nresources:\n  fn:\n    props: {layers: [c], region: '${vars.region}'}\n",
    );
    let out = preview(&ws, &["-o", "json"], &[]);
    assert!(out.status.success(), "{}", text(&ws, &out.stderr));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        doc["vars"],
        serde_json::json!({"region": "cn-hangzhou", "keep": "yes"})
    );
    let props = &doc["resources"]["fn"]["props"];
    assert_eq!(props["layers"], serde_json::json!(["c"]));
    assert_eq!(props["region"], "cn-hangzhou");
    assert_eq!(props["functionName"], "f");
}

#[test]
fn the_example_manifest_previews_cleanly() {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut cmd = s();
    cmd.current_dir(root)
        .args(["preview", "-t", "s.yaml.example"])
        .env_remove("STAGE");
    for var in CREDENTIAL_VARS {
        cmd.env_remove(var);
    }
    let out = cmd.env("AccountID", "1234567890").output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.is_empty(),
        "the example should load without warnings: {stderr}"
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("functionName: orders-dev-api"));
    assert!(stdout.contains("- api"), "worker depends on api");
}

#[test]
fn a_tab_in_the_indentation_is_reported_on_its_own_line() {
    let ws = Workspace::new();
    ws.write(
        "s.yaml",
        "edition: 3.0.0\nname: t\nresources:\n  fn:\n    component: fc3\n    props:\n      region: cn-hangzhou\n\tfunctionName: f\n      runtime: python3.10\n",
    );
    let out = preview(&ws, &[], &[]);
    assert_eq!(out.status.code(), Some(1));
    insta::assert_snapshot!(text(&ws, &out.stderr), @r"
    error: a tab indents this line
      --> s.yaml:8:1
      |
    8 |  functionName: f
      | ^

    hint: YAML indents with spaces only; replace the tab with spaces
    ");
}

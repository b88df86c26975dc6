//! Whole-load tests: hostile input never panics, and small semantics that need files.

use super::*;

const VALID: &str = "edition: 3.0.0
name: app
vars:
  region: cn-hangzhou
  n: 3
template:
  t: {runtime: python3.10, timeout: 10}
actions:
  pre-deploy:
    - run: echo hi
resources:
  a:
    component: fc3
    extend: {name: t}
    props:
      region: ${vars.region}
      functionName: a-${vars.n}
      handler: index.handler
      code: ./code
      memorySize: 512
      environmentVariables: {X: '${resources.b.props.functionName}'}
      triggers:
        - {triggerName: h, triggerType: http, triggerConfig: {authType: anonymous, methods: [GET]}}
        - {triggerName: t, triggerType: timer, triggerConfig: {cronExpression: '@every 1m'}}
      asyncInvokeConfig: {maxAsyncRetryAttempts: 2}
  b:
    component: fc3
    props:
      functionName: b
      runtime: nodejs18
      handler: index.handler
      code: ./code
      environmentVariables: {U: '${resources.a.output.url}'}
";

fn load_text(dir: &Path, text: &[u8]) -> Result<Loaded, ManifestError> {
    let path = dir.join("s.yaml");
    std::fs::write(&path, text).unwrap();
    load(&path, &LoadOptions::default())
}

#[test]
fn the_valid_sample_loads_in_dependency_order() {
    let dir = tempfile::tempdir().unwrap();
    let loaded = load_text(dir.path(), VALID.as_bytes()).unwrap();
    let names: Vec<&str> = loaded
        .manifest
        .resources
        .iter()
        .map(|r| r.name.as_str())
        .collect();
    assert_eq!(names, ["a", "b"]);
    let b = loaded.manifest.resource("b").unwrap();
    assert_eq!(b.depends_on, ["a"]);
    assert_eq!(
        b.props["environmentVariables"]["U"],
        "${resources.a.output.url}"
    );
    let a = loaded.manifest.resource("a").unwrap();
    assert_eq!(a.props["functionName"], "a-3");
    assert_eq!(a.props["runtime"], "python3.10");
    assert_eq!(a.props["environmentVariables"]["X"], "b");
    assert_eq!(loaded.manifest.actions.len(), 1);
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
}

#[test]
fn nasty_inputs_end_in_errors_not_panics() {
    let dir = tempfile::tempdir().unwrap();
    let deep_seq = "[".repeat(100_000);
    let deep_map = "{a: ".repeat(5_000);
    let deep_block: String = (0..300)
        .map(|i| format!("{}k{i}:\n", " ".repeat(i)))
        .collect();
    let long_line = format!("name: {}", "x".repeat(1_000_000));
    let vars_chain: String = (0..200)
        .map(|i| format!("  v{i}: ${{vars.v{}}}\n", i + 1))
        .collect();
    let mut inputs: Vec<Vec<u8>> = vec![
        b"".to_vec(),
        b"   \n\n# only a comment\n".to_vec(),
        b"\0\0\0\xff\xfe binary".to_vec(),
        vec![0xff; 64],
        b"\xef\xbb\xbfedition: 3.0.0\nresources: {}\n".to_vec(),
        deep_seq.into_bytes(),
        deep_map.into_bytes(),
        deep_block.into_bytes(),
        long_line.into_bytes(),
        format!("edition: 3.0.0\nvars:\n{vars_chain}resources: {{a: {{component: fc3, props: {{functionName: '${{vars.v0}}'}}}}}}\n").into_bytes(),
        b"- just\n- a list\n".to_vec(),
        b"scalar".to_vec(),
        b"---\na: 1\n---\nb: 2\n".to_vec(),
        b"a: [1, 2\n".to_vec(),
        b"a: 'unterminated\n".to_vec(),
        b"\ta: 1\n".to_vec(),
        b"? [a, b]\n: c\n".to_vec(),
        b"{[1]: 2}".to_vec(),
        b"1: 2\ntrue: 3\n~: 4\n1.5: 5\n".to_vec(),
        b"edition: 3.0.0\nresources: 5\n".to_vec(),
        b"edition: 3.0.0\nresources: {a: 5}\n".to_vec(),
        b"edition: 3.0.0\nresources: {a: {component: [x]}}\n".to_vec(),
        b"edition: 3.0.0\nresources: {a: {component: fc3, props: [1]}}\n".to_vec(),
        b"edition: [1]\n".to_vec(),
        b"edition: 1.0.0\nservices: 5\n".to_vec(),
        b"edition: 1.0.0\nservices: {a: {component: fc, props: {service: 1, function: [2], triggers: 3}}}\n".to_vec(),
        b"edition: 1.0.0\nservices: {a: {component: fc, props: 7}}\n".to_vec(),
        b"a: &x [*x]\n".to_vec(),
        b"a: *nope\n".to_vec(),
        b"a: &a [1]\nb: &b [*a, *a]\nc: &c [*b, *b]\nd: {<<: *c}\ne: {<<: 5}\n".to_vec(),
        b"n: 99999999999999999999999999999999999999999999999\nm: 1e999\nk: -0x8000000000000000\nz: 0o777777777777777777777777\n".to_vec(),
        b"edition: 3.0.0\nextend: ./s.yaml\nresources: {}\n".to_vec(),
        b"edition: 3.0.0\nextend: [1]\n".to_vec(),
        b"edition: 3.0.0\nactions: 5\nresources: {}\n".to_vec(),
        b"edition: 3.0.0\nactions: {pre-deploy: 5, x: [1]}\nresources: {}\n".to_vec(),
        b"edition: 3.0.0\nactions: {pre-deploy: [5, {run: [1]}, {allow_failure: {exit_code: x}}]}\nresources: {}\n".to_vec(),
        b"edition: 3.0.0\nresources: {a: {component: fc3, extend: 5, props: {}}}\n".to_vec(),
        b"edition: 3.0.0\ntemplate: 5\nresources: {a: {component: fc3, extend: {name: x, ignore: 3}, props: {}}}\n".to_vec(),
        "edition: 3.0.0\nname: \"\u{1F600}${\"\nresources: {}\n".as_bytes().to_vec(),
    ];
    for bad in [
        "${",
        "${}",
        "${(((((}",
        "${vars}",
        "${this}",
        "${resources}",
        "${resources.x.props}",
        "${env()}",
        "${env(1, 2, 3)}",
        "${json('{')}",
        "${json(5)}",
        "${file('/nonexistent')}",
        "${path('')}",
        "${config()}",
        "${regex('x')}",
        "${secret('x')}",
        "${nope()}",
        "${this.props}",
        "${this.props.functionName}",
        "${resources.a.props.memorySize}",
        "${resources.a.output}",
        "${vars.x['y'][0]}",
        "${-'x'}",
        "${!}",
        "${cwd.x}",
        "${'a' == 'b' ? : }",
        "${1 ? 2 : 3 ? 4 : 5}",
        "${env.HOME}",
        "${components.x.output}",
    ] {
        for key in [
            "functionName",
            "memorySize",
            "triggers",
            "environmentVariables",
            "runtime",
            "cpu",
            "asyncInvokeConfig",
        ] {
            inputs.push(
                format!("edition: 3.0.0\nresources:\n  a:\n    component: fc3\n    props:\n      {key}: \"{bad}\"\n").into_bytes(),
            );
        }
    }
    let wrong_values = [
        "1",
        "-1",
        "1.5",
        "true",
        "null",
        "'x'",
        "[1]",
        "{a: 1}",
        "99999999999999999999",
        ".nan",
        "[{}]",
        "[{triggerName: 1, triggerType: [], triggerConfig: 5}]",
    ];
    let keys = [
        "functionName",
        "runtime",
        "handler",
        "memorySize",
        "timeout",
        "instanceConcurrency",
        "cpu",
        "diskSize",
        "environmentVariables",
        "triggers",
        "asyncInvokeConfig",
        "internetAccess",
        "code",
    ];
    for value in wrong_values {
        for key in keys {
            inputs.push(format!("edition: 3.0.0\nresources:\n  a:\n    component: fc3\n    props:\n      runtime: python3.10\n      {key}: {value}\n").into_bytes());
        }
        for trigger_key in [
            "authType",
            "methods",
            "cronExpression",
            "events",
            "filter",
            "runOptions",
            "eventSourceConfig",
        ] {
            for kind in ["http", "timer", "oss", "eventbridge"] {
                inputs.push(format!(
                    "edition: 3.0.0\nresources:\n  a:\n    component: fc3\n    props:\n      functionName: f\n      runtime: python3.10\n      triggers:\n        - triggerName: t\n          triggerType: {kind}\n          triggerConfig: {{{trigger_key}: {value}, runOptions: {{batchWindow: {value}}}}}\n"
                ).into_bytes());
            }
        }
    }
    // Byte-level mutations of a valid manifest: a fixed pseudo-random walk, no external crate.
    let mut seed: u64 = 0x5eed;
    let mut next = || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as usize
    };
    for _ in 0..1500 {
        let mut bytes = VALID.as_bytes().to_vec();
        for _ in 0..(1 + next() % 4) {
            let at = next() % bytes.len();
            match next() % 3 {
                0 => {
                    bytes.remove(at);
                }
                1 => {
                    let specials = b"{}[]:-'\"$&*!|>#\n\t ,?%@`";
                    bytes.insert(at, specials[next() % specials.len()]);
                }
                _ => bytes[at] = (next() % 256) as u8,
            }
        }
        inputs.push(bytes);
    }
    for input in &inputs {
        let _ = load_text(dir.path(), input);
    }
}

#[test]
fn references_that_loop_are_reported_as_cycles() {
    let dir = tempfile::tempdir().unwrap();
    let err = load_text(
        dir.path(),
        b"edition: 3.0.0\nvars:\n  a: ${vars.b}\n  b: x-${vars.a}\nresources: {}\n",
    )
    .unwrap_err();
    assert!(err.message.contains("circular reference: vars."), "{err}");
}

#[test]
fn dotenv_fills_env_without_overriding_the_process() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join(".env"),
        "FROM_DOTENV_ONLY=dot\nPATH=not-the-path\n",
    )
    .unwrap();
    let loaded = load_text(
        dir.path(),
        b"edition: 3.0.0\nvars:\n  a: ${env('FROM_DOTENV_ONLY')}\n  p: ${env('PATH')}\nresources: {}\n",
    )
    .unwrap();
    assert_eq!(loaded.manifest.vars["a"], "dot");
    assert_ne!(loaded.manifest.vars["p"], "not-the-path");
}

#[test]
fn file_reads_only_small_regular_files() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = |arg: &str| {
        format!("edition: 3.0.0\nvars:\n  x: ${{file('{arg}')}}\nresources:\n  a:\n    component: fc3\n    props: {{functionName: a, runtime: python3.10, handler: index.handler, code: ., description: '${{vars.x}}'}}\n")
    };
    std::fs::write(dir.path().join("note.txt"), "hello").unwrap();
    let loaded = load_text(dir.path(), manifest("note.txt").as_bytes()).unwrap();
    assert_eq!(loaded.manifest.resources[0].props["description"], "hello");

    let err = load_text(dir.path(), manifest("/dev/zero").as_bytes()).unwrap_err();
    assert!(err.to_string().contains("not a regular file"), "{err}");
    let fifo = dir.path().join("fifo");
    nix::unistd::mkfifo(&fifo, nix::sys::stat::Mode::S_IRWXU).unwrap();
    let err = load_text(dir.path(), manifest("fifo").as_bytes()).unwrap_err();
    assert!(err.to_string().contains("not a regular file"), "{err}");

    std::fs::write(dir.path().join("big"), vec![b'x'; 1024 * 1024 + 1]).unwrap();
    let err = load_text(dir.path(), manifest("big").as_bytes()).unwrap_err();
    assert!(err.to_string().contains("larger than 1.0 MB"), "{err}");
}

#[test]
fn a_component_named_by_its_folder_is_fc3_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    for component in [
        "${env('fc_component_version', path('../../'))}",
        "../../fc3",
        "/src/fc3",
    ] {
        let text = format!(
            "edition: 3.0.0\nname: e2e\nresources:\n  f:\n    component: \"{component}\"\n    props: {{region: cn-hangzhou, functionName: f, runtime: python3.10, handler: index.handler, code: ./code}}\n"
        );
        let loaded = load_text(dir.path(), text.as_bytes()).unwrap();
        assert_eq!(loaded.manifest.resources[0].component, "fc3", "{component}");
        assert!(
            loaded
                .warnings
                .iter()
                .any(|w| w.contains("local component folder")),
            "{:?}",
            loaded.warnings
        );
    }
    let other =
        "edition: 3.0.0\nname: e\nresources:\n  f:\n    component: fc-domain\n    props: {}\n";
    let loaded = load_text(dir.path(), other.as_bytes()).unwrap();
    assert_eq!(loaded.manifest.resources[0].component, "fc-domain");
}

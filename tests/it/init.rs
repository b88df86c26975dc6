//! Integration tests: `init`.

use std::process::Output;

use crate::common::{s, stderr, stdout, Workspace};

fn init(ws: &Workspace, args: &[&str]) -> Output {
    s().arg("init")
        .args(args)
        .current_dir(ws.path())
        .output()
        .unwrap()
}

#[test]
fn list_shows_templates_by_group() {
    let out = init(&Workspace::new(), &["--list"]);
    assert!(out.status.success());
    insta::assert_snapshot!(String::from_utf8_lossy(&out.stdout), @r"
    quick start:
      python-hello        Python 3.10 function that logs the event and returns a greeting
      custom-python       Custom runtime running your own Python HTTP server (no framework) on port 9000
      nodejs-hello        Node.js 18 function that logs the event and returns a greeting
      nodejs-http         Node.js 20 web function behind an HTTP trigger that echoes the request as JSON
      python-http         Python 3.10 web function behind an HTTP trigger that echoes the request as JSON

    event-driven:
      async-task-python   Python async task with retries and onSuccess / onFailure destinations on queues
      oss-trigger-python  Python function on an OSS trigger that copies every new object under source/ to processed/
      timer-python        Python function on a timer trigger (cron with seconds, UTC, or @every) that logs each tick

    media:
      video-transcode     ffmpeg video transcoding (mov, flv, avi, mp4, gif, m3u8) as async tasks on a mounted OSS bucket, plus media info and audio

    data:
      kafka-etl           Kafka ETL in Python on an EventBridge trigger with a batch window; results and failures go to queues
    ");
}

#[test]
fn non_interactive_init_renders_the_project() {
    let ws = Workspace::new();
    let out = init(
        &ws,
        &[
            "python-hello",
            "-d",
            "hello",
            "--parameters",
            r#"{"functionName":"hello-fn"}"#,
            "-y",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    insta::assert_snapshot!(stderr(&out), @r#"
         Created `hello` from template `python-hello`

    Next steps:
      cd hello
      s deploy
      s invoke -e '{"name":"you"}'
    "#);
    let manifest = std::fs::read_to_string(ws.path().join("hello/s.yaml")).unwrap();
    assert!(
        manifest.contains(r#"functionName: "hello-fn""#),
        "{manifest}"
    );
    assert!(manifest.contains(r#"region: "cn-hangzhou""#), "{manifest}");
    assert!(
        manifest.contains("region: ${vars.region}"),
        "runtime expressions stay"
    );
    assert!(manifest.contains("runtime: python3.10"));
    assert!(!manifest.contains("{{"), "{manifest}");
    let handler = std::fs::read_to_string(ws.path().join("hello/code/index.py")).unwrap();
    assert!(handler.contains("def handler(event, context):"));
    assert!(ws.path().join("hello/README.md").is_file());
    assert!(!ws.path().join("hello/template.yaml").exists());
}

#[test]
fn rendered_manifest_loads_and_packages() {
    let ws = Workspace::new();
    let args = [
        "nodejs-hello",
        "--parameters",
        r#"{"functionName":"n1","region":"cn-shanghai"}"#,
    ];
    let out = init(&ws, &args);
    assert!(out.status.success(), "{}", stderr(&out));
    let project = ws.path().join("nodejs-hello");
    let manifest = std::fs::read_to_string(project.join("s.yaml")).unwrap();
    assert!(manifest.contains("runtime: nodejs18") && manifest.contains("cn-shanghai"));
    let out = s().arg("package").current_dir(&project).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn unknown_template_suggests_a_name_and_the_list() {
    let out = init(&Workspace::new(), &["python-helo", "-y"]);
    assert_eq!(out.status.code(), Some(1));
    insta::assert_snapshot!(stderr(&out), @r"
    error: unknown template `python-helo`

    hint: did you mean `python-hello`? `s init --list` shows the built-in templates
    ");
}

#[test]
fn assume_yes_takes_the_defaults_off_a_terminal() {
    let ws = Workspace::new();
    let out = init(&ws, &["python-hello", "-y"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let manifest = std::fs::read_to_string(ws.path().join("python-hello/s.yaml")).unwrap();
    let name = manifest
        .lines()
        .find_map(|l| l.trim().strip_prefix("functionName:"))
        .expect("functionName in s.yaml")
        .trim()
        .trim_matches('"');
    assert!(
        name.starts_with("python-hello-") && name.len() == "python-hello-".len() + 4,
        "{name}"
    );
}

#[test]
fn every_template_ignores_what_s_build_installs() {
    for (template, installed) in [
        ("python-hello", "code/python/"),
        ("nodejs-http", "code/node_modules/"),
    ] {
        let ws = Workspace::new();
        let out = init(&ws, &[template, "-y"]);
        assert!(out.status.success(), "{}", stderr(&out));
        let ignored = std::fs::read_to_string(ws.path().join(template).join(".gitignore")).unwrap();
        assert!(
            ignored.lines().any(|l| l == installed),
            "{template}: {ignored}"
        );
    }
}

#[test]
fn invalid_parameter_is_refused() {
    let ws = Workspace::new();
    let out = init(
        &ws,
        &[
            "python-hello",
            "--parameters",
            r#"{"functionName":"1 bad"}"#,
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("does not match"), "{}", stderr(&out));
    let out = init(&ws, &["python-hello", "--parameters", "[1]"]);
    assert!(
        stderr(&out).contains("not a JSON object"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_non_empty_folder_is_never_overwritten_without_force() {
    let ws = Workspace::new();
    ws.write("app/s.yaml", "old");
    ws.write("app/notes.txt", "mine");
    let args = [
        "python-hello",
        "-d",
        "app",
        "--parameters",
        r#"{"functionName":"f"}"#,
    ];
    // `-y` takes the defaults; it is no licence to overwrite an edited project.
    for extra in [&[][..], &["-y"]] {
        let out = init(&ws, &[&args[..], extra].concat());
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        let err = stderr(&out);
        assert!(err.contains("`app` is not empty"), "{err}");
        assert!(
            err.contains("`s.yaml`"),
            "the files that would change: {err}"
        );
        assert!(err.contains("--force"), "{err}");
        assert_eq!(
            std::fs::read_to_string(ws.path().join("app/s.yaml")).unwrap(),
            "old"
        );
    }

    let out = init(&ws, &[&args[..], &["--force"]].concat());
    assert!(out.status.success(), "{}", stderr(&out));
    let manifest = std::fs::read_to_string(ws.path().join("app/s.yaml")).unwrap();
    assert!(manifest.contains(r#"functionName: "f""#));
    assert_eq!(
        std::fs::read_to_string(ws.path().join("app/notes.txt")).unwrap(),
        "mine"
    );
}

#[test]
fn no_template_off_a_terminal_is_an_error() {
    let out = init(&Workspace::new(), &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("`s init --list`"), "{}", stderr(&out));
}

#[cfg(unix)]
#[test]
fn interactive_init_picks_a_template_and_asks_parameters() {
    let ws = Workspace::new();
    let mut cmd = s();
    cmd.arg("init").current_dir(ws.path()).env("TERM", "xterm");
    let mut term = rexpect::session::spawn_command(cmd, Some(15_000)).unwrap();
    term.exp_string("Template").unwrap();
    term.exp_string("python-hello").unwrap();
    // python-hello comes first: Enter takes it.
    type_keys(&mut term, "\r");
    term.exp_string("Project folder").unwrap();
    type_keys(&mut term, "my-app\r");
    term.exp_string("Function name").unwrap();
    type_keys(&mut term, "1bad\r");
    term.exp_string("does not match").unwrap();
    // Erase the rejected answer before typing a good one.
    type_keys(&mut term, &"\x7f".repeat(4));
    type_keys(&mut term, "my-fn\r");
    term.exp_string("Region").unwrap();
    type_keys(&mut term, "\r");
    term.exp_string("Next steps").unwrap();
    term.exp_eof().unwrap();

    let manifest = std::fs::read_to_string(ws.path().join("my-app/s.yaml")).unwrap();
    assert!(manifest.contains(r#"functionName: "my-fn""#), "{manifest}");
    assert!(manifest.contains("runtime: python3.10"), "{manifest}");
    assert!(manifest.contains(r#"name: "my-app""#), "{manifest}");
    assert!(manifest.contains(r#"region: "cn-hangzhou""#), "{manifest}");
}

#[cfg(unix)]
fn type_keys(term: &mut rexpect::session::PtySession, keys: &str) {
    term.send(keys).unwrap();
    term.flush().unwrap();
}

/// Drives `s init` on a pseudo-terminal: types `TYPED` at the template menu, then takes
/// every default. Prints the folder `s init` created. (Python's `pty`: no extra tool.)
const ON_A_TERMINAL: &str = r#"
import os, pty, select, sys, time
s, typed, workdir = sys.argv[1], sys.argv[2], sys.argv[3]
pid, fd = pty.fork()
if pid == 0:
    os.chdir(workdir)
    os.environ['TERM'] = 'xterm'
    os.execv(s, [s, 'init'])
seen = b''
def wait_for(text, seconds=30):
    global seen
    deadline = time.time() + seconds
    while text not in seen:
        left = deadline - time.time()
        if left <= 0:
            sys.exit('timed out waiting for %r; saw %r' % (text, seen[-400:]))
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                chunk = b''
            if not chunk:
                sys.exit('s init ended before %r; saw %r' % (text, seen[-400:]))
            seen += chunk
wait_for(b'Template')
os.write(fd, typed.encode())
wait_for(typed.encode())
os.write(fd, b'\r')
wait_for(b'Project folder')
# Take the defaults until it exits: one Enter for each prompt it shows.
deadline = time.time() + 60
while time.time() < deadline:
    ready, _, _ = select.select([fd], [], [], 0.5)
    if ready:
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
        continue
    done, status = os.waitpid(pid, os.WNOHANG)
    if done:
        break
    os.write(fd, b'\r')
print('\n'.join(sorted(os.listdir(workdir))))
"#;

#[test]
fn the_template_menu_filters_as_you_type() {
    let ws = Workspace::new();
    let out = std::process::Command::new("python3")
        .args([
            "-c",
            ON_A_TERMINAL,
            env!("CARGO_BIN_EXE_s"),
            "kafka",
            &ws.path().display().to_string(),
        ])
        .env("S_HOME", ws.path().join(".s-home"))
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    assert!(
        stdout(&out).lines().any(|l| l == "kafka-etl"),
        "typing `kafka` chose the Kafka template: {}",
        stdout(&out)
    );
}

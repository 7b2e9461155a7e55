//! What the tests of the `vigil` binary share: running it, and serving.

#![allow(dead_code)] // each test binary uses a different part

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

pub mod sealed;

/// The `vigil` binary of this build.
pub fn vigil() -> Command {
    Command::new(env!("CARGO_BIN_EXE_vigil"))
}

/// Runs `vigil args --data data` (logging warnings) to its end, with
/// `stdin` as its input (none when `None`).
pub fn run_in(args: &[&str], data: &Path, stdin: Option<&str>) -> std::process::Output {
    use std::io::Write;
    let mut child = vigil()
        .args(args)
        .arg("--data")
        .arg(data)
        .env("VIGIL_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("vigil runs");
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(input.as_bytes())
            .expect("write stdin");
    }
    drop(child.stdin.take());
    child.wait_with_output().expect("vigil ends")
}

/// Starts `vigil serve` on a free loopback port with the data folder
/// `data` (logging warnings), set up further by `setup` (its environment,
/// say), and waits until it listens: the process, and the line of its
/// log that says where. The rest of its log is read and dropped, so the
/// server never blocks on it.
pub fn serve(data: &Path, setup: impl FnOnce(&mut Command)) -> (Child, String) {
    let mut cmd = vigil();
    cmd.args(["serve", "--addr", "127.0.0.1:0", "--data"])
        .arg(data)
        .env("VIGIL_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    setup(&mut cmd);
    let mut child = cmd.spawn().expect("vigil serve starts");
    let mut lines = BufReader::new(child.stderr.take().expect("stderr"));
    let mut line = String::new();
    while !line.contains("http://") {
        line.clear();
        assert!(lines.read_line(&mut line).expect("read") > 0, "vigil serve stopped");
    }
    std::thread::spawn(move || for _ in lines.lines() {});
    (child, line)
}

/// The messages (as sent) in the outbox of the data folder `data`, whose
/// case file's key is `key`, opened through the library function
/// `vigil outbox show` uses; a message removed while they are read is
/// left out.
pub fn outbox(data: &Path, key: &vigil_store::SealKey) -> Vec<String> {
    use vigil_app::campaigns::outbox::{self, OutboxKey};
    outbox::read_all(&data.join("outbox"), &OutboxKey::of_case_key(key))
        .expect("the outbox opens")
        .into_iter()
        .map(|(_, message)| String::from_utf8(message).expect("a message is UTF-8"))
        .collect()
}

/// The address (`http://…`, without a final slash) in a line of the log.
pub fn url_in(line: &str) -> String {
    line.split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap_or_else(|| panic!("no address in: {line}"))
        .trim_end_matches('/')
        .to_owned()
}

//! The `vigil` binary as a user runs it.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

fn vigil() -> Command {
    Command::new(env!("CARGO_BIN_EXE_vigil"))
}

#[test]
fn serve_loads_the_demo_into_an_empty_folder_and_answers() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut child = vigil()
        .args(["serve", "--addr", "127.0.0.1:0", "--data"])
        .arg(&data)
        .env("VIGIL_LOG", "warn")
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let mut line = String::new();
    BufReader::new(stderr).read_line(&mut line).unwrap();
    let url = line
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap_or_else(|| panic!("no address in: {line}"))
        .trim_end_matches('/')
        .to_owned();
    let body = std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        rt.block_on(async {
            let stream = tokio::net::TcpStream::connect(url.trim_start_matches("http://")).await.unwrap();
            use tokio::io::{AsyncReadExt, AsyncWriteExt};
            let mut stream = stream;
            stream
                .write_all(b"GET /api/v1/persons/erlan-baltabay HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                .await
                .unwrap();
            let mut out = String::new();
            stream.read_to_string(&mut out).await.unwrap();
            out
        })
    })
    .join()
    .unwrap();
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(body.starts_with("HTTP/1.1 200"), "{body}");
    assert!(body.contains("Erlan Baltabay"));
    assert!(data.join("vigil.db").exists());
}

#[test]
fn a_data_folder_that_is_a_file_is_a_one_line_error() {
    let dir = tempfile::tempdir().unwrap();
    let not_a_folder = dir.path().join("file");
    std::fs::write(&not_a_folder, "x").unwrap();
    let out = vigil()
        .args(["serve", "--addr", "127.0.0.1:0", "--data"])
        .arg(&not_a_folder)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = err.lines().filter(|l| l.starts_with("vigil:")).collect();
    assert_eq!(lines.len(), 1, "{err}");
    assert!(lines[0].contains("data folder"), "{err}");
    assert_eq!(std::fs::read_to_string(&not_a_folder).unwrap(), "x");
}

#[test]
fn a_bad_address_is_refused_by_the_parser() {
    let out = vigil()
        .args(["serve", "--addr", "not-an-address"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--addr"));
}

/// Starts `vigil serve` on `data` and waits until it listens.
fn start_server(data: &std::path::Path) -> std::process::Child {
    let mut child = vigil()
        .args(["serve", "--addr", "127.0.0.1:0", "--data"])
        .arg(data)
        .env("VIGIL_LOG", "error")
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let mut line = String::new();
    BufReader::new(stderr).read_line(&mut line).unwrap();
    assert!(line.contains("http://"), "{line}");
    child
}

#[test]
fn reindex_rebuilds_the_search_index_and_waits_for_a_stopped_server() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut server = start_server(&data);
    assert!(data.join("search").join("meta.json").exists());

    // A second server on the same folder serves too, with its own index.
    let mut second = start_server(&data);
    second.kill().unwrap();
    second.wait().unwrap();

    // The running server holds the index.
    let out = vigil()
        .arg("reindex")
        .arg("--data")
        .arg(&data)
        .output()
        .unwrap();
    server.kill().unwrap();
    server.wait().unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("in use by another Vigil process"), "{err}");

    let out = vigil()
        .arg("reindex")
        .arg("--data")
        .arg(&data)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    let indexed: u64 = err
        .split_whitespace()
        .skip_while(|w| *w != "Indexed")
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{err}"));
    assert!(indexed > 50, "{err}");

    // A corrupt index does not stop the server: it is rebuilt.
    std::fs::write(data.join("search").join("meta.json"), "garbage").unwrap();
    let mut server = start_server(&data);
    server.kill().unwrap();
    server.wait().unwrap();
    let meta = std::fs::read_to_string(data.join("search").join("meta.json")).unwrap();
    assert!(meta.contains("\"segments\""), "{meta}");
}

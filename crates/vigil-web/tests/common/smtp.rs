//! A tiny SMTP server on loopback that keeps every message it receives:
//! enough of the protocol for lettre (220, EHLO/HELO, MAIL, RCPT, DATA,
//! RSET, NOOP, QUIT).

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

#[derive(Clone)]
pub struct SmtpSink {
    pub addr: SocketAddr,
    pub messages: Arc<Mutex<Vec<String>>>,
}

impl SmtpSink {
    pub async fn start() -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind smtp");
        let addr = listener.local_addr().expect("addr");
        let messages = Arc::new(Mutex::new(Vec::new()));
        let kept = messages.clone();
        tokio::spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                let kept = kept.clone();
                tokio::spawn(async move {
                    let _ = session(socket, kept).await;
                });
            }
        });
        Self { addr, messages }
    }

    pub fn url(&self) -> String {
        format!("smtp://{}", self.addr)
    }

    /// Waits (at most 20 s) until at least `n` messages have arrived.
    pub async fn wait_for(&self, n: usize) -> Vec<String> {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
        loop {
            let got = self.messages.lock().unwrap().clone();
            if got.len() >= n {
                return got;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "waited for {n} messages, got {}",
                got.len()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

/// Reads the client's next line into `line` (emptied first); `false` when
/// the client has gone.
async fn next_line<R: tokio::io::AsyncBufRead + Unpin>(lines: &mut R, line: &mut String) -> std::io::Result<bool> {
    line.clear();
    Ok(lines.read_line(line).await? > 0)
}

async fn session(socket: tokio::net::TcpStream, kept: Arc<Mutex<Vec<String>>>) -> std::io::Result<()> {
    let (read, mut write) = socket.into_split();
    let mut lines = BufReader::new(read);
    write.write_all(b"220 sink ESMTP\r\n").await?;
    let mut line = String::new();
    loop {
        if !next_line(&mut lines, &mut line).await? {
            return Ok(());
        }
        let cmd = line.trim_end().to_ascii_uppercase();
        if cmd.starts_with("EHLO") || cmd.starts_with("HELO") {
            write.write_all(b"250-sink\r\n250 8BITMIME\r\n").await?;
        } else if cmd.starts_with("MAIL")
            || cmd.starts_with("RCPT")
            || cmd.starts_with("RSET")
            || cmd.starts_with("NOOP")
        {
            write.write_all(b"250 ok\r\n").await?;
        } else if cmd.starts_with("DATA") {
            write.write_all(b"354 go on\r\n").await?;
            let mut message = String::new();
            loop {
                if !next_line(&mut lines, &mut line).await? {
                    return Ok(());
                }
                if line == ".\r\n" || line == ".\n" {
                    break;
                }
                message.push_str(
                    line.strip_prefix('.')
                        .filter(|_| line.starts_with(".."))
                        .unwrap_or(&line),
                );
            }
            kept.lock().unwrap().push(message);
            write.write_all(b"250 queued\r\n").await?;
        } else if cmd.starts_with("QUIT") {
            write.write_all(b"221 bye\r\n").await?;
            return Ok(());
        } else {
            write.write_all(b"502 not implemented\r\n").await?;
        }
    }
}

/// A message's text with its quoted-printable encoding undone.
pub fn decoded(message: &str) -> String {
    let bytes = quoted_printable::decode(message, quoted_printable::ParseMode::Robust).expect("robust decoding");
    String::from_utf8_lossy(&bytes).into_owned()
}

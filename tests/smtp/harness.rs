//! A real SMTP server on 127.0.0.1 for the tests and the bench: `server.py` (Debian's
//! python3-aiosmtpd) in a child process, and what it received, read back from its files.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{mpsc, OnceLock};
use std::time::Duration;

const PYTHON: &str = "/usr/bin/python3";

/// The test's certificate for 127.0.0.1, made once per process with `openssl`, and trusted
/// through `SSL_CERT_FILE` as a certificate authority of the system would be.
pub fn certificate() -> &'static (PathBuf, PathBuf) {
    static PAIR: OnceLock<(PathBuf, PathBuf)> = OnceLock::new();
    PAIR.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap().keep();
        let (cert, key) = (dir.join("cert.pem"), dir.join("key.pem"));
        let status = Command::new("openssl")
            .args([
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
            ])
            .args(["-subj", "/CN=127.0.0.1"])
            .args(["-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"])
            .arg("-keyout")
            .arg(&key)
            .arg("-out")
            .arg(&cert)
            .stderr(Stdio::null())
            .status()
            .expect("openssl (make test installs it)");
        assert!(status.success());
        std::env::set_var("SSL_CERT_FILE", &cert);
        (cert, key)
    })
}

/// A running SMTP server; stopped when dropped.
pub struct Server {
    child: Child,
    _stdin: ChildStdin,
    pub port: u16,
    pub out: tempfile::TempDir,
    lines: mpsc::Receiver<String>,
}

/// One message as the server received it.
pub struct Received {
    pub from: String,
    pub to: Vec<String>,
    pub bytes: Vec<u8>,
}

impl Server {
    pub fn start(options: &[&str]) -> Server {
        let out = tempfile::tempdir().unwrap();
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/smtp/server.py");
        let mut child = Command::new(PYTHON)
            .arg(script)
            .arg(out.path())
            .args(options)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("python3-aiosmtpd (make test installs it)");
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (send, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if send.send(line).is_err() {
                    break;
                }
            }
        });
        let mut server = Server {
            child,
            _stdin: stdin,
            port: 0,
            out,
            lines,
        };
        server.port = server.wait_for("ready ").parse().unwrap();
        server
    }

    /// Waits for the server to print a line starting with `prefix`; returns the rest.
    pub fn wait_for(&self, prefix: &str) -> String {
        loop {
            let line = self
                .lines
                .recv_timeout(Duration::from_secs(120))
                .unwrap_or_else(|_| panic!("the SMTP server never printed {prefix:?}"));
            if let Some(rest) = line.strip_prefix(prefix) {
                return rest.trim().to_string();
            }
        }
    }

    /// Every message the server accepted, in order.
    pub fn received(&self) -> Vec<Received> {
        let mut names: Vec<PathBuf> = std::fs::read_dir(self.out.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "eml"))
            .collect();
        names.sort();
        names
            .iter()
            .map(|eml| {
                let envelope: serde_json::Value =
                    serde_json::from_slice(&std::fs::read(eml.with_extension("json")).unwrap())
                        .unwrap();
                Received {
                    from: envelope["from"].as_str().unwrap().to_string(),
                    to: envelope["to"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|a| a.as_str().unwrap().to_string())
                        .collect(),
                    bytes: std::fs::read(eml).unwrap(),
                }
            })
            .collect()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

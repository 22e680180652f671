//! The interactive prompt driven through a pseudo-terminal, as a learner types at it:
//! the refcount report, multi-line blocks, errors, Ctrl-C during a loop, `:heap`, Ctrl-D.
#![cfg(unix)]

use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::{AsRawFd, FromRawFd};
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const TIMEOUT: Duration = Duration::from_secs(20);

/// A child process on the slave side of a pseudo-terminal; everything it writes is
/// collected by a reader thread, which also answers the cursor-position queries a line
/// editor makes.
struct Pty {
    child: Child,
    master: File,
    output: Arc<Mutex<Vec<u8>>>,
    /// How far [`Pty::expect`] has read.
    seen: usize,
    _home: tempdir::Dir,
}

mod tempdir {
    /// A scratch folder removed on drop (for the history file).
    pub struct Dir(pub std::path::PathBuf);

    impl Dir {
        pub fn new(tag: &str) -> Dir {
            let path = std::env::temp_dir().join(format!("refpy-{tag}-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&path);
            std::fs::create_dir_all(&path).expect("a temporary folder");
            Dir(path)
        }
    }

    impl Drop for Dir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

impl Pty {
    fn spawn() -> Pty {
        let (mut master, mut slave) = (0, 0);
        let size = libc::winsize {
            ws_row: 40,
            ws_col: 200,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        // SAFETY: openpty fills in two fresh descriptors, owned from here on by Files.
        let rc = unsafe {
            libc::openpty(
                &mut master,
                &mut slave,
                std::ptr::null_mut(),
                std::ptr::null(),
                &size,
            )
        };
        assert_eq!(rc, 0, "openpty");
        // SAFETY: both descriptors were just opened and are owned by nobody else.
        let (master, slave) = unsafe { (File::from_raw_fd(master), File::from_raw_fd(slave)) };
        let home = tempdir::Dir::new("pty");
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_refpy"));
        cmd.stdin(Stdio::from(slave.try_clone().unwrap()))
            .stdout(Stdio::from(slave.try_clone().unwrap()))
            .stderr(Stdio::from(slave))
            .env("TERM", "xterm")
            .env("XDG_DATA_HOME", &home.0)
            .env_remove("NO_COLOR");
        // SAFETY: only async-signal-safe calls between fork and exec: a new session whose
        // controlling terminal is the pty, so Ctrl-C there sends SIGINT to the child.
        unsafe {
            cmd.pre_exec(|| {
                libc::setsid();
                libc::ioctl(0, libc::TIOCSCTTY as _, 0);
                Ok(())
            });
        }
        let child = cmd.spawn().expect("refpy starts");
        let output = Arc::new(Mutex::new(Vec::new()));
        let mut reader = master.try_clone().unwrap();
        let mut answer = master.try_clone().unwrap();
        let sink = output.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                let chunk = &buf[..n];
                if chunk.windows(4).any(|w| w == b"\x1b[6n") {
                    let _ = answer.write_all(b"\x1b[1;1R");
                }
                sink.lock().unwrap().extend_from_slice(chunk);
            }
        });
        Pty {
            child,
            master,
            output,
            seen: 0,
            _home: home,
        }
    }

    /// Everything written so far, colours and cursor moves removed.
    fn text(&self) -> String {
        strip_escapes(&String::from_utf8_lossy(&self.output.lock().unwrap()))
    }

    /// Waits until `needle` appears after what earlier expectations consumed; returns the
    /// text up to and including it.
    fn expect(&mut self, needle: &str) -> String {
        let start = Instant::now();
        loop {
            let text = self.text();
            if let Some(i) = text[self.seen.min(text.len())..].find(needle) {
                let end = self.seen + i + needle.len();
                let got = text[self.seen..end].to_string();
                self.seen = end;
                return got;
            }
            if start.elapsed() > TIMEOUT {
                panic!(
                    "timed out waiting for {needle:?}; output since the last match:\n{}",
                    &text[self.seen.min(text.len())..]
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn send(&mut self, bytes: &str) {
        self.master.write_all(bytes.as_bytes()).unwrap();
        self.master.flush().unwrap();
    }

    /// Types a line at the prompt (waiting for the prompt first).
    fn line(&mut self, prompt: &str, line: &str) {
        self.expect(prompt);
        // Let the line editor settle after drawing its prompt.
        std::thread::sleep(Duration::from_millis(50));
        self.send(line);
        self.send("\r");
    }

    fn wait_exit(&mut self) -> i32 {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code().unwrap_or(-1);
            }
            if start.elapsed() > TIMEOUT {
                let _ = self.child.kill();
                panic!("refpy did not exit; output:\n{}", self.text());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = self.master.as_raw_fd();
    }
}

/// Removes ANSI escape sequences (colours, cursor moves) and carriage returns.
fn strip_escapes(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\x1b' => {
                if chars.peek() == Some(&'[') {
                    chars.next();
                    for c in chars.by_ref() {
                        if c.is_ascii_alphabetic() || c == '~' {
                            break;
                        }
                    }
                } else {
                    chars.next();
                }
            }
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

#[test]
fn a_session_at_the_terminal() {
    let mut pty = Pty::spawn();

    // The report after a binding, then after a second name for the same list.
    pty.line(">>> ", "a = [1, 2, 3]");
    let report = pty.expect("refcount 1");
    assert!(report.contains("a → list [1, 2, 3]"), "{report}");
    pty.line(">>> ", "b = a");
    let report = pty.expect("also named a");
    assert!(report.contains("b → list [1, 2, 3]"), "{report}");
    assert!(report.contains("refcount 2"), "{report}");

    // A block closed by a blank line, then a call.
    pty.line(">>> ", "def double(x):");
    pty.line("... ", "    return x * 2");
    pty.line("... ", "");
    pty.expect("double → function");
    pty.line(">>> ", "double(21)");
    pty.expect("42");

    // An error: the traceback, and the session goes on.
    pty.line(">>> ", "1/0");
    pty.expect("Traceback (most recent call last):");
    pty.expect("ZeroDivisionError: division by zero");
    pty.line(">>> ", "len(a)");
    pty.expect("3");

    // Ctrl-C interrupts a running loop.
    pty.line(">>> ", "while True: pass");
    pty.line("... ", "");
    std::thread::sleep(Duration::from_millis(300));
    pty.send("\x03");
    pty.expect("KeyboardInterrupt");
    pty.line(">>> ", "print('after the interrupt')");
    pty.expect("after the interrupt");

    // Ctrl-C at the prompt drops the line being typed.
    pty.expect(">>> ");
    std::thread::sleep(Duration::from_millis(50));
    pty.send("x = 'never run'");
    pty.send("\x03");
    pty.expect("KeyboardInterrupt");

    // :heap prints something: the drawing (with the name or box lines) or its placeholder.
    pty.line(">>> ", ":heap a");
    pty.expect("\n");
    let start = Instant::now();
    let heap = loop {
        let text = pty.text();
        let tail = text[pty.seen..].to_string();
        if tail.contains(">>> ") || start.elapsed() > TIMEOUT {
            break tail;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(
        heap.contains("not available yet")
            || heap.contains('a') && heap.chars().any(|c| ('\u{2500}'..='\u{257f}').contains(&c)),
        "{heap}"
    );

    // Ctrl-D leaves.
    std::thread::sleep(Duration::from_millis(50));
    pty.send("\x04");
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn tab_completes_names_and_attributes() {
    let mut pty = Pty::spawn();
    pty.line(">>> ", "numbers = [3, 1, 2]");
    pty.expect("refcount 1");
    pty.expect(">>> ");
    std::thread::sleep(Duration::from_millis(50));
    pty.send("numb\t.so\t()\r");
    pty.expect("numbers.sort()");
    pty.line(">>> ", "numbers");
    pty.expect("[1, 2, 3]");
    pty.expect(">>> ");
    pty.send("\x04");
    assert_eq!(pty.wait_exit(), 0);
}

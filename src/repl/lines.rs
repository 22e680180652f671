//! Where typed lines come from: rustyline on a terminal (editing, history, completion),
//! or plain stdin otherwise — then each line is echoed after its prompt, so the output
//! reads as a transcript of the session.

use super::complete::PromptHelper;
use crate::eval::Interp;
use rustyline::error::ReadlineError;
use rustyline::history::DefaultHistory;
use rustyline::{Config, Editor};
use std::cell::RefCell;
use std::io::Write;
use std::path::PathBuf;
use std::rc::Rc;

/// One read at a prompt.
pub enum Read {
    Line(String),
    /// Ctrl-C: the statement being typed is dropped.
    Interrupted,
    /// Ctrl-D or the end of input.
    Eof,
}

pub trait LineSource {
    fn read(&mut self, prompt: &str) -> Read;
    /// True for a terminal, where Ctrl-D leaves a line break behind it.
    fn is_terminal(&self) -> bool {
        false
    }
    /// Saves what should outlive the session (history).
    fn finish(&mut self) {}
}

/// `$XDG_DATA_HOME/refpy/history`, or `~/.local/share/refpy/history`.
pub fn history_path() -> Option<PathBuf> {
    let data = match std::env::var_os("XDG_DATA_HOME").filter(|d| !d.is_empty()) {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(std::env::var_os("HOME")?).join(".local/share"),
    };
    Some(data.join("refpy").join("history"))
}

pub struct Terminal {
    editor: Editor<PromptHelper, DefaultHistory>,
    history: Option<PathBuf>,
}

impl Terminal {
    pub fn new(interp: Rc<RefCell<Interp>>) -> Option<Terminal> {
        let config = Config::builder().auto_add_history(false).build();
        let mut editor = Editor::with_config(config).ok()?;
        editor.set_helper(Some(PromptHelper { interp }));
        let history = history_path();
        if let Some(path) = &history {
            let _ = editor.load_history(path);
        }
        Some(Terminal { editor, history })
    }
}

impl LineSource for Terminal {
    fn read(&mut self, prompt: &str) -> Read {
        match self.editor.readline(prompt) {
            Ok(line) => {
                if !line.trim().is_empty() {
                    let _ = self.editor.add_history_entry(line.as_str());
                }
                Read::Line(line)
            }
            Err(ReadlineError::Interrupted) => Read::Interrupted,
            Err(_) => Read::Eof,
        }
    }

    fn is_terminal(&self) -> bool {
        true
    }

    /// Writing the history may fail (read-only home, no home): that is not worth a word.
    fn finish(&mut self) {
        if let Some(path) = &self.history {
            if let Some(dir) = path.parent() {
                let _ = std::fs::create_dir_all(dir);
            }
            let _ = self.editor.save_history(path);
        }
    }
}

/// Lines from a pipe or file, echoed after their prompt. Stdin is locked only while a
/// line is read, so the program may read it too.
#[derive(Default)]
pub struct Piped;

impl Piped {
    pub fn new() -> Piped {
        Piped
    }
}

impl LineSource for Piped {
    fn read(&mut self, prompt: &str) -> Read {
        let mut line = String::new();
        match std::io::stdin().read_line(&mut line) {
            Ok(0) | Err(_) => Read::Eof,
            Ok(_) => {
                let line = line.trim_end_matches(['\n', '\r']).to_string();
                let shown = format!("{prompt}{line}");
                let mut out = std::io::stdout().lock();
                let _ = writeln!(out, "{}", shown.trim_end());
                let _ = out.flush();
                if crate::eval::interrupt::take() {
                    return Read::Interrupted;
                }
                Read::Line(line)
            }
        }
    }
}

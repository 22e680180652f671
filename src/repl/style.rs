//! ANSI colours on a terminal, plain text everywhere else.

/// Whether output is painted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Style {
    pub colour: bool,
}

impl Style {
    pub const PLAIN: Style = Style { colour: false };

    fn paint(self, code: &str, text: &str) -> String {
        if self.colour {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    pub fn dim(self, text: &str) -> String {
        self.paint("2", text)
    }

    pub fn name(self, text: &str) -> String {
        self.paint("1;36", text)
    }

    pub fn type_name(self, text: &str) -> String {
        self.paint("33", text)
    }

    pub fn count(self, text: &str) -> String {
        self.paint("1;32", text)
    }

    pub fn freed(self, text: &str) -> String {
        self.paint("31", text)
    }

    pub fn gc(self, text: &str) -> String {
        self.paint("35", text)
    }

    pub fn error(self, text: &str) -> String {
        self.paint("31", text)
    }
}

//! Claims in lesson code: a trailing comment that states what a line prints
//! (`print(sys.getsizeof([]))  # 56 Bytes`, `print(a is b)  # True (same object)`), read
//! into value tokens and compared with what the line really printed.
//!
//! A claim is the comment's leading run of values — numbers, `True`/`False`/`None`,
//! quoted strings and bracketed literals such as `[1, 2]` or `(700, 10, 10)` — up to the
//! first word, unit or remark. Comments that mark themselves as examples (`z.B.`, `e.g.`,
//! `~`, `...`, `etwa`, `ca.`, `about`) or start with words name no checkable value.

/// One physical line of a block: its code, its trailing comment, and where its logical
/// line (a statement spread over bracketed continuation lines) begins.
#[derive(Clone, Debug, PartialEq)]
pub struct SourceLine {
    /// 1-based line in the block.
    pub line: usize,
    /// 1-based line where the logical line containing this one starts.
    pub start: usize,
    /// The code before the comment.
    pub code: String,
    /// The comment's text after `#`, trimmed; `None` without a comment.
    pub comment: Option<String>,
}

/// Splits code into lines, finding comments outside strings and bracket continuations.
pub fn scan_lines(code: &str) -> Vec<SourceLine> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    // Inside a triple-quoted string: its quote character.
    let mut triple: Option<char> = None;
    let mut start = 1;
    for (i, text) in code.lines().enumerate() {
        let line = i + 1;
        if depth == 0 && triple.is_none() {
            start = line;
        }
        let chars: Vec<char> = text.chars().collect();
        let mut comment = None;
        let mut code_end = chars.len();
        let mut j = 0;
        while j < chars.len() {
            let c = chars[j];
            if let Some(q) = triple {
                if c == '\\' {
                    j += 2;
                    continue;
                }
                if c == q && chars.get(j + 1) == Some(&q) && chars.get(j + 2) == Some(&q) {
                    triple = None;
                    j += 3;
                    continue;
                }
                j += 1;
                continue;
            }
            match c {
                '#' => {
                    code_end = j;
                    let rest: String = chars[j + 1..].iter().collect();
                    comment = Some(rest.trim().to_string());
                    break;
                }
                '\'' | '"' => {
                    if chars.get(j + 1) == Some(&c) && chars.get(j + 2) == Some(&c) {
                        triple = Some(c);
                        j += 3;
                        continue;
                    }
                    j += 1;
                    while j < chars.len() && chars[j] != c {
                        if chars[j] == '\\' {
                            j += 1;
                        }
                        j += 1;
                    }
                    j += 1;
                    continue;
                }
                '(' | '[' | '{' => depth += 1,
                ')' | ']' | '}' => depth = depth.saturating_sub(1),
                _ => {}
            }
            j += 1;
        }
        out.push(SourceLine {
            line,
            start,
            code: chars[..code_end].iter().collect(),
            comment,
        });
    }
    out
}

/// A value a claim states or a line printed.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// A number, kept as written (compared numerically).
    Number(String),
    /// `True`, `False`, `None`, a quoted string or a bracketed literal, without the
    /// spaces outside its strings (so `[1,2]` and `[1, 2]` compare equal).
    Literal(String),
}

impl Value {
    fn matches(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::Number(a), Value::Number(b)) => numbers_equal(a, b),
            (Value::Literal(a), Value::Literal(b)) => a == b,
            _ => false,
        }
    }
}

fn numbers_equal(a: &str, b: &str) -> bool {
    let clean = |s: &str| s.replace('_', "");
    let (a, b) = (clean(a), clean(b));
    if let (Ok(x), Ok(y)) = (a.parse::<i128>(), b.parse::<i128>()) {
        return x == y;
    }
    match (a.parse::<f64>(), b.parse::<f64>()) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}

/// What a comment says about its line's output.
#[derive(Clone, Debug, PartialEq)]
pub enum Reading {
    /// The values the comment claims, with the text that states them.
    Values(Vec<Value>, String),
    /// Marked as an example or approximation.
    Example,
    /// Starts with words, not a value.
    NoValue,
}

/// Words and signs that make a comment an example rather than a claim.
const EXAMPLE_SIGNS: &[&str] = &["~", "...", "…", "≈", "z.b.", "z. b.", "e.g.", "ca."];
const EXAMPLE_WORDS: &[&str] = &[
    "etwa",
    "about",
    "approx",
    "approximately",
    "roughly",
    "circa",
    "ungefähr",
    "beispielsweise",
];
/// Units that may follow a number; they end the claim.
const UNITS: &[&str] = &[
    "b", "byte", "bytes", "kb", "kib", "mb", "mib", "gb", "gib", "%",
];

/// Reads a trailing comment.
pub fn read_comment(comment: &str) -> Reading {
    // `[...]` and `{...}` are how a recursive container prints, not an ellipsis.
    let lower = comment
        .to_lowercase()
        .replace("[...]", "[]")
        .replace("{...}", "{}");
    if EXAMPLE_SIGNS.iter().any(|s| lower.contains(s))
        || lower
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| EXAMPLE_WORDS.contains(&w))
    {
        return Reading::Example;
    }
    let (values, end) = read_values(comment, true);
    if values.is_empty() {
        Reading::NoValue
    } else {
        Reading::Values(values, comment[..end].trim().to_string())
    }
}

/// The values a line printed: all of its text when it is values only (a trailing unit
/// allowed), else the values after a leading label (`references: 2` gives `2`).
pub fn printed_values(text: &str) -> Option<Vec<Value>> {
    let text = text.trim();
    let mut offset = 0;
    loop {
        let rest = &text[offset..];
        let (values, end) = read_values(rest, false);
        if !values.is_empty() && rest[end..].trim().is_empty() {
            return Some(values);
        }
        // Skip one word of label and try again.
        let next = rest.find(char::is_whitespace)?;
        offset += next;
        offset += text[offset..].len() - text[offset..].trim_start().len();
    }
}

/// True when a comment repeats a one-line output word for word, perhaps followed by a
/// remark (`# 1: alpha` for a line that printed `1: alpha`).
pub fn verbatim(comment: &str, printed: &str) -> bool {
    let printed = printed.trim();
    if printed.is_empty() || printed.contains('\n') {
        return false;
    }
    comment
        .strip_prefix(printed)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(char::is_whitespace))
}

/// True when a claim's values equal the values printed.
pub fn claim_matches(claim: &[Value], printed: &str) -> bool {
    printed_values(printed)
        .is_some_and(|p| p.len() == claim.len() && p.iter().zip(claim).all(|(a, b)| a.matches(b)))
}

/// Reads leading values (separated by spaces or commas) and returns them with the byte
/// offset where reading stopped. In a comment a unit after a number ends the claim; in
/// printed text it is skipped.
fn read_values(text: &str, in_comment: bool) -> (Vec<Value>, usize) {
    let mut values = Vec::new();
    let mut pos = 0;
    let mut end = 0;
    loop {
        let rest = &text[pos..];
        let skipped = rest.len() - rest.trim_start().len();
        let at = pos + skipped;
        let Some((value, len)) = read_value(&text[at..]) else {
            break;
        };
        let is_number = matches!(value, Value::Number(_));
        values.push(value);
        pos = at + len;
        end = pos;
        if is_number {
            if let Some(unit_end) = unit_after(&text[pos..]) {
                if in_comment {
                    break;
                }
                pos += unit_end;
                end = pos;
            }
        }
        // A comma between values (`# 1, 2`).
        let rest = &text[pos..];
        let trimmed = rest.trim_start();
        if let Some(after) = trimmed.strip_prefix(',') {
            if read_value(after.trim_start()).is_some() {
                pos += rest.len() - after.len();
            }
        }
    }
    (values, end)
}

/// The length of a unit word right after a number (`80 Bytes`, `80B`), if one follows.
fn unit_after(text: &str) -> Option<usize> {
    let trimmed = text.trim_start();
    let lead = text.len() - trimmed.len();
    let word_len = trimmed
        .find(|c: char| !(c.is_alphabetic() || c == '%'))
        .unwrap_or(trimmed.len());
    let word = trimmed[..word_len].to_lowercase();
    (word_len > 0 && UNITS.contains(&word.as_str())).then_some(lead + word_len)
}

/// One value at the start of `text`, with its length in bytes.
fn read_value(text: &str) -> Option<(Value, usize)> {
    let first = text.chars().next()?;
    let len = match first {
        '[' | '(' | '{' => literal_group(text)?,
        '\'' | '"' => quoted(text)?,
        '.' if text.starts_with("...") => 3,
        '-' | '0'..='9' => {
            let len = number(text)?;
            return Some((Value::Number(text[..len].to_string()), len));
        }
        _ => {
            let len = ["True", "False", "None"]
                .iter()
                .find(|w| text.starts_with(**w) && boundary(&text[w.len()..]))?
                .len();
            return Some((Value::Literal(text[..len].to_string()), len));
        }
    };
    Some((Value::Literal(squeeze(&text[..len])), len))
}

/// A value must end at a space, the end, or punctuation that cannot continue it.
fn boundary(rest: &str) -> bool {
    rest.chars()
        .next()
        .is_none_or(|c| c.is_whitespace() || ",;:)]}!?".contains(c))
}

/// A decimal number (`-5`, `1_000`, `7.63`, `1e-3`): its length, if it ends at a boundary
/// or a unit.
fn number(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    let mut i = usize::from(b.first() == Some(&b'-'));
    let digits_from = i;
    while i < b.len() && (b[i].is_ascii_digit() || (b[i] == b'_' && i > digits_from)) {
        i += 1;
    }
    if i == digits_from {
        return None;
    }
    if i + 1 < b.len() && b[i] == b'.' && b[i + 1].is_ascii_digit() {
        i += 1;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        let mut k = i + 1;
        if k < b.len() && (b[k] == b'+' || b[k] == b'-') {
            k += 1;
        }
        if k < b.len() && b[k].is_ascii_digit() {
            while k < b.len() && b[k].is_ascii_digit() {
                k += 1;
            }
            i = k;
        }
    }
    (boundary(&text[i..]) || unit_after(&text[i..]).is_some()).then_some(i)
}

/// A quoted string with backslash escapes: its length.
fn quoted(text: &str) -> Option<usize> {
    let quote = text.chars().next()?;
    let mut escaped = false;
    for (i, c) in text.char_indices().skip(1) {
        if escaped {
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == quote {
            let len = i + c.len_utf8();
            return boundary(&text[len..]).then_some(len);
        }
    }
    None
}

/// A bracketed literal: its items are values separated by commas (and colons in a
/// dict). A parenthesised single value without a comma, such as `(+8)` or `(see
/// above)`, is a remark, not a tuple.
fn literal_group(text: &str) -> Option<usize> {
    let open = text.chars().next()?;
    let close = match open {
        '[' => ']',
        '(' => ')',
        _ => '}',
    };
    let mut pos = 1;
    let mut items = 0;
    let mut commas = 0;
    loop {
        let rest = &text[pos..];
        pos += rest.len() - rest.trim_start().len();
        let rest = &text[pos..];
        if rest.starts_with(close) {
            pos += 1;
            break;
        }
        let (_, len) = read_value(rest)?;
        items += 1;
        pos += len;
        let rest = &text[pos..];
        pos += rest.len() - rest.trim_start().len();
        let rest = &text[pos..];
        if rest.starts_with(',') || (open == '{' && rest.starts_with(':')) {
            if rest.starts_with(',') {
                commas += 1;
            }
            pos += 1;
        } else if !rest.starts_with(close) {
            return None;
        }
    }
    if open == '(' && items == 1 && commas == 0 {
        return None;
    }
    boundary(&text[pos..]).then_some(pos)
}

/// A literal's text without the spaces outside its strings.
fn squeeze(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for c in text.chars() {
        match quote {
            Some(q) => {
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == q {
                    quote = None;
                }
                out.push(c);
            }
            None => {
                if c == '\'' || c == '"' {
                    quote = Some(c);
                }
                if !c.is_whitespace() {
                    out.push(c);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim(comment: &str) -> (Vec<Value>, String) {
        match read_comment(comment) {
            Reading::Values(v, text) => (v, text),
            other => panic!("{comment:?} read as {other:?}"),
        }
    }

    fn num(s: &str) -> Value {
        Value::Number(s.into())
    }

    fn lit(s: &str) -> Value {
        Value::Literal(s.into())
    }

    #[test]
    fn numbers_with_units_and_remarks() {
        assert_eq!(claim("80 Bytes"), (vec![num("80")], "80".into()));
        assert_eq!(claim("64 Bytes (+8)"), (vec![num("64")], "64".into()));
        assert_eq!(claim("2 (x + getrefcount)").0, vec![num("2")]);
        assert_eq!(claim("28B").0, vec![num("28")]);
        assert_eq!(claim("-5").0, vec![num("-5")]);
        assert_eq!(claim("7.63 MB").0, vec![num("7.63")]);
    }

    #[test]
    fn words_literals_and_several_values() {
        assert_eq!(claim("True (same objects!)").0, vec![lit("True")]);
        assert_eq!(claim("None - removed").0, vec![lit("None")]);
        assert_eq!(claim("1 2").0, vec![num("1"), num("2")]);
        assert_eq!(claim("1, 2").0, vec![num("1"), num("2")]);
        assert_eq!(claim("(700, 10, 10)").0, vec![lit("(700,10,10)")]);
        assert_eq!(
            claim("[[1, 2, 99], [3, 4]] - also changed!").0,
            vec![lit("[[1,2,99],[3,4]]")]
        );
        assert_eq!(claim("{'a': 1}").0, vec![lit("{'a':1}")]);
        assert_eq!(claim("'a b'").0, vec![lit("'a b'")]);
        assert_eq!(claim("()").0, vec![lit("()")]);
        assert_eq!(claim("[[...]]").0, vec![lit("[[...]]")]);
    }

    #[test]
    fn examples_and_prose_are_not_claims() {
        for comment in [
            "z.B. 140234567890",
            "e.g. (700, 10, 10)",
            "~8 MB",
            "[1, 2, ...]",
            "etwa 200",
            "ca. 200 Bytes",
            "about 200 bytes",
        ] {
            assert_eq!(read_comment(comment), Reading::Example, "{comment}");
        }
        for comment in [
            "Gibt Anzahl gelöschter Objekte zurück",
            "(threshold0, threshold1, threshold2)",
            "Possibly False",
            "Truely",
            "(see above)",
            "x2",
        ] {
            assert_eq!(read_comment(comment), Reading::NoValue, "{comment}");
        }
    }

    #[test]
    fn printed_text_is_compared_by_value() {
        assert!(claim_matches(&claim("80 Bytes").0, "80\n"));
        assert!(!claim_matches(&claim("80 Bytes").0, "88\n"));
        assert!(claim_matches(&claim("28").0, "28.0"));
        assert!(claim_matches(&claim("1 2").0, "1 2\n"));
        assert!(claim_matches(&claim("1 2").0, "1\n2\n"));
        assert!(!claim_matches(&claim("1").0, "1 2\n"));
        assert!(claim_matches(&claim("[1,2, 3]").0, "[1, 2, 3]\n"));
        assert!(claim_matches(&claim("True").0, "same object: True\n"));
        assert!(claim_matches(&claim("7.63 MB").0, "Peak: 7.63 MB\n"));
        assert!(!claim_matches(&claim("True").0, "False\n"));
        assert!(!claim_matches(&claim("None").0, "Handler called\n"));
        assert!(!claim_matches(&claim("3").0, ""));
        assert!(verbatim("1: alpha", "1: alpha\n"));
        assert!(verbatim("1: alpha (first line)", "1: alpha\n"));
        assert!(!verbatim("1: alphabet", "1: alpha\n"));
        assert!(!verbatim("1", "1\n2\n"));
    }

    #[test]
    fn comments_outside_strings_and_continuations() {
        let lines = scan_lines(
            "s = '# not a comment'  # 1\nprint(len([\n    1, 2]))  # 2\nt = \"\"\"\n# inside\n\"\"\"\n",
        );
        assert_eq!(lines[0].code.trim_end(), "s = '# not a comment'");
        assert_eq!(lines[0].comment.as_deref(), Some("1"));
        assert_eq!(lines[2].start, 2);
        assert_eq!(lines[2].comment.as_deref(), Some("2"));
        assert_eq!(lines[4].comment, None);
        assert_eq!(lines[4].start, 4);
    }
}

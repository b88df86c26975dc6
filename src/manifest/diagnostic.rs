//! Source positions and the manifest error: where a value came from (`file:line:col`) and how
//! an error is shown (message, location, the source line with a caret, `hint:`).

use std::fmt;
use std::sync::Arc;

/// One manifest file as read: the name shown to the user and its text.
#[derive(Debug)]
pub struct Source {
    pub name: String,
    pub text: String,
}

/// Where a node starts, and how many characters to underline.
#[derive(Debug, Clone)]
pub struct Span {
    pub source: Arc<Source>,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub col: usize,
    /// Characters to underline (at least one caret is drawn).
    pub len: usize,
}

impl Span {
    pub fn new(source: &Arc<Source>, line: usize, col: usize, len: usize) -> Span {
        Span {
            source: source.clone(),
            line,
            col,
            len,
        }
    }

    /// The text of this span's line, if the line exists.
    pub fn line_text(&self) -> Option<&str> {
        self.source.text.lines().nth(self.line.checked_sub(1)?)
    }

    /// A span that points at `needle` inside this span's line, when it occurs at or after the
    /// span's start; used to point into a string at the `${...}` that failed.
    pub fn narrow_to(&self, needle: &str) -> Span {
        let Some(line) = self.line_text() else {
            return self.clone();
        };
        let start_byte = line
            .char_indices()
            .nth(self.col.saturating_sub(1))
            .map_or(line.len(), |(i, _)| i);
        match line[start_byte..].find(needle) {
            Some(offset) => Span {
                col: line[..start_byte + offset].chars().count() + 1,
                len: needle.chars().count(),
                ..self.clone()
            },
            None => self.clone(),
        }
    }

    /// `s.yaml:12:7`.
    pub fn location(&self) -> String {
        format!("{}:{}:{}", self.source.name, self.line, self.col)
    }
}

/// A manifest problem. `Display` renders the whole diagnostic, since the CLI prints it as
/// `error: {err}`.
#[derive(Debug)]
pub struct ManifestError {
    pub message: String,
    /// `s.yaml:12:7`, when the problem has a place in a file.
    pub location: Option<String>,
    /// The offending source line and the caret line under it.
    pub snippet: Option<String>,
    pub hint: Option<String>,
}

impl ManifestError {
    /// An error without a place in the file.
    pub fn new(message: impl Into<String>) -> ManifestError {
        ManifestError {
            message: message.into(),
            location: None,
            snippet: None,
            hint: None,
        }
    }

    /// An error pointing at `span`.
    pub fn at(span: &Span, message: impl Into<String>) -> ManifestError {
        ManifestError {
            message: message.into(),
            location: Some(span.location()),
            snippet: snippet(span),
            hint: None,
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> ManifestError {
        self.hint = Some(hint.into());
        self
    }

    /// Attach a hint only when there is one.
    pub fn with_hint_opt(mut self, hint: Option<String>) -> ManifestError {
        if hint.is_some() {
            self.hint = hint;
        }
        self
    }
}

impl fmt::Display for ManifestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        if let Some(location) = &self.location {
            write!(f, "\n  --> {location}")?;
        }
        if let Some(snippet) = &self.snippet {
            write!(f, "\n{snippet}")?;
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n\nhint: {hint}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ManifestError {}

/// The gutter, the source line and a caret line:
/// ```text
///    |
/// 12 |     memorySize: 100
///    |                 ^^^
/// ```
fn snippet(span: &Span) -> Option<String> {
    // A position just past the last line (an error at end of input) shows an empty line.
    let line = match span.line_text() {
        Some(line) => line,
        None if span.line > 0 && span.line <= span.source.text.lines().count() + 1 => "",
        None => return None,
    };
    // Tabs would shift the caret; YAML indentation never uses them, values rarely do.
    let line: String = line.replace('\t', " ");
    let number = span.line.to_string();
    let pad = " ".repeat(number.len());
    let width = line.chars().count();
    let col = span.col.clamp(1, width + 1);
    let len = span.len.clamp(1, (width + 1 - col).max(1));
    Some(format!(
        "{pad} |\n{number} | {line}\n{pad} | {}{}",
        " ".repeat(col - 1),
        "^".repeat(len)
    ))
}

/// `did you mean `x`?` for the closest candidate, if any is close enough.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    closest(word, candidates).map(|c| format!("did you mean `{c}`?"))
}

/// The candidate closest to `word` by Jaro-Winkler similarity, if it is similar enough.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = word.to_ascii_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&lower, &c.to_ascii_lowercase()), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(text: &str) -> Arc<Source> {
        Arc::new(Source {
            name: "s.yaml".into(),
            text: text.into(),
        })
    }

    #[test]
    fn renders_location_line_caret_and_hint() {
        let src = source("a: 1\nb:\n  memorySize: 100\n");
        let err = ManifestError::at(&Span::new(&src, 3, 15, 3), "bad memory")
            .with_hint("use a multiple of 64");
        assert_eq!(
            err.to_string(),
            "bad memory\n  --> s.yaml:3:15\n  |\n3 |   memorySize: 100\n  |               ^^^\n\nhint: use a multiple of 64"
        );
    }

    #[test]
    fn narrows_to_expression_inside_a_line() {
        let src = source("x: a-${vars.y}-b\n");
        let span = Span::new(&src, 1, 4, 13).narrow_to("${vars.y}");
        assert_eq!((span.col, span.len), (6, 9));
    }

    #[test]
    fn suggests_close_names_only() {
        assert_eq!(
            closest("memorySise", ["memorySize", "timeout"]),
            Some("memorySize")
        );
        assert_eq!(closest("zzz", ["memorySize", "timeout"]), None);
        assert!(closest("python3.11", ["python3.10", "python3.12", "nodejs18"]).is_some());
    }
}

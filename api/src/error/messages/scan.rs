//! Every message text the code hands to a problem has its template in the catalogue: the scan
//! reads `api/src` as text, finds each string literal given to a call that takes a message (the
//! literal itself, or the format string of a `format!` there), and fails naming the `file:line`
//! of any literal the catalogue cannot translate.

use std::{
    collections::HashSet,
    fs,
    path::{Path, PathBuf},
};

use super::{entries, localize};
use crate::i18n::Lang;

/// A call that takes a message: its name as written (`ApiError::Conflict`), which argument is
/// the message, and the files it is looked for in (a helper's name is only a message-giver in
/// the file that defines it; empty: everywhere).
struct Giver {
    callee: &'static str,
    argument: usize,
    only_in: &'static [&'static str],
}

const fn giver(callee: &'static str, argument: usize) -> Giver {
    Giver {
        callee,
        argument,
        only_in: &[],
    }
}

const GIVERS: &[Giver] = &[
    giver("ApiError::Conflict", 0),
    giver("ApiError::IllegalTransition", 0),
    giver("ApiError::InsufficientScope", 0),
    giver("ApiError::UnsupportedFileType", 0),
    giver("ApiError::ServiceUnavailable", 0),
    giver("ApiError::InvalidQuery", 0),
    giver("ApiError::MalformedBody", 0),
    giver("FieldError::new", 2),
    giver("EdsError::Malformed", 0),
    giver("EdsError::InvalidSignature", 0),
    giver("EdsError::Untrusted", 0),
    giver("EdsError::Expired", 0),
    giver("EdsError::RevocationUnknown", 0),
    giver("EdsError::NoIdentity", 0),
    // A custom `validator` rule's message.
    giver("message = Some", 0),
    // Helpers that wrap a message into one of the above.
    Giver {
        callee: "refuse",
        argument: 1,
        only_in: &["accounts/password.rs"],
    },
    Giver {
        callee: "out_of_range",
        argument: 1,
        only_in: &["evidence/log.rs"],
    },
    Giver {
        callee: "invalid",
        argument: 0,
        only_in: &["integrations/service.rs"],
    },
    Giver {
        callee: "unknown",
        argument: 0,
        only_in: &["eds/ocsp.rs", "eds/verify/mod.rs"],
    },
    // A query parameter's own deserializer (`limit`).
    Giver {
        callee: "Error::custom",
        argument: 0,
        only_in: &["db.rs"],
    },
    // Errors whose `Display` becomes a detail or a field message.
    Giver {
        callee: "#[error",
        argument: 0,
        only_in: &[
            "permits/workflow.rs",
            "permits/calendar.rs",
            "eds/identity.rs",
        ],
    },
];

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Ident(String),
    Punct(String),
    Str(String),
}

/// The tokens of Rust source that matter here, with their lines: identifiers, punctuation and
/// string literals (their value, escapes resolved); comments, numbers and characters are left out.
fn lex(source: &str) -> Vec<(Token, usize)> {
    let chars: Vec<char> = source.chars().collect();
    let mut tokens = Vec::new();
    let mut line = 1;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '\n' {
            line += 1;
            i += 1;
        } else if c.is_whitespace() {
            i += 1;
        } else if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    line += usize::from(chars[i] == '\n');
                    i += 1;
                }
            }
        } else if let Some((value, end)) = raw_string(&chars, i) {
            tokens.push((Token::Str(value.clone()), line));
            line += value.matches('\n').count();
            i = end;
        } else if c == '"' || (c == 'b' && next == Some('"')) {
            let start = line;
            let (value, end, lines) = quoted(&chars, i + usize::from(c == 'b'));
            tokens.push((Token::Str(value), start));
            line += lines;
            i = end;
        } else if c == '\'' {
            i = after_quote(&chars, i);
        } else if c.is_alphabetic() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            tokens.push((Token::Ident(chars[start..i].iter().collect()), line));
        } else if c.is_ascii_digit() {
            while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
        } else if c == ':' && next == Some(':') {
            tokens.push((Token::Punct("::".into()), line));
            i += 2;
        } else {
            tokens.push((Token::Punct(c.to_string()), line));
            i += 1;
        }
    }
    tokens
}

/// A raw string (`r"…"`, `r#"…"#`, `br"…"`) starting at `i`: its value and where it ends.
fn raw_string(chars: &[char], i: usize) -> Option<(String, usize)> {
    let mut j = i + usize::from(chars[i] == 'b');
    if chars.get(j) != Some(&'r')
        || (i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_'))
    {
        return None;
    }
    j += 1;
    let hashes = chars[j..].iter().take_while(|c| **c == '#').count();
    j += hashes;
    if chars.get(j) != Some(&'"') {
        return None;
    }
    let start = j + 1;
    let mut k = start;
    while k < chars.len() {
        if chars[k] == '"'
            && chars[k + 1..]
                .iter()
                .take(hashes)
                .filter(|c| **c == '#')
                .count()
                == hashes
        {
            return Some((chars[start..k].iter().collect(), k + 1 + hashes));
        }
        k += 1;
    }
    None
}

/// A quoted string whose opening quote is at `i`: its value, where it ends, and how many lines
/// it spans.
fn quoted(chars: &[char], i: usize) -> (String, usize, usize) {
    let mut value = String::new();
    let mut lines = 0;
    let mut j = i + 1;
    while j < chars.len() && chars[j] != '"' {
        if chars[j] == '\\' {
            let escaped = chars.get(j + 1).copied().unwrap_or('\\');
            j += 2;
            match escaped {
                '\n' => {
                    // A continued line: the line break and the next line's indentation go.
                    lines += 1;
                    while j < chars.len() && chars[j].is_whitespace() {
                        lines += usize::from(chars[j] == '\n');
                        j += 1;
                    }
                }
                'n' => value.push('\n'),
                't' => value.push('\t'),
                'r' => value.push('\r'),
                '0' => value.push('\0'),
                'x' => {
                    let hex: String = chars[j..j + 2].iter().collect();
                    value.extend(u8::from_str_radix(&hex, 16).ok().map(char::from));
                    j += 2;
                }
                'u' => {
                    let close = chars[j..].iter().position(|c| *c == '}').unwrap_or(0);
                    let hex: String = chars[j + 1..j + close].iter().collect();
                    value.extend(u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32));
                    j += close + 1;
                }
                other => value.push(other),
            }
        } else {
            lines += usize::from(chars[j] == '\n');
            value.push(chars[j]);
            j += 1;
        }
    }
    (value, j + 1, lines)
}

/// Past a character literal (`'a'`, `'\''`, `'…'`) or a lifetime (`'a`) starting at `i`.
fn after_quote(chars: &[char], i: usize) -> usize {
    if chars.get(i + 1) == Some(&'\\') {
        // The escaped character may itself be a quote (`'\''`): look past it.
        let close = chars[i + 3..].iter().position(|c| *c == '\'').unwrap_or(0);
        i + 3 + close + 1
    } else if chars.get(i + 2) == Some(&'\'') {
        i + 3
    } else {
        i + 1
    }
}

/// The arguments of the call whose `(` is at `open`, each as its tokens.
fn arguments(tokens: &[(Token, usize)], open: usize) -> Vec<&[(Token, usize)]> {
    let mut out = Vec::new();
    let mut depth = 0;
    let mut start = open + 1;
    for (k, (token, _)) in tokens.iter().enumerate().skip(open) {
        let Token::Punct(p) = token else { continue };
        match p.as_str() {
            "(" | "[" | "{" => depth += 1,
            ")" | "]" | "}" => {
                depth -= 1;
                if depth == 0 {
                    out.push(&tokens[start..k]);
                    return out;
                }
            }
            "," if depth == 1 => {
                out.push(&tokens[start..k]);
                start = k + 1;
            }
            _ => {}
        }
    }
    out
}

/// The message literals of one argument: a `format!`'s format string, or the literals in it.
fn literals(argument: &[(Token, usize)]) -> Vec<(String, usize)> {
    let is = |k: usize, want: &str| {
        argument.get(k).is_some_and(|(t, _)| match t {
            Token::Ident(s) | Token::Punct(s) => s == want,
            Token::Str(_) => false,
        })
    };
    if is(0, "format") && is(1, "!") {
        return match argument.get(3) {
            Some((Token::Str(s), line)) => vec![(s.clone(), *line)],
            _ => Vec::new(),
        };
    }
    argument
        .iter()
        .filter_map(|(t, line)| match t {
            Token::Str(s) => Some((s.clone(), *line)),
            _ => None,
        })
        .collect()
}

/// A literal found in the source: where, given to what, and its text.
struct Found {
    file: String,
    line: usize,
    callee: &'static str,
    text: String,
}

fn scan(file: &str, source: &str) -> Vec<Found> {
    let tokens = lex(source);
    let mut found = Vec::new();
    for giver in GIVERS {
        if !giver.only_in.is_empty() && !giver.only_in.contains(&file) {
            continue;
        }
        let pattern: Vec<Token> = lex(giver.callee).into_iter().map(|(t, _)| t).collect();
        for start in 0..tokens.len() {
            let open = start + pattern.len();
            let matches = tokens[start..]
                .iter()
                .map(|(t, _)| t)
                .take(pattern.len())
                .eq(pattern.iter())
                && tokens.get(open).map(|(t, _)| t) == Some(&Token::Punct("(".into()));
            if !matches {
                continue;
            }
            let arguments = arguments(&tokens, open);
            let Some(argument) = arguments.get(giver.argument) else {
                continue;
            };
            for (text, line) in literals(argument) {
                found.push(Found {
                    file: file.to_owned(),
                    line,
                    callee: giver.callee,
                    text,
                });
            }
        }
    }
    found
}

/// A template's literal text with each placeholder (`{}`, `{name}`, `{:?}`, `{{name}}`) as one
/// mark: two texts of the same shape are the same template.
pub(super) fn shape(template: &str) -> String {
    let mut out = String::new();
    let mut chars = template.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '{' {
            for c in chars.by_ref() {
                if c == '}' {
                    break;
                }
            }
            while chars.peek() == Some(&'}') {
                chars.next();
            }
            out.push('\u{0}');
        } else {
            out.push(c);
        }
    }
    out
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_message_in_the_code_has_its_translations() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    files.sort();
    let known: HashSet<String> = entries().map(|m| shape(m.en)).collect();
    let mut found = Vec::new();
    for path in &files {
        let source = fs::read_to_string(path).expect("a readable source file");
        let rel = path
            .strip_prefix(&root)
            .expect("under src")
            .to_string_lossy()
            .replace('\\', "/");
        found.extend(scan(&rel, &source));
    }
    // A scan that finds nothing proves nothing: the code gives well over a hundred messages.
    assert!(
        found.len() >= 100,
        "the scan found only {} message literals; is it still reading the calls?",
        found.len()
    );
    // A literal is a template of the catalogue, or (written without placeholders) an instance
    // of one that translates.
    let translates = |text: &str| {
        [Lang::Kk, Lang::Ru]
            .into_iter()
            .all(|lang| localize(text, lang) != text)
    };
    let missing: Vec<String> = found
        .iter()
        .filter(|f| !known.contains(&shape(&f.text)) && !translates(&f.text))
        .map(|f| {
            format!(
                "  api/src/{}:{}: {}({:?})",
                f.file, f.line, f.callee, f.text
            )
        })
        .collect();
    assert!(
        missing.is_empty(),
        "{} message(s) have no template in api/src/error/messages/ (add one with its Kazakh and \
         Russian text):\n{}",
        missing.len(),
        missing.join("\n")
    );
}

#[test]
fn the_scan_reads_literals_across_lines_and_inside_format() {
    let source = r####"
        fn f() {
            // ApiError::Conflict("a comment is not a call".into())
            let c = 'x';
            let _ = ApiError::Conflict(
                "one, \
                 continued".into(),
            );
            errors.push(FieldError::new(
                format!("items[{i}]"),
                "code",
                format!("{} is not {:?}", a.join(", "), b),
            ));
            let _ = ApiError::MalformedBody(r#"raw "quoted""#.into());
            let _ = ApiError::Conflict(why);
        }
    "####;
    let found: Vec<(usize, String)> = scan("x.rs", source)
        .into_iter()
        .map(|f| (f.line, f.text))
        .collect();
    assert_eq!(
        found,
        vec![
            (6, "one, continued".to_owned()),
            (14, "raw \"quoted\"".to_owned()),
            (12, "{} is not {:?}".to_owned()),
        ]
    );
    assert_eq!(
        shape("{} is not {:?} or {{x}}"),
        "\u{0} is not \u{0} or \u{0}"
    );
}

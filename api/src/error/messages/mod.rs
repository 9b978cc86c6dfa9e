//! The texts of problem details and field messages in Kazakh and Russian: the code writes
//! them in English, and a problem is rendered in the request's `Accept-Language` by finding the
//! English text's template in this catalogue and filling the translation with the same values.
//!
//! Keeping the English sentences at the call sites (and translating them here, on the way out)
//! means a handler says what went wrong in one line, its tests read the English text, and every
//! translation lives in one reviewed place. Two tests keep the catalogue whole: every problem type
//! has its default detail in all three languages, and every message literal in `api/src` has its
//! template here (`scan.rs` names the `file:line` of any that does not).
//!
//! A template writes the dynamic parts of its text as `{}` or `{name}`, as the `format!` string at
//! the call site does; a translation uses the same placeholders, in any order (an unnamed one
//! takes the values of the English text's unnamed ones in turn). A value is itself translated
//! when it is a catalogue text (the reason inside "{why}. Please retry shortly."), unless the
//! template quotes it (`` `{}` ``, `"{}"`, `“{}”`): a quoted value is code or a name, kept as sent.
//! When several templates match, the one that translates most of the text wins (its literal
//! characters, and those of the values it translates in turn).

use std::sync::LazyLock;

use crate::i18n::Lang;

mod accounts;
mod eds;
mod kernel;
mod permits;
#[cfg(test)]
mod scan;
#[cfg(test)]
mod tests;

/// One text in the three languages; `en` is the template the code's English text matches.
#[derive(Debug)]
struct Message {
    en: &'static str,
    kk: &'static str,
    ru: &'static str,
}

/// The whole catalogue, by the part of the server the texts come from.
const CATALOGUE: &[&[Message]] = &[
    kernel::MESSAGES,
    kernel::LIBRARIES,
    eds::MESSAGES,
    accounts::MESSAGES,
    permits::MESSAGES,
];

/// `text` in `lang`: its translation when the catalogue has its template, else `text` as it is.
/// English texts are returned unchanged.
pub fn localize(text: &str, lang: Lang) -> String {
    if lang == Lang::En {
        return text.to_owned();
    }
    render(text, lang).map_or_else(|| text.to_owned(), |(translated, _)| translated)
}

/// A piece of a template: literal text, or a placeholder with its name (empty for `{}`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part<'a> {
    Text(&'a str),
    Hole(&'a str),
}

/// Splits a template at its placeholders.
fn parts(template: &str) -> Vec<Part<'_>> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else {
            break;
        };
        if open > 0 {
            out.push(Part::Text(&rest[..open]));
        }
        out.push(Part::Hole(&rest[open + 1..close]));
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        out.push(Part::Text(rest));
    }
    out
}

/// The number of literal characters of a template: how much of a text it accounts for.
fn literal_chars(parts: &[Part<'_>]) -> usize {
    parts
        .iter()
        .map(|p| match p {
            Part::Text(t) => t.chars().count(),
            Part::Hole(_) => 0,
        })
        .sum()
}

/// A catalogue entry, parsed once.
struct Compiled {
    en: Vec<Part<'static>>,
    kk: Vec<Part<'static>>,
    ru: Vec<Part<'static>>,
    /// For each placeholder of `en`: whether its value is quoted (kept as sent).
    verbatim: Vec<bool>,
    literal: usize,
}

static COMPILED: LazyLock<Vec<Compiled>> = LazyLock::new(|| {
    entries()
        .map(|m| {
            let en = parts(m.en);
            let verbatim = holes(&en).map(|i| is_quoted(&en, i)).collect();
            let literal = literal_chars(&en);
            Compiled {
                kk: parts(m.kk),
                ru: parts(m.ru),
                verbatim,
                literal,
                en,
            }
        })
        // A template without literal text would match anything (and never end its recursion).
        .filter(|c| c.literal > 0)
        .collect()
});

/// Every entry of the catalogue.
fn entries() -> impl Iterator<Item = &'static Message> {
    CATALOGUE.iter().flat_map(|group| group.iter())
}

/// The indices of a template's placeholders among its parts.
fn holes<'a>(parts: &'a [Part<'_>]) -> impl Iterator<Item = usize> + 'a {
    parts
        .iter()
        .enumerate()
        .filter(|(_, p)| matches!(p, Part::Hole(_)))
        .map(|(i, _)| i)
}

/// Whether the placeholder at `index` stands between quotes: `` `{}` ``, `"{}"` or `“{}”`.
fn is_quoted(parts: &[Part<'_>], index: usize) -> bool {
    let before = index
        .checked_sub(1)
        .and_then(|i| parts.get(i))
        .and_then(|p| match p {
            Part::Text(t) => t.chars().next_back(),
            Part::Hole(_) => None,
        });
    let after = parts.get(index + 1).and_then(|p| match p {
        Part::Text(t) => t.chars().next(),
        Part::Hole(_) => None,
    });
    matches!(
        (before, after),
        (Some('`'), Some('`')) | (Some('"'), Some('"')) | (Some('“'), Some('”'))
    )
}

/// The values of `template`'s placeholders in `text`, if `text` is an instance of it. Each value
/// is as short as it can be for the rest to match; the last one takes what remains.
fn capture<'t>(template: &[Part<'_>], text: &'t str, values: &mut Vec<&'t str>) -> bool {
    match template.split_first() {
        None => text.is_empty(),
        Some((Part::Text(literal), rest)) => text
            .strip_prefix(literal)
            .is_some_and(|remaining| capture(rest, remaining, values)),
        Some((Part::Hole(_), rest)) => {
            let Some(Part::Text(next)) = rest.first() else {
                // Two placeholders in a row cannot be told apart; the tests forbid them.
                if rest.is_empty() {
                    values.push(text);
                }
                return rest.is_empty();
            };
            let mut from = 0;
            while let Some(found) = text[from..].find(next) {
                let end = from + found;
                values.push(&text[..end]);
                if capture(rest, &text[end..], values) {
                    return true;
                }
                values.pop();
                from = end + text[end..].chars().next().map_or(1, char::len_utf8);
            }
            false
        }
    }
}

/// Values longer than this are data (a client's text quoted back), never a catalogue sentence:
/// they are kept as sent without being searched.
const LONGEST_SENTENCE: usize = 1000;

/// The best translation of `text` and how many of its characters the catalogue accounted for.
fn render(text: &str, lang: Lang) -> Option<(String, usize)> {
    let mut best: Option<(String, usize)> = None;
    for entry in COMPILED.iter() {
        if let Some(Part::Text(last)) = entry.en.last()
            && !text.ends_with(last)
        {
            continue;
        }
        let mut values = Vec::new();
        if !capture(&entry.en, text, &mut values) {
            continue;
        }
        let mut score = entry.literal;
        let mut rendered = Vec::with_capacity(values.len());
        for (value, verbatim) in values.iter().zip(&entry.verbatim) {
            let searched = !verbatim && value.len() <= LONGEST_SENTENCE;
            match searched.then(|| render(value, lang)).flatten() {
                Some((translated, inner)) => {
                    score += inner;
                    rendered.push(translated);
                }
                None => rendered.push((*value).to_owned()),
            }
        }
        if best.as_ref().is_none_or(|(_, b)| score > *b) {
            let target = match lang {
                Lang::Kk => &entry.kk,
                Lang::Ru => &entry.ru,
                Lang::En => &entry.en,
            };
            best = Some((fill(target, &entry.en, &rendered), score));
        }
    }
    best
}

/// `target` with its placeholders replaced by the values of the English template's same-named
/// placeholders (unnamed ones in turn).
fn fill(target: &[Part<'_>], en: &[Part<'_>], values: &[String]) -> String {
    let names: Vec<&str> = en
        .iter()
        .filter_map(|p| match p {
            Part::Hole(name) => Some(*name),
            Part::Text(_) => None,
        })
        .collect();
    let mut unnamed = names
        .iter()
        .enumerate()
        .filter(|(_, n)| n.is_empty())
        .map(|(i, _)| i);
    let mut out = String::new();
    for part in target {
        match part {
            Part::Text(t) => out.push_str(t),
            Part::Hole(name) => {
                let index = if name.is_empty() {
                    unnamed.next()
                } else {
                    names.iter().position(|n| n == name)
                };
                if let Some(value) = index.and_then(|i| values.get(i)) {
                    out.push_str(value);
                }
            }
        }
    }
    out
}

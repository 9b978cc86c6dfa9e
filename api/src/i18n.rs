//! The languages Saulet speaks: Kazakh, Russian and English. Requests choose one with
//! `Accept-Language`; accounts keep one for their notifications.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Kk,
    Ru,
    En,
}

impl Lang {
    /// The language of API messages when a request names none we speak.
    pub const API_DEFAULT: Lang = Lang::En;

    pub fn code(self) -> &'static str {
        match self {
            Lang::Kk => "kk",
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }

    fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_']).next()?.trim().to_ascii_lowercase();
        match primary.as_str() {
            "kk" => Some(Lang::Kk),
            "ru" => Some(Lang::Ru),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// Picks the most preferred language we speak from an `Accept-Language` value
    /// (RFC 9110 §12.5.4), honouring q-values; ties keep the client's order.
    pub fn negotiate(accept_language: &str) -> Option<Lang> {
        let mut best: Option<(Lang, u16)> = None;
        for item in accept_language.split(',') {
            let mut parts = item.split(';');
            let Some(lang) = parts.next().and_then(Lang::from_tag) else {
                continue;
            };
            let quality = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .map_or(Some(1000), parse_quality);
            let Some(quality) = quality else { continue };
            if quality > 0 && best.is_none_or(|(_, q)| quality > q) {
                best = Some((lang, quality));
            }
        }
        best.map(|(lang, _)| lang)
    }

    /// Chooses the string for this language.
    pub fn pick<'a>(self, kk: &'a str, ru: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Kk => kk,
            Lang::Ru => ru,
            Lang::En => en,
        }
    }
}

/// A text written in each of the three languages (announcements, catalogue names).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema, validator::Validate)]
pub struct Localized {
    #[validate(custom(function = "not_blank"), length(max = 20000))]
    #[schema(max_length = 20000, pattern = "\\S")]
    pub kk: String,
    #[validate(custom(function = "not_blank"), length(max = 20000))]
    #[schema(max_length = 20000, pattern = "\\S")]
    pub ru: String,
    #[validate(custom(function = "not_blank"), length(max = 20000))]
    #[schema(max_length = 20000, pattern = "\\S")]
    pub en: String,
}

/// Text that is more than white space: every language must really be written.
fn not_blank(text: &str) -> Result<(), validator::ValidationError> {
    if text.trim().is_empty() {
        let mut error = validator::ValidationError::new("required");
        error.message = Some("must be written in every language".into());
        Err(error)
    } else {
        Ok(())
    }
}

impl Localized {
    pub fn get(&self, lang: Lang) -> &str {
        lang.pick(&self.kk, &self.ru, &self.en)
    }
}

/// A q-value in thousandths ("0.8" → 800); `None` when malformed.
fn parse_quality(q: &str) -> Option<u16> {
    let value: f32 = q.trim().parse().ok()?;
    (0.0..=1.0)
        .contains(&value)
        .then(|| (value * 1000.0).round() as u16)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_the_highest_quality_language_we_speak() {
        assert_eq!(Lang::negotiate("de, ru;q=0.5, kk;q=0.9"), Some(Lang::Kk));
        assert_eq!(
            Lang::negotiate("ru-RU,ru;q=0.9,en-US;q=0.8"),
            Some(Lang::Ru)
        );
        assert_eq!(Lang::negotiate("kk-KZ"), Some(Lang::Kk));
    }

    #[test]
    fn ignores_languages_we_do_not_speak_and_refused_ones() {
        assert_eq!(Lang::negotiate("de, fr;q=0.9"), None);
        assert_eq!(Lang::negotiate("en;q=0, ru;q=0.1"), Some(Lang::Ru));
        assert_eq!(Lang::negotiate(""), None);
    }

    #[test]
    fn malformed_quality_values_are_skipped_not_fatal() {
        assert_eq!(Lang::negotiate("kk;q=abc, ru"), Some(Lang::Ru));
        assert_eq!(Lang::negotiate("kk;q=7, en;q=0.2"), Some(Lang::En));
    }
}

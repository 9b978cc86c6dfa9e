//! Every template in every language: subjects, links, no leftovers from another language.

use chrono::TimeZone;

use super::*;

const LANGS: [Lang; 3] = [Lang::Kk, Lang::Ru, Lang::En];

fn every_template() -> Vec<Template> {
    let until = Utc
        .with_ymd_and_hms(2026, 11, 24, 10, 30, 0)
        .single()
        .expect("a valid date");
    vec![
        Template::VerifyEmail {
            link: "https://saulet.example/verify?token=abc".into(),
        },
        Template::PasswordReset {
            link: "https://saulet.example/reset?token=def".into(),
            valid_minutes: 30,
        },
        Template::PasswordChanged,
        Template::AccountLocked {
            until,
            unlock_hint: UnlockHint::Wait,
        },
        Template::AccountLocked {
            until,
            unlock_hint: UnlockHint::ResetPassword {
                link: "https://saulet.example/forgot".into(),
            },
        },
        Template::AccountBlocked {
            reason: "Forged documents".into(),
        },
        Template::AccountUnblocked,
        Template::RegistrationRefused {
            reason: "The IIN does not match the certificate".into(),
        },
        Template::AccountDeleted,
        Template::RoleChanged {
            role_name: crate::i18n::Localized {
                kk: "Қараушы".into(),
                ru: "Рассматривающий".into(),
                en: "Reviewer".into(),
            },
            reason: "<i>Joined the permits team</i>".into(),
            link: "https://saulet.example/account".into(),
        },
        Template::ConsentWithdrawn,
        Template::CalendarMissing {
            year: 2028,
            link: "https://saulet.example/admin/calendar".into(),
        },
        Template::WebhookDisabled {
            client: "ERP".into(),
            url: "https://erp.example/hooks".into(),
            link: "https://saulet.example/account/api-clients".into(),
        },
        Template::CoApplicantInvited {
            title: "Residential building".into(),
            inviter: "Aigul B.".into(),
            link: "https://saulet.example/requests/1".into(),
        },
        Template::PermitStatusChanged {
            title: "Residential building".into(),
            number: Some("AST-2026-000001".into()),
            status_name: crate::i18n::Localized {
                kk: "Түзетуге қайтарылды".into(),
                ru: "Возвращена на доработку".into(),
                en: "Corrections requested".into(),
            },
            comment: Some("<b>Attach the survey</b>".into()),
            corrections: vec!["Attach the topographic survey".into()],
            answer_by: chrono::NaiveDate::from_ymd_opt(2026, 12, 18),
            link: "https://saulet.example/requests/1".into(),
        },
        Template::PermitDeadline {
            title: "Residential building".into(),
            number: None,
            due_on: chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap_or_default(),
            link: "https://saulet.example/requests/1".into(),
        },
        Template::AgreementPublished {
            title: crate::i18n::Localized {
                kk: "Пайдаланушы келісімі, 2-редакция".into(),
                ru: "Пользовательское соглашение, редакция 2".into(),
                en: "User agreement, version 2".into(),
            },
            effective_at: chrono::Utc::now(),
            link: "https://saulet.example/agreements/1".into(),
        },
        Template::Announcement {
            title: crate::i18n::Localized {
                kk: "Техникалық жұмыстар".into(),
                ru: "Технические работы".into(),
                en: "Maintenance".into(),
            },
            body: crate::i18n::Localized {
                kk: "Жүйе сенбі күні 02:00–04:00 аралығында жұмыс істемейді.".into(),
                ru: "Система не будет работать в субботу с 02:00 до 04:00.".into(),
                en: "The system will be down on Saturday from 02:00 to 04:00.".into(),
            },
            unsubscribe_link: "https://saulet.example/api/v1/notifications/unsubscribe?token=abc"
                .into(),
        },
    ]
}

#[test]
fn every_template_renders_in_every_language_with_no_leftover_placeholders() {
    for template in every_template() {
        let mut subjects = Vec::new();
        for lang in LANGS {
            let rendered = render(&template, lang);
            let name = template.name();
            assert!(!rendered.subject.trim().is_empty(), "{name} {lang:?}");
            assert!(rendered.text.len() > 80, "{name} {lang:?}");
            for part in [&rendered.subject, &rendered.text, &rendered.html] {
                for leftover in ["{", "}", "$", "%s", "TODO"] {
                    assert!(
                        !part.contains(leftover),
                        "{name} {lang:?} has `{leftover}`:\n{part}"
                    );
                }
            }
            assert!(
                rendered
                    .html
                    .contains(&format!("<html lang=\"{}\">", lang.code())),
                "{name} {lang:?}"
            );
            subjects.push(rendered.subject);
        }
        subjects.dedup();
        assert_eq!(
            subjects.len(),
            3,
            "{}: one subject per language",
            template.name()
        );
    }
}

#[test]
fn kazakh_and_russian_texts_are_in_cyrillic_and_english_is_not() {
    for template in every_template() {
        let cyrillic = |s: &str| s.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c));
        assert!(cyrillic(&render(&template, Lang::Kk).text));
        assert!(cyrillic(&render(&template, Lang::Ru).text));
        assert!(!cyrillic(&render(&template, Lang::En).text));
    }
    // Letters only Kazakh has: a Russian text passed off as Kazakh would fail here.
    let kk = render(&Template::PasswordChanged, Lang::Kk).text;
    assert!(kk.chars().any(|c| "әғқңөұүһі".contains(c)), "{kk}");
}

#[test]
fn links_appear_in_both_bodies() {
    let link = "https://saulet.example/verify?token=abc&lang=kk";
    for lang in LANGS {
        let rendered = render(&Template::VerifyEmail { link: link.into() }, lang);
        assert!(rendered.text.contains(link));
        assert!(
            rendered
                .html
                .contains("<a href=\"https://saulet.example/verify?token=abc&amp;lang=kk\""),
            "{}",
            rendered.html
        );
    }
}

#[test]
fn html_escapes_what_an_administrator_wrote() {
    let reason = "<script>alert('x')</script> & \"more\"\nsecond line";
    for template in [
        Template::AccountBlocked {
            reason: reason.into(),
        },
        Template::RegistrationRefused {
            reason: reason.into(),
        },
    ] {
        for lang in LANGS {
            let rendered = render(&template, lang);
            assert!(!rendered.html.contains("<script>"), "{}", rendered.html);
            assert!(
                rendered.html.contains(
                    "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;more&quot;"
                ),
                "{}",
                rendered.html
            );
            // The plain text keeps the words as written, quoted line by line.
            assert!(rendered.text.contains("> <script>alert('x')</script>"));
            assert!(rendered.text.contains("> second line"));
        }
    }
}

#[test]
fn minutes_agree_with_their_number_in_russian_and_english() {
    let ru = |n| {
        render(
            &Template::PasswordReset {
                link: "https://x".into(),
                valid_minutes: n,
            },
            Lang::Ru,
        )
        .text
    };
    assert!(ru(1).contains("1 минуты"));
    assert!(ru(21).contains("21 минуты"));
    assert!(ru(11).contains("11 минут:"));
    assert!(ru(30).contains("30 минут:"));
    let en = render(
        &Template::PasswordReset {
            link: "https://x".into(),
            valid_minutes: 1,
        },
        Lang::En,
    )
    .text;
    assert!(en.contains("within 1 minute:"), "{en}");
}

#[test]
fn the_lock_time_names_its_zone() {
    let template = &every_template()[3];
    assert!(
        render(template, Lang::Ru)
            .text
            .contains("24.11.2026 15:30 (время Астаны)")
    );
    assert!(
        render(template, Lang::En)
            .text
            .contains("24 November 2026, 15:30 Astana time")
    );
}

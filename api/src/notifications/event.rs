//! What a notice tells of. An `Event` is stored with the in-app notification as JSON and rendered
//! in the reader's language when read; it also says which category it belongs to (whether it may
//! be switched off) and which email, if any, goes with it.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::i18n::{Lang, Localized};
use crate::messaging::{outbox::EmailCategory, templates::Template};

/// The categories of notice. `security` and `legal` can never be switched off.
pub type Category = EmailCategory;

pub fn is_mandatory(category: Category) -> bool {
    matches!(category, Category::Security | Category::Legal)
}

pub fn category_name(category: Category) -> &'static str {
    match category {
        Category::Security => "security",
        Category::Legal => "legal",
        Category::PermitStatus => "permit_status",
        Category::Announcements => "announcements",
        Category::Reminders => "reminders",
    }
}

pub fn parse_category(name: &str) -> Option<Category> {
    Some(match name {
        "security" => Category::Security,
        "legal" => Category::Legal,
        "permit_status" => Category::PermitStatus,
        "announcements" => Category::Announcements,
        "reminders" => Category::Reminders,
        _ => return None,
    })
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Event {
    /// Too many failed sign-ins locked the account.
    AccountLocked {
        until: DateTime<Utc>,
    },
    PasswordChanged,
    /// A new version of an agreement was published.
    AgreementPublished {
        agreement_id: Uuid,
        title: Localized,
        effective_at: DateTime<Utc>,
    },
    /// The person withdrew their personal-data consent.
    ConsentWithdrawn,
    /// A permit request of mine changed status.
    PermitStatusChanged {
        request_id: Uuid,
        number: Option<String>,
        title: String,
        /// The status's code (`in_review`, …).
        status: String,
        status_name: Localized,
        comment: Option<String>,
    },
    /// A request assigned to me falls due soon.
    PermitDeadline {
        request_id: Uuid,
        number: Option<String>,
        title: String,
        due_on: chrono::NaiveDate,
    },
    /// Another organisation left its approval task unanswered past its period: by law (No. 202-V,
    /// Art. 25) it is deemed given, by the department's sealed act.
    ApprovalDeemed {
        request_id: Uuid,
        number: Option<String>,
        title: String,
        organisation: Localized,
        due_at: DateTime<Utc>,
    },
    /// An administrator's announcement or maintenance notice.
    Announcement {
        announcement_id: Uuid,
        title: Localized,
        body: Localized,
    },
}

/// The text of a notice in one language.
pub struct Rendered {
    pub title: String,
    pub body: String,
}

impl Event {
    pub fn category(&self) -> Category {
        match self {
            Event::AccountLocked { .. } | Event::PasswordChanged => Category::Security,
            Event::Announcement { .. } => Category::Announcements,
            Event::PermitStatusChanged { .. } | Event::ApprovalDeemed { .. } => {
                Category::PermitStatus
            }
            Event::PermitDeadline { .. } => Category::Reminders,
            Event::AgreementPublished { .. } | Event::ConsentWithdrawn => Category::Legal,
        }
    }

    pub fn render(&self, lang: Lang) -> Rendered {
        let text = |kk: &str, ru: &str, en: &str| lang.pick(kk, ru, en).to_owned();
        match self {
            Event::AccountLocked { until } => Rendered {
                title: text(
                    "Тіркелгі уақытша құлыпталды",
                    "Учётная запись временно заблокирована",
                    "Your account is temporarily locked",
                ),
                body: format!(
                    "{} {} UTC.",
                    text(
                        "Құпиясөз тым көп рет қате енгізілді. Қайта кіру мүмкіндігі:",
                        "Пароль слишком много раз введён неверно. Войти снова можно после",
                        "Too many wrong passwords. You can sign in again after",
                    ),
                    until.format("%Y-%m-%d %H:%M")
                ),
            },
            Event::PasswordChanged => Rendered {
                title: text(
                    "Құпиясөз өзгертілді",
                    "Пароль изменён",
                    "Your password was changed",
                ),
                body: text(
                    "Егер мұны сіз жасамасаңыз, құпиясөзді дереу қалпына келтіріңіз.",
                    "Если это были не вы, немедленно восстановите пароль.",
                    "If this was not you, reset your password at once.",
                ),
            },
            Event::Announcement { title, body, .. } => Rendered {
                title: title.get(lang).to_owned(),
                body: body.get(lang).to_owned(),
            },
            Event::PermitStatusChanged {
                number,
                title,
                status_name,
                comment,
                ..
            } => Rendered {
                title: format!(
                    "{}: {}",
                    number.as_deref().unwrap_or(title),
                    status_name.get(lang)
                ),
                body: comment.clone().unwrap_or_else(|| title.clone()),
            },
            Event::PermitDeadline {
                number,
                title,
                due_on,
                ..
            } => Rendered {
                title: format!(
                    "{}: {}",
                    text("Мерзімі жақындады", "Приближается срок", "Due soon"),
                    number.as_deref().unwrap_or(title)
                ),
                body: format!(
                    "{} {}",
                    text("Шешім мерзімі:", "Срок решения:", "To be decided by"),
                    due_on.format("%Y-%m-%d")
                ),
            },
            Event::ApprovalDeemed {
                number,
                title,
                organisation,
                due_at,
                ..
            } => Rendered {
                title: format!(
                    "{}: {}",
                    number.as_deref().unwrap_or(title),
                    text(
                        "келісім берілді деп есептеледі",
                        "согласование считается полученным",
                        "approval deemed given",
                    )
                ),
                body: deemed_text(lang, organisation, *due_at),
            },
            Event::ConsentWithdrawn => Rendered {
                title: text(
                    "Келісім кері қайтарылды",
                    "Согласие отозвано",
                    "Consent withdrawn",
                ),
                body: text(
                    "Қайта келісім бермейінше қызметтерді пайдалана алмайсыз.",
                    "Пока вы снова не дадите согласие, услугами пользоваться нельзя.",
                    "Until you consent again you cannot use the services.",
                ),
            },
            Event::AgreementPublished {
                title,
                effective_at,
                ..
            } => Rendered {
                title: title.get(lang).to_owned(),
                body: format!(
                    "{} {} UTC.",
                    text(
                        "Жаңа редакция күшіне енеді:",
                        "Новая редакция вступает в силу:",
                        "The new version takes effect on",
                    ),
                    effective_at.format("%Y-%m-%d %H:%M")
                ),
            },
        }
    }

    /// The email that goes with the notice, given the links it needs.
    pub fn email(&self, links: &EmailLinks) -> Template {
        match self {
            Event::AccountLocked { until } => Template::AccountLocked {
                until: *until,
                unlock_hint: crate::messaging::templates::UnlockHint::ResetPassword {
                    link: links.forgot_password.clone(),
                },
            },
            Event::PasswordChanged => Template::PasswordChanged,
            Event::ConsentWithdrawn => Template::ConsentWithdrawn,
            Event::AgreementPublished {
                agreement_id,
                title,
                effective_at,
            } => Template::AgreementPublished {
                title: title.clone(),
                effective_at: *effective_at,
                link: links.agreement(*agreement_id),
            },
            Event::PermitStatusChanged {
                request_id,
                number,
                title,
                status_name,
                comment,
                ..
            } => Template::PermitStatusChanged {
                title: title.clone(),
                number: number.clone(),
                status_name: status_name.clone(),
                comment: comment.clone(),
                link: links.request(*request_id),
            },
            Event::PermitDeadline {
                request_id,
                number,
                title,
                due_on,
            } => Template::PermitDeadline {
                title: title.clone(),
                number: number.clone(),
                due_on: *due_on,
                link: links.request(*request_id),
            },
            Event::ApprovalDeemed {
                request_id,
                number,
                title,
                organisation,
                due_at,
            } => Template::PermitStatusChanged {
                title: title.clone(),
                number: number.clone(),
                status_name: Localized {
                    kk: "Келісім берілді деп есептеледі".into(),
                    ru: "Согласование считается полученным".into(),
                    en: "Approval deemed given".into(),
                },
                comment: Some(
                    [Lang::Kk, Lang::Ru, Lang::En]
                        .map(|lang| deemed_text(lang, organisation, *due_at))
                        .join("\n\n"),
                ),
                link: links.request(*request_id),
            },
            Event::Announcement { title, body, .. } => Template::Announcement {
                title: title.clone(),
                body: body.clone(),
                unsubscribe_link: links.unsubscribe.clone().unwrap_or_default(),
            },
        }
    }
}

/// What a deemed approval means, in `lang`.
fn deemed_text(lang: Lang, organisation: &Localized, due_at: DateTime<Utc>) -> String {
    let at = due_at.format("%Y-%m-%d %H:%M UTC");
    let org = organisation.get(lang);
    match lang {
        Lang::Kk => format!(
            "{org} келісу мерзімі ({at}) ішінде жауап бермеді. «Рұқсаттар және хабарламалар \
             туралы» Заңның 25-бабына сәйкес келісім берілді деп есептеледі; басқарманың \
             мөрімен қол қойылған акт өтінімнің дәлелдемелерінде."
        ),
        Lang::Ru => format!(
            "{org} не ответила в срок согласования ({at}). По статье 25 Закона «О разрешениях \
             и уведомлениях» согласование считается полученным; акт, подписанный печатью \
             управления, — в доказательствах заявки."
        ),
        Lang::En => format!(
            "{org} did not answer within its approval period (ending {at}). Under Article 25 of \
             the Law on Permits and Notifications the approval is deemed given; the act, sealed \
             by the department, is in the request's evidence."
        ),
    }
}

/// Links an email may carry.
pub struct EmailLinks {
    pub forgot_password: String,
    pub unsubscribe: Option<String>,
    /// The public site's address, for links to pages.
    pub public_url: String,
}

impl EmailLinks {
    fn request(&self, id: Uuid) -> String {
        format!("{}/requests/{id}", self.public_url.trim_end_matches('/'))
    }

    fn agreement(&self, id: Uuid) -> String {
        format!("{}/agreements/{id}", self.public_url.trim_end_matches('/'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_category_round_trips_through_its_name() {
        for category in [
            Category::Security,
            Category::Legal,
            Category::PermitStatus,
            Category::Announcements,
            Category::Reminders,
        ] {
            assert_eq!(parse_category(category_name(category)), Some(category));
        }
        assert!(is_mandatory(Category::Legal) && !is_mandatory(Category::Reminders));
    }

    #[test]
    fn a_notice_renders_in_the_readers_language() {
        let event = Event::PasswordChanged;
        assert_eq!(event.render(Lang::Ru).title, "Пароль изменён");
        assert_eq!(event.render(Lang::En).title, "Your password was changed");
        let stored = serde_json::to_value(&event).expect("JSON");
        assert_eq!(stored["kind"], "password_changed");
    }
}

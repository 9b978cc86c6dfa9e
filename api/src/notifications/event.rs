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
    /// An administrator changed my role (`role` is its code: applicant, reviewer, admin).
    RoleChanged {
        role: String,
        role_name: Localized,
        reason: String,
    },
    /// To administrators, from 1 October: next year has no verified working-day calendar.
    CalendarMissing {
        year: i32,
    },
    /// A request was assigned to a reviewer: to me (`to_you`), or taken from me and given to
    /// `assignee`.
    RequestAssigned {
        request_id: Uuid,
        number: Option<String>,
        title: String,
        to_you: bool,
        assignee: String,
        reason: Option<String>,
    },
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
        /// For `corrections_requested`: what to correct, item by item.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        corrections: Vec<String>,
        /// For `corrections_requested`: the last day to answer.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        answer_by: Option<chrono::NaiveDate>,
    },
    /// Work reached a reviewer: a request newly submitted to their organisation, or a corrected
    /// version of one (to its assignee, or to every reviewer while it has none).
    WorkArrived {
        request_id: Uuid,
        number: Option<String>,
        title: String,
        resubmitted: bool,
    },
    /// A request came back to the organisation's queue because its reviewer no longer reviews
    /// (their role was changed, their account blocked or closed): to the remaining reviewers.
    WorkReleased {
        request_id: Uuid,
        number: Option<String>,
        title: String,
    },
    /// The applicant asks for more time to answer corrections (to the reviewers).
    ExtensionAsked {
        request_id: Uuid,
        number: Option<String>,
        title: String,
        days: u32,
        reason: String,
    },
    /// The reviewer granted or refused more time (to the applicant).
    ExtensionDecided {
        request_id: Uuid,
        number: Option<String>,
        title: String,
        granted: bool,
        /// The day by which to answer now.
        answer_by: Option<chrono::NaiveDate>,
        comment: Option<String>,
    },
    /// The applicant invited me to prepare their request with them.
    CoApplicantInvited {
        request_id: Uuid,
        title: String,
        inviter: String,
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
            Event::AccountLocked { .. } | Event::PasswordChanged | Event::RoleChanged { .. } => {
                Category::Security
            }
            Event::Announcement { .. } => Category::Announcements,
            Event::PermitStatusChanged { .. }
            | Event::ApprovalDeemed { .. }
            | Event::WorkArrived { .. }
            | Event::WorkReleased { .. }
            | Event::RequestAssigned { .. }
            | Event::ExtensionAsked { .. }
            | Event::ExtensionDecided { .. }
            | Event::CoApplicantInvited { .. } => Category::PermitStatus,
            Event::PermitDeadline { .. } => Category::Reminders,
            Event::AgreementPublished { .. }
            | Event::ConsentWithdrawn
            | Event::CalendarMissing { .. } => Category::Legal,
        }
    }

    /// The permit request the notice tells of, if it tells of one.
    fn request(&self) -> Option<Uuid> {
        match self {
            Event::PermitStatusChanged { request_id, .. }
            | Event::PermitDeadline { request_id, .. }
            | Event::WorkArrived { request_id, .. }
            | Event::WorkReleased { request_id, .. }
            | Event::RequestAssigned { request_id, .. }
            | Event::ExtensionAsked { request_id, .. }
            | Event::ExtensionDecided { request_id, .. }
            | Event::CoApplicantInvited { request_id, .. }
            | Event::ApprovalDeemed { request_id, .. } => Some(*request_id),
            _ => None,
        }
    }

    /// The object the notice is about: the request or agreement.
    pub fn subject(&self) -> Option<Uuid> {
        match self {
            Event::AgreementPublished { agreement_id, .. } => Some(*agreement_id),
            _ => self.request(),
        }
    }

    /// Where the notice leads in the site: the request or agreement it tells of (a path the SPA
    /// routes; the emails carry the same pages as full addresses).
    pub fn link(&self) -> Option<String> {
        if let Some(request_id) = self.request() {
            return Some(format!("/requests/{request_id}"));
        }
        match self {
            Event::AgreementPublished { agreement_id, .. } => {
                Some(format!("/agreements/{agreement_id}"))
            }
            Event::ConsentWithdrawn => Some("/account/consents".into()),
            Event::AccountLocked { .. } | Event::PasswordChanged => {
                Some("/account/security".into())
            }
            Event::RoleChanged { .. } => Some("/account".into()),
            Event::CalendarMissing { .. } => Some("/admin/calendar".into()),
            // Announcements lead nowhere; the request variants were answered above.
            _ => None,
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
                    "{} {}.",
                    text(
                        "Құпиясөз тым көп рет қате енгізілді. Қайта кіру мүмкіндігі:",
                        "Пароль слишком много раз введён неверно. Войти снова можно после",
                        "Too many wrong passwords. You can sign in again after",
                    ),
                    crate::clock::display_time(*until, lang)
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
            Event::CalendarMissing { year } => Rendered {
                title: match lang {
                    Lang::Kk => format!("{year} жылдың жұмыс күнтізбесі әлі енгізілмеген"),
                    Lang::Ru => format!("Производственный календарь на {year} год ещё не внесён"),
                    Lang::En => format!("The working-day calendar for {year} is not in yet"),
                },
                body: text(
                    "Оның мерзімдері алдын ала: тек заңмен бекітілген мерекелер есептеледі.",
                    "Сроки в нём предварительные: учтены только праздники, установленные законом.",
                    "Its due dates are provisional: only the holidays fixed by law are counted.",
                ),
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
                    "{} {}.",
                    text(
                        "Жаңа редакция күшіне енеді:",
                        "Новая редакция вступает в силу:",
                        "The new version takes effect on",
                    ),
                    crate::clock::display_time(*effective_at, lang)
                ),
            },
            Event::RoleChanged { .. }
            | Event::RequestAssigned { .. }
            | Event::WorkReleased { .. } => self.render_staff(lang),
            _ => self.render_permit(lang),
        }
    }

    /// The text of a notice about one's role or one's share of the work (a request assigned, or
    /// returned to the team's queue).
    fn render_staff(&self, lang: Lang) -> Rendered {
        match self {
            Event::RoleChanged {
                role_name, reason, ..
            } => Rendered {
                title: format!(
                    "{}: {}",
                    lang.pick("Жаңа рөл", "Новая роль", "Your new role"),
                    role_name.get(lang)
                ),
                body: reason.clone(),
            },
            Event::RequestAssigned {
                number,
                title,
                to_you,
                assignee,
                reason,
                ..
            } => Rendered {
                title: format!(
                    "{}: {}",
                    number.as_deref().unwrap_or(title),
                    assigned_name(*to_you, assignee).get(lang)
                ),
                body: reason.clone().unwrap_or_else(|| title.clone()),
            },
            Event::WorkReleased { number, title, .. } => Rendered {
                title: format!(
                    "{}: {}",
                    number.as_deref().unwrap_or(title),
                    released_name().get(lang)
                ),
                body: released_text(lang).to_owned(),
            },
            _ => self.render_permit(lang),
        }
    }

    /// The text of a notice about a permit request.
    fn render_permit(&self, lang: Lang) -> Rendered {
        let text = |kk: &str, ru: &str, en: &str| lang.pick(kk, ru, en).to_owned();
        match self {
            Event::PermitStatusChanged {
                number,
                title,
                status_name,
                comment,
                corrections,
                answer_by,
                ..
            } => Rendered {
                title: format!(
                    "{}: {}",
                    number.as_deref().unwrap_or(title),
                    status_name.get(lang)
                ),
                body: status_body(lang, title, comment.as_deref(), corrections, *answer_by),
            },
            Event::WorkArrived {
                number,
                title,
                resubmitted,
                ..
            } => Rendered {
                title: format!(
                    "{}: {}",
                    number.as_deref().unwrap_or(title),
                    work_name(*resubmitted).get(lang)
                ),
                body: title.clone(),
            },
            Event::CoApplicantInvited { title, inviter, .. } => Rendered {
                title: format!(
                    "{}: «{title}»",
                    lang.pick(
                        "Өтінімді бірге дайындауға шақыру",
                        "Приглашение подготовить заявку вместе",
                        "An invitation to prepare a request together",
                    )
                ),
                body: match lang {
                    Lang::Kk => format!("{inviter} сізді өтінімді бірге дайындауға шақырды."),
                    Lang::Ru => format!("{inviter} приглашает вас подготовить заявку вместе."),
                    Lang::En => format!("{inviter} invites you to prepare the request with them."),
                },
            },
            Event::ExtensionAsked {
                number,
                title,
                days,
                reason,
                ..
            } => Rendered {
                title: format!(
                    "{}: {}",
                    number.as_deref().unwrap_or(title),
                    extension_asked_name(*days).get(lang)
                ),
                body: reason.clone(),
            },
            Event::ExtensionDecided {
                number,
                title,
                granted,
                answer_by,
                comment,
                ..
            } => Rendered {
                title: format!(
                    "{}: {}",
                    number.as_deref().unwrap_or(title),
                    extension_decided_name(*granted).get(lang)
                ),
                body: status_body(lang, title, comment.as_deref(), &[], *answer_by),
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
                    crate::clock::display_date(*due_on, lang)
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
            _ => Rendered {
                title: String::new(),
                body: String::new(),
            },
        }
    }

    /// The email that goes with a notice about a permit request.
    fn permit_email(&self, links: &EmailLinks) -> Template {
        match self {
            Event::PermitStatusChanged {
                request_id,
                number,
                title,
                status_name,
                comment,
                corrections,
                answer_by,
                ..
            } => Template::PermitStatusChanged {
                title: title.clone(),
                number: number.clone(),
                status_name: status_name.clone(),
                comment: comment.clone(),
                corrections: corrections.clone(),
                answer_by: *answer_by,
                link: links.request(*request_id),
            },
            Event::WorkArrived {
                request_id,
                number,
                title,
                resubmitted,
            } => Template::PermitStatusChanged {
                title: title.clone(),
                number: number.clone(),
                status_name: work_name(*resubmitted),
                comment: None,
                corrections: Vec::new(),
                answer_by: None,
                link: links.request(*request_id),
            },
            Event::CoApplicantInvited {
                request_id,
                title,
                inviter,
            } => Template::CoApplicantInvited {
                title: title.clone(),
                inviter: inviter.clone(),
                link: links.request(*request_id),
            },
            Event::ExtensionAsked {
                request_id,
                number,
                title,
                days,
                reason,
            } => Template::PermitStatusChanged {
                title: title.clone(),
                number: number.clone(),
                status_name: extension_asked_name(*days),
                comment: Some(reason.clone()),
                corrections: Vec::new(),
                answer_by: None,
                link: links.request(*request_id),
            },
            Event::ExtensionDecided {
                request_id,
                number,
                title,
                granted,
                answer_by,
                comment,
            } => Template::PermitStatusChanged {
                title: title.clone(),
                number: number.clone(),
                status_name: extension_decided_name(*granted),
                comment: comment.clone(),
                corrections: Vec::new(),
                answer_by: *answer_by,
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
                corrections: Vec::new(),
                answer_by: None,
                link: links.request(*request_id),
            },
            _ => Template::PasswordChanged,
        }
    }

    /// The email that goes with the notice, given the links it needs.
    /// The email of a notice about one's role or one's share of the work.
    fn staff_email(&self, links: &EmailLinks) -> Template {
        match self {
            Event::RoleChanged {
                role_name, reason, ..
            } => Template::RoleChanged {
                role_name: role_name.clone(),
                reason: reason.clone(),
                link: format!("{}/account", links.public_url.trim_end_matches('/')),
            },
            Event::RequestAssigned {
                request_id,
                number,
                title,
                to_you,
                assignee,
                reason,
            } => Template::PermitStatusChanged {
                title: title.clone(),
                number: number.clone(),
                status_name: assigned_name(*to_you, assignee),
                comment: reason.clone(),
                corrections: Vec::new(),
                answer_by: None,
                link: links.request(*request_id),
            },
            Event::WorkReleased {
                request_id,
                number,
                title,
            } => Template::PermitStatusChanged {
                title: title.clone(),
                number: number.clone(),
                status_name: released_name(),
                comment: Some(
                    [Lang::Kk, Lang::Ru, Lang::En]
                        .map(released_text)
                        .join("\n\n"),
                ),
                corrections: Vec::new(),
                answer_by: None,
                link: links.request(*request_id),
            },
            _ => self.permit_email(links),
        }
    }

    pub fn email(&self, links: &EmailLinks) -> Template {
        match self {
            Event::RoleChanged { .. }
            | Event::RequestAssigned { .. }
            | Event::WorkReleased { .. } => self.staff_email(links),
            Event::AccountLocked { until } => Template::AccountLocked {
                until: *until,
                unlock_hint: crate::messaging::templates::UnlockHint::ResetPassword {
                    link: links.forgot_password.clone(),
                },
            },
            Event::PasswordChanged => Template::PasswordChanged,
            Event::ConsentWithdrawn => Template::ConsentWithdrawn,
            Event::CalendarMissing { year } => Template::CalendarMissing {
                year: *year,
                link: format!("{}/admin/calendar", links.public_url.trim_end_matches('/')),
            },
            Event::AgreementPublished {
                agreement_id,
                title,
                effective_at,
            } => Template::AgreementPublished {
                title: title.clone(),
                effective_at: *effective_at,
                link: links.agreement(*agreement_id),
            },
            Event::Announcement { title, body, .. } => Template::Announcement {
                title: title.clone(),
                body: body.clone(),
                unsubscribe_link: links.unsubscribe.clone().unwrap_or_default(),
            },
            _ => self.permit_email(links),
        }
    }
}

/// "Returned to the team's queue".
fn released_name() -> Localized {
    Localized {
        kk: "ортақ кезекке қайтарылды".into(),
        ru: "возвращена в общую очередь".into(),
        en: "returned to the team's queue".into(),
    }
}

/// Why a request came back to the queue, and what to do.
fn released_text(lang: Lang) -> &'static str {
    lang.pick(
        "Оны қарап жүрген қызметкер енді өтінімдерді қарамайды. Өтінімді өзіңізге алыңыз немесе әріптесіңізге тағайындаңыз.",
        "Сотрудник, который её рассматривал, больше не рассматривает заявки. Возьмите её себе или назначьте коллеге.",
        "The reviewer who held it no longer reviews requests. Take it yourself or assign it to a colleague.",
    )
}

/// What reached a reviewer.
fn work_name(resubmitted: bool) -> Localized {
    let (kk, ru, en) = if resubmitted {
        (
            "түзетілген нұсқа келді",
            "поступила исправленная версия",
            "a corrected version arrived",
        )
    } else {
        (
            "жаңа өтінім келді",
            "поступила новая заявка",
            "a new request arrived",
        )
    };
    Localized {
        kk: kk.into(),
        ru: ru.into(),
        en: en.into(),
    }
}

/// "More time asked for: N working days".
fn extension_asked_name(days: u32) -> Localized {
    Localized {
        kk: format!("қосымша уақыт сұралды: {days} жұмыс күні"),
        ru: format!("запрошено дополнительное время: рабочих дней — {days}"),
        en: format!("more time asked for: {days} working days"),
    }
}

fn extension_decided_name(granted: bool) -> Localized {
    let (kk, ru, en) = if granted {
        (
            "қосымша уақыт берілді",
            "дополнительное время предоставлено",
            "more time granted",
        )
    } else {
        (
            "қосымша уақыт берілмеді",
            "в дополнительном времени отказано",
            "more time refused",
        )
    };
    Localized {
        kk: kk.into(),
        ru: ru.into(),
        en: en.into(),
    }
}

/// A status notice's text: the reviewer's comment, and for corrections each item and the day by
/// which to answer.
fn status_body(
    lang: Lang,
    title: &str,
    comment: Option<&str>,
    corrections: &[String],
    answer_by: Option<chrono::NaiveDate>,
) -> String {
    let mut body = comment.unwrap_or(title).to_owned();
    if !corrections.is_empty() {
        body.push_str("\n\n");
        body.push_str(lang.pick("Түзету керек:", "Что исправить:", "What to correct:"));
        for item in corrections {
            body.push_str("\n• ");
            body.push_str(item);
        }
    }
    if let Some(day) = answer_by {
        body.push_str("\n\n");
        body.push_str(&match lang {
            Lang::Kk => format!(
                "Түзетілген нұсқаны {} дейін қол қойып жіберіңіз.",
                crate::clock::display_date(day, lang)
            ),
            Lang::Ru => format!(
                "Подпишите и отправьте исправленную версию до {} включительно.",
                crate::clock::display_date(day, lang)
            ),
            Lang::En => format!(
                "Sign and send the corrected version by {}.",
                crate::clock::display_date(day, lang)
            ),
        });
    }
    body
}

/// What a deemed approval means, in `lang`.
fn deemed_text(lang: Lang, organisation: &Localized, due_at: DateTime<Utc>) -> String {
    let at = crate::clock::display_time(due_at, lang);
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
/// "Assigned to you" or "Reassigned to <name>".
fn assigned_name(to_you: bool, assignee: &str) -> Localized {
    if to_you {
        Localized {
            kk: "сізге тағайындалды".into(),
            ru: "назначена вам".into(),
            en: "assigned to you".into(),
        }
    } else {
        Localized {
            kk: format!("{assignee} қызметкеріне қайта тағайындалды"),
            ru: format!("передана сотруднику {assignee}"),
            en: format!("reassigned to {assignee}"),
        }
    }
}

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

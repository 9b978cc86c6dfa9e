//! The emails Saulet sends, as a small typed set rendered in Kazakh, Russian and English
//! verification and password recovery by email: notices about the
//! account). Each template is a sequence of blocks (paragraphs, links, quoted user text) from
//! which the plain-text and HTML bodies are both made, so the two never drift apart and every
//! value is escaped in one place.
//!
//! The texts live here, in Rust, rather than in template files: the compiler then checks that every
//! template has all three languages and every value it needs, which no file-based engine would.

use chrono::{DateTime, Utc};

use crate::{i18n::Lang, messaging::outbox::EmailCategory};

/// What a user can do about a temporary lock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnlockHint {
    /// The lock lifts by itself; nothing to do but wait.
    Wait,
    /// The lock lifts by itself, or at once by resetting the password at `link`.
    ResetPassword { link: String },
}

/// Every email Saulet can send, with the values it needs. Links are absolute URLs that the caller
/// builds from `mail.public_url` (see [`MailSettings::link`](super::mailer::MailSettings::link)).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Template {
    /// Confirms the address given at registration.
    VerifyEmail {
        link: String,
    },
    /// A one-time password-reset link.
    PasswordReset {
        link: String,
        valid_minutes: u32,
    },
    /// Tells the owner their password changed, in case it was not them.
    PasswordChanged,
    /// An API client's webhook failed for a day and was disabled; tells the client's owner.
    WebhookDisabled {
        client: String,
        url: String,
        link: String,
    },
    /// Too many failed sign-ins locked the account until `until`.
    AccountLocked {
        until: DateTime<Utc>,
        unlock_hint: UnlockHint,
    },
    /// An administrator blocked the account, with the reason they gave.
    AccountBlocked {
        reason: String,
    },
    AccountUnblocked,
    /// An administrator refused the registration, with the reason they gave.
    RegistrationRefused {
        reason: String,
    },
    AccountDeleted,
    /// An administrator changed the account's role (granted or took away staff or administrator
    /// rights), with the reason they gave.
    RoleChanged {
        role_name: crate::i18n::Localized,
        reason: String,
        link: String,
    },
    /// An administrator's announcement, or a maintenance window ahead, in the
    /// reader's language; optional mail, so it carries its unsubscribe link.
    Announcement {
        title: crate::i18n::Localized,
        body: crate::i18n::Localized,
        unsubscribe_link: String,
    },
    /// A new version of the user agreement or of the personal-data consent was published and
    /// takes effect at `effective_at`; mandatory, like every legal notice.
    AgreementPublished {
        title: crate::i18n::Localized,
        effective_at: DateTime<Utc>,
        link: String,
    },
    /// The person withdrew their personal-data consent: until they consent again they cannot use
    /// the services.
    ConsentWithdrawn,
    /// A permit request changed status: the new status, and the reviewer's words.
    PermitStatusChanged {
        title: String,
        number: Option<String>,
        status_name: crate::i18n::Localized,
        comment: Option<String>,
        /// What to correct, item by item (corrections requested).
        corrections: Vec<String>,
        /// The last day to answer the corrections.
        answer_by: Option<chrono::NaiveDate>,
        link: String,
    },
    /// The applicant invited this address to prepare a permit request with them (a designer, a
    /// proxy): sign in (or register) with it to see and edit the request.
    CoApplicantInvited {
        title: String,
        inviter: String,
        link: String,
    },
    /// To administrators, from 1 October: next year has no verified working-day calendar.
    CalendarMissing {
        year: i32,
        link: String,
    },
    /// A reviewer's request falls due soon.
    PermitDeadline {
        title: String,
        number: Option<String>,
        due_on: chrono::NaiveDate,
        link: String,
    },
}

/// A rendered email, ready for the outbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub subject: String,
    pub text: String,
    pub html: String,
}

impl Template {
    /// The name stored with each outbox row, for logs and statistics.
    pub fn name(&self) -> &'static str {
        match self {
            Template::VerifyEmail { .. } => "verify_email",
            Template::PasswordReset { .. } => "password_reset",
            Template::PasswordChanged => "password_changed",
            Template::AccountLocked { .. } => "account_locked",
            Template::AccountBlocked { .. } => "account_blocked",
            Template::AccountUnblocked => "account_unblocked",
            Template::RegistrationRefused { .. } => "registration_refused",
            Template::AccountDeleted => "account_deleted",
            Template::RoleChanged { .. } => "role_changed",
            Template::CalendarMissing { .. } => "calendar_missing",
            Template::Announcement { .. } => "announcement",
            Template::AgreementPublished { .. } => "agreement_published",
            Template::ConsentWithdrawn => "consent_withdrawn",
            Template::WebhookDisabled { .. } => "webhook_disabled",
            Template::PermitStatusChanged { .. } => "permit_status_changed",
            Template::PermitDeadline { .. } => "permit_deadline",
            Template::CoApplicantInvited { .. } => "co_applicant_invited",
        }
    }

    /// Which kind of mail this is, for the preferences to come: security and legal notices are
    /// the ones a user can never switch off.
    pub fn category(&self) -> EmailCategory {
        match self {
            Template::VerifyEmail { .. }
            | Template::PasswordReset { .. }
            | Template::PasswordChanged
            | Template::RoleChanged { .. }
            | Template::AccountLocked { .. } => EmailCategory::Security,
            Template::AccountBlocked { .. }
            | Template::AccountUnblocked
            | Template::RegistrationRefused { .. }
            | Template::AccountDeleted => EmailCategory::Legal,
            Template::Announcement { .. } => EmailCategory::Announcements,
            Template::PermitStatusChanged { .. } => EmailCategory::PermitStatus,
            Template::PermitDeadline { .. } => EmailCategory::Reminders,
            Template::CoApplicantInvited { .. } => EmailCategory::PermitStatus,
            Template::AgreementPublished { .. }
            | Template::ConsentWithdrawn
            | Template::CalendarMissing { .. }
            | Template::WebhookDisabled { .. } => EmailCategory::Legal,
        }
    }
}

/// One piece of an email's body.
enum Block {
    /// Our own words.
    Para(String),
    /// A link, shown as its own URL so it can be copied when a mail client hides links.
    Link(String),
    /// Words someone else wrote (an administrator's reason): set apart, and escaped like any
    /// other value.
    Quote(String),
}

struct Content {
    subject: String,
    blocks: Vec<Block>,
}

/// Renders `template` in `lang`.
pub fn render(template: &Template, lang: Lang) -> Rendered {
    let content = compose(template, lang);
    let mut blocks = vec![Block::Para(
        lang.pick("Сәлеметсіз бе!", "Здравствуйте!", "Hello,")
            .to_owned(),
    )];
    blocks.extend(content.blocks);
    let footer = lang.pick(
        "Бұл хатты қаланың сәулет және қала құрылысы басқармасының Saulet онлайн қызметі \
         автоматты түрде жіберді. Оған жауап бермеңіз.",
        "Это письмо автоматически отправлено Saulet — онлайн-сервисом управления архитектуры \
         и градостроительства города. Пожалуйста, не отвечайте на него.",
        "This message was sent automatically by Saulet, the online service of the city's \
         architecture and urban-planning department. Please do not reply to it.",
    );
    Rendered {
        text: to_text(&blocks, footer),
        html: to_html(&content.subject, lang, &blocks, footer),
        subject: content.subject,
    }
}

fn compose(template: &Template, lang: Lang) -> Content {
    match template {
        Template::VerifyEmail { .. }
        | Template::PasswordReset { .. }
        | Template::PasswordChanged => compose_sign_in(template, lang),
        Template::AccountLocked { .. } => compose_account_locked(template, lang),
        Template::Announcement { .. }
        | Template::AgreementPublished { .. }
        | Template::ConsentWithdrawn
        | Template::WebhookDisabled { .. } => compose_notice(template, lang),
        Template::CalendarMissing { .. } => office::compose_calendar_missing(template, lang),
        Template::PermitStatusChanged { .. }
        | Template::PermitDeadline { .. }
        | Template::CoApplicantInvited { .. } => compose_permit_notice(template, lang),
        Template::AccountBlocked { .. }
        | Template::AccountUnblocked
        | Template::RegistrationRefused { .. }
        | Template::AccountDeleted => compose_account_status(template, lang),
        Template::RoleChanged { .. } => office::compose_role_changed(template, lang),
    }
}

/// The email telling of a lock after failed sign-ins, and how to lift it.
fn compose_account_locked(template: &Template, lang: Lang) -> Content {
    use Block::{Link, Para};
    let para = |kk: &str, ru: &str, en: &str| Para(lang.pick(kk, ru, en).to_owned());
    let subject = |kk: &str, ru: &str, en: &str| lang.pick(kk, ru, en).to_owned();
    match template {
        Template::AccountLocked { until, unlock_hint } => {
            let until = format_time(*until, lang);
            let mut blocks = vec![Para(match lang {
                Lang::Kk => format!(
                    "Жүйеге кірудің бірнеше сәтсіз әрекетінен кейін Saulet есептік жазбаңыз \
                     {until} дейін бұғатталды."
                ),
                Lang::Ru => format!(
                    "После нескольких неудачных попыток входа ваша учётная запись Saulet \
                     заблокирована до {until}."
                ),
                Lang::En => format!(
                    "After several unsuccessful attempts to sign in, your Saulet account has \
                     been locked until {until}."
                ),
            })];
            match unlock_hint {
                UnlockHint::Wait => blocks.push(para(
                    "Осы уақыттан кейін қайта кіре аласыз.",
                    "После этого времени вы снова сможете войти.",
                    "You can sign in again after that time.",
                )),
                UnlockHint::ResetPassword { link } => {
                    blocks.push(para(
                        "Осы уақыттан кейін қайта кіре аласыз немесе құпиясөзді қалпына \
                         келтіріп, есептік жазбаны қазір бұғаттан шығара аласыз:",
                        "После этого времени вы снова сможете войти — или разблокируйте учётную \
                         запись сейчас, восстановив пароль:",
                        "You can sign in again after that time, or unlock the account now by \
                         resetting your password:",
                    ));
                    blocks.push(Link(link.clone()));
                }
            }
            blocks.push(para(
                "Егер бұл әрекеттерді сіз жасамаған болсаңыз, біреу құпиясөзіңізді табуға \
                 тырысуы мүмкін: жаңа, ұзынырақ құпиясөз орнатыңыз.",
                "Если эти попытки делали не вы, возможно, кто-то подбирает ваш пароль: задайте \
                 новый, более длинный.",
                "If these attempts were not yours, someone may be trying to guess your password: \
                 choose a new, longer one.",
            ));
            Content {
                subject: subject(
                    "Есептік жазбаңыз уақытша бұғатталды",
                    "Учётная запись временно заблокирована",
                    "Your account is temporarily locked",
                ),
                blocks,
            }
        }
        _ => compose_account_status(template, lang),
    }
}

/// Emails about signing in: the address, the password, a lock.
fn compose_sign_in(template: &Template, lang: Lang) -> Content {
    use Block::{Link, Para};
    let para = |kk: &str, ru: &str, en: &str| Para(lang.pick(kk, ru, en).to_owned());
    let subject = |kk: &str, ru: &str, en: &str| lang.pick(kk, ru, en).to_owned();
    match template {
        Template::VerifyEmail { link } => Content {
            subject: subject(
                "Электрондық пошта мекенжайыңызды растаңыз",
                "Подтвердите адрес электронной почты",
                "Confirm your email address",
            ),
            blocks: vec![
                para(
                    "Бұл мекенжай Saulet жүйесінде тіркелу кезінде көрсетілді. Оны растау үшін \
                     мына сілтемеге өтіңіз:",
                    "Этот адрес указан при регистрации в Saulet. Чтобы подтвердить его, \
                     перейдите по ссылке:",
                    "This address was given when registering with Saulet. To confirm it, open \
                     this link:",
                ),
                Link(link.clone()),
                para(
                    "Егер сіз Saulet жүйесінде тіркелмеген болсаңыз, бұл хатты елемеңіз: \
                     мекенжай пайдаланылмайды.",
                    "Если вы не регистрировались в Saulet, просто проигнорируйте это письмо: \
                     адрес не будет использоваться.",
                    "If you did not register with Saulet, ignore this message: the address will \
                     not be used.",
                ),
            ],
        },
        Template::PasswordReset {
            link,
            valid_minutes,
        } => Content {
            subject: subject(
                "Құпиясөзді қалпына келтіру",
                "Восстановление пароля",
                "Reset your password",
            ),
            blocks: vec![
                Para(match lang {
                    Lang::Kk => format!(
                        "Saulet есептік жазбаңыздың құпиясөзін қалпына келтіру туралы сұрау \
                         алдық. Жаңа құпиясөз орнату үшін {valid_minutes} минут ішінде мына \
                         сілтемеге өтіңіз:"
                    ),
                    Lang::Ru => format!(
                        "Мы получили запрос на восстановление пароля вашей учётной записи \
                         Saulet. Чтобы задать новый пароль, перейдите по ссылке в течение \
                         {valid_minutes} {}:",
                        ru_minutes_genitive(*valid_minutes)
                    ),
                    Lang::En => format!(
                        "We received a request to reset the password of your Saulet account. \
                         To choose a new password, open this link within {valid_minutes} {}:",
                        if *valid_minutes == 1 {
                            "minute"
                        } else {
                            "minutes"
                        }
                    ),
                }),
                Link(link.clone()),
                para(
                    "Сілтеме бір рет қана жұмыс істейді. Егер сіз мұны сұрамаған болсаңыз, бұл \
                     хатты елемеңіз: құпиясөзіңіз өзгермейді.",
                    "Ссылка действует один раз. Если вы не запрашивали восстановление пароля, \
                     проигнорируйте это письмо: ваш пароль останется прежним.",
                    "The link works once. If you did not ask for this, ignore this message: your \
                     password stays as it is.",
                ),
            ],
        },
        Template::PasswordChanged => Content {
            subject: subject(
                "Құпиясөзіңіз өзгертілді",
                "Ваш пароль изменён",
                "Your password was changed",
            ),
            blocks: vec![
                para(
                    "Saulet есептік жазбаңыздың құпиясөзі жаңа ғана өзгертілді.",
                    "Пароль вашей учётной записи Saulet только что изменён.",
                    "The password of your Saulet account was just changed.",
                ),
                para(
                    "Егер мұны сіз жасасаңыз, басқа ештеңе істеудің қажеті жоқ. Егер сіз \
                     болмасаңыз, кіру бетіндегі «Құпиясөзді ұмыттыңыз ба?» арқылы құпиясөзді \
                     дереу қалпына келтіріп, басқармаға хабарласыңыз.",
                    "Если это сделали вы, ничего делать не нужно. Если нет — сразу восстановите \
                     пароль через «Забыли пароль?» на странице входа и сообщите в управление.",
                    "If it was you, there is nothing more to do. If it was not, reset your \
                     password at once with \"Forgot password?\" on the sign-in page, and tell \
                     the department.",
                ),
            ],
        },
        _ => compose_account_status(template, lang),
    }
}

/// Notices about a permit request: a new status, a deadline near.
fn compose_permit_notice(template: &Template, lang: Lang) -> Content {
    use Block::{Link, Para, Quote};
    let para = |kk: &str, ru: &str, en: &str| Para(lang.pick(kk, ru, en).to_owned());
    match template {
        Template::PermitStatusChanged {
            title,
            number,
            status_name,
            comment,
            corrections,
            answer_by,
            link,
        } => {
            let name = number.as_deref().unwrap_or(title);
            let mut blocks = vec![Para(format!(
                "{} «{title}»{}: {}.",
                lang.pick("Өтінім", "Заявка", "Your request"),
                number
                    .as_ref()
                    .map(|n| format!(" ({n})"))
                    .unwrap_or_default(),
                status_name.get(lang)
            ))];
            if let Some(comment) = comment {
                blocks.push(Quote(comment.clone()));
            }
            if !corrections.is_empty() {
                blocks.push(para("Түзету керек:", "Что исправить:", "What to correct:"));
                let list: Vec<String> = corrections.iter().map(|c| format!("• {c}")).collect();
                blocks.push(Quote(list.join("\n")));
            }
            if let Some(day) = answer_by {
                let day = crate::clock::display_date(*day, lang);
                blocks.push(Para(match lang {
                    Lang::Kk => format!("Түзетілген нұсқаны {day} дейін қол қойып жіберіңіз."),
                    Lang::Ru => {
                        format!("Подпишите и отправьте исправленную версию до {day} включительно.")
                    }
                    Lang::En => format!("Sign and send the corrected version by {day}."),
                }));
            }
            blocks.push(para(
                "Өтінімді мына жерден қараңыз:",
                "Посмотреть заявку можно здесь:",
                "See the request here:",
            ));
            blocks.push(Link(link.clone()));
            Content {
                subject: format!("{name}: {}", status_name.get(lang)),
                blocks,
            }
        }
        Template::CoApplicantInvited {
            title,
            inviter,
            link,
        } => Content {
            subject: format!(
                "{}: «{title}»",
                lang.pick(
                    "Өтінімді бірге дайындауға шақыру",
                    "Приглашение подготовить заявку вместе",
                    "An invitation to prepare a request together",
                )
            ),
            blocks: vec![
                Para(match lang {
                    Lang::Kk => format!(
                        "{inviter} сізді Saulet жүйесінде «{title}» өтінімін бірге дайындауға \
                         шақырды: сіз нысанды толтырып, құжаттарды тіркей аласыз; өтінімге \
                         тек өтініш беруші қол қояды."
                    ),
                    Lang::Ru => format!(
                        "{inviter} приглашает вас подготовить в Saulet заявку «{title}»: вы \
                         можете заполнять форму и прикладывать документы; подписывает заявку \
                         только заявитель."
                    ),
                    Lang::En => format!(
                        "{inviter} invites you to prepare the request «{title}» with them in \
                         Saulet: you can fill in the form and attach documents; only the \
                         applicant signs the request."
                    ),
                }),
                para(
                    "Осы мекенжаймен кіріңіз (немесе ЭЦҚ арқылы тіркеліп, оны растаңыз), содан кейін өтінімді ашыңыз:",
                    "Войдите с этим адресом (или зарегистрируйтесь с ЭЦП и подтвердите его), затем откройте заявку:",
                    "Sign in with this address (or register with your EDS and confirm it), then open the request:",
                ),
                Link(link.clone()),
            ],
        },
        Template::PermitDeadline {
            title,
            number,
            due_on,
            link,
        } => Content {
            subject: format!(
                "{}: {}",
                lang.pick("Мерзімі жақындады", "Приближается срок", "Due soon"),
                number.as_deref().unwrap_or(title)
            ),
            blocks: vec![
                Para(format!(
                    "{} «{title}» {} {}.",
                    lang.pick("Өтінім", "Заявка", "The request"),
                    lang.pick(
                        "бойынша шешім мерзімі:",
                        "должна быть рассмотрена до",
                        "must be decided by",
                    ),
                    crate::clock::display_date(*due_on, lang)
                )),
                Link(link.clone()),
            ],
        },
        _ => compose_account_status(template, lang),
    }
}

/// Notices: announcements, agreements, consents, permit requests.
fn compose_notice(template: &Template, lang: Lang) -> Content {
    use Block::{Link, Para};
    let para = |kk: &str, ru: &str, en: &str| Para(lang.pick(kk, ru, en).to_owned());
    let subject = |kk: &str, ru: &str, en: &str| lang.pick(kk, ru, en).to_owned();
    match template {
        Template::Announcement {
            title,
            body,
            unsubscribe_link,
        } => Content {
            subject: title.get(lang).to_owned(),
            blocks: vec![
                Para(body.get(lang).to_owned()),
                para(
                    "Хабарландырулар хаттарын алғыңыз келмесе, осы сілтеме арқылы бас тартыңыз:",
                    "Чтобы больше не получать письма с объявлениями, откажитесь по этой ссылке:",
                    "To stop receiving announcements by email, unsubscribe here:",
                ),
                Link(unsubscribe_link.clone()),
            ],
        },
        Template::AgreementPublished {
            title,
            effective_at,
            link,
        } => Content {
            subject: subject(
                "Пайдаланушы келісімінің жаңа редакциясы",
                "Новая редакция пользовательского соглашения",
                "A new version of the user agreement",
            ),
            blocks: vec![
                Para(title.get(lang).to_owned()),
                Para(format!(
                    "{} {}.",
                    lang.pick(
                        "Жаңа редакция күшіне енеді:",
                        "Новая редакция вступает в силу:",
                        "The new version takes effect on",
                    ),
                    format_time(*effective_at, lang)
                )),
                para(
                    "Осы уақыттан кейін қызметтерді пайдалану үшін оны қабылдауыңыз керек. Мәтінді мына жерден оқыңыз:",
                    "После этого для пользования услугами её нужно принять. Прочитайте текст здесь:",
                    "From then on you must accept it to use the services. Read it here:",
                ),
                Link(link.clone()),
            ],
        },
        Template::WebhookDisabled { client, url, link } => Content {
            subject: subject(
                "Webhook өшірілді",
                "Webhook отключён",
                "A webhook was disabled",
            ),
            blocks: vec![
                Para(match lang {
                    Lang::Kk => format!(
                        "«{client}» API клиентінің {url} мекенжайына хабарламалар бір тәулік                          бойы жеткізілмеді, сондықтан жазылым өшірілді."
                    ),
                    Lang::Ru => format!(
                        "События API-клиента «{client}» не удавалось доставить на {url} в                          течение суток, поэтому подписка отключена."
                    ),
                    Lang::En => format!(
                        "Events of the API client \"{client}\" could not be delivered to {url}                          for a day, so the subscription was disabled."
                    ),
                }),
                para(
                    "Қабылдағышты түзеп, жазылымды қайта қосыңыз; жеткізу журналы себебін көрсетеді:",
                    "Исправьте приёмник и включите подписку снова; журнал доставок покажет причину:",
                    "Fix the receiver and enable the subscription again; the delivery log shows why:",
                ),
                Link(link.clone()),
            ],
        },
        Template::ConsentWithdrawn => Content {
            subject: subject(
                "Дербес деректерге келісім кері қайтарылды",
                "Согласие на обработку персональных данных отозвано",
                "Your personal-data consent was withdrawn",
            ),
            blocks: vec![
                para(
                    "Сіз дербес деректерді жинауға және өңдеуге келісіміңізді кері қайтардыңыз.",
                    "Вы отозвали согласие на сбор и обработку персональных данных.",
                    "You withdrew your consent to the collection and processing of your personal data.",
                ),
                para(
                    "Қайта келісім бермейінше қызметтерді пайдалана алмайсыз. Деректеріңізді жүктеп алуға немесе тіркелгіні жабуға болады.",
                    "Пока вы снова не дадите согласие, услугами пользоваться нельзя. Вы можете выгрузить свои данные или закрыть учётную запись.",
                    "Until you consent again you cannot use the services. You can still export your data or close your account.",
                ),
            ],
        },
        _ => compose_account_status(template, lang),
    }
}

/// Emails about the account's standing: blocked, unblocked, refused, deleted.
fn compose_account_status(template: &Template, lang: Lang) -> Content {
    use Block::{Para, Quote};
    let para = |kk: &str, ru: &str, en: &str| Para(lang.pick(kk, ru, en).to_owned());
    let subject = |kk: &str, ru: &str, en: &str| lang.pick(kk, ru, en).to_owned();
    let contact_department = || {
        para(
            "Сұрақтарыңыз болса, сәулет және қала құрылысы басқармасына хабарласыңыз.",
            "Если у вас есть вопросы, обратитесь в управление архитектуры и градостроительства.",
            "If you have questions, contact the architecture and urban-planning department.",
        )
    };
    match template {
        Template::AccountBlocked { reason } => Content {
            subject: subject(
                "Есептік жазбаңыз бұғатталды",
                "Ваша учётная запись заблокирована",
                "Your account has been blocked",
            ),
            blocks: vec![
                para(
                    "Saulet әкімшісі есептік жазбаңызды бұғаттады. Көрсетілген себеп:",
                    "Администратор Saulet заблокировал вашу учётную запись. Указанная причина:",
                    "The administrator of Saulet has blocked your account. The reason given:",
                ),
                Quote(reason.clone()),
                para(
                    "Есептік жазба бұғатталған кезде жүйеге кіре алмайсыз және өтінім бере \
                     алмайсыз. Шешімге шағымдану үшін сәулет және қала құрылысы басқармасына \
                     хабарласыңыз.",
                    "Пока учётная запись заблокирована, вы не можете входить в систему и \
                     подавать заявки. Чтобы оспорить решение, обратитесь в управление \
                     архитектуры и градостроительства.",
                    "While the account is blocked you cannot sign in or submit applications. To \
                     dispute the decision, contact the architecture and urban-planning \
                     department.",
                ),
            ],
        },
        Template::AccountUnblocked => Content {
            subject: subject(
                "Есептік жазбаңыз бұғаттан шығарылды",
                "Ваша учётная запись разблокирована",
                "Your account has been unblocked",
            ),
            blocks: vec![
                para(
                    "Saulet есептік жазбаңыз бұғаттан шығарылды. Жүйеге қайта кіріп, \
                     қызметтерді пайдалана аласыз.",
                    "Ваша учётная запись Saulet разблокирована. Вы снова можете входить в \
                     систему и пользоваться услугами.",
                    "Your Saulet account has been unblocked. You can sign in and use the \
                     services again.",
                ),
                contact_department(),
            ],
        },
        Template::RegistrationRefused { reason } => Content {
            subject: subject(
                "Тіркеуден бас тартылды",
                "В регистрации отказано",
                "Your registration was refused",
            ),
            blocks: vec![
                para(
                    "Saulet әкімшісі сіз көрсеткен деректерді тексергеннен кейін тіркеуден бас \
                     тартты. Көрсетілген себеп:",
                    "Администратор Saulet проверил указанные вами данные и отказал в \
                     регистрации. Указанная причина:",
                    "The administrator of Saulet checked the data you gave and refused your \
                     registration. The reason given:",
                ),
                Quote(reason.clone()),
                para(
                    "Түзетілген деректермен қайта тіркеле аласыз. Егер мұны қате деп санасаңыз, \
                     сәулет және қала құрылысы басқармасына хабарласыңыз.",
                    "Вы можете зарегистрироваться снова с исправленными данными. Если вы \
                     считаете это ошибкой, обратитесь в управление архитектуры и \
                     градостроительства.",
                    "You may register again with corrected data. If you think this is a mistake, \
                     contact the architecture and urban-planning department.",
                ),
            ],
        },
        // Template::AccountDeleted, and nothing else reaches here: `compose` sends every other
        // template to its own group.
        _ => Content {
            subject: subject(
                "Есептік жазбаңыз жойылды",
                "Ваша учётная запись удалена",
                "Your account has been deleted",
            ),
            blocks: vec![
                para(
                    "Saulet есептік жазбаңыз жойылды, енді оған кіре алмайсыз.",
                    "Ваша учётная запись Saulet удалена, войти в неё больше нельзя.",
                    "Your Saulet account has been deleted; you can no longer sign in with it.",
                ),
                para(
                    "Егер мұны күтпеген болсаңыз, сәулет және қала құрылысы басқармасына \
                     хабарласыңыз.",
                    "Если вы этого не ожидали, обратитесь в управление архитектуры и \
                     градостроительства.",
                    "If you did not expect this, contact the architecture and urban-planning \
                     department.",
                ),
            ],
        },
    }
}

/// "в течение N минут(ы)": the genitive singular after 1, 21, 31…, the genitive plural otherwise.
fn ru_minutes_genitive(n: u32) -> &'static str {
    if n % 10 == 1 && n % 100 != 11 {
        "минуты"
    } else {
        "минут"
    }
}

/// A moment as people in each language write it, in Astana time (the zone named).
fn format_time(at: DateTime<Utc>, lang: Lang) -> String {
    crate::clock::display_time(at, lang)
}

fn to_text(blocks: &[Block], footer: &str) -> String {
    let mut text = String::new();
    for block in blocks {
        match block {
            Block::Para(para) => text.push_str(para),
            Block::Link(url) => text.push_str(url),
            Block::Quote(quote) => {
                // Each line quoted, so a multi-line reason stays visibly someone else's words.
                let quoted: Vec<String> = quote.lines().map(|line| format!("> {line}")).collect();
                text.push_str(&quoted.join("\n"));
            }
        }
        text.push_str("\n\n");
    }
    text.push_str("-- \n");
    text.push_str(footer);
    text.push('\n');
    text
}

fn to_html(subject: &str, lang: Lang, blocks: &[Block], footer: &str) -> String {
    let mut html = format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width\">\n<title>{}</title>\n</head>\n\
         <body style=\"font-family: Arial, sans-serif; font-size: 16px; line-height: 1.5; \
         color: #1b1b1b; max-width: 40em;\">\n",
        lang.code(),
        escape(subject)
    );
    for block in blocks {
        match block {
            Block::Para(para) => html.push_str(&format!("<p>{}</p>\n", escape(para))),
            Block::Link(url) => {
                let url = escape(url);
                html.push_str(&format!(
                    "<p><a href=\"{url}\" style=\"color: #0b5394;\">{url}</a></p>\n"
                ));
            }
            Block::Quote(quote) => {
                let lines: Vec<String> = quote.lines().map(escape).collect();
                html.push_str(&format!(
                    "<blockquote style=\"margin: 0 0 1em; padding-left: 1em; \
                     border-left: 3px solid #888;\">{}</blockquote>\n",
                    lines.join("<br>\n")
                ));
            }
        }
    }
    html.push_str(&format!(
        "<hr>\n<p style=\"font-size: 13px; color: #555;\">{}</p>\n</body>\n</html>\n",
        escape(footer)
    ));
    html
}

/// Escapes text for HTML element content and double-quoted attribute values.
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            c => escaped.push(c),
        }
    }
    escaped
}

mod office;
#[cfg(test)]
mod tests;

//! The texts of accounts, consents, notifications, API clients and webhooks, and evidence.

use super::Message;

pub(super) const MESSAGES: &[Message] = &[
    // Accounts: sign-in, passwords, administrators.
    Message {
        en: "This operation is not open to API clients: a person signs in for it.",
        kk: "Бұл операция API клиенттеріне қолжетімсіз: оны жүйеге кірген адам орындайды.",
        ru: "Эта операция недоступна API-клиентам: её выполняет человек, вошедший в систему.",
    },
    Message {
        en: "This operation needs the scope `{scope}`, which the token was not given.",
        kk: "Бұл операцияға `{scope}` рұқсат аясы қажет, ол токенге берілмеген.",
        ru: "Для этой операции нужна область доступа `{scope}`, которая не предоставлена токену.",
    },
    Message {
        en: "was issued for another action; ask for a challenge with the purpose `{}`",
        kk: "басқа әрекет үшін берілген; `{}` мақсатына арналған сұрау алыңыз",
        ru: "выдан для другого действия; запросите новый запрос с назначением `{}`",
    },
    Message {
        en: "is not your current password",
        kk: "бұл сіздің қазіргі құпиясөзіңіз емес",
        ru: "это не ваш текущий пароль",
    },
    Message {
        en: "must not contain your email address",
        kk: "құпиясөзде электрондық пошта мекенжайыңыз болмауы керек",
        ru: "пароль не должен содержать ваш адрес электронной почты",
    },
    Message {
        en: "must not contain your IIN",
        kk: "құпиясөзде ЖСН-іңіз болмауы керек",
        ru: "пароль не должен содержать ваш ИИН",
    },
    Message {
        en: "must not repeat one character",
        kk: "құпиясөз бір таңбаның қайталануынан тұрмауы керек",
        ru: "пароль не должен состоять из одного повторяющегося символа",
    },
    Message {
        en: "is one of the most common passwords",
        kk: "бұл — ең көп тараған құпиясөздердің бірі",
        ru: "это один из самых распространённых паролей",
    },
    Message {
        en: "This email address is verified already.",
        kk: "Бұл электрондық пошта мекенжайы бұрын расталған.",
        ru: "Этот адрес электронной почты уже подтверждён.",
    },
    Message {
        en: "The state registry is unavailable ({why})",
        kk: "Мемлекеттік тізілім қолжетімсіз ({why})",
        ru: "Государственный реестр недоступен ({why})",
    },
    Message {
        en: "Administrators cannot block, refuse or delete their own account.",
        kk: "Әкімші өз тіркелгісін бұғаттай, оны тіркеуден бас тарта немесе жоя алмайды.",
        ru: "Администратор не может заблокировать собственную учётную запись, отказать ей в регистрации или удалить её.",
    },
    Message {
        en: "The account is not blocked.",
        kk: "Тіркелгі бұғатталмаған.",
        ru: "Учётная запись не заблокирована.",
    },
    // Consents and agreements.
    Message {
        en: "a personal-data consent must name the operator, data, purposes, term and transfers",
        kk: "дербес деректерді өңдеуге келісімде оператор, деректер, мақсаттар, мерзім және деректерді беру көрсетілуі керек",
        ru: "в согласии на обработку персональных данных должны быть указаны оператор, данные, цели, срок и передача данных",
    },
    Message {
        en: "must be at least {hours} hours after publication",
        kk: "жарияланғаннан кейін кемінде {hours} сағат өтуі керек",
        ru: "должно наступать не ранее чем через {hours} ч после публикации",
    },
    Message {
        en: "A version of this document is already waiting to take effect.",
        kk: "Бұл құжаттың күшіне енуін күтіп тұрған нұсқасы бар.",
        ru: "Редакция этого документа уже ожидает вступления в силу.",
    },
    Message {
        en: "This version is no longer in force; accept the current one.",
        kk: "Бұл нұсқа енді күшінде емес; қолданыстағы нұсқасын қабылдаңыз.",
        ru: "Эта редакция больше не действует; примите действующую.",
    },
    Message {
        en: "unknown action `{action}`",
        kk: "белгісіз әрекет: `{action}`",
        ru: "неизвестное действие `{action}`",
    },
    Message {
        en: "The user agreement is not withdrawn: close the account to stop using the service.",
        kk: "Пайдаланушы келісімі кері қайтарып алынбайды: қызметті пайдалануды тоқтату үшін тіркелгіні жабыңыз.",
        ru: "Пользовательское соглашение не отзывается: чтобы прекратить пользоваться сервисом, закройте учётную запись.",
    },
    Message {
        en: "This consent is withdrawn already.",
        kk: "Бұл келісім бұрын кері қайтарып алынған.",
        ru: "Это согласие уже отозвано.",
    },
    Message {
        en: "The consent changed since the statement was read; read GET …/withdrawal again and sign the new digest.",
        kk: "Өтініш оқылғаннан кейін келісім өзгерді; GET …/withdrawal сұрауын қайта орындап, жаңа таңбаға қол қойыңыз.",
        ru: "Согласие изменилось после того, как было прочитано заявление; повторите GET …/withdrawal и подпишите новый отпечаток.",
    },
    // Notifications and announcements.
    Message {
        en: "security notices cannot be switched off",
        kk: "қауіпсіздік хабарламаларын өшіруге болмайды",
        ru: "уведомления о безопасности нельзя отключить",
    },
    Message {
        en: "legal notices cannot be switched off",
        kk: "заңдық хабарламаларды өшіруге болмайды",
        ru: "юридические уведомления нельзя отключить",
    },
    Message {
        en: "{category} notices cannot be switched off",
        kk: "«{category}» санатындағы хабарламаларды өшіруге болмайды",
        ru: "уведомления категории «{category}» нельзя отключить",
    },
    Message {
        en: "must be after the publish time",
        kk: "жариялау уақытынан кейін болуы керек",
        ru: "должно быть позже времени публикации",
    },
    Message {
        en: "must not be before the window ends",
        kk: "техникалық жұмыстар аяқталғанға дейін болмауы керек",
        ru: "не должно быть раньше окончания технических работ",
    },
    Message {
        en: "a maintenance announcement needs a window whose end is after its start",
        kk: "техникалық жұмыстар туралы хабарландыруда аяқталуы басталуынан кейін болатын кезең көрсетілуі керек",
        ru: "в объявлении о технических работах нужен период, окончание которого позже начала",
    },
    Message {
        en: "unknown state `{state}`",
        kk: "белгісіз күй: `{state}`",
        ru: "неизвестное состояние `{state}`",
    },
    // API clients and webhooks.
    Message {
        en: "a form field is repeated",
        kk: "форма өрісі қайталанған",
        ru: "поле формы повторяется",
    },
    Message {
        en: "Sign in with your organisation's EDS (not a password) to issue API credentials.",
        kk: "API тіркелгі деректерін беру үшін ұйымыңыздың ЭЦҚ-сымен кіріңіз (құпиясөзбен емес).",
        ru: "Чтобы выдать учётные данные API, войдите с помощью ЭЦП вашей организации (а не по паролю).",
    },
    Message {
        en: "not a scope: permits:read, permits:write or approvals:write",
        kk: "рұқсат аясы емес: permits:read, permits:write немесе approvals:write болуы керек",
        ru: "это не область доступа: допустимы permits:read, permits:write или approvals:write",
    },
    Message {
        en: "This client is revoked.",
        kk: "Бұл клиент кері қайтарылған.",
        ru: "Этот клиент отозван.",
    },
    Message {
        en: "not a PEM public key (-----BEGIN PUBLIC KEY-----)",
        kk: "PEM пішіміндегі ашық кілт емес (-----BEGIN PUBLIC KEY-----)",
        ru: "это не открытый ключ в формате PEM (-----BEGIN PUBLIC KEY-----)",
    },
    Message {
        en: "an RSA key needs 2048 bits or more",
        kk: "RSA кілтінің ұзындығы кемінде 2048 бит болуы керек",
        ru: "длина ключа RSA должна быть не менее 2048 бит",
    },
    Message {
        en: "an unreadable EC key",
        kk: "EC кілті оқылмайды",
        ru: "ключ EC не читается",
    },
    Message {
        en: "an EC key must be on P-256",
        kk: "EC кілті P-256 қисығында болуы керек",
        ru: "ключ EC должен быть на кривой P-256",
    },
    Message {
        en: "use an RSA, EC P-256 or Ed25519 key",
        kk: "RSA, EC P-256 немесе Ed25519 кілтін пайдаланыңыз",
        ru: "используйте ключ RSA, EC P-256 или Ed25519",
    },
    Message {
        en: "an https:// address",
        kk: "https:// мекенжайы қажет",
        ru: "нужен адрес https://",
    },
    Message {
        en: "no user or password in the address: the signature authenticates Saulet",
        kk: "мекенжайда пайдаланушы аты мен құпиясөз болмауы керек: Saulet-тің түпнұсқалығын қолтаңба растайды",
        ru: "в адресе не должно быть имени пользователя и пароля: подлинность Saulet подтверждает подпись",
    },
    Message {
        en: "not an address",
        kk: "мекенжай емес",
        ru: "это не адрес",
    },
    Message {
        en: "not an event type (see docs/integrators.md)",
        kk: "оқиға түрі емес (docs/integrators.md қараңыз)",
        ru: "это не тип события (см. docs/integrators.md)",
    },
    Message {
        en: "The subscription is disabled: enable it first.",
        kk: "Жазылым өшірулі: алдымен оны қосыңыз.",
        ru: "Подписка отключена: сначала включите её.",
    },
    // Evidence: signed acts and the transparency log.
    Message {
        en: "This signature is already the evidence of another act; sign again.",
        kk: "Бұл қолтаңба басқа актінің дәлелі ретінде бұрын пайдаланылған; қайта қол қойыңыз.",
        ru: "Эта подпись уже служит доказательством другого акта; подпишите заново.",
    },
    Message {
        en: "the log holds {count} acts; ask for a size from 1 to {last}",
        kk: "журналдағы актілер саны: {count}; өлшемді 1–{last} аралығында сұраңыз",
        ru: "актов в журнале: {count}; запросите размер от 1 до {last}",
    },
    Message {
        en: "act {seq} is not in the tree of {size} acts (0 to {last})",
        kk: "{seq} нөмірлі акт ағашта жоқ (ағаштағы актілер саны: {size}, нөмірлері 0–{last} аралығында)",
        ru: "акта {seq} нет в дереве (актов в дереве: {size}, номера от 0 до {last})",
    },
    Message {
        en: "ask for a size from 1 to {last}",
        kk: "өлшемді 1–{last} аралығында сұраңыз",
        ru: "запросите размер от 1 до {last}",
    },
    Message {
        en: "Roles are given only to active accounts; unblock the account first.",
        kk: "Рөл тек белсенді есептік жазбаларға беріледі; алдымен есептік жазбаны бұғаттан шығарыңыз.",
        ru: "Роли назначаются только активным учётным записям; сначала разблокируйте учётную запись.",
    },
    Message {
        en: "The account already has this role.",
        kk: "Есептік жазбада бұл рөл бұрыннан бар.",
        ru: "У учётной записи уже есть эта роль.",
    },
    Message {
        en: "Administrators cannot change their own role; ask another administrator.",
        kk: "Әкімші өз рөлін өзгерте алмайды; басқа әкімшіге жүгініңіз.",
        ru: "Администратор не может изменить собственную роль; обратитесь к другому администратору.",
    },
    Message {
        en: "a reviewer signs in with a certificate of the organisation they work for (one that carries its BIN)",
        kk: "өтінімдерді қараушы өзі жұмыс істейтін ұйымның сертификатымен (ұйымның БСН-і бар) кіреді",
        ru: "рассматривающий входит с сертификатом организации, в которой работает (с её БИН)",
    },
    Message {
        en: "`action` is an action such as `account.block`, or a family such as `account.`",
        kk: "`action` — `account.block` сияқты әрекет немесе `account.` сияқты әрекеттер тобы",
        ru: "`action` — действие вида `account.block` или группа действий вида `account.`",
    },
    Message {
        en: "`from` is after `to`",
        kk: "`from` күні `to` күнінен кейін тұр",
        ru: "дата `from` позже даты `to`",
    },
];

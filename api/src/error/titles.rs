//! The localised titles of the problem types (`docs/errors.md` lists them with their status).

use crate::i18n::Lang;

/// The localised title of each problem type: slug, Kazakh, Russian, English.
pub(super) const TITLES: &[(&str, &str, &str, &str)] = &[
    (
        "validation",
        "Деректер тексеруден өтпеді",
        "Ошибка проверки данных",
        "Validation failed",
    ),
    (
        "malformed-body",
        "Сұрау денесі қате",
        "Некорректное тело запроса",
        "Malformed request body",
    ),
    (
        "invalid-query",
        "Сұрау параметрлері қате",
        "Некорректные параметры запроса",
        "Invalid query parameters",
    ),
    (
        "unauthenticated",
        "Жүйеге кіру қажет",
        "Требуется вход в систему",
        "Authentication required",
    ),
    ("forbidden", "Рұқсат жоқ", "Доступ запрещён", "Forbidden"),
    ("not-found", "Табылмады", "Не найдено", "Not found"),
    (
        "method-not-allowed",
        "Әдіске рұқсат жоқ",
        "Метод не разрешён",
        "Method not allowed",
    ),
    ("conflict", "Қайшылық", "Конфликт", "Conflict"),
    (
        "payload-too-large",
        "Сұрау денесі тым үлкен",
        "Тело запроса слишком велико",
        "Request body too large",
    ),
    (
        "unsupported-media-type",
        "Мазмұн түріне қолдау жоқ",
        "Неподдерживаемый тип содержимого",
        "Unsupported media type",
    ),
    (
        "identity-taken",
        "Бұл тұлғаның тіркелгісі бар",
        "Учётная запись для этого лица уже есть",
        "Identity already registered",
    ),
    (
        "email-taken",
        "Бұл email бос емес",
        "Этот email уже занят",
        "Email already in use",
    ),
    (
        "invalid-credentials",
        "Логин немесе құпиясөз қате",
        "Неверный логин или пароль",
        "Invalid credentials",
    ),
    (
        "account-blocked",
        "Тіркелгі бұғатталған",
        "Учётная запись заблокирована",
        "Account blocked",
    ),
    (
        "account-locked",
        "Тіркелгі уақытша құлыпталған",
        "Учётная запись временно заблокирована",
        "Account temporarily locked",
    ),
    (
        "rate-limited",
        "Сұраулар тым көп",
        "Слишком много запросов",
        "Too many requests",
    ),
    (
        "token-invalid",
        "Сілтеме жарамсыз",
        "Ссылка недействительна",
        "Link invalid or expired",
    ),
    (
        "eds-malformed",
        "ЭЦҚ қолтаңбасы оқылмады",
        "Подпись ЭЦП не читается",
        "Unreadable signature",
    ),
    (
        "eds-invalid-signature",
        "ЭЦҚ қолтаңбасы жарамсыз",
        "Подпись ЭЦП недействительна",
        "Invalid signature",
    ),
    (
        "eds-untrusted",
        "Сертификат сенімді емес",
        "Сертификат не доверенный",
        "Untrusted certificate",
    ),
    (
        "eds-expired",
        "Сертификаттың мерзімі өткен",
        "Срок действия сертификата истёк",
        "Certificate expired",
    ),
    (
        "eds-revoked",
        "Сертификат кері қайтарылған",
        "Сертификат отозван",
        "Certificate revoked",
    ),
    (
        "eds-revocation-unknown",
        "Сертификат күйі белгісіз",
        "Статус сертификата неизвестен",
        "Revocation status unknown",
    ),
    (
        "eds-wrong-key-usage",
        "Кілт бұл әрекетке арналмаған",
        "Ключ не предназначен для этого действия",
        "Wrong key usage",
    ),
    (
        "eds-no-identity",
        "Сертификатта ЖСН жоқ",
        "В сертификате нет ИИН",
        "No identity in certificate",
    ),
    (
        "eds-challenge-expired",
        "Сұрау мерзімі өткен",
        "Срок запроса истёк",
        "Challenge expired",
    ),
    (
        "legal-hold",
        "Келісімді қазір кері қайтаруға болмайды",
        "Согласие сейчас нельзя отозвать",
        "Consent under legal hold",
    ),
    (
        "consent-required",
        "Келісімді қабылдау қажет",
        "Требуется принять соглашение",
        "Consent required",
    ),
    (
        "eds-identity-mismatch",
        "Сертификат басқа тұлғаға тиесілі",
        "Сертификат принадлежит другому лицу",
        "Identity mismatch",
    ),
    (
        "illegal-transition",
        "Бұл әрекетке қазір рұқсат жоқ",
        "Действие сейчас недопустимо",
        "Action not allowed now",
    ),
    (
        "precondition-required",
        "If-Match тақырыбы қажет",
        "Требуется заголовок If-Match",
        "If-Match required",
    ),
    (
        "precondition-failed",
        "Өтінім өзгерген",
        "Заявка была изменена",
        "Changed meanwhile",
    ),
    (
        "idempotency-key-reused",
        "Idempotency-Key басқа сұрауда қолданылған",
        "Idempotency-Key использован для другого запроса",
        "Idempotency key reused",
    ),
    (
        "unsupported-file-type",
        "Файл түріне рұқсат жоқ",
        "Недопустимый тип файла",
        "File type not allowed",
    ),
    ("empty-file", "Файл бос", "Файл пустой", "Empty file"),
    (
        "service-unavailable",
        "Қызмет уақытша қолжетімсіз",
        "Сервис временно недоступен",
        "Service unavailable",
    ),
    (
        "invalid-client",
        "API клиенті танылмады",
        "API-клиент не распознан",
        "Invalid client",
    ),
    (
        "assertion-expired",
        "Клиент растауының мерзімі өткен",
        "Срок утверждения клиента истёк",
        "Client assertion expired",
    ),
    (
        "assertion-replayed",
        "Клиент растауы қайта жіберілген",
        "Утверждение клиента использовано повторно",
        "Client assertion replayed",
    ),
    (
        "client-revoked",
        "API клиенті кері қайтарылған",
        "API-клиент отозван",
        "Client revoked",
    ),
    (
        "insufficient-scope",
        "Рұқсат аясы жеткіліксіз",
        "Недостаточная область доступа",
        "Insufficient scope",
    ),
    (
        "invalid-scope",
        "Рұқсат аясы берілмеген",
        "Область доступа не предоставлена",
        "Invalid scope",
    ),
    (
        "unsupported-grant-type",
        "Рұқсат түрі қолдау көрсетілмейді",
        "Тип разрешения не поддерживается",
        "Unsupported grant type",
    ),
];

/// The localised title of a problem type (the internal error's for an unknown slug).
pub fn title(slug: &str, lang: Lang) -> &'static str {
    let (kk, ru, en) = TITLES.iter().find(|(s, ..)| *s == slug).map_or(
        ("Ішкі қате", "Внутренняя ошибка", "Internal error"),
        |&(_, kk, ru, en)| (kk, ru, en),
    );
    lang.pick(kk, ru, en)
}

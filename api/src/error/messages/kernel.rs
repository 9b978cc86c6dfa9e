//! The kernel's own texts: the default detail of each problem type (`ApiError::detail`), the
//! database and body-reading refusals, and the field messages of `validator` rules.

use super::Message;

pub(super) const MESSAGES: &[Message] = &[
    // The default detail of each problem type.
    Message {
        en: "The request has 1 invalid field.",
        kk: "Сұраудағы 1 өріс қате толтырылған.",
        ru: "В запросе 1 поле заполнено неверно.",
    },
    Message {
        en: "The request has {count} invalid fields.",
        kk: "Сұраудағы қате толтырылған өрістер саны: {count}.",
        ru: "Неверно заполненных полей в запросе: {count}.",
    },
    Message {
        en: "The request body is not valid JSON: {why}.",
        kk: "Сұрау денесі жарамды JSON емес: {why}.",
        ru: "Тело запроса не является корректным JSON: {why}.",
    },
    Message {
        en: "The query parameters are invalid: {why}.",
        kk: "Сұрау параметрлері қате: {why}.",
        ru: "Параметры запроса неверны: {why}.",
    },
    Message {
        en: "Sign in and send the access token as `Authorization: Bearer <token>`.",
        kk: "Жүйеге кіріп, қолжетімділік токенін `Authorization: Bearer <token>` тақырыбында жіберіңіз.",
        ru: "Войдите в систему и передайте токен доступа в заголовке `Authorization: Bearer <token>`.",
    },
    Message {
        en: "Your role does not allow this action.",
        kk: "Сіздің рөліңіз бұл әрекетке рұқсат бермейді.",
        ru: "Ваша роль не позволяет выполнить это действие.",
    },
    Message {
        en: "There is nothing at this address.",
        kk: "Бұл мекенжай бойынша ештеңе табылмады.",
        ru: "По этому адресу ничего нет.",
    },
    Message {
        en: "This address does not accept this method. Allowed: {methods}.",
        kk: "Бұл мекенжай осы әдісті қабылдамайды. Рұқсат етілген әдістер: {methods}.",
        ru: "Этот адрес не принимает данный метод. Допустимые методы: {methods}.",
    },
    Message {
        en: "An account for this certificate's identity exists already; sign in instead.",
        kk: "Осы тіркеу куәлігі иесінің тіркелгісі бұрыннан бар; оның орнына жүйеге кіріңіз.",
        ru: "Учётная запись владельца этого сертификата уже существует; войдите в неё.",
    },
    Message {
        en: "Another account uses this email address.",
        kk: "Бұл электрондық пошта мекенжайын басқа тіркелгі пайдаланады.",
        ru: "Этот адрес электронной почты использует другая учётная запись.",
    },
    Message {
        en: "The login or the password is wrong.",
        kk: "Логин немесе құпиясөз қате.",
        ru: "Неверный логин или пароль.",
    },
    Message {
        en: "The administrator has blocked this account. The email we sent says why.",
        kk: "Әкімші бұл тіркелгіні бұғаттады. Себебі біз жіберген хатта көрсетілген.",
        ru: "Администратор заблокировал эту учётную запись. Причина указана в письме, которое мы вам отправили.",
    },
    Message {
        en: "Too many failed sign-ins. Try again after {until} UTC, sign in with your EDS, or reset your password.",
        kk: "Сәтсіз кіру әрекеттері тым көп. Қайта кіруге {until} UTC уақытынан кейін болады; ЭЦҚ-мен кіруге немесе құпиясөзді қалпына келтіруге де болады.",
        ru: "Слишком много неудачных попыток входа. Повторите попытку после {until} UTC, войдите с помощью ЭЦП или восстановите пароль.",
    },
    Message {
        en: "Too many requests. Try again in {seconds} seconds.",
        kk: "Сұраулар тым көп. {seconds} секундтан кейін қайталап көріңіз.",
        ru: "Слишком много запросов. Повторите попытку через {seconds} с.",
    },
    Message {
        en: "This link is unknown, already used or expired. Ask for a new one.",
        kk: "Сілтеме белгісіз, бұрын пайдаланылған немесе мерзімі өткен. Жаңасын сұраңыз.",
        ru: "Ссылка неизвестна, уже использована или устарела. Запросите новую.",
    },
    Message {
        en: "The signed challenge is unknown, already used or expired. Ask for a new one and sign again.",
        kk: "Қол қойылған сұрау белгісіз, бұрын пайдаланылған немесе мерзімі өткен. Жаңасын сұрап, қайта қол қойыңыз.",
        ru: "Подписанный запрос неизвестен, уже использован или устарел. Запросите новый и подпишите его снова.",
    },
    Message {
        en: "The certificate belongs to another person or company than this account.",
        kk: "Тіркеу куәлігі осы тіркелгі иесіне емес, басқа тұлғаға немесе ұйымға тиесілі.",
        ru: "Сертификат принадлежит другому лицу или организации, а не владельцу этой учётной записи.",
    },
    Message {
        en: "The consent cannot be withdrawn while a permit request of yours is in progress; withdraw it once the request is decided or withdrawn.",
        kk: "Рұқсатқа берген өтініміңіз қаралып жатқанда келісімді кері қайтарып алуға болмайды; өтінім бойынша шешім шыққаннан кейін немесе өтінім кері қайтарып алынғаннан кейін келісімді кері қайтарып алыңыз.",
        ru: "Согласие нельзя отозвать, пока рассматривается ваша заявка на разрешение; отзовите его, когда по заявке будет принято решение или она будет отозвана.",
    },
    Message {
        en: "A new version of the user agreement is in force. Read and accept it (POST /api/v1/consents) to go on; until then you can read the agreements and your consents, export your data, close your account or sign out.",
        kk: "Пайдаланушы келісімінің жаңа нұсқасы күшіне енді. Жұмысты жалғастыру үшін оны оқып, қабылдаңыз (POST /api/v1/consents); оған дейін келісімдер мен өз келісімдеріңізді оқуға, деректеріңізді экспорттауға, тіркелгіні жабуға немесе жүйеден шығуға болады.",
        ru: "Вступила в силу новая редакция пользовательского соглашения. Чтобы продолжить, прочитайте и примите её (POST /api/v1/consents); до этого вы можете читать соглашения и свои согласия, выгрузить свои данные, закрыть учётную запись или выйти из системы.",
    },
    Message {
        en: "The request body is larger than the limit of {limit} bytes.",
        kk: "Сұрау денесі рұқсат етілген шектен үлкен (шек: {limit} байт).",
        ru: "Тело запроса превышает допустимый размер ({limit} байт).",
    },
    Message {
        en: "Send the body as `{expected}` with a matching Content-Type header.",
        kk: "Сұрау денесін `{expected}` пішімінде, сәйкес Content-Type тақырыбымен жіберіңіз.",
        ru: "Передайте тело запроса в формате `{expected}` с соответствующим заголовком Content-Type.",
    },
    Message {
        en: "{why}. Please retry shortly.",
        kk: "{why}. Біраздан кейін қайталап көріңіз.",
        ru: "{why}. Повторите попытку чуть позже.",
    },
    // `IllegalTransition`'s frame: the reason is translated on its own.
    Message {
        en: "{why}.",
        kk: "{why}.",
        ru: "{why}.",
    },
    Message {
        en: "Send the request's current ETag in an `If-Match` header, so a change made meanwhile by someone else is not overwritten.",
        kk: "Басқа біреу осы уақытта енгізген өзгеріс қайта жазылып кетпеуі үшін өтінімнің ағымдағы ETag мәнін `If-Match` тақырыбында жіберіңіз.",
        ru: "Передайте текущий ETag заявки в заголовке `If-Match`, чтобы не перезаписать изменения, которые тем временем внёс кто-то другой.",
    },
    Message {
        en: "The request was changed since you read it (its ETag differs from `If-Match`). Read it again and re-apply your change.",
        kk: "Өтінім сіз оны оқығаннан кейін өзгертілді (оның ETag мәні `If-Match` мәнінен өзгеше). Өтінімді қайта оқып, өзгерісіңізді қайта енгізіңіз.",
        ru: "Заявка изменилась с тех пор, как вы её прочитали (её ETag отличается от `If-Match`). Прочитайте её заново и внесите изменение ещё раз.",
    },
    Message {
        en: "This Idempotency-Key was used before with a different request; use a new key for a new request.",
        kk: "Бұл Idempotency-Key бұрын басқа сұрауда пайдаланылған; жаңа сұрау үшін жаңа кілт қолданыңыз.",
        ru: "Этот Idempotency-Key уже использовался с другим запросом; для нового запроса используйте новый ключ.",
    },
    Message {
        en: "The file is empty.",
        kk: "Файл бос.",
        ru: "Файл пустой.",
    },
    Message {
        en: "The API client is unknown, or its secret or signed assertion is wrong.",
        kk: "API клиенті белгісіз немесе оның құпиясы не қол қойылған растауы қате.",
        ru: "API-клиент неизвестен, или его секрет либо подписанное утверждение неверны.",
    },
    Message {
        en: "The client assertion has expired (or its lifetime is longer than 5 minutes); sign a new one.",
        kk: "Клиент растауының мерзімі өтті (немесе оның жарамдылық мерзімі 5 минуттан ұзақ); жаңасына қол қойыңыз.",
        ru: "Срок действия утверждения клиента истёк (или превышает 5 минут); подпишите новое.",
    },
    Message {
        en: "This client assertion was used already (its `jti`); sign a new one for every token.",
        kk: "Бұл клиент растауы (оның `jti` мәні) бұрын пайдаланылған; әр токен үшін жаңасына қол қойыңыз.",
        ru: "Это утверждение клиента (его `jti`) уже использовано; для каждого токена подписывайте новое.",
    },
    Message {
        en: "This API client was revoked by its organisation or an administrator.",
        kk: "Бұл API клиентін оның ұйымы немесе әкімші кері қайтарып алған.",
        ru: "Этот API-клиент отозван его организацией или администратором.",
    },
    Message {
        en: "The client was not given the scope `{scope}`.",
        kk: "Клиентке `{scope}` рұқсат аясы берілмеген.",
        ru: "Клиенту не предоставлена область доступа `{scope}`.",
    },
    Message {
        en: "Only `grant_type=client_credentials` is supported.",
        kk: "Тек `grant_type=client_credentials` қолдау көрсетіледі.",
        ru: "Поддерживается только `grant_type=client_credentials`.",
    },
    Message {
        en: "Something went wrong on our side. Quote the request id to support.",
        kk: "Біз жақта ақау орын алды. Қолдау қызметіне сұрау идентификаторын хабарлаңыз.",
        ru: "На нашей стороне произошёл сбой. Сообщите в поддержку идентификатор запроса.",
    },
    // What a bare status stands for (`ApiError::for_status`).
    Message {
        en: "The request conflicts with the current state.",
        kk: "Сұрау қазіргі күйге қайшы келеді.",
        ru: "Запрос противоречит текущему состоянию.",
    },
    Message {
        en: "The service is temporarily unavailable",
        kk: "Қызмет уақытша қолжетімсіз",
        ru: "Сервис временно недоступен",
    },
    Message {
        en: "the request was refused",
        kk: "сұрау қабылданбады",
        ru: "запрос отклонён",
    },
    // The database.
    Message {
        en: "text must not contain the NUL character",
        kk: "мәтінде NUL таңбасы болмауы керек",
        ru: "текст не должен содержать символ NUL",
    },
    Message {
        en: "The database is unreachable",
        kk: "Дерекқор қолжетімсіз",
        ru: "База данных недоступна",
    },
    Message {
        en: "the search text contains control characters",
        kk: "іздеу мәтінінде басқару таңбалары бар",
        ru: "текст поиска содержит управляющие символы",
    },
    Message {
        en: "`limit` is from 1 to {max}, not {given}",
        kk: "`limit` мәні 1–{max} аралығында болуы керек (берілгені: {given})",
        ru: "`limit` должен быть от 1 до {max}, а не {given}",
    },
    // Reading the body.
    Message {
        en: "the body is empty",
        kk: "сұрау денесі бос",
        ru: "тело запроса пустое",
    },
    // The field messages of `validator` rules that name none (`describe`), and of the custom
    // rules that do.
    Message {
        en: "must be between {min} and {max} characters long",
        kk: "ұзындығы {min}–{max} таңба аралығында болуы керек",
        ru: "длина должна быть от {min} до {max} символов",
    },
    Message {
        en: "must be at least {min} characters long",
        kk: "ұзындығы кемінде {min} таңба болуы керек",
        ru: "длина должна быть не менее {min} символов",
    },
    // `length(min = 1)`: the English says it its own way; the translations say what it means.
    Message {
        en: "must be at least 1 characters long",
        kk: "бос болмауы керек",
        ru: "не должно быть пустым",
    },
    Message {
        en: "must be at most {max} characters long",
        kk: "ұзындығы {max} таңбадан аспауы керек",
        ru: "длина должна быть не более {max} символов",
    },
    Message {
        en: "has the wrong length",
        kk: "ұзындығы дұрыс емес",
        ru: "недопустимая длина",
    },
    Message {
        en: "must be between {min} and {max}",
        kk: "мәні {min}–{max} аралығында болуы керек",
        ru: "значение должно быть от {min} до {max}",
    },
    Message {
        en: "must be at least {min}",
        kk: "мәні кемінде {min} болуы керек",
        ru: "значение должно быть не меньше {min}",
    },
    Message {
        en: "must be at most {max}",
        kk: "мәні ең көбі {max} болуы керек",
        ru: "значение должно быть не больше {max}",
    },
    Message {
        en: "is out of range",
        kk: "мәні рұқсат етілген аралықтан тыс",
        ru: "значение вне допустимого диапазона",
    },
    Message {
        en: "must be a valid email address",
        kk: "жарамды электрондық пошта мекенжайы қажет",
        ru: "требуется корректный адрес электронной почты",
    },
    Message {
        en: "must be a valid URL",
        kk: "жарамды URL мекенжайы қажет",
        ru: "требуется корректный URL-адрес",
    },
    Message {
        en: "is required",
        kk: "міндетті өріс",
        ru: "обязательное поле",
    },
    Message {
        en: "is invalid ({code})",
        kk: "мәні жарамсыз ({code})",
        ru: "недопустимое значение ({code})",
    },
    Message {
        en: "must be written in every language",
        kk: "барлық тілде жазылуы керек",
        ru: "должно быть заполнено на каждом языке",
    },
    Message {
        en: "must be between 5 and 32 characters long, or empty to remove it",
        kk: "ұзындығы 5–32 таңба аралығында болуы керек; нөмірді жою үшін өрісті бос қалдырыңыз",
        ru: "длина должна быть от 5 до 32 символов; чтобы удалить номер, оставьте поле пустым",
    },
];

/// The texts of the libraries a refusal may quote: actix-web's query reader, serde's data
/// errors (field messages of a body that parsed but does not fit), the standard number parsers,
/// chrono, and `jsonschema`'s errors for a permit request's form data. The syntax errors of
/// serde_json stay as they are, inside a translated frame.
pub(super) const LIBRARIES: &[Message] = &[
    Message {
        en: "Query deserialize error: {why}",
        kk: "Сұрау параметрлерін оқу қатесі: {why}",
        ru: "Ошибка разбора параметров запроса: {why}",
    },
    Message {
        en: "Json deserialize error: {why}",
        kk: "JSON оқу қатесі: {why}",
        ru: "Ошибка разбора JSON: {why}",
    },
    Message {
        en: "invalid type: {found}, expected {expected}",
        kk: "мән түрі қате: {found} берілген, күтілгені: {expected}",
        ru: "неверный тип: получено {found}, ожидалось {expected}",
    },
    Message {
        en: "invalid value: {found}, expected {expected}",
        kk: "мән қате: {found} берілген, күтілгені: {expected}",
        ru: "неверное значение: получено {found}, ожидалось {expected}",
    },
    Message {
        en: "invalid length {length}, expected {expected}",
        kk: "ұзындығы қате ({length}), күтілгені: {expected}",
        ru: "неверная длина {length}, ожидалось {expected}",
    },
    Message {
        en: "unknown field `{field}`, expected one of {fields}",
        kk: "белгісіз өріс `{field}`; рұқсат етілген өрістер: {fields}",
        ru: "неизвестное поле `{field}`; допустимые поля: {fields}",
    },
    Message {
        en: "unknown field `{field}`, expected {expected}",
        kk: "белгісіз өріс `{field}`; күтілгені: {expected}",
        ru: "неизвестное поле `{field}`; ожидалось {expected}",
    },
    Message {
        en: "unknown field `{field}`, there are no fields",
        kk: "белгісіз өріс `{field}`; мұнда өрістер болмауы керек",
        ru: "неизвестное поле `{field}`; здесь не должно быть полей",
    },
    Message {
        en: "unknown variant `{variant}`, expected one of {variants}",
        kk: "белгісіз мән `{variant}`; рұқсат етілген мәндер: {variants}",
        ru: "неизвестное значение `{variant}`; допустимые значения: {variants}",
    },
    Message {
        en: "unknown variant `{variant}`, expected {expected}",
        kk: "белгісіз мән `{variant}`; күтілгені: {expected}",
        ru: "неизвестное значение `{variant}`; ожидалось {expected}",
    },
    Message {
        en: "duplicate field `{field}`",
        kk: "`{field}` өрісі қайталанған",
        ru: "поле `{field}` повторяется",
    },
    Message {
        en: "missing field `{field}`",
        kk: "`{field}` өрісі жоқ",
        ru: "отсутствует поле `{field}`",
    },
    Message {
        en: "invalid digit found in string",
        kk: "санда жарамсыз таңба бар",
        ru: "недопустимый символ в числе",
    },
    Message {
        en: "cannot parse integer from empty string",
        kk: "бос мәннен бүтін санды оқу мүмкін емес",
        ru: "невозможно прочитать целое число из пустой строки",
    },
    Message {
        en: "number too large to fit in target type",
        kk: "сан тым үлкен",
        ru: "число слишком велико",
    },
    Message {
        en: "number too small to fit in target type",
        kk: "сан тым кіші",
        ru: "число слишком мало",
    },
    Message {
        en: "invalid float literal",
        kk: "жарамсыз бөлшек сан",
        ru: "недопустимое дробное число",
    },
    Message {
        en: "provided string was not `true` or `false`",
        kk: "мән `true` немесе `false` болуы керек",
        ru: "значение должно быть `true` или `false`",
    },
    Message {
        en: "input contains invalid characters",
        kk: "мәнде жарамсыз таңбалар бар",
        ru: "значение содержит недопустимые символы",
    },
    Message {
        en: "premature end of input",
        kk: "мән толық емес",
        ru: "значение неполное",
    },
    Message {
        en: "trailing input",
        kk: "мәннің соңында артық таңбалар бар",
        ru: "лишние символы в конце значения",
    },
    Message {
        en: "input is out of range",
        kk: "мән рұқсат етілген аралықтан тыс",
        ru: "значение вне допустимого диапазона",
    },
    // jsonschema: a permit request's form data against its service's schema.
    Message {
        en: "{property} is a required property",
        kk: "{property} — міндетті өріс",
        ru: "{property} — обязательное поле",
    },
    Message {
        en: "{value} is not of type \"{type}\"",
        kk: "{value}: мән \"{type}\" түрінде болуы керек",
        ru: "{value}: значение должно иметь тип \"{type}\"",
    },
    Message {
        en: "{value} is shorter than {limit} characters",
        kk: "{value}: ұзындығы кемінде {limit} таңба болуы керек",
        ru: "{value}: длина должна быть не менее {limit} символов",
    },
    Message {
        en: "{value} is shorter than {limit} character",
        kk: "{value}: ұзындығы кемінде {limit} таңба болуы керек",
        ru: "{value}: длина должна быть не менее {limit} символа",
    },
    Message {
        en: "{value} is longer than {limit} characters",
        kk: "{value}: ұзындығы {limit} таңбадан аспауы керек",
        ru: "{value}: длина должна быть не более {limit} символов",
    },
    Message {
        en: "{value} is longer than {limit} character",
        kk: "{value}: ұзындығы {limit} таңбадан аспауы керек",
        ru: "{value}: длина должна быть не более {limit} символа",
    },
    Message {
        en: "{value} is less than the minimum of {limit}",
        kk: "{value}: мән кемінде {limit} болуы керек",
        ru: "{value}: значение должно быть не меньше {limit}",
    },
    Message {
        en: "{value} is greater than the maximum of {limit}",
        kk: "{value}: мән ең көбі {limit} болуы керек",
        ru: "{value}: значение должно быть не больше {limit}",
    },
    Message {
        en: "{value} is less than or equal to the minimum of {limit}",
        kk: "{value}: мән {limit} санынан үлкен болуы керек",
        ru: "{value}: значение должно быть больше {limit}",
    },
    Message {
        en: "{value} is greater than or equal to the maximum of {limit}",
        kk: "{value}: мән {limit} санынан кіші болуы керек",
        ru: "{value}: значение должно быть меньше {limit}",
    },
    Message {
        en: "{value} does not match \"{pattern}\"",
        kk: "{value}: мән \"{pattern}\" үлгісіне сәйкес емес",
        ru: "{value}: значение не соответствует шаблону \"{pattern}\"",
    },
    Message {
        en: "{value} is not one of {options}",
        kk: "{value}: рұқсат етілген мәндердің бірі емес ({options})",
        ru: "{value}: недопустимое значение; допустимые: {options}",
    },
    Message {
        en: "{value} is not a \"{format}\"",
        kk: "{value}: мән \"{format}\" пішіміне сәйкес емес",
        ru: "{value}: значение не соответствует формату \"{format}\"",
    },
    Message {
        en: "Additional properties are not allowed ({names} was unexpected)",
        kk: "Қосымша өрістерге рұқсат жоқ (күтілмеген өріс: {names})",
        ru: "Дополнительные поля не допускаются (лишнее поле: {names})",
    },
    Message {
        en: "Additional properties are not allowed ({names} were unexpected)",
        kk: "Қосымша өрістерге рұқсат жоқ (күтілмеген өрістер: {names})",
        ru: "Дополнительные поля не допускаются (лишние поля: {names})",
    },
    Message {
        en: "{value} has less than {limit} items",
        kk: "{value}: элементтер саны кемінде {limit} болуы керек",
        ru: "{value}: элементов должно быть не меньше {limit}",
    },
    Message {
        en: "{value} has less than {limit} item",
        kk: "{value}: элементтер саны кемінде {limit} болуы керек",
        ru: "{value}: элементов должно быть не меньше {limit}",
    },
    Message {
        en: "{value} has more than {limit} items",
        kk: "{value}: элементтер саны ең көбі {limit} болуы керек",
        ru: "{value}: элементов должно быть не больше {limit}",
    },
    Message {
        en: "{value} has more than {limit} item",
        kk: "{value}: элементтер саны ең көбі {limit} болуы керек",
        ru: "{value}: элементов должно быть не больше {limit}",
    },
    Message {
        en: "{expected} was expected",
        kk: "{expected} мәні күтілген",
        ru: "ожидалось значение {expected}",
    },
    Message {
        en: "{value} is not a multiple of {divisor}",
        kk: "{value}: мән {divisor} санына еселік емес",
        ru: "{value}: значение не кратно {divisor}",
    },
];

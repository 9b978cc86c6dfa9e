//! The texts of refused signatures (`eds/error.rs`): each refusal's sentence, the reasons the
//! verifier gives inside it (the CMS structure, the certificate chain, CRLs and OCSP), and the
//! IIN/BIN checks.

use super::Message;

pub(super) const MESSAGES: &[Message] = &[
    // The refusals (`EdsError`'s sentences).
    Message {
        en: "The signature is not a readable CMS signature: {reason}.",
        kk: "Қолтаңба оқылатын CMS қолтаңбасы емес: {reason}.",
        ru: "Подпись не является читаемой подписью CMS: {reason}.",
    },
    Message {
        en: "The signature does not match the signed data: {reason}.",
        kk: "Қолтаңба қол қойылған деректерге сәйкес келмейді: {reason}.",
        ru: "Подпись не соответствует подписанным данным: {reason}.",
    },
    Message {
        en: "The certificate was not issued by a trusted certification authority: {reason}.",
        kk: "Тіркеу куәлігін сенім білдірілген куәландырушы орталық бермеген: {reason}.",
        ru: "Сертификат выдан не доверенным удостоверяющим центром: {reason}.",
    },
    Message {
        en: "The certificate is not valid at this time: {reason}.",
        kk: "Тіркеу куәлігі қазіргі уақытта жарамсыз: {reason}.",
        ru: "Сертификат сейчас недействителен: {reason}.",
    },
    Message {
        en: "The certificate has been revoked (according to the certificate revocation list).",
        kk: "Тіркеу куәлігі кері қайтарылған (кері қайтарылған тіркеу куәліктерінің тізімі бойынша).",
        ru: "Сертификат отозван (по данным списка отозванных сертификатов).",
    },
    Message {
        en: "The certificate has been revoked (according to the certificate revocation list, since {since} UTC).",
        kk: "Тіркеу куәлігі кері қайтарылған (кері қайтарылған тіркеу куәліктерінің тізімі бойынша; кері қайтарылған уақыты: {since} UTC).",
        ru: "Сертификат отозван (по данным списка отозванных сертификатов, с {since} UTC).",
    },
    Message {
        en: "The certificate has been revoked (according to the OCSP responder).",
        kk: "Тіркеу куәлігі кері қайтарылған (OCSP қызметінің деректері бойынша).",
        ru: "Сертификат отозван (по данным OCSP-службы).",
    },
    Message {
        en: "The certificate has been revoked (according to the OCSP responder, since {since} UTC).",
        kk: "Тіркеу куәлігі кері қайтарылған (OCSP қызметінің деректері бойынша; кері қайтарылған уақыты: {since} UTC).",
        ru: "Сертификат отозван (по данным OCSP-службы, с {since} UTC).",
    },
    Message {
        en: "The certificate's revocation status cannot be established: {reason}.",
        kk: "Тіркеу куәлігінің кері қайтарылған-қайтарылмағанын анықтау мүмкін емес: {reason}.",
        ru: "Невозможно установить, не отозван ли сертификат: {reason}.",
    },
    Message {
        en: "This certificate is not meant for logging in; use your authentication (AUTH_RSA256_…) key.",
        kk: "Бұл тіркеу куәлігі жүйеге кіруге арналмаған; аутентификация кілтін (AUTH_RSA256_…) пайдаланыңыз.",
        ru: "Этот сертификат не предназначен для входа в систему; используйте ключ аутентификации (AUTH_RSA256_…).",
    },
    Message {
        en: "This certificate is not meant for signing documents; use your signing (RSA256_…, not AUTH_…) key.",
        kk: "Бұл тіркеу куәлігі құжаттарға қол қоюға арналмаған; қол қою кілтін (AUTH_… емес, RSA256_…) пайдаланыңыз.",
        ru: "Этот сертификат не предназначен для подписания документов; используйте ключ подписи (RSA256_…, а не AUTH_…).",
    },
    Message {
        en: "The certificate does not identify its holder: {reason}.",
        kk: "Тіркеу куәлігі оның иесін анықтауға мүмкіндік бермейді: {reason}.",
        ru: "Сертификат не позволяет установить его владельца: {reason}.",
    },
    Message {
        en: "The signature could not be checked: {reason}.",
        kk: "Қолтаңбаны тексеру мүмкін болмады: {reason}.",
        ru: "Не удалось проверить подпись: {reason}.",
    },
    Message {
        en: "EDS sign-in is not configured on this server (eds.anchors)",
        kk: "Бұл серверде ЭЦҚ арқылы кіру бапталмаған (eds.anchors)",
        ru: "Вход по ЭЦП на этом сервере не настроен (eds.anchors)",
    },
    // The signature itself.
    Message {
        en: "expected CMS as DER, PEM or base64 text",
        kk: "CMS қолтаңбасы DER, PEM немесе base64 мәтін түрінде күтілген",
        ru: "ожидалась подпись CMS в виде DER, PEM или текста base64",
    },
    Message {
        en: "it is not a CMS/PKCS#7 structure",
        kk: "бұл CMS/PKCS#7 құрылымы емес",
        ru: "это не структура CMS/PKCS#7",
    },
    Message {
        en: "it is not a CMS SignedData",
        kk: "бұл CMS SignedData құрылымы емес",
        ru: "это не структура CMS SignedData",
    },
    Message {
        en: "it has no signer, or does not carry its signer's certificate",
        kk: "онда қол қоюшы жоқ немесе қол қоюшының тіркеу куәлігі қамтылмаған",
        ru: "в ней нет подписанта или нет сертификата подписанта",
    },
    Message {
        en: "exactly one signer is expected, it has {count}",
        kk: "бір ғана қол қоюшы күтілген, ал қол қоюшылар саны: {count}",
        ru: "ожидался ровно один подписант, а подписантов: {count}",
    },
    Message {
        en: "it has no signer",
        kk: "онда қол қоюшы жоқ",
        ru: "в ней нет подписанта",
    },
    Message {
        en: "the signer's key type is not supported; sign with an RSA key (GOST keys are not supported)",
        kk: "қол қоюшы кілтінің түріне қолдау көрсетілмейді; RSA кілтімен қол қойыңыз (ГОСТ кілттеріне қолдау көрсетілмейді)",
        ru: "тип ключа подписанта не поддерживается; подпишите ключом RSA (ключи ГОСТ не поддерживаются)",
    },
    Message {
        en: "it signs other data than expected",
        kk: "қолтаңба күтілген деректерге емес, басқа деректерге қойылған",
        ru: "подписаны не те данные, которые ожидались",
    },
    Message {
        en: "it was not made over these data, or the data or signature were altered",
        kk: "қолтаңба осы деректерге қойылмаған немесе деректер не қолтаңба өзгертілген",
        ru: "подпись сделана не для этих данных, или данные либо подпись были изменены",
    },
    // The certificate and its chain.
    Message {
        en: "the certificate does not parse: {error}",
        kk: "тіркеу куәлігін оқу мүмкін емес: {error}",
        ru: "не удаётся разобрать сертификат: {error}",
    },
    Message {
        en: "the IIN in the subject is invalid ({error})",
        kk: "иесі туралы деректердегі ЖСН жарамсыз ({error})",
        ru: "ИИН в данных владельца недействителен ({error})",
    },
    Message {
        en: "the BIN in the subject is invalid ({error})",
        kk: "иесі туралы деректердегі БСН жарамсыз ({error})",
        ru: "БИН в данных владельца недействителен ({error})",
    },
    Message {
        en: "the subject has no SERIALNUMBER=IIN… attribute",
        kk: "иесі туралы деректерде SERIALNUMBER=IIN… атрибуты жоқ",
        ru: "в данных владельца нет атрибута SERIALNUMBER=IIN…",
    },
    Message {
        en: "unreadable notBefore",
        kk: "notBefore (жарамдылықтың басталуы) өрісі оқылмайды",
        ru: "не читается поле notBefore (начало срока действия)",
    },
    Message {
        en: "unreadable notAfter",
        kk: "notAfter (жарамдылықтың аяқталуы) өрісі оқылмайды",
        ru: "не читается поле notAfter (окончание срока действия)",
    },
    Message {
        en: "the signer's certificate",
        kk: "қол қоюшының тіркеу куәлігі",
        ru: "сертификат подписанта",
    },
    Message {
        en: "the CA certificate {depth} level(s) above the signer's",
        kk: "қол қоюшыдан жоғары тұрған куәландырушы орталықтың тіркеу куәлігі (деңгейі: {depth})",
        ru: "сертификат УЦ выше сертификата подписанта (уровень: {depth})",
    },
    Message {
        en: "{whose} has expired",
        kk: "{whose}: мерзімі өткен",
        ru: "{whose}: срок действия истёк",
    },
    Message {
        en: "{whose} is not valid yet",
        kk: "{whose}: жарамдылық мерзімі әлі басталмаған",
        ru: "{whose}: срок действия ещё не наступил",
    },
    Message {
        en: "no usable CRL for {whose}: {message}",
        kk: "жарамды CRL тізімі жоқ ({whose}): {message}",
        ru: "нет пригодного списка отзыва (CRL) ({whose}): {message}",
    },
    // An untrusted chain: whose certificate, and OpenSSL's reason.
    Message {
        en: "{whose}: {message}",
        kk: "{whose}: {message}",
        ru: "{whose}: {message}",
    },
    Message {
        en: "unable to get local issuer certificate",
        kk: "тіркеу куәлігін берген орталықтың тіркеу куәлігі табылмады",
        ru: "не найден сертификат издателя",
    },
    Message {
        en: "unable to get issuer certificate",
        kk: "тіркеу куәлігін берген орталықтың тіркеу куәлігі табылмады",
        ru: "не найден сертификат издателя",
    },
    Message {
        en: "self-signed certificate in certificate chain",
        kk: "тізбекте өзіне өзі қол қойған тіркеу куәлігі бар",
        ru: "в цепочке есть самоподписанный сертификат",
    },
    Message {
        en: "self-signed certificate",
        kk: "өзіне өзі қол қойған тіркеу куәлігі",
        ru: "самоподписанный сертификат",
    },
    Message {
        en: "certificate signature failure",
        kk: "тіркеу куәлігінің қолтаңбасы тексеруден өтпеді",
        ru: "подпись сертификата не прошла проверку",
    },
    Message {
        en: "unsuitable certificate purpose",
        kk: "тіркеу куәлігінің мақсаты сәйкес емес",
        ru: "неподходящее назначение сертификата",
    },
    // Revocation: CRLs.
    Message {
        en: "no CRL of the certificate's issuer is loaded",
        kk: "тіркеу куәлігін берген орталықтың CRL тізімі жүктелмеген",
        ru: "список отзыва (CRL) издателя сертификата не загружен",
    },
    Message {
        en: "the issuer's CRL is out of date (its next update was due {due})",
        kk: "берген орталықтың CRL тізімі ескірген (келесі жаңарту уақыты: {due})",
        ru: "список отзыва (CRL) издателя устарел (следующее обновление ожидалось {due})",
    },
    Message {
        en: "the issuer's CRL is dated in the future",
        kk: "берген орталықтың CRL тізімінде болашақ күн көрсетілген",
        ru: "список отзыва (CRL) издателя датирован будущим числом",
    },
    // Revocation: OCSP.
    Message {
        en: "the certificate's issuer is not known",
        kk: "тіркеу куәлігін берген орталық белгісіз",
        ru: "издатель сертификата неизвестен",
    },
    Message {
        en: "the certificate names no OCSP responder and none is configured",
        kk: "тіркеу куәлігінде OCSP қызметі көрсетілмеген және ол баптауларда да жоқ",
        ru: "в сертификате не указана OCSP-служба, и она не задана в настройках",
    },
    Message {
        en: "cannot build the OCSP certificate id: {error}",
        kk: "OCSP үшін тіркеу куәлігінің идентификаторын құру мүмкін емес: {error}",
        ru: "не удаётся построить идентификатор сертификата для OCSP: {error}",
    },
    Message {
        en: "the OCSP responder {url} is unreachable: {error}",
        kk: "OCSP қызметі қолжетімсіз ({url}): {error}",
        ru: "OCSP-служба {url} недоступна: {error}",
    },
    Message {
        en: "the OCSP responder {url} answered HTTP {status}",
        kk: "OCSP қызметі ({url}) HTTP {status} кодымен жауап берді",
        ru: "OCSP-служба {url} ответила HTTP {status}",
    },
    Message {
        en: "the OCSP response from {url} is too large",
        kk: "OCSP қызметінің жауабы тым үлкен ({url})",
        ru: "ответ OCSP-службы {url} слишком велик",
    },
    Message {
        en: "the OCSP response from {url} was cut short: {error}",
        kk: "OCSP қызметінің жауабы толық алынбады ({url}): {error}",
        ru: "ответ OCSP-службы {url} получен не полностью: {error}",
    },
    Message {
        en: "the OCSP answer is not an OCSP response",
        kk: "OCSP қызметінің жауабы OCSP жауабы емес",
        ru: "ответ OCSP-службы не является ответом OCSP",
    },
    Message {
        en: "the OCSP responder refused to answer (status {status})",
        kk: "OCSP қызметі жауап беруден бас тартты (күйі: {status})",
        ru: "OCSP-служба отказалась отвечать (статус {status})",
    },
    Message {
        en: "the OCSP response has no basic response",
        kk: "OCSP жауабында негізгі жауап (basic response) жоқ",
        ru: "в ответе OCSP нет базового ответа (basic response)",
    },
    Message {
        en: "cannot collect certificates",
        kk: "тіркеу куәліктерін жинау мүмкін емес",
        ru: "не удаётся собрать сертификаты",
    },
    Message {
        en: "the OCSP response is not signed by the certificate's CA or its OCSP signer",
        kk: "OCSP жауабына тіркеу куәлігін берген куәландырушы орталық та, оның OCSP қол қоюшысы да қол қоймаған",
        ru: "ответ OCSP подписан не УЦ сертификата и не его OCSP-подписантом",
    },
    Message {
        en: "the OCSP response does not mention this certificate",
        kk: "OCSP жауабында бұл тіркеу куәлігі туралы мәлімет жоқ",
        ru: "в ответе OCSP нет сведений об этом сертификате",
    },
    Message {
        en: "the OCSP response has an unreadable thisUpdate",
        kk: "OCSP жауабындағы thisUpdate өрісі оқылмайды",
        ru: "в ответе OCSP не читается поле thisUpdate",
    },
    Message {
        en: "the OCSP response is dated in the future",
        kk: "OCSP жауабында болашақ уақыт көрсетілген",
        ru: "ответ OCSP датирован будущим временем",
    },
    Message {
        en: "the OCSP response is out of date",
        kk: "OCSP жауабы ескірген",
        ru: "ответ OCSP устарел",
    },
    Message {
        en: "the OCSP response has an unreadable nextUpdate",
        kk: "OCSP жауабындағы nextUpdate өрісі оқылмайды",
        ru: "в ответе OCSP не читается поле nextUpdate",
    },
    Message {
        en: "the OCSP response is too old",
        kk: "OCSP жауабы тым ескі",
        ru: "ответ OCSP слишком старый",
    },
    Message {
        en: "the OCSP responder does not know this certificate",
        kk: "OCSP қызметіне бұл тіркеу куәлігі белгісіз",
        ru: "OCSP-службе этот сертификат неизвестен",
    },
    // IIN and BIN (`eds/identity.rs`).
    Message {
        en: "must be exactly 12 digits",
        kk: "дәл 12 цифрдан тұруы керек",
        ru: "должен состоять ровно из 12 цифр",
    },
    Message {
        en: "the check digit does not match",
        kk: "бақылау цифры сәйкес келмейді",
        ru: "контрольная цифра не совпадает",
    },
    Message {
        en: "the date part is not a plausible date",
        kk: "күн бөлігі нақты күнге сәйкес келмейді",
        ru: "часть с датой не является возможной датой",
    },
    Message {
        en: "the century digit must be 1 to 6",
        kk: "ғасыр цифры 1–6 аралығында болуы керек",
        ru: "цифра века должна быть от 1 до 6",
    },
    Message {
        en: "the legal-entity type digit must be 4, 5 or 6",
        kk: "заңды тұлға түрінің цифры 4, 5 немесе 6 болуы керек",
        ru: "цифра типа юридического лица должна быть 4, 5 или 6",
    },
    Message {
        en: "the legal-entity attribute digit must be 0 to 3",
        kk: "заңды тұлға белгісінің цифры 0–3 аралығында болуы керек",
        ru: "цифра признака юридического лица должна быть от 0 до 3",
    },
];

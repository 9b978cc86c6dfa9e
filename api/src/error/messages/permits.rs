//! The texts of permit requests: the workflow's refusals, drafts and documents, review,
//! approvals, decisions, the service catalogue and the working-day calendar.

use super::Message;

pub(super) const MESSAGES: &[Message] = &[
    // A request's status, as the workflow's refusals name it (`permits/workflow.rs`) and the
    // SPA shows it.
    Message {
        en: "draft",
        kk: "жоба",
        ru: "черновик",
    },
    Message {
        en: "submitted",
        kk: "тіркелді",
        ru: "зарегистрирована",
    },
    Message {
        en: "in_review",
        kk: "қаралуда",
        ru: "на рассмотрении",
    },
    Message {
        en: "corrections_requested",
        kk: "түзетуге қайтарылды",
        ru: "возвращена на доработку",
    },
    Message {
        en: "preliminary_refusal",
        kk: "алдын ала бас тарту",
        ru: "предварительный отказ",
    },
    Message {
        en: "approved",
        kk: "мақұлданды",
        ru: "одобрена",
    },
    Message {
        en: "issued",
        kk: "рұқсат берілді",
        ru: "разрешение выдано",
    },
    Message {
        en: "refused",
        kk: "бас тартылды",
        ru: "отказано",
    },
    Message {
        en: "returned",
        kk: "қараусыз қайтарылды",
        ru: "возвращена без рассмотрения",
    },
    Message {
        en: "withdrawn",
        kk: "кері қайтарып алынды",
        ru: "отозвана",
    },
    // The steps the workflow refuses (`Illegal`): one sentence per step.
    Message {
        en: "a request that is {status} cannot be submitted",
        kk: "«{status}» мәртебесіндегі өтінімді жіберуге болмайды",
        ru: "заявку в статусе «{status}» нельзя подать",
    },
    Message {
        en: "a request that is {status} cannot be accepted into review",
        kk: "«{status}» мәртебесіндегі өтінімді қарауға қабылдауға болмайды",
        ru: "заявку в статусе «{status}» нельзя принять к рассмотрению",
    },
    Message {
        en: "a request that is {status} cannot be returned",
        kk: "«{status}» мәртебесіндегі өтінімді қараусыз қайтаруға болмайды",
        ru: "заявку в статусе «{status}» нельзя вернуть без рассмотрения",
    },
    Message {
        en: "a request that is {status} cannot be sent back for corrections",
        kk: "«{status}» мәртебесіндегі өтінімді түзетуге қайтаруға болмайды",
        ru: "заявку в статусе «{status}» нельзя вернуть на доработку",
    },
    Message {
        en: "a request that is {status} cannot be preliminarily refused",
        kk: "«{status}» мәртебесіндегі өтінім бойынша алдын ала бас тарту жариялауға болмайды",
        ru: "по заявке в статусе «{status}» нельзя объявить предварительный отказ",
    },
    Message {
        en: "a request that is {status} cannot be approved",
        kk: "«{status}» мәртебесіндегі өтінімді мақұлдауға болмайды",
        ru: "заявку в статусе «{status}» нельзя одобрить",
    },
    Message {
        en: "a request that is {status} cannot be issued",
        kk: "«{status}» мәртебесіндегі өтінім бойынша рұқсат беруге болмайды",
        ru: "по заявке в статусе «{status}» нельзя выдать разрешение",
    },
    Message {
        en: "a request that is {status} cannot be refused",
        kk: "«{status}» мәртебесіндегі өтінім бойынша бас тартуға болмайды",
        ru: "по заявке в статусе «{status}» нельзя отказать",
    },
    Message {
        en: "a request that is {status} cannot be withdrawn",
        kk: "«{status}» мәртебесіндегі өтінімді кері қайтарып алуға болмайды",
        ru: "заявку в статусе «{status}» нельзя отозвать",
    },
    Message {
        en: "a request that is {status} cannot be {step}",
        kk: "«{status}» мәртебесіндегі өтінімге бұл әрекетті жасауға болмайды ({step})",
        ru: "с заявкой в статусе «{status}» нельзя выполнить это действие ({step})",
    },
    // Drafts and their documents.
    Message {
        en: "a request that is {status} cannot be edited",
        kk: "«{status}» мәртебесіндегі өтінімді өзгертуге болмайды",
        ru: "заявку в статусе «{status}» нельзя изменить",
    },
    Message {
        en: "documents cannot be added to a request that is {status}",
        kk: "«{status}» мәртебесіндегі өтінімге құжат қосуға болмайды",
        ru: "к заявке в статусе «{status}» нельзя добавлять документы",
    },
    Message {
        en: "documents cannot be removed from a request that is {status}",
        kk: "«{status}» мәртебесіндегі өтінімнен құжатты алып тастауға болмайды",
        ru: "из заявки в статусе «{status}» нельзя удалять документы",
    },
    Message {
        en: "no permit type has this code (GET /permit-types)",
        kk: "мұндай коды бар қызмет жоқ (GET /permit-types)",
        ru: "услуги с таким кодом нет (GET /permit-types)",
    },
    Message {
        en: "This service is not accepting applications now.",
        kk: "Бұл қызмет қазір өтінім қабылдамайды.",
        ru: "Эта услуга сейчас не принимает заявки.",
    },
    Message {
        en: "this service is not open to your kind of applicant",
        kk: "бұл қызмет сіздің өтініш беруші түріңізге қолжетімсіз",
        ru: "эта услуга недоступна для вашего вида заявителя",
    },
    Message {
        en: "must be an object of the form's fields",
        kk: "форма өрістерінен тұратын объект болуы керек",
        ru: "должно быть объектом с полями формы",
    },
    Message {
        en: "the form data is larger than 200 kB",
        kk: "форма деректерінің көлемі 200 кБ-тан асады",
        ru: "данные формы превышают 200 КБ",
    },
    Message {
        en: "this service's checklist has no such document; use one of {codes}",
        kk: "бұл қызметтің құжаттар тізбесінде мұндай құжат жоқ; мыналардың бірін пайдаланыңыз: {codes}",
        ru: "в перечне документов этой услуги нет такого документа; используйте один из кодов: {codes}",
    },
    Message {
        en: "the multipart body is malformed: {error}",
        kk: "multipart сұрау денесі қате: {error}",
        ru: "тело multipart-запроса некорректно: {error}",
    },
    Message {
        en: "send the file as a multipart part named `file`",
        kk: "файлды `file` деп аталатын multipart бөлігінде жіберіңіз",
        ru: "передайте файл в части multipart с именем `file`",
    },
    Message {
        en: "The file is a program ({what}), whatever its name says; programs are never accepted.",
        kk: "Атауына қарамастан, файл — бағдарлама ({what}); бағдарламалар қабылданбайды.",
        ru: "Файл является программой ({what}), как бы он ни назывался; программы не принимаются.",
    },
    Message {
        en: "a script",
        kk: "скрипт",
        ru: "скрипт",
    },
    Message {
        en: "The file's content is {found}, but this document must be {allowed}.",
        kk: "Файлдың мазмұны — {found}, ал бұл құжаттың рұқсат етілген түрі: {allowed}.",
        ru: "Содержимое файла — {found}, а этот документ должен быть в формате: {allowed}.",
    },
    Message {
        en: "The file's content is {found}, but this document must be {first} or {second}.",
        kk: "Файлдың мазмұны — {found}, ал бұл құжаттың рұқсат етілген түрі: {first} немесе {second}.",
        ru: "Содержимое файла — {found}, а этот документ должен быть в формате {first} или {second}.",
    },
    Message {
        en: "The file's content is not a recognised document; this document must be {first} or {second}.",
        kk: "Файлдың мазмұны танылған құжат түріне жатпайды; бұл құжаттың рұқсат етілген түрі: {first} немесе {second}.",
        ru: "Содержимое файла не распознано как документ; этот документ должен быть в формате {first} или {second}.",
    },
    Message {
        en: "The file's content is not a recognised document; this document must be {allowed}.",
        kk: "Файлдың мазмұны танылған құжат түріне жатпайды; бұл құжаттың рұқсат етілген түрі: {allowed}.",
        ru: "Содержимое файла не распознано как документ; этот документ должен быть в формате: {allowed}.",
    },
    Message {
        en: "the upload was interrupted: {error}",
        kk: "жүктеу үзіліп қалды: {error}",
        ru: "загрузка прервалась: {error}",
    },
    Message {
        en: "The file is also a ZIP archive (a second format appended to the document); send the document on its own.",
        kk: "Файл бір мезгілде ZIP мұрағаты да болып табылады (құжатқа екінші пішім жалғанған); құжатты жеке жіберіңіз.",
        ru: "Файл одновременно является ZIP-архивом (к документу дописан второй формат); отправьте документ отдельно.",
    },
    Message {
        en: "The document store cannot take files now",
        kk: "Құжаттар қоймасы қазір файлдарды қабылдай алмайды",
        ru: "Хранилище документов сейчас не может принимать файлы",
    },
    Message {
        en: "The document store is unavailable now",
        kk: "Құжаттар қоймасы қазір қолжетімсіз",
        ru: "Хранилище документов сейчас недоступно",
    },
    // Submission.
    Message {
        en: "attach the document “{name}”",
        kk: "«{name}» құжатын тіркеңіз",
        ru: "приложите документ «{name}»",
    },
    Message {
        en: "The request changed since the digest was read; read GET …/digest again and sign the new one.",
        kk: "Таңба оқылғаннан кейін өтінім өзгерді; GET …/digest сұрауын қайта орындап, жаңа таңбаға қол қойыңыз.",
        ru: "Заявка изменилась после того, как был прочитан отпечаток; повторите GET …/digest и подпишите новый.",
    },
    Message {
        en: "1 to 255 characters",
        kk: "1–255 таңба аралығында болуы керек",
        ru: "от 1 до 255 символов",
    },
    Message {
        en: "A request with this Idempotency-Key is still being processed; retry shortly.",
        kk: "Осы Idempotency-Key бар сұрау әлі өңделуде; біраздан кейін қайталап көріңіз.",
        ru: "Запрос с этим Idempotency-Key ещё обрабатывается; повторите попытку чуть позже.",
    },
    // Lists.
    Message {
        en: "unknown status `{status}`",
        kk: "белгісіз мәртебе: `{status}`",
        ru: "неизвестный статус `{status}`",
    },
    Message {
        en: "`assignee` is `me`, `none` or an account id",
        kk: "`assignee` мәні `me`, `none` немесе тіркелгі идентификаторы болуы керек",
        ru: "`assignee` может быть `me`, `none` или идентификатором учётной записи",
    },
    Message {
        en: "status is pending, approved, declined or all",
        kk: "status мәні pending, approved, declined немесе all болуы керек",
        ru: "status может быть pending, approved, declined или all",
    },
    // Review.
    Message {
        en: "a request that is {status} cannot be assigned",
        kk: "«{status}» мәртебесіндегі өтінімге орындаушы тағайындауға болмайды",
        ru: "заявке в статусе «{status}» нельзя назначить исполнителя",
    },
    Message {
        en: "assign to a reviewer of the organisation the request is routed to",
        kk: "өтінім жолданған ұйымның қараушысын тағайындаңыз",
        ru: "назначьте исполнителя из организации, в которую направлена заявка",
    },
    Message {
        en: "name one form field or one document slot of this service, or neither for a general remark",
        kk: "осы қызметтің бір форма өрісін немесе бір құжатын көрсетіңіз; жалпы ескерту үшін ешқайсысын көрсетпеңіз",
        ru: "укажите одно поле формы или один документ этой услуги; для общего замечания не указывайте ни того, ни другого",
    },
    // Co-applicants: people invited to prepare a request with its applicant.
    Message {
        en: "co-applicants are invited to a request being prepared, not to one that is {status}",
        kk: "бірлескен өтініш берушілер дайындалып жатқан өтінімге ғана шақырылады, ал бұл өтінімнің мәртебесі: «{status}»",
        ru: "созаявителей приглашают только к заявке, которая готовится, а статус этой заявки — «{status}»",
    },
    Message {
        en: "invite someone else: you prepare this request already",
        kk: "басқа адамды шақырыңыз: бұл өтінімді сіз өзіңіз дайындап жатырсыз",
        ru: "пригласите другого человека: эту заявку готовите вы сами",
    },
    Message {
        en: "This address is invited to the request already.",
        kk: "Бұл мекенжай өтінімге бұрын шақырылған.",
        ru: "Этот адрес уже приглашён к заявке.",
    },
    Message {
        en: "A request may be prepared with at most {most} people.",
        kk: "Өтінімді ең көбі {most} адам бірге дайындай алады.",
        ru: "Готовить заявку могут не более {most} человек.",
    },
    // More time to answer a correction request.
    Message {
        en: "More time can be asked for and given only while corrections are requested",
        kk: "Қосымша уақыт өтінім түзетуге қайтарылған кезде ғана сұралады және беріледі",
        ru: "Дополнительное время можно запросить и предоставить, только пока заявка возвращена на доработку",
    },
    Message {
        en: "at most {most} working days at a time",
        kk: "бір ретте сұралатын жұмыс күндері ең көбі {most} болуы керек",
        ru: "число рабочих дней за один раз — не более {most}",
    },
    Message {
        en: "A request for more time is already waiting for the reviewer's answer.",
        kk: "Қосымша уақыт туралы сұрау орындаушының жауабын күтіп тұр.",
        ru: "Запрос дополнительного времени уже ожидает ответа исполнителя.",
    },
    Message {
        en: "say why more time is refused",
        kk: "қосымша уақыт беруден неге бас тартылатынын көрсетіңіз",
        ru: "укажите, почему в дополнительном времени отказано",
    },
    Message {
        en: "There is no request for more time to answer.",
        kk: "Жауап берілетін қосымша уақыт туралы сұрау жоқ.",
        ru: "Нет запроса дополнительного времени, на который нужно ответить.",
    },
    // Approvals by other organisations.
    Message {
        en: "approvals are given while the request is in review, not {status}",
        kk: "келісім өтінім қаралып жатқанда беріледі, ал өтінімнің мәртебесі: «{status}»",
        ru: "согласование даётся, пока заявка на рассмотрении, а её статус — «{status}»",
    },
    Message {
        en: "this approval was approved already",
        kk: "бұл тапсырма бойынша келісім бұрын берілген",
        ru: "по этой задаче согласование уже дано",
    },
    Message {
        en: "this approval was declined already",
        kk: "бұл тапсырма бойынша келісуден бұрын бас тартылған",
        ru: "по этой задаче в согласовании уже отказано",
    },
    Message {
        en: "this approval was {status} already",
        kk: "бұл тапсырма бойынша шешім бұрын қабылданған («{status}»)",
        ru: "по этой задаче решение уже принято («{status}»)",
    },
    Message {
        en: "The approval was decided meanwhile.",
        kk: "Осы уақытта келісу бойынша шешім қабылданып қойған.",
        ru: "Тем временем по согласованию уже принято решение.",
    },
    Message {
        en: "upload the technical conditions (POST …/tasks/{task}/document) before approving",
        kk: "келіспес бұрын техникалық шарттарды жүктеңіз (POST …/tasks/{task}/document)",
        ru: "перед согласованием загрузите технические условия (POST …/tasks/{task}/document)",
    },
    Message {
        en: "say why the approval is declined",
        kk: "келісуден неге бас тартылатынын көрсетіңіз",
        ru: "укажите, почему в согласовании отказано",
    },
    Message {
        en: "The answer changed since its digest was read (another document, or another comment); ask POST …/answer again and sign the new digest.",
        kk: "Таңбасы оқылғаннан кейін жауап өзгерді (басқа құжат немесе басқа түсініктеме); POST …/answer сұрауын қайта орындап, жаңа таңбаға қол қойыңыз.",
        ru: "Ответ изменился после того, как был прочитан его отпечаток (другой документ или другой комментарий); повторите POST …/answer и подпишите новый отпечаток.",
    },
    Message {
        en: "The approval was decided, or its document replaced, meanwhile.",
        kk: "Осы уақытта келісу бойынша шешім қабылданған немесе оның құжаты ауыстырылған.",
        ru: "Тем временем по согласованию принято решение или заменён его документ.",
    },
    Message {
        en: "an organisation declined its approval; request corrections or refuse",
        kk: "ұйымдардың бірі келісуден бас тартты; өтінімді түзетуге қайтарыңыз немесе бас тартыңыз",
        ru: "одна из организаций отказала в согласовании; верните заявку на доработку или откажите",
    },
    Message {
        en: "{count} approval(s) from other organisations are still pending",
        kk: "басқа ұйымдардың келісімдері әлі күтілуде (саны: {count})",
        ru: "ещё ожидаются согласования других организаций (количество: {count})",
    },
    // Refusal and objection.
    Message {
        en: "not a refusal ground of this service",
        kk: "бұл қызмет үшін мұндай бас тарту негізі жоқ",
        ru: "такого основания для отказа у этой услуги нет",
    },
    Message {
        en: "What you sign changed since its digest was read; ask …/statement again and sign the new digest.",
        kk: "Таңбасы оқылғаннан кейін қол қойылатын мәтін өзгерді; …/statement сұрауын қайта орындап, жаңа таңбаға қол қойыңыз.",
        ru: "Подписываемый текст изменился после того, как был прочитан его отпечаток; повторите запрос …/statement и подпишите новый отпечаток.",
    },
    Message {
        en: "a request that is {status} has no refusal to object to",
        kk: "«{status}» мәртебесіндегі өтінім бойынша қарсылық білдіретін бас тарту жоқ",
        ru: "по заявке в статусе «{status}» нет отказа, на который можно возразить",
    },
    Message {
        en: "An objection was made already.",
        kk: "Қарсылық бұрын білдірілген.",
        ru: "Возражение уже подано.",
    },
    Message {
        en: "The period for objecting has ended.",
        kk: "Қарсылық білдіру мерзімі аяқталды.",
        ru: "Срок для возражения истёк.",
    },
    // Decisions.
    Message {
        en: "`permit` or `refusal`",
        kk: "`permit` немесе `refusal`",
        ru: "`permit` или `refusal`",
    },
    Message {
        en: "the applicant may object until {date}; refuse after that or after their objection",
        kk: "өтініш беруші қарсылық білдіре алатын соңғы күн: {date}; бас тартуды осы күннен кейін немесе қарсылық келіп түскеннен кейін ресімдеңіз",
        ru: "заявитель может подать возражение до {date} включительно; отказывайте после этой даты или после его возражения",
    },
    Message {
        en: "Sign an unsigned permit draft that you prepared (POST …/decision-draft).",
        kk: "Өзіңіз дайындаған, әлі қол қойылмаған рұқсат жобасына қол қойыңыз (POST …/decision-draft).",
        ru: "Подпишите подготовленный вами и ещё не подписанный проект разрешения (POST …/decision-draft).",
    },
    Message {
        en: "Sign an unsigned refusal draft that you prepared (POST …/decision-draft).",
        kk: "Өзіңіз дайындаған, әлі қол қойылмаған бас тарту жобасына қол қойыңыз (POST …/decision-draft).",
        ru: "Подпишите подготовленный вами и ещё не подписанный проект отказа (POST …/decision-draft).",
    },
    Message {
        en: "Sign an unsigned {kind} draft that you prepared (POST …/decision-draft).",
        kk: "Өзіңіз дайындаған, әлі қол қойылмаған шешім жобасына қол қойыңыз ({kind}; POST …/decision-draft).",
        ru: "Подпишите подготовленный вами и ещё не подписанный проект решения ({kind}; POST …/decision-draft).",
    },
    Message {
        en: "The decision was signed meanwhile.",
        kk: "Осы уақытта шешімге қол қойылып қойған.",
        ru: "Тем временем решение уже подписали.",
    },
    // The service catalogue (an administrator's permit types).
    Message {
        en: "not a valid JSON Schema: {error}",
        kk: "жарамды JSON Schema емес: {error}",
        ru: "это не корректная JSON Schema: {error}",
    },
    Message {
        en: "the form schema must describe an object",
        kk: "форма схемасы объектіні сипаттауы керек",
        ru: "схема формы должна описывать объект",
    },
    Message {
        en: "every document slot needs its own code",
        kk: "әр құжаттың өз коды болуы керек",
        ru: "у каждого документа должен быть свой код",
    },
    Message {
        en: "{type} cannot be recognised from a file's content; use one of {types}",
        kk: "{type} түрін файлдың мазмұны бойынша анықтау мүмкін емес; мыналардың бірін пайдаланыңыз: {types}",
        ru: "тип {type} нельзя распознать по содержимому файла; используйте один из: {types}",
    },
    Message {
        en: "every ground needs its own code",
        kk: "әр негіздің өз коды болуы керек",
        ru: "у каждого основания должен быть свой код",
    },
    Message {
        en: "the code in the body must be the code in the address",
        kk: "сұрау денесіндегі код мекенжайдағы кодпен бірдей болуы керек",
        ru: "код в теле запроса должен совпадать с кодом в адресе",
    },
    Message {
        en: "no organisation has this code",
        kk: "мұндай коды бар ұйым жоқ",
        ru: "организации с таким кодом нет",
    },
    Message {
        en: "name another organisation by its code",
        kk: "басқа ұйымды оның коды арқылы көрсетіңіз",
        ru: "укажите код другой организации",
    },
    // The working-day calendar (an administrator's upload).
    Message {
        en: "`holiday` or `working_day`",
        kk: "`holiday` немесе `working_day`",
        ru: "`holiday` или `working_day`",
    },
    Message {
        en: "calendar file could not be read: {error}",
        kk: "күнтізбе файлын оқу мүмкін болмады: {error}",
        ru: "не удалось прочитать файл календаря: {error}",
    },
    Message {
        en: "calendar file for {year}: {date} is not in {file_year}",
        kk: "{year} жылғы күнтізбе файлы: {date} күні басқа жылға жатады (файл жылы: {file_year})",
        ru: "файл календаря на {year} год: дата {date} не относится к {file_year} году",
    },
    Message {
        en: "calendar file for {year}: {date} is listed more than once",
        kk: "{year} жылғы күнтізбе файлы: {date} күні бірнеше рет көрсетілген",
        ru: "файл календаря на {year} год: дата {date} указана более одного раза",
    },
    Message {
        en: "calendar file for {year}: {date} is marked as a working_day but it is a {weekday}; only a Saturday or Sunday can be made a working day",
        kk: "{year} жылғы күнтізбе файлы: {date} күні working_day деп белгіленген, бірақ ол — {weekday}; жұмыс күні етіп тек сенбіні немесе жексенбіні белгілеуге болады",
        ru: "файл календаря на {year} год: дата {date} отмечена как working_day, но это {weekday}; рабочим днём можно сделать только субботу или воскресенье",
    },
    Message {
        en: "calendar file for {year}: {date} has an empty name in language \"{language}\"",
        kk: "{year} жылғы күнтізбе файлы: {date} күнінің \"{language}\" тіліндегі атауы бос",
        ru: "файл календаря на {year} год: у даты {date} пустое название на языке \"{language}\"",
    },
    Message {
        en: "The request is already assigned to this reviewer.",
        kk: "Өтінім осы қараушыға бұрыннан тағайындалған.",
        ru: "Заявка уже назначена этому рассматривающему.",
    },
    Message {
        en: "say why the request passes from its reviewer to another",
        kk: "өтінімнің неліктен бір қараушыдан екіншісіне өтетінін көрсетіңіз",
        ru: "укажите, почему заявка передаётся от одного рассматривающего другому",
    },
    Message {
        en: "`outcome` is `issued` or `refused`",
        kk: "`outcome` — `issued` немесе `refused`",
        ru: "`outcome` — `issued` или `refused`",
    },
    Message {
        en: "unknown `district`",
        kk: "`district` белгісіз",
        ru: "неизвестный `district`",
    },
    Message {
        en: "`to` is a month, `YYYY-MM`",
        kk: "`to` — ай, `YYYY-MM` түрінде",
        ru: "`to` — месяц в виде `YYYY-MM`",
    },
    Message {
        en: "`from` is a month, `YYYY-MM`",
        kk: "`from` — ай, `YYYY-MM` түрінде",
        ru: "`from` — месяц в виде `YYYY-MM`",
    },
    Message {
        en: "`type` is a permit type's code",
        kk: "`type` — рұқсат түрінің коды",
        ru: "`type` — код вида разрешения",
    },
];

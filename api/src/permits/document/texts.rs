//! The fixed wording of a decision document, in Kazakh (the state language, first) and Russian
//! (Law of the Republic of Kazakhstan of 11 July 1997 No. 151-I "On languages", art. 8: the
//! acts of state bodies are drawn up in the state language and in Russian).

use super::DecisionKind;

/// The wording of one language.
pub(super) struct Texts {
    pub title_permit: &'static str,
    pub title_refusal: &'static str,
    pub permit_type: &'static str,
    pub holder: &'static str,
    pub holder_id: &'static str,
    pub decision: &'static str,
    pub granted: &'static str,
    pub refused: &'static str,
    pub organisation: &'static str,
    pub official: &'static str,
    pub decision_text: &'static str,
    pub grounds: &'static str,
    pub verify: &'static str,
    pub check_code: &'static str,
    pub signed: &'static str,
    pub object_name: &'static str,
    pub address: &'static str,
    pub cadastral_number: &'static str,
    pub premises: &'static str,
}

static KK: Texts = Texts {
    title_permit: "РҰҚСАТ",
    title_refusal: "БАС ТАРТУ ТУРАЛЫ ДӘЛЕЛДІ ШЕШІМ",
    permit_type: "Рұқсат түрі",
    holder: "Өтініш беруші",
    holder_id: "Сәйкестендіру нөмірі",
    decision: "Шешім",
    granted: "Рұқсат берілді",
    refused: "Рұқсат беруден бас тартылды",
    organisation: "Шешім қабылдаған ұйым",
    official: "Лауазымды тұлға",
    decision_text: "Шешім мәтіні",
    grounds: "Бас тарту негіздері",
    verify: "Тексеру",
    check_code: "Тексеру коды",
    signed: "Құжатқа лауазымды тұлғаның электрондық цифрлық қолтаңбасымен қол қойылған",
    object_name: "Объект",
    address: "Мекенжайы",
    cadastral_number: "Кадастрлық нөмірі",
    premises: "Үй-жай",
};

static RU: Texts = Texts {
    title_permit: "РАЗРЕШЕНИЕ",
    title_refusal: "МОТИВИРОВАННЫЙ ОТКАЗ",
    permit_type: "Вид разрешения",
    holder: "Заявитель",
    holder_id: "Идентификационный номер",
    decision: "Решение",
    granted: "Разрешение выдано",
    refused: "В выдаче разрешения отказано",
    organisation: "Организация, принявшая решение",
    official: "Должностное лицо",
    decision_text: "Текст решения",
    grounds: "Основания для отказа",
    verify: "Проверка",
    check_code: "Код проверки",
    signed: "Документ подписан электронной цифровой подписью должностного лица",
    object_name: "Объект",
    address: "Адрес",
    cadastral_number: "Кадастровый номер",
    premises: "Помещение",
};

/// A wording in both languages, Kazakh first: `Рұқсат түрі / Вид разрешения`.
pub(super) fn both(pick: impl Fn(&Texts) -> &'static str) -> String {
    let (kk, ru) = (pick(&KK), pick(&RU));
    if kk == ru {
        kk.to_owned()
    } else {
        format!("{kk} / {ru}")
    }
}

/// The title, one line per language.
pub(super) fn title_lines(kind: DecisionKind) -> [&'static str; 2] {
    match kind {
        DecisionKind::Permit => [KK.title_permit, RU.title_permit],
        DecisionKind::Refusal => [KK.title_refusal, RU.title_refusal],
    }
}

/// The footer's page label in both languages.
pub(super) fn page(page: usize, count: usize) -> String {
    format!("Бет {page} / {count} · Страница {page} из {count}")
}

/// What the decision concerns, read from the request's form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ObjectField {
    Name,
    Address,
    CadastralNumber,
    Premises,
}

impl ObjectField {
    /// Every field, in the order printed, with the form field it is read from.
    pub const ALL: [(ObjectField, &'static str); 4] = [
        (ObjectField::Name, "object_name"),
        (ObjectField::Address, "address"),
        (ObjectField::CadastralNumber, "cadastral_number"),
        (ObjectField::Premises, "premises"),
    ];

    /// The form field it is read from.
    pub fn key(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(field, _)| *field == self)
            .map_or("", |(_, key)| key)
    }

    pub(super) fn label(self) -> String {
        match self {
            ObjectField::Name => both(|t| t.object_name),
            ObjectField::Address => both(|t| t.address),
            ObjectField::CadastralNumber => both(|t| t.cadastral_number),
            ObjectField::Premises => both(|t| t.premises),
        }
    }
}

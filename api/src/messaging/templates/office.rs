//! The emails of the back office: a role changed, next year's calendar missing.

use super::{Block, Content, Template, compose_account_status, compose_notice};
use crate::i18n::Lang;

/// The email telling a person an administrator changed their role, and why.
pub(super) fn compose_role_changed(template: &Template, lang: Lang) -> Content {
    use Block::{Para, Quote};
    let para = |kk: &str, ru: &str, en: &str| Para(lang.pick(kk, ru, en).to_owned());
    let subject = |kk: &str, ru: &str, en: &str| lang.pick(kk, ru, en).to_owned();
    match template {
        Template::RoleChanged {
            role_name,
            reason,
            link,
        } => Content {
            subject: subject(
                "Saulet-тегі рөліңіз өзгерді",
                "Ваша роль в Saulet изменена",
                "Your role in Saulet has changed",
            ),
            blocks: vec![
                Para(match lang {
                    Lang::Kk => format!(
                        "Әкімші есептік жазбаңызға жаңа рөл берді: «{}». Көрсетілген себеп:",
                        role_name.kk
                    ),
                    Lang::Ru => format!(
                        "Администратор назначил вашей учётной записи новую роль: «{}». \
                         Указанная причина:",
                        role_name.ru
                    ),
                    Lang::En => format!(
                        "An administrator gave your account a new role: “{}”. The reason given:",
                        role_name.en
                    ),
                }),
                Quote(reason.clone()),
                para(
                    "Өзгеріс бірден күшіне енді. Егер бұл қате деп есептесеңіз, басқармаға \
                     хабарласыңыз.",
                    "Изменение вступило в силу сразу. Если вы считаете это ошибкой, обратитесь \
                     в управление.",
                    "The change took effect at once. If you think it is a mistake, contact the \
                     department.",
                ),
                Block::Link(link.clone()),
            ],
        },
        _ => compose_account_status(template, lang),
    }
}

/// The administrators' warning that next year's calendar is missing.
pub(super) fn compose_calendar_missing(template: &Template, lang: Lang) -> Content {
    use Block::{Link, Para};
    let para = |kk: &str, ru: &str, en: &str| Para(lang.pick(kk, ru, en).to_owned());
    match template {
        Template::CalendarMissing { year, link } => Content {
            subject: match lang {
                Lang::Kk => format!("{year} жылдың жұмыс күнтізбесі әлі енгізілмеген"),
                Lang::Ru => format!("Производственный календарь на {year} год ещё не внесён"),
                Lang::En => format!("The working-day calendar for {year} is not in yet"),
            },
            blocks: vec![
                Para(match lang {
                    Lang::Kk => format!(
                        "{year} жылға тексерілген жұмыс күнтізбесі жоқ. Ол енгізілгенше сол жылғы \
                         мерзімдер тек заңмен бекітілген мерекелер бойынша есептеледі және алдын \
                         ала деп белгіленеді (Құрбан айт пен Үкімет қаулысымен ауыстырылған күндер \
                         ескерілмейді)."
                    ),
                    Lang::Ru => format!(
                        "На {year} год нет проверенного производственного календаря. Пока он не \
                         внесён, сроки в этом году считаются только по праздникам, установленным \
                         законом, и отмечаются как предварительные (без Курбан айта и переносов \
                         по постановлению Правительства)."
                    ),
                    Lang::En => format!(
                        "There is no verified working-day calendar for {year}. Until there is, due \
                         dates in that year are counted on the holidays fixed by law alone and are \
                         marked provisional (without Kurban Ait and the days the Government moves \
                         by decree)."
                    ),
                }),
                para(
                    "Үкімет қаулысы жарияланғаннан кейін күнтізбені мына жерде енгізіңіз:",
                    "После публикации постановления Правительства внесите календарь здесь:",
                    "Once the Government's decree is published, enter the calendar here:",
                ),
                Link(link.clone()),
            ],
        },
        _ => compose_notice(template, lang),
    }
}

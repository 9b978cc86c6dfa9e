//! The people of the demo PKI: who they are, with deterministic IINs and BINs (valid check
//! digits), before keys are made.

use super::*;

/// The people of the demo, before keys are made.
pub(super) struct Person {
    pub(super) name: &'static str,
    pub(super) description: &'static str,
    pub(super) iin: Iin,
    pub(super) bin: Option<Bin>,
    pub(super) surname: &'static str,
    pub(super) first_name: &'static str,
    pub(super) patronymic: &'static str,
    pub(super) organisation: Option<&'static str>,
    pub(super) email: &'static str,
    pub(super) roles: Vec<SignerRole>,
    pub(super) status: DevStatus,
}

pub(super) const COMPANY: &str = "«ТЕСТ ҚҰРЫЛЫС» ЖАУАПКЕРШІЛІГІ ШЕКТЕУЛІ СЕРІКТЕСТІГІ";
pub(super) const DEPARTMENT: &str =
    "«TEST АСТАНА ҚАЛАСЫНЫҢ СӘУЛЕТ ЖӘНЕ ҚАЛА ҚҰРЫЛЫСЫ БАСҚАРМАСЫ» ММ";
pub(super) const WATER: &str = "«TEST АСТАНА СУ АРНАСЫ» МКК";
pub(super) const POWER: &str = "«TEST АСТАНА-РЭК» АҚ";

pub(super) fn iin(
    name: &'static str,
    y: i32,
    m: u32,
    d: u32,
    sex: Sex,
    serial: u16,
) -> Result<Iin, DevPkiError> {
    NaiveDate::from_ymd_opt(y, m, d)
        .and_then(|birth| Iin::first_valid(birth, sex, serial))
        .ok_or(DevPkiError::Identity(name))
}

pub(super) fn people() -> Result<Vec<Person>, DevPkiError> {
    let individual = iin("individual", 1985, 3, 14, Sex::Male, 183)?;
    let person = |name, description, iin, surname, first_name, patronymic, email, status| Person {
        name,
        description,
        iin,
        bin: None,
        surname,
        first_name,
        patronymic,
        organisation: None,
        email,
        roles: vec![SignerRole::Individual],
        status,
    };
    let mut people = vec![
        person(
            "individual",
            "an individual applicant",
            individual.clone(),
            "АСАНОВ",
            "АСАН",
            "АСАНҰЛЫ",
            "asan.asanov@example.com",
            DevStatus::Valid,
        ),
        person(
            "individual-renewed",
            "the individual's renewed certificate: same IIN, new key and serial",
            individual,
            "АСАНОВ",
            "АСАН",
            "АСАНҰЛЫ",
            "asan.asanov@example.com",
            DevStatus::Valid,
        ),
        person(
            "second-individual",
            "another individual applicant (a different IIN)",
            iin("second-individual", 1995, 9, 17, Sex::Female, 640)?,
            "ЖҰМАБАЕВА",
            "ГҮЛНАР",
            "ЕРЛАНҚЫЗЫ",
            "gulnar.zhumabayeva@example.com",
            DevStatus::Valid,
        ),
        person(
            "expired",
            "an individual whose certificates have expired",
            iin("expired", 1992, 12, 5, Sex::Male, 918)?,
            "ОМАРОВ",
            "ДАНИЯР",
            "ТАЛҒАТҰЛЫ",
            "daniyar.omarov@example.com",
            DevStatus::Expired,
        ),
        person(
            "revoked",
            "an individual whose certificates are revoked (on the CRL and in the OCSP index)",
            iin("revoked", 1987, 4, 25, Sex::Female, 233)?,
            "ИСАЕВА",
            "МӘДИНА",
            "АЙДОСҚЫЗЫ",
            "madina.isayeva@example.com",
            DevStatus::Revoked,
        ),
        person(
            "untrusted",
            "certificates from a look-alike CA that is not trusted (the fake-NCALayer case)",
            iin("untrusted", 2001, 2, 14, Sex::Male, 150)?,
            "ҚАСЫМОВ",
            "ТИМУР",
            "НҰРЛАНҰЛЫ",
            "timur.kassymov@example.com",
            DevStatus::Untrusted,
        ),
    ];
    // The organisations' people come right after the first individual, as listed in the README.
    let individuals = people.split_off(1);
    people.extend(organisations_people()?);
    people.push(department_seal()?);
    people.extend(individuals);
    Ok(people)
}

/// The department's seal: an organisation key the server signs the acts the law makes with.
fn department_seal() -> Result<Person, DevPkiError> {
    let department =
        Bin::first_valid(2019, 3, 4, 0, 2001).ok_or(DevPkiError::Identity("department"))?;
    Ok(Person {
        name: "seal",
        description: "the department's seal: the server signs the acts the law makes (a deemed approval) with its SIGN key",
        iin: iin("seal", 1980, 1, 15, Sex::Male, 808)?,
        bin: Some(department),
        surname: "МӨР",
        first_name: "БАСҚАРМА",
        patronymic: "ЖҮЙЕСІ",
        organisation: Some(DEPARTMENT),
        email: "seal@example.com",
        roles: vec![SignerRole::Organization, SignerRole::CanSign],
        status: DevStatus::Valid,
    })
}

/// The people of organisations: a company's employee and head, the department's reviewer and
/// administrator, the utilities' engineers.
fn organisations_people() -> Result<Vec<Person>, DevPkiError> {
    let company = Bin::first_valid(2015, 6, 4, 0, 1234).ok_or(DevPkiError::Identity("company"))?;
    let department =
        Bin::first_valid(2019, 3, 4, 0, 2001).ok_or(DevPkiError::Identity("department"))?;
    let water = Bin::first_valid(2004, 11, 4, 0, 3101).ok_or(DevPkiError::Identity("water"))?;
    let power = Bin::first_valid(2007, 2, 4, 0, 4202).ok_or(DevPkiError::Identity("power"))?;
    let staff =
        |name, description, iin, bin: &Bin, org, surname, first_name, patronymic, email, roles| {
            Person {
                name,
                description,
                iin,
                bin: Some(bin.clone()),
                surname,
                first_name,
                patronymic,
                organisation: Some(org),
                email,
                roles,
                status: DevStatus::Valid,
            }
        };
    let mut people = vec![
        staff(
            "employee",
            "an employee of a construction company (legal-entity applicant)",
            iin("employee", 1990, 7, 22, Sex::Female, 421)?,
            &company,
            COMPANY,
            "БЕКОВА",
            "АЙГҮЛ",
            "СЕРІКҚЫЗЫ",
            "aigul.bekova@example.com",
            vec![
                SignerRole::Organization,
                SignerRole::Employee,
                SignerRole::CanSign,
            ],
        ),
        staff(
            "head",
            "the head (first head) of the same company",
            iin("head", 1978, 11, 2, Sex::Male, 77)?,
            &company,
            COMPANY,
            "ТОҚТАРОВ",
            "ЕРЛАН",
            "МАРАТҰЛЫ",
            "erlan.toktarov@example.com",
            vec![SignerRole::Organization, SignerRole::Ceo],
        ),
        staff(
            "reviewer",
            "a reviewer: staff of the architecture and urban-planning department",
            iin("reviewer", 1988, 5, 9, Sex::Female, 305)?,
            &department,
            DEPARTMENT,
            "НҰРЛАНОВА",
            "ДИНАРА",
            "ҚАЙРАТҚЫЗЫ",
            "dinara.nurlanova@example.com",
            vec![
                SignerRole::Organization,
                SignerRole::Employee,
                SignerRole::CanSign,
            ],
        ),
        staff(
            "admin",
            "an administrator: staff of the department",
            iin("admin", 1982, 1, 30, Sex::Male, 512)?,
            &department,
            DEPARTMENT,
            "СӘРСЕНБАЕВ",
            "ДӘУРЕН",
            "БОЛАТҰЛЫ",
            "dauren.sarsenbayev@example.com",
            vec![SignerRole::Organization, SignerRole::Employee],
        ),
        staff(
            "water-engineer",
            "staff of the water utility, a service subject that approves technical conditions",
            iin("water-engineer", 1986, 8, 19, Sex::Male, 611)?,
            &water,
            WATER,
            "ЖАҚСЫЛЫҚОВ",
            "БАУЫРЖАН",
            "ӘЛІҰЛЫ",
            "baurzhan.zhaksylykov@example.com",
            vec![
                SignerRole::Organization,
                SignerRole::Employee,
                SignerRole::CanSign,
            ],
        ),
        staff(
            "power-engineer",
            "staff of the power utility, a service subject that approves technical conditions",
            iin("power-engineer", 1991, 4, 3, Sex::Female, 702)?,
            &power,
            POWER,
            "СЕЙІТОВА",
            "ЖАНАР",
            "НҰРБЕКҚЫЗЫ",
            "zhanar.seitova@example.com",
            vec![
                SignerRole::Organization,
                SignerRole::Employee,
                SignerRole::CanSign,
            ],
        ),
    ];
    people.push(lead(&department)?);
    Ok(people)
}

/// The review team's lead: another reviewer of the department, who shares out the work.
fn lead(department: &Bin) -> Result<Person, DevPkiError> {
    Ok(Person {
        name: "lead",
        description: "the review team's lead: another reviewer of the department, who shares out the work",
        iin: iin("lead", 1979, 10, 3, Sex::Male, 708)?,
        bin: Some(department.clone()),
        surname: "ҚАСЫМОВ",
        first_name: "ТИМУР",
        patronymic: "АЙБЕКҰЛЫ",
        organisation: Some(DEPARTMENT),
        email: "timur.kassymov@example.com",
        roles: vec![
            SignerRole::Organization,
            SignerRole::Employee,
            SignerRole::CanSign,
        ],
        status: DevStatus::Valid,
    })
}

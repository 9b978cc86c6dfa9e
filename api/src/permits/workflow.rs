//! The one state machine of a permit request (docs/permits.md has the diagram). Every change of
//! status goes through [`next`]; a step the machine does not allow is a 409 `illegal-transition`,
//! whoever asks.
//!
//! ```text
//! draft ─submit→ submitted ─accept→ in_review ─approve→ approved ─issue→ issued
//!                  │  └─return→ returned      │  └─preliminary-refusal→ preliminary_refusal ─refuse→ refused
//!                  └─request-corrections→ corrections_requested ←┘          (objection → approve)
//!                              └─submit (a new signed version)→ in_review, or submitted if never accepted
//! draft | submitted | in_review | corrections_requested | preliminary_refusal ─withdraw→ withdrawn
//! ```

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    EnumIter,
    DeriveActiveEnum,
    Serialize,
    Deserialize,
    ToSchema,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Being prepared by the applicant; invisible to staff.
    #[sea_orm(string_value = "draft")]
    Draft,
    /// Signed and registered; the completeness check runs.
    #[sea_orm(string_value = "submitted")]
    Submitted,
    /// Accepted into review; approvals from other organisations run in parallel.
    #[sea_orm(string_value = "in_review")]
    InReview,
    /// Waiting on the applicant's corrections; the clock stands still.
    #[sea_orm(string_value = "corrections_requested")]
    CorrectionsRequested,
    /// A refusal announced with its grounds; the applicant may object before it becomes final.
    #[sea_orm(string_value = "preliminary_refusal")]
    PreliminaryRefusal,
    #[sea_orm(string_value = "approved")]
    Approved,
    /// The permit is issued: a signed PDF with a QR code to the public verify page.
    #[sea_orm(string_value = "issued")]
    Issued,
    /// Refused with grounds: a signed reasoned refusal.
    #[sea_orm(string_value = "refused")]
    Refused,
    /// Returned at the completeness check without review.
    #[sea_orm(string_value = "returned")]
    Returned,
    #[sea_orm(string_value = "withdrawn")]
    Withdrawn,
}

impl Status {
    pub const ALL: [Status; 10] = [
        Status::Draft,
        Status::Submitted,
        Status::InReview,
        Status::CorrectionsRequested,
        Status::PreliminaryRefusal,
        Status::Approved,
        Status::Issued,
        Status::Refused,
        Status::Returned,
        Status::Withdrawn,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Submitted => "submitted",
            Status::InReview => "in_review",
            Status::CorrectionsRequested => "corrections_requested",
            Status::PreliminaryRefusal => "preliminary_refusal",
            Status::Approved => "approved",
            Status::Issued => "issued",
            Status::Refused => "refused",
            Status::Returned => "returned",
            Status::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(name: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.as_str() == name)
    }

    /// The status's name in each language, for notices and documents.
    pub fn name(self) -> crate::i18n::Localized {
        let (kk, ru, en) = match self {
            Status::Draft => ("Жоба", "Черновик", "Draft"),
            Status::Submitted => ("Тіркелді", "Зарегистрирована", "Submitted"),
            Status::InReview => ("Қаралуда", "На рассмотрении", "In review"),
            Status::CorrectionsRequested => (
                "Түзетуге қайтарылды",
                "Возвращена на доработку",
                "Corrections requested",
            ),
            Status::PreliminaryRefusal => (
                "Алдын ала бас тарту",
                "Предварительный отказ",
                "Preliminary refusal",
            ),
            Status::Approved => ("Мақұлданды", "Одобрена", "Approved"),
            Status::Issued => ("Рұқсат берілді", "Разрешение выдано", "Permit issued"),
            Status::Refused => ("Бас тартылды", "Отказано", "Refused"),
            Status::Returned => (
                "Қараусыз қайтарылды",
                "Возвращена без рассмотрения",
                "Returned without review",
            ),
            Status::Withdrawn => ("Кері қайтарып алынды", "Отозвана", "Withdrawn"),
        };
        crate::i18n::Localized {
            kk: kk.into(),
            ru: ru.into(),
            en: en.into(),
        }
    }

    /// Decided or abandoned: nothing more happens.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            Status::Issued | Status::Refused | Status::Returned | Status::Withdrawn
        )
    }

    /// The ball is in the applicant's court: the review clock stands still.
    pub fn waits_on_applicant(self) -> bool {
        matches!(
            self,
            Status::CorrectionsRequested | Status::PreliminaryRefusal
        )
    }

    /// Submitted and not yet decided: an obligation in progress (the consent legal hold).
    pub fn is_open(self) -> bool {
        !self.is_final() && self != Status::Draft
    }

    /// Documents may be added or removed (the draft, and answering corrections).
    pub fn is_editable(self) -> bool {
        matches!(self, Status::Draft | Status::CorrectionsRequested)
    }
}

/// What someone asks to do to a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// The applicant signs and submits (first time or after corrections).
    Submit,
    Accept,
    Return,
    RequestCorrections,
    PreliminaryRefusal,
    Approve,
    Issue,
    Refuse,
    Withdraw,
}

impl Action {
    pub fn name(self) -> &'static str {
        match self {
            Action::Submit => "submit",
            Action::Accept => "accept",
            Action::Return => "return",
            Action::RequestCorrections => "request_corrections",
            Action::PreliminaryRefusal => "preliminary_refusal",
            Action::Approve => "approve",
            Action::Issue => "issue",
            Action::Refuse => "refuse",
            Action::Withdraw => "withdraw",
        }
    }
}

/// A step the machine does not allow from this status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a request that is {} cannot be {}", .from.as_str(), verb(*.action))]
pub struct Illegal {
    pub from: Status,
    pub action: Action,
}

fn verb(action: Action) -> &'static str {
    match action {
        Action::Submit => "submitted",
        Action::Accept => "accepted into review",
        Action::Return => "returned",
        Action::RequestCorrections => "sent back for corrections",
        Action::PreliminaryRefusal => "preliminarily refused",
        Action::Approve => "approved",
        Action::Issue => "issued",
        Action::Refuse => "refused",
        Action::Withdraw => "withdrawn",
    }
}

/// The status after `action`, or why not. `accepted` says whether the request was ever accepted
/// into review, which decides where a resubmission goes.
pub fn next(from: Status, action: Action, accepted: bool) -> Result<Status, Illegal> {
    use Action as A;
    use Status as S;
    let to = match (from, action) {
        (S::Draft, A::Submit) => S::Submitted,
        (S::CorrectionsRequested, A::Submit) if accepted => S::InReview,
        (S::CorrectionsRequested, A::Submit) => S::Submitted,
        (S::Submitted, A::Accept) => S::InReview,
        (S::Submitted, A::Return) => S::Returned,
        (S::Submitted | S::InReview, A::RequestCorrections) => S::CorrectionsRequested,
        (S::InReview, A::PreliminaryRefusal) => S::PreliminaryRefusal,
        (S::InReview | S::PreliminaryRefusal, A::Approve) => S::Approved,
        (S::Approved, A::Issue) => S::Issued,
        (S::PreliminaryRefusal, A::Refuse) => S::Refused,
        (
            S::Draft | S::Submitted | S::InReview | S::CorrectionsRequested | S::PreliminaryRefusal,
            A::Withdraw,
        ) => S::Withdrawn,
        _ => return Err(Illegal { from, action }),
    };
    Ok(to)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ACTIONS: [Action; 9] = [
        Action::Submit,
        Action::Accept,
        Action::Return,
        Action::RequestCorrections,
        Action::PreliminaryRefusal,
        Action::Approve,
        Action::Issue,
        Action::Refuse,
        Action::Withdraw,
    ];

    #[test]
    fn the_happy_path_reaches_issued() {
        let mut status = Status::Draft;
        for action in [
            Action::Submit,
            Action::Accept,
            Action::Approve,
            Action::Issue,
        ] {
            status = next(status, action, true).expect("allowed");
        }
        assert_eq!(status, Status::Issued);
    }

    #[test]
    fn a_resubmission_returns_to_where_the_request_was() {
        assert_eq!(
            next(Status::CorrectionsRequested, Action::Submit, true),
            Ok(Status::InReview)
        );
        assert_eq!(
            next(Status::CorrectionsRequested, Action::Submit, false),
            Ok(Status::Submitted)
        );
    }

    #[test]
    fn a_refusal_is_preliminary_first() {
        assert!(next(Status::InReview, Action::Refuse, true).is_err());
        let pending = next(Status::InReview, Action::PreliminaryRefusal, true).expect("allowed");
        assert_eq!(next(pending, Action::Refuse, true), Ok(Status::Refused));
    }

    #[test]
    fn nothing_moves_a_final_request() {
        for from in Status::ALL.into_iter().filter(|s| s.is_final()) {
            for action in ACTIONS {
                assert!(next(from, action, true).is_err(), "{from:?} {action:?}");
            }
        }
    }

    #[test]
    fn withdrawal_is_possible_only_before_a_decision() {
        for from in Status::ALL {
            let allowed = next(from, Action::Withdraw, true).is_ok();
            assert_eq!(
                allowed,
                !from.is_final() && from != Status::Approved,
                "{from:?}"
            );
        }
    }

    #[test]
    fn statuses_round_trip_through_their_names() {
        for status in Status::ALL {
            assert_eq!(Status::parse(status.as_str()), Some(status));
        }
        let illegal = Illegal {
            from: Status::Issued,
            action: Action::Withdraw,
        };
        assert_eq!(
            illegal.to_string(),
            "a request that is issued cannot be withdrawn"
        );
    }

    /// Every step the machine allows; any other (status, action) pair is illegal.
    fn allowed(from: Status, action: Action, accepted: bool) -> Option<Status> {
        use Action as A;
        use Status as S;
        let table = [
            (S::Draft, A::Submit, S::Submitted),
            (S::Submitted, A::Accept, S::InReview),
            (S::Submitted, A::Return, S::Returned),
            (S::Submitted, A::RequestCorrections, S::CorrectionsRequested),
            (S::InReview, A::RequestCorrections, S::CorrectionsRequested),
            (S::InReview, A::PreliminaryRefusal, S::PreliminaryRefusal),
            (S::InReview, A::Approve, S::Approved),
            (S::PreliminaryRefusal, A::Approve, S::Approved),
            (S::PreliminaryRefusal, A::Refuse, S::Refused),
            (S::Approved, A::Issue, S::Issued),
            (S::Draft, A::Withdraw, S::Withdrawn),
            (S::Submitted, A::Withdraw, S::Withdrawn),
            (S::InReview, A::Withdraw, S::Withdrawn),
            (S::CorrectionsRequested, A::Withdraw, S::Withdrawn),
            (S::PreliminaryRefusal, A::Withdraw, S::Withdrawn),
        ];
        if (from, action) == (S::CorrectionsRequested, A::Submit) {
            // A resubmission goes back to where the request was.
            return Some(if accepted { S::InReview } else { S::Submitted });
        }
        table
            .iter()
            .find(|(f, a, _)| *f == from && *a == action)
            .map(|(_, _, to)| *to)
    }

    #[test]
    fn the_machine_allows_exactly_its_table() {
        for from in Status::ALL {
            for action in ACTIONS {
                for accepted in [false, true] {
                    let got = next(from, action, accepted).ok();
                    assert_eq!(
                        got,
                        allowed(from, action, accepted),
                        "{from:?} {action:?} accepted={accepted}"
                    );
                }
            }
        }
    }
}

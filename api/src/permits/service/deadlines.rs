//! Deadlines: the department's calendar day, due dates counted in working days from
//! the submission, the clock that stands still while the request waits on the applicant, the
//! overdue flag, and the reminders to assignees.

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use sea_orm::{
    ColumnTrait, Condition, EntityTrait, QueryFilter, Set, TransactionTrait, sea_query::Expr,
};

use super::load_calendar;
use crate::permits::{
    calendar::Calendar, catalogue::Definition, entity::request, workflow::Status,
};
use crate::{
    accounts::entity::account,
    error::ApiError,
    notifications::{
        event::Event,
        service::{Recipient, notify},
    },
    permits::PermitsCtx,
};

/// The department's calendar day at `now`.
pub fn local_day(state: &PermitsCtx, now: DateTime<Utc>) -> NaiveDate {
    let offset = FixedOffset::east_opt(state.settings.utc_offset_hours * 3600)
        .unwrap_or_else(|| FixedOffset::east_opt(0).expect("UTC is a valid offset"));
    now.with_timezone(&offset).date_naive()
}

/// The instant an approving organisation's period of `days` working days, opened at `now`, ends:
/// the start of the department's next calendar day (UTC + `utc_offset_hours`) after the period's
/// last working day (the opening day is not counted).
pub(super) fn approval_period_end(
    calendar: &Calendar,
    utc_offset_hours: i32,
    now: DateTime<Utc>,
    days: u32,
) -> DateTime<Utc> {
    let offset = FixedOffset::east_opt(utc_offset_hours * 3600)
        .unwrap_or_else(|| FixedOffset::east_opt(0).expect("UTC is a valid offset"));
    let last = calendar.add_working_days(now.with_timezone(&offset).date_naive(), days);
    let next = last.succ_opt().unwrap_or(last);
    next.and_time(chrono::NaiveTime::MIN)
        .and_local_timezone(offset)
        .single()
        .map_or(now, |at| at.with_timezone(&Utc))
}

/// Past due while in the staff's court.
pub(super) fn is_overdue(r: &request::Model, today: NaiveDate) -> bool {
    overdue(r.status, r.intake_due, r.due_on, today)
}

pub(super) fn overdue(
    status: Status,
    intake_due: Option<NaiveDate>,
    due_on: Option<NaiveDate>,
    today: NaiveDate,
) -> bool {
    match status {
        Status::Submitted => intake_due.is_some_and(|d| d < today),
        Status::InReview | Status::Approved => due_on.is_some_and(|d| d < today),
        _ => false,
    }
}

/// A request's two due dates: the completeness check's last day and the review's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct DueDates {
    pub intake_due: Option<NaiveDate>,
    pub due_on: Option<NaiveDate>,
}

impl DueDates {
    /// Sets both columns of `row`.
    pub(super) fn write_to(self, row: &mut request::ActiveModel) {
        row.intake_due = Set(self.intake_due);
        row.due_on = Set(self.due_on);
    }
}

/// The due dates of a first submission registered on `today`: the type's intake and review
/// periods, counted in working days from the next working day after it.
pub(super) fn first_due_dates(
    calendar: &Calendar,
    today: NaiveDate,
    definition: &Definition,
) -> DueDates {
    DueDates {
        intake_due: Some(calendar.add_working_days(today, definition.intake_days)),
        due_on: Some(calendar.add_working_days(today, definition.review_days)),
    }
}

/// The due dates after a pause ends today: moved on by the working days the clock stood still
/// (none if it was not paused).
pub(super) fn resume_clock(
    r: &request::Model,
    calendar: &Calendar,
    today: NaiveDate,
    state: &PermitsCtx,
) -> DueDates {
    let Some(paused_at) = r.paused_at else {
        return DueDates {
            intake_due: r.intake_due,
            due_on: r.due_on,
        };
    };
    let paused_day = local_day(state, paused_at);
    let stood = calendar.working_days_between(paused_day, today);
    let shift = |d: Option<NaiveDate>| d.map(|d| calendar.add_working_days(d, stood));
    DueDates {
        intake_due: shift(r.intake_due),
        due_on: shift(r.due_on),
    }
}

/// Tells each assignee of a request due on the next working day (or today) once per due date.
pub async fn send_deadline_reminders(state: &PermitsCtx) -> Result<usize, ApiError> {
    let now = state.core.clock.now();
    let today = local_day(state, now);
    let calendar = load_calendar(&state.core.db).await?;
    let horizon = calendar.add_working_days(today, 1);
    let due = request::Entity::find()
        .filter(request::Column::Status.is_in([
            Status::InReview,
            Status::Approved,
            Status::Submitted,
        ]))
        .filter(request::Column::AssigneeId.is_not_null())
        .filter(request::Column::DueOn.gte(today))
        .filter(request::Column::DueOn.lte(horizon))
        .all(&state.core.db)
        .await?;
    let mut sent = 0;
    for r in due {
        if r.reminded_for == r.due_on {
            continue;
        }
        let (Some(assignee), Some(due_on)) = (r.assignee_id, r.due_on) else {
            continue;
        };
        let Some(staff) = account::Entity::find_by_id(assignee)
            .one(&state.core.db)
            .await?
        else {
            continue;
        };
        let txn = state.core.db.begin().await?;
        let marked = request::Entity::update_many()
            .col_expr(request::Column::RemindedFor, Expr::value(Some(due_on)))
            .filter(request::Column::Id.eq(r.id))
            .filter(
                Condition::any()
                    .add(request::Column::RemindedFor.is_null())
                    .add(request::Column::RemindedFor.ne(due_on)),
            )
            .exec(&txn)
            .await?;
        if marked.rows_affected == 1 {
            notify(
                &txn,
                &state.notifier(),
                &Recipient::from(&staff),
                Event::PermitDeadline {
                    request_id: r.id,
                    number: r.number.clone(),
                    title: r.title.clone(),
                    due_on,
                },
            )
            .await?;
            sent += 1;
        }
        txn.commit().await?;
    }
    Ok(sent)
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, TimeZone, Utc};

    use super::approval_period_end;
    use crate::permits::calendar::{Calendar, CalendarDay, DayKind, Names};

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a date")
    }

    #[test]
    fn an_approval_period_ends_at_the_department_midnight_after_its_last_working_day() {
        // A calendar of plain weeks, with Wednesday 2031-01-08 a holiday.
        let calendar = Calendar::new([CalendarDay {
            date: day(2031, 1, 8),
            kind: DayKind::Holiday,
            name: Names {
                kk: "Мереке".into(),
                ru: "Праздник".into(),
                en: "Holiday".into(),
            },
        }]);
        // Opened on Friday 2031-01-03 at 23:30 in Astana (18:30 UTC): the opening day does not
        // count; three working days are Mon 6, Tue 7 and Thu 9 (Wed 8 is a holiday).
        let opened = Utc
            .with_ymd_and_hms(2031, 1, 3, 18, 30, 0)
            .single()
            .expect("an instant");
        let ends = approval_period_end(&calendar, 5, opened, 3);
        // The department's midnight of Friday 10 January: 19:00 UTC on Thursday 9.
        assert_eq!(
            ends,
            Utc.with_ymd_and_hms(2031, 1, 9, 19, 0, 0)
                .single()
                .expect("an instant")
        );
        // Half an hour later it is already Saturday 4 January in Astana: the count starts from it.
        let later = Utc
            .with_ymd_and_hms(2031, 1, 3, 19, 30, 0)
            .single()
            .expect("an instant");
        assert_eq!(approval_period_end(&calendar, 5, later, 3), ends);
        let a_day_later = opened + chrono::Duration::days(3);
        assert_eq!(
            approval_period_end(&calendar, 5, a_day_later, 3),
            Utc.with_ymd_and_hms(2031, 1, 10, 19, 0, 0)
                .single()
                .expect("an instant"),
            "opened Monday 6: Tue 7, Thu 9, Fri 10"
        );
    }
}

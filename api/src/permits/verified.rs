//! The public verification's checks, remembered. Checking a decision means reading its PDF from
//! the store, hashing it and verifying the CMS signature over the hash: most of the CPU of
//! `GET /permits/{number}/verify`. A check that held is remembered for the decision, with
//! everything it depended on, and reused only while all of it is unchanged:
//! - the PDF's hash and the signature, as the decision row holds them;
//! - the stored object's version (size, ETag, time of writing): a rewritten file is checked again.
//!   The version is asked of the store on every verification, except that a bucket's answer
//!   stands for [`crate::permits::storage::S3_VERSION_RECHECK`] (asking is a request to the store;
//!   the local folder's `stat` is asked every time);
//! - the set of CRLs in force ([`crate::eds::EdsVerifier::revocation_epoch`]): a new CRL is
//!   applied at once;
//! - and at most [`REMEMBER_FOR`] in any case.
//!
//! Whether the decision is in force is never remembered: each verification reads the request's
//! status, so a revocation shows at once. A check that failed is not remembered either.

use std::time::{Duration, Instant};

use uuid::Uuid;

/// The longest a check is reused, whatever else holds.
pub const REMEMBER_FOR: Duration = Duration::from_secs(300);

/// How many decisions are remembered (the least used are forgotten first).
const CAPACITY: usize = 10_000;

/// What a check of a decision depended on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedAgainst {
    pub pdf_sha256: String,
    pub signature_sha256: [u8; 32],
    pub stored_version: String,
    pub revocation_epoch: u64,
}

/// A check that held: what it depended on, when it was made, and when the store last confirmed
/// the file's version.
#[derive(Clone)]
struct Held {
    against: CheckedAgainst,
    checked: Instant,
    confirmed: Instant,
}

/// Decisions whose check held, by decision id.
pub struct VerifiedDecisions {
    held: quick_cache::sync::Cache<Uuid, Held>,
}

impl Default for VerifiedDecisions {
    fn default() -> Self {
        Self {
            held: quick_cache::sync::Cache::new(CAPACITY),
        }
    }
}

impl VerifiedDecisions {
    /// Whether a check of `decision` against exactly `against` held within [`REMEMBER_FOR`]; the
    /// store has just confirmed the version in `against`.
    pub fn holds(&self, decision: Uuid, against: &CheckedAgainst) -> bool {
        let Some(mut held) = self.held.get(&decision) else {
            return false;
        };
        if held.against != *against || held.checked.elapsed() >= REMEMBER_FOR {
            return false;
        }
        held.confirmed = Instant::now();
        self.held.insert(decision, held);
        true
    }

    /// Whether a check of `decision` holds without asking the store for the file's version: the
    /// hash, the signature and the CRL set are those it was made with, it is within
    /// [`REMEMBER_FOR`], and the store confirmed the version within `recheck`.
    pub fn holds_unasked(
        &self,
        decision: Uuid,
        pdf_sha256: &str,
        signature_sha256: &[u8; 32],
        revocation_epoch: u64,
        recheck: Duration,
    ) -> bool {
        self.held.get(&decision).is_some_and(|held| {
            held.against.pdf_sha256 == pdf_sha256
                && held.against.signature_sha256 == *signature_sha256
                && held.against.revocation_epoch == revocation_epoch
                && held.checked.elapsed() < REMEMBER_FOR
                && held.confirmed.elapsed() < recheck
        })
    }

    /// Remembers that a check of `decision` against `against` held.
    pub fn remember(&self, decision: Uuid, against: CheckedAgainst) {
        let now = Instant::now();
        self.held.insert(
            decision,
            Held {
                against,
                checked: now,
                confirmed: now,
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn against(version: &str, epoch: u64) -> CheckedAgainst {
        CheckedAgainst {
            pdf_sha256: "ab".repeat(32),
            signature_sha256: [7; 32],
            stored_version: version.into(),
            revocation_epoch: epoch,
        }
    }

    #[test]
    fn a_check_is_reused_only_while_everything_it_depended_on_is_unchanged() {
        let verified = VerifiedDecisions::default();
        let (decision, other) = (Uuid::now_v7(), Uuid::now_v7());
        assert!(!verified.holds(decision, &against("1", 0)), "nothing yet");
        verified.remember(decision, against("1", 0));
        assert!(verified.holds(decision, &against("1", 0)));
        assert!(!verified.holds(other, &against("1", 0)), "another decision");
        assert!(
            !verified.holds(decision, &against("2", 0)),
            "the file was rewritten"
        );
        assert!(!verified.holds(decision, &against("1", 1)), "a new CRL set");
        let mut signature = against("1", 0);
        signature.signature_sha256 = [8; 32];
        assert!(!verified.holds(decision, &signature), "another signature");
    }

    #[test]
    fn the_stores_answer_stands_only_within_the_recheck_window() {
        let verified = VerifiedDecisions::default();
        let decision = Uuid::now_v7();
        let hash = "ab".repeat(32);
        let unasked =
            |recheck, epoch| verified.holds_unasked(decision, &hash, &[7; 32], epoch, recheck);
        assert!(!unasked(Duration::from_secs(60), 0), "nothing yet");
        verified.remember(decision, against("1", 0));
        assert!(unasked(Duration::from_secs(60), 0), "confirmed just now");
        assert!(
            !unasked(Duration::ZERO, 0),
            "the local folder is asked every time"
        );
        assert!(!unasked(Duration::from_secs(60), 1), "a new CRL set");
        assert!(
            !verified.holds_unasked(decision, &hash, &[8; 32], 0, Duration::from_secs(60)),
            "another signature"
        );
        assert!(
            !verified.holds_unasked(
                decision,
                &"cd".repeat(32),
                &[7; 32],
                0,
                Duration::from_secs(60)
            ),
            "another file"
        );
        std::thread::sleep(Duration::from_millis(30));
        assert!(
            !unasked(Duration::from_millis(20), 0),
            "the store's answer is older than the window"
        );
        assert!(
            verified.holds(decision, &against("1", 0)),
            "the store confirms"
        );
        assert!(
            unasked(Duration::from_secs(60), 0),
            "and its answer stands again"
        );
    }
}

//! The public verification's checks, remembered. Checking a decision means reading its PDF from
//! the store, hashing it and verifying the CMS signature over the hash: most of the CPU of
//! `GET /permits/{number}/verify`. A check that held is remembered for the decision, with
//! everything it depended on, and reused only while all of it is unchanged:
//! - the PDF's hash and the signature, as the decision row holds them;
//! - the stored object's version (size, ETag, time of writing): a rewritten file is checked again;
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

/// Decisions whose check held, by decision id.
pub struct VerifiedDecisions {
    held: quick_cache::sync::Cache<Uuid, (CheckedAgainst, Instant)>,
}

impl Default for VerifiedDecisions {
    fn default() -> Self {
        Self {
            held: quick_cache::sync::Cache::new(CAPACITY),
        }
    }
}

impl VerifiedDecisions {
    /// Whether a check of `decision` against exactly `against` held within [`REMEMBER_FOR`].
    pub fn holds(&self, decision: Uuid, against: &CheckedAgainst) -> bool {
        self.held
            .get(&decision)
            .is_some_and(|(kept, at)| kept == *against && at.elapsed() < REMEMBER_FOR)
    }

    /// Remembers that a check of `decision` against `against` held.
    pub fn remember(&self, decision: Uuid, against: CheckedAgainst) {
        self.held.insert(decision, (against, Instant::now()));
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
}

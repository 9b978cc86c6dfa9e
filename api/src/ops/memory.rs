//! Giving freed heap memory back to the operating system.
//!
//! glibc's allocator keeps what a program frees inside its heaps for reuse and returns to the
//! kernel only the free space at the very top of each heap. Start-up frees a lot in the middle:
//! the migrations, the OpenAPI document and the route tables leave about 10 MiB of free but
//! resident pages behind (docs/benchmarks.md), and a burst of load does the same. A trimmer task
//! calls `malloc_trim(0)` a few seconds after start-up, when every worker has built its routes,
//! and then every `server.memory_trim_interval_secs`: each whole free page goes back to the
//! kernel, so the resident size follows what the server holds, not what it once held. Nothing
//! is moved or copied; the next allocation that needs such a page simply faults a fresh one in.
//!
//! Other allocators (musl, or a platform without glibc) have no such call; there the trimmer
//! does nothing.

use std::time::Duration;

use tokio_util::sync::CancellationToken;

/// How long after start-up the first trim runs: the actix workers build their apps (route
/// regexes, the Swagger UI) in their own threads just after the server starts.
const FIRST_TRIM_AFTER: Duration = Duration::from_secs(3);

/// Returns every whole free page of every allocator arena to the kernel. Returns whether the
/// allocator released anything.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[expect(unsafe_code, reason = "glibc's malloc_trim has no safe binding")]
pub fn trim() -> bool {
    // SAFETY: `malloc_trim` takes no pointers and only walks glibc's own arenas, each under that
    // arena's lock, so it may run at any time from any thread.
    unsafe { libc::malloc_trim(0) == 1 }
}

/// Where the allocator has no such call: nothing to do.
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn trim() -> bool {
    false
}

/// Trims [`FIRST_TRIM_AFTER`] after start-up and then every `interval`, until `shutdown`.
/// A zero interval turns the trimmer off.
pub fn spawn_trimmer(
    interval: Duration,
    shutdown: CancellationToken,
) -> Option<tokio::task::JoinHandle<()>> {
    if interval.is_zero() {
        return None;
    }
    Some(tokio::spawn(async move {
        let mut wait = FIRST_TRIM_AFTER;
        loop {
            tokio::select! {
                () = shutdown.cancelled() => break,
                () = tokio::time::sleep(wait) => {}
            }
            // A trim walks every arena: a few milliseconds, kept off the async workers.
            let _ = tokio::task::spawn_blocking(trim).await;
            wait = interval;
        }
    }))
}

#[cfg(all(test, target_os = "linux", target_env = "gnu"))]
mod tests {
    use super::*;

    fn resident_anonymous_kib() -> u64 {
        std::fs::read_to_string("/proc/self/status")
            .expect("/proc/self/status")
            .lines()
            .find_map(|line| line.strip_prefix("RssAnon:"))
            .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
            .expect("RssAnon")
    }

    #[test]
    fn freed_memory_in_the_middle_of_a_heap_goes_back_to_the_kernel() {
        // 64 MiB in 16 KiB pieces (below the size glibc maps separately), all touched, then all
        // freed but the last one, which keeps the heap's top in place: without a trim the
        // freed pages would stay resident.
        const PIECE: usize = 16 * 1024;
        let mut pieces: Vec<Vec<u8>> = (0..4096).map(|_| vec![7u8; PIECE]).collect();
        let last = pieces.pop().expect("a piece");
        drop(pieces);
        let before = resident_anonymous_kib();
        assert!(trim(), "the allocator released pages");
        let after = resident_anonymous_kib();
        assert!(
            before.saturating_sub(after) >= 32 * 1024,
            "at least half of the 64 MiB freed left the resident set: {before} → {after} KiB"
        );
        assert!(
            last.iter().all(|&b| b == 7),
            "what is still held is untouched"
        );
    }

    #[tokio::test]
    async fn a_zero_interval_turns_the_trimmer_off_and_shutdown_ends_it() {
        assert!(spawn_trimmer(Duration::ZERO, CancellationToken::new()).is_none());
        let shutdown = CancellationToken::new();
        let trimmer = spawn_trimmer(Duration::from_secs(60), shutdown.clone()).expect("a trimmer");
        shutdown.cancel();
        tokio::time::timeout(Duration::from_secs(5), trimmer)
            .await
            .expect("ends on shutdown")
            .expect("no panic");
    }
}

//! How far long work has got, and whether it should stop: shared between the thread doing
//! the work (a consolidation of many units, an import, reading a large register) and the
//! window showing a progress bar with 取消. Plain atomics: no lock, no global state.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

/// Progress of one piece of work, and the request to stop it.
#[derive(Debug, Default)]
pub struct Progress {
    done: AtomicU64,
    total: AtomicU64,
    cancelled: AtomicBool,
}

impl Progress {
    /// How many steps the work has (0 while unknown).
    pub fn set_total(&self, total: u64) {
        self.total.store(total, Ordering::Relaxed);
    }

    /// One more step done.
    pub fn advance(&self) {
        self.done.fetch_add(1, Ordering::Relaxed);
    }

    /// (steps done, steps in all); in all is 0 while unknown.
    pub fn counts(&self) -> (u64, u64) {
        (
            self.done.load(Ordering::Relaxed),
            self.total.load(Ordering::Relaxed),
        )
    }

    /// The share done, when the number of steps is known.
    #[expect(
        clippy::cast_precision_loss,
        reason = "a progress bar's fraction: counts far below 2^52"
    )]
    pub fn fraction(&self) -> Option<f32> {
        let (done, total) = self.counts();
        (total > 0).then(|| (done.min(total) as f64 / total as f64) as f32)
    }

    /// Asks the work to stop at its next step.
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }

    /// Whether the work was asked to stop.
    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Relaxed)
    }
}

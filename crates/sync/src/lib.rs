//! The sync engine of First Contact (docs/protocol.md): enrolling with a Center, delivering the
//! outbox exactly once (at-least-once sending, idempotent ids, frozen bytes, nothing removed
//! before a verified receipt), reading the decision feed and the signed publications. HTTP is
//! behind [`http::CenterApi`]; the device's store behind [`local::LocalStore`].

pub mod backoff;
pub mod cycle;
pub mod engine;
pub mod enroll;
pub mod error;
pub mod http;
pub mod local;
pub mod plan;
pub mod tls;

pub use cycle::{Decision, LoopState, NextWake, Outcome, Unlinked};
pub use engine::{
    attempt, pass, spawn, Attempt, Failure, Link, LoopSettings, PassReport, Progress, SyncHandle,
    SyncPhase, SyncSource, SyncStatus, Target,
};
pub use enroll::{enroll, prove, Enrollment, ProvenCenter};
pub use error::{SyncError, SyncProblem};
pub use http::{CenterApi, HttpCenter, Timeouts};
pub use local::{LocalStore, PendingEnvelope, VerifiedBatch, VerifiedDecision};

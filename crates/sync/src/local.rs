//! What the engine needs from the device's own store, as a trait the app implements over its
//! encrypted field store (the engine never sees the store itself).

use first_contact_protocol::api::delivery::Receipt;
use first_contact_protocol::api::feedback::Decision;
use first_contact_protocol::api::frame::FramedItem;
use first_contact_protocol::api::publication::{Publication, PublicationKind};
use first_contact_protocol::SignedDocument;

use crate::error::SyncError;

/// An envelope waiting in the outbox: the item as it goes on the wire (its outside metadata
/// and frozen bytes), and the age recipient it was sealed to, which the wire carries once per
/// batch instead ('' if the store did not record it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingEnvelope {
    pub item: FramedItem,
    pub recipient: String,
}

/// A batch receipt that verified, and the receipts of the items it accepted. `signed` is kept
/// whole (once per batch): it is what proves each of `receipts`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedBatch {
    pub signed: SignedDocument,
    pub receipts: Vec<Receipt>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedDecision {
    pub decision: Decision,
    pub signed: SignedDocument,
}

pub trait LocalStore: Send + Sync {
    /// Outbox items to send, in order, skipping those set aside; at most `limit`.
    fn pending(&self, limit: usize) -> Result<Vec<PendingEnvelope>, SyncError>;
    /// How many items are waiting to be sent (not set aside).
    fn pending_count(&self) -> Result<usize, SyncError>;
    /// Stores a batch receipt and its items' receipts and removes those items from the outbox,
    /// atomically.
    fn record_receipts(&self, batch: &VerifiedBatch) -> Result<(), SyncError>;
    /// Keeps an item the Center refused (a conflict, say) but stops sending it, with the reason.
    fn set_aside(&self, id: &str, code: &str, message: &str) -> Result<(), SyncError>;
    /// Counts one more failed attempt for these items.
    fn record_failed_attempt(&self, ids: &[String], problem: &str) -> Result<(), SyncError>;
    fn decision_cursor(&self) -> Result<i64, SyncError>;
    /// Stores decisions and the new cursor, atomically.
    fn record_decisions(
        &self,
        decisions: &[VerifiedDecision],
        cursor: i64,
    ) -> Result<(), SyncError>;
    fn publication_version(&self, kind: PublicationKind) -> Result<Option<String>, SyncError>;
    fn record_publication(
        &self,
        publication: &Publication,
        signed: &SignedDocument,
    ) -> Result<(), SyncError>;
}

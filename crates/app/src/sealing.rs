//! Sealing an item for the Center, once for both kinds (a referral, a request to reconsider a
//! decision): the envelope sealed to the Center's key, and the two records it is queued as,
//! the status the laptop keeps and the frozen bytes the sync engine sends. Where they are
//! written differs (finalising also deletes the draft), so the caller writes them.

use first_contact_domain::referral::{JourneyState, Urgency};
use first_contact_domain::AgePathKind;
use first_contact_protocol::{reference_for, seal, CenterKey, EnvelopeMeta};
use first_contact_store::outbox::{QueuedEnvelope, StatusRecord};
use serde::Serialize;

use crate::error::AppError;

/// What is known of the item besides its envelope: what the Outbox shows of it, and, for a
/// request, the referral it is about.
pub(crate) struct Described {
    pub urgency: Urgency,
    pub path: AgePathKind,
    pub regarding: Option<String>,
}

/// Seals `payload` under `meta` to `center` and answers the status record and the queued
/// envelope, both queued now.
pub(crate) fn seal_item<T: Serialize>(
    meta: &EnvelopeMeta,
    payload: &T,
    center: &CenterKey,
    described: Described,
) -> Result<(StatusRecord, QueuedEnvelope), AppError> {
    let sealed = seal(meta, payload, center).map_err(AppError::Seal)?;
    let status = StatusRecord {
        id: meta.id.clone(),
        reference: reference_for(&meta.id),
        kind: meta.kind.as_str().into(),
        finalised_at: meta.created_at.clone(),
        urgency: described.urgency,
        path: described.path,
        catalogue_version: meta.catalogue_version.clone(),
        state: JourneyState::Queued,
        regarding: described.regarding.clone(),
        ..Default::default()
    };
    let queued = QueuedEnvelope {
        id: meta.id.clone(),
        kind: meta.kind.as_str().into(),
        payload_format: meta.payload_format,
        catalogue_version: meta.catalogue_version.clone(),
        created_at: meta.created_at.clone(),
        envelope: sealed,
        regarding: described.regarding,
        recipient: center.to_string(),
        ..Default::default()
    };
    Ok((status, queued))
}

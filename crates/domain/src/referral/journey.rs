//! Where a finalised item (a referral, or a request to reconsider a decision) is on its way to
//! the Center and back. The store records it, the app reports it, the UI shows it: one enum,
//! whose serde name is also its stored text.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum JourneyState {
    /// Sealed and waiting on the laptop for a connection.
    Queued,
    /// The Center's receipt arrived: it has the item.
    Delivered,
    /// A referral the Center decided on.
    Decided,
    /// A reconsideration request the Center answered with a new decision.
    Answered,
    /// The Center or the laptop set it aside (it is kept and no longer sent); see its code.
    NeedsAttention,
}

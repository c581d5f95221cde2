//! The local worker profile: who uses this laptop's field store.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::screening::AgencyType;

pub const MAX_DISPLAY_NAME: usize = 100;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Profile {
    pub display_name: String,
    pub agency: AgencyType,
    pub created_at: String,
}

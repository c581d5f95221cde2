//! Enums kept in text columns. The stored text is the enum's serde name, the same name the UI
//! receives, so there is one spelling of each value; text that names no value reads as a
//! corrupt store, never as a default.

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::StoreError;

/// The text stored for `value` (a unit variant of a snake_case enum).
pub(crate) fn to_text<T: Serialize>(value: &T) -> Result<String, StoreError> {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(text)) => Ok(text),
        _ => Err(StoreError::Corrupt(
            "a value that is not stored as text".into(),
        )),
    }
}

/// The value `text` names, read from `column`.
pub(crate) fn from_text<T: DeserializeOwned>(column: &str, text: String) -> Result<T, StoreError> {
    serde_json::from_value(serde_json::Value::String(text))
        .map_err(|_| StoreError::Corrupt(format!("{column} holds no known value")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use first_contact_domain::referral::{JourneyState, Urgency};

    #[test]
    fn values_round_trip_and_unknown_text_is_corrupt() {
        assert_eq!(
            to_text(&JourneyState::NeedsAttention).ok().as_deref(),
            Some("needs_attention")
        );
        assert_eq!(
            from_text::<Urgency>("urgency", "immediate".into()).ok(),
            Some(Urgency::Immediate)
        );
        assert!(matches!(
            from_text::<JourneyState>("state", "lost".into()),
            Err(StoreError::Corrupt(_))
        ));
    }
}

//! The recovery code: a second wrap of the database's data key, under a random code the worker
//! writes down or prints at set-up, so that a forgotten passphrase does not mean lost drafts.
//! The code is 120 random bits shown as six groups of four Crockford base32 characters; the file
//! `recovery.json` is a keyring like `keyring.json`, wrapped under the code instead of the
//! passphrase (Argon2id at the same cost), so it is no easier to attack than the passphrase.

use first_contact_domain::paper_code::{self, GROUP_LEN};
use zeroize::Zeroizing;

use crate::error::StoreError;
use crate::passphrase::Passphrase;

const GROUPS: usize = 6;

/// A recovery code, normalised (upper case, no separators). Wiped when dropped.
#[derive(Clone, PartialEq, Eq)]
pub struct RecoveryCode(Zeroizing<String>);

impl std::fmt::Debug for RecoveryCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RecoveryCode(..)")
    }
}

impl RecoveryCode {
    pub fn generate() -> Result<Self, StoreError> {
        let mut bytes = Zeroizing::new([0u8; GROUPS * GROUP_LEN]);
        getrandom::fill(bytes.as_mut_slice())
            .map_err(|e| StoreError::Io(std::io::Error::other(e.to_string())))?;
        Ok(Self(Zeroizing::new(
            bytes.iter().map(|b| paper_code::char_for(*b)).collect(),
        )))
    }

    /// Reads a code as a person types it back: any case, spaces or hyphens anywhere, O read as
    /// 0 and I, L as 1. `None` if it cannot be a code.
    pub fn parse(text: &str) -> Option<Self> {
        let mut normal = Zeroizing::new(String::with_capacity(GROUPS * GROUP_LEN));
        if !paper_code::read_into(text, &mut normal) {
            return None;
        }
        (normal.len() == GROUPS * GROUP_LEN).then(|| Self(normal))
    }

    /// `XXXX-XXXX-XXXX-XXXX-XXXX-XXXX`, for showing and printing.
    pub fn display(&self) -> String {
        paper_code::grouped(&self.0)
    }

    /// What the key derivation is given: the normalised code.
    pub(crate) fn as_passphrase(&self) -> Passphrase {
        Passphrase::from(self.0.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_random_and_read_back_as_people_type_them() {
        let code = RecoveryCode::generate().unwrap_or_else(|e| panic!("{e}"));
        let shown = code.display();
        assert_eq!(shown.len(), 29);
        assert_eq!(shown.split('-').count(), 6);
        let typed = shown.to_lowercase().replace('-', "  ");
        assert_eq!(RecoveryCode::parse(&typed), Some(code.clone()));
        let other = RecoveryCode::generate().unwrap_or_else(|e| panic!("{e}"));
        assert_ne!(code, other);
        assert_eq!(
            RecoveryCode::parse("oooo-iiii-llll-0000-1111-2222").map(|c| c.display()),
            Some("0000-1111-1111-0000-1111-2222".into())
        );
        assert_eq!(RecoveryCode::parse("ABCD-EFGH"), None);
        assert_eq!(RecoveryCode::parse("ABCD-EFGH-JKMN-PQRS-TVWX-YZ0U"), None);
    }
}

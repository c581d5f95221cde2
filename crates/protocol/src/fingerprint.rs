//! The Center's fingerprint: a short digest of what a device pins at enrollment (the CA
//! certificate, the age recipient and the signing key), printed on the enrollment file and shown
//! to the worker, so that a change of Center can be noticed and checked out of band.

use sha2::{Digest, Sha256};

use crate::api::enrollment::CenterIdentity;

/// Bytes of the SHA-256 digest that are shown: 160 bits, 40 hexadecimal digits.
const SHOWN_BYTES: usize = 20;

/// `3F2A 9C01 …` — ten groups of four upper-case hexadecimal digits. The Center's display
/// name is not part of it: a renamed Center is the same Center.
pub fn center_fingerprint(ca_der: &[u8], center: &CenterIdentity) -> String {
    let mut digest = Sha256::new();
    digest.update(b"first-contact/v1/center-fingerprint\n");
    for part in [
        ca_der,
        center.recipient.as_bytes(),
        center.signing_key.as_bytes(),
    ] {
        // Length-prefixed, so no two different triples hash the same bytes.
        digest.update((part.len() as u64).to_be_bytes());
        digest.update(part);
    }
    let hex = hex::encode_upper(&digest.finalize()[..SHOWN_BYTES]);
    hex.as_bytes()
        .chunks(4)
        .map(|group| String::from_utf8_lossy(group).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether two fingerprints are the same, as a person might copy one (any case, any spacing).
pub fn same_fingerprint(a: &str, b: &str) -> bool {
    let normal = |text: &str| -> String {
        text.chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .map(|c| c.to_ascii_uppercase())
            .collect()
    };
    normal(a) == normal(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn center(recipient: &str, signing_key: &str) -> CenterIdentity {
        CenterIdentity {
            name: "Center".into(),
            recipient: recipient.into(),
            signing_key: signing_key.into(),
        }
    }

    #[test]
    fn a_fingerprint_changes_with_every_pinned_part_but_not_the_name() {
        let base = center_fingerprint(b"ca", &center("age1a", "key"));
        assert_eq!(base.len(), 49);
        assert_eq!(base.split(' ').count(), 10);
        assert_ne!(base, center_fingerprint(b"cb", &center("age1a", "key")));
        assert_ne!(base, center_fingerprint(b"ca", &center("age1b", "key")));
        assert_ne!(base, center_fingerprint(b"ca", &center("age1a", "kez")));
        // Moving bytes between parts changes it too (the parts are length-prefixed).
        assert_ne!(base, center_fingerprint(b"cag", &center("e1a", "key")));
        let mut renamed = center("age1a", "key");
        renamed.name = "Centar".into();
        assert_eq!(base, center_fingerprint(b"ca", &renamed));
    }

    #[test]
    fn fingerprints_compare_as_people_copy_them() {
        let shown = center_fingerprint(b"ca", &center("age1a", "key"));
        assert!(same_fingerprint(
            &shown,
            &shown.to_lowercase().replace(' ', "")
        ));
        assert!(same_fingerprint(&shown, &shown.replace(' ', "-")));
        let other = center_fingerprint(b"cb", &center("age1a", "key"));
        assert!(!same_fingerprint(&shown, &other));
    }
}

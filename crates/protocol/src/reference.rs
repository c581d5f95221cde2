//! Referral references that a worker can read over the phone: `FC-XXXX-XXXX` in Crockford's
//! base32 (no I, L, O or U), derived from the referral's id so both ends compute the same one.

use first_contact_domain::paper_code::ALPHABET;

/// The reference of the referral with this id: 40 bits of an FNV-1a hash of the id.
pub fn reference_for(id: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in id.as_bytes() {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    let digits: String = (0..8)
        .map(|i| char::from(ALPHABET[((hash >> (5 * i)) & 31) as usize]))
        .collect();
    format!("FC-{}-{}", &digits[..4], &digits[4..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_stable_readable_and_distinct() {
        let a = reference_for("0193a4f2-7c1e-7d22-8b3a-5e6f7a8b9c0d");
        assert_eq!(a, reference_for("0193a4f2-7c1e-7d22-8b3a-5e6f7a8b9c0d"));
        assert_eq!(a.len(), 12);
        assert!(a.starts_with("FC-") && a.as_bytes()[7] == b'-');
        assert!(a[3..]
            .chars()
            .all(|c| c == '-' || ALPHABET.contains(&(c as u8))));
        let many: std::collections::HashSet<String> = (0..10_000)
            .map(|n| reference_for(&format!("id-{n}")))
            .collect();
        assert_eq!(many.len(), 10_000);
    }
}

//! What makes a passphrase acceptable for protecting the field store.

use std::collections::HashSet;

pub const MIN_LENGTH: usize = 12;
const MIN_DISTINCT: usize = 6;

/// True when the passphrase is long enough and not a run of a few repeated characters.
/// Length dominates guessing cost for Argon2id-wrapped keys, so that is what is asked for.
pub fn is_strong_enough(passphrase: &str) -> bool {
    let distinct: HashSet<char> = passphrase.chars().collect();
    passphrase.chars().count() >= MIN_LENGTH && distinct.len() >= MIN_DISTINCT
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_or_repetitive_passphrases_are_refused() {
        assert!(!is_strong_enough("short pass"));
        assert!(!is_strong_enough("aaaaaaaaaaaaaaaa"));
        assert!(!is_strong_enough("abababababababab"));
        assert!(is_strong_enough("river lamp orange"));
        assert!(is_strong_enough("čaša vode 2026"));
    }
}

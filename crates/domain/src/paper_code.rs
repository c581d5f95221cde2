//! Codes people copy from paper and type back — the enrollment code and the recovery code:
//! Crockford's base 32 (no I, L, O or U to misread), shown in groups of four. How such a code
//! is written, read back and shown lives here once; each code keeps its own length and meaning.

/// Crockford's base 32.
pub const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// Characters in a group of the shown form.
pub const GROUP_LEN: usize = 4;

/// The character of the alphabet for a random byte (its low five bits).
pub fn char_for(byte: u8) -> char {
    char::from(ALPHABET[usize::from(byte & 31)])
}

/// Reads a code as a person types it into `normal` (upper case, no separators): any case,
/// spaces or hyphens anywhere, O read as 0 and I, L as 1. `false` at the first character that
/// cannot be in a code. The caller owns `normal`, so a secret code can be read into memory it
/// wipes.
pub fn read_into(text: &str, normal: &mut String) -> bool {
    for c in text.chars() {
        let c = match c.to_ascii_uppercase() {
            ' ' | '-' | '\t' | '\u{a0}' => continue,
            'O' => '0',
            'I' | 'L' => '1',
            c => c,
        };
        if !c.is_ascii() || !ALPHABET.contains(&(c as u8)) {
            return false;
        }
        normal.push(c);
    }
    true
}

/// `XXXX-XXXX-…`, to print and read out.
pub fn grouped(normal: &str) -> String {
    normal
        .as_bytes()
        .chunks(GROUP_LEN)
        .map(|group| String::from_utf8_lossy(group).into_owned())
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_is_read_as_people_type_it() {
        let mut normal = String::new();
        assert!(read_into(" abcd-efgh\tjkmn\u{a0}o1il ", &mut normal));
        assert_eq!(normal, "ABCDEFGHJKMN0111");
        assert_eq!(grouped(&normal), "ABCD-EFGH-JKMN-0111");
    }

    #[test]
    fn characters_that_cannot_be_in_a_code_are_refused() {
        for text in ["ABCU", "AB_C", "ABČD", "AB.C"] {
            assert!(!read_into(text, &mut String::new()), "{text}");
        }
    }

    #[test]
    fn every_byte_gives_a_character_of_the_alphabet() {
        let chars: std::collections::HashSet<char> = (0..=255u8).map(char_for).collect();
        assert_eq!(chars.len(), 32);
        assert!(chars.iter().all(|c| ALPHABET.contains(&(*c as u8))));
    }
}

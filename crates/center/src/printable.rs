//! Text that came from a device, made safe to print on a staff member's terminal: a device
//! name with an escape sequence in it could otherwise move the cursor, rewrite earlier lines or
//! retitle the window when `center admin devices` prints it.

/// `text` without control characters (C0, DEL and C1, which includes the 8-bit CSI) and
/// without the bidirectional overrides and isolates that can make a line read other than it is.
pub fn printable(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_control() && !is_bidi_control(*c))
        .collect()
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_and_other_controls_are_removed() {
        assert_eq!(
            printable("laptop \u{1b}[2J\u{1b}]0;pwned\u{7}one"),
            "laptop [2J]0;pwnedone"
        );
        assert_eq!(printable("a\u{9b}31mb\u{7f}c\r\nd\te"), "a31mbcde");
        assert_eq!(printable("\u{202E}evil\u{2066}"), "evil");
        assert_eq!(printable("Ноутбук Ана — 2"), "Ноутбук Ана — 2");
    }

    #[test]
    fn the_device_listing_staff_see_carries_the_printable_name() {
        let record = crate::db::devices::DeviceRecord {
            credential_digest: "x".into(),
            device: crate::admin::DeviceListing {
                id: "d".into(),
                name: "laptop\u{1b}[1A\u{1b}[2Kall fine".into(),
                agency: "Inspectorate\u{7}".into(),
                officer: "A. Officer".into(),
                enrolled_at: "2026-12-01T00:00:00Z".into(),
                revoked_at: None,
                last_seen_at: None,
            },
        };
        let listing = crate::admin::for_staff(record);
        assert_eq!(listing.name, "laptop[1A[2Kall fine");
        assert_eq!(listing.agency, "Inspectorate");
    }
}

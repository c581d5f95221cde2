//! Is this a sealed envelope? The Center cannot open what it receives (it holds no identity
//! while serving), so before it signs a receipt it checks the envelope's *structure* against the
//! age v1 format (https://age-encryption.org/v1): a complete, well-formed header with at least
//! one X25519 stanza, the MAC line, and a payload after it. A receipt tells the device it may
//! forget the envelope, so a truncated or mangled file must be refused here, while the device
//! still holds the bytes — not found out later, when only the Center's copy remains.
//!
//! What this cannot see: a payload cut exactly at a chunk boundary, or bytes changed inside the
//! encryption; only opening finds those (age authenticates everything).

use base64::engine::general_purpose::STANDARD_NO_PAD;
use base64::Engine as _;

const VERSION_LINE: &[u8] = b"age-encryption.org/v1";
const ARMOR_BEGIN: &[u8] = b"-----BEGIN AGE ENCRYPTED FILE-----";
const STANZA_PREFIX: &[u8] = b"-> ";
const MAC_PREFIX: &[u8] = b"--- ";
/// age wraps a stanza's body at 64 columns; a shorter (possibly empty) line ends it.
const BODY_COLUMNS: usize = 64;
const MAC_BYTES: usize = 32;
const X25519_SHARE_BYTES: usize = 32;
const X25519_BODY_BYTES: usize = 32;
const NONCE_BYTES: usize = 16;
const TAG_BYTES: usize = 16;
/// A STREAM chunk as stored: 64 KiB of plaintext and its tag; only the last may be shorter.
const CHUNK_BYTES: usize = 64 * 1024 + TAG_BYTES;

/// Why the bytes are not a sealed envelope; the text goes back to the device in the rejection.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NotAnAgeFile {
    #[error("the envelope is ASCII-armoured; the binary age file is expected")]
    Armoured,
    #[error("the envelope does not start with the age v1 version line")]
    NoVersionLine,
    #[error("the envelope's age header ends before its MAC line")]
    TruncatedHeader,
    #[error("the envelope's age header has a malformed line {0}")]
    MalformedLine(usize),
    #[error("the envelope's age header has no recipient stanza")]
    NoStanza,
    #[error("the envelope's age header has no X25519 recipient stanza")]
    NoX25519Stanza,
    #[error("the envelope's age header has a malformed X25519 stanza at line {0}")]
    MalformedX25519(usize),
    #[error("the envelope's age MAC is not 32 bytes of base64")]
    MalformedMac,
    #[error("the envelope's age payload is missing or truncated")]
    TruncatedPayload,
}

/// Checks that `bytes` is a binary age v1 file with a complete header naming an X25519
/// recipient and a payload of plausible length.
pub fn check(bytes: &[u8]) -> Result<(), NotAnAgeFile> {
    if bytes.starts_with(ARMOR_BEGIN) {
        return Err(NotAnAgeFile::Armoured);
    }
    let mut lines = Lines {
        rest: bytes,
        number: 0,
    };
    // Judged before any line is cut out, so that a file of another kind is named as such.
    if !bytes.starts_with(VERSION_LINE) || lines.next()? != VERSION_LINE {
        return Err(NotAnAgeFile::NoVersionLine);
    }
    let mut line = lines.next()?;
    let mut stanzas = 0;
    let mut x25519 = 0;
    while let Some(arguments) = line.strip_prefix(STANZA_PREFIX) {
        let start = lines.number;
        let arguments = stanza_arguments(arguments).ok_or(NotAnAgeFile::MalformedLine(start))?;
        let body = stanza_body(&mut lines)?;
        stanzas += 1;
        if arguments.first() == Some(&&b"X25519"[..]) {
            let share_ok = matches!(arguments.as_slice(), [_, share]
                if decoded_len(share) == Some(X25519_SHARE_BYTES));
            if !share_ok || body != X25519_BODY_BYTES {
                return Err(NotAnAgeFile::MalformedX25519(start));
            }
            x25519 += 1;
        }
        line = lines.next()?;
    }
    let Some(mac) = line.strip_prefix(MAC_PREFIX) else {
        return Err(NotAnAgeFile::MalformedLine(lines.number));
    };
    if stanzas == 0 {
        return Err(NotAnAgeFile::NoStanza);
    }
    if x25519 == 0 {
        return Err(NotAnAgeFile::NoX25519Stanza);
    }
    if decoded_len(mac) != Some(MAC_BYTES) {
        return Err(NotAnAgeFile::MalformedMac);
    }
    check_payload_len(lines.rest.len())
}

/// The payload is a nonce and STREAM chunks. The last chunk is never empty unless it is the
/// only one, so a length that leaves a partial tag, or an empty chunk after full ones, is cut.
fn check_payload_len(len: usize) -> Result<(), NotAnAgeFile> {
    let Some(chunks) = len.checked_sub(NONCE_BYTES) else {
        return Err(NotAnAgeFile::TruncatedPayload);
    };
    let last = chunks % CHUNK_BYTES;
    let cut = chunks < TAG_BYTES
        || (last != 0 && last < TAG_BYTES)
        || (last == TAG_BYTES && chunks > TAG_BYTES);
    if cut {
        return Err(NotAnAgeFile::TruncatedPayload);
    }
    Ok(())
}

/// A stanza's arguments: one or more non-empty strings of visible ASCII, one space apart.
fn stanza_arguments(text: &[u8]) -> Option<Vec<&[u8]>> {
    let arguments: Vec<&[u8]> = text.split(|byte| *byte == b' ').collect();
    let visible = |argument: &&[u8]| {
        !argument.is_empty() && argument.iter().all(|byte| (0x21..=0x7e).contains(byte))
    };
    arguments.iter().all(visible).then_some(arguments)
}

/// Reads a stanza's body lines (full 64-column lines, then a shorter final one) and answers
/// how many bytes they decode to.
fn stanza_body(lines: &mut Lines<'_>) -> Result<usize, NotAnAgeFile> {
    let mut total = 0;
    loop {
        let line = lines.next()?;
        let bytes = (line.len() <= BODY_COLUMNS)
            .then(|| decoded_len(line))
            .flatten()
            .ok_or(NotAnAgeFile::MalformedLine(lines.number))?;
        total += bytes;
        if line.len() < BODY_COLUMNS {
            return Ok(total);
        }
    }
}

/// The length `text` decodes to if it is canonical unpadded standard base64, as age writes it.
fn decoded_len(text: &[u8]) -> Option<usize> {
    STANDARD_NO_PAD.decode(text).ok().map(|bytes| bytes.len())
}

/// The header's lines, each ended by `\n`; running out before one ends means truncation.
struct Lines<'a> {
    rest: &'a [u8],
    number: usize,
}

impl<'a> Lines<'a> {
    fn next(&mut self) -> Result<&'a [u8], NotAnAgeFile> {
        let end = self
            .rest
            .iter()
            .position(|byte| *byte == b'\n')
            .ok_or(NotAnAgeFile::TruncatedHeader)?;
        let (line, rest) = self.rest.split_at(end);
        // `rest` starts with the newline just found.
        self.rest = rest.get(1..).unwrap_or_default();
        self.number += 1;
        Ok(line)
    }
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use first_contact_protocol::{CenterKey, EnvelopeKind, EnvelopeMeta};

    use super::*;

    fn sealed() -> Vec<u8> {
        let identity = age::x25519::Identity::generate();
        let key = CenterKey::from_str(&identity.to_public().to_string())
            .unwrap_or_else(|e| panic!("{e}"));
        let meta = EnvelopeMeta {
            kind: EnvelopeKind::Referral,
            id: "0193a4f2-7c1e-7d22-8b3a-5e6f7a8b9c0d".into(),
            payload_format: 1,
            catalogue_version: "2026.1".into(),
            created_at: "2026-11-28T10:00:00Z".into(),
        };
        first_contact_protocol::seal(&meta, &serde_json::json!({"narrative": "x"}), &key)
            .unwrap_or_else(|e| panic!("{e}"))
    }

    /// Where the payload starts: just after the MAC line.
    fn header_len(bytes: &[u8]) -> usize {
        let mac = bytes
            .windows(5)
            .position(|window| window == b"\n--- ")
            .unwrap_or_else(|| panic!("no MAC line"));
        mac + 1
            + bytes[mac + 1..]
                .iter()
                .position(|byte| *byte == b'\n')
                .unwrap_or_else(|| panic!("no end of MAC line"))
            + 1
    }

    fn with_header(header: &str) -> Vec<u8> {
        let mut bytes = header.as_bytes().to_vec();
        bytes.extend_from_slice(&[0; NONCE_BYTES + TAG_BYTES + 10]);
        bytes
    }

    const SHARE: &str = "9kkR2fNh7vHj2OT9NPJvq5lkjE2ON4dh9Jl7x3wT2Xc";
    const MAC: &str = "p4QnWUeT1q8xJ7mBq9xHkBbF0S8E0aYw9Y6hWZ7GhJ0";

    #[test]
    fn a_sealed_envelope_passes() {
        // age adds a random "grease" stanza (any tag, 0 to 4 arguments, a 0 to 99-byte body)
        // to every header; many seals meet its shapes, empty and full-line bodies included.
        for _ in 0..200 {
            let bytes = sealed();
            assert_eq!(
                check(&bytes),
                Ok(()),
                "{}",
                String::from_utf8_lossy(&bytes[..header_len(&bytes)])
            );
        }
        let header = format!("age-encryption.org/v1\n-> X25519 {SHARE}\n{SHARE}\n--- {MAC}\n");
        assert_eq!(check(&with_header(&header)), Ok(()));
    }

    #[test]
    fn the_version_line_alone_is_refused() {
        assert_eq!(
            check(b"age-encryption.org/v1\n"),
            Err(NotAnAgeFile::TruncatedHeader)
        );
        assert_eq!(check(b"hello"), Err(NotAnAgeFile::NoVersionLine));
        assert_eq!(
            check(b"age-encryption.org/v1"),
            Err(NotAnAgeFile::TruncatedHeader)
        );
        assert_eq!(check(b"hello\n"), Err(NotAnAgeFile::NoVersionLine));
    }

    #[test]
    fn a_header_cut_anywhere_is_refused() {
        let bytes = sealed();
        let header = header_len(&bytes);
        for cut in 0..header {
            assert!(
                check(&bytes[..cut]).is_err(),
                "cut at {cut} of a {header}-byte header passed"
            );
        }
    }

    #[test]
    fn a_payload_cut_short_is_refused() {
        let bytes = sealed();
        let header = header_len(&bytes);
        for kept in [0, 1, NONCE_BYTES, NONCE_BYTES + TAG_BYTES - 1] {
            assert_eq!(
                check(&bytes[..header + kept]),
                Err(NotAnAgeFile::TruncatedPayload),
                "{kept} payload bytes"
            );
        }
        assert_eq!(check_payload_len(NONCE_BYTES + TAG_BYTES), Ok(()));
        assert_eq!(check_payload_len(NONCE_BYTES + CHUNK_BYTES), Ok(()));
        assert_eq!(
            check_payload_len(NONCE_BYTES + CHUNK_BYTES + 3),
            Err(NotAnAgeFile::TruncatedPayload)
        );
        // A full chunk followed by an empty one: age never writes that.
        assert_eq!(
            check_payload_len(NONCE_BYTES + CHUNK_BYTES + TAG_BYTES),
            Err(NotAnAgeFile::TruncatedPayload)
        );
    }

    #[test]
    fn an_armoured_envelope_is_refused() {
        let armoured = format!(
            "-----BEGIN AGE ENCRYPTED FILE-----\n{}\n-----END AGE ENCRYPTED FILE-----\n",
            base64::engine::general_purpose::STANDARD.encode(sealed())
        );
        assert_eq!(check(armoured.as_bytes()), Err(NotAnAgeFile::Armoured));
    }

    #[test]
    fn malformed_headers_are_refused() {
        let cases = [
            (
                format!("age-encryption.org/v1\n--- {MAC}\n"),
                NotAnAgeFile::NoStanza,
            ),
            (
                format!("age-encryption.org/v1\n-> grease a b\n\n--- {MAC}\n"),
                NotAnAgeFile::NoX25519Stanza,
            ),
            (
                format!("age-encryption.org/v1\n-> X25519 {SHARE}\n{SHARE}\n--- short\n"),
                NotAnAgeFile::MalformedMac,
            ),
            (
                format!("age-encryption.org/v1\n-> X25519 {SHARE}\n{SHARE}=\n--- {MAC}\n"),
                NotAnAgeFile::MalformedLine(3),
            ),
            (
                format!("age-encryption.org/v1\n-> X25519 {SHARE}\n{SHARE}\n{MAC}\n"),
                NotAnAgeFile::MalformedLine(4),
            ),
            (
                format!("age-encryption.org/v1\n->  X25519 {SHARE}\n{SHARE}\n--- {MAC}\n"),
                NotAnAgeFile::MalformedLine(2),
            ),
            (
                format!("age-encryption.org/v1\n-> X25519 abc\n{SHARE}\n--- {MAC}\n"),
                NotAnAgeFile::MalformedX25519(2),
            ),
            (
                format!("age-encryption.org/v1\n-> X25519 {SHARE}\n\n--- {MAC}\n"),
                NotAnAgeFile::MalformedX25519(2),
            ),
        ];
        for (header, expected) in cases {
            assert_eq!(check(&with_header(&header)), Err(expected), "{header}");
        }
    }

    #[test]
    fn a_long_body_wraps_at_64_columns() {
        let full = "A".repeat(BODY_COLUMNS);
        let header = format!(
            "age-encryption.org/v1\n-> grease x\n{full}\n{full}\n\n-> X25519 {SHARE}\n{SHARE}\n--- {MAC}\n"
        );
        assert_eq!(check(&with_header(&header)), Ok(()));
        let too_wide = format!(
            "age-encryption.org/v1\n-> grease x\n{full}AAAA\n\n-> X25519 {SHARE}\n{SHARE}\n--- {MAC}\n"
        );
        assert_eq!(
            check(&with_header(&too_wide)),
            Err(NotAnAgeFile::MalformedLine(3))
        );
    }
}

//! Tests of the batch frame: round trips, every truncation point, oversize lengths, and each
//! other way a body can be refused.

use super::*;

fn item(id: &str, kind: EnvelopeKind, envelope: &[u8]) -> FramedItem {
    FramedItem {
        id: id.into(),
        kind,
        regarding: (kind == EnvelopeKind::Reconsideration).then(|| "r-1".to_owned()),
        payload_format: 7,
        catalogue_version: "2026.11.0".into(),
        created_at: "2026-11-28T10:00:00Z".into(),
        envelope: envelope.to_vec(),
    }
}

fn sample() -> FramedBatch {
    FramedBatch {
        recipient: "age1example".into(),
        items: vec![
            item("a", EnvelopeKind::Referral, b"sealed bytes"),
            item("b", EnvelopeKind::Reconsideration, &[0, 255, 10, 13]),
            item("č", EnvelopeKind::Referral, b""),
            item("n", EnvelopeKind::Notification, b"counted"),
        ],
    }
}

fn encoded(batch: &FramedBatch) -> Vec<u8> {
    encode(batch).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn a_batch_round_trips() {
    let batch = sample();
    let body = encoded(&batch);
    assert_eq!(decode(&body), Ok(batch));
}

#[test]
fn the_layout_is_the_documented_one() {
    let batch = FramedBatch {
        recipient: "age1x".into(),
        items: vec![item("id", EnvelopeKind::Referral, b"AGE")],
    };
    let mut expected = b"FCDB\x01".to_vec();
    expected.extend_from_slice(b"\x00\x05age1x");
    expected.extend_from_slice(b"\x00\x01");
    expected.extend_from_slice(b"\x00\x02id");
    expected.push(1);
    expected.extend_from_slice(b"\x00\x00");
    expected.extend_from_slice(&7u32.to_be_bytes());
    expected.extend_from_slice(b"\x00\x092026.11.0");
    expected.extend_from_slice(b"\x00\x142026-11-28T10:00:00Z");
    expected.extend_from_slice(b"\x00\x00\x00\x03AGE");
    assert_eq!(encoded(&batch), expected);
}

#[test]
fn every_truncation_is_refused() {
    let body = encoded(&sample());
    for length in 0..body.len() {
        let result = decode(&body[..length]);
        assert!(
            matches!(result, Err(FrameError::Truncated(_))),
            "cut at {length}: {result:?}"
        );
    }
}

#[test]
fn trailing_bytes_are_refused() {
    let mut body = encoded(&sample());
    body.push(0);
    assert_eq!(decode(&body), Err(FrameError::TrailingBytes(1)));
}

#[test]
fn a_wrong_magic_or_version_is_refused() {
    let body = encoded(&sample());
    for at in 0..5 {
        let mut bad = body.clone();
        bad[at] ^= 0x20;
        assert_eq!(decode(&bad), Err(FrameError::BadHeader), "byte {at}");
    }
}

#[test]
fn item_counts_outside_one_to_a_hundred_are_refused() {
    for count in [0u16, 101, u16::MAX] {
        let mut body = b"FCDB\x01\x00\x00".to_vec();
        body.extend_from_slice(&count.to_be_bytes());
        assert_eq!(
            decode(&body),
            Err(FrameError::ItemCount {
                count: usize::from(count),
                limit: MAX_BATCH_ITEMS
            })
        );
    }
    let empty = FramedBatch {
        recipient: "age1".into(),
        items: vec![],
    };
    assert!(matches!(encode(&empty), Err(FrameError::ItemCount { .. })));
    let many = FramedBatch {
        recipient: "age1".into(),
        items: vec![item("a", EnvelopeKind::Referral, b"x"); MAX_BATCH_ITEMS + 1],
    };
    assert!(matches!(encode(&many), Err(FrameError::ItemCount { .. })));
    let full = FramedBatch {
        items: vec![item("a", EnvelopeKind::Referral, b"x"); MAX_BATCH_ITEMS],
        ..many
    };
    assert_eq!(decode(&encoded(&full)), Ok(full));
}

#[test]
fn oversize_lengths_are_refused_before_anything_is_read() {
    // A text length over the bound, with the bytes present.
    let mut body = b"FCDB\x01".to_vec();
    body.extend_from_slice(&(MAX_TEXT_BYTES as u16 + 1).to_be_bytes());
    body.extend_from_slice(&vec![b'a'; MAX_TEXT_BYTES + 1]);
    assert!(matches!(
        decode(&body),
        Err(FrameError::TooLong {
            field: "recipient",
            ..
        })
    ));
    // An envelope length over the request bound, and one longer than the body.
    let batch = FramedBatch {
        recipient: "age1".into(),
        items: vec![item("a", EnvelopeKind::Referral, b"")],
    };
    let body = encoded(&batch);
    let at = body.len() - 4;
    let mut huge = body.clone();
    huge[at..].copy_from_slice(&u32::MAX.to_be_bytes());
    assert!(matches!(
        decode(&huge),
        Err(FrameError::TooLong {
            field: "envelope",
            ..
        })
    ));
    let mut long = body;
    long[at..].copy_from_slice(&1000u32.to_be_bytes());
    assert_eq!(decode(&long), Err(FrameError::Truncated("envelope")));
    // The encoder refuses what the parser would.
    let mut too_long = batch;
    too_long.items[0].created_at = "x".repeat(MAX_TEXT_BYTES + 1);
    assert!(matches!(
        encode(&too_long),
        Err(FrameError::TooLong {
            field: "created_at",
            ..
        })
    ));
}

#[test]
fn an_unknown_kind_and_text_that_is_not_utf8_are_refused() {
    let batch = FramedBatch {
        recipient: "age1".into(),
        items: vec![item("a", EnvelopeKind::Referral, b"")],
    };
    let body = encoded(&batch);
    // Header 5, recipient 2 + 4, count 2, id 2 + 1: the kind byte follows.
    let kind_at = 5 + 6 + 2 + 3;
    assert_eq!(body[kind_at], 1);
    let mut bad = body.clone();
    bad[kind_at] = 4;
    assert_eq!(decode(&bad), Err(FrameError::UnknownKind(4)));
    let mut bad = body;
    bad[kind_at - 1] = 0xff;
    assert_eq!(decode(&bad), Err(FrameError::NotUtf8("id")));
}

#[test]
fn an_empty_regarding_is_none_and_the_json_form_carries_the_recipient() {
    let mut batch = sample();
    batch.items[0].regarding = Some(String::new());
    let back = decode(&encoded(&batch)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(back.items[0].regarding, None);
    let json = sample().to_json_batch();
    assert!(json
        .items
        .iter()
        .all(|item| item.recipient == "age1example"));
    assert_eq!(
        json.items[1].decode_envelope().ok(),
        Some(vec![0, 255, 10, 13])
    );
}

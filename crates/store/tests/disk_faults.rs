//! Real disk faults: a full file system (a small tmpfs) and a read-only one (a read-only bind
//! mount). Both need root, as the test machines have; the mounts are undone on drop.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;
use first_contact_store::{screenings, StoreError, Vault};

struct Mount(PathBuf);

impl Mount {
    fn run(args: &[&str]) {
        let status = Command::new("mount")
            .args(args)
            .status()
            .unwrap_or_else(|e| panic!("mount {args:?}: {e}"));
        assert!(
            status.success(),
            "mount {args:?} failed: these tests need root"
        );
    }

    fn tmpfs(path: &Path, size: &str) -> Self {
        Self::run(&[
            "-t",
            "tmpfs",
            "-o",
            &format!("size={size}"),
            "tmpfs",
            &path.display().to_string(),
        ]);
        Mount(path.to_owned())
    }

    fn read_only(path: &Path) -> Self {
        let p = path.display().to_string();
        Self::run(&["--bind", &p, &p]);
        let mount = Mount(path.to_owned());
        Self::run(&["-o", "remount,ro,bind", &p]);
        mount
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn a_full_disk_refuses_the_save_and_keeps_what_was_saved() {
    let directory = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let _mount = Mount::tmpfs(directory.path(), "1m");
    let vault = Vault::at(directory.path().join("data"));
    vault
        .create(&PASSPHRASE.into(), KDF, &profile())
        .unwrap_or_else(|e| panic!("{e}"));
    let connection = vault
        .unlock(&PASSPHRASE.into())
        .unwrap_or_else(|e| panic!("{e}"));

    let mut saved = Vec::new();
    let failure = (0..1000).find_map(|n| {
        let mut s = screening(&format!("s-{n:04}"), &format!("Person {n}"));
        s.context.place = format!("{n:0>20000}");
        match screenings::save(&connection, &s) {
            Ok(()) => {
                saved.push(s);
                None
            }
            Err(error) => Some(error),
        }
    });
    assert!(matches!(failure, Some(StoreError::Full)), "got {failure:?}");
    assert!(
        saved.len() > 3,
        "the disk filled too early to prove anything"
    );
    drop(connection);

    let reopened = vault
        .unlock(&PASSPHRASE.into())
        .unwrap_or_else(|e| panic!("{e}"));
    for s in &saved {
        assert_eq!(screenings::get(&reopened, &s.id).ok().as_ref(), Some(s));
    }
}

#[test]
fn a_read_only_folder_is_reported_and_left_intact() {
    let directory = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let vault = Vault::at(directory.path());
    vault
        .create(&PASSPHRASE.into(), KDF, &profile())
        .unwrap_or_else(|e| panic!("{e}"));
    {
        let connection = vault
            .unlock(&PASSPHRASE.into())
            .unwrap_or_else(|e| panic!("{e}"));
        screenings::save(&connection, &screening("s-1", "Amina")).unwrap_or_else(|e| panic!("{e}"));
    }
    let before = all_bytes(directory.path());
    {
        let _mount = Mount::read_only(directory.path());
        assert!(matches!(
            vault.unlock(&PASSPHRASE.into()),
            Err(StoreError::ReadOnly)
        ));
    }
    assert_eq!(all_bytes(directory.path()), before);
    let connection = vault
        .unlock(&PASSPHRASE.into())
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(screenings::get(&connection, "s-1").is_ok());
}

#[test]
fn finalising_on_a_full_disk_fails_and_keeps_the_draft() {
    use first_contact_domain::referral::Referral;
    use first_contact_domain::AgencyType;
    use first_contact_store::outbox::{self, QueuedEnvelope, StatusRecord};
    use first_contact_store::referral_drafts;

    let directory = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let _mount = Mount::tmpfs(directory.path(), "2m");
    let vault = Vault::at(directory.path().join("data"));
    let mut connection = vault
        .create(&PASSPHRASE.into(), KDF, &profile())
        .unwrap_or_else(|e| panic!("{e}"));
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap_or_default();
    let mut draft = Referral::blank("r-1".into(), AgencyType::Ngo, today, "2026-11-28T10:00:00Z");
    draft.person.name = "Kept On Full Disk".into();
    referral_drafts::save(&connection, &draft).unwrap_or_else(|e| panic!("{e}"));

    // Fill what is left of the file system.
    let filler = directory.path().join("filler");
    let mut file = std::fs::File::create(&filler).unwrap_or_else(|e| panic!("{e}"));
    let block = vec![0u8; 16 * 1024];
    while std::io::Write::write_all(&mut file, &block).is_ok() {}
    drop(file);

    let status = StatusRecord {
        id: "r-1".into(),
        reference: "FC-TEST-0001".into(),
        kind: "referral".into(),
        finalised_at: "2026-11-28T11:00:00Z".into(),
        urgency: first_contact_domain::referral::Urgency::Routine,
        path: first_contact_domain::AgePathKind::Adult,
        catalogue_version: "2026.11.0".into(),
        state: first_contact_domain::referral::JourneyState::Queued,
        ..Default::default()
    };
    let envelope = QueuedEnvelope {
        position: 0,
        id: "r-1".into(),
        kind: "referral".into(),
        payload_format: 1,
        catalogue_version: "2026.11.0".into(),
        created_at: "2026-11-28T11:00:00Z".into(),
        envelope: vec![0xA5; 256 * 1024],
        attempts: 0,
        ..Default::default()
    };
    let result = outbox::finalise(&mut connection, "r-1", &status, &envelope);
    assert!(matches!(result, Err(StoreError::Full)), "got {result:?}");
    drop(connection);
    std::fs::remove_file(&filler).unwrap_or_else(|e| panic!("{e}"));

    let mut connection = vault
        .unlock(&PASSPHRASE.into())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        referral_drafts::get(&connection, "r-1")
            .map(|d| d.person.name)
            .ok()
            .as_deref(),
        Some("Kept On Full Disk")
    );
    assert!(outbox::queued(&connection).unwrap_or_default().is_empty());
    outbox::finalise(&mut connection, "r-1", &status, &envelope).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(outbox::queued(&connection).unwrap_or_default().len(), 1);
}

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
        .create(PASSPHRASE, KDF, &profile())
        .unwrap_or_else(|e| panic!("{e}"));
    let connection = vault.unlock(PASSPHRASE).unwrap_or_else(|e| panic!("{e}"));

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

    let reopened = vault.unlock(PASSPHRASE).unwrap_or_else(|e| panic!("{e}"));
    for s in &saved {
        assert_eq!(screenings::get(&reopened, &s.id).ok().as_ref(), Some(s));
    }
}

#[test]
fn a_read_only_folder_is_reported_and_left_intact() {
    let directory = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let vault = Vault::at(directory.path());
    vault
        .create(PASSPHRASE, KDF, &profile())
        .unwrap_or_else(|e| panic!("{e}"));
    {
        let connection = vault.unlock(PASSPHRASE).unwrap_or_else(|e| panic!("{e}"));
        screenings::save(&connection, &screening("s-1", "Amina")).unwrap_or_else(|e| panic!("{e}"));
    }
    let before = all_bytes(directory.path());
    {
        let _mount = Mount::read_only(directory.path());
        assert!(matches!(
            vault.unlock(PASSPHRASE),
            Err(StoreError::ReadOnly)
        ));
    }
    assert_eq!(all_bytes(directory.path()), before);
    let connection = vault.unlock(PASSPHRASE).unwrap_or_else(|e| panic!("{e}"));
    assert!(screenings::get(&connection, "s-1").is_ok());
}

//! Kill during finalise: a separate process finalises referrals in a loop and is killed with
//! SIGKILL at varying moments. Afterwards every referral it started is either still a draft or
//! fully queued (status record and envelope) — never both, never neither. The test also shows
//! that its kills land where they matter: in some round the kill came after a finalise began
//! (the probe said `finalising`) and before it committed (the referral is still a draft).

mod common;

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use common::*;
use first_contact_store::{outbox, referral_drafts, Vault};

#[test]
fn a_killed_finalise_leaves_each_referral_a_draft_or_queued() {
    let directory = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let vault = Vault::at(directory.path().join("data"));
    drop(
        vault
            .create(&PASSPHRASE.into(), KDF, &profile())
            .unwrap_or_else(|e| panic!("{e}")),
    );
    let mut started = BTreeSet::new();
    let mut inside_a_finalise = 0usize;
    // Kill after a varying number of output lines, so the kill lands before, inside and after
    // the finalise transaction in different rounds; go on (bounded) until one landed inside.
    let mut round = 0usize;
    while round < 12 || (inside_a_finalise == 0 && round < 120) {
        let mut child = Command::new(env!("CARGO_BIN_EXE_finalise-crash-probe"))
            .arg(vault.directory())
            .arg(PASSPHRASE)
            .stdout(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("{e}"));
        let stdout = child.stdout.take().unwrap_or_else(|| panic!("stdout"));
        let lines_before_kill = 3 + (round * 7) % 17;
        let mut last_line = String::new();
        for line in BufReader::new(stdout).lines().take(lines_before_kill) {
            let line = line.unwrap_or_else(|e| panic!("{e}"));
            if let Some(id) = line.strip_prefix("saved ") {
                started.insert(id.to_owned());
            }
            last_line = line;
        }
        child.kill().unwrap_or_else(|e| panic!("{e}"));
        let _ = child.wait();

        let connection = vault
            .unlock(&PASSPHRASE.into())
            .unwrap_or_else(|e| panic!("{e}"));
        let drafts: BTreeSet<String> = referral_drafts::all(&connection)
            .unwrap_or_else(|e| panic!("{e}"))
            .into_iter()
            .map(|d| d.id)
            .collect();
        let queued: BTreeSet<String> = outbox::queued(&connection)
            .unwrap_or_else(|e| panic!("{e}"))
            .into_iter()
            .map(|q| q.id)
            .collect();
        let statuses: BTreeSet<String> = outbox::statuses(&connection)
            .unwrap_or_else(|e| panic!("{e}"))
            .into_iter()
            .map(|s| s.id)
            .collect();
        assert_eq!(
            queued, statuses,
            "round {round}: envelope without status or the reverse"
        );
        assert!(
            drafts.is_disjoint(&queued),
            "round {round}: both draft and queued"
        );
        for id in &started {
            assert!(
                drafts.contains(id) || queued.contains(id),
                "round {round}: {id} was lost"
            );
        }
        if let Some(id) = last_line.strip_prefix("finalising ") {
            if drafts.contains(id) {
                inside_a_finalise += 1;
            }
        }
        // The next round starts numbering again from 0: clear the slate.
        drop(connection);
        std::fs::remove_dir_all(vault.directory()).unwrap_or_else(|e| panic!("{e}"));
        drop(
            vault
                .create(&PASSPHRASE.into(), KDF, &profile())
                .unwrap_or_else(|e| panic!("{e}")),
        );
        started.clear();
        round += 1;
    }
    assert!(
        inside_a_finalise > 0,
        "in {round} rounds no kill landed between the start of a finalise and its commit"
    );
}

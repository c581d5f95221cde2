//! A child process that leads a process group of its own, and the promise that ending it ends
//! everything it started: tauri-driver starts WebKitWebDriver, which starts the app, which
//! starts WebKit's helpers. Killing only the leader would orphan the rest (re-parented to PID 1
//! and left running), so the whole group is signalled and then checked to be gone.

use std::process::Child;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use rustix::process::{kill_process_group, Pid, Signal};

/// How long the kernel may take to deliver SIGKILL and tear the processes down.
const TEARDOWN_LIMIT: Duration = Duration::from_secs(10);

/// A running process group, ended (and reaped) when dropped.
#[derive(Debug)]
pub struct ProcessGroup {
    leader: Option<Child>,
    id: u32,
}

impl ProcessGroup {
    /// Takes a child spawned with `process_group(0)`, which makes its PID the group's ID.
    pub fn new(leader: Child) -> Self {
        let id = leader.id();
        Self {
            leader: Some(leader),
            id,
        }
    }

    /// Ends every process in the group and fails if one is still alive afterwards.
    pub fn end(mut self) -> Result<()> {
        self.kill();
        let deadline = Instant::now() + TEARDOWN_LIMIT;
        loop {
            let survivors = live_members(self.id)?;
            if survivors.is_empty() {
                return Ok(());
            }
            if Instant::now() > deadline {
                bail!("processes of group {} outlived it: {survivors:?}", self.id);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn kill(&mut self) {
        if let Some(mut leader) = self.leader.take() {
            if let Some(pid) = Pid::from_raw(self.id as i32) {
                // The group may already be empty (ESRCH); that is the outcome we want.
                let _ = kill_process_group(pid, Signal::KILL);
            }
            let _ = leader.kill();
            let _ = leader.wait();
        }
    }
}

impl Drop for ProcessGroup {
    fn drop(&mut self) {
        self.kill();
    }
}

/// The processes still running (zombies excluded: they are dead, only not yet reaped) whose
/// process group is `group`, with their command names.
pub fn live_members(group: u32) -> Result<Vec<(u32, String)>> {
    let mut members = Vec::new();
    for entry in std::fs::read_dir("/proc")
        .context("reading /proc")?
        .flatten()
    {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        // A process may end between listing and reading: skip it.
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
            continue;
        };
        if let Some((name, state, pgrp)) = parse_stat(&stat) {
            if pgrp == group && state != 'Z' && state != 'X' {
                members.push((pid, name));
            }
        }
    }
    Ok(members)
}

/// `(command name, state, process group)` from a /proc/PID/stat line. The name is in
/// parentheses and may itself contain spaces or parentheses, so fields are counted from the
/// last `)`.
fn parse_stat(stat: &str) -> Option<(String, char, u32)> {
    let open = stat.find('(')?;
    let close = stat.rfind(')')?;
    let name = stat.get(open + 1..close)?.to_owned();
    let mut rest = stat.get(close + 1..)?.split_whitespace();
    let state = rest.next()?.chars().next()?;
    let _parent = rest.next()?;
    let pgrp = rest.next()?.parse().ok()?;
    Some((name, state, pgrp))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::process::CommandExt;
    use std::process::{Command, Stdio};

    #[test]
    fn parses_a_name_with_spaces_and_parentheses() {
        let stat = "4242 (Web Content (x)) S 1 4240 4240 0 -1 4194560 0";
        assert_eq!(
            parse_stat(stat),
            Some(("Web Content (x)".to_owned(), 'S', 4240))
        );
    }

    /// The orphan the harness used to leave behind: a shell whose child outlives it. Ending the
    /// group ends the grandchild too, and the check sees that it is gone.
    #[test]
    fn ending_the_group_ends_grandchildren() -> Result<()> {
        let leader = Command::new("sh")
            .args(["-c", "sleep 300 & echo $!; wait"])
            .process_group(0)
            .stdout(Stdio::piped())
            .spawn()?;
        let mut leader = leader;
        let mut line = String::new();
        std::io::BufRead::read_line(
            &mut std::io::BufReader::new(leader.stdout.take().context("stdout")?),
            &mut line,
        )?;
        let grandchild: u32 = line.trim().parse()?;
        let group = ProcessGroup::new(leader);
        let id = group.id;
        assert!(live_members(id)?.iter().any(|(pid, _)| *pid == grandchild));
        group.end()?;
        assert!(live_members(id)?.is_empty());
        Ok(())
    }

    /// The check itself can fail: a process that escaped the group's signal (here, one never
    /// signalled) is reported as a survivor.
    #[test]
    fn a_live_member_is_reported() -> Result<()> {
        let mut child = Command::new("sleep").arg("300").process_group(0).spawn()?;
        let id = child.id();
        let found = live_members(id)?;
        child.kill()?;
        child.wait()?;
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].1, "sleep");
        Ok(())
    }
}

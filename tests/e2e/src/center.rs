//! The reference Center as a separate process for end-to-end tests: the real `center` binary,
//! started on a loopback port it picks and reports, administered through `center admin`.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use anyhow::{bail, Context, Result};

pub fn center_binary() -> PathBuf {
    crate::app_binary().with_file_name("center")
}

/// A running `center serve`.
#[derive(Debug)]
pub struct CenterProcess {
    child: Child,
    pub url: String,
}

impl CenterProcess {
    /// Starts the Center on `listen` (`127.0.0.1:0` for any free port) and waits for the line
    /// in which it reports its address.
    pub fn start(data_dir: &Path, listen: &str) -> Result<Self> {
        let binary = center_binary();
        if !binary.is_file() {
            bail!(
                "{} is missing: run `make test`, which builds it",
                binary.display()
            );
        }
        let mut child = Command::new(&binary)
            .args(["--data-dir"])
            .arg(data_dir)
            .args(["serve", "--listen", listen])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .context("starting the Center")?;
        let stdout = child.stdout.take().context("the Center's output")?;
        let mut lines = BufReader::new(stdout).lines();
        let first = lines.next().context("the Center said nothing")??;
        let url = first
            .rsplit(' ')
            .next()
            .filter(|url| url.starts_with("https://"))
            .with_context(|| format!("unexpected first line: {first}"))?
            .to_owned();
        // Keep reading so the Center never blocks on a full pipe.
        std::thread::spawn(move || lines.for_each(drop));
        Ok(Self { child, url })
    }

    /// `127.0.0.1:<port>` of this Center, to start it again at the same address.
    pub fn listen_address(&self) -> &str {
        self.url.trim_start_matches("https://")
    }

    /// Stops it the hard way, as a crash or a power cut would.
    pub fn kill(mut self) -> Result<()> {
        self.child.kill()?;
        self.child.wait()?;
        Ok(())
    }
}

impl Drop for CenterProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Runs `center admin --json <args…>` on `data_dir` and returns its JSON output.
pub fn admin(data_dir: &Path, args: &[&str]) -> Result<serde_json::Value> {
    let output = Command::new(center_binary())
        .arg("--data-dir")
        .arg(data_dir)
        .args(["admin", "--json"])
        .args(args)
        .output()
        .context("running center admin")?;
    if !output.status.success() {
        bail!(
            "center admin {args:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    serde_json::from_slice(&output.stdout).context("center admin's JSON")
}

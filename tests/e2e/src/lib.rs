//! Harness for end-to-end tests of the real desktop app: an Xvfb display, `tauri-driver`
//! (which drives WebKitWebDriver), and a WebDriver client. Every process started here is ended
//! by its PID when the session ends; tauri-driver runs in a process group of its own, so its
//! children (WebKitWebDriver, the app, WebKit's helpers) end with it.

pub mod center;
mod process_group;

use std::io::{BufRead, BufReader};
use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};

pub use process_group::ProcessGroup;

pub const PASSPHRASE: &str = "amber window 1848 tide";

/// Observations that make the adults / labour rule positive: DR and EX by one strong and one
/// medium indicator each, CD by two strong ones.
pub const POSITIVE_ADULTS_LABOUR: [&str; 6] = [
    "DR.nature-of-job",
    "DR.wages",
    "EX.excessive-hours",
    "EX.low-pay",
    "CD.documents",
    "CD.debt-bondage",
];

/// The debug build of the desktop app, built by `make test` before these tests run.
pub fn app_binary() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    target.join("debug/first-contact")
}

/// An X display of our own, on a number the server picks.
#[derive(Debug)]
pub struct Display {
    process: Child,
    pub number: String,
}

impl Display {
    pub fn start() -> Result<Self> {
        let mut process = Command::new("Xvfb")
            .args([
                "-displayfd",
                "1",
                "-screen",
                "0",
                "1366x768x24",
                "-nolisten",
                "tcp",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .context("starting Xvfb (make test installs it)")?;
        let stdout = process.stdout.take().context("Xvfb stdout")?;
        let mut line = String::new();
        // Xvfb writes the display number once it accepts connections: that is our readiness.
        BufReader::new(stdout).read_line(&mut line)?;
        let number = line.trim().to_owned();
        if number.is_empty() {
            bail!("Xvfb did not report a display");
        }
        Ok(Self {
            process,
            number: format!(":{number}"),
        })
    }
}

impl Drop for Display {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

fn free_port() -> Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

fn tauri_driver() -> PathBuf {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .unwrap_or_default();
    let installed = home.join("bin/tauri-driver");
    if installed.is_file() {
        installed
    } else {
        PathBuf::from("tauri-driver")
    }
}

/// One running app (with its own data folder) under WebDriver.
#[derive(Debug)]
pub struct AppSession {
    pub client: Client,
    driver: ProcessGroup,
    /// When the WebDriver session was requested, which is when the app process is launched.
    pub launched: Instant,
}

impl AppSession {
    pub async fn start(display: &Display, data_dir: &Path) -> Result<Self> {
        Self::start_with(display, data_dir, &[]).await
    }

    /// Starts the app with extra environment variables (e.g. sync timings).
    pub async fn start_with(
        display: &Display,
        data_dir: &Path,
        environment: &[(&str, &str)],
    ) -> Result<Self> {
        let binary = app_binary();
        if !binary.is_file() {
            bail!(
                "{} is missing: run `make test`, which builds it",
                binary.display()
            );
        }
        let port = free_port()?;
        let native_port = free_port()?;
        let mut command = Command::new(tauri_driver());
        command.envs(environment.iter().copied());
        let driver = command
            .process_group(0)
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .env("DISPLAY", &display.number)
            .env("FIRST_CONTACT_DATA_DIR", data_dir)
            .env("WEBKIT_DISABLE_COMPOSITING_MODE", "1")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .context("starting tauri-driver (make test installs it)")?;
        // Owned from here on: if start-up fails half way, dropping it ends the whole group.
        let driver = ProcessGroup::new(driver);
        wait_for_port(port, Duration::from_secs(20))?;
        let capabilities = serde_json::json!({
            "browserName": "wry",
            "tauri:options": { "application": binary },
        });
        let capabilities = match capabilities {
            serde_json::Value::Object(map) => map,
            _ => bail!("capabilities"),
        };
        let launched = Instant::now();
        let client = ClientBuilder::native()
            .capabilities(capabilities)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .context("connecting to tauri-driver")?;
        Ok(Self {
            client,
            driver,
            launched,
        })
    }

    /// Closes the window, ends the driver's process group and checks that nothing it started
    /// outlives it.
    pub async fn finish(self) -> Result<()> {
        let closed = self.client.clone().close().await;
        let ended = self.driver.end();
        closed.context("closing the WebDriver session")?;
        ended
    }

    /// The app's process ids (the app and the WebKit processes it spawned), found through
    /// /proc by the data folder this session gave it.
    pub fn app_pids(data_dir: &Path) -> Vec<u32> {
        let marker = format!("FIRST_CONTACT_DATA_DIR={}", data_dir.display());
        let mut pids = Vec::new();
        let Ok(entries) = std::fs::read_dir("/proc") else {
            return pids;
        };
        for entry in entries.flatten() {
            let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
                continue;
            };
            let environ = std::fs::read(entry.path().join("environ")).unwrap_or_default();
            let has_marker = environ
                .split(|b| *b == 0)
                .any(|var| var == marker.as_bytes());
            let cmdline = std::fs::read(entry.path().join("cmdline")).unwrap_or_default();
            let is_driver = String::from_utf8_lossy(&cmdline).contains("driver");
            if has_marker && !is_driver {
                pids.push(pid);
            }
        }
        pids
    }

    /// Waits for the element and scrolls it into view (WebKitWebDriver will not interact with
    /// an element outside the viewport).
    pub async fn by_id(&self, test_id: &str) -> Result<Element> {
        let element = self.find(test_id).await?;
        self.client
            .execute(
                "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});",
                vec![serde_json::to_value(&element)?],
            )
            .await?;
        Ok(element)
    }

    async fn find(&self, test_id: &str) -> Result<Element> {
        self.client
            .wait()
            .at_most(Duration::from_secs(20))
            .for_element(Locator::Css(&format!("[data-testid=\"{test_id}\"]")))
            .await
            .with_context(|| format!("waiting for [data-testid={test_id}]"))
    }

    pub async fn all_by_id(&self, test_id: &str) -> Result<Vec<Element>> {
        Ok(self
            .client
            .find_all(Locator::Css(&format!("[data-testid=\"{test_id}\"]")))
            .await?)
    }

    pub async fn click(&self, test_id: &str) -> Result<()> {
        let element = self.by_id(test_id).await?;
        if let Err(e) = element.click().await {
            let png = self.client.screenshot().await.unwrap_or_default();
            let _ = std::fs::write("/tmp/e2e-fail.png", png);
            anyhow::bail!("click {test_id}: {e:?}");
        }
        Ok(())
    }

    /// Replaces the text of an input.
    pub async fn fill(&self, test_id: &str, text: &str) -> Result<()> {
        let element = self.by_id(test_id).await?;
        let typed = match element.clear().await {
            Ok(()) => element.send_keys(text).await,
            Err(e) => Err(e),
        };
        if let Err(e) = typed {
            let png = self.client.screenshot().await.unwrap_or_default();
            let _ = std::fs::write("/tmp/e2e-fail.png", png);
            anyhow::bail!("typing into {test_id}: {e:?}");
        }
        Ok(())
    }

    /// Types `typed` into the searchable picker `test_id` (countries, languages), clicks the
    /// option for `code` in its list.
    pub async fn pick(&self, test_id: &str, typed: &str, code: &str) -> Result<()> {
        self.fill(test_id, typed).await?;
        let option = format!("[role=\"option\"][data-code=\"{code}\"]");
        let found = self
            .client
            .wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::Css(&option))
            .await
            .map_err(|e| anyhow::anyhow!("no option {code} after typing {typed:?}: {e:?}"))?;
        found.click().await?;
        Ok(())
    }

    /// Sets an input's value the way a date picker would, and lets the UI see the change.
    pub async fn set_value(&self, test_id: &str, value: &str) -> Result<()> {
        let element = self.by_id(test_id).await?;
        self.client
            .execute(
                "const el = arguments[0]; el.value = arguments[1];
                 el.dispatchEvent(new Event('input', {bubbles: true}));
                 el.dispatchEvent(new Event('change', {bubbles: true}));",
                vec![
                    serde_json::to_value(&element)?,
                    serde_json::Value::from(value),
                ],
            )
            .await?;
        Ok(())
    }

    pub async fn select(&self, test_id: &str, value: &str) -> Result<()> {
        self.by_id(test_id).await?.select_by_value(value).await?;
        Ok(())
    }

    pub async fn text(&self, test_id: &str) -> Result<String> {
        Ok(self.by_id(test_id).await?.text().await?)
    }

    pub async fn attribute(&self, test_id: &str, name: &str) -> Result<Option<String>> {
        Ok(self.by_id(test_id).await?.attr(name).await?)
    }

    /// Waits until `test_id` has attribute `name` equal to `value`.
    pub async fn wait_for_attribute(&self, test_id: &str, name: &str, value: &str) -> Result<()> {
        let deadline = Instant::now() + Duration::from_secs(20);
        let selector = format!("[data-testid=\"{test_id}\"][{name}=\"{value}\"]");
        self.client
            .wait()
            .at_most(deadline - Instant::now())
            .for_element(Locator::Css(&selector))
            .await
            .with_context(|| format!("waiting for {selector}"))?;
        Ok(())
    }

    /// Fills in the set-up screen, acknowledges the recovery code it then shows, and waits for
    /// the screenings list. Answers the recovery code.
    pub async fn create_profile(&self, name: &str) -> Result<String> {
        self.fill("setup-display-name", name).await?;
        self.select("setup-agency", "labour_inspection").await?;
        self.fill("setup-passphrase", PASSPHRASE).await?;
        self.fill("setup-passphrase-confirm", PASSPHRASE).await?;
        self.click("setup-submit").await?;
        let code = self.text("recovery-code").await?;
        self.click("recovery-written").await?;
        self.click("recovery-continue").await?;
        self.by_id("screenings-page").await?;
        Ok(code)
    }

    /// Unlocks from the lock screen and waits for the screenings list.
    pub async fn unlock(&self) -> Result<()> {
        self.by_id("lock-screen").await?;
        self.fill("unlock-passphrase", PASSPHRASE).await?;
        self.click("unlock-submit").await?;
        self.by_id("screenings-page").await?;
        Ok(())
    }

    /// Ticks an indicator in the screening editor and checks that it took.
    pub async fn observe(&self, key: &str) -> Result<()> {
        let id = format!("indicator-{key}");
        self.click(&id).await?;
        if !self.by_id(&id).await?.is_selected().await? {
            bail!("{key} did not become checked");
        }
        Ok(())
    }

    /// Waits until the editor reports that everything typed is saved.
    pub async fn saved(&self) -> Result<()> {
        self.wait_for_attribute("save-status", "data-state", "saved")
            .await
    }

    /// Waits until the element's text contains `needle`.
    /// Waits until no element with `test_id` is on the page.
    pub async fn wait_for_absent(&self, test_id: &str) -> Result<()> {
        let deadline = Instant::now() + Duration::from_secs(20);
        while !self.all_by_id(test_id).await?.is_empty() {
            if Instant::now() > deadline {
                bail!("[data-testid={test_id}] is still shown");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        Ok(())
    }

    /// Waits until a form field's current value (not its attribute) is `expected`.
    pub async fn wait_for_value(&self, test_id: &str, expected: &str) -> Result<()> {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let value = self.by_id(test_id).await?.prop("value").await?;
            if value.as_deref() == Some(expected) {
                return Ok(());
            }
            if Instant::now() > deadline {
                bail!("[data-testid={test_id}] never held {expected:?}; last value {value:?}");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    pub async fn wait_for_text(&self, test_id: &str, needle: &str) -> Result<String> {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let text = self.text(test_id).await.unwrap_or_default();
            if text.contains(needle) {
                return Ok(text);
            }
            if Instant::now() > deadline {
                bail!("[data-testid={test_id}] never contained {needle:?}; last text {text:?}");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

fn wait_for_port(port: u16, limit: Duration) -> Result<()> {
    let deadline = Instant::now() + limit;
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        if Instant::now() > deadline {
            bail!("tauri-driver did not listen on {port}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    Ok(())
}

/// Every byte of every file under `directory`.
pub fn files_under(directory: &Path) -> Result<Vec<(PathBuf, Vec<u8>)>> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(directory)? {
        let path = entry?.path();
        if path.is_dir() {
            found.extend(files_under(&path)?);
        } else {
            found.push((path.clone(), std::fs::read(&path)?));
        }
    }
    Ok(found)
}

pub fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle.as_bytes())
}

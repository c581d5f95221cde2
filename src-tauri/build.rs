//! Declares the app's own commands to Tauri, so that the access list is enforced on them too:
//! each needs an `allow-<command>` permission, granted to the main window in
//! `capabilities/main.json`.

#[path = "src/command_names.rs"]
mod command_names;

use command_names::COMMANDS;

fn main() {
    println!("cargo:rerun-if-changed=src/command_names.rs");
    println!("cargo:rerun-if-changed=capabilities");
    let attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    // Without the manifest an undeclared command would be callable with no grant: stop loudly.
    if let Err(error) = tauri_build::try_build(attributes) {
        panic!("tauri-build: {error:#}");
    }
}

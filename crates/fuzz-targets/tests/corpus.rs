//! The regression slice of the fuzzing (docs/reliability.md, "Fuzzing"), on the stable
//! toolchain: every committed corpus file of every target (fuzz/corpus/<target>/, minimised,
//! with the inputs of fixed crashes among them) goes through the same function the fuzz target
//! calls, and so do freshly made seeds. A panic is a failure.

use std::path::{Path, PathBuf};

use first_contact_fuzz_targets::{seeds, TARGETS};

/// Corpus files are at most libFuzzer's input length; anything larger is not a corpus file.
const MAX_INPUT_BYTES: u64 = 1024 * 1024;

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/corpus")
}

#[test]
fn every_committed_corpus_input_passes_its_target() {
    let mut total = 0;
    for (name, target) in TARGETS {
        let folder = corpus().join(name);
        let entries =
            std::fs::read_dir(&folder).unwrap_or_else(|e| panic!("{}: {e}", folder.display()));
        let mut count = 0;
        for entry in entries {
            let path = entry.unwrap_or_else(|e| panic!("{e}")).path();
            let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
            if !path.is_file() || size > MAX_INPUT_BYTES {
                continue;
            }
            let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{e}"));
            let outcome = std::panic::catch_unwind(|| target(&bytes));
            assert!(outcome.is_ok(), "{name} panics on {}", path.display());
            count += 1;
        }
        assert!(count > 0, "no corpus for {name} in {}", folder.display());
        total += count;
    }
    assert!(total >= TARGETS.len());
}

#[test]
fn the_seeds_pass_their_targets() {
    for seed in seeds::all(&[first_contact_domain::catalogue::BUILT_IN_JSON.to_owned()]) {
        let (_, target) = TARGETS
            .iter()
            .find(|(name, _)| *name == seed.target)
            .unwrap_or_else(|| panic!("no target {}", seed.target));
        target(&seed.bytes);
    }
}

#[test]
fn every_target_has_a_fuzz_target_file() {
    let folder = corpus().join("../fuzz_targets");
    for (name, _) in TARGETS {
        let path = folder.join(format!("{name}.rs"));
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(
            text.contains(&format!("first_contact_fuzz_targets::{name}(data)")),
            "{} does not call {name}",
            path.display()
        );
    }
}

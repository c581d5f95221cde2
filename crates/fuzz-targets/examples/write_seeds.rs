//! Writes the seeds of every fuzz target into `fuzz/corpus/<target>/seed-<name>`:
//! `cargo run --release -p first-contact-fuzz-targets --example write_seeds`.

use std::path::Path;

fn main() -> std::io::Result<()> {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/corpus");
    let catalogues = first_contact_fuzz_targets::seeds::small_catalogues();
    for seed in first_contact_fuzz_targets::seeds::all(&catalogues) {
        let folder = corpus.join(seed.target);
        std::fs::create_dir_all(&folder)?;
        let path = folder.join(format!("seed-{}", seed.name));
        std::fs::write(&path, &seed.bytes)?;
        println!("{} ({} bytes)", path.display(), seed.bytes.len());
    }
    Ok(())
}

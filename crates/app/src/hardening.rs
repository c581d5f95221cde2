//! Keeps the unlocked store's key and the passphrase out of core dumps and out of reach of
//! debuggers run by the same user: the process is made non-dumpable and core files are
//! disabled. Linux only for now; elsewhere this does nothing.

/// Applied before the passphrase is stretched, at every unlock and profile creation; both
/// settings last for the life of the process, so repeating them costs nothing. Not undone on
/// lock: freed memory may still hold what was there.
#[cfg(target_os = "linux")]
pub(crate) fn protect_process() -> std::io::Result<()> {
    use rustix::process::{set_dumpable_behavior, setrlimit, DumpableBehavior, Resource, Rlimit};
    setrlimit(
        Resource::Core,
        Rlimit {
            current: Some(0),
            maximum: Some(0),
        },
    )?;
    set_dumpable_behavior(DumpableBehavior::NotDumpable)?;
    Ok(())
}

#[cfg(not(target_os = "linux"))]
pub(crate) fn protect_process() -> std::io::Result<()> {
    Ok(())
}

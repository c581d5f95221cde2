//! Files only the Center's operator may read: created with mode 0600 in a 0700 folder, written
//! to a temporary name and renamed, so a crash never leaves half a key.

use std::io::Write;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::Path;

use crate::error::CenterError;

pub fn ensure_private_dir(dir: &Path) -> Result<(), CenterError> {
    std::fs::create_dir_all(dir).map_err(|e| CenterError::file(dir, e))?;
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
        .map_err(|e| CenterError::file(dir, e))
}

pub fn write_private(path: &Path, bytes: &[u8]) -> Result<(), CenterError> {
    let temporary = path.with_extension("partial");
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(&temporary)
        .map_err(|e| CenterError::file(&temporary, e))?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .map_err(|e| CenterError::file(&temporary, e))?;
    std::fs::rename(&temporary, path).map_err(|e| CenterError::file(path, e))
}

pub fn write_public(path: &Path, bytes: &[u8]) -> Result<(), CenterError> {
    let temporary = path.with_extension("partial");
    std::fs::write(&temporary, bytes).map_err(|e| CenterError::file(&temporary, e))?;
    std::fs::rename(&temporary, path).map_err(|e| CenterError::file(path, e))
}

pub fn read(path: &Path) -> Result<Option<Vec<u8>>, CenterError> {
    match std::fs::read(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(CenterError::file(path, e)),
    }
}

//! Secrets the process generates for itself (the token signing key, the link key): written once,
//! readable only by their owner, never half-written.

use std::path::Path;

/// Writes a secret (a key) that the process generated, readable only by its owner, unless the
/// file exists. Nodes sharing a data folder may race here: the content is written to a private
/// temporary file and linked into place, so whoever links first wins and nobody ever reads a
/// half-written key.
pub fn create_secret_file(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let folder = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(folder)?;
    let scratch = folder.join(format!(
        ".{}.{}",
        std::process::id(),
        uuid::Uuid::now_v7().simple()
    ));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let written = options
        .open(&scratch)
        .and_then(|mut file| file.write_all(contents).and_then(|()| file.sync_all()));
    let linked = written.and_then(|()| match std::fs::hard_link(&scratch, path) {
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        other => other,
    });
    let _ = std::fs::remove_file(&scratch);
    linked
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_secret_file_is_written_once_and_never_replaced() {
        let dir = tempfile::tempdir().expect("a folder");
        let path = dir.path().join("keys").join("secret");
        create_secret_file(&path, b"first").expect("writes");
        create_secret_file(&path, b"second").expect("leaves it");
        assert_eq!(std::fs::read(&path).expect("reads"), b"first");
        let leftovers = std::fs::read_dir(path.parent().expect("a folder"))
            .expect("lists")
            .count();
        assert_eq!(leftovers, 1, "no scratch file left behind");
    }
}

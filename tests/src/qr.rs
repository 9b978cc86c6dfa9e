//! Test helper: finds and decodes the QR code printed in a PDF.
//!
//! Needs `pdftoppm` from the Debian package `poppler-utils` on the `PATH`,
//! and the crates `image` (feature `png`), `rqrr` and `tempfile`.

use std::path::PathBuf;
use std::process::Command;

/// Rasterises every page of `pdf` at 150 dpi with `pdftoppm` and returns the
/// text of the first QR code found, looking at the pages in order.
///
/// Errors describe what failed: running `pdftoppm`, reading its PNG output,
/// or finding a decodable QR code on any page.
pub fn decode_qr_from_pdf(pdf: &[u8]) -> Result<String, String> {
    let dir = tempfile::tempdir().map_err(|e| format!("cannot create a temp dir: {e}"))?;
    let input = dir.path().join("document.pdf");
    std::fs::write(&input, pdf).map_err(|e| format!("cannot write the PDF: {e}"))?;

    let output = Command::new("pdftoppm")
        .args(["-r", "150", "-png"])
        .arg(&input)
        .arg(dir.path().join("page"))
        .output()
        .map_err(|e| format!("cannot run pdftoppm (install poppler-utils): {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "pdftoppm failed ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        ));
    }

    // pdftoppm names pages page-1.png, or page-01.png etc. for longer files,
    // so sorting by name keeps them in page order.
    let mut pngs: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .map_err(|e| format!("cannot list the rendered pages: {e}"))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "png"))
        .collect();
    pngs.sort();
    if pngs.is_empty() {
        return Err("pdftoppm produced no pages".to_owned());
    }

    let mut failures = Vec::new();
    for png in &pngs {
        let image = image::open(png)
            .map_err(|e| format!("cannot read {}: {e}", png.display()))?
            .into_luma8();
        let mut prepared = rqrr::PreparedImage::prepare(image);
        for grid in prepared.detect_grids() {
            match grid.decode() {
                Ok((_meta, content)) => return Ok(content),
                Err(e) => failures.push(format!("{}: {e}", png.display())),
            }
        }
    }
    if failures.is_empty() {
        Err(format!("no QR code found on {} page(s)", pngs.len()))
    } else {
        Err(format!(
            "QR code found but not decoded: {}",
            failures.join("; ")
        ))
    }
}

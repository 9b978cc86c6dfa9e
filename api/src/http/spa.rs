//! Serves the built SPA (`frontend/dist`) at `/`, so one `saulet` process is the whole product.
//! Paths that are not files get `index.html`, and the SPA's router takes over (client-side
//! routing fallback). Without a build, `/` answers a 404 problem and start-up logs why.

use std::path::{Path, PathBuf};

use actix_files::{Files, NamedFile};
use actix_web::dev::{ServiceRequest, ServiceResponse, fn_service};

/// The file server, when `static_dir` holds a built SPA.
pub fn files(static_dir: &Path) -> Option<Files> {
    let index = static_dir.join("index.html");
    if !index.is_file() {
        return None;
    }
    let files = Files::new("/", static_dir)
        .index_file("index.html")
        .prefer_utf8(true)
        .default_handler(fn_service(move |req: ServiceRequest| {
            let index: PathBuf = index.clone();
            async move {
                let (req, _) = req.into_parts();
                let file = NamedFile::open_async(&index).await?;
                let response = file.into_response(&req);
                Ok(ServiceResponse::new(req, response))
            }
        }));
    Some(files)
}

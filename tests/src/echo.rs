//! A route of the tests' own, mounted under `/api/v1/__test/`, that exercises the shared
//! extractors (JSON body, query, path) exactly as the areas' handlers use them.

use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};
use validator::Validate;

use saulet_api::http::Json;

#[derive(Debug, Deserialize, Serialize, Validate)]
pub struct EchoBody {
    #[validate(length(min = 1, max = 50))]
    pub name: String,
    #[validate(range(max = 100))]
    pub count: u32,
}

#[derive(Debug, Deserialize)]
pub struct EchoQuery {
    pub repeat: Option<u8>,
}

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/__test/echo", web::post().to(echo))
        .route("/__test/items/{id}", web::get().to(item));
}

async fn echo(body: Json<EchoBody>, query: web::Query<EchoQuery>) -> HttpResponse {
    let _ = query.repeat;
    HttpResponse::Ok().json(body.into_inner())
}

async fn item(id: web::Path<uuid::Uuid>) -> HttpResponse {
    HttpResponse::Ok().json(serde_json::json!({ "id": id.into_inner() }))
}

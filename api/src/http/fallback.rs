//! What the API answers when no handler matched: 405 with `Allow` when the path exists with
//! other methods, 404 otherwise, both as problem+json. The route table is read from the
//! OpenAPI document, so the spec and the 405 answers cannot drift apart.

use actix_web::{HttpRequest, HttpResponse, ResponseError, dev::ResourceDef, http::Method, web};
use utoipa::openapi::{OpenApi, path::HttpMethod};

use crate::error::ApiError;

/// Every documented path with the methods it accepts.
#[derive(Debug, Default)]
pub struct RouteTable {
    routes: Vec<(ResourceDef, Vec<Method>)>,
}

impl RouteTable {
    pub fn from_openapi(doc: &OpenApi) -> Self {
        let routes = doc
            .paths
            .paths
            .iter()
            .map(|(path, item)| {
                let methods = [
                    (HttpMethod::Get, &item.get),
                    (HttpMethod::Put, &item.put),
                    (HttpMethod::Post, &item.post),
                    (HttpMethod::Delete, &item.delete),
                    (HttpMethod::Options, &item.options),
                    (HttpMethod::Head, &item.head),
                    (HttpMethod::Patch, &item.patch),
                    (HttpMethod::Trace, &item.trace),
                ]
                .into_iter()
                .filter(|(_, operation)| operation.is_some())
                .map(|(method, _)| to_actix(method))
                .collect();
                (ResourceDef::new(path.as_str()), methods)
            })
            .collect();
        Self { routes }
    }

    /// The methods a path accepts, if the path exists at all.
    pub fn allowed(&self, path: &str) -> Option<Vec<Method>> {
        let mut allowed: Vec<Method> = self
            .routes
            .iter()
            .filter(|(def, _)| def.is_match(path))
            .flat_map(|(_, methods)| methods.iter().cloned())
            .collect();
        if allowed.is_empty() {
            return None;
        }
        allowed.sort_by(|a, b| a.as_str().cmp(b.as_str()));
        allowed.dedup();
        Some(allowed)
    }
}

fn to_actix(method: HttpMethod) -> Method {
    match method {
        HttpMethod::Get => Method::GET,
        HttpMethod::Post => Method::POST,
        HttpMethod::Put => Method::PUT,
        HttpMethod::Delete => Method::DELETE,
        HttpMethod::Options => Method::OPTIONS,
        HttpMethod::Head => Method::HEAD,
        HttpMethod::Patch => Method::PATCH,
        HttpMethod::Trace => Method::TRACE,
    }
}

/// The default service of the API scopes (and of the app when no SPA is served).
pub async fn unmatched(req: HttpRequest, routes: Option<web::Data<RouteTable>>) -> HttpResponse {
    let error = match routes.and_then(|table| table.allowed(req.path())) {
        Some(allowed) if !allowed.contains(req.method()) => ApiError::MethodNotAllowed(allowed),
        _ => ApiError::NotFound,
    };
    error.error_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use utoipa::openapi::{
        OpenApiBuilder, PathItem, Paths,
        path::{HttpMethod, OperationBuilder},
    };

    fn table() -> RouteTable {
        let paths = Paths::builder()
            .path(
                "/api/v1/items/{id}",
                PathItem::new(HttpMethod::Get, OperationBuilder::new().build()),
            )
            .path(
                "/api/v1/items",
                PathItem::new(HttpMethod::Post, OperationBuilder::new().build()),
            )
            .build();
        RouteTable::from_openapi(&OpenApiBuilder::new().paths(paths).build())
    }

    #[test]
    fn a_known_path_reports_its_methods() {
        assert_eq!(table().allowed("/api/v1/items/42"), Some(vec![Method::GET]));
        assert_eq!(table().allowed("/api/v1/items"), Some(vec![Method::POST]));
    }

    #[test]
    fn an_unknown_path_reports_nothing() {
        assert_eq!(table().allowed("/api/v1/items/42/extra"), None);
        assert_eq!(table().allowed("/api/v1/other"), None);
    }
}

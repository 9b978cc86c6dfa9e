//! Helpers for the permits tests: the people of a review, drafts with documents, signed
//! submissions and signed decisions, as a browser or an integrator would send them.

use chrono::{Datelike, Duration, NaiveDate};
use saulet_api::{
    accounts::{admin, entity::account::Role},
    eds::KeyPurpose,
};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::{PASSWORD, TestApp, pki::pki};

/// A small but real PDF file (the type is read from its bytes).
pub const PDF: &[u8] =
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

/// The first bytes of a PNG image.
pub const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde";

/// A Windows program (the PE header's "MZ").
pub const EXE: &[u8] = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00\xb8\x00\x00\x00\x00\x00\x00\x00@\x00\x00\x00";

/// A signed-in person: their token, account id, email and dev PKI name.
#[derive(Debug, Clone)]
pub struct Person {
    pub token: String,
    pub id: Uuid,
    pub email: String,
    pub pki: &'static str,
}

/// Everyone a review involves.
pub struct Cast {
    /// A construction company's employee: applies for the company.
    pub applicant: Person,
    /// The head of the same company (same BIN): sees and acts on the company's requests.
    pub colleague: Person,
    /// Another individual applicant.
    pub stranger: Person,
    /// A reviewer of the department the requests are routed to.
    pub reviewer: Person,
    /// Staff of the water utility (approves technical conditions).
    pub water: Person,
    /// Staff of the power utility.
    pub power: Person,
    pub admin: Person,
}

impl TestApp {
    /// Registers `pki_user` with `email`, optionally grants `role`, signs in.
    pub async fn person(&self, pki_user: &'static str, email: &str, role: Option<Role>) -> Person {
        let account = self.registered(pki_user, email).await;
        if let Some(role) = role {
            admin::grant_role(&self.db, email, role)
                .await
                .expect("the role is granted");
        }
        Person {
            token: self.login(email, PASSWORD).await["access_token"]
                .as_str()
                .expect("a token")
                .to_owned(),
            id: account["id"]
                .as_str()
                .and_then(|id| id.parse().ok())
                .expect("an id"),
            email: email.to_owned(),
            pki: pki_user,
        }
    }

    /// Signs `person` in again (after the injected clock moved past the token's life).
    pub async fn refresh(&self, person: &mut Person) {
        person.token = self.login(&person.email, PASSWORD).await["access_token"]
            .as_str()
            .expect("a token")
            .to_owned();
    }

    pub async fn cast(&self) -> Cast {
        Cast {
            applicant: self.person("employee", "aigul@build.kz", None).await,
            colleague: self.person("head", "erlan@build.kz", None).await,
            stranger: self
                .person("second-individual", "gulnar@mail.kz", None)
                .await,
            reviewer: self
                .person("reviewer", "dinara@saulet.kz", Some(Role::Reviewer))
                .await,
            water: self
                .person("water-engineer", "baurzhan@water.kz", Some(Role::Reviewer))
                .await,
            power: self
                .person("power-engineer", "zhanar@power.kz", Some(Role::Reviewer))
                .await,
            admin: self
                .person("admin", "admin@saulet.kz", Some(Role::Admin))
                .await,
        }
    }

    /// A new draft; panics unless it is created.
    pub async fn draft(&self, who: &Person, type_code: &str, form: Value) -> Value {
        let response = self
            .post_as(
                "/api/v1/permit-requests",
                &who.token,
                &json!({"type_code": type_code, "title": format!("{type_code} test"), "form_data": form}),
            )
            .await;
        let status = response.status();
        let body: Value = response.json().await.expect("JSON");
        assert_eq!(status, 201, "{body}");
        body
    }

    /// Uploads `bytes` as `file_name` into `slot`.
    pub async fn upload(
        &self,
        who: &Person,
        id: &str,
        slot: &str,
        file_name: &str,
        bytes: &[u8],
    ) -> reqwest::Response {
        let part = reqwest::multipart::Part::bytes(bytes.to_vec())
            .file_name(file_name.to_owned())
            .mime_str("application/octet-stream")
            .expect("a part");
        let form = reqwest::multipart::Form::new().part("file", part);
        self.client
            .post(self.url(&format!(
                "/api/v1/permit-requests/{id}/documents?slot={slot}"
            )))
            .bearer_auth(&who.token)
            .multipart(form)
            .send()
            .await
            .expect("the server answers")
    }

    /// Reads the digest, signs it with `who`'s SIGN key and submits.
    pub async fn submit(&self, who: &Person, id: &str) -> reqwest::Response {
        self.submit_with_key(who, id, None).await
    }

    pub async fn submit_with_key(
        &self,
        who: &Person,
        id: &str,
        idempotency_key: Option<&str>,
    ) -> reqwest::Response {
        let digest: Value = self
            .get_as(&format!("/api/v1/permit-requests/{id}/digest"), &who.token)
            .await
            .json()
            .await
            .expect("JSON");
        let digest = digest["digest"].as_str().expect("a digest").to_owned();
        let signature = pki().sign(who.pki, KeyPurpose::Signing, digest.as_bytes());
        let mut request = self
            .client
            .post(self.url(&format!("/api/v1/permit-requests/{id}/submit")))
            .bearer_auth(&who.token)
            .json(&json!({"digest": digest, "signature": signature}));
        if let Some(key) = idempotency_key {
            request = request.header("Idempotency-Key", key);
        }
        request.send().await.expect("the server answers")
    }

    /// A submitted sketch-approval request of `who`, with its document.
    pub async fn submitted_sketch(&self, who: &Person) -> Value {
        let draft = self.draft(who, "sketch-approval", sketch_form()).await;
        let id = draft["id"].as_str().expect("an id");
        let uploaded = self.upload(who, id, "sketch", "эскиз.pdf", PDF).await;
        assert_eq!(uploaded.status(), 201);
        let submitted = self.submit(who, id).await;
        let status = submitted.status();
        let body: Value = submitted.json().await.expect("JSON");
        assert_eq!(status, 200, "{body}");
        body
    }

    /// `POST /permit-requests/{id}/{action}` with `body`.
    pub async fn act(
        &self,
        who: &Person,
        id: &str,
        action: &str,
        body: Value,
    ) -> reqwest::Response {
        self.post_as(
            &format!("/api/v1/permit-requests/{id}/{action}"),
            &who.token,
            &body,
        )
        .await
    }

    /// Like [`act`](Self::act), expecting 200; the request view.
    pub async fn acted(&self, who: &Person, id: &str, action: &str, body: Value) -> Value {
        let response = self.act(who, id, action, body).await;
        let status = response.status();
        let body: Value = response.json().await.expect("JSON");
        assert_eq!(status, 200, "{action}: {body}");
        body
    }

    /// A step that is a signed act (`preliminary-refusal`, `objection`): reads what `body` signs
    /// from `…/{step}/statement`, signs its digest with `who`'s SIGN key and sends `body` with
    /// the digest and the signature. The statement's refusal is answered as it came.
    pub async fn signed_act(
        &self,
        who: &Person,
        id: &str,
        step: &str,
        body: Value,
    ) -> reqwest::Response {
        let statement = self
            .act(who, id, &format!("{step}/statement"), body.clone())
            .await;
        if statement.status() != 200 {
            return statement;
        }
        let statement: Value = statement.json().await.expect("JSON");
        let digest = statement["digest"].as_str().expect("a digest");
        let mut signed = body;
        signed["digest"] = json!(digest);
        signed["signature"] = json!(pki().sign(who.pki, KeyPurpose::Signing, digest.as_bytes()));
        self.act(who, id, step, signed).await
    }

    /// Like [`signed_act`](Self::signed_act), expecting 200; the request view.
    pub async fn signed_acted(&self, who: &Person, id: &str, step: &str, body: Value) -> Value {
        let response = self.signed_act(who, id, step, body).await;
        let status = response.status();
        let body: Value = response.json().await.expect("JSON");
        assert_eq!(status, 200, "{step}: {body}");
        body
    }

    /// Prepares the decision PDF (`permit` or `refusal`), signs its hash with `who`'s SIGN key and
    /// approves or refuses.
    pub async fn decide(&self, who: &Person, id: &str, kind: &str) -> reqwest::Response {
        let draft = self
            .act(who, id, "decision-draft", json!({"kind": kind}))
            .await;
        if draft.status() != 201 {
            return draft;
        }
        let draft: Value = draft.json().await.expect("JSON");
        let sha = draft["pdf_sha256"].as_str().expect("a hash");
        let signature = pki().sign(who.pki, KeyPurpose::Signing, sha.as_bytes());
        let action = if kind == "permit" {
            "approve"
        } else {
            "refuse"
        };
        self.act(
            who,
            id,
            action,
            json!({"decision_id": draft["id"], "signature": signature}),
        )
        .await
    }

    /// Uploads `document` as the answer's document (when given), reads the answer's digest, signs
    /// it with `who`'s SIGN key and sends `verdict` (`approve` or `decline`) for `task`.
    pub async fn answer_task(
        &self,
        who: &Person,
        id: &str,
        task: &str,
        verdict: &str,
        comment: Option<&str>,
        document: Option<(&str, &[u8])>,
    ) -> reqwest::Response {
        if let Some((file_name, bytes)) = document {
            let part = reqwest::multipart::Part::bytes(bytes.to_vec())
                .file_name(file_name.to_owned())
                .mime_str("application/pdf")
                .expect("a part");
            let uploaded = self
                .client
                .post(self.url(&format!(
                    "/api/v1/permit-requests/{id}/tasks/{task}/document"
                )))
                .bearer_auth(&who.token)
                .multipart(reqwest::multipart::Form::new().part("file", part))
                .send()
                .await
                .expect("the server answers");
            if uploaded.status() != 201 {
                return uploaded;
            }
        }
        let answer = self
            .act(
                who,
                id,
                &format!("tasks/{task}/answer"),
                json!({"verdict": verdict, "comment": comment}),
            )
            .await;
        if answer.status() != 200 {
            return answer;
        }
        let answer: Value = answer.json().await.expect("JSON");
        let digest = answer["digest"].as_str().expect("a digest");
        let signature = pki().sign(who.pki, KeyPurpose::Signing, digest.as_bytes());
        self.act(
            who,
            id,
            &format!("tasks/{task}/{verdict}"),
            json!({"comment": comment, "digest": digest, "signature": signature}),
        )
        .await
    }

    /// The technical conditions a utility signs when it approves (a small PDF).
    pub fn technical_conditions(text: &str) -> Vec<u8> {
        let mut pdf = PDF.to_vec();
        pdf.extend_from_slice(format!("% {text}\n").as_bytes());
        pdf
    }

    /// Replaces the calendar years around `monday` (and thirty days on) by weekends only, so no
    /// shipped holiday moves a date the test computes.
    pub async fn weekends_only(&self, admin: &Person, monday: NaiveDate) {
        let mut years = vec![monday.year(), (monday + Duration::days(30)).year()];
        years.dedup();
        for year in years {
            let response = self
                .send_json_as(
                    reqwest::Method::PUT,
                    &format!("/api/v1/admin/calendar/{year}"),
                    &admin.token,
                    Some(&json!({"days": []})),
                )
                .await;
            assert_eq!(response.status(), 200, "calendar {year}");
        }
    }

    pub async fn history(&self, who: &Person, id: &str) -> Vec<Value> {
        let body: Value = self
            .get_as(&format!("/api/v1/permit-requests/{id}/history"), &who.token)
            .await
            .json()
            .await
            .expect("JSON");
        body.as_array().expect("a list").clone()
    }

    /// `PATCH /permit-requests/{id}`: replaces the form, as `who`, who read the request at `etag`.
    pub async fn save_form(
        &self,
        who: &Person,
        id: &str,
        etag: &str,
        form: &Value,
    ) -> reqwest::Response {
        self.client
            .patch(self.url(&format!("/api/v1/permit-requests/{id}")))
            .bearer_auth(&who.token)
            .header("If-Match", etag)
            .json(&json!({ "form_data": form }))
            .send()
            .await
            .expect("the server answers")
    }

    /// The `kind`s of `who`'s in-app notices, newest first.
    pub async fn notices(&self, who: &Person) -> Vec<Value> {
        let body: Value = self
            .get_as("/api/v1/notifications?limit=100", &who.token)
            .await
            .json()
            .await
            .expect("JSON");
        body["items"].as_array().cloned().unwrap_or_default()
    }
}

pub fn sketch_form() -> Value {
    json!({"object_name": "Тұрғын үй кешені", "address": "Астана, Мәңгілік Ел даңғылы 55", "apz_number": "APZ-2026-0017"})
}

pub fn apz_form() -> Value {
    json!({
        "object_name": "Бизнес-орталық", "address": "Астана, Қабанбай батыр 11",
        "cadastral_number": "21:320:128:45", "purpose": "commercial", "floors": 12,
        "water_m3_per_day": 40.5, "power_kw": 600
    })
}

/// The statuses a request passed through, from its history.
pub fn statuses(history: &[Value]) -> Vec<String> {
    history
        .iter()
        .filter(|h| h["from_status"] != h["to_status"])
        .map(|h| h["to_status"].as_str().unwrap_or_default().to_owned())
        .collect()
}

// An organisation's system submitting a signed permit request to Saulet through its REST API.
//
// The flow an integrator needs, end to end: a token for the organisation's API client, the
// catalogue, a draft with its mandatory documents, the digest to sign, the person's signature,
// the submission, and a check of the registration number. Every call is typed from the committed
// OpenAPI spec (`npm run gen` writes src/schema.d.ts); every refusal is an RFC 9457 problem
// document, printed as it came. See README.md and docs/integrators.md.

import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import createClient from "openapi-fetch";
import type { components, paths } from "./schema.js";

type Problem = components["schemas"]["Problem"];

function env(name: string): string {
  const value = process.env[name];
  if (!value) {
    console.error(`missing environment variable ${name} (see README.md)`);
    process.exit(1);
  }
  return value;
}

const baseUrl = env("SAULET_URL").replace(/\/+$/, "");
const clientId = env("CLIENT_ID");
const clientSecret = env("CLIENT_SECRET");
const signerP12 = env("SIGNER_P12");
const signerPassword = env("SIGNER_PASSWORD");
const webhookUrl = process.env.WEBHOOK_URL;

/** Prints an error response (a problem document, or whatever the body was) and exits with 1. */
function fail(step: string, response: Response, error: unknown): never {
  const problem = error as Partial<Problem> | string | undefined;
  if (problem && typeof problem === "object") {
    const { type, title, detail, errors, request_id } = problem;
    console.error(`${step}: ${response.status} ${type}: ${title}: ${detail}`);
    for (const e of errors ?? []) console.error(`  ${e.field}: ${e.code}: ${e.message}`);
    if (request_id) console.error(`  request id (quote it to support): ${request_id}`);
  } else {
    console.error(`${step}: ${response.status} ${response.statusText} ${problem ?? ""}`);
  }
  process.exit(1);
}

/** The answer's body when the call succeeded; otherwise prints the problem and exits. */
function ok<T>(step: string, result: { data?: T; error?: unknown; response: Response }): T {
  if (!result.response.ok || result.data === undefined) fail(step, result.response, result.error);
  return result.data;
}

/** A small, valid one-page PDF (the server reads a file's type from its bytes, not its name). */
function samplePdf(text: string): Blob {
  // Printable ASCII only (the offsets below count characters as bytes), PDF string escapes.
  const line = text.replace(/[^\x20-\x7e]/g, "?").replace(/[()\\]/g, "\\$&");
  const stream = `BT /F1 14 Tf 72 770 Td (${line}) Tj ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R " +
      "/Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let pdf = "%PDF-1.4\n";
  const offsets = objects.map((body, i) => {
    const offset = pdf.length;
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return offset;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  pdf += offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("");
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Blob([pdf], { type: "application/pdf" });
}

/** Runs `openssl`; the password goes through the environment, never the command line. */
function openssl(args: string[], input?: Buffer): Buffer {
  try {
    const env = { ...process.env, SAULET_P12_PASSWORD: signerPassword };
    return execFileSync("openssl", args, { env, input, stdio: ["pipe", "pipe", "pipe"] });
  } catch (e) {
    const stderr = (e as { stderr?: Buffer }).stderr?.toString().trim();
    throw new Error(`openssl ${args[0]}: ${stderr || (e as Error).message}`);
  }
}

/** Reads the person's .p12 file (`what`: which parts). */
function pkcs12(what: string[]): Buffer {
  const args = ["pkcs12", "-in", signerP12, "-passin", "env:SAULET_P12_PASSWORD", ...what];
  try {
    return openssl(args);
  } catch (e) {
    // .p12 files made with older ciphers need OpenSSL 3's legacy provider.
    if (!String(e).includes("unsupported")) throw e;
    return openssl([...args, "-legacy"]);
  }
}

/** The signer's name, read before anything is created: a wrong password fails here. */
function signerName(): string {
  const cert = pkcs12(["-clcerts", "-nokeys"]);
  const x509 = ["x509", "-noout", "-subject", "-nameopt", "oneline,-esc_msb"];
  const subject = openssl(x509, cert).toString();
  return /CN = ([^,\n]+)/.exec(subject)?.[1] ?? subject.trim();
}

/**
 * The person's signature over the digest: detached CMS (SHA-256, signed attributes, the
 * signer's certificate and its CA), DER, base64 — what NCALayer returns. Here the demo PKI's
 * .p12 file and the `openssl` CLI stand in for the person's NCALayer; in production the person
 * signs on their own computer.
 */
function signDigest(digest: string): string {
  // The key leaves the .p12 only into a private temporary folder, removed right after.
  const dir = mkdtempSync(join(tmpdir(), "saulet-sign-"));
  try {
    const [cert, key, chain] = [join(dir, "cert.pem"), join(dir, "key.pem"), join(dir, "chain.pem")];
    pkcs12(["-clcerts", "-nokeys", "-out", cert]);
    pkcs12(["-nocerts", "-nodes", "-out", key]);
    pkcs12(["-cacerts", "-nokeys", "-out", chain]);
    const hasChain = readFileSync(chain, "utf8").includes("BEGIN CERTIFICATE");
    const signer = ["-signer", cert, "-inkey", key, ...(hasChain ? ["-certfile", chain] : [])];
    // -binary: the bytes as they are; -nosmimecap: no S/MIME capabilities attribute; detached
    // (no -nodetach): the content is not embedded.
    const sign = ["cms", "-sign", "-binary", "-nosmimecap", "-md", "sha256", "-outform", "DER"];
    // The content: exactly the digest's 64 ASCII characters (no newline).
    const cms = openssl([...sign, ...signer], Buffer.from(digest, "ascii"));
    return cms.toString("base64");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  console.log(`signer: ${signerName()} (${signerP12})`);

  // 1. A token: client credentials, the id and secret as HTTP Basic credentials (each
  //    form-urlencoded first, RFC 6749 §2.3.1), the scopes this run needs.
  const scopes = ["permits:read", "permits:write", ...(webhookUrl ? ["webhooks:manage"] : [])];
  const credentials = `${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`;
  const basic = Buffer.from(credentials).toString("base64");
  const auth = createClient<paths>({ baseUrl });
  const token = ok(
    "token",
    await auth.POST("/oauth/token", {
      body: { grant_type: "client_credentials", scope: scopes.join(" ") },
      headers: { Authorization: `Basic ${basic}`, "Content-Type": "application/x-www-form-urlencoded" },
    }),
  );
  console.log(`token: ${token.token_type}, ${token.expires_in} s, scopes "${token.scope}"`);
  // Every other call carries the token. No refresh token: ask again when it expires.
  const api = createClient<paths>({
    baseUrl,
    headers: { Authorization: `Bearer ${token.access_token}`, "Accept-Language": "en" },
  });

  // Optional: be told of status changes instead of polling (Standard Webhooks, signed).
  if (webhookUrl) {
    const path = { params: { path: { id: clientId } } };
    const existing = ok("webhooks", await api.GET("/api/v1/clients/{id}/webhooks", path));
    if (existing.some((s) => s.url === webhookUrl && s.enabled)) {
      console.log(`webhook: ${webhookUrl} already subscribed`);
    } else {
      const events = ["permit_request.status_changed"];
      const body = { url: webhookUrl, events };
      const created = ok("webhook", await api.POST("/api/v1/clients/{id}/webhooks", { ...path, body }));
      console.log(`webhook: subscribed ${webhookUrl}; keep its secret (shown once): ${created.secret}`);
    }
  }

  // 2. The catalogue: the service, its form's JSON Schema and its document checklist.
  const types = ok("permit-types", await api.GET("/api/v1/permit-types"));
  const type = types.find((t) => t.code === "sketch-approval");
  // An organisation may apply for it, and no utility's approval is involved: submitted is final
  // for the applicant's part.
  if (!type?.active || !type.applicant_kinds.includes("legal_entity") || type.approvals.length > 0) {
    console.error("permit-types: no active `sketch-approval` type open to organisations");
    process.exit(1);
  }
  const mandatory = type.documents.filter((d) => d.mandatory);
  console.log(`permit-types: ${type.code} (${type.name.en}), ${mandatory.length} mandatory document(s)`);

  // The form, per the type's `form_schema` (required: object_name, address, apz_number; no other
  // keys). A quick check here; the server checks it in full at submission (422, `form_data.*`).
  const form: Record<string, string> = {
    object_name: "Residential complex Saulet Park",
    address: "Astana, Mangilik El avenue 55",
    apz_number: "APZ-2026-0017",
    facade_materials: "Ventilated facade, light grey ceramic granite",
  };
  const schema = type.form_schema as { required?: string[]; properties?: Record<string, unknown> };
  const missing = (schema.required ?? []).filter((f) => !(f in form));
  const unknown = Object.keys(form).filter((f) => !(f in (schema.properties ?? {})));
  if (missing.length || unknown.length) {
    console.error(`form: missing [${missing.join(", ")}], not in the schema [${unknown.join(", ")}]`);
    process.exit(1);
  }

  // 3. The draft. Sending the same Idempotency-Key again (a retry after a timeout, say) returns
  //    the first draft instead of making a second one; keep the key until the call succeeded.
  const draft = ok(
    "create",
    await api.POST("/api/v1/permit-requests", {
      params: { header: { "Idempotency-Key": crypto.randomUUID() } },
      body: { type_code: type.code, title: `Sketch design: ${form.object_name}`, form_data: form },
    }),
  );
  const id = draft.id;
  console.log(`create: draft ${id} (${draft.status})`);

  for (const slot of mandatory) {
    if (!slot.content_types.includes("application/pdf")) {
      console.error(`upload: slot ${slot.code} takes ${slot.content_types}; this example makes PDFs only`);
      process.exit(1);
    }
    const file = new FormData(); // multipart, one part named `file`
    file.append("file", samplePdf(`${slot.name.en}: ${form.object_name}`), `${slot.code}.pdf`);
    const document = ok(
      `upload ${slot.code}`,
      await api.POST("/api/v1/permit-requests/{id}/documents", {
        params: { path: { id }, query: { slot: slot.code } },
        // The spec types a binary part as a string; the FormData is sent as it is.
        body: file as unknown as components["schemas"]["UploadForm"],
      }),
    );
    const { slot: code, file_name, size_bytes, content_type } = document;
    console.log(`upload: ${code} ${file_name}, ${size_bytes} bytes, ${content_type}`);
  }

  // The canonical content of the request and its SHA-256: what the person signs.
  const onRequest = { params: { path: { id } } };
  const digest = ok("digest", await api.GET("/api/v1/permit-requests/{id}/digest", onRequest));
  console.log(`digest: ${digest.digest} (version ${digest.version})`);
  const signature = signDigest(digest.digest);
  console.log(`sign: detached CMS, ${Buffer.from(signature, "base64").length} bytes`);
  const submitted = ok(
    "submit",
    await api.POST("/api/v1/permit-requests/{id}/submit", {
      params: { path: { id }, header: { "Idempotency-Key": crypto.randomUUID() } },
      body: { digest: digest.digest, signature },
    }),
  );
  console.log(`submit: ${submitted.status}`);

  // 4. Read it back: the registration number and the history.
  const request = ok("request", await api.GET("/api/v1/permit-requests/{id}", onRequest));
  const history = ok("history", await api.GET("/api/v1/permit-requests/{id}/history", onRequest));
  console.log(`history: ${history.map((h) => `${h.action} → ${h.to_status}`).join(", ")}`);
  const { number, status, intake_due, due_on } = request;
  if (status !== "submitted" || !number) {
    console.error(`result: expected submitted with a number, got ${status}, number ${number ?? "none"}`);
    process.exit(1);
  }
  console.log(`result: ${number} ${status}, intake due ${intake_due}, review due ${due_on}`);
}

main().catch((e: unknown) => {
  // No HTTP answer at all (the server unreachable, say), or `openssl` failing.
  const cause = e instanceof Error && e.cause ? ` (${String(e.cause)})` : "";
  console.error(`error: ${e instanceof Error ? e.message : String(e)}${cause}`);
  process.exit(1);
});

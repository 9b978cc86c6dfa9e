"""What `make bench` does through the real API before measuring: registers the dev PKI's people
with their EDS (and their signed acceptances of the agreements in force), and drives one permit
request from draft to a signed, issued decision, so the public verify endpoint has a genuine
decision to check (a PDF in the documents store and a CMS signature that verifies)."""

import base64
import re
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import quote

from common import PASSWORD, expect, http, log, multipart, run

# The dev PKI's people (docs/testing.md) and the address each registers with.
APPLICANT = ("individual", "bench.applicant@mail.kz")
REVIEWER = ("reviewer", "bench.reviewer@saulet.kz")
ADMIN = ("admin", "bench.admin@saulet.kz")


class Pki:
    """Signs like the browser does (a detached CMS, base64) with the dev PKI's .p12 files,
    through the openssl command."""

    def __init__(self, folder: Path, scratch: Path):
        self.folder = folder
        self.scratch = scratch
        readme = (folder / "README.txt").read_text()
        match = re.search(r"Password of every \.p12 file:\s*(\S+)", readme)
        if not match:
            raise RuntimeError("the dev PKI README names no .p12 password")
        self.password = match.group(1)
        self.pems = {}

    def _pem(self, user, purpose):
        key = (user, purpose)
        if key not in self.pems:
            p12 = self.folder / "users" / f"{user}-{purpose}.p12"
            base = self.scratch / f"{user}-{purpose}"
            common = ["openssl", "pkcs12", "-in", p12, "-passin", f"pass:{self.password}"]
            run([*common, "-clcerts", "-nokeys", "-out", f"{base}.crt"])
            run([*common, "-nocerts", "-nodes", "-out", f"{base}.key"])
            run([*common, "-cacerts", "-nokeys", "-out", f"{base}.chain"])
            self.pems[key] = base
        return self.pems[key]

    def sign(self, user, purpose, content: bytes) -> str:
        """purpose: `auth` or `sign`."""
        base = self._pem(user, purpose)
        args = ["openssl", "cms", "-sign", "-binary", "-nosmimecap", "-md", "sha256",
                "-signer", f"{base}.crt", "-inkey", f"{base}.key", "-outform", "DER"]
        chain = Path(f"{base}.chain")
        if chain.exists() and chain.stat().st_size > 0:
            args += ["-certfile", str(chain)]
        der = subprocess.run(args, input=content, capture_output=True, check=True).stdout
        return base64.b64encode(der).decode()


def minimal_pdf() -> bytes:
    """A small, valid one-page PDF (the sketch design the applicant uploads)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        None,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    text = b"BT /F1 18 Tf 72 760 Td (Sketch design: benchmark) Tj ET"
    objects[3] = b"<< /Length %d >>\nstream\n%s\nendstream" % (len(text), text)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def agreements_in_force(server):
    body = expect(http("GET", server.url("/api/v1/agreements")), 200, "GET /agreements")
    return [a for a in body if a.get("status") == "in_force"]


def register(server, pki, person, email, agreements):
    challenge = expect(
        http("POST", server.url("/api/v1/auth/eds/challenge"), {"purpose": "register"}),
        201,
        "challenge",
    )
    challenge = challenge["challenge"]
    consents = [
        {
            "agreement_id": a["id"],
            "language": "ru",
            "signature": pki.sign(person, "sign", a["body_sha256"]["ru"].encode()),
        }
        for a in agreements
    ]
    body = {
        "challenge": challenge,
        "signature": pki.sign(person, "auth", challenge.encode()),
        "email": email,
        "password": PASSWORD,
        "language": "ru",
        "consents": consents,
    }
    return expect(http("POST", server.url("/api/v1/accounts"), body), 201, f"register {person}")


def login(server, email, password=PASSWORD):
    body = expect(
        http("POST", server.url("/api/v1/auth/login"), {"login": email, "password": password}),
        200, f"login {email}",
    )
    return body["access_token"]


def issue_permit(server, pki, register_people=True):
    """Registers the applicant, a reviewer of the department and an administrator (unless
    they are registered already); the applicant files a sketch-approval request with its PDF and
    signs it; the reviewer accepts it, prepares the decision and signs it. Returns (number, code,
    chain report)."""
    if register_people:
        agreements = agreements_in_force(server)
        for person, email in (APPLICANT, REVIEWER, ADMIN):
            register(server, pki, person, email, agreements)
        server.cli("accounts", "grant-role", "--email", REVIEWER[1], "--role", "reviewer")
        server.cli("accounts", "grant-role", "--email", ADMIN[1], "--role", "admin")
    applicant = login(server, APPLICANT[1])
    reviewer = login(server, REVIEWER[1])
    admin = login(server, ADMIN[1])

    form = {"object_name": "Тұрғын үй кешені", "address": "Астана, Мәңгілік Ел даңғылы 55",
            "apz_number": "APZ-2026-0017"}
    draft = expect(http("POST", server.url("/api/v1/permit-requests"),
                        {"type_code": "sketch-approval", "title": "Benchmark sketch",
                         "form_data": form}, token=applicant), 201, "create the draft")
    rid = draft["id"]
    data, headers = multipart("file", "sketch.pdf", minimal_pdf())
    expect(http("POST", server.url(f"/api/v1/permit-requests/{rid}/documents?slot=sketch"),
                data=data, headers=headers, token=applicant), 201, "upload the sketch")
    digest = expect(http("GET", server.url(f"/api/v1/permit-requests/{rid}/digest"),
                         token=applicant), 200, "digest")["digest"]
    expect(http("POST", server.url(f"/api/v1/permit-requests/{rid}/submit"),
                {"digest": digest, "signature": pki.sign(APPLICANT[0], "sign", digest.encode())},
                token=applicant), 200, "submit")
    expect(http("POST", server.url(f"/api/v1/permit-requests/{rid}/accept"), {},
                token=reviewer), 200, "accept")
    decision = expect(http("POST", server.url(f"/api/v1/permit-requests/{rid}/decision-draft"),
                           {"kind": "permit"}, token=reviewer), 201, "decision draft")
    signature = pki.sign(REVIEWER[0], "sign", decision["pdf_sha256"].encode())
    issued = expect(http("POST", server.url(f"/api/v1/permit-requests/{rid}/approve"),
                         {"decision_id": decision["id"], "signature": signature},
                         token=reviewer), 200, "approve")
    if issued.get("status") != "issued":
        raise RuntimeError(f"the request is {issued.get('status')}, not issued")
    url = next(d["verify_url"] for d in issued["decisions"] if d.get("verify_url"))
    match = re.search(r"/verify/([^?]+)\?code=([0-9A-Za-z]+)", url)
    number, code = match.group(1), match.group(2)
    verified = expect(http("GET", server.url(f"/api/v1/permits/{quote(number)}/verify?code={code}")),
                      200, "verify")
    if not (verified.get("genuine") and verified.get("in_force")):
        raise RuntimeError(f"the issued permit does not verify as genuine and in force: {verified}")
    chain = expect(http("GET", server.url("/api/v1/admin/consents/verify"), token=admin), 200,
                   "verify the consent chain")
    log(f"issued {number} (verify: genuine, in force); consent chain: {chain['records']} "
        f"records, intact={chain['intact']}")
    if not chain["intact"]:
        raise RuntimeError(f"the seeded consent chain is broken: {chain}")
    return number, code, chain


def sanity(server, list_email):
    """The seeded rows read back through the API: a full first page with a next cursor."""
    token = login(server, list_email)
    page = expect(http("GET", server.url("/api/v1/permit-requests?limit=20"), token=token), 200,
                  "list the seeded requests")
    if len(page["items"]) != 20 or not page.get("next_cursor"):
        raise RuntimeError(f"the seeded list account sees {len(page['items'])} requests, not a full page")
    ids = [item["id"] for item in page["items"]]
    if ids != sorted(ids, reverse=True):
        raise RuntimeError("the list is not newest first by id")
    expect(http("GET", server.url("/api/v1/accounts/me"), token=token), 200, "me")
    return page


def scratch_dir(parent: Path, name: str) -> Path:
    folder = Path(tempfile.mkdtemp(prefix=name, dir=parent))
    return folder

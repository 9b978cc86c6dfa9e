"""Realistic volume for `make bench`, written straight into a migrated database.

PostgreSQL: one SQL script built on generate_series (accounts, sessions, agreements, permit
requests with their history, approval tasks and decisions, notifications), then the consent
records, whose hash chain is computed here exactly as `consents::service::record_hash` does and
loaded with \\copy. SQLite: the same shapes, fewer rows, through Python's sqlite3 module, in the
formats sqlx writes (UUIDs as 16-byte blobs, times as RFC 3339 text, JSON as text).

Every seeded account's password is `common.PASSWORD`, hashed by the product's argon2 crate with
the product's parameters (tests/bench/argon2-timer), with HASHES distinct salts."""

import csv
import datetime as dt
import hashlib
import json
import os
import random
import sqlite3
import uuid
from pathlib import Path

from common import PASSWORD, TIMER, log, psql, run

HASHES = 64
LOGIN_POOL = range(3, 3 + HASHES)  # accounts user3 … user66 take the login load
LIST_ACCOUNT = 1  # owns LIST_OWNS requests: `GET /permit-requests` and `/accounts/me`
CREATE_ACCOUNT = 2  # creates the drafts of `POST /permit-requests`
LIST_OWNS = 40  # spread over the whole period: every (requests / LIST_OWNS)-th request

UTC = dt.timezone.utc

STATUSES = (["draft"] * 3 + ["submitted"] * 2 + ["in_review"] * 4 + ["corrections_requested"]
            + ["issued"] * 6 + ["refused"] * 2 + ["withdrawn", "returned"])
TYPES = ["apz-tu", "sketch-approval", "redevelopment", "address-certificate"]
SURNAMES = ["АСАНОВ", "СЕРІКОВА", "ЖАҚСЫБЕКОВ", "НҰРЛАНОВА", "ӘБДІРАХМАНОВ", "ТӨЛЕГЕНОВА",
            "ИВАНОВ", "ҚАСЫМОВ", "БЕКОВА", "ОМАРОВ", "СӘРСЕНБАЕВА", "КИМ"]
NAMES = ["АСАН", "ӘЙГЕРІМ", "ДӘУРЕН", "ГҮЛНАР", "ЕРЛАН", "АЙГҮЛ", "НҰРЛАН", "САУЛЕ", "ТИМУР",
         "ДИНАРА", "ОЛЖАС", "МАДИНА"]
STATUS_NAMES = {
    "submitted": ("Жіберілді", "Подана", "Submitted"),
    "in_review": ("Қаралуда", "На рассмотрении", "In review"),
    "corrections_requested": ("Түзетулер сұралды", "Запрошены исправления", "Corrections requested"),
    "preliminary_refusal": ("Алдын ала бас тарту", "Предварительный отказ", "Preliminary refusal"),
    "approved": ("Мақұлданды", "Одобрена", "Approved"),
    "issued": ("Берілді", "Выдано", "Issued"),
    "refused": ("Бас тартылды", "Отказано", "Refused"),
    "withdrawn": ("Кері қайтарылды", "Отозвана", "Withdrawn"),
    "returned": ("Қайтарылды", "Возвращена", "Returned"),
}
# (final status) → the steps that led there: (action, from, to, days after submission, by staff)
STEPS = {
    "submitted": [("submit", "draft", "submitted", 0, False)],
    "in_review": [("submit", "draft", "submitted", 0, False),
                  ("accept", "submitted", "in_review", 1, True)],
    "corrections_requested": [("submit", "draft", "submitted", 0, False),
                              ("accept", "submitted", "in_review", 1, True),
                              ("request_corrections", "in_review", "corrections_requested", 3, True)],
    "issued": [("submit", "draft", "submitted", 0, False),
               ("accept", "submitted", "in_review", 1, True),
               ("approve", "in_review", "approved", 9, True),
               ("issue", "approved", "issued", 9, True)],
    "refused": [("submit", "draft", "submitted", 0, False),
                ("accept", "submitted", "in_review", 1, True),
                ("preliminary_refusal", "in_review", "preliminary_refusal", 5, True),
                ("refuse", "preliminary_refusal", "refused", 9, True)],
    "withdrawn": [("submit", "draft", "submitted", 0, False),
                  ("withdraw", "submitted", "withdrawn", 2, False)],
    "returned": [("submit", "draft", "submitted", 0, False),
                 ("return", "submitted", "returned", 1, True)],
}


def email(i):
    return f"user{i}@bench.saulet.kz"


def uuid7(at: dt.datetime) -> uuid.UUID:
    ms = int(at.timestamp() * 1000)
    rand = int.from_bytes(os.urandom(10), "big")
    value = (ms << 80) | (0x7 << 76) | ((rand >> 64) & 0xFFF) << 64 | (0b10 << 62) | (rand & ((1 << 62) - 1))
    return uuid.UUID(int=value)


def password_hashes():
    out = run([TIMER, "--hash", PASSWORD, str(HASHES)]).stdout.split()
    assert len(out) == HASHES and all(h.startswith("$argon2id$v=19$m=7168,t=5,p=1$") for h in out), \
        "the timer hashes with the product's parameters (api/src/accounts/password.rs)"
    return out


# ---------------------------------------------------------------------------------------------
# Agreements and consent records (shared by both databases)


def agreement_texts():
    def text(lang, kind, paragraphs):
        lead = {
            ("kk", "terms"): "Пайдаланушы келісімі. Пайдаланушы қызметті осы шарттармен пайдаланады.",
            ("ru", "terms"): "Пользовательское соглашение. Пользователь использует сервис на этих условиях.",
            ("en", "terms"): "User agreement. The user uses the service on these terms.",
            ("kk", "personal_data"): "Дербес деректерді жинауға және өңдеуге келісім.",
            ("ru", "personal_data"): "Согласие на сбор и обработку персональных данных.",
            ("en", "personal_data"): "Consent to the collection and processing of personal data.",
        }[(lang, kind)]
        body = [lead]
        for n in range(1, paragraphs + 1):
            body.append(f"{n // 10 + 1}.{n % 10 + 1}. {lead} " * 3)
        return "\n\n".join(body)

    now = dt.datetime.now(UTC).replace(microsecond=0)
    rows = []
    for kind, version, days_ago, paragraphs in (("terms", 1, 900, 40), ("terms", 2, 300, 45),
                                                ("personal_data", 1, 900, 25)):
        effective = now - dt.timedelta(days=days_ago)
        body = {lang: text(lang, kind, paragraphs) for lang in ("kk", "ru", "en")}
        title = {"kk": f"{kind} {version}", "ru": f"{kind} {version}", "en": f"{kind} {version}"}
        details = None
        if kind == "personal_data":
            details = {"operator": "ГУ «Управление архитектуры и градостроительства города Астаны»",
                       "operator_contact": "dpo@saulet.kz", "data_collected": ["ИИН", "ФИО", "email"],
                       "purposes": ["оказание государственных услуг"], "term": "5 лет",
                       "third_party_transfer": [], "cross_border_transfer": False}
        rows.append({
            "id": uuid7(effective - dt.timedelta(days=1)), "kind": kind, "version": version,
            "title": title, "body": body,
            "body_sha256": {k: hashlib.sha256(v.encode()).hexdigest() for k, v in body.items()},
            "details": details, "published_at": effective - dt.timedelta(days=3),
            "effective_at": effective,
        })
    return rows


def rfc3339_z(at: dt.datetime) -> str:
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def consent_chain(accounts, agreements, signatures):
    """accounts: [(id, created_at, language)]. Every account accepted the versions in force when
    it registered and the new user agreement after it took effect. Returns the records in chain
    order, hashed like consents::service::record_hash."""
    terms1, terms2, personal = agreements
    now = dt.datetime.now(UTC)
    pending = []
    rng = random.Random(7)
    for account_id, created, lang in accounts:
        def add(agreement, at):
            pending.append((at, account_id, agreement, lang))
        if created < terms2["effective_at"]:
            add(terms1, created + dt.timedelta(seconds=2))
            later = terms2["effective_at"] + dt.timedelta(seconds=rng.randint(60, 20 * 86400))
            add(terms2, min(later, now - dt.timedelta(minutes=5)))
        else:
            add(terms2, created + dt.timedelta(seconds=2))
        add(personal, created + dt.timedelta(seconds=3))
    pending.sort(key=lambda r: r[0])
    records, previous = [], "0" * 64
    for seq, (at, account_id, agreement, lang) in enumerate(pending, 1):
        at = at.replace(microsecond=at.microsecond)  # microseconds, as the database keeps them
        rec = {
            "seq": seq, "id": str(uuid7(at)), "account_id": str(account_id),
            "agreement_id": str(agreement["id"]),
            "document_sha256": agreement["body_sha256"][lang], "action": "accepted",
            "channel": "web", "language": lang, "ip_address": f"10.20.{seq % 250}.{seq % 200 + 1}",
            "user_agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36",
            "signature": signatures[(agreement["kind"], agreement["version"], lang)],
            "signer_serial": "5f3c1a0e9d7b24c68e01", "recorded_at": at, "prev_hash": previous,
        }
        canonical = json.dumps(
            [rec["seq"], rec["id"], rec["account_id"], rec["agreement_id"], rec["document_sha256"],
             rec["action"], rec["channel"], rec["language"], rec["ip_address"], rec["user_agent"],
             rec["signature"], rec["signer_serial"], rfc3339_z(at), rec["prev_hash"]],
            separators=(",", ":"), ensure_ascii=False,
        )
        rec["record_hash"] = hashlib.sha256(canonical.encode()).hexdigest()
        previous = rec["record_hash"]
        records.append(rec)
    return records


def consent_signatures(pki, agreements):
    """Real CMS signatures (the size a real record carries) over each text's hash."""
    return {
        (a["kind"], a["version"], lang): pki.sign("individual", "sign", a["body_sha256"][lang].encode())
        for a in agreements for lang in ("kk", "ru", "en")
    }


# ---------------------------------------------------------------------------------------------
# PostgreSQL


def sql_text(value):
    return "'" + value.replace("'", "''") + "'"


def sql_json(value):
    return "NULL" if value is None else sql_text(json.dumps(value, ensure_ascii=False)) + "::json"


PG_SCRIPT = """
SET client_min_messages = warning;
CREATE FUNCTION pg_temp.uuid7(ts timestamptz) RETURNS uuid LANGUAGE sql VOLATILE AS $$
  SELECT (lpad(to_hex(floor(extract(epoch FROM ts) * 1000)::bigint), 12, '0') || '7'
          || substr(md5(random()::text), 1, 3)
          || (ARRAY['8','9','a','b'])[1 + floor(random() * 4)::int]
          || substr(md5(random()::text), 1, 15))::uuid
$$;
BEGIN;
CREATE TEMP TABLE seed_hashes (k int PRIMARY KEY, phc text NOT NULL);
INSERT INTO seed_hashes VALUES {hashes};

CREATE TEMP TABLE seed_accounts AS
SELECT i, pg_temp.uuid7(ts) AS id, ts, (i % 10 = 7) AS company
FROM (SELECT i, now() - interval '800 days' + i * (interval '795 days' / {n})
             + random() * interval '50 minutes' AS ts
      FROM generate_series(1, {n}) i) t;
CREATE UNIQUE INDEX ON seed_accounts (i);

INSERT INTO accounts (id, kind, iin, bin, identity_key, full_name, organisation, email,
  email_normalized, email_verified_at, phone, language, password_hash, role, status,
  status_reason, verification, verified_at, failed_logins, lockouts, locked_until, created_at,
  updated_at)
SELECT a.id,
  CASE WHEN a.company THEN 'legal_entity' ELSE 'individual' END,
  '99' || lpad(a.i::text, 10, '0'),
  CASE WHEN a.company THEN '88' || lpad(a.i::text, 10, '0') END,
  '99' || lpad(a.i::text, 10, '0') || CASE WHEN a.company THEN '/88' || lpad(a.i::text, 10, '0') ELSE '' END,
  ({surnames})[1 + a.i % {n_surnames}] || ' ' || ({names})[1 + (a.i / {n_surnames}) % {n_names}],
  CASE WHEN a.company THEN 'ТОО «Құрылыс-' || a.i || '»' END,
  'user' || a.i || '@bench.saulet.kz', 'user' || a.i || '@bench.saulet.kz',
  a.ts + interval '20 minutes', '+7701' || lpad(a.i::text, 7, '0'),
  (ARRAY['kk','ru','en'])[1 + a.i % 3], h.phc,
  CASE WHEN a.i = {n} THEN 'reviewer' ELSE 'applicant' END, 'active', NULL, 'verified',
  a.ts + interval '1 day', 0, 0, NULL, a.ts, a.ts + interval '1 day'
FROM seed_accounts a JOIN seed_hashes h ON h.k = a.i % {hash_count};

INSERT INTO auth_sessions (id, account_id, method, user_agent, created_at, last_seen_at,
  expires_at, revoked_at, revoked_reason)
SELECT pg_temp.uuid7(s.at), s.id, CASE WHEN s.i % 4 = 0 THEN 'eds' ELSE 'password' END,
  'Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0', s.at, s.at + interval '20 minutes',
  s.at + interval '30 days', CASE WHEN s.i % 2 = 0 THEN s.at + interval '1 hour' END,
  CASE WHEN s.i % 2 = 0 THEN 'logout' END
FROM (SELECT a.*, now() - random() * interval '60 days' AS at FROM seed_accounts a) s;
INSERT INTO refresh_tokens (id, session_id, token_hash, created_at, used_at)
SELECT pg_temp.uuid7(created_at), id, encode(sha256(convert_to(id::text, 'UTF8')), 'hex'),
  created_at, NULL FROM auth_sessions;

INSERT INTO agreements (id, kind, version, title, body, body_sha256, details, published_at,
  effective_at, published_by) VALUES {agreements};

CREATE TEMP TABLE seed_requests AS
SELECT r, pg_temp.uuid7(created_at) AS id, created_at, acc_i, type_code, status,
  CASE WHEN status <> 'draft' THEN least(created_at + interval '1 hour', now()) END AS submitted_at
FROM (SELECT r,
        CASE WHEN r % {list_every} = 0 THEN {list_account} ELSE 3 + r % ({n} - 3) END AS acc_i,
        ({types})[1 + (r * 3 + r / 7) % {n_types}] AS type_code,
        ({statuses})[1 + (r * 7 + r / 3) % {n_statuses}] AS status,
        now() - interval '700 days' + r * (interval '699 days' / {nr})
          + random() * interval '5 minutes' AS created_at
      FROM generate_series(1, {nr}) r) t;
CREATE TEMP TABLE seed_numbers AS
SELECT id, extract(year FROM submitted_at)::int AS year,
  row_number() OVER (PARTITION BY extract(year FROM submitted_at) ORDER BY submitted_at, r) AS seq
FROM seed_requests WHERE status <> 'draft';

INSERT INTO permit_requests (id, number, type_code, organisation_id, applicant_id, applicant_bin,
  holder_name, holder_id, title, form_data, status, revision, version_no, assignee_id,
  submitted_at, accepted_at, intake_due, due_on, paused_at, corrections, pending_refusal,
  objection_due, objection, decided_at, reminded_for, created_at, updated_at)
SELECT q.id,
  CASE WHEN n.seq IS NOT NULL THEN 'AST-' || n.year || '-' || lpad(n.seq::text, 6, '0') END,
  q.type_code, t.organisation_id, acc.id,
  CASE WHEN acc.kind = 'legal_entity' THEN acc.bin END,
  CASE WHEN acc.kind = 'legal_entity' THEN acc.organisation ELSE acc.full_name END,
  CASE WHEN acc.kind = 'legal_entity' THEN 'BIN ' || acc.bin ELSE 'IIN ' || acc.iin END,
  (t.definition -> 'name' ->> 'ru') || ' — объект ' || q.r,
  json_build_object('object_name', 'Тұрғын үй кешені №' || q.r,
                    'address', 'Астана, Мәңгілік Ел даңғылы, ' || (1 + q.r % 300),
                    'apz_number', 'APZ-' || q.r),
  q.status,
  1 + CASE q.status WHEN 'draft' THEN 0 WHEN 'submitted' THEN 1 WHEN 'in_review' THEN 2
        WHEN 'withdrawn' THEN 2 WHEN 'returned' THEN 2 WHEN 'corrections_requested' THEN 3 ELSE 4 END,
  CASE WHEN q.status = 'draft' THEN 0 ELSE 1 END, NULL,
  q.submitted_at,
  CASE WHEN q.status IN ('in_review','corrections_requested','issued','refused')
       THEN least(q.submitted_at + interval '1 day', now()) END,
  (q.submitted_at + interval '3 days')::date, (q.submitted_at + interval '15 days')::date,
  CASE WHEN q.status = 'corrections_requested' THEN least(q.submitted_at + interval '3 days', now()) END,
  CASE WHEN q.status = 'corrections_requested'
       THEN '[{{"field":"address","slot":null,"message":"Уточните адрес объекта"}}]'::json END,
  NULL, NULL, NULL,
  CASE WHEN q.status IN ('issued','refused') THEN least(q.submitted_at + interval '9 days', now()) END,
  NULL, q.created_at,
  CASE WHEN q.status = 'draft' THEN q.created_at
       ELSE least(q.submitted_at + interval '9 days', now()) END
FROM seed_requests q
JOIN seed_accounts sa ON sa.i = q.acc_i
JOIN accounts acc ON acc.id = sa.id
JOIN permit_types t ON t.code = q.type_code
LEFT JOIN seed_numbers n ON n.id = q.id;

INSERT INTO permit_sequences (year, last) SELECT year, max(seq) FROM seed_numbers GROUP BY year;

CREATE TEMP TABLE seed_steps (status text, k int, action text, from_status text, to_status text,
  after_days int, staff bool);
INSERT INTO seed_steps VALUES {steps};

INSERT INTO permit_history (id, request_id, actor_id, action, from_status, to_status, comment,
  data, at)
SELECT pg_temp.uuid7(x.at), x.id, x.actor, x.action, x.from_status, x.to_status, x.comment, NULL, x.at
FROM (SELECT p.id,
        least(p.submitted_at + st.after_days * interval '1 day' + st.k * interval '1 minute', now()) AS at,
        CASE WHEN st.staff THEN (SELECT id FROM seed_accounts WHERE i = {n}) ELSE p.applicant_id END AS actor,
        st.action, st.from_status, st.to_status,
        CASE WHEN st.action IN ('request_corrections','preliminary_refusal','return','withdraw')
             THEN 'Комментарий к шагу «' || st.action || '»' END AS comment, st.k
      FROM permit_requests p JOIN seed_steps st ON st.status = p.status) x
ORDER BY x.at, x.k;

INSERT INTO permit_tasks (id, request_id, organisation_id, status, comment, decided_by,
  decided_at, created_at)
SELECT pg_temp.uuid7(p.accepted_at), p.id, o.id,
  CASE WHEN p.status IN ('issued','refused') THEN 'approved' ELSE 'pending' END, NULL, NULL,
  CASE WHEN p.status IN ('issued','refused') THEN p.accepted_at + interval '3 days' END, p.accepted_at
FROM permit_requests p CROSS JOIN organisations o
WHERE p.type_code = 'apz-tu' AND p.accepted_at IS NOT NULL AND o.code IN ('water', 'power');

INSERT INTO permit_decisions (id, request_id, kind, number, language, pdf_sha256, pdf_size,
  verify_code, official_id, official_name, comment, grounds, signature, signer_serial, signed_at,
  created_at)
SELECT pg_temp.uuid7(p.decided_at - interval '1 hour'), p.id,
  CASE WHEN p.status = 'issued' THEN 'permit' ELSE 'refusal' END, p.number, 'ru',
  encode(sha256(convert_to(p.id::text, 'UTF8')), 'hex'), 40000 + (hashtext(p.id::text) & 16383),
  md5(p.id::text || random()::text), (SELECT id FROM seed_accounts WHERE i = {n}), 'ОФИЦИАЛ БЕНЧ',
  NULL, NULL, 'seeded: no signature file', 'SEEDED', p.decided_at, p.decided_at - interval '1 hour'
FROM permit_requests p WHERE p.status IN ('issued', 'refused');

CREATE TEMP TABLE seed_status_names (status text PRIMARY KEY, kk text, ru text, en text);
INSERT INTO seed_status_names VALUES {status_names};

INSERT INTO notifications (id, account_id, category, event, created_at, read_at)
SELECT pg_temp.uuid7(h.at), p.applicant_id, 'permit_status',
  json_build_object('kind', 'permit_status_changed', 'request_id', p.id, 'number', p.number,
    'title', p.title, 'status', h.to_status,
    'status_name', json_build_object('kk', sn.kk, 'ru', sn.ru, 'en', sn.en), 'comment', h.comment),
  h.at, CASE WHEN h.at < now() - interval '3 days' THEN h.at + interval '2 hours' END
FROM permit_history h JOIN permit_requests p ON p.id = h.request_id
JOIN seed_status_names sn ON sn.status = h.to_status
ORDER BY h.at;

INSERT INTO notifications (id, account_id, category, event, created_at, read_at)
SELECT pg_temp.uuid7(g.published_at + interval '1 minute'), a.id, 'legal',
  json_build_object('kind', 'agreement_published', 'agreement_id', g.id, 'title', g.title,
                    'effective_at', g.effective_at),
  g.published_at + interval '1 minute', g.published_at + interval '1 day'
FROM seed_accounts a JOIN agreements g ON g.kind = 'terms' AND g.version = 2
WHERE a.ts < g.published_at;
COMMIT;
"""


def seed_postgres(s, pki):
    hashes = password_hashes()
    agreements = agreement_texts()
    script = PG_SCRIPT.format(
        n=s.accounts, nr=s.requests, hash_count=HASHES, list_every=max(1, s.requests // LIST_OWNS),
        list_account=LIST_ACCOUNT,
        hashes=", ".join(f"({k}, {sql_text(h)})" for k, h in enumerate(hashes)),
        surnames="ARRAY[" + ", ".join(map(sql_text, SURNAMES)) + "]", n_surnames=len(SURNAMES),
        names="ARRAY[" + ", ".join(map(sql_text, NAMES)) + "]", n_names=len(NAMES),
        types="ARRAY[" + ", ".join(map(sql_text, TYPES)) + "]", n_types=len(TYPES),
        statuses="ARRAY[" + ", ".join(map(sql_text, STATUSES)) + "]", n_statuses=len(STATUSES),
        agreements=", ".join(
            f"({sql_text(str(a['id']))}, {sql_text(a['kind'])}, {a['version']}, {sql_json(a['title'])}, "
            f"{sql_json(a['body'])}, {sql_json(a['body_sha256'])}, {sql_json(a['details'])}, "
            f"{sql_text(a['published_at'].isoformat())}, {sql_text(a['effective_at'].isoformat())}, NULL)"
            for a in agreements),
        steps=", ".join(
            f"({sql_text(status)}, {k}, {sql_text(a)}, {sql_text(f)}, {sql_text(t)}, {d}, {str(staff).lower()})"
            for status, steps in STEPS.items() for k, (a, f, t, d, staff) in enumerate(steps, 1)),
        status_names=", ".join(
            f"({sql_text(k)}, {sql_text(kk)}, {sql_text(ru)}, {sql_text(en)})"
            for k, (kk, ru, en) in STATUS_NAMES.items()),
    )
    path = s.work / "seed-postgres.sql"
    path.write_text(script)
    psql(s, file=path)

    rows = psql(s, "SELECT id, created_at, language FROM accounts ORDER BY created_at").splitlines()
    accounts = []
    for row in rows:
        account_id, created, lang = row.split("|")
        accounts.append((account_id, dt.datetime.fromisoformat(pg_time(created)), lang))
    records = consent_chain(accounts, agreements, consent_signatures(pki, agreements))
    csv_path = s.work / "consents.csv"
    with open(csv_path, "w", newline="") as out:
        writer = csv.writer(out)
        for r in records:
            writer.writerow([r["id"], r["seq"], r["account_id"], r["agreement_id"],
                             r["document_sha256"], r["action"], r["channel"], r["language"],
                             r["ip_address"], r["user_agent"], r["signature"], r["signer_serial"],
                             r["recorded_at"].isoformat(), r["prev_hash"], r["record_hash"]])
    psql(s, "\\copy consent_records (id, seq, account_id, agreement_id, document_sha256, action, "
            "channel, language, ip_address, user_agent, signature, signer_serial, recorded_at, "
            f"prev_hash, record_hash) FROM '{csv_path}' WITH (FORMAT csv)")
    psql(s, "VACUUM (ANALYZE)")
    counts = psql(s, "SELECT (SELECT count(*) FROM accounts), (SELECT count(*) FROM permit_requests), "
                     "(SELECT count(*) FROM permit_history), (SELECT count(*) FROM notifications), "
                     "(SELECT count(*) FROM consent_records), (SELECT count(*) FROM permit_decisions), "
                     "(SELECT count(*) FROM permit_requests p JOIN accounts a ON a.id = p.applicant_id "
                     f"WHERE a.email = '{email(LIST_ACCOUNT)}')").split("|")
    keys = ["accounts", "permit_requests", "permit_history", "notifications", "consent_records",
            "permit_decisions", "list_account_requests"]
    return dict(zip(keys, map(int, counts)))


def pg_time(text):
    """psql prints `2024-09-10 10:11:12.345678+00`; Python wants `+00:00`."""
    if text[-3] in "+-" and ":" not in text[-3:]:
        text += ":00"
    return text


# ---------------------------------------------------------------------------------------------
# SQLite


def sqlite_time(at: dt.datetime) -> str:
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f+00:00")


def seed_sqlite(path: Path, n, nr, pki):
    """The same shapes as on PostgreSQL, row by row."""
    hashes = password_hashes()
    agreements = agreement_texts()
    rng = random.Random(11)
    now = dt.datetime.now(UTC)
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode=WAL")
    cur = db.cursor()
    orgs = {code: oid for code, oid in cur.execute("SELECT code, id FROM organisations")}
    types = {code: (oid, json.loads(defn)) for code, oid, defn in
             cur.execute("SELECT code, organisation_id, definition FROM permit_types")}

    accounts = []
    for i in range(1, n + 1):
        created = now - dt.timedelta(days=800) + i * dt.timedelta(days=795) / n \
            + dt.timedelta(seconds=rng.randint(0, 3000))
        company = i % 10 == 7
        iin = "99" + str(i).zfill(10)
        bin_ = "88" + str(i).zfill(10) if company else None
        full = f"{SURNAMES[i % len(SURNAMES)]} {NAMES[(i // len(SURNAMES)) % len(NAMES)]}"
        org = f"ТОО «Құрылыс-{i}»" if company else None
        aid = uuid7(created)
        accounts.append({"i": i, "id": aid, "created": created, "company": company, "iin": iin,
                         "bin": bin_, "full": full, "org": org, "lang": ["kk", "ru", "en"][i % 3]})
        cur.execute(
            "INSERT INTO accounts (id, kind, iin, bin, identity_key, full_name, organisation, email, "
            "email_normalized, email_verified_at, phone, language, password_hash, role, status, "
            "status_reason, verification, verified_at, failed_logins, lockouts, locked_until, "
            "created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (aid.bytes, "legal_entity" if company else "individual", iin, bin_,
             iin + (f"/{bin_}" if company else ""), full, org, email(i), email(i),
             sqlite_time(created + dt.timedelta(minutes=20)), "+7701" + str(i).zfill(7),
             ["kk", "ru", "en"][i % 3], hashes[i % HASHES], "reviewer" if i == n else "applicant",
             "active", None, "verified", sqlite_time(created + dt.timedelta(days=1)), 0, 0, None,
             sqlite_time(created), sqlite_time(created + dt.timedelta(days=1))))
        at = now - dt.timedelta(seconds=rng.randint(0, 60 * 86400))
        sid = uuid7(at)
        cur.execute(
            "INSERT INTO auth_sessions (id, account_id, method, user_agent, created_at, last_seen_at, "
            "expires_at, revoked_at, revoked_reason) VALUES (?,?,?,?,?,?,?,?,?)",
            (sid.bytes, aid.bytes, "password", "Mozilla/5.0", sqlite_time(at),
             sqlite_time(at + dt.timedelta(minutes=20)), sqlite_time(at + dt.timedelta(days=30)),
             sqlite_time(at + dt.timedelta(hours=1)) if i % 2 == 0 else None,
             "logout" if i % 2 == 0 else None))
    official = accounts[-1]["id"]

    for a in agreements:
        cur.execute(
            "INSERT INTO agreements (id, kind, version, title, body, body_sha256, details, "
            "published_at, effective_at, published_by) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (a["id"].bytes, a["kind"], a["version"], json.dumps(a["title"], ensure_ascii=False),
             json.dumps(a["body"], ensure_ascii=False), json.dumps(a["body_sha256"]),
             json.dumps(a["details"], ensure_ascii=False) if a["details"] else None,
             sqlite_time(a["published_at"]), sqlite_time(a["effective_at"]), None))

    by_year, seq_rows = {}, []
    for r in range(1, nr + 1):
        created = now - dt.timedelta(days=700) + r * dt.timedelta(days=699) / nr \
            + dt.timedelta(seconds=rng.randint(0, 300))
        acc = accounts[LIST_ACCOUNT - 1] if r % max(1, nr // LIST_OWNS) == 0 else accounts[2 + r % (n - 3)]
        type_code = TYPES[(r * 3 + r // 7) % len(TYPES)]
        status = STATUSES[(r * 7 + r // 3) % len(STATUSES)]
        org_id, definition = types[type_code]
        rid = uuid7(created)
        submitted = min(created + dt.timedelta(hours=1), now) if status != "draft" else None
        number = None
        if submitted:
            by_year[submitted.year] = by_year.get(submitted.year, 0) + 1
            number = f"AST-{submitted.year}-{by_year[submitted.year]:06d}"
        accepted = (min(submitted + dt.timedelta(days=1), now)
                    if status in ("in_review", "corrections_requested", "issued", "refused") else None)
        decided = min(submitted + dt.timedelta(days=9), now) if status in ("issued", "refused") else None
        title = f"{definition['name']['ru']} — объект {r}"
        steps = STEPS.get(status, [])
        cur.execute(
            "INSERT INTO permit_requests (id, number, type_code, organisation_id, applicant_id, "
            "applicant_bin, holder_name, holder_id, title, form_data, status, revision, version_no, "
            "assignee_id, submitted_at, accepted_at, intake_due, due_on, paused_at, corrections, "
            "pending_refusal, objection_due, objection, decided_at, reminded_for, created_at, "
            "updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (rid.bytes, number, type_code, org_id, acc["id"].bytes,
             acc["bin"] if acc["company"] else None, acc["org"] if acc["company"] else acc["full"],
             f"BIN {acc['bin']}" if acc["company"] else f"IIN {acc['iin']}", title,
             json.dumps({"object_name": f"Тұрғын үй кешені №{r}",
                         "address": f"Астана, Мәңгілік Ел даңғылы, {1 + r % 300}",
                         "apz_number": f"APZ-{r}"}, ensure_ascii=False),
             status, 1 + len(steps), 0 if status == "draft" else 1, None,
             sqlite_time(submitted) if submitted else None,
             sqlite_time(accepted) if accepted else None,
             (submitted + dt.timedelta(days=3)).date().isoformat() if submitted else None,
             (submitted + dt.timedelta(days=15)).date().isoformat() if submitted else None,
             None, None, None, None, None, sqlite_time(decided) if decided else None, None,
             sqlite_time(created), sqlite_time(decided or submitted or created)))
        for k, (action, frm, to, days, staff) in enumerate(steps, 1):
            at = min(submitted + dt.timedelta(days=days, minutes=k), now)
            cur.execute(
                "INSERT INTO permit_history (id, request_id, actor_id, action, from_status, to_status, "
                "comment, data, at) VALUES (?,?,?,?,?,?,?,?,?)",
                (uuid7(at).bytes, rid.bytes, official.bytes if staff else acc["id"].bytes, action, frm,
                 to, None, None, sqlite_time(at)))
            kk, ru, en = STATUS_NAMES[to]
            event = {"kind": "permit_status_changed", "request_id": str(rid), "number": number,
                     "title": title, "status": to, "status_name": {"kk": kk, "ru": ru, "en": en},
                     "comment": None}
            cur.execute(
                "INSERT INTO notifications (id, account_id, category, event, created_at, read_at) "
                "VALUES (?,?,?,?,?,?)",
                (uuid7(at).bytes, acc["id"].bytes, "permit_status", json.dumps(event, ensure_ascii=False),
                 sqlite_time(at), sqlite_time(at + dt.timedelta(hours=2))
                 if at < now - dt.timedelta(days=3) else None))
        if decided:
            cur.execute(
                "INSERT INTO permit_decisions (id, request_id, kind, number, language, pdf_sha256, "
                "pdf_size, verify_code, official_id, official_name, comment, grounds, signature, "
                "signer_serial, signed_at, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (uuid7(decided).bytes, rid.bytes, "permit" if status == "issued" else "refusal", number,
                 "ru", hashlib.sha256(rid.bytes).hexdigest(), 40000 + r % 16384, os.urandom(16).hex(),
                 official.bytes, "ОФИЦИАЛ БЕНЧ", None, None, "seeded: no signature file", "SEEDED",
                 sqlite_time(decided), sqlite_time(decided - dt.timedelta(hours=1))))
    for year, last in by_year.items():
        cur.execute("INSERT INTO permit_sequences (year, last) VALUES (?, ?)", (year, last))

    records = consent_chain([(a["id"], a["created"], a["lang"]) for a in accounts], agreements,
                            consent_signatures(pki, agreements))
    cur.executemany(
        "INSERT INTO consent_records (id, seq, account_id, agreement_id, document_sha256, action, "
        "channel, language, ip_address, user_agent, signature, signer_serial, recorded_at, prev_hash, "
        "record_hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [(uuid.UUID(r["id"]).bytes, r["seq"], uuid.UUID(r["account_id"]).bytes,
          uuid.UUID(r["agreement_id"]).bytes, r["document_sha256"], r["action"], r["channel"],
          r["language"], r["ip_address"], r["user_agent"], r["signature"], r["signer_serial"],
          sqlite_time(r["recorded_at"]), r["prev_hash"], r["record_hash"]) for r in records])
    db.commit()
    db.execute("ANALYZE")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    counts = {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
              for t in ("accounts", "permit_requests", "permit_history", "notifications",
                        "consent_records")}
    db.close()
    log(f"SQLite seeded: {counts}")
    return counts

"""The public register and the performance figures at a million permit requests (`make bench`):
after the rounds, the bench database is topped up to BENCH_OPEN_DATA_REQUESTS requests (copies of
the seeded ones under new ids and numbers, spread over the same two years), every decided one gets
its register entry and the monthly counters are rebuilt from the requests, as the server keeps
them. Then wrk asks, at 8 connections, for the register's first page, a filtered page and the
dashboard's figures; the goal is a p99 under 100 ms for each."""

import copy
import statistics

from common import Server, log, psql

CONNECTIONS = 8
GOAL_P99_MS = 100.0
PATHS = {
    "register": "/api/v1/register?limit=50",
    "register_filtered": "/api/v1/register?type=sketch-approval&district=yesil&outcome=issued&limit=50",
    "performance": "/api/v1/performance",
}

UUID7 = """
CREATE FUNCTION pg_temp.uuid7(ts timestamptz) RETURNS uuid LANGUAGE sql VOLATILE AS $$
  SELECT (lpad(to_hex(floor(extract(epoch FROM ts) * 1000)::bigint), 12, '0') || '7'
          || substr(md5(random()::text), 1, 3)
          || (ARRAY['8','9','a','b'])[1 + floor(random() * 4)::int]
          || substr(md5(random()::text), 1, 15))::uuid
$$;
"""

# The department's day of an instant (Astana, UTC+5).
LOCAL_DAY = "(({col} AT TIME ZONE 'UTC') + interval '5 hours')::date"

FILL = """
SET client_min_messages = warning;
{uuid7}
BEGIN;
INSERT INTO permit_requests ({columns})
SELECT {expressions}
FROM permit_requests p CROSS JOIN generate_series(1, {copies}) k
WHERE p.number IS NULL OR p.number NOT LIKE 'C%';
INSERT INTO register_entries (id, request_id, number, type_code, organisation_id, outcome,
  decided_at, decided_on, district, holder_kind, holder_name, holder_bin, object_name, address,
  verify_code, working_days, on_time)
SELECT pg_temp.uuid7(p.decided_at), p.id, coalesce(p.number, ''), p.type_code, p.organisation_id,
  p.status, p.decided_at, {decided_on},
  (ARRAY['almaty','baikonyr','yesil','nura','saryarka','saraishyk'])[1 + abs(hashtext(p.id::text)) % 6],
  CASE WHEN p.applicant_bin IS NOT NULL THEN 'company' ELSE 'individual' END,
  CASE WHEN p.applicant_bin IS NOT NULL THEN p.holder_name END, p.applicant_bin,
  CASE WHEN p.applicant_bin IS NOT NULL THEN p.form_data ->> 'object_name' END,
  CASE WHEN p.applicant_bin IS NOT NULL THEN p.form_data ->> 'address' END,
  NULL,
  greatest(0, ({decided_on} - {submitted_on}) * 5 / 7),
  {decided_on} <= coalesce(p.due_on, p.intake_due, {decided_on})
FROM permit_requests p
WHERE p.status IN ('issued', 'refused') AND p.decided_at IS NOT NULL
ON CONFLICT (request_id) DO NOTHING;
TRUNCATE performance_months, performance_days;
INSERT INTO performance_months (organisation_id, type_code, month, received, issued, refused,
  on_time, with_corrections, deemed)
SELECT organisation_id, type_code, month, sum(received), sum(issued), sum(refused), sum(on_time),
  sum(corrected), 0
FROM (SELECT organisation_id, type_code, to_char({submitted_on_r}, 'YYYY-MM') AS month,
             1 AS received, 0 AS issued, 0 AS refused, 0 AS on_time, 0 AS corrected
        FROM permit_requests r WHERE r.submitted_at IS NOT NULL
      UNION ALL
      SELECT e.organisation_id, e.type_code, to_char(e.decided_on, 'YYYY-MM'), 0,
             (e.outcome = 'issued')::int, (e.outcome = 'refused')::int, e.on_time::int,
             (abs(hashtext(e.request_id::text)) % 5 = 0)::int
        FROM register_entries e) x
GROUP BY organisation_id, type_code, month;
INSERT INTO performance_days (organisation_id, type_code, month, working_days, decided)
SELECT organisation_id, type_code, to_char(decided_on, 'YYYY-MM'), working_days, count(*)
FROM register_entries GROUP BY 1, 2, 3, 4;
COMMIT;
"""


def fill_sql(s, copies):
    columns = psql(s, "SELECT string_agg(column_name, ',' ORDER BY ordinal_position) "
                      "FROM information_schema.columns WHERE table_name = 'permit_requests' "
                      "AND table_schema = current_schema()").split(",")
    shift = "(k * interval '37 minutes')"
    overrides = {
        "id": f"pg_temp.uuid7(p.created_at - {shift})",
        "number": "CASE WHEN p.number IS NOT NULL THEN 'C' || k || '-' || p.number END",
        "created_at": f"p.created_at - {shift}",
        "updated_at": f"p.updated_at - {shift}",
        "submitted_at": f"p.submitted_at - {shift}",
        "accepted_at": f"p.accepted_at - {shift}",
        "decided_at": f"p.decided_at - {shift}",
    }
    expressions = ", ".join(overrides.get(c, f"p.{c}") for c in columns)
    return FILL.format(
        uuid7=UUID7, columns=", ".join(columns), expressions=expressions, copies=copies,
        decided_on=LOCAL_DAY.format(col="p.decided_at"),
        submitted_on=LOCAL_DAY.format(col="p.submitted_at"),
        submitted_on_r=LOCAL_DAY.format(col="r.submitted_at"))


def run(s, ctx, wrk, measured):
    """Tops the database up, measures, and returns the figures for the report."""
    target = int(__import__("os").environ.get("BENCH_OPEN_DATA_REQUESTS", "1000000"))
    have = int(psql(s, "SELECT count(*) FROM permit_requests"))
    copies = max(0, -(-(target - have) // have)) if have else 0
    log(f"open data: {have:,} requests; adding {copies} copies of each to reach {target:,}")
    work = s.work / "open-data.sql"
    work.write_text(fill_sql(s, copies))
    import time
    started = time.time()
    psql(s, file=str(work))
    psql(s, "VACUUM (ANALYZE)")
    counts = {
        "permit_requests": int(psql(s, "SELECT count(*) FROM permit_requests")),
        "register_entries": int(psql(s, "SELECT count(*) FROM register_entries")),
        "counter_rows": int(psql(s, "SELECT (SELECT count(*) FROM performance_months) "
                                    "+ (SELECT count(*) FROM performance_days)")),
    }
    seconds = time.time() - started
    log(f"open data: seeded in {seconds:.0f} s: {counts}")
    narrow = copy.copy(s)
    narrow.connections = CONNECTIONS
    server = Server(s, "open-data", s.db_url(), ctx.pg_data, ctx.pki_dir)
    server.start()
    results = {key: [] for key in PATHS}
    try:
        for number in range(1, s.rounds + 1):
            for key, path in PATHS.items():
                r = measured(server, lambda p=path: wrk(narrow, server, p, s.seconds))
                log(f"open data round {number}: {key}: {r['rps']:.0f} rps, p99 {r['p99_ms']:.1f} ms, "
                    f"non-2xx {r['non2xx']}")
                results[key].append(r)
    finally:
        server.stop()
    return {"counts": counts, "seed_seconds": seconds, "results": results}


def report_lines(figures, spread, fmt):
    if not figures:
        return []
    c = figures["counts"]
    out = ["### Open data at a million requests (the public register and the figures)", ""]
    out.append(f"The database topped up to {c['permit_requests']:,} permit requests, "
               f"{c['register_entries']:,} register entries and {c['counter_rows']:,} counter rows "
               f"(in {figures['seed_seconds']:.0f} s); {CONNECTIONS} connections; goal: p99 under "
               f"{GOAL_P99_MS:.0f} ms. A register page is one range scan of an index ending in the "
               f"UUIDv7 id; the figures read the month counters, a few hundred rows whatever the "
               f"number of requests (docs/transparency.md).")
    out.append("")
    out.append("| Endpoint | requests/s | p50 ms | p99 ms | errors (non-2xx / socket) | Verdict |")
    out.append("|---|---|---|---|---|---|")
    for key, path in PATHS.items():
        xs = figures["results"][key]
        p99 = statistics.median([x["p99_ms"] for x in xs]) if xs else None
        ok = p99 is not None and p99 < GOAL_P99_MS and all(x["non2xx"] == 0 for x in xs)
        out.append(f"| `GET {path}` | {spread([x['rps'] for x in xs], 1)} | "
                   f"{spread([x['p50_ms'] for x in xs])} | {spread([x['p99_ms'] for x in xs])} | "
                   f"{sum(x['non2xx'] for x in xs)} / {sum(x['socket_errors'] for x in xs)} | "
                   f"{'met' if ok else 'NOT met'} (p99 {fmt(p99)} ms) |")
    out.append("")
    return out

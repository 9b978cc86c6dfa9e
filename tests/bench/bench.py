#!/usr/bin/env python3
"""`make bench` (docs/benchmarks.md): seeds a throwaway PostgreSQL database and a SQLite file,
captures the SQL of each endpoint, then runs rounds of side-by-side measurements (wrk against the
release server, pgbench with the same SQL, the argon2 cost) and reports per-round ratios and
their medians. Run through tests/bench/run.sh, which installs the tools and builds the binaries."""

import datetime as dt
import json
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import api_flow  # noqa: E402
import open_data  # noqa: E402
import seed  # noqa: E402
import setups  # noqa: E402
import statements  # noqa: E402
import volume  # noqa: E402
from common import (BENCH, PASSWORD, ROOT, SAULET, TIMER, CpuMeter, Server, Settings,  # noqa: E402
                    expect, http, log, median, psql, run)

NOISY_CPU_S = 3.0  # foreign CPU-seconds in one run above which the run is flagged

ENDPOINTS = {
    "live": "GET /api/v1/health/live",
    "me": "GET /api/v1/accounts/me",
    "list": "GET /api/v1/permit-requests?limit=20",
    "create": "POST /api/v1/permit-requests",
    "login": "POST /api/v1/auth/login",
    "verify": "GET /api/v1/permits/{number}/verify?code=…",
}
GOALS = [
    # key, what, direction, goal
    ("me", "`GET /accounts/me` rps ÷ pgbench tps of its SQL", ">=", 0.5),
    ("list", "`GET /permit-requests?limit=20` rps ÷ pgbench tps of its SQL", ">=", 0.5),
    ("create", "`POST /permit-requests` rps ÷ pgbench tps of its SQL", ">=", 0.6),
    ("verify", "public verification rps ÷ pgbench tps of its SQL", ">=", 0.35),
    ("login", "login rps ÷ (cores × 1000 ÷ hash ms)", ">=", 0.8),
    ("login_p99", "login p99 ÷ (32 × hash ms ÷ cores)", "<=", 2.0),
    ("tail_me", "p99 ÷ mean latency, `/accounts/me`", "<=", 2.5),
    ("tail_list", "p99 ÷ mean latency, list", "<=", 2.5),
    ("tail_create", "p99 ÷ mean latency, create", "<=", 2.5),
    ("tail_verify", "p99 ÷ mean latency, verify", "<=", 2.5),
    ("tail_login", "p99 ÷ mean latency, login (no goal: see the login p99 goal)", None, None),
    ("rss", "peak RSS of the server in the round, MiB", "<=", 64),
    ("rss_without_login", "the same before any login (no goal: shows what login adds)", None, None),
    ("me_vs_live", "`/accounts/me` rps ÷ `/health/live` rps (no goal here)", None, None),
]


# ---------------------------------------------------------------------------------------------
# Load generators


def wrk(s, server, path, seconds, token=None, method=None, body=None, bodies=None):
    env = dict(os.environ)
    env.update({"WRK_METHOD": method or "", "WRK_BODY": body or "", "WRK_BODIES": str(bodies or "")})
    args = ["wrk", f"-t{s.threads}", f"-c{s.connections}", f"-d{seconds}s", "--timeout", "10s",
            "-s", str(BENCH / "wrk" / "report.lua")]
    if token:
        args += ["-H", f"Authorization: Bearer {token}"]
    out = run([*args, server.url(path)], env=env).stdout
    line = next((l for l in out.splitlines() if l.startswith("BENCHJSON ")), None)
    if not line:
        raise RuntimeError(f"wrk printed no summary:\n{out}")
    r = json.loads(line[len("BENCHJSON "):])
    seconds_run = r["duration_us"] / 1e6
    return {
        "rps": r["requests"] / seconds_run if seconds_run else 0.0,
        "requests": r["requests"],
        "p50_ms": r["p50_us"] / 1000, "p90_ms": r["p90_us"] / 1000, "p99_ms": r["p99_us"] / 1000,
        "mean_ms": r["mean_us"] / 1000, "max_ms": r["max_us"] / 1000,
        "non2xx": r["status"], "socket_errors": r["connect"] + r["read"] + r["write"] + r["timeout"],
        "timeouts": r["timeout"],
    }


def pgbench(s, script, defines, seconds):
    args = ["pgbench", "-h", s.pg_host, "-p", str(s.pg_port), "-U", s.pg_user, "-n", "-M", "prepared",
            "-c", str(s.connections), "-j", str(s.threads), "-T", str(seconds)]
    for k, v in defines.items():
        args += ["-D", f"{k}={v}"]
    proc = subprocess.run([*args, "-f", str(script), s.db], capture_output=True, text=True, env=s.pg_env())
    out = proc.stdout + proc.stderr

    def grab(pattern, cast=float):
        m = re.search(pattern, out)
        return cast(m.group(1)) if m else None

    result = {
        "tps": grab(r"tps = ([\d.]+) \(without initial connection time\)"),
        "latency_ms": grab(r"latency average = ([\d.]+) ms"),
        "transactions": grab(r"number of transactions actually processed: (\d+)", int),
        "failed": grab(r"number of failed transactions: (\d+)", int) or 0,
    }
    if proc.returncode != 0 or result["tps"] is None:
        result["error"] = out[-1500:]
        log(f"pgbench {script.name} failed ({proc.returncode}): {out[-600:]}")
    return result


def argon2_timing():
    return json.loads(run([TIMER, "20"]).stdout)


class Sampler(threading.Thread):
    """Samples the server's VmRSS every 50 ms (a cross-check of VmHWM)."""

    def __init__(self, server):
        super().__init__(daemon=True)
        self.server, self.peak, self.threads, self.stop_flag = server, 0, 0, threading.Event()

    def run(self):
        while not self.stop_flag.is_set():
            status = self.server.memory_kib()
            self.peak = max(self.peak, status.get("VmRSS", 0))
            self.threads = max(self.threads, status.get("Threads", 0))
            self.stop_flag.wait(0.05)

    def finish(self):
        self.stop_flag.set()
        self.join()
        return self.peak


def quiesce(server, limit_s=15.0):
    """Waits until the server is idle (under 5 % of a core over 0.4 s), so work queued by the
    previous run (argon2 verifications of abandoned logins) does not spill into the next one."""
    deadline = time.time() + limit_s
    while time.time() < deadline:
        before = _cpu_of(server.proc.pid)
        time.sleep(0.4)
        if _cpu_of(server.proc.pid) - before < 0.02:
            return
    log("the server stayed busy between runs")


def _cpu_of(pid):
    stat = Path(f"/proc/{pid}/stat").read_text()
    fields = stat[stat.rindex(")") + 2:].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measured(server, fn, idle=None):
    """Runs fn with the CPU meter and the memory peak around it, once `idle` (the server) is idle."""
    if idle or server:
        quiesce(idle or server)
    meter = CpuMeter(server.proc.pid if server else None)
    before = meter.snapshot()
    reset = server.reset_peak() if server else False
    sampler = Sampler(server) if server else None
    if sampler:
        sampler.start()
    result = fn()
    after = meter.snapshot()
    if server:
        sampled = sampler.finish()
        hwm = server.memory_kib().get("VmHWM", 0) if reset else 0
        result["peak_rss_mib"] = max(hwm, sampled) / 1024
        result["peak_threads"] = sampler.threads
    result["foreign_cpu_s"], result["busy_cpu_s"] = CpuMeter.foreign(before, after)
    if server and result.get("requests"):
        server_s = (after["server"] - before["server"]) / os.sysconf("SC_CLK_TCK")
        result["server_cpu_us_per_request"] = server_s * 1e6 / result["requests"]
    return result


# ---------------------------------------------------------------------------------------------
# Setup


class Context:
    @staticmethod
    def of(**fields):
        ctx = Context()
        ctx.__dict__.update(fields)
        return ctx


def login_token(server, i):
    return api_flow.login(server, seed.email(i))


def write_login_bodies(s):
    path = s.work / "login-bodies.txt"
    path.write_text("".join(
        json.dumps({"login": seed.email(i), "password": PASSWORD}, ensure_ascii=False) + "\n"
        for i in seed.LOGIN_POOL))
    return path


def setup_postgres(s, ctx):
    log(f"creating database {s.db}")
    psql(s, f'CREATE DATABASE "{s.db}"', db="postgres")
    ctx.db_created = True
    ctx.pg_data = s.work / "pg-data"
    server = Server(s, "pg-setup", s.db_url(), ctx.pg_data, ctx.pki_dir)
    server.cli("migrate")
    t = time.time()
    ctx.pg_counts = seed.seed_postgres(s, ctx.pki)
    ctx.pg_seed_seconds = time.time() - t
    log(f"PostgreSQL seeded in {ctx.pg_seed_seconds:.0f} s: {ctx.pg_counts}")
    server.start()
    try:
        ctx.pg_number, ctx.pg_code, ctx.pg_chain = api_flow.issue_permit(server, ctx.pki)
        api_flow.sanity(server, seed.email(seed.LIST_ACCOUNT))
    finally:
        server.stop()
    psql(s, "VACUUM (ANALYZE)")


def setup_sqlite(s, ctx):
    ctx.sqlite_data = s.work / "sqlite-data"
    ctx.sqlite_url = f"sqlite://{ctx.sqlite_data / 'saulet.db'}?mode=rwc"
    server = Server(s, "sqlite-setup", ctx.sqlite_url, ctx.sqlite_data, ctx.pki_dir)
    server.cli("migrate")
    t = time.time()
    ctx.sqlite_counts = seed.seed_sqlite(ctx.sqlite_data / "saulet.db", s.sqlite_accounts,
                                         s.sqlite_requests, ctx.pki)
    ctx.sqlite_seed_seconds = time.time() - t
    server.start()
    try:
        ctx.sqlite_number, ctx.sqlite_code, ctx.sqlite_chain = api_flow.issue_permit(server, ctx.pki)
        api_flow.sanity(server, seed.email(seed.LIST_ACCOUNT))
    finally:
        server.stop()


def capture(s, ctx):
    """One request of each kind with log_statement=all; their SQL and pgbench scripts."""
    log_path, how, facts = statements.find_log(s)
    ctx.log_how, ctx.log_facts = how, facts
    log(f"server log: {how}")
    ext = psql(s, "SELECT coalesce((SELECT extversion FROM pg_extension WHERE extname = "
                  "'pg_stat_statements'), 'not installed') || ', shared_preload_libraries=' || "
                  "current_setting('shared_preload_libraries')", db="postgres")
    ctx.pgss = ext
    if log_path is None:
        raise RuntimeError("cannot read the PostgreSQL server log to capture the statements")
    psql(s, f"ALTER DATABASE \"{s.db}\" SET log_statement = 'all'", db="postgres")
    server = Server(s, "pg-capture", s.db_url(), ctx.pg_data, ctx.pki_dir, {
        # No background polling while capturing: only the requests' statements reach the log.
        "SAULET_MAIL__POLL_INTERVAL_MS": "3600000",
        "SAULET_PERMITS__REMINDER_INTERVAL_SECS": "3600",
        "SAULET_WEBHOOKS__POLL_INTERVAL_MS": "3600000",
    })
    calls = {}
    try:
        server.start()
        time.sleep(2)
        list_token, create_token = login_token(server, seed.LIST_ACCOUNT), login_token(server, seed.CREATE_ACCOUNT)
        verify_path = f"/api/v1/permits/{ctx.pg_number}/verify?code={ctx.pg_code}"
        calls = {
            "live": lambda: http("GET", server.url("/api/v1/health/live")),
            "me": lambda: http("GET", server.url("/api/v1/accounts/me"), token=list_token),
            "list": lambda: http("GET", server.url("/api/v1/permit-requests?limit=20"), token=list_token),
            "create": lambda: http("POST", server.url("/api/v1/permit-requests"),
                                   {"type_code": "sketch-approval"}, token=create_token),
            "login": lambda: http("POST", server.url("/api/v1/auth/login"),
                                  {"login": seed.email(seed.LOGIN_POOL[0]), "password": PASSWORD}),
            "verify": lambda: http("GET", server.url(verify_path)),
        }
        for call in calls.values():  # warm the pool's connections and statement caches
            call()
            call()
        time.sleep(1)
        tail = statements.LogTail(log_path)
        ctx.captured = {}
        for key, call in calls.items():
            tail.mark()
            status = call()[0]
            time.sleep(0.6)
            found = statements.entries(tail.read(), s.db)
            ctx.captured[key] = {"status": status, "statements": found}
            log(f"{ENDPOINTS[key]}: HTTP {status}, {len(found)} statements")
    finally:
        server.stop()
        psql(s, f"ALTER DATABASE \"{s.db}\" RESET log_statement", db="postgres")
    ctx.scripts = {}
    for key in ("me", "list", "create", "verify"):
        found = ctx.captured[key]["statements"]
        if not found:
            raise RuntimeError(f"no statements were captured for {key}; is log_statement honoured?")
        path = s.work / f"pgbench-{key}.sql"
        defines = statements.pgbench_script(found, path)
        statements.check_script(s, path, defines)
        ctx.scripts[key] = (path, defines)
    saved = ROOT / "target" / "bench"
    saved.mkdir(parents=True, exist_ok=True)
    prefix = getattr(s, "saved_prefix", "")
    for key in ("me", "list", "create", "verify"):
        shutil.copy(ctx.scripts[key][0], saved / f"{prefix}{ctx.scripts[key][0].name}")
    (saved / f"{prefix}captured-statements.json").write_text(json.dumps(ctx.captured, ensure_ascii=False, indent=1))


# ---------------------------------------------------------------------------------------------
# Rounds


def load(s, server, key, ctx, tokens, seconds):
    if key == "live":
        return wrk(s, server, "/api/v1/health/live", seconds)
    if key == "me":
        return wrk(s, server, "/api/v1/accounts/me", seconds, token=tokens["list"])
    if key == "list":
        return wrk(s, server, "/api/v1/permit-requests?limit=20", seconds, token=tokens["list"])
    if key == "create":
        return wrk(s, server, "/api/v1/permit-requests", seconds, token=tokens["create"],
                   method="POST", body='{"type_code":"sketch-approval"}')
    if key == "login":
        return wrk(s, server, "/api/v1/auth/login", seconds, method="POST", bodies=ctx.login_bodies)
    if key == "verify":
        return wrk(s, server, tokens["verify"], seconds)
    raise KeyError(key)


def pg_round(s, ctx, number, keys=("me", "list", "create", "verify"), login=True):
    """One round: each of `keys` against pgbench of its SQL; with `login`, the bare route first
    and login last."""
    server = Server(s, f"pg-round{number}", s.db_url(), ctx.pg_data, ctx.pki_dir).start()
    out = {}
    try:
        tokens = {"list": login_token(server, seed.LIST_ACCOUNT),
                  "create": login_token(server, seed.CREATE_ACCOUNT),
                  "verify": f"/api/v1/permits/{ctx.pg_number}/verify?code={ctx.pg_code}"}
        for key in keys:
            load(s, server, key, ctx, tokens, 1)  # warm-up: pool connections, statement caches
        if login:
            out["live"] = measured(server, lambda: load(s, server, "live", ctx, tokens, s.seconds))
        for key in keys:
            path, defines = ctx.scripts[key]
            out[f"pg_{key}"] = measured(None, lambda: pgbench(s, path, defines, s.seconds), idle=server)
            out[key] = measured(server, lambda: load(s, server, key, ctx, tokens, s.seconds))
        if not login:
            return out
        # Login last: it adds one argon2 working memory per core, which would hide the other
        # endpoints' own peaks.
        load(s, server, "login", ctx, tokens, 1)
        quiesce(server)
        out["argon2"] = argon2_timing()
        out["login"] = measured(server, lambda: load(s, server, "login", ctx, tokens, s.seconds))
    finally:
        server.stop()
    return out


def sqlite_round(s, ctx, number):
    server = Server(s, f"sqlite-round{number}", ctx.sqlite_url, ctx.sqlite_data, ctx.pki_dir).start()
    out = {}
    try:
        tokens = {"list": login_token(server, seed.LIST_ACCOUNT),
                  "verify": f"/api/v1/permits/{ctx.sqlite_number}/verify?code={ctx.sqlite_code}"}
        for key in ("me", "list", "verify"):
            load(s, server, key, ctx, tokens, 1)
        for key in ("me", "list", "verify"):
            out[key] = measured(server, lambda: load(s, server, key, ctx, tokens, s.seconds))
    finally:
        server.stop()
    return out


def ratios(s, r):
    out = {}

    def div(a, b):
        return a / b if a is not None and b else None

    for key in ("me", "list", "create", "verify"):
        out[key] = div(r[key]["rps"], r[f"pg_{key}"].get("tps"))
    hash_ms = r["argon2"]["hash_ms"]["median"]
    out["login"] = div(r["login"]["rps"], s.cores * 1000 / hash_ms)
    out["login_p99"] = div(r["login"]["p99_ms"], s.connections * hash_ms / s.cores)
    for key in ("me", "list", "create", "verify", "login"):
        mean_ms = div(s.connections * 1000, r[key]["rps"])
        out[f"tail_{key}"] = div(r[key]["p99_ms"], mean_ms)
    out["rss"] = max(r[k].get("peak_rss_mib", 0) for k in ("live", "me", "list", "create", "login", "verify"))
    out["rss_without_login"] = max(r[k].get("peak_rss_mib", 0) for k in ("live", "me", "list", "create", "verify"))
    out["me_vs_live"] = div(r["me"]["rps"], r["live"]["rps"])
    return out


def print_round(number, r, rat, sq):
    log(f"round {number}:")
    for key in ("live", "me", "list", "create", "verify", "login"):
        x = r[key]
        pg = r.get(f"pg_{key}")
        extra = f"  pgbench {pg['tps']:.0f} tps" if pg and pg.get("tps") else ""
        print(f"    {ENDPOINTS[key]:<42} {x['rps']:9.1f} rps  p50 {x['p50_ms']:7.2f}  p99 {x['p99_ms']:8.2f} ms"
              f"  errors {x['non2xx'] + x['socket_errors']}  RSS {x['peak_rss_mib']:.1f} MiB, {x.get('peak_threads')} threads"
              f"  server {x.get('server_cpu_us_per_request', 0):.0f} µs CPU/req  foreign CPU {x['foreign_cpu_s']:.1f} s{extra}", flush=True)
    print(f"    argon2id hash {r['argon2']['hash_ms']['median']:.2f} ms (verify "
          f"{r['argon2']['verify_ms']['median']:.2f} ms)", flush=True)
    print("    ratios: " + ", ".join(f"{k} {v:.3f}" for k, v in rat.items() if v is not None), flush=True)
    for key, x in (sq or {}).items():
        print(f"    SQLite {ENDPOINTS[key]:<35} {x['rps']:9.1f} rps  p99 {x['p99_ms']:8.2f} ms"
              f"  errors {x['non2xx'] + x['socket_errors']}", flush=True)


# ---------------------------------------------------------------------------------------------
# Report


def fmt(v, digits=2):
    if v is None:
        return "—"
    if isinstance(v, (int,)) or abs(v) >= 100:
        return f"{v:,.0f}"
    return f"{v:.{digits}f}"


def spread(values, digits=2):
    values = [v for v in values if v is not None]
    if not values:
        return "—"
    return f"**{fmt(median(values), digits)}** ({fmt(min(values), digits)}–{fmt(max(values), digits)})"


def verdict(direction, goal, value):
    if direction is None or value is None:
        return "—"
    ok = value >= goal if direction == ">=" else value <= goal
    return "met" if ok else "**NOT MET**"


def machine():
    model = next((l.split(":", 1)[1].strip() for l in Path("/proc/cpuinfo").read_text().splitlines()
                  if l.startswith("model name")), platform.processor())
    mem = next(int(l.split()[1]) for l in Path("/proc/meminfo").read_text().splitlines()
               if l.startswith("MemTotal"))
    return f"{len(os.sched_getaffinity(0))} × {model}, {mem / 1048576:.0f} GiB RAM, Linux {platform.release()}"


def git_state():
    try:
        head = run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"]).stdout.strip()
        dirty = len([l for l in run(["git", "-C", ROOT, "status", "--porcelain"]).stdout.splitlines() if l])
        return head + (f" with {dirty} uncommitted files" if dirty else "")
    except RuntimeError:
        return "unknown"


def statement_table(ctx):
    lines = ["| Endpoint | Statements per request | What they are, in order |", "|---|---:|---|"]
    for key, cap in ctx.captured.items():
        found = cap["statements"]
        control = sum(1 for e in found if statements.CONTROL.match(e["sql"]))
        count = f"{len(found)}" + (f" ({control} BEGIN/COMMIT)" if control else "")
        what = ", ".join(statements.summary(e["sql"]) for e in found) or "none"
        lines.append(f"| `{ENDPOINTS[key]}` (HTTP {cap['status']}) | {count} | {what} |")
    return "\n".join(lines)


def bundle_figure():
    """The bundle-size script's figure, written by run.sh before the benchmark."""
    work = os.environ.get("BENCH_WORK")
    if not work:
        return None
    path = Path(work) / "bundle.json"
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return None


def report(s, ctx, rounds, sqlite_rounds, started):
    pg = [r["pg"] for r in rounds]
    rats = [r["ratios"] for r in rounds]
    now = dt.datetime.now(dt.timezone.utc)
    foreign = [r[k]["foreign_cpu_s"] for r in pg for k in r if isinstance(r[k], dict) and "foreign_cpu_s" in r[k]]
    noisy = sum(1 for f in foreign if f > NOISY_CPU_S)
    out = []
    out.append(f"Run of {now:%Y-%m-%d %H:%M} UTC on {machine()}; working tree: commit {git_state()}. "
               f"{len(rounds)} rounds, {s.seconds} s per run, {s.connections} connections, "
               f"{s.threads} wrk/pgbench threads; {(time.time() - started) / 60:.1f} min after the build. "
               f"**The machine is shared** (other people compile on it): runs that took more than "
               f"{NOISY_CPU_S:.0f} CPU-s of foreign work: {noisy} of {len(foreign)} "
               f"(foreign CPU-s per run: median {fmt(median(foreign), 1)}, max {fmt(max(foreign) if foreign else None, 1)}).")
    out.append("")
    out.append(f"Data: PostgreSQL {ctx.pg_version}, database seeded with "
               + ", ".join(f"{v:,} {k.replace('_', ' ')}" for k, v in ctx.pg_counts.items())
               + f" (in {ctx.pg_seed_seconds:.0f} s); consent chain verified through the API: "
               f"{ctx.pg_chain['records']:,} records, intact. Decision verified: {ctx.pg_number}.")
    out.append("")
    out.append("### PostgreSQL: each endpoint (median of rounds, min–max)")
    out.append("")
    out.append("| Endpoint | requests/s | p50 ms | p99 ms | errors (non-2xx / socket) | peak RSS MiB | server CPU µs per request | pgbench tps of its SQL | statements |")
    out.append("|---|---|---|---|---|---|---|---|---|")
    for key in ("live", "me", "list", "create", "login", "verify"):
        xs = [r[key] for r in pg]
        pgs = [r.get(f"pg_{key}", {}).get("tps") for r in pg]
        errs = f"{sum(x['non2xx'] for x in xs)} / {sum(x['socket_errors'] for x in xs)}"
        stmts = len(ctx.captured[key]["statements"])
        out.append(f"| `{ENDPOINTS[key]}` | {spread([x['rps'] for x in xs], 1)} | {spread([x['p50_ms'] for x in xs])} "
                   f"| {spread([x['p99_ms'] for x in xs])} | {errs} | {spread([x['peak_rss_mib'] for x in xs], 1)} "
                   f"| {spread([x.get('server_cpu_us_per_request') for x in xs], 0)} "
                   f"| {spread(pgs, 0) if any(pgs) else '—'} | {stmts} |")
    hash_ms = [r["argon2"]["hash_ms"]["median"] for r in pg]
    verify_ms = [r["argon2"]["verify_ms"]["median"] for r in pg]
    out.append("")
    out.append(f"argon2id ({pg[0]['argon2'].get('params', '?')}, m in KiB), one thread, median of 20 in each round: hash "
               f"{spread(hash_ms)} ms, verify {spread(verify_ms)} ms; so the login ceiling is "
               f"{spread([s.cores * 1000 / h for h in hash_ms], 0)} logins/s on {s.cores} cores and the "
               f"queueing floor of the p99 is {spread([s.connections * h / s.cores for h in hash_ms], 0)} ms.")
    out.append("")
    out.append("### Goals: per-round ratios, median over rounds (min–max)")
    out.append("")
    out.append("| Ratio | Goal | Median (min–max) | Per round | Verdict |")
    out.append("|---|---|---|---|---|")
    for key, what, direction, goal in GOALS:
        values = [r.get(key) for r in rats]
        goal_text = "—" if direction is None else f"{'≥' if direction == '>=' else '≤'} {goal:g}"
        digits = 1 if key.startswith("rss") else 3
        per = ", ".join(fmt(v, digits) for v in values)
        out.append(f"| {what} | {goal_text} | {spread(values, digits)} | {per} | "
                   f"{verdict(direction, goal, median(values))} |")
    if sqlite_rounds:
        out.append("")
        out.append("### SQLite (the embedded default): read endpoints, median of rounds (min–max)")
        out.append("")
        out.append(f"Seeded: " + ", ".join(f"{v:,} {k.replace('_', ' ')}" for k, v in ctx.sqlite_counts.items())
                   + f"; decision verified: {ctx.sqlite_number}. One connection (the product's SQLite pool).")
        out.append("")
        out.append("| Endpoint | requests/s | p50 ms | p99 ms | errors (non-2xx / socket) | peak RSS MiB |")
        out.append("|---|---|---|---|---|---|")
        for key in ("me", "list", "verify"):
            xs = [r[key] for r in sqlite_rounds]
            out.append(f"| `{ENDPOINTS[key]}` | {spread([x['rps'] for x in xs], 1)} | {spread([x['p50_ms'] for x in xs])} "
                       f"| {spread([x['p99_ms'] for x in xs])} | {sum(x['non2xx'] for x in xs)} / "
                       f"{sum(x['socket_errors'] for x in xs)} | {spread([x['peak_rss_mib'] for x in xs], 1)} |")
    out.append("")
    bundle = bundle_figure()
    if bundle:
        out.append("### The first page on a phone")
        out.append("")
        language = (f", and the largest language chunk, {bundle['language']}: "
                    f"{bundle['language_gzip_bytes']:,} bytes gzipped" if 'language' in bundle else "")
        out.append(f"The home page's initial JavaScript (entry chunk and its static imports{language}; "
                   f"`frontend/scripts/bundle-size.mjs`): {bundle['gzip_bytes']:,} bytes gzipped "
                   f"({bundle['gzip_kb']} KB; budget {bundle['budget_bytes'] // 1024} KB), "
                   f"{bundle['raw_bytes']:,} bytes raw, in {bundle['chunks']} chunk(s).")
        out.append("")
    out.extend(setups.report_lines(getattr(ctx, "setups", None), spread, fmt, ENDPOINTS, median))
    out.extend(volume.report_lines(getattr(ctx, "volume", None), rounds, spread, fmt, ENDPOINTS, median))
    out.extend(open_data.report_lines(getattr(ctx, "open_data", None), spread, fmt))
    out.append("### Statements per request (PostgreSQL, `log_statement=all`)")
    out.append("")
    out.append(f"Captured from the server log: {ctx.log_how}. pg_stat_statements: {ctx.pgss}.")
    out.append("")
    out.append(statement_table(ctx))
    out.append("")
    out.append("<details><summary>Every run of every round</summary>")
    out.append("")
    out.append("| Round | Run | rps / tps | p50 ms | p99 ms | mean ms (wrk) / latency avg (pgbench) | errors | peak RSS MiB (threads) | foreign CPU-s |")
    out.append("|---|---|---|---|---|---|---|---|---|")
    for n, r in enumerate(pg, 1):
        for key in ("live", "pg_me", "me", "pg_list", "list", "pg_create", "create", "pg_verify", "verify", "login"):
            x = r[key]
            if key.startswith("pg_"):
                out.append(f"| {n} | pgbench {key[3:]} | {fmt(x.get('tps'), 0)} | — | — | {fmt(x.get('latency_ms'))} "
                           f"| {x.get('failed', 0)} failed | — | {fmt(x['foreign_cpu_s'], 1)} |")
            else:
                out.append(f"| {n} | {ENDPOINTS[key]} | {fmt(x['rps'], 1)} | {fmt(x['p50_ms'])} | {fmt(x['p99_ms'])} "
                           f"| {fmt(x['mean_ms'])} | {x['non2xx']} / {x['socket_errors']} | {fmt(x['peak_rss_mib'], 1)} "
                           f"({x.get('peak_threads', '?')}) | {fmt(x['foreign_cpu_s'], 1)} |")
        out.append(f"| {n} | argon2id hash / verify | — | {fmt(r['argon2']['hash_ms']['median'])} / "
                   f"{fmt(r['argon2']['verify_ms']['median'])} | — | — | — | — | — |")
    for n, r in enumerate(sqlite_rounds, 1):
        for key, x in r.items():
            out.append(f"| {n} | SQLite {ENDPOINTS[key]} | {fmt(x['rps'], 1)} | {fmt(x['p50_ms'])} | {fmt(x['p99_ms'])} "
                       f"| {fmt(x['mean_ms'])} | {x['non2xx']} / {x['socket_errors']} | {fmt(x['peak_rss_mib'], 1)} "
                       f"({x.get('peak_threads', '?')}) | {fmt(x['foreign_cpu_s'], 1)} |")
    out.append("")
    out.append("</details>")
    return "\n".join(out)


BEGIN = "<!-- bench:results:begin (written by `make bench`; edit above or below) -->"
END = "<!-- bench:results:end -->"


def write_doc(text):
    doc = ROOT / "docs" / "benchmarks.md"
    current = doc.read_text() if doc.exists() else "# Benchmarks\n\n## Latest results\n\n"
    block = f"{BEGIN}\n\n{text}\n\n{END}"
    if BEGIN in current and END in current:
        head, rest = current.split(BEGIN, 1)
        tail = rest.split(END, 1)[1]
        current = head + block + tail
    else:
        current = current.rstrip() + "\n\n" + block + "\n"
    doc.write_text(current)
    log(f"results written to {doc.relative_to(ROOT)}")


# ---------------------------------------------------------------------------------------------


def main():
    s = Settings()
    started = time.time()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    ctx = Context()
    ctx.db_created = False
    rounds, sqlite_rounds = [], []
    try:
        ctx.pg_version = psql(s, "SHOW server_version", db="postgres")
        ctx.pki_dir = s.work / "dev-pki"
        run([SAULET, "dev-pki", "--out", ctx.pki_dir], cwd=s.work)
        ctx.pki = api_flow.Pki(ctx.pki_dir, api_flow.scratch_dir(s.work, "pem-"))
        ctx.login_bodies = write_login_bodies(s)
        setup_postgres(s, ctx)
        if s.sqlite:
            setup_sqlite(s, ctx)
        capture(s, ctx)
        for key, cap in ctx.captured.items():
            print(f"    {ENDPOINTS[key]}: {len(cap['statements'])} statements: "
                  + ", ".join(statements.summary(e["sql"]) for e in cap["statements"]), flush=True)
        for number in range(1, s.rounds + 1):
            log(f"round {number} of {s.rounds}: PostgreSQL")
            pg = pg_round(s, ctx, number)
            rat = ratios(s, pg)
            sq = None
            if s.sqlite:
                log(f"round {number} of {s.rounds}: SQLite")
                sq = sqlite_round(s, ctx, number)
                sqlite_rounds.append(sq)
            rounds.append({"pg": pg, "ratios": rat})
            print_round(number, pg, rat, sq)
        if os.environ.get("BENCH_SETUPS", "1") != "0":
            log("the production setup: an S3 store and a read replica, against the embedded one")
            ctx.setups = setups.run_setups(s, ctx, Server, load, measured, login_token, seed)
        ctx.volume = volume.run(s, Context.of(
            Context=Context, setup_postgres=setup_postgres, capture=capture, pg_round=pg_round,
            pki_dir=ctx.pki_dir, pki=ctx.pki, login_bodies=ctx.login_bodies))
        log("open data: the public register and the figures at a million requests")
        ctx.open_data = open_data.run(s, ctx, wrk, measured)
        text = report(s, ctx, rounds, sqlite_rounds, started)
        print("\n" + text + "\n", flush=True)
        saved = ROOT / "target" / "bench"
        saved.mkdir(parents=True, exist_ok=True)
        (saved / "results.json").write_text(json.dumps(
            {"settings": {k: str(v) for k, v in vars(s).items() if k != "pg_password"},
             "rounds": rounds, "sqlite_rounds": sqlite_rounds,
             "setups": getattr(ctx, "setups", None),
             "volume": getattr(ctx, "volume", None),
             "open_data": getattr(ctx, "open_data", None)}, indent=1, default=str))
        (saved / "results.md").write_text(text + "\n")
        if s.write_doc:
            write_doc(text)
        log(f"done in {(time.time() - started) / 60:.1f} min")
    finally:
        if ctx.db_created and not s.keep:
            try:
                psql(s, f'DROP DATABASE IF EXISTS "{s.db}" WITH (FORCE)', db="postgres")
                log(f"dropped database {s.db}")
            except RuntimeError as error:
                log(f"could not drop {s.db}: {error}")


if __name__ == "__main__":
    main()

"""`make bench`, cost as the work grows: after the rounds at the usual volume, a second database is
seeded at BENCH_VOLUME (10) times its accounts and permit requests, with their history, tasks,
decisions, notifications and consent records, by the same seed; its statements are captured
again (the ids differ) and `me`, the list, create and the public verification are measured there
against pgbench of their SQL on that database, in as many rounds. Goal: each endpoint's ratio to
pgbench at the larger volume is within 10 % of its ratio at the usual one. BENCH_VOLUME=1 skips
it."""

import copy
import os

from common import log, psql

ENDPOINTS = ("me", "list", "create", "verify")
TOLERANCE = 0.10


def factor():
    return int(os.environ.get("BENCH_VOLUME", "10"))


def run(s, hooks):
    """Seeds, measures and drops the larger database; returns the figures for the report.
    `hooks` carries bench.py's Context, setup_postgres, capture and pg_round, and the PKI."""
    times = factor()
    if times <= 1:
        return None
    big = copy.copy(s)
    big.db = f"{s.db}_x{times}"
    big.accounts, big.requests = s.accounts * times, s.requests * times
    big.work = s.work / f"volume-x{times}"
    big.work.mkdir(parents=True, exist_ok=True)
    big.saved_prefix = f"x{times}-"
    ctx = hooks.Context()
    ctx.pki_dir, ctx.pki, ctx.login_bodies = hooks.pki_dir, hooks.pki, hooks.login_bodies
    log(f"volume ×{times}: database {big.db}, {big.accounts:,} accounts, {big.requests:,} requests")
    try:
        hooks.setup_postgres(big, ctx)
        hooks.capture(big, ctx)
        rounds = []
        for number in range(1, s.rounds + 1):
            log(f"volume ×{times}: round {number} of {s.rounds}")
            r = hooks.pg_round(big, ctx, f"x{times}-{number}", keys=ENDPOINTS, login=False)
            ratios = {k: r[k]["rps"] / r[f"pg_{k}"]["tps"] if r[f"pg_{k}"].get("tps") else None
                      for k in ENDPOINTS}
            log(f"volume ×{times}: round {number}: "
                + ", ".join(f"{k} {r[k]['rps']:.0f} rps ÷ {r[f'pg_{k}'].get('tps') or 0:.0f} tps = "
                            f"{(ratios[k] or 0):.3f}" for k in ENDPOINTS))
            rounds.append({"runs": r, "ratios": ratios})
        return {"times": times, "counts": ctx.pg_counts, "seed_seconds": ctx.pg_seed_seconds,
                "rounds": rounds}
    finally:
        if getattr(ctx, "db_created", False) and not s.keep:
            try:
                psql(s, f'DROP DATABASE IF EXISTS "{big.db}" WITH (FORCE)', db="postgres")
            except RuntimeError as error:
                log(f"could not drop {big.db}: {error}")


def report_lines(result, base_rounds, spread, fmt, names, median):
    """The report's section: each endpoint's ratio at both volumes, side by side."""
    out = [f"### Cost as the work grows: ×{factor()} the volume", ""]
    if not result:
        return out + ["Not measured (BENCH_VOLUME=1).", ""]
    c = result["counts"]
    out.append(f"A second database seeded the same way at {result['times']} times the volume: "
               + ", ".join(f"{v:,} {k.replace('_', ' ')}" for k, v in c.items())
               + f" (in {result['seed_seconds']:.0f} s); its statements captured again and each "
               f"endpoint measured against pgbench of its SQL on that database, {len(result['rounds'])} "
               f"rounds. Goal: the ratio at ×{result['times']} is at least {1 - TOLERANCE:g} of the "
               f"ratio at the usual volume (the medians).")
    out.append("")
    out.append(f"| Endpoint | ×1: requests/s | ×1: ÷ pgbench | ×{result['times']}: requests/s "
               f"| ×{result['times']}: ÷ pgbench | per round | ×{result['times']} ÷ ×1 | Verdict |")
    out.append("|---|---|---|---|---|---|---|---|")
    for key in ENDPOINTS:
        base = [r["ratios"].get(key) for r in base_rounds]
        big = [r["ratios"].get(key) for r in result["rounds"]]
        base_rps = [r["pg"][key]["rps"] for r in base_rounds]
        big_rps = [r["runs"][key]["rps"] for r in result["rounds"]]
        kept = median(big) / median(base) if median(base) and median(big) is not None else None
        errors = sum(r["runs"][key]["non2xx"] + r["runs"][key]["socket_errors"] for r in result["rounds"])
        verdict = "met" if kept is not None and kept >= 1 - TOLERANCE else "**NOT MET**"
        if errors:
            verdict += f" ({errors} errors)"
        out.append(f"| `{names[key]}` | {spread(base_rps, 1)} | {spread(base, 3)} | {spread(big_rps, 1)} "
                   f"| {spread(big, 3)} | {', '.join(fmt(v, 3) for v in big)} | {fmt(kept, 3)} | {verdict} |")
    out.append("")
    return out

#!/usr/bin/env bash
# `make bench` (docs/benchmarks.md). Installs what is missing (wrk, pgbench, psql, openssl),
# builds the release server and the argon2 timer, then runs tests/bench/bench.py. The throwaway
# database saulet_bench_<random> is dropped and the servers stopped even when something fails.
#
# Knobs (environment): BENCH_ROUNDS (3), BENCH_SECONDS (10), BENCH_CONNECTIONS (32),
# BENCH_THREADS (2), BENCH_PG_URL (postgres://postgres@127.0.0.1:5432), BENCH_SQLITE (1),
# BENCH_WRITE_DOC (1: rewrite the results block of docs/benchmarks.md), BENCH_KEEP (0: keep the
# work folder and the database), BENCH_ACCOUNTS / BENCH_REQUESTS (10000 / 100000),
# BENCH_SKIP_BUILD (0; 1 measures the existing release binary, for development only),
# BENCH_SETUPS (1; 0 skips the S3 store + read replica comparison, tests/bench/setups.py),
# BENCH_VOLUME (10: the four endpoints again on a database of ten times the accounts and
# requests, tests/bench/volume.py; 1 skips it).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
CARGO="${CARGO:-cargo}"

say() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*"; }

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
apt_install() {
  if ! command -v apt-get >/dev/null; then
    say "missing: $* (no apt-get here; install it yourself)"; exit 1
  fi
  say "installing $* (apt-get)"
  $SUDO apt-get install -y --no-install-recommends "$@" >/dev/null \
    || { $SUDO apt-get update >/dev/null && $SUDO apt-get install -y --no-install-recommends "$@" >/dev/null; }
}

command -v wrk >/dev/null || apt_install wrk
command -v psql >/dev/null || apt_install postgresql-client
# Debian's /usr/bin/pgbench is a wrapper; the program itself ships with the server package
# (postgresql-NN, pulled in by postgresql-contrib).
pgbench --version >/dev/null 2>&1 || apt_install postgresql-contrib
command -v openssl >/dev/null || apt_install openssl
command -v python3 >/dev/null || apt_install python3
say "$(wrk --version 2>&1 | head -1 | cut -c1-40); $(pgbench --version); $(python3 --version)"

if [ "${BENCH_SKIP_BUILD:-0}" = "1" ] && [ -x target/release/saulet ]; then
  say "BENCH_SKIP_BUILD=1: using the existing target/release/saulet (development only)"
else
  say "building the release server (cargo build --release --bin saulet)"
  $CARGO build --release --bin saulet
fi
say "building the argon2 timer (tests/bench/argon2-timer)"
CARGO_TARGET_DIR="$ROOT/target/bench-tools" \
  $CARGO build --release --locked --quiet --manifest-path tests/bench/argon2-timer/Cargo.toml

export BENCH_DB="${BENCH_DB:-saulet_bench_$(head -c4 /dev/urandom | od -An -tx1 | tr -d ' \n')}"
export BENCH_WORK="$(mktemp -d /tmp/saulet-bench.XXXXXX)"
PGURL="${BENCH_PG_URL:-postgres://postgres@127.0.0.1:5432}"

cleanup() {
  local status=$?
  if [ -f "$BENCH_WORK/pids" ]; then
    while read -r pid; do
      kill -KILL "$pid" 2>/dev/null || true
    done < "$BENCH_WORK/pids"
  fi
  if [ "${BENCH_KEEP:-0}" != "1" ]; then
    psql "$PGURL/postgres" -X -q -c "DROP DATABASE IF EXISTS \"$BENCH_DB\" WITH (FORCE)" >/dev/null 2>&1 || true
    psql "$PGURL/postgres" -X -q -c "DROP DATABASE IF EXISTS \"${BENCH_DB}_x${BENCH_VOLUME:-10}\" WITH (FORCE)" >/dev/null 2>&1 || true
    rm -rf "$BENCH_WORK"
  else
    say "kept $BENCH_WORK and the database $BENCH_DB"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

say "database $BENCH_DB, work folder $BENCH_WORK"
# The first page's weight on a phone: the home page's initial JavaScript, gzipped, from a fresh
# SPA build (frontend/scripts/bundle-size.mjs; over its 150 KB budget the benchmark fails).
say "building the SPA and measuring the home page's initial JavaScript"
make --no-print-directory frontend-bundle >/dev/null
(cd frontend && node scripts/bundle-size.mjs) > "$BENCH_WORK/bundle.json"
say "initial JavaScript: $(cat "$BENCH_WORK/bundle.json")"
python3 -B -u tests/bench/bench.py

#!/usr/bin/env bash
# `make test-dates`: the date-sensitive test files under a faked system clock (libfaketime), at
# each instant given as an argument (RFC 3339, UTC). The test binaries are built first, outside
# the faked clock, then run with the clock starting at the instant and ticking from there.
# On PostgreSQL too when TEST_DATABASE_URL is set. Needs Debian's `libfaketime`.
set -euo pipefail
cd "$(dirname "$0")/../.."

lib=""
for candidate in /usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1 \
                 /usr/lib/aarch64-linux-gnu/faketime/libfaketimeMT.so.1 \
                 /usr/lib/faketime/libfaketimeMT.so.1; do
  [ -f "$candidate" ] && { lib=$candidate; break; }
done
if [ -z "$lib" ]; then
  echo "FAILED: make test-dates needs libfaketime (apt-get install libfaketime)"
  exit 1
fi

# The files whose tests read or move time: the rules' unit tests, and the black-box suites that
# issue certificates, count working days, expire tokens and agreements, or number requests.
tests=(accounts back_office calendar catalogue citizen consents deemed evidence evidence_package notifications mail permits permits_access register security)
# Built as `make test` builds them (the whole workspace, so no dependency is rebuilt with other
# features), then the named files and the libraries' unit tests are picked out.
mapfile -t binaries < <(cargo test --workspace --no-run --message-format=json 2>/dev/null \
  | python3 -c '
import json, sys
wanted = set(sys.argv[1:])
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") != "compiler-artifact" or not m.get("profile", {}).get("test") or not m.get("executable"):
        continue
    target = m["target"]
    if ("test" in target["kind"] and target["name"] in wanted) or \
       ("lib" in target["kind"] and target["name"] in ("saulet_api", "saulet_tests")):
        print(m["executable"])
' "${tests[@]}")
# The named test files, and the unit tests of both libraries (`--lib` applies to each package).
expected=$(( ${#tests[@]} + 2 ))
[ ${#binaries[@]} -eq "$expected" ] || { echo "FAILED: expected $expected test binaries, built ${#binaries[@]}"; exit 1; }

databases=(sqlite)
[ -n "${TEST_DATABASE_URL:-}" ] && databases+=(postgres)
jobs_at_once=${DATES_JOBS:-2}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# One instant on one database: every binary in turn. Its report goes to $work/<n>.out, its
# counts to $work/<n>.counts ("passed failed"), what broke to $work/<n>.broken.
run_one() {
  local n=$1 instant=$2 database=$3 faked log status result ok bad passed=0 failed=0
  faked="${instant%Z}"
  faked="${faked/T/ }"
  log="$work/$n.log"
  echo "== at ${instant} UTC on ${database}" >"$work/$n.out"
  for binary in "${binaries[@]}"; do
    # Test binaries run from their package's folder, as `cargo test` runs them.
    case "$(basename "$binary")" in saulet_api-*) dir=api ;; *) dir=tests ;; esac
    if [ "$database" = sqlite ]; then db_env=(-u TEST_DATABASE_URL); else db_env=(); fi
    status=0
    (cd "$dir" && env "${db_env[@]}" TZ=UTC LD_PRELOAD="$lib" FAKETIME="@${faked}" \
       FAKETIME_DONT_FAKE_MONOTONIC=1 "$binary" -q >"$log" 2>&1) || status=$?
    result=$(grep -E '^test result:' "$log" | tail -n 1 || true)
    echo "   $(basename "$binary"): ${result:-no result line}" >>"$work/$n.out"
    ok=$(sed -nE 's/.* ([0-9]+) passed; ([0-9]+) failed.*/\1/p' <<<"$result")
    bad=$(sed -nE 's/.* ([0-9]+) passed; ([0-9]+) failed.*/\2/p' <<<"$result")
    passed=$((passed + ${ok:-0}))
    failed=$((failed + ${bad:-0}))
    if [ "$status" != 0 ] || [ -z "$result" ]; then
      [ "${bad:-0}" -gt 0 ] || failed=$((failed + 1))
      echo "$(basename "$binary") at ${instant} on ${database}" >>"$work/$n.broken"
      grep -vE '^(running|test .* ok$)' "$log" | tail -n 60 >>"$work/$n.out"
    fi
  done
  echo "$passed $failed" >"$work/$n.counts"
}

# The instants are independent: DATES_JOBS (2) of them run at once, and each report is printed
# whole, in order, once its run has ended.
n=0
for instant in "$@"; do
  for database in "${databases[@]}"; do
    while [ "$(jobs -rp | wc -l)" -ge "$jobs_at_once" ]; do wait -n || true; done
    n=$((n + 1))
    run_one "$n" "$instant" "$database" &
  done
done
wait
passed=0 failed=0 broken=()
for i in $(seq 1 "$n"); do
  cat "$work/$i.out"
  read -r ok bad <"$work/$i.counts" || { ok=0; bad=1; echo "   (this run left no counts)"; }
  passed=$((passed + ok))
  failed=$((failed + bad))
  [ -f "$work/$i.broken" ] && mapfile -t -O "${#broken[@]}" broken <"$work/$i.broken"
done
[ ${#broken[@]} -eq 0 ] || printf 'FAILED: %s\n' "${broken[@]}"
echo "test-dates: ${passed} passed, ${failed} failed"
[ "$failed" = 0 ] && [ ${#broken[@]} -eq 0 ]

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
args=(--no-run --message-format=json -p saulet-api --lib)
for t in "${tests[@]}"; do args+=(-p saulet-tests --test "$t"); done
mapfile -t binaries < <(cargo test "${args[@]}" 2>/dev/null | python3 -c '
import json, sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m.get("profile", {}).get("test") and m.get("executable"):
        print(m["executable"])
')
# The named test files, and the unit tests of both libraries (`--lib` applies to each package).
expected=$(( ${#tests[@]} + 2 ))
[ ${#binaries[@]} -eq "$expected" ] || { echo "FAILED: expected $expected test binaries, built ${#binaries[@]}"; exit 1; }

databases=(sqlite)
[ -n "${TEST_DATABASE_URL:-}" ] && databases+=(postgres)
failed=0 passed=0 broken=()
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for instant in "$@"; do
  faked="${instant%Z}"
  faked="${faked/T/ }"
  for database in "${databases[@]}"; do
    echo "== at ${instant} UTC on ${database}"
    for binary in "${binaries[@]}"; do
      # Test binaries run from their package's folder, as `cargo test` runs them.
      case "$(basename "$binary")" in saulet_api-*) dir=api ;; *) dir=tests ;; esac
      if [ "$database" = sqlite ]; then db_env=(-u TEST_DATABASE_URL); else db_env=(); fi
      status=0
      (cd "$dir" && env "${db_env[@]}" TZ=UTC LD_PRELOAD="$lib" FAKETIME="@${faked}" \
         FAKETIME_DONT_FAKE_MONOTONIC=1 "$binary" -q >"$log" 2>&1) || status=$?
      result=$(grep -E '^test result:' "$log" | tail -n 1 || true)
      echo "   $(basename "$binary"): ${result:-no result line}"
      ok=$(sed -nE 's/.* ([0-9]+) passed; ([0-9]+) failed.*/\1/p' <<<"$result")
      bad=$(sed -nE 's/.* ([0-9]+) passed; ([0-9]+) failed.*/\2/p' <<<"$result")
      passed=$((passed + ${ok:-0}))
      failed=$((failed + ${bad:-0}))
      if [ "$status" != 0 ] || [ -z "$result" ]; then
        [ "${bad:-0}" -gt 0 ] || failed=$((failed + 1))
        broken+=("$(basename "$binary") at ${instant} on ${database}")
        grep -vE '^(running|test .* ok$)' "$log" | tail -n 60
      fi
    done
  done
done
[ ${#broken[@]} -eq 0 ] || printf 'FAILED: %s\n' "${broken[@]}"
echo "test-dates: ${passed} passed, ${failed} failed"
[ "$failed" = 0 ] && [ ${#broken[@]} -eq 0 ]

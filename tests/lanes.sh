#!/usr/bin/env bash
# `make test` runs its independent parts side by side: `tests/lanes.sh NAME=COMMAND…` starts
# every command at once, each writing to target/test-logs/NAME.log, and reports each lane as it
# ends (the tail of its log when it passed, its whole log's last 400 lines when it failed). The
# exit status is 0 only when every lane passed. Much of the suite waits (on PostgreSQL, on child
# servers, on a browser), so lanes fill cores that one sequence would leave idle.
set -uo pipefail
cd "$(dirname "$0")/.."

logs=${TEST_LOGS:-target/test-logs}
mkdir -p "$logs"
declare -A names started
for lane in "$@"; do
  name=${lane%%=*}
  command=${lane#*=}
  bash -c "$command" >"$logs/$name.log" 2>&1 &
  names[$!]=$name
  started[$name]=$(date +%s)
  echo "== lane $name: started: $command (log: $logs/$name.log)"
done

failed=()
while [ ${#names[@]} -gt 0 ]; do
  finished=""
  wait -n -p finished "${!names[@]}"
  status=$?
  [ -n "$finished" ] || break
  name=${names[$finished]}
  unset "names[$finished]"
  took=$(( $(date +%s) - started[$name] ))
  if [ "$status" = 0 ]; then
    echo "== lane $name: passed in ${took} s; its last lines:"
    grep -vE '^\s*$| 0 passed; 0 failed' "$logs/$name.log" | tail -n 6 | sed 's/^/   /'
  else
    echo "== lane $name: FAILED (exit ${status}) after ${took} s; the end of $logs/$name.log:"
    tail -n 400 "$logs/$name.log"
    failed+=("$name")
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "FAILED lanes: ${failed[*]} (logs in $logs/)"
  exit 1
fi

#!/usr/bin/env bash
# Runs README.md's "A session with curl" block as written against a fresh server, so the README's example cannot rot:
# only its first line (BASE, port 5200) is pointed at the test server's free port. Each command must succeed, the run
# must reach every task completed within the block's own wait, and the last command must answer 204.
# Uses the Release build that scripts/test.sh makes first. Ends with one line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
TMP=$(mktemp -d)
trap '[ -n "${SERVER_PID:-}" ] && kill "$SERVER_PID" 2>/dev/null; rm -rf "$TMP"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
unset ORCH_TEST_BACKEND ORCH_TEST_POSTGRES ORCH_CONFIG

passed=0; failed=0
check() { # NAME CONDITION DETAIL
  if [ "$2" = 0 ]; then echo "ok   $1"; passed=$((passed + 1)); else echo "FAIL $1"; printf '%s\n' "$3" | tail -20 | sed 's/^/     /'; failed=$((failed + 1)); fi
}

BLOCK=$(awk '/^## A session with curl/{s=1} s&&/^```bash/{b=1;next} b&&/^```/{exit} b{print}' README.md)
grep -q '^BASE=http://127.0.0.1:5200$' <<< "$BLOCK"
check "README.md has the curl session, starting at BASE=http://127.0.0.1:5200" $? "$BLOCK"

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
(cd "$TMP" && exec dotnet "$ROOT/src/Orchestration.Cli/bin/Release/net10.0/orch.dll" serve --port "$PORT" --data-dir "$TMP/data") > "$TMP/server.log" 2>&1 &
SERVER_PID=$!
up=1
for _ in $(seq 1 150); do curl -sf "http://127.0.0.1:$PORT/healthz" > /dev/null && { up=0; break; }; sleep 0.2; done
check "a fresh server answers /healthz" $up "$(cat "$TMP/server.log")"

SCRIPT="set -eo pipefail
${BLOCK/BASE=http:\/\/127.0.0.1:5200/BASE=http://127.0.0.1:$PORT}"
(cd "$TMP" && timeout 180 bash -c "$SCRIPT") > "$TMP/session.log" 2>&1
check "every command of the block succeeds" $? "$(cat "$TMP/session.log")"
grep -q 'event: task_complete' "$TMP/session.log"
check "the event stream shows tasks completing" $? "$(cat "$TMP/session.log")"
grep -q '"task_index":0,.*"status":"completed"' "$TMP/session.log" && ! grep -q '"task_index":[0-9]*,[^{]*"status":"\(pending\|ready\|running\|failed\)"' "$TMP/session.log"
check "the task list shows every task completed" $? "$(cat "$TMP/session.log")"
# The PATCH answer has no trailing newline, so the DELETE's status code ends the last line.
[[ "$(tail -1 "$TMP/session.log")" == *204 ]]
check "the project is deleted with 204" $? "$(tail -5 "$TMP/session.log")"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

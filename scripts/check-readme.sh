#!/usr/bin/env bash
# Runs README.md's examples as written, in the README's order, against one fresh server, so that they cannot rot:
# - each bash block of "Quick start with the CLI": `orch` on PATH is the built binary, ORCH_SERVER points it at the test
#   server, ORCH_CONFIG_HOME keeps its session in a temporary folder and standard input answers "y" to every question.
#   Each command must succeed and each run complete;
# - then the "The same with curl" block: only its first line (BASE, port 5200) is pointed at the test server's free
#   port. Each command must succeed, the run must reach every task completed within the block's own wait, and the last
#   command must answer 204.
# Uses the Release build that scripts/test.sh makes first. Ends with one line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
TMP=$(mktemp -d)
trap '[ -n "${SERVER_PID:-}" ] && kill "$SERVER_PID" 2>/dev/null; rm -rf "$TMP"' EXIT
[ -n "${KEEP_README_LOGS:-}" ] && trap '[ -n "${SERVER_PID:-}" ] && kill "$SERVER_PID" 2>/dev/null; echo "logs: $TMP"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
unset ORCH_TEST_BACKEND ORCH_TEST_POSTGRES ORCH_CONFIG

passed=0; failed=0
check() { # NAME CONDITION DETAIL
  if [ "$2" = 0 ]; then echo "ok   $1"; passed=$((passed + 1)); else echo "FAIL $1"; printf '%s\n' "$3" | tail -20 | sed 's/^/     /'; failed=$((failed + 1)); fi
}

BLOCK=$(awk '/^## The same with curl/{s=1} s&&/^```bash/{b=1;next} b&&/^```/{exit} b{print}' README.md)
grep -q '^BASE=http://127.0.0.1:5200$' <<< "$BLOCK"
check "README.md has the curl session, starting at BASE=http://127.0.0.1:5200" $? "$BLOCK"

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
(cd "$TMP" && exec dotnet "$ROOT/src/Orchestration.Cli/bin/Release/net10.0/orch.dll" serve --port "$PORT" --data-dir "$TMP/data") > "$TMP/server.log" 2>&1 &
SERVER_PID=$!
up=1
for _ in $(seq 1 150); do curl -sf "http://127.0.0.1:$PORT/healthz" > /dev/null && { up=0; break; }; sleep 0.2; done
check "a fresh server answers /healthz" $up "$(cat "$TMP/server.log")"

# The CLI blocks: every ```bash block between "## Quick start with the CLI" and the next heading, one script each.
mkdir -p "$TMP/bin" "$TMP/cli" "$TMP/home"
printf '#!/bin/sh\nexec dotnet "%s" "$@"\n' "$ROOT/src/Orchestration.Cli/bin/Release/net10.0/orch.dll" > "$TMP/bin/orch"
chmod +x "$TMP/bin/orch"
CLI_BLOCKS=$(awk '/^## Quick start with the CLI/{s=1;next} s&&!b&&/^#+ /{exit} s&&/^```bash/{b=1;n++;next} b&&/^```/{b=0;next} b{print n "\t" $0}' README.md)
count=$(cut -f1 <<< "$CLI_BLOCKS" | sort -u | grep -c .)
[ "$count" -ge 2 ]
check "README.md's CLI section has its runnable blocks ($count)" $? "$CLI_BLOCKS"
for n in $(seq 1 "$count"); do
  BLOCK_N=$(awk -F'\t' -v n="$n" '$1==n{sub(/^[0-9]+\t/, ""); print}' <<< "$CLI_BLOCKS")
  (cd "$TMP/cli" && PATH="$TMP/bin:$PATH" ORCH_SERVER="http://127.0.0.1:$PORT" ORCH_CONFIG_HOME="$TMP/home" \
    timeout 300 bash -c "set -eo pipefail
$BLOCK_N" < <(yes y)) > "$TMP/cli-$n.log" 2>&1
  rc=$?
  first=$(grep -v '^#' <<< "$BLOCK_N" | head -1)
  check "every command of CLI block $n succeeds (${first:0:60}...)" $rc "$(cat "$TMP/cli-$n.log")"
done
# The one-shot run's JSON document, and the step-by-step run's task table.
grep -q '^  "status": "completed"' "$TMP/cli-1.log" && grep -q '^  "simulated": true' "$TMP/cli-1.log"
check "orch do --yes --json ends with the project completed, saying the provider was simulated" $? "$(tail -40 "$TMP/cli-1.log")"
python3 - "$TMP/cli-2.log" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
rows = text.split("WAVE")[-1].splitlines()[1:]
tasks = [r for r in rows if re.match(r"^\s*\d+\s+\w+", r)]
assert tasks and all(r.split()[1] == "completed" for r in tasks), text[-2000:]
assert "plan v1 (draft) → v2 (draft)" in text, "orch plan diff did not compare v1 with v2"
PY
check "orch status after the step-by-step run shows every task completed" $? "$(tail -40 "$TMP/cli-2.log")"

SCRIPT="set -eo pipefail
${BLOCK/BASE=http:\/\/127.0.0.1:5200/BASE=http://127.0.0.1:$PORT}"
(cd "$TMP" && timeout 180 bash -c "$SCRIPT") > "$TMP/session.log" 2>&1
check "every command of the curl session succeeds" $? "$(cat "$TMP/session.log")"
grep -q 'event: task_complete' "$TMP/session.log"
check "the event stream shows tasks completing" $? "$(cat "$TMP/session.log")"
grep -q '"task_index":0,.*"status":"completed"' "$TMP/session.log" && ! grep -q '"task_index":[0-9]*,[^{]*"status":"\(pending\|ready\|running\|failed\)"' "$TMP/session.log"
check "the task list shows every task completed" $? "$(cat "$TMP/session.log")"
# The PATCH answer has no trailing newline, so the DELETE's status code ends the last line.
[[ "$(tail -1 "$TMP/session.log")" == *204 ]]
check "the project is deleted with 204" $? "$(tail -5 "$TMP/session.log")"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

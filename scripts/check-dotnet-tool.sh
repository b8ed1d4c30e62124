#!/usr/bin/env bash
# Packs `orch` as a .NET tool, installs it into a temporary tool path the way the README says, and runs the installed
# command: --version, --help, and `orch serve` answering /healthz and serving the web UI. Uses the Release build that
# scripts/test.sh makes first; alone, pass --build to build it here. Ends with one line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
TMP=$(mktemp -d)
trap '[ -n "${SERVER_PID:-}" ] && kill "$SERVER_PID" 2>/dev/null; rm -rf "$TMP"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# The installed server reads ORCH_* variables as config; a test run's own are not its.
unset ORCH_TEST_BACKEND ORCH_TEST_POSTGRES ORCH_CONFIG

BUILD=--no-build
[ "${1:-}" = "--build" ] && BUILD=

passed=0; failed=0
check() { # NAME COMMAND...: one pass or fail, with the command's output on failure
  local name=$1; shift
  if "$@" > "$TMP/check.log" 2>&1; then
    echo "ok   $name"; passed=$((passed + 1))
  else
    echo "FAIL $name"; tail -20 "$TMP/check.log" | sed 's/^/     /'; failed=$((failed + 1))
  fi
}

ORCH="$TMP/tools/orch"
check "dotnet pack makes the orch tool package" \
  dotnet pack "$ROOT/src/Orchestration.Cli" -c Release $BUILD -o "$TMP/nupkg" -nologo -v q
# Run from the temporary folder: no config.json or NuGet setting of the checkout applies.
check "dotnet tool install --tool-path installs it" \
  bash -c "cd '$TMP' && dotnet tool install --tool-path '$TMP/tools' --add-source '$TMP/nupkg' orch"
check "orch --version prints the version" bash -c "'$ORCH' --version | grep -Eq '^[0-9]+\.[0-9]+\.[0-9]+'"
check "orch --help lists serve" bash -c "'$ORCH' --help | grep -q 'serve'"

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
(cd "$TMP" && exec "$ORCH" serve --port "$PORT" --data-dir "$TMP/data") > "$TMP/server.log" 2>&1 &
SERVER_PID=$!
healthy() {
  for _ in $(seq 1 150); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/healthz")" = 200 ] && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$TMP/server.log"; return 1; }
    sleep 0.2
  done
  cat "$TMP/server.log"; return 1
}
check "the installed orch serve answers /healthz with 200" healthy
check "the installed orch serve serves the web UI" bash -c "curl -sf 'http://127.0.0.1:$PORT/' | grep -qi '<div id=\"root\"'"
kill "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null; SERVER_PID=

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

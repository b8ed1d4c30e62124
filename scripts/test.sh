#!/usr/bin/env bash
# Runs every test of the project on a fresh machine that has the .NET SDK and Node.js:
# the .NET suites (unit, storage, real-host API tests; the API tests a second time on PostgreSQL, which the tests start
# themselves), `orch` packed and installed as a .NET tool (scripts/check-dotnet-tool.sh), the container setup checked
# without Docker (scripts/check-container.py), the web suites and, when the shared contract checker is present, the
# wire-contract check against a freshly started server. Ends with one line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"; [ -n "${SERVER_PID:-}" ] && kill "$SERVER_PID" 2>/dev/null' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

passed=0; failed=0
add_totals() { passed=$((passed + $1)); failed=$((failed + $2)); }

echo "== build"
if ! dotnet build Orchestration.slnx -c Release -nologo -v q 2>&1 | tee "$OUT/build.log" | grep -E "error|Warn|warn" ; then :; fi
if ! grep -q "Build succeeded" "$OUT/build.log" && grep -q " error " "$OUT/build.log"; then
  echo "build failed"; echo "0 passed, 1 failed"; exit 1
fi

echo "== .NET tests"
dotnet test --solution Orchestration.slnx -c Release --no-build 2>&1 | tee "$OUT/dotnet.log"
dotnet_rc=${PIPESTATUS[0]}
# Microsoft.Testing.Platform prints per-assembly summaries; sum the "succeeded:" and "failed:" lines.
read -r p f < <(awk '/^[[:space:]]*succeeded:/{s+=$2} /^[[:space:]]*failed:/{f+=$2} END{print s+0, f+0}' "$OUT/dotnet.log")
# Exit code 8 means a test project has no tests yet; that is reported, not failed.
if [ "$dotnet_rc" -eq 8 ]; then echo "note: a test project ran zero tests"; dotnet_rc=0; fi
if [ "$dotnet_rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
echo ".NET: $p passed, $f failed"
add_totals "$p" "$f"

# The API tests once more, on PostgreSQL: a throwaway server (installed with apt-get when missing, or ORCH_TEST_POSTGRES)
# and a fresh database per app.
echo "== API tests on PostgreSQL"
ORCH_TEST_BACKEND=postgres dotnet test --project tests/Orchestration.Server.Tests -c Release --no-build 2>&1 | tee "$OUT/dotnet-postgres.log"
pg_rc=${PIPESTATUS[0]}
read -r p f < <(awk '/^[[:space:]]*succeeded:/{s+=$2} /^[[:space:]]*failed:/{f+=$2} END{print s+0, f+0}' "$OUT/dotnet-postgres.log")
if [ "$pg_rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
echo "API on PostgreSQL: $p passed, $f failed"
add_totals "$p" "$f"
# The servers started below read ORCH_* variables as config; the test run's own are not theirs.
unset ORCH_TEST_BACKEND ORCH_TEST_POSTGRES

# Sums the "N passed, N failed" line that a suite printed last.
add_suite() { # LOG
  read -r p f < <(awk '/^[^ ]*:? ?[0-9]+ passed, [0-9]+ failed/{for(i=1;i<=NF;i++){if($(i+1)=="passed,")p=$i; if($(i+1)=="failed")f=$i}} END{print p+0, f+0}' "$1")
  add_totals "$p" "$f"
}

# Runs a suite script that ends with "N passed, N failed"; one that dies before saying so counts as one failure.
run_suite() { # NAME COMMAND...
  "${@:2}" 2>&1 | tee "$OUT/$1.log"
  grep -Eq '^[0-9]+ passed, [0-9]+ failed$' "$OUT/$1.log" || echo "0 passed, 1 failed" >> "$OUT/$1.log"
  add_suite "$OUT/$1.log"
}

echo "== orch as a .NET tool: packed, installed into a temporary tool path, run"
run_suite tool bash scripts/check-dotnet-tool.sh

echo "== the README's CLI quick start and curl session, as written, against a fresh server"
run_suite readme bash scripts/check-readme.sh

echo "== the container without Docker: Dockerfile and compose facts, the image's layout run as an unprivileged user"
run_suite container python3 scripts/check-container.py

echo "== web unit tests"
if ! command -v npm >/dev/null; then echo "npm is missing: install Node.js 20+"; add_totals 0 1; else
  [ -d web/node_modules ] || (cd web && npm ci --no-audit --no-fund)
  (cd web && npm test) 2>&1 | tee "$OUT/web.log"
  [ "${PIPESTATUS[0]}" -eq 0 ] || echo "0 passed, 1 failed" >> "$OUT/web.log"
  add_suite "$OUT/web.log"

  echo "== end-to-end in headless Chromium"
  (cd web && E2E_ORCH_DLL="$ROOT/src/Orchestration.Cli/bin/Release/net10.0/orch.dll" npm run e2e) 2>&1 | tee "$OUT/e2e.log"
  [ "${PIPESTATUS[0]}" -eq 0 ] || echo "0 passed, 1 failed" >> "$OUT/e2e.log"
  add_suite "$OUT/e2e.log"
fi

CONTRACT="$ROOT/../shared/checks/contract.sh"
if [ -f "$CONTRACT" ]; then
  echo "== contract check against a fresh server"
  DATA=$(mktemp -d)
  PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
  ORCH_SIMULATED__LATENCY_MS=20 ORCH_SIMULATED__LATENCY_JITTER_MS=10 ORCH_SERVER__RATE_LIMIT=10000/minute \
    dotnet "src/Orchestration.Cli/bin/Release/net10.0/orch.dll" serve --port "$PORT" --data-dir "$DATA" > "$OUT/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null && break; sleep 0.2; done
  bash "$CONTRACT" "http://127.0.0.1:$PORT" ${CONTRACT_AREAS:-auth projects planning execution} | tee "$OUT/contract.log"
  read -r p f < <(awk '/^[0-9]+ passed, [0-9]+ failed$/{print $1, $3}' "$OUT/contract.log" | tail -1)
  add_totals "${p:-0}" "${f:-1}"
  kill "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null; SERVER_PID=
  rm -rf "$DATA"
fi

# The failures once more, at the end, where a truncated log still shows them: each failed .NET test with the first
# lines of its message and the server warnings of its test process, and each suite line that says "not ok" or "FAIL".
if [ "$failed" -ne 0 ]; then
  echo "== failures"
  for log in "$OUT"/dotnet*.log; do
    awk '/^[[:space:]]*failed [^0-9]/{n=25; print FILENAME ": " $0; next} n>0{print; n--}' "$log"
    # A failing test process dumps the server logs of all its tests: their warnings and errors often say why.
    if grep -qE '^[[:space:]]*failed [^0-9]' "$log"; then
      grep -E ' (warn|fail|crit): ' "$log" | grep -v '^[[:space:]]*failed ' | head -60 | sed 's/^/  log: /'
    fi
  done
  grep -hE '^(not ok|FAIL|fail )' "$OUT"/*.log 2>/dev/null | head -50
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

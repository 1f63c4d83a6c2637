#!/usr/bin/env bash
# Browser end-to-end tests: builds otandas, starts `otandas serve --demo` on a free loopback port,
# and drives Debian's Chromium through playwright-core (e2e/console.test.mjs).
# Needs: cargo, curl, node + npm, /usr/bin/chromium (apt-get install chromium).
# Screenshots go to e2e/artifacts/ (console-kk.png, and failure-*.png when a test fails).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

STARTUP_TIMEOUT_S="${OTANDAS_E2E_STARTUP_TIMEOUT:-60}"
ARTIFACTS="$ROOT/e2e/artifacts"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/otandas-e2e.XXXXXX")"
SERVER_OUT="$WORK/server.out"
SERVER_ERR="$WORK/server.err"
ACCOUNTS="$WORK/accounts.txt"
server_pid=""

show_server_log() {
  echo "--- otandas stdout (last 50 lines) ---" >&2
  tail -n 50 "$SERVER_OUT" >&2 2>/dev/null || true
  echo "--- otandas stderr (last 50 lines) ---" >&2
  tail -n 50 "$SERVER_ERR" >&2 2>/dev/null || true
}

cleanup() {
  local status=$?
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do
      kill -0 "$server_pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -9 "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  mkdir -p "$ARTIFACTS"
  cp "$SERVER_OUT" "$ARTIFACTS/server.out" 2>/dev/null || true
  cp "$SERVER_ERR" "$ARTIFACTS/server.err" 2>/dev/null || true
  rm -rf "$WORK"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

fail() {
  echo "e2e: $*" >&2
  show_server_log
  exit 1
}

for tool in cargo curl node npm; do
  command -v "$tool" >/dev/null || fail "$tool is not installed"
done
[[ -x "${OTANDAS_E2E_CHROMIUM:-/usr/bin/chromium}" ]] ||
  fail "${OTANDAS_E2E_CHROMIUM:-/usr/bin/chromium} not found (apt-get install chromium)"

echo "e2e: cargo build -p otandas"
cargo build -p otandas
BIN="${CARGO_TARGET_DIR:-$ROOT/target}/debug/otandas"
[[ -x "$BIN" ]] || fail "$BIN was not built"

echo "e2e: starting $BIN serve --demo --bind 127.0.0.1:0"
"$BIN" serve --demo --bind 127.0.0.1:0 </dev/null >"$SERVER_OUT" 2>"$SERVER_ERR" &
server_pid=$!

deadline=$((SECONDS + STARTUP_TIMEOUT_S))
url=""
while :; do
  kill -0 "$server_pid" 2>/dev/null || fail "the server exited before it was ready"
  ((SECONDS < deadline)) || fail "the server was not ready within ${STARTUP_TIMEOUT_S}s"
  if [[ -z "$url" ]]; then
    url="$(grep -m1 -o 'listening on http://[^[:space:]]*' "$SERVER_OUT" 2>/dev/null | sed 's/^listening on //' || true)"
    url="${url%/}"
  fi
  if [[ -n "$url" ]] &&
    grep -q '^demo-account role=central_officer ' "$SERVER_OUT" &&
    grep -q '^demo-account role=auditor ' "$SERVER_OUT" &&
    grep -q '^demo-account role=member ' "$SERVER_OUT"; then
    code="$(curl -s -o "$WORK/healthz.json" -w '%{http_code}' --max-time 2 "$url/healthz" || true)"
    if [[ "$code" == 200 ]]; then
      break
    fi
  fi
  sleep 0.25
done
echo "e2e: server ready at $url: $(cat "$WORK/healthz.json")"

grep '^demo-account ' "$SERVER_OUT" >"$ACCOUNTS"
echo "e2e: $(wc -l <"$ACCOUNTS") demo accounts"
OUTBOX="$(grep -m1 '^demo-outbox ' "$SERVER_OUT" | sed 's/^demo-outbox //' || true)"
echo "e2e: outbox $OUTBOX"

if [[ ! -d "$ROOT/e2e/node_modules/playwright-core" ]]; then
  echo "e2e: npm ci"
  (cd "$ROOT/e2e" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
fi

mkdir -p "$ARTIFACTS"
status=0
OTANDAS_E2E_URL="$url" \
  OTANDAS_E2E_ACCOUNTS="$ACCOUNTS" \
  OTANDAS_E2E_OUTBOX="$OUTBOX" \
  OTANDAS_E2E_REQUIRED=1 \
  timeout --kill-after=10 300 node --test --test-reporter=spec e2e/console.test.mjs || status=$?

if ((status != 0)); then
  echo "e2e: tests failed (exit $status); screenshots and server output are in $ARTIFACTS" >&2
  show_server_log
fi
exit "$status"

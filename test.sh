#!/usr/bin/env bash
# Runs every test: installs the pinned test dependencies (Azurite from npm, Chromium from Debian), starts the storage emulator
# on private ports, runs `dotnet test` on the solution, and stops the emulator again.
set -euo pipefail
cd "$(dirname "$0")"

if [ ! -x node_modules/.bin/azurite ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

# The review page is tested in a real headless Chromium: Debian's package, never a downloaded browser.
if [ ! -x /usr/bin/chromium ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "Installing Debian's chromium for the browser tests..."
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi

work=$(mktemp -d)
azurite_pid=""
stop() {
  if [ -n "$azurite_pid" ]; then
    kill "$azurite_pid" 2>/dev/null || true
    wait "$azurite_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap stop EXIT

# Azurite on ports of its own, so a developer's running emulator is left alone: AZURITE_BLOB_PORT (and QUEUE, TABLE)
# when given, which must then be free; otherwise the first three free ports in a row from 20000.
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
if [ -n "${AZURITE_BLOB_PORT:-}${AZURITE_QUEUE_PORT:-}${AZURITE_TABLE_PORT:-}" ]; then
  blob=${AZURITE_BLOB_PORT:-20000}; queue=${AZURITE_QUEUE_PORT:-20001}; table=${AZURITE_TABLE_PORT:-20002}
  for port in "$blob" "$queue" "$table"; do
    if listening "$port"; then
      echo "test.sh: port $port (from AZURITE_*_PORT) is already in use; free it or choose other ports." >&2
      exit 1
    fi
  done
else
  blob=""
  for base in $(seq 20000 3 20300); do
    if ! listening "$base" && ! listening $((base + 1)) && ! listening $((base + 2)); then
      blob=$base; queue=$((base + 1)); table=$((base + 2))
      break
    fi
  done
  if [ -z "$blob" ]; then
    echo "test.sh: no three free ports in a row between 20000 and 20302 for Azurite; set AZURITE_BLOB_PORT, AZURITE_QUEUE_PORT and AZURITE_TABLE_PORT." >&2
    exit 1
  fi
fi

node_modules/.bin/azurite --silent --disableTelemetry --skipApiVersionCheck \
  --blobHost 127.0.0.1 --blobPort "$blob" --queueHost 127.0.0.1 --queuePort "$queue" \
  --tableHost 127.0.0.1 --tablePort "$table" --location "$work" >"$work/azurite.log" 2>&1 &
azurite_pid=$!

# Ready when all three services listen; stop at once, with Azurite's own words, when it does not get there.
ready=""
for _ in $(seq 1 150); do
  if ! kill -0 "$azurite_pid" 2>/dev/null; then break; fi
  if listening "$blob" && listening "$queue" && listening "$table"; then ready=yes; break; fi
  sleep 0.1
done
if [ -z "$ready" ]; then
  echo "test.sh: Azurite did not start listening on 127.0.0.1 ports $blob, $queue and $table. Its log:" >&2
  cat "$work/azurite.log" >&2
  exit 1
fi
echo "Azurite on 127.0.0.1 ports $blob (blob), $queue (queue), $table (table)."

account="devstoreaccount1"
key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
export EXECUTIONPLANS_TEST_STORAGE="DefaultEndpointsProtocol=http;AccountName=$account;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$blob/$account;QueueEndpoint=http://127.0.0.1:$queue/$account;TableEndpoint=http://127.0.0.1:$table/$account;"

dotnet test ExecutionPlanFunctions.sln "$@"

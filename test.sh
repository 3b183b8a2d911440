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

# Azurite on ports of its own, so a developer's running emulator is left alone.
blob=${AZURITE_BLOB_PORT:-20000}
queue=${AZURITE_QUEUE_PORT:-20001}
table=${AZURITE_TABLE_PORT:-20002}
node_modules/.bin/azurite --silent --disableTelemetry --skipApiVersionCheck \
  --blobHost 127.0.0.1 --blobPort "$blob" --queueHost 127.0.0.1 --queuePort "$queue" \
  --tableHost 127.0.0.1 --tablePort "$table" --location "$work" >"$work/azurite.log" 2>&1 &
azurite_pid=$!

for _ in $(seq 1 100); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$table") 2>/dev/null; then break; fi
  sleep 0.1
done

account="devstoreaccount1"
key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
export EXECUTIONPLANS_TEST_STORAGE="DefaultEndpointsProtocol=http;AccountName=$account;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$blob/$account;QueueEndpoint=http://127.0.0.1:$queue/$account;TableEndpoint=http://127.0.0.1:$table/$account;"

dotnet test ExecutionPlanFunctions.sln "$@"

#!/usr/bin/env bash
# The Harbor version-table figure: `ocitui tags --long` of a repository of 1,000 chart versions against fake_harbor.py
# on loopback; prints the wall time of the command (process start included) and the requests the fake counted.
# OCITUI: the ocitui command (default: the Debug build via dotnet). COUNT: the number of versions (default 1000).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
count=${COUNT:-1000}
ocitui=${OCITUI:-"dotnet $here/../../src/OciTui/bin/Debug/net10.0/ocitui.dll"}
work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
python3 "$here/fake_harbor.py" "$count" "$work/requests" > "$work/port" &
server=$!
for _ in $(seq 50); do [ -s "$work/port" ] && break; sleep 0.1; done
port=$(head -1 "$work/port")
for run in 1 2 3; do
  : > "$work/requests"
  start=$(date +%s%N)
  $ocitui tags "127.0.0.1:$port/library/big" --plain-http --long --json > "$work/out.json"
  end=$(date +%s%N)
  rows=$(python3 -c "import json,sys; d=json.load(open('$work/out.json')); print(sum(1 for t in d['tags'] if t.get('appVersion')))")
  echo "run $run: $(( (end - start) / 1000000 )) ms, $rows rows with appVersion, $(grep -c '^/api/' "$work/requests") API requests ($(grep -c artifacts "$work/requests") artifact pages), $(grep -vc '^/api/' "$work/requests" || true) other"
done

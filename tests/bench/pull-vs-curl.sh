#!/usr/bin/env bash
# Pull a large chart layer from a local docker-registry with `ocitui pull` (streamed, hashed, verified, renamed)
# and with `curl -o` (no verification) and `curl | tee | sha256sum`, in the same run, and print a table.
# Usage: tests/bench/pull-vs-curl.sh [SIZE_MIB] [RUNS]        (defaults: 1024 MiB, 3 runs)
set -euo pipefail
size_mib=${1:-1024}
runs=${2:-3}
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'kill "${registry_pid:-}" 2>/dev/null || true; rm -rf "$work"' EXIT

command -v docker-registry >/dev/null || { echo "docker-registry is not installed (apt-get install docker-registry)" >&2; exit 2; }
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat > "$work/config.yml" <<YAML
version: 0.1
log: { level: error, accesslog: { disabled: true } }
storage: { filesystem: { rootdirectory: $work/storage }, delete: { enabled: true } }
http: { addr: 127.0.0.1:$port }
YAML
docker-registry serve "$work/config.yml" 2>"$work/registry.log" &
registry_pid=$!
base="http://127.0.0.1:$port"
for _ in $(seq 50); do curl -fs "$base/v2/" >/dev/null && break; sleep 0.2; done

echo "building ocitui (Release)..." >&2
dotnet publish "$root/src/OciTui" -c Release -o "$work/ocitui" --nologo -v q >/dev/null
ocitui="$work/ocitui/ocitui"

echo "seeding a ${size_mib} MiB chart layer..." >&2
head -c $((size_mib * 1024 * 1024)) /dev/urandom > "$work/blob"
digest="sha256:$(sha256sum "$work/blob" | cut -d' ' -f1)"
size=$(stat -c %s "$work/blob")
printf '{"name":"big","version":"1.0.0","apiVersion":"v2"}' > "$work/config.json"
cdigest="sha256:$(sha256sum "$work/config.json" | cut -d' ' -f1)"
csize=$(stat -c %s "$work/config.json")
push_blob() { # file digest
  loc=$(curl -fsS -X POST -D - -o /dev/null "$base/v2/bench/big/blobs/uploads/" | tr -d '\r' | awk -F': ' 'tolower($1)=="location"{print $2}')
  case "$loc" in http*) ;; *) loc="$base$loc";; esac
  sep='?'; case "$loc" in *\?*) sep='&';; esac
  curl -fsS -X PUT -H 'Content-Type: application/octet-stream' -T "$1" "$loc${sep}digest=$2" -o /dev/null
}
push_blob "$work/blob" "$digest"
push_blob "$work/config.json" "$cdigest"
cat > "$work/manifest.json" <<JSON
{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",
 "config":{"mediaType":"application/vnd.cncf.helm.config.v1+json","digest":"$cdigest","size":$csize},
 "layers":[{"mediaType":"application/vnd.cncf.helm.chart.content.v1.tar+gzip","digest":"$digest","size":$size}]}
JSON
curl -fsS -X PUT -H 'Content-Type: application/vnd.oci.image.manifest.v1+json' --data-binary "@$work/manifest.json" "$base/v2/bench/big/manifests/1.0.0" -o /dev/null

mkdir -p "$work/out"
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
time_it() { # label command...
  local label=$1; shift
  local times=()
  for _ in $(seq "$runs"); do
    rm -rf "$work/out"/* "$work/out"/.[!.]* 2>/dev/null || true
    sync; local start end
    start=$(date +%s.%N); "$@" >/dev/null 2>&1; end=$(date +%s.%N)
    times+=("$(echo "$end - $start" | bc)")
  done
  printf '%s\n' "${times[@]}" | median
}
rss_of() { /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -1; }

t_ocitui=$(time_it ocitui "$ocitui" pull "127.0.0.1:$port/bench/big:1.0.0" --plain-http -d "$work/out")
t_curl=$(time_it curl curl -fsS -o "$work/out/big.tgz" "$base/v2/bench/big/blobs/$digest")
t_pipe=$(time_it pipe bash -c "curl -fsS '$base/v2/bench/big/blobs/$digest' | tee '$work/out/big.tgz' | sha256sum")
rm -rf "$work/out"/*
rss=$( { /usr/bin/time -f '%M' "$ocitui" pull "127.0.0.1:$port/bench/big:1.0.0" --plain-http -d "$work/out" >/dev/null; } 2>&1 | tail -1)

printf '\n%d MiB blob, %d runs, %d cores (median wall seconds)\n' "$size_mib" "$runs" "$(nproc)"
printf '%-34s %10s %10s\n' "tool" "seconds" "vs curl"
printf '%-34s %10.2f %10.2f\n' "curl -o (no verification)" "$t_curl" 1
printf '%-34s %10.2f %10.2f\n' "curl | tee | sha256sum" "$t_pipe" "$(echo "$t_pipe / $t_curl" | bc -l)"
printf '%-34s %10.2f %10.2f\n' "ocitui pull (verified)" "$t_ocitui" "$(echo "$t_ocitui / $t_curl" | bc -l)"
printf 'ocitui pull peak RSS: %s KiB\n' "$rss"

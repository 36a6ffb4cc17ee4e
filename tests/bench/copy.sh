#!/usr/bin/env bash
# Issue 15's speed rows: `ocitui copy` of a chart with a 100 MiB layer from one docker-registry to another over
# loopback, against `skopeo copy` of the same tag, alternating runs, medians; the peak memory of each (max RSS); and a
# re-run of the copy with everything already there. Two registries, so nothing is mounted: every byte is sent.
#
#   OCITUI=/path/to/ocitui tests/bench/copy.sh   (RUNS=N alternating runs each, default 7; SIZE_MIB=100)
#
# Needs: docker-registry, curl, python3, skopeo, /usr/bin/time, an ocitui build (dotnet publish -r linux-x64).
set -euo pipefail
ocitui=${OCITUI:?set OCITUI to an ocitui binary}
runs=${RUNS:-7}
size_mib=${SIZE_MIB:-100}
work=$(mktemp -d "${TMPDIR:-/tmp}/ocitui-copy-bench.XXXXXX")
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

start_registry() { # NAME PORT
  cat > "$work/$1.yml" <<YAML
version: 0.1
log: { level: error, accesslog: { disabled: true } }
storage: { filesystem: { rootdirectory: $work/$1 } }
http: { addr: 127.0.0.1:$2 }
YAML
  docker-registry serve "$work/$1.yml" 2>"$work/$1.log" &
  pids+=($!)
  for _ in $(seq 100); do curl -fs "http://127.0.0.1:$2/v2/" >/dev/null && return; sleep 0.1; done
  echo "registry $1 did not start" >&2; exit 1
}
src_port=$((20000 + RANDOM % 15000)); dst_port=$((src_port + 1))
start_registry source "$src_port"

push_blob() { # FILE -> digest (monolithic POST + PUT)
  local digest location
  digest="sha256:$(sha256sum "$1" | cut -d' ' -f1)"
  location=$(curl -fsS -o /dev/null -D - -X POST "http://127.0.0.1:$src_port/v2/bench/chart/blobs/uploads/" | tr -d '\r' | sed -n 's/^[Ll]ocation: //p')
  case "$location" in http*) ;; *) location="http://127.0.0.1:$src_port$location" ;; esac
  case "$location" in *\?*) sep='&' ;; *) sep='?' ;; esac
  curl -fsS -X PUT -H 'Content-Type: application/octet-stream' --data-binary "@$1" "$location${sep}digest=$digest" >/dev/null
  echo "$digest"
}
head -c "$((size_mib * 1024 * 1024))" /dev/urandom > "$work/layer.tgz"
printf '{"name":"chart","version":"1.0.0","apiVersion":"v2"}' > "$work/config.json"
layer=$(push_blob "$work/layer.tgz"); config=$(push_blob "$work/config.json")
cat > "$work/manifest.json" <<JSON
{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.cncf.helm.config.v1+json","digest":"$config","size":$(wc -c < "$work/config.json")},"layers":[{"mediaType":"application/vnd.cncf.helm.chart.content.v1.tar+gzip","digest":"$layer","size":$(wc -c < "$work/layer.tgz")}]}
JSON
curl -fsS -X PUT -H 'Content-Type: application/vnd.oci.image.manifest.v1+json' --data-binary "@$work/manifest.json" \
  "http://127.0.0.1:$src_port/v2/bench/chart/manifests/1.0.0" >/dev/null

measure() { # NAME COMMAND... -> appends "seconds max_rss_kib" to $work/NAME
  local name=$1; shift
  /usr/bin/time -f '%e %M' -o "$work/time" "$@" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
  cat "$work/time" >> "$work/$name"
}
# Each run pair copies into a fresh destination registry (new port, empty storage), in alternating order: skopeo's
# blob-info cache remembers where it put a blob and would mount it from there instead of sending it, which is not the
# copy being measured. ocitui never mounts across registries.
for i in $(seq "$runs"); do
  port=$((dst_port + i))
  start_registry "destination$i" "$port"
  ocitui_run() { measure ocitui "$ocitui" copy "127.0.0.1:$src_port/bench/chart:1.0.0" "127.0.0.1:$port/ocitui/chart" --plain-http; }
  skopeo_run() { measure skopeo skopeo copy --src-tls-verify=false --dest-tls-verify=false \
    "docker://127.0.0.1:$src_port/bench/chart:1.0.0" "docker://127.0.0.1:$port/skopeo/chart:1.0.0"; }
  if [ $((i % 2)) -eq 1 ]; then ocitui_run; skopeo_run; else skopeo_run; ocitui_run; fi
  # The re-run: everything is there, nothing is sent.
  measure rerun "$ocitui" copy "127.0.0.1:$src_port/bench/chart:1.0.0" "127.0.0.1:$port/ocitui/chart" --plain-http
  kill "${pids[-1]}"; unset 'pids[-1]'
done

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
o=$(cut -d' ' -f1 "$work/ocitui" | median); s=$(cut -d' ' -f1 "$work/skopeo" | median); r=$(cut -d' ' -f1 "$work/rerun" | median)
orss=$(cut -d' ' -f2 "$work/ocitui" | median); srss=$(cut -d' ' -f2 "$work/skopeo" | median); rrss=$(cut -d' ' -f2 "$work/rerun" | median)
printf '%s cores, load %s; %s MiB layer, %s alternating runs each, medians\n' "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)" "$size_mib" "$runs"
printf '| row | ocitui | skopeo copy | ratio |\n|---|---|---|---|\n'
printf '| copy, registry to registry | %.2f s | %.2f s | %.2fx |\n' "$o" "$s" "$(echo "$o / $s" | bc -l)"
printf '| peak memory (max RSS) | %.1f MiB | %.1f MiB | |\n' "$(echo "$orss / 1024" | bc -l)" "$(echo "$srss / 1024" | bc -l)"
printf '| re-run, everything there | %.0f ms (%.1f MiB) | | |\n' "$(echo "$r * 1000" | bc -l)" "$(echo "$rrss / 1024" | bc -l)"

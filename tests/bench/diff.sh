#!/usr/bin/env bash
# Issue 12's speed row: `ocitui diff` of two chart versions with about 30 KiB of values (ks-core sized), against what
# people do today, `helm show values` twice plus `diff -u`, on the same local docker-registry, in the same run.
#
#   OCITUI=/path/to/ocitui HELM=/path/to/helm tests/bench/diff.sh   (RUNS=N runs, default 10; COMPONENTS=15000: a 4.98 MiB values.yaml, just under helm's 5 MiB limit for a chart file)
#   BENCH=/path/to/OciTui.Bench adds the compare view's rows (its load from the registry, uncached and cached)
#   CHANGES=N: version 2 differs from version 1 in the image tag of N components only (default: it differs in most of them)
#
# Needs: docker-registry, curl, python3, helm (v4), an ocitui build (dotnet publish -r linux-x64).
set -euo pipefail
ocitui=${OCITUI:?set OCITUI to an ocitui binary}
helm=${HELM:-${OCITUI_HELM:-helm}}
runs=${RUNS:-10}
work=$(mktemp -d "${TMPDIR:-/tmp}/ocitui-diff-bench.XXXXXX")
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

port=$((20000 + RANDOM % 30000))
cat > "$work/registry.yml" <<YAML
version: 0.1
log: { level: error, accesslog: { disabled: true } }
storage: { filesystem: { rootdirectory: $work/storage } }
http: { addr: 127.0.0.1:$port }
YAML
docker-registry serve "$work/registry.yml" 2>"$work/registry.log" &
pid=$!
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/v2/" >/dev/null && break; sleep 0.1; done

export HELM_CONFIG_HOME=$work/helm HELM_CACHE_HOME=$work/helm-cache HELM_DATA_HOME=$work/helm-data
(cd "$work" && "$helm" create big >/dev/null)
# values.yaml of about 30 KiB: 60 components with images, resources, env lists and annotations; v2 changes some.
gen() {
  python3 - "$1" "${COMPONENTS:-90}" "${CHANGES:-}" <<'PY'
import sys
version, components = int(sys.argv[1]), int(sys.argv[2])
changes = int(sys.argv[3]) if sys.argv[3] else 0
step = max(1, components // changes) if changes else 0
out = []
for i in range(components):
    # CHANGES=N: the versions differ only in the image tag of every step-th component, N of them.
    v = 1 if changes else version
    patch = 9 if changes and version == 2 and i % step == 0 and i // step < changes else 0
    out.append(f"component{i}:")
    out.append(f"  enabled: {'true' if (i + v) % 7 else 'false'}")
    out.append(f"  replicaCount: {1 + (i * v) % 3}")
    out.append("  image:")
    out.append("    registry: docker.io")
    out.append(f"    repository: org/component{i}")
    out.append(f"    tag: v{v}.{i % 5}.{patch}")
    out.append("  resources:")
    out.append(f"    limits: {{ cpu: {100 + i}m, memory: {128 * (1 + i % 4)}Mi }}")
    out.append("  env:")
    for e in range(3):
        out.append(f"    - name: VAR_{e}")
        out.append(f"      value: \"{(i * e * v) % 11}\"")
    out.append("  podAnnotations:")
    out.append(f"    example.com/owner: team-{i % 6}")
print("\n".join(out))
PY
}
for version in 1 2; do
  gen "$version" > "$work/big/values.yaml"
  (cd "$work" && "$helm" package big --version "$version.0.0" -d "$work/pkg$version" >/dev/null)
  "$helm" push "$work/pkg$version"/*.tgz "oci://127.0.0.1:$port/bench" --plain-http >/dev/null 2>&1
done
printf 'values.yaml: %s bytes\n' "$(wc -c < "$work/big/values.yaml")"
ref="oci://127.0.0.1:$port/bench/big"
cat > "$work/helm-diff.sh" <<SH
#!/usr/bin/env bash
"$helm" show values $ref --version 1.0.0 --plain-http > "$work/a.yaml"
"$helm" show values $ref --version 2.0.0 --plain-http > "$work/b.yaml"
diff -u "$work/a.yaml" "$work/b.yaml" > /dev/null || true
SH
chmod +x "$work/helm-diff.sh"
"$ocitui" diff "127.0.0.1:$port/bench/big" 1.0.0 2.0.0 --plain-http | grep -c ' -> ' | sed 's/^/ocitui key-path changes: /'
# median wall time of RUNS runs (after one warm-up), in milliseconds
median_ms() {
  "$@" >/dev/null 2>&1
  for _ in $(seq "$runs"); do
    start=$(date +%s%N); "$@" >/dev/null 2>&1; end=$(date +%s%N)
    echo $(( (end - start) / 1000000 ))
  done | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}
ours=$(median_ms "$ocitui" diff "127.0.0.1:$port/bench/big" 1.0.0 2.0.0 --plain-http)
theirs=$(median_ms "$work/helm-diff.sh")
printf 'ocitui diff (values: key paths + unified diff)   %6s ms (median of %s)\n' "$ours" "$runs"
printf 'helm show values x2 + diff -u                    %6s ms (median of %s)\n' "$theirs" "$runs"
# Peak memory of one ocitui diff (the issue asks for it bounded): GNU time's maximum resident set size.
if [ -x /usr/bin/time ]; then
  rss=$( { /usr/bin/time -f '%M' "$ocitui" diff "127.0.0.1:$port/bench/big" 1.0.0 2.0.0 --plain-http >/dev/null; } 2>&1 | tail -1)
  printf 'ocitui diff peak memory                          %6s MiB\n' "$((rss / 1024))"
fi
# The TUI's compare view on the same two versions (BENCH: the OciTui.Bench driver, e.g. its AOT publish): every section
# read and compared in-process, first with an empty snapshot cache (a new client per run), then from the cache.
if [ -n "${BENCH:-}" ]; then
  "$BENCH" compare-registry "http://127.0.0.1:$port" bench/big 1.0.0 2.0.0 "$runs" | sed 's/^/compare view: /'
fi

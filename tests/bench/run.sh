#!/usr/bin/env bash
# ocitui's benchmarks, side by side with the tools people would otherwise use, in the same run, against local
# docker-registry instances this script seeds and stops itself. Prints one table; see tests/bench/README.md.
#
#   tests/bench/run.sh                 every row (about 10 minutes on 2 cores)
#   ROWS=1,3 tests/bench/run.sh        some rows: 1 pull, 2 tags, 3 version table, 4 catalog, 5 TUI, 6 startup builds
#   QUICK=1 tests/bench/run.sh         smaller and fewer: 100 MiB blob only, 3 runs, no startup-build variants
#   RUNS=10 ...                        runs per measure (default 5, 3 when QUICK)
#   OCITUI=/path/to/ocitui ...         measure that binary instead of publishing the shipped build
#   KEEP=1 ...                         keep the work directory (registries' storage, logs, hyperfine JSON)
#
# Needs: docker-registry, curl, hyperfine, jq, skopeo (row 2), tmux and python3 (row 5), GNU time (/usr/bin/time), the .NET SDK.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
# shellcheck source=tests/bench/seed.sh
source "$here/seed.sh"

quick=${QUICK:-0}
rows=",${ROWS:-1,2,3,4,5,6},"
runs=${RUNS:-$([ "$quick" = 1 ] && echo 3 || echo 5)}
want() { [[ $rows == *",$1,"* ]]; }

for tool in docker-registry curl hyperfine jq /usr/bin/time dotnet; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool is not installed (apt-get install docker-registry curl hyperfine jq time)" >&2; exit 2; }
done
if want 2; then command -v skopeo >/dev/null || { echo "run.sh: row 2 needs skopeo (apt-get install skopeo)" >&2; exit 2; }; fi
if want 5; then command -v tmux >/dev/null || { echo "run.sh: row 5 needs tmux (apt-get install tmux)" >&2; exit 2; }; fi

work=$(mktemp -d "${TMPDIR:-/tmp}/ocitui-bench.XXXXXX")
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  tmux kill-session -t "ocitui-bench-$$" 2>/dev/null || true
  if [ "${KEEP:-0}" = 1 ]; then echo "work directory kept: $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
say() { printf '%s\n' "$*" >&2; }

free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 30000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}

# start_registry NAME STORAGE: a docker-registry on a free loopback port; sets PORT.
start_registry() {
  local name=$1 dir=$2
  PORT=$(free_port)
  cat > "$work/$name.yml" <<YAML
version: 0.1
log: { level: error, accesslog: { disabled: true } }
storage: { filesystem: { rootdirectory: $dir }, delete: { enabled: true } }
http: { addr: 127.0.0.1:$PORT }
YAML
  docker-registry serve "$work/$name.yml" 2>"$work/$name.log" &
  pids+=($!)
  for _ in $(seq 100); do curl -fs "http://127.0.0.1:$PORT/v2/" >/dev/null && return; sleep 0.1; done
  echo "run.sh: docker-registry did not start (see $work/$name.log)" >&2; exit 1
}

# ---------------------------------------------------------------- the table
table="$work/table"
: > "$table"
# row ROW MEASURE OCITUI UNIT REFERENCE-NAME REFERENCE-VALUE TARGET VERDICT
row() { printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >> "$table"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
le() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a <= b) }'; }
verdict() { if le "$1" "$2"; then echo met; else echo "MISSED"; fi; }
ms() { awk -v s="$1" 'BEGIN { printf "%.1f", s * 1000 }'; }
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

# hyper NAME COMMAND... : hyperfine (no intermediate shell) over the commands; medians in seconds land in $work/NAME.json.
hyper() {
  local name=$1; shift
  hyperfine -N --runs "$runs" --warmup 1 --style none --export-json "$work/$name.json" "$@" >"$work/$name.txt" 2>&1 \
    || { cat "$work/$name.txt" >&2; exit 1; }
}
median() { jq -r ".results[$2].median" "$work/$1.json"; }
# peak RSS in KiB of one run of a command
peak_kib() { /usr/bin/time -f '%M' -o "$work/time.out" "$@" >/dev/null 2>"$work/time.err" || { cat "$work/time.err" >&2; exit 1; }; tail -1 "$work/time.out"; }

# ---------------------------------------------------------------- the ocitui measured
publish() { # DIR extra publish args...: publishes src/OciTui for linux-x64 into DIR
  local dir=$1; shift
  dotnet publish "$root/src/OciTui" -c Release -r linux-x64 -o "$dir" --nologo -v q "$@" >"$dir.log" 2>&1 \
    || { cat "$dir.log" >&2; exit 1; }
}
if [ -n "${OCITUI:-}" ]; then
  ocitui=$OCITUI
  build="given: $OCITUI"
else
  say "publishing the shipped build (Native AOT, linux-x64)..."
  publish "$work/ship"
  ocitui="$work/ship/ocitui"
  build="shipped build: dotnet publish -c Release -r linux-x64 (Native AOT)"
fi
"$ocitui" --version >/dev/null

# ---------------------------------------------------------------- seeding
storage="$work/storage"
main_storage=$storage
scratch="$work/scratch"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
seed_init
start=$(date +%s.%N)
sizes=()
if want 1; then
  if [ "$quick" = 1 ]; then sizes=(100); else sizes=(1024 100); fi
  for size in "${sizes[@]}"; do
    say "seeding a ${size} MiB chart layer..."
    head -c $((size * 1024 * 1024)) /dev/urandom > "$work/blob$size"
    seed_big "bench/big$size" "$work/blob$size"
    printf '%s' "$BIG_DIGEST" > "$work/blob$size.digest"
  done
fi
if want 2 || want 3 || want 5 || want 6; then
  say "seeding 1,000 charts (a manifest and a config each) and 10,000 tags..."
  seed_versions bench/versions 1000
  seed_many_tags bench/many 10000
  seed_many_tags bench/one 1
fi
say "seeded in $(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s"
start_registry registry "$storage"
base="http://127.0.0.1:$PORT"
host="127.0.0.1:$PORT"

# ---------------------------------------------------------------- row 1: pull
if want 1; then
  out="$work/out"
  for size in "${sizes[@]}"; do
    digest=$(cat "$work/blob$size.digest")
    url="$base/v2/bench/big$size/blobs/$digest"
    say "row 1: pulling ${size} MiB ($runs runs each)..."
    hyper "pull$size" --prepare "bash -c 'rm -rf $out && mkdir -p $out && sync'" \
      -n ocitui "$ocitui pull $host/bench/big$size:1.0.0 --plain-http -d $out" \
      -n curl "curl -s -o $out/blob $url" \
      -n pipeline "bash -c 'curl -s $url | tee $out/blob | sha256sum'"
    t_o=$(median "pull$size" 0); t_c=$(median "pull$size" 1); t_p=$(median "pull$size" 2)
    rm -rf "$out"; mkdir -p "$out"
    rss=$(peak_kib "$ocitui" pull "$host/bench/big$size:1.0.0" --plain-http -d "$out")
    rm -rf "$out"; mkdir -p "$out"
    rss_c=$(peak_kib curl -s -o "$out/blob" "$url")
    r=$(ratio "$t_o" "$t_c")
    row 1 "pull ${size} MiB, s" "$(printf '%.3f' "$t_o")" "curl -o" "$(printf '%.3f' "$t_c")" "$r" "<= 1.10x curl" "$(verdict "$r" 1.10)"
    r=$(ratio "$t_o" "$t_p")
    row 1 "pull ${size} MiB, s" "$(printf '%.3f' "$t_o")" "curl|tee|sha256sum" "$(printf '%.3f' "$t_p")" "$r" "< 1.00x pipeline" "$(verdict "$r" 0.999)"
    row 1 "pull ${size} MiB, peak RSS MiB" "$(mib "$rss")" "curl -o" "$(mib "$rss_c")" "$(ratio "$rss" "$rss_c")" "< 64 MiB" "$(verdict "$(mib "$rss")" 63.99)"
  done
  rm -rf "$out"
fi

# ---------------------------------------------------------------- row 2: tags
if want 2; then
  say "row 2: 10,000 tags..."
  hyper tags \
    -n ocitui "$ocitui tags $host/bench/many --plain-http" \
    -n skopeo "skopeo list-tags --tls-verify=false docker://$host/bench/many"
  t_o=$(median tags 0); t_s=$(median tags 1)
  count=$("$ocitui" tags "$host/bench/many" --plain-http | wc -l)
  r=$(ratio "$t_o" "$t_s")
  row 2 "tags, 10,000 ($count listed), ms" "$(ms "$t_o")" "skopeo list-tags" "$(ms "$t_s")" "$r" "<= 1.00x skopeo" "$(verdict "$r" 1.00)"
  rss=$(peak_kib "$ocitui" tags "$host/bench/many" --plain-http)
  rss_s=$(peak_kib skopeo list-tags --tls-verify=false "docker://$host/bench/many")
  row 2 "tags, 10,000, peak RSS MiB" "$(mib "$rss")" "skopeo list-tags" "$(mib "$rss_s")" "$(ratio "$rss" "$rss_s")" "-" "-"
fi

# ---------------------------------------------------------------- the driver of rows 3 and 4
driver=
if want 3 || want 4; then
  # Native AOT, as the shipped ocitui runs the same core.
  say "publishing the benchmark driver (Native AOT)..."
  dotnet publish "$here/OciTui.Bench" -c Release -r linux-x64 -p:PublishAot=true -o "$work/driver" --nologo -v q >"$work/driver.log" 2>&1 \
    || { cat "$work/driver.log" >&2; exit 1; }
  driver="$work/driver/OciTui.Bench"
fi
pick() { awk -v n="$2" '$1 == n { print $'"${3:-2}"' }' "$1"; }

# ---------------------------------------------------------------- row 3: version table
if want 3; then
  say "row 3: version table of 1,000 tags..."
  "$driver" versions "$base" bench/versions "$runs" > "$work/versions.out"
  # The reference: what a script does with curl, sequentially over one keep-alive connection per phase: the tag
  # list, then every manifest (one curl, many URLs), then every config blob the manifests name.
  cat > "$work/curl-versions.sh" <<'SH'
set -euo pipefail
base=$1 repo=$2 dir=$3
rm -rf "$dir"; mkdir -p "$dir/m" "$dir/c"
accept='Accept: application/vnd.oci.image.manifest.v1+json'
curl -s "$base/v2/$repo/tags/list" | jq -r '.tags[]' > "$dir/tags"
awk -v b="$base/v2/$repo/manifests/" -v d="$dir/m/" '{ print "url = \"" b $1 "\"\noutput = \"" d $1 "\"" }' "$dir/tags" > "$dir/m.cfg"
curl -s -H "$accept" -K "$dir/m.cfg"
jq -r '.config.digest' "$dir"/m/* | sort -u | \
  awk -v b="$base/v2/$repo/blobs/" -v d="$dir/c/" '{ print "url = \"" b $1 "\"\noutput = \"" d $1 "\"" }' > "$dir/c.cfg"
curl -s -K "$dir/c.cfg"
jq -r '.appVersion' "$dir"/c/* | wc -l
SH
  hyper versions-curl -n "curl, sequential" "bash $work/curl-versions.sh $base bench/versions $work/curl"
  t_c=$(median versions-curl 0)
  first=$(pick "$work/versions.out" first-screen); all=$(pick "$work/versions.out" all-rows)
  n=$(pick "$work/versions.out" all-rows 5); errors=$(pick "$work/versions.out" errors 5)
  row 3 "version table, first screen (38 rows), ms" "$first" "-" "-" "-" "< 300 ms" "$(verdict "$first" 299.99)"
  row 3 "version table, all $n rows ($errors errors), ms" "$all" "curl, sequential" "$(ms "$t_c")" "$(ratio "$all" "$(ms "$t_c")")" "< 2000 ms" "$(verdict "$all" 1999.99)"
fi

# ---------------------------------------------------------------- row 4: catalog
if want 4; then
  say "row 4: seeding a second registry with 20,000 repositories..."
  storage="$work/catalog" scratch="$work/scratch-catalog"
  seed_init
  seed_catalog cat 20000
  start_registry catalog "$storage"
  cbase="http://127.0.0.1:$PORT"
  "$driver" catalog "$cbase" "$runs" > "$work/catalog.out"
  # The reference: curl following the Link header page by page (1,000 a page, as ocitui asks).
  cat > "$work/curl-catalog.sh" <<'SH'
set -euo pipefail
base=$1 first_only=${2:-0}
url="$base/v2/_catalog?n=1000"
count=0
while [ -n "$url" ]; do
  next=$(curl -s -D - -o "$TMPDIR/page" "$url" | tr -d '\r' | sed -n 's/^[Ll]ink: *<\([^>]*\)>.*/\1/p')
  count=$((count + $(jq '.repositories | length' "$TMPDIR/page")))
  [ "$first_only" = 1 ] && break
  url=${next:+$base$next}
done
echo "$count"
SH
  mkdir -p "$work/curl-tmp"
  TMPDIR="$work/curl-tmp" hyper catalog-curl -n "curl first page" "bash $work/curl-catalog.sh $cbase 1" -n "curl all pages" "bash $work/curl-catalog.sh $cbase"
  hyper catalog-cli -n "ocitui repos" "$ocitui repos 127.0.0.1:$PORT --plain-http"
  n=$(pick "$work/catalog.out" all-pages 5)
  first=$(pick "$work/catalog.out" first-page); all=$(pick "$work/catalog.out" all-pages)
  t_cf=$(ms "$(median catalog-curl 0)"); t_ca=$(ms "$(median catalog-curl 1)")
  row 4 "catalog, first page (core), ms" "$first" "curl, first page" "$t_cf" "$(ratio "$first" "$t_cf")" "-" "-"
  row 4 "catalog, all $n (core), ms" "$all" "curl loop over Link" "$t_ca" "$(ratio "$all" "$t_ca")" "-" "-"
  t_cli=$(ms "$(median catalog-cli 0)")
  row 4 "catalog, all: ocitui repos, ms" "$t_cli" "curl loop over Link" "$t_ca" "$(ratio "$t_cli" "$t_ca")" "-" "-"
fi

# ---------------------------------------------------------------- row 5: TUI
# Uses the frame log the TUI writes when OCITUI_FRAME_LOG is set: "ready <ms>" once the first screen is drawn (ms
# since process start), "key <name> <ms>" per key press (from its arrival to the end of the redraw that follows).
if want 5; then
  say "row 5: the TUI in tmux (120x40) on 10,000 tags..."
  session="ocitui-bench-$$"
  cat > "$work/profiles.json" <<JSON
{ "profiles": { "bench": { "registry": "$host", "plainHttp": true } } }
JSON
  screen() { tmux capture-pane -p -t "$session"; }
  wait_for() { # TEXT SECONDS
    local i
    for ((i = 0; i < $2 * 20; i++)); do screen | grep -qF -- "$1" && return 0; sleep 0.05; done
    return 1
  }
  ready=() keys=() hwm=() listed=() listed_fail='' 
  tui_ok=1
  for ((run = 0; run < runs; run++)); do
    log="$work/frames$run.log"; : > "$log"
    tmux kill-session -t "$session" 2>/dev/null || true
    tmux new-session -d -s "$session" -x 120 -y 40 \
      "exec env OCITUI_FRAME_LOG='$log' TERM=xterm-256color '$ocitui' --profiles '$work/profiles.json' bench"
    pid=$(tmux display -p -t "$session" '#{pane_pid}')
    if ! wait_for bench/versions 10; then tui_ok=0; say "row 5: the repository list did not appear"; break; fi
    # Repositories in catalog order: bench/big100, bench/big1024 (row 1 only), bench/many, bench/one, bench/versions.
    for _ in "${sizes[@]}"; do tmux send-keys -t "$session" j; done
    tmux send-keys -t "$session" Enter
    t0=$(date +%s%N)
    if ! wait_for 0.99.99 "${TUI_WAIT:-60}"; then
      hwm+=("$(awk '/^VmHWM/ { print $2 }' "/proc/$pid/status")")
      tui_ok=0; listed_fail=">${TUI_WAIT:-60}000"
      say "row 5: the 10,000 tags did not appear within ${TUI_WAIT:-60} s"
      tmux kill-session -t "$session" 2>/dev/null || true
      break
    fi
    listed+=("$(( ($(date +%s%N) - t0) / 1000000 ))")
    sleep 1                                   # the version table of the rows in view
    before=$(grep -c '^key ' "$log" || true)
    tmux send-keys -t "$session" /
    sleep 0.3
    for k in 9 9 . 1; do tmux send-keys -t "$session" "$k"; sleep 0.3; done
    hwm+=("$(awk '/^VmHWM/ { print $2 }' "/proc/$pid/status")")
    tmux send-keys -t "$session" Escape q
    sleep 0.3
    tmux kill-session -t "$session" 2>/dev/null || true
    r=$(awk '$1 == "ready" { print $2; exit }' "$log")
    [ -n "$r" ] || { tui_ok=0; say "row 5: no frame log: this ocitui does not write OCITUI_FRAME_LOG yet"; break; }
    ready+=("$r")
    # The filter keys: the key lines after the '/' (the last four).
    mapfile -t k < <(awk '$1 == "key" { print $3 }' "$log" | tail -n +$((before + 2)))
    keys+=("${k[@]}")
  done
  med() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { if (NR) print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
  maxv() { printf '%s\n' "$@" | sort -n | tail -1; }
  # Polled on the screen every 50 ms: works without the frame log.
  if [ -n "$listed_fail" ]; then v=$listed_fail; else v=$(med "${listed[@]}"); fi
  row 5 "TUI, Enter to 10,000 tags listed (screen polled), ms" "$v" "-" "-" "-" "-" "-"
  if [ "$tui_ok" = 1 ] && [ ${#ready[@]} -gt 0 ]; then
    v=$(med "${ready[@]}"); row 5 "TUI, start to first screen, ms" "$v" "-" "-" "-" "< 300 ms" "$(verdict "$v" 299.99)"
    v=$(med "${keys[@]}"); w=$(maxv "${keys[@]}")
    row 5 "TUI, filter key over 10,000 tags, ms (max $w)" "$v" "-" "-" "-" "< 16 ms" "$(verdict "$v" 15.99)"
    v=$(mib "$(maxv "${hwm[@]}")"); row 5 "TUI, peak RSS with 10,000 tags, MiB" "$v" "-" "-" "-" "< 100 MiB" "$(verdict "$v" 99.99)"
  else
    row 5 "TUI, first screen and filter key (need the tags listed and the frame log)" "n/a" "-" "-" "-" "-" "not run"
    if [ ${#hwm[@]} -gt 0 ]; then
      v=$(mib "$(maxv "${hwm[@]}")")
      row 5 "TUI, peak RSS so far (10,000 tags loading), MiB" "$v" "-" "-" "-" "< 100 MiB" "$(verdict "$v" 99.99)"
    fi
  fi

  # Over SSH the first screen cannot come sooner than one trip of the link; it must not wait for more (for the
  # terminal's answers to Terminal.Gui's start-up queries, say). slow_link.py delays each byte 100 ms each way.
  say "row 5: the TUI behind a link of 100 ms each way..."
  visible() { # DELAY_MS: ms from starting the session to the profiles pane on screen
    tmux kill-session -t "$session" 2>/dev/null || true
    local t0 i
    t0=$(date +%s%N)
    tmux new-session -d -s "$session" -x 120 -y 40 \
      "exec env TERM=xterm-256color python3 '$here/slow_link.py' $1 '$ocitui' --profiles '$work/profiles.json'"
    for ((i = 0; i < 500; i++)); do screen | grep -qF "Profiles: 1" && break; sleep 0.01; done
    echo $(( ($(date +%s%N) - t0) / 1000000 ))
    tmux send-keys -t "$session" q
    sleep 0.5
    tmux kill-session -t "$session" 2>/dev/null || true
  }
  near=() far=()
  for ((run = 0; run < runs; run++)); do near+=("$(visible 0)"); far+=("$(visible 100)"); done
  n=$(med "${near[@]}"); f=$(med "${far[@]}"); extra=$(awk -v f="$f" -v n="$n" 'BEGIN { print f - n }')
  row 5 "TUI behind a 100 ms each-way link, start to screen visible (screen polled), ms" "$f" "no delay" "$n" "+$extra" "<= +150 ms" "$(verdict "$extra" 150)"
fi

# ---------------------------------------------------------------- row 6: startup and size of each build
if want 6; then
  variants=(aot)
  [ "$quick" = 1 ] || variants=(fdd r2r single single-trim-r2r aot)
  for v in "${variants[@]}"; do
    dir="$work/build-$v"
    case $v in
      fdd) label="framework-dependent"; args=(--self-contained false -p:PublishAot=false -p:PublishSingleFile=false -p:PublishReadyToRun=false) ;;
      r2r) label="framework-dependent + ReadyToRun"; args=(--self-contained false -p:PublishAot=false -p:PublishSingleFile=false -p:PublishReadyToRun=true) ;;
      single) label="self-contained single file"; args=(-p:PublishAot=false -p:PublishReadyToRun=false -p:PublishTrimmed=false) ;;
      single-trim-r2r) label="single file, trimmed + ReadyToRun (cross-publish default)"; args=(-p:PublishAot=false) ;;
      aot) label="Native AOT (shipped)"; args=() ;;
    esac
    say "row 6: publishing $label..."
    publish "$dir" "${args[@]}"
    rm -f "$dir"/*.pdb "$dir"/*.dbg
    hyper "startup-$v" -n version "$dir/ocitui --version" -n tags "$dir/ocitui tags $host/bench/one --plain-http"
    size=$(du -sb "$dir" | cut -f1); files=$(find "$dir" -type f | wc -l)
    rss=$(peak_kib "$dir/ocitui" --version)
    row 6 "$label: --version, ms" "$(ms "$(median "startup-$v" 0)")" "-" "-" "-" "-" "-"
    row 6 "$label: tags (a 1-tag repository), ms" "$(ms "$(median "startup-$v" 1)")" "-" "-" "-" "-" "-"
    row 6 "$label: $(awk -v s="$size" 'BEGIN { printf "%.1f", s / 1048576 }') MiB in $files files, --version RSS $(mib "$rss") MiB" "" "-" "-" "-" "-" "-"
  done
fi

# ---------------------------------------------------------------- print
printf '\nocitui benchmarks: %s cores, %s, %s; %s runs per measure (medians); %s\n' \
  "$(nproc)" "$(uname -m)" "$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)" "$runs" "$build"
printf 'load average (1, 5, 15 min) at start: %s, at end: %s\n' "$load_before" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf 'ocitui %s; docker-registry %s; curl %s; skopeo %s\n\n' "$("$ocitui" --version)" \
  "$(docker-registry --version | awk '{ print $3 }')" "$(curl --version | awk 'NR == 1 { print $2 }')" \
  "$(command -v skopeo >/dev/null && skopeo --version | awk '{ print $3 }' || echo -)"
{
  printf 'row\tmeasure\tocitui\treference\tref value\tratio\ttarget\tverdict\n'
  cat "$table"
} | column -t -s $'\t'

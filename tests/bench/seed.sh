# Seeds a docker-registry (distribution 2.8) filesystem storage directly, in its own layout, so that 10,000 tags and
# 20,000 repositories take seconds instead of the minutes 30,000 HTTP pushes would take.
# Sourced by run.sh; the functions use $storage (the registry's rootdirectory) and $scratch (a scratch directory).
#
# Layout (registry/storage/paths.go in distribution), under docker/registry/v2:
#   blobs/sha256/<2 hex>/<hex>/data                                     the content
#   repositories/<repo>/_layers/sha256/<hex>/link                       "sha256:<hex>": blob <hex> is in <repo>
#   repositories/<repo>/_manifests/revisions/sha256/<hex>/link          manifest <hex> is in <repo>
#   repositories/<repo>/_manifests/tags/<tag>/current/link              tag -> manifest
#   repositories/<repo>/_manifests/tags/<tag>/index/sha256/<hex>/link   tag history
# The catalog lists every directory holding a _layers directory.
# Forks are what make shell seeding slow, so files are hashed in one sha256sum call, directories made in one
# mkdir call, and small files written with shell built-ins.

seed_init() {
  V2="$storage/docker/registry/v2"
  mkdir -p "$V2/blobs/sha256" "$V2/repositories" "$scratch"
  : > "$scratch/links"
}

# put_big_blob FILE: hard-links FILE into the blob store (no copy); sets HEX.
put_big_blob() {
  HEX=$(sha256sum "$1" | cut -d' ' -f1)
  mkdir -p "$V2/blobs/sha256/${HEX:0:2}/$HEX"
  ln -f "$1" "$V2/blobs/sha256/${HEX:0:2}/$HEX/data"
}

# put_small_blobs DIR: stores every (small, text) file of DIR; fills the associative array BLOB[name]=hex.
declare -A BLOB
put_small_blobs() {
  local dir=$1 hex name content
  local list="$scratch/hashes"
  (cd "$dir" && find . -maxdepth 1 -type f -printf '%f\0' | xargs -0 -r sha256sum) > "$list"
  awk -v root="$V2/blobs/sha256" '{ print root "/" substr($1, 1, 2) "/" $1 }' "$list" | xargs mkdir -p
  while read -r hex name; do
    IFS= read -r -d '' content < "$dir/$name" || true
    printf '%s' "$content" > "$V2/blobs/sha256/${hex:0:2}/$hex/data"
    BLOB[$name]=$hex
  done < "$list"
}

link() { printf '%s %s\n' "$1" "$2" >> "$scratch/links"; }
layer_link() { link "$V2/repositories/$1/_layers/sha256/$2" "$2"; }
revision_link() { link "$V2/repositories/$1/_manifests/revisions/sha256/$2" "$2"; }
tag_link() {
  link "$V2/repositories/$1/_manifests/tags/$2/current" "$3"
  link "$V2/repositories/$1/_manifests/tags/$2/index/sha256/$3" "$3"
}
# Writes the queued links: one mkdir for all their directories, then built-ins.
flush_links() {
  [ -s "$scratch/links" ] || return 0
  cut -d' ' -f1 "$scratch/links" | sort -u | xargs mkdir -p
  local dir hex
  while read -r dir hex; do printf 'sha256:%s' "$hex" > "$dir/link"; done < "$scratch/links"
  : > "$scratch/links"
}

chart_config() { # name version appVersion
  printf '{"name":"%s","version":"%s","apiVersion":"v2","appVersion":"%s","description":"ocitui benchmark chart"}' "$@"
}
chart_manifest() { # config-hex config-size layer-hex layer-size created
  printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.cncf.helm.config.v1+json","digest":"sha256:%s","size":%s},"layers":[{"mediaType":"application/vnd.cncf.helm.chart.content.v1.tar+gzip","digest":"sha256:%s","size":%s}],"annotations":{"org.opencontainers.image.created":"%s"}}' "$@"
}

# seed_big REPO FILE: a chart tagged 1.0.0 whose layer is FILE (hard-linked); sets BIG_DIGEST.
seed_big() {
  local repo=$1 file=$2 size dir="$scratch/big"
  size=$(stat -c %s "$file")
  put_big_blob "$file"
  local layer=$HEX
  mkdir -p "$dir"
  chart_config big 1.0.0 1.0.0 > "$dir/config"
  put_small_blobs "$dir"
  local config=${BLOB[config]}
  chart_manifest "$config" "$(stat -c %s "$V2/blobs/sha256/${config:0:2}/$config/data")" "$layer" "$size" 2026-01-01T00:00:00Z > "$dir/manifest"
  put_small_blobs "$dir"
  layer_link "$repo" "$layer"; layer_link "$repo" "$config"
  revision_link "$repo" "${BLOB[manifest]}"; tag_link "$repo" 1.0.0 "${BLOB[manifest]}"
  rm -rf "$dir"
  flush_links
  BIG_DIGEST="sha256:$layer"
}

# seed_versions REPO COUNT: COUNT tags 1.<i/100>.<i%100>, each with its own manifest and config blob
# (appVersion 2.<i>.0, a created annotation), sharing one small chart layer. Fills MANIFESTS/CONFIGS (by index).
MANIFESTS=()
CONFIGS=()
LAYER=
seed_versions() {
  local repo=$1 count=$2 i
  local cdir="$scratch/configs" mdir="$scratch/manifests"
  mkdir -p "$cdir" "$mdir"
  head -c 4096 /dev/urandom > "$scratch/chart.tgz"
  put_big_blob "$scratch/chart.tgz"
  LAYER=$HEX
  for ((i = 0; i < count; i++)); do chart_config versions "1.$((i / 100)).$((i % 100))" "2.$i.0" > "$cdir/c$i"; done
  put_small_blobs "$cdir"
  local config created
  for ((i = 0; i < count; i++)); do
    config=$(<"$V2/blobs/sha256/${BLOB[c$i]:0:2}/${BLOB[c$i]}/data")
    printf -v created '2026-%02d-%02dT10:00:00Z' $((i % 12 + 1)) $((i % 28 + 1))
    CONFIGS[i]=${BLOB[c$i]}
    chart_manifest "${CONFIGS[i]}" "${#config}" "$LAYER" 4096 "$created" > "$mdir/m$i"
  done
  put_small_blobs "$mdir"
  layer_link "$repo" "$LAYER"
  for ((i = 0; i < count; i++)); do
    MANIFESTS[i]=${BLOB[m$i]}
    layer_link "$repo" "${CONFIGS[i]}"
    revision_link "$repo" "${MANIFESTS[i]}"
    tag_link "$repo" "1.$((i / 100)).$((i % 100))" "${MANIFESTS[i]}"
  done
  rm -rf "$cdir" "$mdir"
  flush_links
}

# seed_many_tags REPO COUNT: COUNT semver tags <i/10000>.<i/100%100>.<i%100> over the manifests seed_versions wrote.
seed_many_tags() {
  local repo=$1 count=$2 i n=${#MANIFESTS[@]}
  layer_link "$repo" "$LAYER"
  for ((i = 0; i < n; i++)); do revision_link "$repo" "${MANIFESTS[i]}"; layer_link "$repo" "${CONFIGS[i]}"; done
  for ((i = 0; i < count; i++)); do tag_link "$repo" "$((i / 10000)).$((i / 100 % 100)).$((i % 100))" "${MANIFESTS[i % n]}"; done
  flush_links
}

# seed_catalog PREFIX COUNT: COUNT empty repositories PREFIX/r00000..., which is all the catalog needs to list them.
seed_catalog() {
  local root="$V2/repositories/$1" count=$2
  mkdir -p "$root"
  (cd "$root" && seq -f 'r%05g/_layers' 0 $((count - 1)) | xargs mkdir -p)
}

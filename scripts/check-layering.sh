#!/usr/bin/env bash
# Fails when a product file includes a header of a layer it may not depend on.
# The layers, lowest first (see docs/ARCHITECTURE.md):
#   util ← resp ← store ← server ← command ← commands ← net ← http ← app
# with persistence's codecs on store/resp/util and its engine on server/command.
# Each folder may include its own headers and those of the layers listed for it
# below; a file in a folder not listed (a new subfolder) gets its nearest
# listed parent's rule. Run from anywhere: scripts/check-layering.sh [root].
set -euo pipefail
root="${1:-$(cd "$(dirname "$0")/.." && pwd)}"
cd "$root"

# folder → the include prefixes it may use besides its own.
declare -A allowed=(
  [core/util]=""
  [core/resp]="core/util"
  [core/store]="core/util"
  [core/server]="core/resp core/store core/util"
  [core/command]="core/server core/resp core/store core/util"
  # DUMP/RESTORE write and read Redis's payload format with the RDB codec.
  [core/commands]="core/command core/server core/resp core/store core/util persistence"
  # Lua scripting: runs commands through the dispatcher, registers its family
  # (core/commands/families.h), and writes FUNCTION DUMP payloads with the RDB codec.
  [core/scripting]="core/commands core/command core/server core/resp core/store core/util persistence"
  # The persistence engine (AOF log, snapshot jobs, loading) runs commands and
  # reads server state; its codecs (below) may not.
  [persistence]="core/command core/server core/resp core/store core/util"
  [core/net]="core/command core/server core/resp core/store core/util"
  [http]="core/net core/command core/server core/resp core/store core/util"
  [app]="http core/net core/scripting core/commands core/command core/server core/resp core/store core/util persistence"
)
# The pure codecs: file formats only, no server state, no Asio. A new file in
# persistence/ gets the engine's rule until it is listed here.
codec_rule="core/resp core/store core/util"
codecs=(crc64 rdb_encoder rdb_loader ziplist aof_format aof_loader snapshot check_aof_main)

rule_for() {  # file → its folder's allowed prefixes (echo), or nothing if unchecked
  local f="$1" dir base stem
  dir="$(dirname "$f")"
  if [[ "$dir" == persistence ]]; then
    base="$(basename "$f")"
    stem="${base%.*}"
    for c in "${codecs[@]}"; do
      if [[ "$stem" == "$c" ]]; then echo "persistence $codec_rule"; return; fi
    done
  fi
  while [[ "$dir" != "." && -z "${allowed[$dir]+x}" ]]; do dir="$(dirname "$dir")"; done
  [[ "$dir" == "." ]] && return 1
  echo "$dir ${allowed[$dir]}"
}

status=0
checked=0
include_re='^[[:space:]]*#[[:space:]]*include[[:space:]]*"([^"]+)"'
while IFS= read -r -d '' f; do
  rule="$(rule_for "$f")" || continue
  checked=$((checked + 1))
  lineno=0
  while IFS= read -r line || [[ -n "$line" ]]; do
    lineno=$((lineno + 1))
    [[ "$line" =~ $include_re ]] || continue
    inc="${BASH_REMATCH[1]}"
    if [[ "$inc" != */* ]]; then
      echo "$f:$lineno: include \"$inc\" must name its folder (core/…/x.h)"
      status=1
      continue
    fi
    ok=0
    # The trailing slash keeps core/command from matching core/commands/….
    for p in $rule; do
      if [[ "$inc" == "$p/"* ]]; then ok=1; break; fi
    done
    if [[ $ok == 0 ]]; then
      echo "$f:$lineno: wrong-way include \"$inc\" (${rule%% *}/ may include: ${rule#* })"
      status=1
    fi
  done <"$f"
done < <(find core persistence http app -type f \( -name '*.h' -o -name '*.cpp' \) -print0)

if [[ $status == 0 ]]; then
  echo "layering: $checked files, no wrong-way include"
fi
exit $status

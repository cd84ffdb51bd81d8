#!/usr/bin/env bash
# Check that po/POTFILES.in lists every file with translatable strings, lists only files
# that exist, and is sorted.
#
# Usage: tests/check-potfiles.sh [SOURCE_ROOT]
# Exits 0 when POTFILES.in is complete, 1 (listing the problems on stderr) when it is not.
# Paths in po/POTFILES.skip are never required.

set -euo pipefail

root=${1:-"$(dirname "$0")/.."}
cd "$root"

potfiles=po/POTFILES.in
skipfile=po/POTFILES.skip

if [[ ! -f $potfiles ]]; then
  echo "check-potfiles: $root/$potfiles not found" >&2
  exit 1
fi

# Entries of a POTFILES-style file: no comments, no blank lines, no surrounding spaces.
entries() {
  [[ -f $1 ]] || return 0
  sed -e 's/#.*//' -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' -e '/^$/d' "$1"
}

mapfile -t listed < <(entries "$potfiles")
mapfile -t skipped < <(entries "$skipfile")

declare -A in_potfiles=() in_skip=()
for f in "${listed[@]}"; do in_potfiles[$f]=1; done
for f in "${skipped[@]}"; do in_skip[$f]=1; done

# Files that need to be listed.
candidates=()
if [[ -d src ]]; then
  # C sources calling a gettext keyword: _( N_( C_( NC_( or one of the ngettext family.
  while IFS= read -r f; do candidates+=("$f"); done < <(
    find src -name '*.c' -type f -print0 |
      xargs -0 -r grep -lE '(^|[^[:alnum:]_])(_|N_|C_|NC_)\(|ngettext' | LC_ALL=C sort)
  # GtkBuilder files with translatable properties.
  while IFS= read -r f; do candidates+=("$f"); done < <(
    find src -name '*.ui' -type f -print0 |
      xargs -0 -r grep -lE 'translatable="(yes|true|1)"' | LC_ALL=C sort)
fi
if [[ -d data ]]; then
  # Templates merged with translations (desktop file, metainfo) and GSettings schemas.
  while IFS= read -r f; do candidates+=("$f"); done < <(
    find data -maxdepth 1 -type f \( -name '*.in.in' -o -name '*.gschema.xml' \) | LC_ALL=C sort)
fi

missing=()
for f in "${candidates[@]}"; do
  [[ -n ${in_potfiles[$f]:-} || -n ${in_skip[$f]:-} ]] || missing+=("$f")
done

stale=()
for f in "${listed[@]}"; do
  [[ -f $f ]] || stale+=("$f")
done

status=0
if (( ${#missing[@]} )); then
  echo "These files have translatable strings but are missing from $potfiles:" >&2
  printf '  %s\n' "${missing[@]}" >&2
  status=1
fi
if (( ${#stale[@]} )); then
  echo "$potfiles lists files that do not exist:" >&2
  printf '  %s\n' "${stale[@]}" >&2
  status=1
fi
if ! printf '%s\n' "${listed[@]}" | LC_ALL=C sort -c 2>/dev/null; then
  echo "$potfiles is not sorted (LC_ALL=C sort); expected:" >&2
  printf '%s\n' "${listed[@]}" | LC_ALL=C sort | sed 's/^/  /' >&2
  status=1
fi
if (( ${#listed[@]} == 0 )); then
  echo "$potfiles lists no files" >&2
  status=1
fi

if (( status == 0 )); then
  echo "$potfiles lists all ${#candidates[@]} files with translatable strings (${#listed[@]} entries)."
fi
exit $status

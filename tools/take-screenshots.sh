#!/usr/bin/env bash
# Takes screenshots of the real app with a sample journal, under Xvfb, into OUTDIR
# (default data/screenshots). Needs a built tree (BUILD, default build/), Xvfb, xdotool
# and ImageMagick's import.
#
#   tools/take-screenshots.sh [--review] [OUTDIR]
#
# Without --review it takes the screenshots that ship (metainfo and README); with --review
# also the welcome, error, preferences, shortcuts and about screens, light, dark and 360 px
# wide, for a person to look at before calling a change done.
#
# It never touches your own journal: every run gets throwaway XDG folders.

set -euo pipefail

review=false
if [[ ${1:-} == --review ]]; then
  review=true
  shift
fi

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${BUILD:-$root/build}
out=$(realpath -m "${1:-$root/data/screenshots}")
mkdir -p "$out"

app=$build/src/attune
sample=$build/tests/attune-sample-journal
[[ -x $app && -x $sample ]] || { echo "Build first: $app or $sample is missing" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/attune-shots.XXXXXX")
trap 'rm -rf "$work"' EXIT

# shot NAME WIDTH HEIGHT SCHEME JOURNAL(sample|empty|corrupt|new|backups|damaged-with-backup) WELCOME_DONE KEYS...
# KEYS are xdotool commands run one by one against the app's window, e.g. "key ctrl+f".
shot() {
  local name=$1 width=$2 height=$3 scheme=$4 journal=$5 welcome=$6
  shift 6
  # ATTUNE_SHOT_ONLY=REGEX takes only the shots whose names match.
  [[ -z ${ATTUNE_SHOT_ONLY:-} || $name =~ $ATTUNE_SHOT_ONLY ]] || return 0
  local home=$work/$name
  mkdir -p "$home/data/attune" "$home/config/glib-2.0/settings" "$home/runtime"
  chmod 0700 "$home/runtime"
  cat > "$home/config/glib-2.0/settings/keyfile" <<KEYS
[io/github/attunejournal/Attune]
welcome-done=$welcome
color-scheme='$scheme'
window-width=$width
window-height=$height
KEYS
  case $journal in
    sample) "$sample" "$home/data/attune/attune.db" ;;
    corrupt) head -c 8192 /dev/urandom > "$home/data/attune/attune.db" ;;
    # The sample journal with two earlier backups (a closed journal is a valid snapshot),
    # and the same with the journal's schema page then damaged.
    backups|damaged-with-backup)
      "$sample" "$home/data/attune/attune.db"
      mkdir -m 0700 -p "$home/data/attune/backups"
      install -m 0600 "$home/data/attune/attune.db" "$home/data/attune/backups/attune-daily-$(date -u -d yesterday +%Y%m%dT080000Z).db"
      install -m 0600 "$home/data/attune/attune.db" "$home/data/attune/backups/attune-manual-$(date -u -d '3 days ago' +%Y%m%dT191500Z).db"
      if [[ $journal == damaged-with-backup ]]; then
        head -c 3000 /dev/urandom | dd of="$home/data/attune/attune.db" bs=1 seek=100 conv=notrunc status=none
      fi
      ;;
    *) ;;
  esac

  local steps="" k
  for k in "$@"; do
    steps+="xdotool $k; sleep 0.7;"
  done

  XDG_DATA_HOME=$home/data XDG_CONFIG_HOME=$home/config XDG_RUNTIME_DIR=$home/runtime \
  GSETTINGS_BACKEND=keyfile GSETTINGS_SCHEMA_DIR=$build/data \
  GDK_BACKEND=x11 GSK_RENDERER=cairo NO_AT_BRIDGE=1 ADW_DISABLE_PORTAL=1 LANG=${LANG:-C.UTF-8} \
    timeout 60 xvfb-run -a -s "-screen 0 ${width}x${height}x24" dbus-run-session -- bash -c "
      '$app' >/dev/null 2>&1 &
      pid=\$!
      xdotool search --sync --onlyvisible --class attune >/dev/null
      sleep 1.5
      $steps
      sleep 0.8
      import -window root '$out/$name.png'
      kill \$pid
    "
  echo "$out/$name.png"
}

# xdotool types at the focused window; the first row of the timeline is at about (180, 150).
# These ship (metainfo and README):
shot timeline 1100 720 default sample true
shot editor 1100 720 default sample true "mousemove 180 150 click 1"
shot narrow 360 720 default sample true
# The sample journal has an open moment and things on the list, so the check-in starts with
# the follow-up; three pages on is the rupture question.
shot check-in 1100 720 default sample true "key ctrl+shift+n" "key alt+Right" "key alt+Right" "key alt+Right"
shot check-in-dark 1100 720 dark sample true "key ctrl+shift+n"
# The view switcher's tabs sit in the sidebar's header bar at about these points.
shot next-session 1100 720 default sample true "mousemove 368 28 click 1"
shot insights 1100 720 default sample true "mousemove 545 28 click 1"
shot prepare 1100 720 default sample true "key ctrl+p"

$review || exit 0
shot search 1100 720 default sample true "key ctrl+f" "type session"
shot editor-dark 1100 720 dark sample true "mousemove 180 150 click 1"
shot check-in-narrow 360 720 default sample true "key ctrl+shift+n" "key alt+Right" "key alt+Right"
shot welcome 900 700 default new false
shot welcome-narrow-dark 360 720 dark new false
shot error 900 700 default corrupt true
shot error-narrow-dark 360 720 dark corrupt true
shot empty-dark 900 700 dark new true
shot narrow-editor 360 720 default sample true "mousemove 180 150 click 1"
shot narrow-search-dark 360 720 dark sample true "key ctrl+f" "type sleep"
shot preferences 900 700 default sample true "key ctrl+comma"
shot backups 900 700 default backups true "key ctrl+comma" "mousemove 350 27 click 1"
shot backups-dark 900 700 dark backups true "key ctrl+comma" "mousemove 350 27 click 1"
shot damaged-with-backup 900 700 default damaged-with-backup true
shot damaged-with-backup-narrow-dark 360 720 dark damaged-with-backup true
shot shortcuts 1100 720 default sample true "key ctrl+question"
shot about-dark 900 700 dark sample true "key F10" "key Down Down Return"

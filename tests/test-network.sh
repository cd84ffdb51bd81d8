#!/usr/bin/env bash
# Attune never uses the network: run the real program under strace and fail on any socket
# that is not AF_UNIX (the display, D-Bus) or AF_NETLINK (a kernel interface on this
# machine, such as GLib's network monitor or udev: it cannot reach another computer).
# Any AF_INET, AF_INET6, AF_PACKET or other socket fails, whether or not it connects.
#
# Usage: test-network.sh /path/to/attune          the command line: import, exports
#        test-network.sh /path/to/attune --gui    the window for 5 s (needs a display)
# TAP output.
set -u

attune=$1
mode=${2:-cli}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_DATA_HOME="$tmp/xdg" HOME="$tmp/home"
mkdir -p "$HOME"
: "${GSETTINGS_BACKEND:=memory}"; export GSETTINGS_BACKEND

n=0
failed=0
ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); failed=1; echo "not ok $n - $1"; }

if ! command -v strace >/dev/null; then
  echo "1..0 # SKIP strace is not installed (tools/setup-debian.sh installs it)"
  exit 0
fi
if [[ $mode == --gui && -z ${DISPLAY:-} && -z ${WAYLAND_DISPLAY:-} ]]; then
  echo "1..0 # SKIP no display to run the window on"
  exit 0
fi

# Runs a command under strace; prints the sockets it opened that are not allowed.
traced () {
  local log=$tmp/strace.$n
  strace -f -qq -e trace=socket -o "$log" -- "$@" >"$tmp/out" 2>"$tmp/err"
  local rc=$?
  grep -E 'socket\(' "$log" | grep -vE 'socket\((AF_UNIX|AF_LOCAL|AF_NETLINK),' >"$tmp/bad"
  grep -oE 'socket\(AF_[A-Z0-9]+' "$log" | sort | uniq -c | sed 's/^ */# /'
  return $rc
}

check_clean () {
  if [[ -s $tmp/bad ]]; then
    not_ok "$1"
    sed 's/^/# /' "$tmp/bad"
  else
    ok "$1"
  fi
}

if [[ $mode == --gui ]]; then
  echo "1..2"
  # timeout is traced too, so strace ends when the window is closed by it.
  traced timeout -s TERM 5 "$attune" --data-dir="$tmp/journal"
  rc=$?
  if [[ $rc -eq 124 || $rc -eq 0 ]]; then ok "the window ran for 5 s"; else not_ok "the window ran for 5 s (exit $rc)"; sed 's/^/# /' "$tmp/err"; fi
  check_clean "the window opened no network socket"
  exit $failed
fi

echo "1..6"

# A positive control: the check must see a network socket when there is one.
traced bash -c 'exec 3<>/dev/tcp/127.0.0.1/9' 2>/dev/null
if [[ -s $tmp/bad ]]; then ok "strace sees an AF_INET socket (control)"; else not_ok "strace sees an AF_INET socket (control)"; fi

cat > "$tmp/backup.json" <<'JSON'
{"format":"attune-journal","version":1,"exported-at":"2026-11-26T01:02:03.123456Z",
 "entries":[{"uuid":"5d1e2f3a-8b7c-4d6e-9f01-23456789abcd","kind":"note","day":"2026-11-25",
   "created-at":"2026-11-25T08:00:00.000000Z","updated-at":"2026-11-25T08:00:00.000000Z",
   "title":"Morning","body":"Slept well.","content-format":1,"mood":4,"bring":true,"tags":[],"check-in":null}],
 "agenda":[]}
JSON

traced "$attune" --import="$tmp/backup.json"
[[ $? -eq 0 ]] || sed 's/^/# /' "$tmp/err"
check_clean "--import opened no network socket"

traced "$attune" --export=json --output="$tmp/out.json"
[[ $? -eq 0 ]] || sed 's/^/# /' "$tmp/err"
check_clean "--export=json opened no network socket"

traced "$attune" --export=text --output="$tmp/out.md"
[[ $? -eq 0 ]] || sed 's/^/# /' "$tmp/err"
check_clean "--export=text opened no network socket"

traced "$attune" --export=pdf --output="$tmp/out.pdf"
[[ $? -eq 0 ]] || sed 's/^/# /' "$tmp/err"
check_clean "--export=pdf opened no network socket"

# What the exports leave behind is the person's journal too: readable by them only.
modes=$(stat -c '%n %a' "$tmp/out.json" "$tmp/out.md" "$tmp/out.pdf" 2>&1)
echo "$modes" | sed "s|$tmp/||; s/^/# /"
if [[ $(stat -c %a "$tmp/out.json" "$tmp/out.md" "$tmp/out.pdf" | sort -u) == 600 ]]; then
  ok "files written by --export are 0600"
else
  not_ok "files written by --export are 0600"
fi

exit $failed

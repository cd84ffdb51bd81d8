#!/usr/bin/env bash
# The command line: attune --export / --import, run as a person would, without a display.
# Usage: test-cli.sh /path/to/attune   (TAP output)
set -u

attune=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
unset DISPLAY WAYLAND_DISPLAY
export XDG_DATA_HOME="$tmp/xdg"
: "${GSETTINGS_BACKEND:=memory}"; export GSETTINGS_BACKEND

n=0
failed=0
ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); failed=1; echo "not ok $n - $1"; sed 's/^/# /' "$tmp/err" 2>/dev/null; }
check () { if eval "$2"; then ok "$1"; else not_ok "$1"; fi; }

cat > "$tmp/fixture.json" <<'JSON'
{"format":"attune-journal","version":1,"exported-at":"2026-11-26T01:02:03.123456Z",
 "entries":[
  {"uuid":"0b6c9a52-4f0e-4a57-9d2c-3f1f7c9f2b10","kind":"check-in","day":"2026-11-24",
   "created-at":"2026-11-24T18:00:00.000001Z","updated-at":"2026-11-24T18:05:00.000002Z",
   "title":"","body":"It felt rushed","content-format":1,"mood":null,"bring":false,"tags":["session"],
   "check-in":{"session-at":"2026-11-24T17:00:00.000000Z","mode":"video","connected":2,"heard":"not-sure",
    "mattered":null,"suited":3,"rupture":"yes","kinds":["judged","held-back"],"other-kind":"","intensity":4,
    "what-happened":"It felt rushed","felt":"","needed":"","resolved":null,"spoke-up":"no","plan":["bring-up"],
    "message":"","repair":{"status":"open","history":[{"at":"2026-11-24T18:00:00.000001Z","status":"open","note":null}]}}},
  {"uuid":"5d1e2f3a-8b7c-4d6e-9f01-23456789abcd","kind":"note","day":"2026-11-25",
   "created-at":"2026-11-25T08:00:00.000000Z","updated-at":"2026-11-25T08:00:00.000000Z",
   "title":"Morning","body":"Slept well.","content-format":1,"mood":4,"bring":true,"tags":[],"check-in":null}],
 "agenda":[{"text":"Bring up the rush","entry":"0b6c9a52-4f0e-4a57-9d2c-3f1f7c9f2b10","position":0,
   "done":false,"done-at":null,"created-at":"2026-11-24T18:00:00.000001Z"}]}
JSON

echo "1..14"

"$attune" --import="$tmp/fixture.json" >"$tmp/out" 2>"$tmp/err"
check "import into the default journal (XDG_DATA_HOME)" '[ $? -eq 0 ] && grep -q "Imported 2 entries" "$tmp/out" && [ -f "$XDG_DATA_HOME/attune/attune.db" ]'

"$attune" --export=json --output="$tmp/a.json" >"$tmp/out" 2>"$tmp/err"
check "export json" '[ $? -eq 0 ] && [ -s "$tmp/a.json" ] && [ ! -s "$tmp/err" ]'
check "the json backup is private (0600)" '[ "$(stat -c %a "$tmp/a.json")" = 600 ]'

"$attune" --data-dir="$tmp/other" --import="$tmp/a.json" >"$tmp/out" 2>"$tmp/err"
check "import into --data-dir" '[ $? -eq 0 ] && [ -f "$tmp/other/attune.db" ] && grep -q "Imported 2 entries" "$tmp/out"'

"$attune" --data-dir="$tmp/other" --export=json --output=- >"$tmp/b.json" 2>"$tmp/err"
check "export to stdout, identical apart from exported-at" \
  '[ $? -eq 0 ] && diff <(grep -v exported-at "$tmp/a.json") <(grep -v exported-at "$tmp/b.json") >/dev/null'

"$attune" --data-dir="$tmp/other" --import="$tmp/a.json" >"$tmp/out" 2>"$tmp/err"
check "importing twice adds nothing" '[ $? -eq 0 ] && grep -q "Imported 0 entries; 2 were already" "$tmp/out"'

sed 's/"judged"/"angry"/' "$tmp/fixture.json" > "$tmp/bad.json"
cp "$tmp/other/attune.db" "$tmp/before.db" 2>/dev/null
"$attune" --data-dir="$tmp/fresh" --import="$tmp/bad.json" >"$tmp/out" 2>"$tmp/err"
check "a bad file fails, naming the place" \
  '[ $? -eq 1 ] && grep -q "^attune: entries\[0\].check-in.kinds\[0\]: “angry” is not a kind Attune knows" "$tmp/err"'

printf '{"format":"attune-journal","version":3}' > "$tmp/new.json"
"$attune" --import="$tmp/new.json" >"$tmp/out" 2>"$tmp/err"
check "a newer format fails" '[ $? -eq 1 ] && grep -q "format version 3" "$tmp/err"'

"$attune" --export=text --output=- --from=2026-02-30 >"$tmp/out" 2>"$tmp/err"
check "a bad date fails" '[ $? -eq 1 ] && grep -q "^attune: --from needs a day" "$tmp/err"'

"$attune" --export=text --output=- --from=2026-12-01 --to=2026-11-01 >"$tmp/out" 2>"$tmp/err"
check "--from after --to fails" '[ $? -eq 1 ] && grep -q "is after --to" "$tmp/err"'

"$attune" --export=json >"$tmp/out" 2>"$tmp/err"
check "--export without --output fails" '[ $? -eq 1 ] && grep -q "^attune: --export needs --output" "$tmp/err"'

"$attune" --export=csv --output=- >"$tmp/out" 2>"$tmp/err"
check "an unknown export format fails" '[ $? -eq 1 ] && grep -q "pdf, text or json" "$tmp/err"'

"$attune" --export=text --output=- --from=2026-11-01 --to=2026-11-30 >"$tmp/out" 2>"$tmp/err"
check "export text to stdout" '[ $? -eq 0 ] && grep -q "^# " "$tmp/out"'

"$attune" --export=pdf --output="$tmp/notes.pdf" >"$tmp/out" 2>"$tmp/err"
check "export pdf" '[ $? -eq 0 ] && head -c 5 "$tmp/notes.pdf" | grep -q "%PDF-"'

exit $failed

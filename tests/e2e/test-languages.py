#!/usr/bin/python3
# Attune in German and in Spanish, driven through the accessibility tree (AT-SPI) of the real
# program: the welcome, the empty timeline, the list for next session, the insights and the
# pages of the check-in. Every accessible name that is showing is compared with the English
# strings of po/LANG.po; an English string whose translation differs fails the test. Prints
# TAP. Needs a display and a D-Bus session bus (run under xvfb-run inside dbus-run-session);
# on failure it leaves a screenshot and the accessible tree in $ATTUNE_E2E_LOGDIR.
#
#   tests/e2e/test-languages.py BUILD/src/attune
#
# The catalogues come from the build tree: ATTUNE_LOCALEDIR (set by tests/meson.build, default
# BUILD/po) holds LANG/LC_MESSAGES/attune.mo. The messages are chosen with LANGUAGE=de or es
# and LC_ALL=C.UTF-8, which needs no generated de_DE or es_ES locale on the machine; gettext
# honours LANGUAGE for messages, but dates (weekday and month names from the C library)
# then stay in the C locale's English. So this test checks Attune's own strings, not
# the names of days and months.

import os
import re
import shutil
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from attune_e2e import *  # noqa: E402,F401,F403
import attune_e2e as e2e  # noqa: E402

state = e2e.state
PO_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "po")
LOCALEDIR = os.environ.get("ATTUNE_LOCALEDIR") or os.path.join(
    os.path.dirname(os.path.dirname(e2e.APP)), "po")
LANGUAGES = ("de", "es")


# A small reader for .po files: entries of msgctxt, msgid, msgid_plural and msgstr[n].
def unquote(text):
    text = text.strip()[1:-1]
    return re.sub(r'\\(.)', lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), text)


def read_po(path):
    entries, cur, key = [], {}, None
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines() + [""]
    for line in lines:
        if not line.strip():
            if "msgid" in cur:
                entries.append(cur)
            cur, key = {}, None
            continue
        if line.startswith("#"):
            if line.startswith("#,") and "fuzzy" in line:
                cur["fuzzy"] = True
            continue
        m = re.match(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[\d\])?) (".*")$', line)
        if m:
            key = m.group(1)
            cur[key] = unquote(m.group(2))
        elif line.startswith('"') and key:
            cur[key] += unquote(line)
    return entries[1:]  # without the header


def strip_mnemonic(text):
    return re.sub(r"_(?=\w)", "", text)


def pattern(text):
    # "Step %u of %u" becomes a regular expression for "Step 2 of 8".
    return re.compile(re.sub(r"%(?:\d+\$)?[-+ 0#]*\d*(?:l|ll|z|h)?[a-zA-Z]", ".+",
                             re.escape(text).replace("\\%", "%")) + r"\Z", re.S)


class Catalogue:
    def __init__(self, lang):
        self.msgstr = {}
        self.english, self.translated = set(), set()
        self.english_patterns, self.translated_patterns = [], []
        for e in read_po(os.path.join(PO_DIR, f"{lang}.po")):
            english = [e["msgid"]] + ([e["msgid_plural"]] if "msgid_plural" in e else [])
            ours = [v for k, v in e.items() if k.startswith("msgstr")]
            self.msgstr[(e.get("msgctxt"), e["msgid"])] = e.get("msgstr", e.get("msgstr[1]"))
            for text in ours:
                self.translated.update({text, strip_mnemonic(text)})
                if "%" in text:
                    self.translated_patterns.append(pattern(strip_mnemonic(text)))
            for text in english:
                if text in ours or e.get("fuzzy"):
                    continue  # the same in both languages ("OK", "Attune", "%s: %s")
                self.english.update({text, strip_mnemonic(text)})
                # Placeholders with enough words around them to be recognizable.
                if "%" in text and len(re.findall(r"[A-Za-z]{2,}", re.sub(r"%\S*", "", text))) >= 2:
                    self.english_patterns.append(pattern(strip_mnemonic(text)))

    def __call__(self, msgid, context=None):
        text = self.msgstr.get((context, msgid))
        assert text, f"no translation of {msgid!r} in the catalogue"
        return strip_mnemonic(text)

    def is_english(self, name):
        candidates = [name]
        half = len(name) // 2
        if len(name) % 2 == 1 and name[half] == " " and name[:half] == name[half + 1:]:
            candidates.append(name[:half])  # GTK 4.8 names a mnemonic button "Undo Undo"
        for text in candidates:
            if text in self.translated:
                continue
            if text in self.english:
                return True
            if any(p.match(text) for p in self.english_patterns) and \
                    not any(p.match(text) for p in self.translated_patterns):
                return True
        return False


def showing_names(app):
    names = []
    for _, node in walk(app):
        try:
            name = node.name
            if name and is_on_screen(node):
                names.append((node.getRoleName(), name))
        except Exception:
            continue
    return names


def assert_no_english(app, where):
    time.sleep(0.6)  # let the page settle
    names = showing_names(app)
    if e2e.proc.poll() is not None:
        raise AssertionError(f"Attune exited with status {e2e.proc.returncode} on {where}")
    assert len(names) >= 3, f"only {len(names)} named things are showing on {where}"
    checked[0] += len(names)
    left = sorted({f"{role} {name!r}" for role, name in names if T.is_english(name)})
    assert not left, f"English on {where}: " + "; ".join(left)


def find_named(app, name, roles=("push button", "toggle button", "radio button", "page tab",
                                 "check box", "label"), timeout=8):
    end = time.time() + timeout
    while time.time() < end:
        for _, node in walk(app):
            try:
                if node.getRoleName() in roles and (node.name or "") in (name, f"{name} {name}") \
                        and is_on_screen(node):
                    return node
            except Exception:
                continue
        time.sleep(0.25)
    raise AssertionError(f"nothing named {name!r} is showing")


def fresh_folders():
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME"):
        shutil.rmtree(env[var], ignore_errors=True)
        os.makedirs(env[var])


T = None
checked = [0]
checks_per_language = 5
print(f"1..{checks_per_language * len(LANGUAGES)}", flush=True)


def welcome():
    fresh_folders()
    env.update(LANGUAGE=lang, LC_ALL="C.UTF-8", LANG="C.UTF-8", ATTUNE_LOCALEDIR=LOCALEDIR)
    mo = os.path.join(LOCALEDIR, lang, "LC_MESSAGES", "attune.mo")
    assert os.path.exists(mo), f"{mo} is missing: build the po targets first"
    app = launch()
    try:
        find(app, "label", T("Welcome to Attune"), timeout=20)
    except AssertionError:
        find(app, "label", "Welcome to Attune", timeout=1)
        raise AssertionError(f"the welcome is in English: the catalogue in {LOCALEDIR} was not used")
    assert_no_english(app, "the welcome")


def timeline():
    app = state["app"]
    press(find(app, "push button", T("Start Writing")))
    find(app, "label", T("Nothing Here Yet"))
    assert_no_english(app, "the empty timeline")


def agenda():
    app = state["app"]
    press(find_named(app, T("For Next Session")))
    find(app, "label", T("Nothing to bring yet"))
    assert_no_english(app, "the list for next session")


def insights():
    app = state["app"]
    press(find_named(app, T("Insights")))
    find(app, "label", T("Nothing to Show Yet"))
    assert_no_english(app, "the insights")


def wizard():
    app = state["app"]
    press(find_named(app, T("Timeline")))
    press(find(app, "push button", T("Check In After a Session")))
    find(app, "label", T("About the session"))
    seen = 0
    for page in range(1, 12):
        assert_no_english(app, f"page {page} of the check-in")
        seen += 1
        if page == 3:
            # Say yes to a moment that felt off, so that the pages about it come too.
            find(app, "label", T("A moment that felt off"))
            press(find(app, "check box", T("Yes")))
            assert_no_english(app, "the check-in's page about a moment that felt off")
        for name in (T("Next"), T("Skip")):
            try:
                press(find(app, "push button", name, timeout=1.5))
                break
            except AssertionError:
                continue
        else:
            break  # the last page has Save instead
        time.sleep(0.4)
    assert seen >= 5, f"only {seen} pages of the check-in were seen"
    stop()


for lang in LANGUAGES:
    T = Catalogue(lang)
    check(f"{lang}: the welcome is translated", welcome)
    check(f"{lang}: the empty timeline is translated", timeline)
    check(f"{lang}: the list for next session is translated", agenda)
    check(f"{lang}: the insights are translated", insights)
    check(f"{lang}: every page of the check-in is translated", wizard)
    print(f"# {lang}: {checked[0]} accessible names compared with {len(T.english)} English strings",
          flush=True)
    checked[0] = 0
finish(0)

#!/usr/bin/python3
# Protecting the journal with a passphrase, as a person does it (issue 6): set it up in
# Preferences, see the recovery key once, find no readable word in any file, lock with
# Ctrl+L, be told a wrong passphrase is not right, unlock, and after a restart unlock with the
# recovery key. Driven through the accessibility tree of the real program; prints TAP.
# ATTUNE_E2E_SHOTS=DIR also saves screenshots of the lock page and the dialogs there.
#
#   tests/e2e/test-protect.py BUILD/src/attune

import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from attune_e2e import *  # noqa: E402,F401,F403
import attune_e2e as e2e  # noqa: E402

state = e2e.state
SAMPLE = os.path.join(os.path.dirname(os.path.dirname(e2e.APP)), "tests", "attune-sample-journal")
DATA = os.path.dirname(e2e.journal_path())
SHOTS = os.environ.get("ATTUNE_E2E_SHOTS")
PASSPHRASE = "river stones in my pocket"
print("1..8", flush=True)


def shot(name):
    if SHOTS:
        os.makedirs(SHOTS, exist_ok=True)
        subprocess.run(["import", "-window", "root", os.path.join(SHOTS, name + ".png")], timeout=20)


def files_holding(needle):
    hits = []
    for folder, _, names in os.walk(DATA):
        for name in names:
            path = os.path.join(folder, name)
            with open(path, "rb") as f:
                if needle.encode() in f.read():
                    hits.append(path)
    return hits


def find_recovery_key(app):
    # Read as a screen reader reads it: the label's text, 13 groups of 4.
    import re
    for _, node in walk(app):
        try:
            if node.getRoleName() == "label" and re.fullmatch(r"[0-9A-Z]{4}(-[0-9A-Z]{4}){12}", node.name or ""):
                return node.name
        except Exception:
            continue
    raise AssertionError("no recovery key is showing")


def start_with_sample():
    os.makedirs(DATA, exist_ok=True)
    subprocess.run([SAMPLE, e2e.journal_path()], check=True, timeout=60, stdout=subprocess.DEVNULL)
    write_settings(welcome_done=True)
    launch()
    find(state["app"], "label", "The argument with Sam", timeout=15)
    assert files_holding("argument with Sam"), "the sample should be readable before"


def set_up():
    app = state["app"]
    key("ctrl+comma")
    press(find(app, "push button", "Set up a passphrase", timeout=10))
    find(app, "label", "Choose a Passphrase")
    type_into(find(app, "text", "Passphrase"), PASSPHRASE)
    type_into(find(app, "text", "The same passphrase again"), PASSPHRASE)
    shot("protect-choose")
    press(find(app, "push button", "Protect My Journal"))
    find(app, "label", "Your Recovery Key", timeout=60)
    recovery = find_recovery_key(app)
    state["recovery"] = recovery
    shot("protect-recovery-key")
    press(find(app, "check box", "I have written it down or saved it somewhere safe"))
    press(find(app, "push button", "Done"))


def nothing_readable():
    for phrase in ("argument with Sam", "dishes", "You don’t have to earn rest"):
        hits = files_holding(phrase)
        assert not hits, f"{phrase!r} readable in {hits}"
    assert (os.stat(os.path.join(DATA, "attune.key")).st_mode & 0o777) == 0o600


def lock():
    app = state["app"]
    # Close Preferences, then Ctrl+L in the main window.
    press(find(app, "push button", "Close"))
    absent(app, "push button", "Change the passphrase")
    find(app, "label", "The argument with Sam", timeout=10)
    # The main window takes the keyboard (no window manager here to give it focus).
    subprocess.run(["xdotool", "mousemove", "700", "600", "click", "1"], check=True, timeout=10)
    key("ctrl+l")
    find(app, "label", "Your Journal Is Locked", timeout=10)
    absent(app, "label", "The argument with Sam")
    shot("locked")


def wrong_passphrase():
    app = state["app"]
    type_into(find(app, "text", "Passphrase"), "river stones in my socks")
    press(find(app, "push button", "Unlock"))
    find(app, "label", "That passphrase is not right.", timeout=20)
    find(app, "label", "Your Journal Is Locked")
    shot("locked-wrong")


def unlock():
    app = state["app"]
    field = find(app, "text", "Passphrase")
    field.queryEditableText().setTextContents("")
    type_into(field, PASSPHRASE)
    press(find(app, "push button", "Unlock"))
    find(app, "label", "The argument with Sam", timeout=30)


def recovery_after_restart():
    stop()
    launch()
    app = state["app"]
    find(app, "label", "Your Journal Is Locked", timeout=15)
    press(find(app, "push button", "Use My Recovery Key Instead"))
    type_into(find(app, "text", "Recovery key"), state["recovery"].lower().replace("-", " "))
    press(find(app, "push button", "Unlock"))
    find(app, "label", "The argument with Sam", timeout=30)


def still_nothing_readable():
    stop()
    nothing_readable()


check("a sample journal opens, readable on disk", start_with_sample)
check("Preferences > Set Up: a passphrase twice, then the recovery key, shown once", set_up)
check("no word of the journal is readable in any file", nothing_readable)
check("Ctrl+L locks: only the lock page shows", lock)
check("a wrong passphrase is 'not right', and nothing else happens", wrong_passphrase)
check("the passphrase unlocks", unlock)
check("after a restart, the recovery key unlocks", recovery_after_restart)
check("after use, still no readable word in any file", still_nothing_readable)
finish(0)

#!/usr/bin/python3
# A person's first minutes with Attune, driven through the accessibility tree (AT-SPI) of the
# real program: the welcome, writing an entry, the app being killed, finding the entry again,
# deleting it and taking that back. Prints TAP. Needs a display and a D-Bus session bus
# (run under xvfb-run inside dbus-run-session); on failure it leaves a screenshot and the
# accessible tree in $ATTUNE_E2E_LOGDIR.
#
#   tests/e2e/test-smoke.py BUILD/src/attune

import os
import stat
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from attune_e2e import *  # noqa: E402,F401,F403
import attune_e2e as e2e  # noqa: E402

state = e2e.state
TITLE = "Killed while typing"
BODY = "This sentence must survive a kill."
print("1..8", flush=True)


def start():
    launch()
    find(state["app"], "label", "Welcome to Attune")


def write_entry():
    app = state["app"]
    press(find(app, "push button", "Start Writing"))
    find(app, "label", "Nothing Here Yet")
    press(find(app, "push button", "New Entry"))
    type_into(find(app, "text", "Title"), TITLE)
    type_into(find(app, "text", "Entry text"), BODY)
    press(find(app, "push button", "Mood: Good"))
    find(app, "label", "Saved", timeout=5)


def kill_and_restart():
    kill()
    launch()
    find(state["app"], "list item", name=f"{TITLE}, Today, Mood: Good")


def files_private():
    folder = os.path.join(env["XDG_DATA_HOME"], "attune")
    mode = stat.S_IMODE(os.stat(folder).st_mode)
    assert mode == 0o700, f"folder mode {oct(mode)}"
    for name in os.listdir(folder):
        mode = stat.S_IMODE(os.stat(os.path.join(folder, name)).st_mode)
        assert mode == 0o600, f"{name} mode {oct(mode)}"


def search_finds():
    app = state["app"]
    press(find(app, "push button", "Search"))
    entry = find(app, "entry", "Search your journal")
    type_into(entry, "surviv")
    find(app, "list item", prefix=TITLE)


def search_misses():
    app = state["app"]
    entry = find(app, "entry", "Search your journal")
    entry.queryEditableText().deleteText(0, 100)
    type_into(entry, "zebra")
    find(app, "label", "No Results Found")
    entry.queryEditableText().deleteText(0, 100)
    type_into(entry, "kill")
    find(app, "list item", prefix=TITLE)


def delete_entry():
    app = state["app"]
    # Enter in the search field opens the first result.
    key("Return")
    find(app, "text", "Entry text")
    press(find(app, "push button", "Delete Entry"))
    # GTK 4.8 names a button with a mnemonic "Undo Undo" (label and child label)
    state["undo"] = find(app, "push button", prefix="Undo")
    absent(app, "list item", TITLE)


def undo_delete():
    app = state["app"]
    press(state["undo"])
    find(app, "list item", prefix=TITLE)


check("the welcome comes first", start)
check("an entry is written and saved without a save button", write_entry)
check("after kill -9, the entry is in the timeline", kill_and_restart)
check("the journal's files are private (0600, folder 0700)", files_private)
check("search finds the entry by a word prefix", search_finds)
check("a search without matches says so", search_misses)
check("the entry can be deleted", delete_entry)
check("Undo brings it back", undo_delete)
finish(0)

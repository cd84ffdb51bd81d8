#!/usr/bin/python3
# Scenario 4 of issue #8, "Prepare for my session": after a check-in with a rupture that the
# person wants to bring up, open Prepare, read its privacy note, save a PDF through the file
# chooser, and find the moment's description and the list item in the PDF's text (pdftotext).
# Driven through the accessibility tree (AT-SPI) of the real program. Prints TAP.
#
#   tests/e2e/test-prepare.py BUILD/src/attune
#
# Copyright 2026 The Attune developers
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from attune_e2e import *  # noqa: E402,F401,F403
import attune_e2e as e2e  # noqa: E402

state = e2e.state
DESCRIPTION = "He checked his phone while I talked about my father."
FELT = "Unimportant."
out_dir = os.path.join(os.path.dirname(env["XDG_DATA_HOME"]), "saved notes")
pdf_path = os.path.join(out_dir, "notes-for-session.pdf")

# GtkFileChooserNative on GTK 4.8 outside a sandbox uses GTK's own file chooser dialog, in
# Attune's process, unless GDK_DEBUG=portals asks for the portal; make sure it is not asked.
# (Through the portal, under a private D-Bus session, the backend cannot open the display and
# the save would hang.) chooser_window() still looks at every application, so a portal dialog
# would be found too, and its absence is reported after 20 s rather than hanging.
env["GDK_DEBUG"] = ",".join(f for f in env.get("GDK_DEBUG", "").split(",") if f and f != "portals")
db_path = os.path.join(env["XDG_DATA_HOME"], "attune", "attune.db")


def write_settings():
    folder = os.path.join(env["XDG_CONFIG_HOME"], "glib-2.0", "settings")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "keyfile"), "w") as f:
        f.write("[io/github/attunejournal/Attune]\nwelcome-done=true\n")


def next_page(app):
    # The button says Skip until something on the page is answered.
    for name in ("Next", "Skip"):
        try:
            press(find(app, "push button", name, timeout=1))
            time.sleep(0.4)
            return
        except AssertionError:
            pass
    raise AssertionError("neither Next nor Skip is showing")


def sql(query):
    result = subprocess.run(["sqlite3", "-readonly", db_path, query], capture_output=True, text=True, timeout=20)
    assert result.returncode == 0, f"sqlite3 failed: {result.stderr.strip()}"
    return result.stdout.strip()


print("1..6", flush=True)


def start():
    write_settings()
    os.makedirs(out_dir)
    launch()
    find(state["app"], "push button", "Check In After a Session")


def check_in():
    app = state["app"]
    press(find(app, "push button", "Check In After a Session"))
    find(app, "label", "About the session")
    next_page(app)
    find(app, "label", "How did it feel?")
    next_page(app)
    find(app, "label", "A moment that felt off")
    press(find(app, "check box", "Yes"))
    next_page(app)
    find(app, "label", "What was it like?")
    press(find(app, "check box", "My therapist seemed distracted"))
    next_page(app)
    find(app, "label", "In your own words")
    type_into(find(app, "text", "What happened?"), DESCRIPTION)
    type_into(find(app, "text", "What did you feel?"), FELT)
    next_page(app)
    find(app, "label", "By the end")
    next_page(app)
    find(app, "label", "What next?")
    press(find(app, "check box", "Bring it up next session"))
    next_page(app)
    find(app, "label", "Your check-in")
    press(find(app, "push button", "Save"))
    find(app, "list item", prefix="Check-in after a session, Today, Open rupture")
    state["agenda"] = sql("SELECT text FROM agenda WHERE done = 0 ORDER BY position LIMIT 1")
    assert state["agenda"], "the check-in put nothing on the list for next session"
    print(f"# list item: {state['agenda']!r}", flush=True)


def open_prepare():
    app = state["app"]
    key("ctrl+p")
    find(app, "label", prefix="Gather what you want to bring")
    # The dialog says plainly that what it writes is not protected.
    find(app, "label", prefix="Saved and printed notes are not encrypted.")


def chooser_window(timeout=20):
    """The file chooser: GTK's own dialog inside Attune, or the portal's, another program."""
    end = time.time() + timeout
    while time.time() < end:
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            app = desktop.getChildAtIndex(i)
            try:
                for j in range(app.childCount):
                    win = app.getChildAtIndex(j)
                    if win is not None and win.name == "Save as PDF" and is_on_screen(win):
                        return win
            except Exception:
                continue
        time.sleep(0.3)
    raise AssertionError("no file chooser named “Save as PDF” showed up within 20 s"
                         " (a file chooser portal without a usable backend?)")


def scroll_to(window, node):
    """Scrolls with the mouse wheel until the node is inside its window: GTK 4.8 gives list
    rows no AT-SPI action, so press() clicks them, and a click needs them on screen."""
    box = window.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    subprocess.run(["xdotool", "mousemove", str(box.x + box.width // 2), str(box.y + box.height // 2)],
                   check=True, timeout=10)
    for _ in range(30):
        extents = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
        if extents.y + extents.height <= box.y + box.height - 8:
            return
        subprocess.run(["xdotool", "click", "5"], check=True, timeout=10)
        time.sleep(0.15)
    raise AssertionError("could not scroll the row into view")


def save_pdf():
    app = state["app"]
    row = find(app, "list item", "Save as PDF…")
    dialog = [app.getChildAtIndex(i) for i in range(app.childCount)
              if app.getChildAtIndex(i).name == "Prepare for My Session"][0]
    scroll_to(dialog, row)
    time.sleep(0.5)
    press(row)
    chooser = chooser_window()
    state["chooser"] = chooser
    # GTK 4.8 calls its location entry "Name:" (the label's text) and the dialog a filler.
    name = None
    for role, label in (("text", "Name:"), ("text", "Name"), ("entry", "Name:"), ("entry", "Name")):
        try:
            name = find(chooser, role, label, timeout=0.5)
            break
        except AssertionError:
            pass
    assert name is not None, "the file chooser has no entry named Name"
    # The entry already holds a suggested name; replace it with a full path.
    name.queryEditableText().setTextContents(pdf_path)
    time.sleep(0.5)
    # GTK 4.8 names a button with a mnemonic "_Save Save"; later versions just "Save".
    try:
        save = find(chooser, "push button", "Save", timeout=0.5)
    except AssertionError:
        save = find(chooser, "push button", prefix="_Save")
    press(save)


def pdf_written():
    # The toast comes when the writing thread is done with the file.
    find(state["app"], "label", prefix="Saved “notes-for-session.pdf”", timeout=30)
    assert os.path.exists(pdf_path), f"no PDF at {pdf_path}; the folder holds {os.listdir(out_dir)}"
    with open(pdf_path, "rb") as f:
        assert f.read(5) == b"%PDF-", "the file is not a PDF"


def pdf_holds_notes():
    result = subprocess.run(["pdftotext", "-layout", pdf_path, "-"], capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, f"pdftotext failed: {result.stderr.strip()}"
    # Lines may wrap anywhere; compare with white space folded.
    text = " ".join(result.stdout.split())
    for what, expected in (("the moment’s description", DESCRIPTION),
                           ("the list item", state["agenda"])):
        expected = " ".join(expected.split())
        assert expected in text, f"{what} {expected!r} is not in the PDF: {text[:600]!r}"


check("the app starts", start)
check("a check-in with a rupture to bring up next session", check_in)
check("Prepare opens with Ctrl+P and says saved notes are not encrypted", open_prepare)
check("Save as PDF… opens a file chooser; a name is typed and saved", save_pdf)
check("the PDF is written and Attune says so", pdf_written)
check("the PDF holds the moment’s description and the list item", pdf_holds_notes)
finish(0)

#!/usr/bin/python3
# Scenario 6 of issue #8: the check-in with a rupture and its follow-up (scenario 2) with the
# keyboard alone: Tab, arrows, Space, Enter and typing, sent as X key events by xdotool.
# Nothing is pressed through AT-SPI and the pointer is never used; the accessibility tree is
# only read (which element has focus, what the timeline says), and the results are read back
# from the database with the sqlite3 command. Prints TAP.
#
#   tests/e2e/test-keyboard.py BUILD/src/attune
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
db_path = os.path.join(env["XDG_DATA_HOME"], "attune", "attune.db")
WHAT = "She looked at the clock twice while I was crying."
FELT = "Like a burden."
WIZARD = "Session Check-in"


def write_settings():
    folder = os.path.join(env["XDG_CONFIG_HOME"], "glib-2.0", "settings")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "keyfile"), "w") as f:
        f.write("[io/github/attunejournal/Attune]\nwelcome-done=true\n")


def sql(query):
    result = subprocess.run(["sqlite3", "-readonly", db_path, query], capture_output=True, text=True, timeout=20)
    assert result.returncode == 0, f"sqlite3 failed: {result.stderr.strip()}"
    return result.stdout.strip()


def window(title, timeout=8):
    app = state["app"]
    end = time.time() + timeout
    while time.time() < end:
        for i in range(app.childCount):
            win = app.getChildAtIndex(i)
            try:
                if win is not None and win.name == title and is_on_screen(win):
                    return win
            except Exception:
                pass
        time.sleep(0.2)
    raise AssertionError(f"no window {title!r} is showing")


def focused(root):
    """The focused element under root, as (role, name, node), or None."""
    for _, node in walk(root):
        try:
            if node.getState().contains(pyatspi.STATE_FOCUSED):
                return node.getRoleName(), node.name or "", node
        except Exception:
            continue
    return None


def describe(f):
    return "nothing" if f is None else f"{f[0]} {f[1]!r}"


def multi_line(node):
    try:
        return node.getState().contains(pyatspi.STATE_MULTI_LINE)
    except Exception:
        return False


def tab_to(root, role, name, limit=40):
    """Presses Tab until the focused element is the wanted one; at most `limit` times. A text
    view takes Tab as a character, so from there Ctrl+Tab moves on, as GTK documents."""
    seen = []
    for _ in range(limit):
        time.sleep(0.15)
        f = focused(root)
        if f is not None and f[0] == role and f[1] == name:
            return f[2]
        seen.append(describe(f))
        key("ctrl+Tab" if f is not None and multi_line(f[2]) else "Tab")
    raise AssertionError(f"Tab never reached {role} {name!r}; focus went through: {', '.join(seen[-12:])}")


def page(title, timeout=8):
    find(window(WIZARD), "label", title, timeout=timeout)


def choose(role, name):
    tab_to(window(WIZARD), role, name)
    key("space")


def checked(node):
    states = node.getState()
    return states.contains(pyatspi.STATE_CHECKED) or states.contains(pyatspi.STATE_PRESSED)


print("1..7", flush=True)


def start():
    write_settings()
    launch()
    find(state["app"], "push button", "Check In After a Session")
    time.sleep(0.5)


def wizard():
    key("ctrl+shift+n")
    page("About the session")
    choose("check box", "Video call")
    wiz = window(WIZARD)
    assert checked(focused(wiz)[2]), "Space did not choose Video call"
    # To the next page through the header's Next button, with Tab and Enter.
    tab_to(wiz, "push button", "Next")
    key("Return")

    page("How did it feel?")
    choose("push button", "How connected did you feel with your therapist?: A little")
    choose("push button", "How heard and understood did you feel?: Not sure")
    # Alt+Left goes back a page and Alt+Right forward again, the answers kept.
    key("alt+Left")
    page("About the session")
    key("alt+Right")
    page("How did it feel?")
    key("alt+Right")

    page("A moment that felt off")
    choose("check box", "Yes")
    key("alt+Right")

    page("What was it like?")
    choose("check box", "I felt judged or criticized")
    choose("check box", "I held back or went quiet")
    choose("push button", "How strong was it?: Strong")
    key("alt+Right")

    page("In your own words")
    tab_to(window(WIZARD), "text", "What happened?")
    subprocess.run(["xdotool", "type", "--delay", "20", WHAT], check=True, timeout=30)
    tab_to(window(WIZARD), "text", "What did you feel?")
    subprocess.run(["xdotool", "type", "--delay", "20", FELT], check=True, timeout=30)
    key("alt+Right")

    page("By the end")
    choose("push button", "By the end of the session, how resolved did it feel?: A little")
    choose("check box", "No")
    key("alt+Right")

    page("What next?")
    choose("check box", "Bring it up next session")
    key("alt+Right")

    page("Your check-in")
    tab_to(window(WIZARD), "push button", "Save")
    key("Return")


def saved():
    end = time.time() + 10
    while time.time() < end and sql("SELECT count(*) FROM check_ins") != "1":
        time.sleep(0.3)
    row = sql("SELECT mode, connected, heard, rupture, kinds, intensity, resolved, spoke_up, plan, "
              "repair_status FROM check_ins")
    assert row, "no check-in in the database"
    print(f"# check_ins: mode|connected|heard|rupture|kinds|intensity|resolved|spoke_up|plan|repair_status = {row}")
    mode, connected, heard, rupture, kinds, intensity, resolved, spoke_up, plan, repair = row.split("|")
    assert rupture != "0", f"no rupture saved ({row})"
    assert kinds != "0" and bin(int(kinds)).count("1") == 2, f"two kinds were chosen, saved: {kinds}"
    assert int(plan) & 1, f"“Bring it up next session” is not in the plan ({plan})"
    for name, value in (("mode", mode), ("connected", connected), ("heard", heard),
                        ("intensity", intensity), ("resolved", resolved), ("spoke_up", spoke_up)):
        assert value != "", f"{name} was answered with the keyboard but not saved ({row})"
    words = sql("SELECT what_happened || '|' || felt FROM check_ins")
    assert words == f"{WHAT}|{FELT}", f"the typed words were saved as {words!r}"
    assert sql("SELECT count(*) FROM agenda WHERE done = 0") == "1", "the moment is not on the list for next session"


def timeline():
    find(state["app"], "list item", prefix="Check-in after a session, Today, Open rupture")


def follow_up():
    key("ctrl+shift+n")
    page("Since last time")
    wiz = window(WIZARD)
    # The choice is the check box's name; which moment it is about, its description.
    for _ in range(40):
        time.sleep(0.15)
        f = focused(wiz)
        if f is not None and f[0] == "check box" and f[1] == "Yes, and it feels better":
            description = f[2].description or ""
            assert description.startswith("The moment from"), f"the answer is about {description!r}"
            break
        key("Tab")
    else:
        raise AssertionError("Tab never reached “Yes, and it feels better”")
    key("space")
    for _ in range(4):
        key("alt+Right")
        time.sleep(0.4)
    page("Your check-in")
    tab_to(window(WIZARD), "push button", "Save")
    key("Return")


def repaired():
    find(state["app"], "list item", prefix="Check-in after a session, Today, Repaired", timeout=10)
    rows = sql("SELECT repair_status FROM check_ins ORDER BY entry_id")
    print(f"# repair_status by check-in: {rows.split()}")
    assert sql("SELECT count(*) FROM check_ins") == "2", "the follow-up was not saved"


def survives():
    stop()
    launch()
    find(state["app"], "list item", prefix="Check-in after a session, Today, Repaired")


check("the app starts", start)
check("a check-in with a rupture, with Tab, Space, Enter, Alt+arrows and typing", wizard)
check("the database holds the answers", saved)
check("the timeline shows the open rupture", timeline)
check("the follow-up, with the keyboard: yes, and it feels better", follow_up)
check("the badge becomes repaired", repaired)
check("everything is still there after a restart", survives)
finish(0)

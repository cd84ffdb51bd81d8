#!/usr/bin/python3
# A check-in after a session with a rupture, and the next check-in that follows it up,
# driven through the accessibility tree (AT-SPI) of the real program, as a screen reader
# user would. Prints TAP. Needs a display and a D-Bus session bus (run under xvfb-run inside
# dbus-run-session); on failure it leaves a screenshot and the accessible tree in
# $ATTUNE_E2E_LOGDIR. With ATTUNE_E2E_SHOTS=DIR it also screenshots every wizard page.
#
#   tests/e2e/test-check-in.py BUILD/src/attune

import os
import stat
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from attune_e2e import *  # noqa: E402,F401,F403
import attune_e2e as e2e  # noqa: E402

SHOTS = os.environ.get("ATTUNE_E2E_SHOTS")
state = e2e.state
shot_count = [0]


def shot(name):
    if SHOTS:
        os.makedirs(SHOTS, exist_ok=True)
        shot_count[0] += 1
        subprocess.run(["import", "-window", "root", os.path.join(SHOTS, f"{shot_count[0]:02d}-{name}.png")], timeout=20)


def write_settings():
    folder = os.path.join(env["XDG_CONFIG_HOME"], "glib-2.0", "settings")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "keyfile"), "w") as f:
        f.write("[io/github/attunejournal/Attune]\nwelcome-done=true\n"
                f"color-scheme='{os.environ.get('ATTUNE_E2E_SCHEME', 'default')}'\n")


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


print("1..7", flush=True)


def start():
    write_settings()
    launch()
    find(state["app"], "push button", "Check In After a Session")


def first_check_in():
    app = state["app"]
    press(find(app, "push button", "Check In After a Session"))
    find(app, "label", "About the session")
    shot("session")
    press(find(app, "check box", "Video call"))
    next_page(app)

    find(app, "label", "How did it feel?")
    press(find(app, "push button", "How connected did you feel with your therapist?: A little"))
    press(find(app, "push button", "How heard and understood did you feel?: Not sure"))
    shot("feelings")
    next_page(app)

    find(app, "label", "A moment that felt off")
    press(find(app, "check box", "Yes"))
    shot("rupture")
    next_page(app)

    find(app, "label", "What was it like?")
    press(find(app, "check box", "I felt judged or criticized"))
    press(find(app, "check box", "I held back or went quiet"))
    press(find(app, "push button", "How strong was it?: Strong"))
    shot("kinds")
    next_page(app)

    find(app, "label", "In your own words")
    type_into(find(app, "text", "What happened?"), "She said I was being dramatic about my sister.")
    type_into(find(app, "text", "What did you feel?"), "Dismissed.")
    shot("words")
    next_page(app)

    find(app, "label", "By the end")
    press(find(app, "push button", "By the end of the session, how resolved did it feel?: A little"))
    press(find(app, "check box", "No"))
    shot("ending")
    next_page(app)

    find(app, "label", "What next?")
    press(find(app, "check box", "Bring it up next session"))
    press(find(app, "check box", "Write a message to my therapist"))
    time.sleep(0.5)
    press(find(app, "push button", prefix="Insert: This isn’t easy"))
    shot("plan")
    next_page(app)

    find(app, "label", "Your check-in")
    shot("summary")
    press(find(app, "push button", "Save"))


def timeline_shows_open_rupture():
    app = state["app"]
    find(app, "list item", prefix="Check-in after a session, Today, Open rupture")
    shot("timeline")


def list_holds_item():
    app = state["app"]
    press(find(app, "page tab", "For Next Session"))
    find(app, "check box", prefix="She said I was being dramatic")
    shot("agenda")
    press(find(app, "page tab", "Timeline"))


def follow_up():
    app = state["app"]
    press(find(app, "push button", "Check In After a Session"))
    find(app, "label", "Since last time")
    # The choice is the check box's name; which moment it is about, its description.
    answers = [n for _, n in walk(app)
               if safe_name(n) == "Yes, and it feels better" and safe_description(n).startswith("The moment from")]
    assert answers, "the follow-up does not ask about the earlier moment"
    press(answers[0])
    shot("follow-up")
    for _ in range(4):
        next_page(app)
    find(app, "label", "Your check-in")
    press(find(app, "push button", "Save"))


def safe_description(node):
    try:
        return node.description or ""
    except Exception:
        return ""


def safe_name(node):
    try:
        return node.name or ""
    except Exception:
        return ""


def badge_repaired():
    app = state["app"]
    find(app, "list item", prefix="Check-in after a session, Today, Repaired")
    shot("repaired")


def survives_restart():
    stop()
    launch()
    find(state["app"], "list item", prefix="Check-in after a session, Today, Repaired")


check("the app starts with a way to check in", start)
check("a whole check-in with a rupture goes through the wizard", first_check_in)
check("the timeline shows the open rupture", timeline_shows_open_rupture)
check("the list for next session holds the moment", list_holds_item)
check("the next check-in asks about it: yes, and it feels better", follow_up)
check("the badge becomes repaired", badge_repaired)
check("everything is still there after a restart", survives_restart)
finish(0)

#!/usr/bin/python3
# A check-in after a session with a rupture, and the next check-in that follows it up,
# driven through the accessibility tree (AT-SPI) of the real program, as a screen reader
# user would. Prints TAP. Needs a display and a D-Bus session bus (run under xvfb-run inside
# dbus-run-session); on failure it leaves a screenshot and the accessible tree in
# $ATTUNE_E2E_LOGDIR. With ATTUNE_E2E_SHOTS=DIR it also screenshots every wizard page.
#
#   tests/e2e/test-check-in.py BUILD/src/attune

import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time

try:
    import pyatspi
except ImportError:
    print("1..0 # SKIP python3-pyatspi is not installed")
    sys.exit(0)

APP = os.path.abspath(sys.argv[1])
LOGDIR = os.environ.get("ATTUNE_E2E_LOGDIR", tempfile.mkdtemp(prefix="attune-e2e-log-"))
os.makedirs(LOGDIR, exist_ok=True)
TITLE = "Killed while typing"
BODY = "This sentence must survive a kill."

home = tempfile.mkdtemp(prefix="attune-e2e-")
env = dict(os.environ)
for var in ("GTK_A11Y", "NO_AT_BRIDGE", "GSETTINGS_BACKEND"):
    env.pop(var, None)
env.update(XDG_DATA_HOME=os.path.join(home, "data"),
           XDG_CONFIG_HOME=os.path.join(home, "config"),
           GSETTINGS_BACKEND="keyfile",
           ADW_DISABLE_PORTAL="1")
os.makedirs(env["XDG_DATA_HOME"])
os.makedirs(env["XDG_CONFIG_HOME"])

step = 0
proc = None


def walk(node, out=None, depth=0):
    if out is None:
        out = []
    out.append((depth, node))
    try:
        count = min(node.childCount, 1000)
    except Exception:
        return out
    for i in range(count):
        try:
            child = node.getChildAtIndex(i)
        except Exception:
            continue
        if child is not None and depth < 60:
            walk(child, out, depth + 1)
    return out


def dump_tree(app, path):
    with open(path, "w") as f:
        for depth, node in walk(app):
            try:
                f.write("  " * depth + f"{node.getRoleName()} {node.name!r}\n")
            except Exception as e:
                f.write("  " * depth + f"<{e}>\n")


def find_app(timeout=45):
    end = time.time() + timeout
    while time.time() < end:
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            app = desktop.getChildAtIndex(i)
            if app is not None and app.name == "attune":
                try:
                    if app.childCount > 0:
                        return app
                except Exception:
                    pass
        time.sleep(0.3)
    raise AssertionError("Attune did not appear on the accessibility bus")


def is_on_screen(node):
    # GTK 4.8 sets no SHOWING state and calls hidden stack pages VISIBLE; what is not on
    # screen has no size.
    extents = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    return extents.width > 0 and extents.height > 0


def find(app, role, name=None, prefix=None, timeout=8):
    end = time.time() + timeout
    while time.time() < end:
        for _, node in walk(app):
            try:
                if node.getRoleName() != role:
                    continue
                if name is not None and node.name != name:
                    continue
                if prefix is not None and not (node.name or "").startswith(prefix):
                    continue
                if is_on_screen(node):
                    return node
            except Exception:
                continue
        time.sleep(0.25)
    raise AssertionError(f"no {role} named {name or prefix!r} is showing")


def absent(app, role, prefix, timeout=5):
    end = time.time() + timeout
    while time.time() < end:
        try:
            find(app, role, prefix=prefix, timeout=0.1)
        except AssertionError:
            return
        time.sleep(0.25)
    raise AssertionError(f"{role} {prefix!r} is still showing")


def press(node):
    try:
        action = node.queryAction()
        n_actions = action.nActions
    except NotImplementedError:
        n_actions = 0
    for i in range(n_actions):
        if action.getName(i) in ("click", "activate", "press", "toggle"):
            action.doAction(i)
            return
    if n_actions > 0:
        action.doAction(0)
        return
    # GTK 4.8 gives check buttons no AT-SPI action: click them like a person. Without a
    # window manager every window sits at the screen's origin, so window coordinates are
    # screen coordinates.
    extents = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    # (no --sync: it waits forever when the pointer is already there)
    subprocess.run(["xdotool", "mousemove", str(extents.x + extents.width // 2),
                    str(extents.y + extents.height // 2), "click", "1"], check=True, timeout=10)


def type_into(node, text):
    node.queryEditableText().insertText(0, text, len(text.encode("utf-8")))


def key(name):
    subprocess.run(["xdotool", "key", "--delay", "100", name], check=True, timeout=10)


def launch():
    p = subprocess.Popen([APP], env=env, stdout=subprocess.DEVNULL, stderr=open(os.path.join(LOGDIR, "attune-stderr.txt"), "a"))
    return p, find_app()


def check(description, func):
    global step
    step += 1
    try:
        func()
        print(f"ok {step} {description}", flush=True)
    except Exception as e:
        print(f"not ok {step} {description}: {e}", flush=True)
        os.makedirs(LOGDIR, exist_ok=True)
        subprocess.run(["import", "-window", "root", os.path.join(LOGDIR, f"step{step}.png")], timeout=20)
        try:
            dump_tree(state["app"], os.path.join(LOGDIR, f"step{step}-tree.txt"))
        except Exception:
            pass
        print(f"# screenshot and accessible tree in {LOGDIR}")
        finish(1)


def finish(code):
    if proc is not None and proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
    shutil.rmtree(home, ignore_errors=True)
    sys.exit(code)



SHOTS = os.environ.get("ATTUNE_E2E_SHOTS")
state = {}
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
    global proc
    write_settings()
    proc, state["app"] = launch()
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
    global proc
    proc.terminate()
    proc.wait(timeout=10)
    proc, state["app"] = launch()
    find(state["app"], "list item", prefix="Check-in after a session, Today, Repaired")


check("the app starts with a way to check in", start)
check("a whole check-in with a rupture goes through the wizard", first_check_in)
check("the timeline shows the open rupture", timeline_shows_open_rupture)
check("the list for next session holds the moment", list_holds_item)
check("the next check-in asks about it: yes, and it feels better", follow_up)
check("the badge becomes repaired", badge_repaired)
check("everything is still there after a restart", survives_restart)
finish(0)

# attune_e2e.py: what the end-to-end tests share: starting the built program with throwaway
# data folders, finding things in its accessibility tree as a screen reader does, pressing and
# typing like a person, and TAP output with a screenshot and the accessible tree on failure.
#
# Copyright 2026 The Attune developers
# SPDX-License-Identifier: GPL-3.0-or-later

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


def walk_paths(node, path=(), out=None):
    """Every node below node with its place in the tree (child indexes from node): stable while
    Tab scrolls things around, unlike positions, and free, unlike asking for parents."""
    if out is None:
        out = []
    out.append((path, node))
    try:
        count = min(node.childCount, 1000)
    except Exception:
        return out
    for i in range(count):
        try:
            child = node.getChildAtIndex(i)
        except Exception:
            continue
        if child is not None and len(path) < 60:
            walk_paths(child, path + (i,), out)
    return out


def walk(node):
    """Every node below node with its depth."""
    return [(len(path), n) for path, n in walk_paths(node)]


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
        if proc is not None and proc.poll() is not None:
            with open(os.path.join(LOGDIR, "attune-stderr.txt")) as f:
                tail = f.read()[-500:]
            raise AssertionError(f"Attune exited with status {proc.returncode}: {tail}")
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


state = {}


def launch():
    """Starts Attune (again) on the same data; returns its accessible application."""
    global proc
    proc = subprocess.Popen([APP], env=env, stdout=subprocess.DEVNULL,
                            stderr=open(os.path.join(LOGDIR, "attune-stderr.txt"), "a"))
    state["app"] = find_app()
    return state["app"]


def kill():
    """Ends Attune the hard way, as a crash or a power cut would."""
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)


def stop():
    proc.terminate()
    proc.wait(timeout=10)


def check(description, func):
    global step
    step += 1
    try:
        result = func()
        # A step that cannot run here returns "SKIP reason".
        skip = f" # {result}" if isinstance(result, str) and result.startswith("SKIP") else ""
        print(f"ok {step} {description}{skip}", flush=True)
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


# Appended for tests/e2e/test-crash.py (issue #5): reading the journal the way the next start
# of the app would, without changing it.

def journal_path():
    return os.path.join(env["XDG_DATA_HOME"], "attune", "attune.db")


def query_journal(sql, params=()):
    """Rows of a read-only query on the running (or killed) app's journal."""
    import sqlite3
    db = sqlite3.connect(f"file:{journal_path()}?mode=ro", uri=True, timeout=10)
    try:
        return db.execute(sql, params).fetchall()
    finally:
        db.close()


def is_checked(node):
    """Toggle and check buttons: GTK 4.8 reports CHECKED (check boxes) or PRESSED (toggles)."""
    states = node.getState()
    return states.contains(pyatspi.STATE_CHECKED) or states.contains(pyatspi.STATE_PRESSED)


def write_settings(**values):
    """Settings for the next launch(), e.g. welcome_done=True to skip the welcome."""
    folder = os.path.join(env["XDG_CONFIG_HOME"], "glib-2.0", "settings")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "keyfile"), "w") as f:
        f.write("[io/github/attunejournal/Attune]\n")
        for name, value in values.items():
            text = "true" if value is True else "false" if value is False else repr(value)
            f.write(f"{name.replace('_', '-')}={text}\n")


def todo_check(description, func, reason):
    """Like check(), for a known hole: a failure is reported as TAP TODO and the run goes on;
    a pass is reported as an unexpected pass, so that the TODO mark gets removed."""
    global step
    step += 1
    try:
        func()
        print(f"ok {step} {description} # TODO {reason}", flush=True)
    except Exception as e:
        print(f"not ok {step} {description} # TODO {reason}", flush=True)
        print(f"# {e}", flush=True)

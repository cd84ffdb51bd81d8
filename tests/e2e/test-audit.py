#!/usr/bin/python3
# Accessibility audit of every window and page, through the accessibility tree (AT-SPI) of
# the real program with a sample journal. For each one it fails on
#   - an interactive element on screen without an accessible name (GTK 4.8 falls back to the
#     widget's type name, such as "GtkToggleButton": that counts as no name),
#   - an image on screen with neither a name nor a description (decorative images are marked
#     presentation and then are not in the tree at all),
#   - a focusable control on screen that Tab (sent by xdotool, as a person would) never reaches,
#   - a place Tab stops at that has no name (a screen reader would say nothing there),
# and prints "elements checked, problems" per window and in total. Prints TAP.
#
#   tests/e2e/test-audit.py BUILD/src/attune
#
# Windows and pages: the main window (timeline, list for next session, insights, editor),
# every page of the check-in wizard, About Ruptures, Preferences, Prepare for My Session and
# the Keyboard Shortcuts window. It runs in tests/run-all.sh (suite e2e) in about a minute.
#
# Where Tab goes is read from the focus events of the accessibility bus
# (object:state-changed:focused), not from the FOCUSED state of each control: GTK 4.8 never
# sets that state on an AdwEntryRow, whose focus sits on a GtkText with no accessible of its
# own. For that text GTK 4.8 sends a focus change (with detail 0) from the row's editable
# area instead; the row counts as reached when the focus lands anywhere inside it.
#
# Copyright 2026 The Attune developers
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import subprocess
import sys
import time

from gi.repository import GLib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from attune_e2e import *  # noqa: E402,F401,F403
import attune_e2e as e2e  # noqa: E402

state = e2e.state
SAMPLE = os.path.join(os.path.dirname(os.path.dirname(APP)), "tests", "attune-sample-journal")

INTERACTIVE = {"push button", "toggle button", "check box", "radio button", "text", "entry",
               "combo box", "spin button", "menu button", "list item", "page tab", "switch",
               "password text", "slider", "link"}
IMAGES = {"image", "icon"}
# GTK 4.8 names an unnamed widget after its type.
TYPE_NAME = re.compile(r"^(Gtk|Adw|Attune)[A-Z]\w*$")

totals = {"checked": 0, "problems": 0}
report = []

# Focus changes as the accessibility bus reports them: (detail1, source).
focus_events = []


def focus_changed_cb(event):
    focus_events.append((event.detail1, event.source))


pyatspi.Registry.registerEventListener(focus_changed_cb, "object:state-changed:focused")
CONTEXT = GLib.MainContext.default()


def pump():
    while CONTEXT.iteration(False):
        pass


def wait_for(what, func, timeout=8, interval=0.05):
    """Polls func until it returns something true; returns that."""
    end = time.time() + timeout
    while True:
        try:
            result = func()
            if result:
                return result
        except Exception:
            pass
        if time.time() > end:
            raise AssertionError(f"{what} did not happen within {timeout} s")
        time.sleep(interval)


def write_settings():
    folder = os.path.join(env["XDG_CONFIG_HOME"], "glib-2.0", "settings")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "keyfile"), "w") as f:
        f.write("[io/github/attunejournal/Attune]\nwelcome-done=true\nwindow-width=1100\nwindow-height=800\n")


def top_of(node):
    """The window a node is in, found through its parents."""
    for _ in range(80):
        parent = node.parent
        if parent is None:
            return None
        if parent.getRoleName() == "application":
            return node
        node = parent
    return None


# Windows by title. Dialogs are found through the focus they take when they open, not by asking
# the application for its windows: GTK 4.8 answers a request for a window that just closed (a
# stale child count) with a null object path and then crashes (GLib-CRITICAL in
# g_variant_new_object_path); see show_help_overlay_action() in src/ui/attune-window.c.
windows = {}


def window(title, timeout=8):
    def look():
        if title in windows and is_on_screen(windows[title]):
            return windows[title]
        pump()
        for _, source in reversed(focus_events):
            try:
                top = top_of(source)
                if top is not None and top.name == title and is_on_screen(top):
                    windows[title] = top
                    return top
            except Exception:
                continue
        return None
    return wait_for(f"the window {title!r} showing", look, timeout)


def closed(win):
    try:
        return not win.getState().contains(pyatspi.STATE_VISIBLE) or not is_on_screen(win)
    except Exception:
        return True  # gone from the bus


def window_gone(title, timeout=8):
    win = windows.pop(title)
    wait_for(f"the window {title!r} closing", lambda: closed(win), timeout)


def pick(nodes, role, name):
    for _, node in nodes:
        try:
            if node.getRoleName() == role and node.name == name and is_on_screen(node):
                return node
        except Exception:
            continue
    return None


def find_in(top, role, name, timeout=8):
    """find() below one window: a fraction of the whole application's tree."""
    return wait_for(f"a {role} named {name!r} showing",
                    lambda: pick(walk_paths(top), role, name), timeout, interval=0.1)


def walk_showing(top, role, name, timeout=8):
    """Walks top's tree until a role named name shows in it; returns that walk, which the
    audit of the page then uses: each walk of a big window costs about a second."""
    def walked():
        nodes = walk_paths(top)
        return nodes if pick(nodes, role, name) else None
    return wait_for(f"a {role} named {name!r} showing", walked, timeout, interval=0.1)


def label(node):
    return f"{node.getRoleName()} {node.name!r}"


def unnamed(name):
    name = (name or "").strip()
    return not name or bool(TYPE_NAME.match(name))


# Paths already audited, per window. GTK 4.8 keeps the size of a stack page that was shown
# once after it is hidden again, so "has a size" means "on screen" only for pages never shown:
# each page is audited when it first shows, for what it adds.
seen = {}
# Per window: the AT-SPI object paths Tab has reached, and (role, name) of what it reached.
reached_all = {}
# Findings that need a change outside what this audit's author could touch, each with the fix
# that is needed: reported as "# TODO" lines, not counted as problems. Keep this list short;
# anything not listed here fails the audit.
KNOWN = {
}
known_found = []

# Per window: the unnamed places Tab stopped at that were reported already.
reported_stops = {}
# GtkWindowControls' minimize, maximize and close buttons are kept out of the Tab order by GTK
# itself (they are for the pointer; the keyboard has Ctrl+W and the window manager's keys).
WINDOW_CONTROLS = {"Minimize", "Maximize", "Close"}


def in_popover(ancestors):
    """Closed popovers (a combo row's list, a menu button's calendar) keep their last size in
    GTK 4.8; their insides are GTK's and show only when opened."""
    return any(a.name in ("GtkPopover", "GtkPopoverContent", "GtkPopoverMenu") for a in ancestors[:12])


def in_combo_row(ancestors):
    """AdwComboRow (libadwaita 1.2) shows its current choice in a GtkListView of its own,
    unnamed and outside the Tab order; the row itself is the named, focusable combo box."""
    return any(a.getRoleName() == "combo box" for a in ancestors[:4])


def decorative(ancestors):
    """An icon inside a named button or row (the view switcher's icons, a row's prefix icon):
    the control carries the name, the icon adds nothing for a screen reader."""
    return any(a.getRoleName() in INTERACTIVE and not unnamed(a.name) for a in ancestors[:6])


def tab_once(previous, multi_line):
    """Presses Tab (Ctrl+Tab in a text view, which takes Tab as a character: GTK's documented
    way out) and returns the accessible that took the focus, or None when nothing moved."""
    pump()
    focus_events.clear()
    key_fast("ctrl+Tab" if multi_line else "Tab")
    previous_path = previous.path if previous is not None else None
    end = time.time() + 0.8
    candidate = None
    while time.time() < end:
        pump()
        gained = [source for detail, source in focus_events if detail == 1]
        if gained:
            return gained[-1]
        # The GtkText of an AdwEntryRow (see the top of this file): only a detail-0 change
        # from the row's editable area says that the focus moved there. Wait a little for a
        # real focus change before settling for it.
        others = [source for detail, source in focus_events if source.path != previous_path]
        if others and candidate is None:
            candidate = others[-1]
            end = min(end, time.time() + 0.08)
        time.sleep(0.003)
    return candidate


def key_fast(name):
    subprocess.run(["xdotool", "key", "--delay", "0", name], check=True, timeout=10)


def owner_of(source, focusables, levels=4):
    """The control a focused accessible belongs to: itself, or the focusable around it."""
    node = source
    for _ in range(levels):
        if node is None:
            return None
        if node.path in focusables:
            return focusables[node.path]
        node = node.parent
    return None


def audit(title, win, skip_tab=False, nodes=None):
    """Checks names and images under win (walked already: nodes), then walks it with Tab.
    Returns the problems."""
    problems = []
    focusables = {}
    checked = 0
    done = seen.setdefault(win.name, set())
    if unnamed(win.name) and win.path not in reported_stops.setdefault("windows", set()):
        reported_stops["windows"].add(win.path)
        problems.append(f"a window without a name (as {win.name!r})")
    if nodes is None:
        nodes = walk_paths(win)
    by_path = dict(nodes)
    for where, node in nodes:
        try:
            role = node.getRoleName()
            if role not in INTERACTIVE and role not in IMAGES:
                continue
            if where in done:
                continue
            if not is_on_screen(node):
                continue
            ancestors = [by_path[where[:k]] for k in range(len(where) - 1, -1, -1)]
            if in_popover(ancestors) or in_combo_row(ancestors):
                continue
            done.add(where)
            states = node.getState()
            checked += 1
            if role in INTERACTIVE and unnamed(node.name):
                problems.append(f"{role} without a name (as {node.name!r}) under {label(ancestors[0])}")
            if (role in IMAGES and unnamed(node.name) and not (node.description or "").strip()
                    and not decorative(ancestors)):
                problems.append(f"image without a name or description under {label(ancestors[0])}")
            if (role in INTERACTIVE and states.contains(pyatspi.STATE_FOCUSABLE)
                    and states.contains(pyatspi.STATE_SENSITIVE)
                    and not (role == "push button" and node.name in WINDOW_CONTROLS)):
                focusables[node.path] = (where, node, ancestors)
        except Exception:
            continue

    if not skip_tab and focusables:
        problems.extend(walk_with_tab(title, win, focusables, len(done)))

    for p in [p for p in problems if (title, p) in KNOWN]:
        problems.remove(p)
        known_found.append(f"{title}: {p}")
        print(f"# TODO (known, see KNOWN) {title}: {p}", flush=True)
    totals["checked"] += checked
    totals["problems"] += len(problems)
    line = f"{title}: {checked} elements checked, {len(problems)} problems ({time.time() - started:.0f} s)"
    report.append(line)
    print(f"# {line}", flush=True)
    for p in problems:
        print(f"#   {p}", flush=True)
    return problems


def walk_with_tab(title, win, focusables, n_seen):
    """Presses Tab until every new focusable control of this page was reached, or the focus
    went round the window once. Returns the problems."""
    problems = []
    reached, names_reached = reached_all.setdefault(win.name, (set(), set()))
    owners = {path: node for path, (_, node, _) in focusables.items()}
    unnamed_stops = reported_stops.setdefault(win.name, set())
    # Enough presses to go round the whole window: what this page adds, plus what the window
    # had before (header bars), plus 20.
    presses = len(focusables) + n_seen // 2 + 20
    current = None
    first = None
    trail = []
    for _ in range(presses):
        multi = False
        try:
            multi = (current is not None and current.getRoleName() == "text"
                     and current.getState().contains(pyatspi.STATE_MULTI_LINE))
        except Exception:
            pass
        source = tab_once(current, multi)
        if source is None:
            continue
        current = source
        try:
            owner = owner_of(source, owners)
            stop = owner if owner is not None else source
            if first is None:
                first = stop.path
            elif stop.path == first:
                break  # round the window once
            reached.add(stop.path)
            names_reached.add((stop.getRoleName(), stop.name))
            trail.append(stop.name or stop.getRoleName())
            if (owner is None and unnamed(source.name) and source.getRoleName() not in ("filler", "panel")
                    and source.path not in unnamed_stops):
                unnamed_stops.add(source.path)
                problems.append(f"Tab stops at a {source.getRoleName()} without a name "
                                f"(as {source.name!r}) under {label(source.parent)}")
        except Exception:
            continue
        if all(path in reached for path in focusables):
            break
    lists_reached = {where[:-1] for path, (where, node, _) in focusables.items()
                     if path in reached and node.getRoleName() == "list item"}
    for path, (where, node, ancestors) in focusables.items():
        if path in reached:
            continue
        try:
            # A check box of a radio group inside its row (AdwActionRow with the check box as
            # activatable widget): GTK keeps only the checked one of a group in the Tab order,
            # and the row, which carries the same name, is reached and toggles it.
            if any(a.getRoleName() == "list item" and a.path in reached and a.name == node.name
                   for a in ancestors[:4]):
                continue
            # Rows of a GtkListView are reached with the arrow keys once the list has focus,
            # not with Tab: a row counts when a row of the same list got focus.
            if node.getRoleName() == "list item" and where[:-1] in lists_reached:
                continue
            # Inside a dimmed group (a preferences group made insensitive as a whole): GTK
            # 4.8 reports each control's own sensitivity only, and Tab skips the group.
            if any(not a.getState().contains(pyatspi.STATE_SENSITIVE) for a in ancestors):
                continue
            # The same control twice: libadwaita's adaptive pairs (the view switcher in the
            # header and in the bottom bar); one of them is the one on screen.
            if (node.getRoleName(), node.name) in names_reached:
                continue
            problems.append(f"Tab never reaches {label(node)} under {label(ancestors[0])}"
                            f" (Tab went: {' > '.join(trail[:30])})")
        except Exception:
            continue
    return problems


def expect_none(problems):
    if problems:
        raise FindingsError("; ".join(problems[:8]))


print("1..12", flush=True)


def start():
    write_settings()
    if os.path.exists(SAMPLE):
        os.makedirs(os.path.join(env["XDG_DATA_HOME"], "attune"))
        subprocess.run([SAMPLE, os.path.join(env["XDG_DATA_HOME"], "attune", "attune.db")],
                       check=True, timeout=60, stdout=subprocess.DEVNULL)
    else:
        print(f"# no sample journal program at {SAMPLE}: auditing an empty journal")
    app = launch()
    # The only window yet: safe to ask the application for it.
    win = wait_for("the main window", lambda: app.getChildAtIndex(0), timeout=30)
    assert win.name == "Attune", f"the first window is {win.name!r}"
    windows["Attune"] = win
    find_in(win, "push button", "Check In After a Session")


# A label that shows once each page of the main window is on screen.
PAGES = {None: ("push button", "Check In After a Session"),
         "For Next Session": ("text", "Add something to bring"),
         "Insights": ("label", "Insights")}


def main_page(tab):
    def run():
        win = window("Attune")
        if tab is not None:
            press(find_in(win, "page tab", tab))
        nodes = walk_showing(win, *PAGES[tab])
        expect_none(audit(f"main window, {tab or 'Timeline'}", win, nodes=nodes))
    return run


def editor():
    win = window("Attune")
    tab = find_in(win, "page tab", "Timeline")
    press(tab)
    # The sidebar's pages cross-fade: wait until the insights page has gone, or its rows
    # would count as showing in the editor's page.
    wait_for("the timeline page showing", lambda: tab.getState().contains(pyatspi.STATE_SELECTED), 3)
    key_fast("ctrl+n")
    # GTK 4.8 keeps the extents of a stack page once shown, hidden or not: the insights
    # page's rows would count as showing beside the editor. They were audited on their page.
    nodes = walk_showing(win, "text", "Title")
    hidden = [path for path, node in nodes
              if node.getRoleName() == "list" and node.name == "Hard moments by kind"]
    nodes = [(path, node) for path, node in nodes
             if not any(path[:len(h)] == h for h in hidden)]
    expect_none(audit("main window, editor", win, nodes=nodes))


wizard_problems = []


def wizard():
    focus_events.clear()
    key_fast("ctrl+shift+n")
    wiz = window("Session Check-in")
    pages = 0
    help_done = False
    next_button = None
    for title, answer in (("Since last time", None), ("About the session", None),
                          ("How did it feel?", None), ("A moment that felt off", "Yes"),
                          ("What was it like?", "I felt judged or criticized"),
                          ("In your own words", None), ("By the end", None),
                          ("What next?", "Bring it up next session"), ("Your check-in", None)):
        try:
            nodes = walk_showing(wiz, "label", title, timeout=3)
        except AssertionError:
            if title == "Since last time":
                print("# no follow-up page (the journal has nothing open)")
                continue
            raise
        pages += 1
        wizard_problems.extend(audit(f"check-in wizard, {title}", wiz, nodes=nodes))
        # Next and Skip are one button, named after what it does on this page.
        if next_button is None:
            next_button = pick(nodes, "push button", "Skip") or pick(nodes, "push button", "Next")
        if answer is not None:
            box = pick(nodes, "check box", answer)
            assert box is not None, f"no check box {answer!r} on {title!r}"
            press(box)
            wait_for(f"{answer!r} checked", lambda: box.getState().contains(pyatspi.STATE_CHECKED), 3)
        if title == "A moment that felt off" and not help_done:
            # The wizard's own way in (the main menu has another): About Ruptures opens over
            # the modal wizard.
            focus_events.clear()
            press(pick(nodes, "push button", "About Ruptures") or find_in(wiz, "push button", "About Ruptures"))
            state["help"] = window("About Ruptures")
            help_done = True
            wizard_problems.extend(audit("About Ruptures", state["help"]))
            key_fast("Escape")
            window_gone("About Ruptures")
        if title != "Your check-in":
            press(next_button)
    press(pick(nodes, "push button", "Save") or find_in(wiz, "push button", "Save"))
    window_gone("Session Check-in")
    print(f"# {pages} wizard pages and About Ruptures audited")
    assert pages >= 8, f"only {pages} wizard pages showed"
    assert help_done, "About Ruptures was not audited"
    expect_none(wizard_problems)


def other_pages(title, win, nodes):
    """Shows each further page of a window with a view switcher and audits it."""
    problems = []
    tabs = [node for _, node in nodes if node.getRoleName() == "page tab"
            and is_on_screen(node) and not node.getState().contains(pyatspi.STATE_SELECTED)]
    for tab in tabs:
        press(tab)
        wait_for(f"the page {tab.name!r} showing",
                 lambda: tab.getState().contains(pyatspi.STATE_SELECTED), timeout=3)
        problems.extend(audit(f"{title}, {tab.name}", win))
    return problems


def dialog(keys, title, skip_tab=False):
    def run():
        # Without a window manager the main window may take a moment to get the keyboard
        # back after a dialog closed: press again when nothing opened.
        for attempt in range(3):
            focus_events.clear()
            key_fast(keys)
            try:
                win = window(title, timeout=4 + 2 * attempt)
                break
            except AssertionError:
                if attempt == 2:
                    raise
        nodes = walk_paths(win)
        problems = audit(title, win, skip_tab, nodes=nodes) + other_pages(title, win, nodes)
        key_fast("Escape")
        window_gone(title)
        expect_none(problems)
    return run


PASSPHRASE = "a passphrase for the audit"


def protection():
    """Passphrase protection (issue 6): the set-up dialog's two pages, Preferences once
    protected, and the lock page with the passphrase and with the recovery key."""
    problems = []
    for attempt in range(3):
        focus_events.clear()
        key_fast("ctrl+comma")
        try:
            prefs = window("Preferences", timeout=4 + 2 * attempt)
            break
        except AssertionError:
            if attempt == 2:
                raise
    focus_events.clear()
    press(find_in(prefs, "push button", "Set up a passphrase"))
    dlg = window("Protect With a Passphrase")
    nodes = walk_showing(dlg, "label", "Choose a Passphrase")
    problems += audit("passphrase set-up, choosing", dlg, nodes=nodes)
    type_into(find_in(dlg, "text", "Passphrase"), PASSPHRASE)
    type_into(find_in(dlg, "text", "The same passphrase again"), PASSPHRASE)
    press(find_in(dlg, "push button", "Protect My Journal"))
    nodes = walk_showing(dlg, "label", "Your Recovery Key", timeout=60)
    problems += audit("passphrase set-up, recovery key", dlg, nodes=nodes)
    press(find_in(dlg, "check box", "I have written it down or saved it somewhere safe"))
    wait_for("Done can be pressed",
             lambda: find_in(dlg, "push button", "Done").getState().contains(pyatspi.STATE_SENSITIVE), 3)
    press(find_in(dlg, "push button", "Done"))
    window_gone("Protect With a Passphrase")
    # The main window was opened again on the encrypted journal.
    windows.pop("Attune", None)
    prefs = window("Preferences")
    problems += audit("Preferences, once protected", prefs, nodes=walk_showing(prefs, "push button", "Change the passphrase"))
    key_fast("Escape")
    window_gone("Preferences")
    focus_events.clear()
    # No window manager hands the keyboard back: a click in the main window takes it.
    subprocess.run(["xdotool", "mousemove", "700", "600", "click", "1"], check=True, timeout=10)
    key_fast("ctrl+l")
    # The lock page takes the keyboard before the bus may see it: a Tab moves the focus
    # where the bus sees it.
    for attempt in range(4):
        try:
            lock = window("Attune (Locked)", timeout=5)
            break
        except AssertionError:
            if attempt == 3:
                raise
            key_fast("Tab")
    problems += audit("lock page", lock, nodes=walk_showing(lock, "label", "Your Journal Is Locked"))
    press(find_in(lock, "push button", "Use My Recovery Key Instead"))
    problems += audit("lock page, recovery key", lock, nodes=walk_showing(lock, "text", "Recovery key"))
    press(find_in(lock, "push button", "Use My Passphrase Instead"))
    focus_events.clear()
    type_into(find_in(lock, "text", "Passphrase"), PASSPHRASE)
    press(find_in(lock, "push button", "Unlock"))
    windows.pop("Attune (Locked)", None)
    windows.pop("Attune", None)
    window("Attune", timeout=30)
    expect_none(problems)


failed = []


def soft_check(description, func):
    """Like check(), but an audit finding does not stop the others: every window is looked at,
    and the run fails at the end. Anything else (a window that does not open) stops it."""
    try:
        func()
        e2e.check(description, lambda: None)
    except FindingsError as e:
        failed.append(description)
        e2e.step += 1
        print(f"not ok {e2e.step} {description}: {e}", flush=True)
    except Exception as e:
        error = e

        def fail():
            raise error
        e2e.check(description, fail)


class FindingsError(Exception):
    pass


def total():
    assert not failed or totals["problems"], f"findings in: {', '.join(failed)}"
    print(f"# total: {totals['checked']} elements checked in {len(report)} windows and pages,"
          f" problems {totals['problems']}, in {time.time() - started:.0f} s")
    if known_found:
        print(f"# known findings waiting for a fix elsewhere (KNOWN): {len(known_found)}")
    assert totals["problems"] == 0, f"{totals['problems']} problems, listed above"


started = time.time()
check("the app starts with the sample journal", start)
soft_check("main window, timeline", main_page(None))
soft_check("main window, list for next session", main_page("For Next Session"))
soft_check("main window, insights", main_page("Insights"))
soft_check("main window, editor", editor)
soft_check("check-in wizard, every page, and About Ruptures", wizard)
soft_check("preferences", dialog("ctrl+comma", "Preferences"))
soft_check("prepare for my session", dialog("ctrl+p", "Prepare for My Session"))
soft_check("keyboard shortcuts", dialog("ctrl+question", "Keyboard Shortcuts"))
soft_check("passphrase set-up and the lock page", protection)
check("the app still runs", lambda: find_in(window("Attune"), "push button", "Check In After a Session"))
check("total", total)
finish(0)

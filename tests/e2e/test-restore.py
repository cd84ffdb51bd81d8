#!/usr/bin/python3
# Backups as a person meets them (issue 5): back up from Preferences, the journal file gets
# damaged, Attune says so and offers the backup, one press restores it, and the damaged file
# is set aside byte for byte rather than deleted. Driven through the accessibility tree of
# the real program; prints TAP.
#
#   tests/e2e/test-restore.py BUILD/src/attune

import glob
import hashlib
import os
import random
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from attune_e2e import *  # noqa: E402,F401,F403
import attune_e2e as e2e  # noqa: E402

state = e2e.state
SAMPLE = os.path.join(os.path.dirname(os.path.dirname(e2e.APP)), "tests", "attune-sample-journal")
BACKUPS = os.path.join(os.path.dirname(e2e.journal_path()), "backups")
print("1..6", flush=True)


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def start_with_sample():
    os.makedirs(os.path.dirname(e2e.journal_path()), exist_ok=True)
    subprocess.run([SAMPLE, e2e.journal_path()], check=True, timeout=60,
                   stdout=subprocess.DEVNULL)
    write_settings(welcome_done=True)
    launch()
    find(state["app"], "label", "The argument with Sam", timeout=15)


def back_up_now():
    app = state["app"]
    key("ctrl+comma")
    press(find(app, "page tab", "Backups", timeout=10))
    press(find(app, "push button", "Back Up Now"))
    find(app, "label", "Backed up your journal", timeout=20)
    find(app, "push button", prefix="Restore the backup from")
    files = glob.glob(os.path.join(BACKUPS, "attune-manual-*.db"))
    assert len(files) == 1, files
    assert (os.stat(files[0]).st_mode & 0o777) == 0o600, oct(os.stat(files[0]).st_mode)
    assert (os.stat(BACKUPS).st_mode & 0o777) == 0o700, oct(os.stat(BACKUPS).st_mode)


def damage_journal():
    stop()
    rng = random.Random(5)
    with open(e2e.journal_path(), "r+b") as f:
        f.seek(100)
        f.write(bytes(rng.randrange(256) for _ in range(3000)))
    state["damaged_sha"] = sha256(e2e.journal_path())


def error_page_offers_backup():
    launch()
    app = state["app"]
    find(app, "label", "Your Journal File Is Damaged", timeout=15)
    find(app, "label", prefix="Attune made a backup of your journal on")
    # Nothing was changed by opening it.
    assert sha256(e2e.journal_path()) == state["damaged_sha"]


def restore():
    app = state["app"]
    press(find(app, "push button", "Restore the Backup"))
    find(app, "label", "The argument with Sam", timeout=15)
    find(app, "label", prefix="Restored the backup from", timeout=10)
    set_aside = glob.glob(os.path.join(BACKUPS, "attune-set-aside-*.db"))
    assert len(set_aside) == 1, set_aside
    assert sha256(set_aside[0]) == state["damaged_sha"], "the damaged journal was not kept as it was"
    assert (os.stat(e2e.journal_path()).st_mode & 0o777) == 0o600


def still_there_after_restart():
    stop()
    launch()
    find(state["app"], "label", "The argument with Sam", timeout=15)
    rows = query_journal("PRAGMA quick_check")
    assert rows == [("ok",)], rows


check("a sample journal opens", start_with_sample)
check("Preferences > Backups > Back Up Now makes a private backup", back_up_now)
check("the journal file is damaged while Attune is closed", damage_journal)
check("Attune explains the damage and offers the backup, changing nothing", error_page_offers_backup)
check("Restore brings the entries back and sets the damaged file aside", restore)
check("after a restart the restored journal is whole", still_there_after_restart)
finish(0)

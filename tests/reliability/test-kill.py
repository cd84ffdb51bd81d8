#!/usr/bin/python3
# Kill -9 while saving: starts attune-crash-writer on one journal, kills it with SIGKILL at a
# random moment, checks the journal, starts it again on the same folder, N times. After every
# kill: PRAGMA integrity_check says "ok", and every entry the writer reported saved is there
# with exactly the text it reported (or, for the one save that was in flight, the text it was
# about to save). Prints TAP and the figures.
#
#   test-kill.py WRITER [--cycles N] [--seed S] [--max-delay-ms MS]
#
# Environment: ATTUNE_KILL_CYCLES (default 200; run 1000 by hand), ATTUNE_KILL_SEED (default:
# from the clock, printed so that a failure can be replayed with the same delays).
#
# Copyright 2026 The Attune developers
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import hashlib
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time


def parse_args():
    parser = argparse.ArgumentParser()
    parser.add_argument("writer")
    parser.add_argument("--cycles", type=int, default=int(os.environ.get("ATTUNE_KILL_CYCLES", "200")))
    parser.add_argument("--seed", type=int,
                        default=int(os.environ.get("ATTUNE_KILL_SEED", str(int(time.time() * 1000) % 10**9))))
    parser.add_argument("--max-delay-ms", type=float, default=200.0)
    return parser.parse_args()


class Reader(threading.Thread):
    """Reads the writer's stdout line by line as it comes, so the harness knows what was
    acknowledged up to the moment of the kill."""

    def __init__(self, stream):
        super().__init__(daemon=True)
        self.stream = stream
        self.lines = []
        self.opened = threading.Event()

    def run(self):
        for raw in self.stream:
            line = raw.decode("utf-8", "replace").rstrip("\n")
            self.lines.append(line)
            if line == "open":
                self.opened.set()


def checksum(title, body):
    return hashlib.sha256((title + "\n" + body).encode("utf-8")).hexdigest()


def read_journal(path):
    """Returns (integrity result, {uuid: checksum}) without writing to the journal: a
    read-only connection leaves the -wal as the kill left it for the next writer."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
    try:
        integrity = "; ".join(row[0] for row in db.execute("PRAGMA integrity_check"))
        entries = {uuid: checksum(title, body)
                   for uuid, title, body in db.execute("SELECT uuid, title, body FROM entries")}
    finally:
        db.close()
    return integrity, entries


def main():
    args = parse_args()
    rng = random.Random(args.seed)
    folder = tempfile.mkdtemp(prefix="attune-kill-")
    path = os.path.join(folder, "attune.db")

    print("1..5", flush=True)
    print(f"# seed {args.seed} (replay: ATTUNE_KILL_SEED={args.seed} ATTUNE_KILL_CYCLES={args.cycles}),"
          f" journal {folder}", flush=True)

    acknowledged = {}       # uuid -> checksum the writer reported saved last
    n_acks = 0              # "saved" lines over all cycles (new entries and new texts)
    n_updates = 0
    lost = []               # (cycle, uuid) acknowledged but missing
    altered = []            # (cycle, uuid) present with another text
    integrity_failures = []
    writer_failures = []
    refused = []            # (cycle, message): the store would not open a journal SQLite reads fine
    early_kills = 0         # killed before the journal was open
    started = time.monotonic()

    for cycle in range(1, args.cycles + 1):
        # Mostly anywhere in a burst of saves; one kill in ten lands while opening (the
        # first read of a -wal left by the previous kill, the migrations on cycle 1).
        if rng.random() < 0.1:
            delay = rng.uniform(0, 15) / 1000
        else:
            delay = rng.uniform(0, args.max_delay_ms) / 1000
        writer_seed = rng.randrange(2**31)

        proc = subprocess.Popen([args.writer, folder, str(writer_seed)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        reader = Reader(proc.stdout)
        reader.start()
        # The delay counts from the moment the journal is open, except for the early kills.
        if delay >= 0.015:
            deadline = time.monotonic() + 20
            while (not reader.opened.wait(0.005) and proc.poll() is None and
                   time.monotonic() < deadline):
                pass
        time.sleep(delay)
        if proc.poll() is not None:
            reader.join(timeout=20)
            err = proc.stderr.read().decode("utf-8", "replace").strip()
            proc.stdout.close()
            proc.stderr.close()
            if "shorter than it should be" in err and not reader.lines:
                # The store's own check for a truncated file, fooled by a checkpoint that
                # the kill interrupted (the -wal still holds the pages). Record it, check the
                # journal with SQLite itself, let SQLite finish the checkpoint, go on.
                refused.append((cycle, err))
                integrity, entries = read_journal(path)
                if integrity != "ok":
                    integrity_failures.append((cycle, integrity))
                for uuid, expected in acknowledged.items():
                    if entries.get(uuid) != expected:
                        lost.append((cycle, uuid))
                db = sqlite3.connect(path, timeout=10)
                db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                db.close()
                if lost or integrity_failures:
                    break
                continue
            writer_failures.append((cycle, f"exited by itself with {proc.returncode}: {err}"))
            break
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=20)
        reader.join(timeout=20)
        proc.stdout.close()
        proc.stderr.close()
        if not reader.opened.is_set():
            early_kills += 1

        in_flight = {}
        for line in reader.lines:
            parts = line.split(" ")
            if parts[0] == "saving" and len(parts) == 3:
                in_flight = {parts[1]: parts[2]}
            elif parts[0] == "saved" and len(parts) == 3:
                if parts[1] in acknowledged:
                    n_updates += 1
                acknowledged[parts[1]] = parts[2]
                n_acks += 1
                in_flight = {}

        if not os.path.exists(path):
            if acknowledged:
                lost.append((cycle, "the journal file is gone"))
            continue

        try:
            integrity, entries = read_journal(path)
        except sqlite3.Error as e:
            integrity_failures.append((cycle, f"cannot read: {e}"))
            break
        if integrity != "ok":
            integrity_failures.append((cycle, integrity))

        for uuid, expected in acknowledged.items():
            found = entries.get(uuid)
            if found is None:
                lost.append((cycle, uuid))
            elif found != expected and in_flight.get(uuid) != found:
                altered.append((cycle, uuid))
        # A new entry committed but not yet acknowledged is fine; it must hold the text the
        # writer was saving. Adopt it, so later cycles check it too.
        for uuid, found in entries.items():
            if uuid not in acknowledged:
                if in_flight.get("new") == found:
                    acknowledged[uuid] = found
                else:
                    altered.append((cycle, f"{uuid} (never saved by the writer)"))
            elif acknowledged[uuid] != found and in_flight.get(uuid) == found:
                acknowledged[uuid] = found

        if lost or altered or integrity_failures:
            break
        if cycle % 50 == 0:
            print(f"# cycle {cycle}: {len(acknowledged)} entries, {n_acks} saves acknowledged,"
                  f" {time.monotonic() - started:.1f} s", flush=True)

    cycles_done = cycle
    elapsed = time.monotonic() - started

    def report(n, ok, description, details):
        print(f"{'ok' if ok else 'not ok'} {n} {description}", flush=True)
        for d in details[:10]:
            print(f"#   cycle {d[0]}: {d[1]}", flush=True)

    report(1, not writer_failures, "the writer runs until it is killed", writer_failures)
    report(2, not refused, "the store opens the journal again after every kill", refused)
    report(3, not integrity_failures, f"integrity_check is ok after each of {cycles_done} kills",
           integrity_failures)
    report(4, not lost, "no acknowledged entry is lost", lost)
    report(5, not altered, "every entry holds exactly the text acknowledged for it", altered)
    print(f"# FIGURES kill9: cycles {cycles_done}, saves acknowledged {n_acks} "
          f"({len(acknowledged)} entries, {n_updates} of them updates of earlier entries), "
          f"kills while opening {early_kills}, lost {len(lost)}, altered {len(altered)}, "
          f"integrity failures {len(integrity_failures)}, journals refused as damaged {len(refused)}, "
          f"seed {args.seed}, {elapsed:.1f} s", flush=True)

    failed = writer_failures or integrity_failures or lost or altered or refused
    if failed:
        print(f"# journal kept for inspection: {folder}")
    else:
        shutil.rmtree(folder, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

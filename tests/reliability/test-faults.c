/* test-faults.c: saving when the disk says no.
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * /faults/injected: with attune-fault-shim preloaded, every write, sync and resize a save
 * performs is made to fail in turn, once with ENOSPC and once with EIO. Each time the store
 * must return ATTUNE_STORE_ERROR_DISK_FULL or ATTUNE_STORE_ERROR_IO with a message a person
 * can read, the journal must pass integrity_check, nothing saved before may be lost or
 * changed, and once the fault is gone the same save must work. The same for a save that
 * checkpoints the WAL into the database, and for closing the journal.
 *
 * /faults/tmpfs: a real disk that fills up: a 512 KiB tmpfs mounted in a private mount
 * namespace (root only; skipped otherwise). Entries are saved until the store reports the
 * disk full; then the same checks, space is freed, and saving works again.
 *
 * The shim is found through ATTUNE_FAULT_SHIM; the test re-runs itself with it preloaded. */

#define _GNU_SOURCE

#include "config.h"

#include <dlfcn.h>
#include <errno.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "attune-store-private.h"
#include "../attune-test-files.h"

typedef void (*FaultArmFunc) (const char *call, long nth, int err, const char *path_part);
typedef long (*FaultCountFunc) (const char *call);
typedef long (*FaultInjectedFunc) (void);

static FaultArmFunc fault_arm;
static FaultCountFunc fault_count;
static FaultInjectedFunc fault_injected;

static const char * const calls[] = { "write", "pwrite", "fsync", "fdatasync", "ftruncate", "rename" };

typedef struct
{
  char        *dir;
  char        *path;
  AttuneStore *store;
  GHashTable  *saved;   /* uuid → "title\nbody" of every acknowledged save */
  guint        serial;
} Journal;

static void
journal_open (Journal *j)
{
  g_autoptr(GError) error = NULL;

  j->store = attune_store_open (j->path, &error);
  g_assert_no_error (error);
}

static void
journal_init (Journal    *j,
              const char *dir)
{
  j->dir = g_strdup (dir);
  j->path = g_build_filename (dir, "attune.db", NULL);
  j->saved = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  j->serial = 0;
  journal_open (j);
}

static void
journal_clear (Journal *j)
{
  g_clear_object (&j->store);
  g_clear_pointer (&j->saved, g_hash_table_unref);
  g_clear_pointer (&j->path, g_free);
  g_clear_pointer (&j->dir, g_free);
}

/* A new entry with a text no other entry has; @size is about how many bytes the body has. */
static AttuneEntry *
new_entry (Journal *j,
           gsize    size)
{
  AttuneEntry *entry = attune_entry_new ();
  g_autofree char *title = g_strdup_printf ("Entry %u — Tagebuch 日記", ++j->serial);
  GString *body = g_string_new (NULL);

  while (body->len < size)
    g_string_append_printf (body, "%u: Heute war schwer, aber ich habe es gesagt. 心が軽い 🌱 ", j->serial);

  attune_entry_set_title (entry, title);
  attune_entry_set_body (entry, body->str);
  g_string_free (body, TRUE);

  return entry;
}

static void
acknowledge (Journal     *j,
             AttuneEntry *entry)
{
  g_hash_table_insert (j->saved, g_strdup (attune_entry_get_uuid (entry)),
                       g_strconcat (attune_entry_get_title (entry), "\n",
                                    attune_entry_get_body (entry), NULL));
}

/* integrity_check through a connection of its own, as the next start of the app would read. */
static char *
dup_integrity (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  GString *result = g_string_new (NULL);

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL) != SQLITE_OK)
    {
      g_string_append_printf (result, "cannot check: %s", sqlite3_errmsg (db));
    }
  else
    {
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_string_append_printf (result, "%s%s", result->len > 0 ? "; " : "",
                                (const char *) sqlite3_column_text (stmt, 0));
    }

  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return g_string_free (result, FALSE);
}

/* How many entries SQLite itself reads, without the store's checks; -1 if it cannot. */
static int
count_raw (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int n = -1;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2 (db, "SELECT count(*) FROM entries", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);

  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return n;
}

/* Every acknowledged entry is there with its exact text, and nothing else is; returns how
 * many are missing or changed (0), after logging each. */
static guint
count_lost (Journal *j)
{
  GHashTableIter iter;
  gpointer key, value;
  g_autoptr(GError) error = NULL;
  guint lost = 0;
  gint64 n;

  g_hash_table_iter_init (&iter, j->saved);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autoptr(AttuneEntry) entry = attune_store_get_entry_by_uuid (j->store, key, NULL);
      g_autofree char *text = NULL;

      if (entry != NULL)
        text = g_strconcat (attune_entry_get_title (entry), "\n", attune_entry_get_body (entry), NULL);

      if (g_strcmp0 (text, value) != 0)
        {
          g_test_message ("entry %s is %s", (const char *) key, entry == NULL ? "missing" : "changed");
          lost++;
        }
    }

  /* A failed save must not show up either, now or as a duplicate after the retry. */
  n = attune_store_count_entries (j->store, &error);
  g_assert_no_error (error);
  if (n != g_hash_table_size (j->saved))
    {
      g_test_message ("%" G_GINT64_FORMAT " entries in the journal, %u acknowledged",
                      n, g_hash_table_size (j->saved));
      lost += ABS (n - (gint64) g_hash_table_size (j->saved));
    }

  return lost;
}

static void
assert_intact (Journal    *j,
               const char *when)
{
  g_autofree char *integrity = dup_integrity (j->path);
  guint lost = count_lost (j);

  if (g_strcmp0 (integrity, "ok") != 0 || lost != 0)
    g_error ("%s: integrity_check “%s”, %u entries lost or changed", when, integrity, lost);
}

/* The error a person sees: the right code, and words about the disk before the technical
 * part (the store's messages are "<what failed>. <why>. (SQLite: …)"). */
static void
assert_person_error (const GError *error,
                     int           err,
                     const char   *when)
{
  AttuneStoreError expected = err == ENOSPC ? ATTUNE_STORE_ERROR_DISK_FULL : ATTUNE_STORE_ERROR_IO;
  const char *words = err == ENOSPC ? "not enough free space" : "could not read or write the disk";

  if (error == NULL || error->domain != ATTUNE_STORE_ERROR || error->code != (int) expected ||
      strstr (error->message, words) == NULL)
    g_error ("%s: expected %s, got %s", when,
             err == ENOSPC ? "ATTUNE_STORE_ERROR_DISK_FULL" : "ATTUNE_STORE_ERROR_IO",
             error != NULL ? error->message : "success");
}

typedef enum
{
  PHASE_SAVE,         /* a plain save: the WAL frames and their sync */
  PHASE_CHECKPOINT,   /* a save followed by a checkpoint into the database file */
  PHASE_CLOSE,        /* closing the journal, which checkpoints and removes the WAL */
  N_PHASES
} Phase;

static const char * const phase_names[] = { "save", "save with checkpoint", "close" };

static guint n_injections;
static guint n_failed_saves;
static guint n_absorbed;
static guint n_lost;

/* One action of @phase with fault (call, nth, err) armed; returns whether it hit. */
static gboolean
run_injected (Journal    *j,
              Phase       phase,
              const char *call,
              long        nth,
              int         err)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttuneEntry) entry = NULL;
  g_autofree char *when = NULL;
  long injected_before = fault_injected ();
  gboolean ok = TRUE;
  gboolean hit;

  when = g_strdup_printf ("%s, %s #%ld, %s", phase_names[phase], call, nth,
                          err == ENOSPC ? "ENOSPC" : "EIO");

  if (phase == PHASE_CLOSE)
    {
      fault_arm (call, nth, err, j->dir);
      g_clear_object (&j->store);
      fault_arm (NULL, 0, 0, NULL);
      hit = fault_injected () > injected_before;
      journal_open (j);
    }
  else
    {
      if (phase == PHASE_CHECKPOINT)
        g_assert_cmpint (sqlite3_exec (_attune_store_get_db (j->store),
                                       "PRAGMA wal_autocheckpoint = 1", NULL, NULL, NULL), ==, SQLITE_OK);

      entry = new_entry (j, 100 + (j->serial * 37) % 3000);
      fault_arm (call, nth, err, j->dir);
      ok = attune_store_save_entry (j->store, entry, &error);
      fault_arm (NULL, 0, 0, NULL);
      hit = fault_injected () > injected_before;

      if (ok)
        {
          /* A fault the save did not need to report (a failed checkpoint is retried by
           * the next one): the entry is saved and must stay so. */
          acknowledge (j, entry);
          if (hit)
            n_absorbed++;
        }
      else
        {
          g_assert_true (hit);
          assert_person_error (error, err, when);
          n_failed_saves++;
          if (n_failed_saves <= 2 || (nth == 1 && g_str_equal (call, "fdatasync")))
            g_test_message ("%s: %s", when, error->message);
        }
    }

  if (hit)
    n_injections++;

  assert_intact (j, when);

  if (!ok)
    {
      /* The fault is gone: the same entry saves now. */
      g_clear_error (&error);
      if (!attune_store_save_entry (j->store, entry, &error))
        g_error ("%s: the save after the fault failed: %s", when, error->message);
      acknowledge (j, entry);
      assert_intact (j, when);
    }

  if (phase == PHASE_CHECKPOINT)
    g_assert_cmpint (sqlite3_exec (_attune_store_get_db (j->store),
                                   "PRAGMA wal_autocheckpoint = 1000", NULL, NULL, NULL), ==, SQLITE_OK);

  return hit;
}

/* How many calls of each kind one action of @phase makes, without faults. */
static void
count_calls (Journal *j,
             Phase    phase,
             long     counts[G_N_ELEMENTS (calls)])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttuneEntry) entry = new_entry (j, 1000);

  if (phase == PHASE_CHECKPOINT)
    sqlite3_exec (_attune_store_get_db (j->store), "PRAGMA wal_autocheckpoint = 1", NULL, NULL, NULL);

  fault_arm (NULL, 0, 0, j->dir);
  if (phase == PHASE_CLOSE)
    {
      g_clear_object (&j->store);
    }
  else
    {
      g_assert_true (attune_store_save_entry (j->store, entry, &error));
      g_assert_no_error (error);
      acknowledge (j, entry);
    }

  for (guint i = 0; i < G_N_ELEMENTS (calls); i++)
    counts[i] = fault_count (calls[i]);
  fault_arm (NULL, 0, 0, NULL);

  if (phase == PHASE_CLOSE)
    journal_open (j);
  else if (phase == PHASE_CHECKPOINT)
    sqlite3_exec (_attune_store_get_db (j->store), "PRAGMA wal_autocheckpoint = 1000", NULL, NULL, NULL);
}

static void
test_injected (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(GError) error = NULL;
  Journal j;
  guint n_misses = 0;

  if (fault_arm == NULL)
    {
      g_test_skip ("attune-fault-shim is not preloaded (set ATTUNE_FAULT_SHIM)");
      return;
    }

  dir = g_dir_make_tmp ("attune-faults-XXXXXX", &error);
  g_assert_no_error (error);
  journal_init (&j, dir);

  /* Something to lose: entries saved before any fault, long and short. */
  for (guint i = 0; i < 30; i++)
    {
      g_autoptr(AttuneEntry) entry = new_entry (&j, 50 + i * 300);

      g_assert_true (attune_store_save_entry (j.store, entry, &error));
      g_assert_no_error (error);
      acknowledge (&j, entry);
    }

  for (Phase phase = 0; phase < N_PHASES; phase++)
    {
      long counts[G_N_ELEMENTS (calls)];
      g_autoptr(GString) seen = g_string_new (NULL);

      count_calls (&j, phase, counts);
      for (guint i = 0; i < G_N_ELEMENTS (calls); i++)
        g_string_append_printf (seen, "%s%s %ld", i > 0 ? ", " : "", calls[i], counts[i]);
      g_test_message ("one %s makes: %s", phase_names[phase], seen->str);

      for (guint i = 0; i < G_N_ELEMENTS (calls); i++)
        for (long nth = 1; nth <= counts[i]; nth++)
          for (guint e = 0; e < 2; e++)
            if (!run_injected (&j, phase, calls[i], nth, e == 0 ? ENOSPC : EIO))
              n_misses++;
    }

  /* And once more from scratch, as the next start of the app reads it. */
  g_clear_object (&j.store);
  journal_open (&j);
  n_lost += count_lost (&j);
  assert_intact (&j, "after reopening");

  g_test_message ("FIGURES faults: injections %u (save failed with the right error %u, "
                  "absorbed by SQLite %u, calls not reached %u), entries %u, lost %u",
                  n_injections, n_failed_saves, n_absorbed, n_misses,
                  g_hash_table_size (j.saved), n_lost);
  g_assert_cmpuint (n_lost, ==, 0);
  g_assert_cmpuint (n_injections, >, 0);

  journal_clear (&j);
  attune_test_remove_tree (dir);
}

static gboolean
mount_small_tmpfs (const char  *dir,
                   char       **why_not)
{
  if (geteuid () != 0)
    {
      *why_not = g_strdup ("not root: mounting a small tmpfs needs root (CI runs as root)");
      return FALSE;
    }

  /* A mount namespace of our own: the tmpfs goes away with this process, whatever happens. */
  if (unshare (CLONE_NEWNS) != 0 ||
      mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0 ||
      mount ("attune-test", dir, "tmpfs", MS_NOSUID | MS_NODEV, "size=512k,mode=0700") != 0)
    {
      *why_not = g_strdup_printf ("cannot mount a tmpfs here: %s", g_strerror (errno));
      return FALSE;
    }

  return TRUE;
}

static void
test_tmpfs (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *why_not = NULL;
  g_autofree char *ballast = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AttuneEntry) refused = NULL;
  Journal j;
  guint n_saved = 0;

  dir = g_dir_make_tmp ("attune-tmpfs-XXXXXX", &error);
  g_assert_no_error (error);

  if (!mount_small_tmpfs (dir, &why_not))
    {
      g_rmdir (dir);
      g_test_skip (why_not);
      return;
    }

  /* Room to give back later: what a person would delete to make space. */
  ballast = g_build_filename (dir, "ballast", NULL);
  {
    g_autofree char *zeros = g_malloc0 (96 * 1024);
    g_assert_true (g_file_set_contents (ballast, zeros, 96 * 1024, &error));
    g_assert_no_error (error);
  }

  journal_init (&j, dir);

  for (guint i = 0; i < 10000; i++)
    {
      g_autoptr(AttuneEntry) entry = new_entry (&j, 200 + (i * 611) % 2500);

      if (!attune_store_save_entry (j.store, entry, &error))
        {
          refused = g_steal_pointer (&entry);
          break;
        }
      acknowledge (&j, entry);
      n_saved++;
    }

  g_assert_nonnull (refused);
  g_test_message ("the 512 KiB disk took %u entries, then: %s", n_saved, error->message);
  assert_person_error (error, ENOSPC, "tmpfs full");
  assert_intact (&j, "tmpfs full");

  /* Still full: another try fails the same way and changes nothing. */
  g_clear_error (&error);
  g_assert_false (attune_store_save_entry (j.store, refused, &error));
  assert_person_error (error, ENOSPC, "tmpfs still full");
  assert_intact (&j, "tmpfs still full");

  /* Space comes back: the refused entry saves, and so does the next one. */
  g_clear_error (&error);
  g_assert_cmpint (g_unlink (ballast), ==, 0);
  if (!attune_store_save_entry (j.store, refused, &error))
    g_error ("after freeing space: %s", error->message);
  acknowledge (&j, refused);
  assert_intact (&j, "after freeing space");
  {
    g_autoptr(AttuneEntry) entry = new_entry (&j, 300);

    if (!attune_store_save_entry (j.store, entry, &error))
      g_error ("the next save after freeing space: %s", error->message);
    acknowledge (&j, entry);
    assert_intact (&j, "the next save after freeing space");
  }

  /* Closing checkpoints the WAL into the database file, which may need more room than
   * there is: the next start must still open the journal. */
  g_clear_object (&j.store);
  j.store = attune_store_open (j.path, &error);
  if (j.store == NULL)
    {
      g_autofree char *integrity = dup_integrity (j.path);

      g_test_message ("SQLite itself reads the journal: integrity_check “%s”, %d entries of %u saved",
                      integrity, count_raw (j.path), g_hash_table_size (j.saved));
      g_test_fail_printf ("the store does not open the journal again after the disk was full: %s",
                          error->message);
    }
  else
    {
      assert_intact (&j, "after reopening");
      g_test_message ("FIGURES tmpfs: entries saved until full %u, refused saves 2 (disk full), "
                      "saved after freeing space 2, lost 0", n_saved);
    }

  journal_clear (&j);
  attune_test_remove_tree (dir);
  umount2 (dir, MNT_DETACH);
  g_rmdir (dir);
}

/* Re-runs this program with the shim preloaded, unless it already is. */
static void
ensure_shim (char **argv)
{
  const char *shim = g_getenv ("ATTUNE_FAULT_SHIM");
  g_autofree char *asan = NULL;

  fault_arm = (FaultArmFunc) dlsym (RTLD_DEFAULT, "attune_fault_arm");
  fault_count = (FaultCountFunc) dlsym (RTLD_DEFAULT, "attune_fault_count");
  fault_injected = (FaultInjectedFunc) dlsym (RTLD_DEFAULT, "attune_fault_injected");
  if (fault_arm != NULL || shim == NULL || g_getenv ("ATTUNE_FAULT_REEXEC") != NULL)
    return;

  /* AddressSanitizer wants to be first in the list of libraries; the shim is first now. */
  asan = g_strconcat (g_getenv ("ASAN_OPTIONS") != NULL ? g_getenv ("ASAN_OPTIONS") : "",
                      ":verify_asan_link_order=0", NULL);
  g_setenv ("ASAN_OPTIONS", asan, TRUE);
  g_setenv ("LD_PRELOAD", shim, TRUE);
  g_setenv ("ATTUNE_FAULT_REEXEC", "1", TRUE);
  execv ("/proc/self/exe", argv);
  g_printerr ("cannot re-run with %s: %s\n", shim, g_strerror (errno));
}

int
main (int   argc,
      char *argv[])
{
  ensure_shim (argv);
  g_unsetenv ("LD_PRELOAD");

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/faults/injected", test_injected);
  g_test_add_func ("/faults/tmpfs", test_tmpfs);

  return g_test_run ();
}

/* test-protection.c
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Passphrase protection (issue 6) through the store: a phrase planted in
 * every kind of field is in no file while locked or in use; wrong secrets,
 * tampering and a damaged key file each say what they are; a kill at any
 * moment of "encrypt" or "change passphrase" leaves a journal that opens
 * with the old or the new secret. */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sodium.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "attune-keyfile.h"
#include "attune-protection.h"
#include "attune-snapshot.h"
#include "attune-test-files.h"
#include "attune-store.h"
#include "attune-store-private.h"

#define PHRASE "quillfeather-umbra-5521"
#define PASSPHRASE "correct horse battery staple"
/* The least Argon2id allows, so tests stay quick. */
#define OPS crypto_pwhash_OPSLIMIT_MIN
#define MEM crypto_pwhash_MEMLIMIT_MIN

static char *
make_journal (void)
{
  g_autofree char *dir = g_dir_make_tmp ("attune-protect-XXXXXX", NULL);
  char *path = g_build_filename (dir, "attune.db", NULL);
  g_autoptr(AttuneStore) store = NULL;
  g_autoptr(AttuneEntry) entry = attune_entry_new ();
  g_autoptr(AttuneCheckIn) check_in = attune_check_in_new ();
  g_autoptr(AttuneAgendaItem) item = NULL;
  g_autoptr(AttuneSnapshot) snapshot = NULL;
  g_autoptr(GError) error = NULL;
  const char *tags[] = { PHRASE "-tag", NULL };

  store = attune_store_open (path, &error);
  g_assert_no_error (error);

  attune_entry_set_title (entry, "Title " PHRASE);
  attune_entry_set_body (entry, "Body " PHRASE);
  attune_entry_set_tags (entry, tags);
  g_assert_true (attune_store_save_entry (store, entry, &error));

  attune_check_in_set_session_at (check_in, 1760000000);
  attune_check_in_set_rupture (check_in, ATTUNE_RUPTURE_YES);
  attune_check_in_set_what_happened (check_in, "Happened " PHRASE);
  attune_check_in_set_message (check_in, "Message " PHRASE);
  g_assert_true (attune_store_save_check_in (store, check_in, &error));

  item = attune_store_add_agenda_item (store, "List " PHRASE, 0, &error);
  g_assert_no_error (error);
  g_assert_true (attune_store_save_draft (store, "editor", "Draft " PHRASE, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < 40; i++)
    {
      g_autoptr(AttuneEntry) more = attune_entry_new ();

      attune_entry_set_body (more, "More words about the week " PHRASE);
      g_assert_true (attune_store_save_entry (store, more, &error));
    }

  g_clear_object (&store);

  /* A backup from before protection. */
  snapshot = attune_snapshots_take (path, ATTUNE_SNAPSHOT_DAILY, NULL, &error);
  g_assert_no_error (error);

  return path;
}

static void
cleanup (const char *journal)
{
  g_autofree char *dir = g_path_get_dirname (journal);

  attune_protection_lock ();
  attune_test_remove_tree (dir);
}

static char *
sha256_of (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return g_strdup ("missing");

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static void
test_enable_and_use (void)
{
  g_autofree char *path = make_journal ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *keyfile = g_build_filename (dir, "attune.key", NULL);
  g_autofree char *recovery = NULL;
  g_autoptr(AttuneStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) groups = NULL;
  struct stat st;

  g_assert_cmpuint (attune_test_count_files_holding (dir, PHRASE), >, 0);

  attune_protection_enable (path, PASSPHRASE, OPS, MEM, &recovery, &error);
  g_assert_no_error (error);
  g_test_message ("recovery key: %s", recovery);
  groups = g_strsplit (recovery, "-", -1);
  g_assert_cmpuint (g_strv_length (groups), ==, 13);

  g_assert_true (attune_protection_is_on (path));
  g_assert_cmpint (g_stat (keyfile, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* Journal, backups, key file: no phrase anywhere. */
  g_assert_cmpuint (attune_test_count_files_holding (dir, PHRASE), ==, 0);

  /* Unlocked in this process: it opens, reads and searches as before. */
  store = attune_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (attune_store_count_entries (store, &error), ==, 42);
  {
    AttuneTimeline *timeline = attune_store_new_timeline (store);

    attune_timeline_set_query (timeline, "quillfeather");
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (timeline)), ==, 42);
    g_object_unref (timeline);
  }

  /* New words while open, in the log: still nothing in the clear. */
  {
    g_autoptr(AttuneEntry) entry = attune_entry_new ();

    attune_entry_set_body (entry, "Written while unlocked: lanternfish-0042");
    g_assert_true (attune_store_save_entry (store, entry, &error));
    g_assert_cmpuint (attune_test_count_files_holding (dir, "lanternfish-0042"), ==, 0);
    g_assert_cmpuint (attune_test_count_files_holding (dir, PHRASE), ==, 0);
  }

  /* Backups now, encrypted too, and listed while unlocked. */
  {
    g_autoptr(AttuneSnapshot) snapshot = attune_snapshots_take (path, ATTUNE_SNAPSHOT_MANUAL, NULL, &error);
    g_autoptr(GPtrArray) list = NULL;

    g_assert_no_error (error);
    g_assert_true (attune_snapshot_get_readable (snapshot));
    g_assert_cmpuint (attune_test_count_files_holding (dir, "lanternfish-0042"), ==, 0);
    list = attune_snapshots_list (path, &error);
    g_assert_cmpuint (list->len, ==, 2);
    for (guint i = 0; i < list->len; i++)
      g_assert_true (attune_snapshot_get_readable (g_ptr_array_index (list, i)));
  }

  g_clear_object (&store);

  /* Locked: it does not open, and says why. */
  attune_protection_lock ();
  store = attune_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_LOCKED);
  g_clear_error (&error);
  g_assert_cmpuint (attune_test_count_files_holding (dir, PHRASE), ==, 0);

  /* Unlocked with the passphrase, then with the recovery key (any case,
   * spaces instead of dashes). */
  g_assert_true (attune_protection_unlock (path, PASSPHRASE, &error));
  g_assert_no_error (error);
  store = attune_store_open (path, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  attune_protection_lock ();

  {
    g_autofree char *typed = g_ascii_strdown (recovery, -1);

    g_strdelimit (typed, "-", ' ');
    g_assert_true (attune_protection_unlock_with_recovery_key (path, typed, &error));
    g_assert_no_error (error);
  }

  /* Off again: plain, no key file. */
  g_assert_true (attune_protection_disable (path, &error));
  g_assert_no_error (error);
  g_assert_false (attune_protection_is_on (path));
  g_assert_false (g_file_test (keyfile, G_FILE_TEST_EXISTS));
  store = attune_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (attune_store_count_entries (store, &error), ==, 43);
  g_clear_object (&store);

  cleanup (path);
}

static void
test_wrong_secrets_and_damage (void)
{
  g_autofree char *path = make_journal ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *keyfile = g_build_filename (dir, "attune.key", NULL);
  g_autofree char *recovery = NULL;
  g_autofree char *journal_sha = NULL;
  g_autofree char *key_sha = NULL;
  g_autoptr(AttuneStore) store = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (attune_protection_enable (path, PASSPHRASE, OPS, MEM, &recovery, &error));
  attune_protection_lock ();
  journal_sha = sha256_of (path);
  key_sha = sha256_of (keyfile);

  g_assert_false (attune_protection_unlock (path, "correct horse battery stapler", &error));
  g_assert_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_WRONG_SECRET);
  g_assert_cmpstr (error->message, ==, "That passphrase is not right.");
  g_clear_error (&error);

  /* A well-formed recovery key that is not this one, and a malformed one. */
  {
    g_autofree char *other = g_strdup (recovery);

    other[0] = other[0] == 'A' ? 'B' : 'A';
    g_assert_false (attune_protection_unlock_with_recovery_key (path, other, &error));
    g_assert_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_WRONG_SECRET);
    g_test_message ("%s", error->message);
    g_clear_error (&error);

    g_assert_false (attune_protection_unlock_with_recovery_key (path, "ABCD-EFGH", &error));
    g_assert_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_WRONG_SECRET);
    g_test_message ("%s", error->message);
    g_clear_error (&error);
  }

  /* Nothing changed by trying. */
  {
    g_autofree char *after = sha256_of (path);
    g_autofree char *key_after = sha256_of (keyfile);

    g_assert_cmpstr (after, ==, journal_sha);
    g_assert_cmpstr (key_after, ==, key_sha);
  }

  /* One bit flipped in the journal: damaged, not "wrong passphrase". */
  {
    g_autofree char *contents = NULL;
    gsize length = 0;

    g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
    contents[length - 4096 + 500] ^= 0x01;
    g_assert_true (g_file_set_contents (path, contents, (gssize) length, NULL));
  }
  g_assert_true (attune_protection_unlock (path, PASSPHRASE, &error));
  g_assert_no_error (error);
  store = attune_store_open (path, &error);
  if (store != NULL)
    {
      /* The damaged page may be one the opening does not read: reading
       * everything finds it. */
      g_autoptr(sqlite3_stmt) stmt = NULL;
      int rc;

      g_assert_cmpint (sqlite3_prepare_v2 (_attune_store_get_db (store), "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        ;
      g_assert_cmpint (_attune_store_error_from_sqlite (rc), ==, ATTUNE_STORE_ERROR_CORRUPT);
    }
  else
    g_assert_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_CORRUPT);
  g_clear_error (&error);
  g_clear_object (&store);
  attune_protection_lock ();

  /* A damaged key file is damage too, whatever is typed. */
  g_assert_true (g_file_set_contents (keyfile, "[Attune Key]\nVersion=1\nKeyId=AAAA\n", -1, NULL));
  g_assert_false (attune_protection_unlock (path, PASSPHRASE, &error));
  g_assert_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_CORRUPT);
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  g_unlink (keyfile);
  g_assert_false (attune_protection_unlock (path, PASSPHRASE, &error));
  g_assert_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_CORRUPT);
  g_test_message ("%s", error->message);

  cleanup (path);
}

static void
test_change_passphrase (void)
{
  g_autofree char *path = make_journal ();
  g_autofree char *recovery = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (attune_protection_enable (path, PASSPHRASE, OPS, MEM, &recovery, &error));
  g_assert_true (attune_protection_change_passphrase (path, "a new one", OPS, MEM, &error));
  g_assert_no_error (error);
  attune_protection_lock ();

  g_assert_false (attune_protection_unlock (path, PASSPHRASE, &error));
  g_assert_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_WRONG_SECRET);
  g_clear_error (&error);
  g_assert_true (attune_protection_unlock (path, "a new one", &error));
  attune_protection_lock ();
  g_assert_true (attune_protection_unlock_with_recovery_key (path, recovery, &error));
  g_assert_no_error (error);

  cleanup (path);
}

/* Whether the journal opens: plain as it is, or protected with @secret. */
static gboolean
opens_with (const char *path,
            const char *secret)
{
  g_autoptr(AttuneStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  attune_protection_lock ();
  if (attune_protection_is_on (path) && !attune_protection_unlock (path, secret, NULL))
    return FALSE;

  store = attune_store_open (path, &error);
  ok = store != NULL && attune_store_count_entries (store, NULL) == 42;
  g_clear_object (&store);
  attune_protection_lock ();

  return ok;
}

/* Runs @work in a child killed with SIGKILL after @delay_us. */
static void
kill_during (void (*work) (const char *path),
             const char *path,
             gulong      delay_us)
{
  pid_t pid = fork ();
  int status = 0;

  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      work (path);
      _exit (0);
    }

  g_usleep (delay_us);
  kill (pid, SIGKILL);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
}

static void
enable_work (const char *path)
{
  g_autofree char *recovery = NULL;

  attune_protection_enable (path, PASSPHRASE, OPS, MEM, &recovery, NULL);
}

static void
change_work (const char *path)
{
  attune_protection_unlock (path, PASSPHRASE, NULL);
  attune_protection_change_passphrase (path, "the new one", OPS, MEM, NULL);
}

/* How long @work takes here, run to its end in a child. */
static gulong
time_work (void (*work) (const char *path),
           gboolean protect_first)
{
  g_autofree char *path = make_journal ();
  g_autofree char *recovery = NULL;
  gint64 start;
  pid_t pid;
  int status;

  if (protect_first)
    {
      g_assert_true (attune_protection_enable (path, PASSPHRASE, OPS, MEM, &recovery, NULL));
      attune_protection_lock ();
    }

  start = g_get_monotonic_time ();
  pid = fork ();
  if (pid == 0)
    {
      work (path);
      _exit (0);
    }
  waitpid (pid, &status, 0);
  cleanup (path);

  return (gulong) (g_get_monotonic_time () - start);
}

static void
test_kill_during_conversions (void)
{
  guint n_old = 0, n_new = 0;
  gulong enable_us = time_work (enable_work, FALSE);
  gulong change_us = time_work (change_work, TRUE);

  g_test_message ("encrypting takes %lu microseconds, changing the passphrase %lu: kills land in 0 to 1.2 times that",
                  enable_us, change_us);

  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *path = make_journal ();
      gulong delay = g_random_int_range (0, (gint32) (enable_us * 6 / 5) + 1);

      kill_during (enable_work, path, delay);
      if (attune_protection_is_on (path))
        {
          g_assert_true (opens_with (path, PASSPHRASE));
          n_new++;
        }
      else
        {
          g_assert_true (opens_with (path, NULL));
          n_old++;
        }
      cleanup (path);
    }
  g_test_message ("killed during encryption: %u left plain, %u encrypted, 0 unopenable", n_old, n_new);

  n_old = n_new = 0;
  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *path = make_journal ();
      g_autofree char *recovery = NULL;
      gulong delay = g_random_int_range (0, (gint32) (change_us * 6 / 5) + 1);

      g_assert_true (attune_protection_enable (path, PASSPHRASE, OPS, MEM, &recovery, NULL));
      attune_protection_lock ();
      kill_during (change_work, path, delay);

      if (opens_with (path, PASSPHRASE))
        n_old++;
      else
        {
          g_assert_true (opens_with (path, "the new one"));
          n_new++;
        }
      cleanup (path);
    }
  g_test_message ("killed while changing the passphrase: %u with the old, %u with the new, 0 with neither", n_old, n_new);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/protection/enable-and-use", test_enable_and_use);
  g_test_add_func ("/protection/wrong-secrets-and-damage", test_wrong_secrets_and_damage);
  g_test_add_func ("/protection/change-passphrase", test_change_passphrase);
  g_test_add_func ("/protection/kill-during-conversions", test_kill_during_conversions);

  return g_test_run ();
}

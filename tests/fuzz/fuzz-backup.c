/* fuzz-backup.c: libFuzzer target for the JSON backup importer
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The whole path of `attune --import`: check the bytes, parse and validate
 * (attune_backup_parse), then import into a fresh journal in a temporary
 * folder (attune_store_import_journal). When an import succeeds, two promises
 * of docs/backup-format.md are checked as well: the journal exports again,
 * that export is a valid backup, and importing it a second time adds nothing. */

#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>

#include "attune-backup.h"
#include "attune-fuzz.h"

static char *tmp_dir;

static void
remove_journal (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
}

static void
remove_tmp_dir (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "attune.db", NULL);

  remove_journal (path);
  g_rmdir (tmp_dir);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(AttuneJournalData) journal = NULL;
  g_autoptr(AttuneStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *exported = NULL;
  g_autoptr(AttuneJournalData) again = NULL;
  guint n_added = 0, n_skipped = 0;

  attune_fuzz_init ();
  if (tmp_dir == NULL)
    {
      tmp_dir = g_dir_make_tmp ("attune-fuzz-XXXXXX", NULL);
      g_assert_nonnull (tmp_dir);
      atexit (remove_tmp_dir);
    }

  journal = attune_backup_parse ((const char *) data, size, &error);
  if (journal == NULL)
    {
      g_assert_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_INVALID);
      return 0;
    }

  /* A new journal for every valid file, so that each input runs alone. */
  path = g_build_filename (tmp_dir, "attune.db", NULL);
  remove_journal (path);
  store = attune_store_open (path, &error);
  g_assert_no_error (error);

  if (!attune_store_import_journal (store, journal, &n_added, &n_skipped, &error))
    {
      /* The file was checked, but the store has the last word (its own limits). */
      g_assert_nonnull (error);
      g_assert_cmpint (attune_store_count_entries (store, NULL), ==, 0);
      g_clear_object (&store);
      remove_journal (path);
      return 0;
    }
  g_assert_cmpuint (n_added + n_skipped, ==, journal->entries->len);

  exported = attune_backup_to_json (store, 1, &error);
  g_assert_no_error (error);
  again = attune_backup_parse (exported, strlen (exported), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->entries->len, ==, (guint) attune_store_count_entries (store, NULL));

  g_assert_true (attune_store_import_journal (store, again, &n_added, &n_skipped, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_added, ==, 0);

  g_clear_object (&store);
  remove_journal (path);

  return 0;
}

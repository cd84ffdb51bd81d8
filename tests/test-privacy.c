/* test-privacy.c: deleted text is gone from disk, and the journal's files are private
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

#include "attune-store.h"
#include "attune-test-files.h"

static AttuneStore *
open_store (char **dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  AttuneStore *store;

  *dir = g_dir_make_tmp ("attune-privacy-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (*dir, "attune.db", NULL);
  store = attune_store_open (path, &error);
  g_assert_no_error (error);

  return store;
}

/* Words that appear nowhere else, one per place a person's text is kept. The FTS5
 * index stores words lowercased and each term prefix-compressed against the one
 * before it, so we look for each word and for its last eight letters, and the
 * words differ from their first letter on. */
static const char * const planted[] = {
  "quxtitleplant",    /* entry title */
  "vorbodyplant",     /* entry body */
  "jextagplant",      /* tag */
  "wumhappenedplant", /* check-in: what happened (also the list item it makes) */
  "kefeltplant",      /* check-in: felt */
  "yopneededplant",   /* check-in: needed */
  "zatmessageplant",  /* check-in: message draft */
  "bigotherplant",    /* check-in: other kind */
  "dunrepairplant",   /* check-in: repair note */
  "hoxagendaplant",   /* list for next session */
  "fimdraftplant",    /* wizard draft */
};

enum { TITLE, BODY, TAG, HAPPENED, FELT, NEEDED, MESSAGE, OTHER, REPAIR, AGENDA, DRAFT };

static gboolean
contains (const char *haystack,
          gsize       length,
          const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= length; i++)
    if (g_ascii_strncasecmp (haystack + i, needle, n) == 0)
      return TRUE;

  return FALSE;
}

/* Every byte of every file under @dir, backups/ excepted (by design: a snapshot keeps
 * what was there when it was taken; README "Fuzzing, sanitizers and privacy checks"). */
static void
count_hits (const char *dir,
            guint       hits[G_N_ELEMENTS (planted)],
            GString    *where)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          if (g_strcmp0 (name, "backups") != 0)
            count_hits (path, hits, where);
          continue;
        }

      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      for (guint i = 0; i < G_N_ELEMENTS (planted); i++)
        {
          const char *word = planted[i];
          const char *tail = word + strlen (word) - 8;

          if (contains (contents, length, word) || contains (contents, length, tail))
            {
              hits[i]++;
              g_string_append_printf (where, " %s in %s;", word, name);
            }
        }
    }
}

static guint
scan (const char *dir,
      const char *when)
{
  guint hits[G_N_ELEMENTS (planted)] = { 0 };
  g_autoptr(GString) where = g_string_new (NULL);
  guint total = 0;

  count_hits (dir, hits, where);
  for (guint i = 0; i < G_N_ELEMENTS (planted); i++)
    total += hits[i];

  g_test_message ("%s: %u hits%s", when, total, where->str);

  return total;
}

static AttuneEntry *
save_note (AttuneStore *store,
           const char  *title,
           const char  *body,
           const char  *tag)
{
  g_autoptr(AttuneEntry) entry = attune_entry_new ();
  g_autoptr(GError) error = NULL;
  const char *tags[] = { tag, "everyday", NULL };

  attune_entry_set_title (entry, title);
  attune_entry_set_body (entry, body);
  attune_entry_set_tags (entry, tag != NULL ? tags : tags + 1);
  attune_store_save_entry (store, entry, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&entry);
}

/* Writes the phrases everywhere, with ordinary entries around them so that pages are
 * shared, then deletes every place that holds one. Returns the open store. */
static AttuneStore *
plant_and_delete (char **dir)
{
  AttuneStore *store = open_store (dir);
  g_autoptr(AttuneEntry) note = NULL;
  g_autoptr(AttuneCheckIn) check_in = attune_check_in_new ();
  g_autoptr(AttuneAgendaItem) item = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  g_autofree char *filler = g_strnfill (6000, 'x');
  GListModel *agenda;
  gint64 check_in_id;

  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *text = g_strdup_printf ("An ordinary day, number %u, walked to work.", i);
      g_autoptr(AttuneEntry) other = save_note (store, "Ordinary", text, NULL);
    }

  /* A long body spills onto overflow pages. */
  body = g_strdup_printf ("Before the session. %s %s", planted[BODY], filler);
  note = save_note (store, planted[TITLE], body, planted[TAG]);

  attune_check_in_set_session_at (check_in, g_get_real_time () - G_TIME_SPAN_HOUR);
  attune_check_in_set_rupture (check_in, ATTUNE_RUPTURE_YES);
  attune_check_in_set_kinds (check_in, ATTUNE_RUPTURE_KIND_OTHER);
  attune_check_in_set_other_kind (check_in, planted[OTHER]);
  attune_check_in_set_what_happened (check_in, planted[HAPPENED]);
  attune_check_in_set_felt (check_in, planted[FELT]);
  attune_check_in_set_needed (check_in, planted[NEEDED]);
  attune_check_in_set_message (check_in, planted[MESSAGE]);
  attune_check_in_set_plan (check_in, ATTUNE_PLAN_BRING_UP | ATTUNE_PLAN_WRITE_MESSAGE);
  attune_store_save_check_in (store, check_in, &error);
  g_assert_no_error (error);
  check_in_id = attune_check_in_get_entry_id (check_in);
  attune_store_follow_up_rupture (store, check_in_id, ATTUNE_FOLLOW_UP_BETTER, planted[REPAIR], &error);
  g_assert_no_error (error);

  item = attune_store_add_agenda_item (store, planted[AGENDA], 0, &error);
  g_assert_no_error (error);
  {
    g_autoptr(AttuneAgendaItem) other = attune_store_add_agenda_item (store, "Ask about the holidays", 0, &error);
    g_assert_no_error (error);
  }

  attune_store_save_draft (store, "check-in", planted[DRAFT], &error);
  g_assert_no_error (error);

  /* Everything is on disk: the scan must see it, or it proves nothing. */
  g_assert_cmpuint (scan (*dir, "before deleting"), >=, G_N_ELEMENTS (planted));

  attune_store_delete_entry (store, attune_entry_get_id (note), &error);
  g_assert_no_error (error);
  attune_store_delete_entry (store, check_in_id, &error);
  g_assert_no_error (error);

  /* The check-in's own item (its "what happened") stays on the list: delete it too. */
  agenda = attune_store_get_agenda (store);
  for (guint i = g_list_model_get_n_items (agenda); i > 0; i--)
    {
      g_autoptr(AttuneAgendaItem) it = g_list_model_get_item (agenda, i - 1);
      const char *text = attune_agenda_item_get_text (it);

      if (strstr (text, "plant") != NULL)
        {
          attune_store_delete_agenda_item (store, attune_agenda_item_get_id (it), &error);
          g_assert_no_error (error);
        }
    }

  attune_store_delete_draft (store, "check-in", &error);
  g_assert_no_error (error);

  return store;
}

static void
test_deleted_text_gone_after_close (void)
{
  g_autofree char *dir = NULL;
  AttuneStore *store = plant_and_delete (&dir);

  g_assert_finalize_object (store);
  g_assert_cmpuint (scan (dir, "after closing"), ==, 0);

  attune_test_remove_tree (dir);
}

static void
test_deleted_text_gone_while_open (void)
{
  g_autofree char *dir = NULL;
  AttuneStore *store = plant_and_delete (&dir);

  g_assert_cmpuint (scan (dir, "open, after deleting"), ==, 0);

  g_assert_finalize_object (store);
  attune_test_remove_tree (dir);
}

/* Above 5,000 entries the index is purged when the store closes (attune-store.c,
 * PURGE_NOW_MAX_ENTRIES), not with every delete. */
static void
test_deleted_text_gone_large_journal (void)
{
  g_autofree char *dir = NULL;
  AttuneStore *store = open_store (&dir);
  g_autoptr(AttuneJournalData) data = attune_journal_data_new ();
  g_autoptr(AttuneEntry) note = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 5001; i++)
    {
      AttuneJournalEntry *entry = attune_journal_entry_new ();

      /* A new note already has an empty title and body, no tags and format 1. */
      entry->uuid = g_uuid_string_random ();
      entry->day = g_strdup_printf ("2025-%02u-%02u", 1 + i % 12, 1 + i % 28);
      entry->created_at = entry->updated_at = G_GINT64_CONSTANT (1735689600000000) + i;
      g_free (entry->body);
      entry->body = g_strdup_printf ("Walked to work, day %u, the river was high.", i);
      g_ptr_array_add (data->entries, entry);
    }
  attune_store_import_journal (store, data, NULL, NULL, &error);
  g_assert_no_error (error);

  note = save_note (store, planted[TITLE], planted[BODY], planted[TAG]);
  attune_store_delete_entry (store, attune_entry_get_id (note), &error);
  g_assert_no_error (error);
  scan (dir, "open, 5,001 entries, after deleting (purged at close)");

  g_assert_finalize_object (store);
  g_assert_cmpuint (scan (dir, "5,001 entries, after closing"), ==, 0);

  attune_test_remove_tree (dir);
}

static void
check_modes (const char *dir,
             guint      *n_files)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  struct stat st;

  g_assert_cmpint (g_lstat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0700);

  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_assert_cmpint (g_lstat (path, &st), ==, 0);
      if (S_ISDIR (st.st_mode))
        {
          check_modes (path, n_files);
          continue;
        }

      g_test_message ("%s: %o", path, st.st_mode & 07777);
      g_assert_true (S_ISREG (st.st_mode));
      if ((st.st_mode & 07777) != 0600)
        g_test_fail_printf ("%s has mode %o, not 600", path, st.st_mode & 07777);
      (*n_files)++;
    }
}

/* With a umask that would make files world-readable (022, the usual one), everything
 * Attune creates in its data folder is still 0600, and folders 0700. */
static void
test_file_modes (void)
{
  g_autofree char *tmp = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(AttuneStore) store = NULL;
  g_autoptr(AttuneEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  mode_t old_umask = umask (022);
  guint n_files = 0;

  tmp = g_dir_make_tmp ("attune-modes-XXXXXX", &error);
  g_assert_no_error (error);
  /* A data folder that does not exist yet, two levels deep, as on a first start. */
  data_dir = g_build_filename (tmp, "share", "attune", NULL);
  path = g_build_filename (data_dir, "attune.db", NULL);

  store = attune_store_open (path, &error);
  g_assert_no_error (error);
  entry = save_note (store, "Private", "Only for me.", "mine");
  g_clear_object (&entry);
  attune_store_save_draft (store, "check-in", "{}", &error);
  g_assert_no_error (error);

  /* While open: the database, -wal and -shm. */
  check_modes (data_dir, &n_files);
  g_assert_cmpuint (n_files, >=, 3);

  g_clear_object (&store);
  n_files = 0;
  check_modes (data_dir, &n_files);
  g_assert_cmpuint (n_files, >=, 1);

  /* Opening again must not loosen anything either. */
  store = attune_store_open (path, &error);
  g_assert_no_error (error);
  n_files = 0;
  check_modes (data_dir, &n_files);
  g_clear_object (&store);

  umask (old_umask);
  attune_test_remove_tree (data_dir);
  {
    g_autofree char *share = g_path_get_dirname (data_dir);

    g_rmdir (share);
  }
  g_rmdir (tmp);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/privacy/deleted-text/after-close", test_deleted_text_gone_after_close);
  g_test_add_func ("/privacy/deleted-text/while-open", test_deleted_text_gone_while_open);
  g_test_add_func ("/privacy/deleted-text/large-journal", test_deleted_text_gone_large_journal);
  g_test_add_func ("/privacy/file-modes", test_file_modes);

  return g_test_run ();
}

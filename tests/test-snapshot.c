/* test-snapshot.c
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

#include "attune-snapshot.h"
#include "attune-test-files.h"
#include "attune-store.h"
#include "attune-store-private.h"

static char *
dup_journal_path (void)
{
  g_autofree char *dir = g_dir_make_tmp ("attune-snapshot-XXXXXX", NULL);

  g_assert_nonnull (dir);

  return g_build_filename (dir, "attune.db", NULL);
}

static void
cleanup_journal (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  attune_test_remove_tree (dir);
}

static void
save_entries (AttuneStore *store,
              guint        n,
              const char  *prefix)
{
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AttuneEntry) entry = attune_entry_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *title = g_strdup_printf ("%s %u", prefix, i);

      attune_entry_set_title (entry, title);
      attune_entry_set_body (entry, "Some words about the week, and the session on Tuesday.");
      g_assert_true (attune_store_save_entry (store, entry, &error));
      g_assert_no_error (error);
    }
}

static char *
file_sha256 (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return NULL;

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static guint
file_mode (const char *path)
{
  struct stat st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);

  return st.st_mode & 07777;
}

static GDateTime *
day_at_noon (int year,
             int month,
             int day)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();

  return g_date_time_new (tz, year, month, day, 12, 0, 0);
}

static void
test_take (void)
{
  g_autofree char *path = dup_journal_path ();
  g_autofree char *folder = attune_snapshots_dup_folder (path);
  g_autoptr(AttuneStore) store = NULL;
  g_autoptr(AttuneSnapshot) snapshot = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  mode_t old_umask = umask (022);

  store = attune_store_open (path, &error);
  g_assert_no_error (error);
  save_entries (store, 12, "Before");

  /* While the journal is open and in use. */
  snapshot = attune_snapshots_take (path, ATTUNE_SNAPSHOT_MANUAL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (snapshot);
  umask (old_umask);

  g_assert_true (g_str_has_prefix (attune_snapshot_get_path (snapshot), folder));
  g_assert_cmpuint (file_mode (attune_snapshot_get_path (snapshot)), ==, 0600);
  g_assert_cmpuint (file_mode (folder), ==, 0700);
  g_assert_true (attune_snapshot_get_readable (snapshot));
  g_assert_cmpint (attune_snapshot_get_n_entries (snapshot), ==, 12);
  g_assert_cmpuint (attune_snapshot_get_schema_version (snapshot), ==, attune_store_get_latest_schema_version ());
  g_assert_cmpint (attune_snapshot_get_kind (snapshot), ==, ATTUNE_SNAPSHOT_MANUAL);

  /* The journal goes on as before. */
  save_entries (store, 3, "After");
  g_assert_cmpint (attune_store_count_entries (store, &error), ==, 15);

  list = attune_snapshots_list (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpint (attune_snapshot_get_n_entries (g_ptr_array_index (list, 0)), ==, 12);

  /* Only the snapshot is in the folder: no -wal, -shm or partial file,
   * also after listing (read as immutable). */
  {
    g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
    guint n_files = 0;

    while (g_dir_read_name (dir) != NULL)
      n_files++;
    g_assert_cmpuint (n_files, ==, 1);
  }

  g_clear_object (&store);
  cleanup_journal (path);
}

static void
test_daily_and_rotation (void)
{
  g_autofree char *path = dup_journal_path ();
  g_autoptr(AttuneStore) store = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) start = day_at_noon (2026, 1, 1);
  guint n_daily = 0, n_before = 0, n_set_aside = 0;

  store = attune_store_open (path, &error);
  g_assert_no_error (error);
  save_entries (store, 2, "Entry");

  /* Sixty days of use: one snapshot a day, however often it is asked. */
  for (int day = 0; day < 60; day++)
    {
      g_autoptr(GDateTime) morning = g_date_time_add_days (start, day);
      g_autoptr(GDateTime) evening = g_date_time_add_hours (morning, 8);
      g_autoptr(AttuneSnapshot) first = NULL;
      g_autoptr(AttuneSnapshot) second = NULL;

      g_assert_true (attune_snapshots_take_daily (path, morning, &first, &error));
      g_assert_no_error (error);
      g_assert_nonnull (first);
      g_assert_true (attune_snapshots_take_daily (path, evening, &second, &error));
      g_assert_no_error (error);
      g_assert_null (second);
    }

  /* Three before format changes, one set-aside journal. */
  for (int i = 0; i < 3; i++)
    {
      g_autoptr(GDateTime) when = g_date_time_add_days (start, i);
      g_autoptr(AttuneSnapshot) snapshot = attune_snapshots_take (path, ATTUNE_SNAPSHOT_BEFORE_UPDATE, when, &error);

      g_assert_no_error (error);
    }
  {
    g_autofree char *folder = attune_snapshots_dup_folder (path);
    g_autofree char *set_aside = g_build_filename (folder, "attune-set-aside-20250101T000000Z.db", NULL);
    g_autofree char *partial = g_build_filename (folder, "attune-daily-20260301T000000Z.db.partial", NULL);
    g_autofree char *contents = NULL;
    gsize length = 0;

    g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
    g_assert_true (g_file_set_contents (set_aside, contents, (gssize) length, NULL));
    /* A snapshot interrupted half-way is not listed. */
    g_assert_true (g_file_set_contents (partial, "half", -1, NULL));
  }

  attune_snapshots_rotate (path, NULL, &error);
  g_assert_no_error (error);

  list = attune_snapshots_list (path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < list->len; i++)
    {
      AttuneSnapshot *snapshot = g_ptr_array_index (list, i);

      switch (attune_snapshot_get_kind (snapshot))
        {
        case ATTUNE_SNAPSHOT_DAILY: n_daily++; break;
        case ATTUNE_SNAPSHOT_BEFORE_UPDATE: n_before++; break;
        case ATTUNE_SNAPSHOT_SET_ASIDE: n_set_aside++; break;
        case ATTUNE_SNAPSHOT_MANUAL:
        default: g_assert_not_reached ();
        }

      /* Newest first. */
      if (i > 0)
        g_assert_cmpint (g_date_time_compare (attune_snapshot_get_taken_at (g_ptr_array_index (list, i - 1)),
                                              attune_snapshot_get_taken_at (snapshot)), >=, 0);
    }

  g_assert_cmpuint (n_daily, ==, ATTUNE_SNAPSHOT_KEEP_DAILY + ATTUNE_SNAPSHOT_KEEP_WEEKLY);
  g_assert_cmpuint (n_before, ==, ATTUNE_SNAPSHOT_KEEP_BEFORE_UPDATE);
  g_assert_cmpuint (n_set_aside, ==, 1);

  /* The newest daily is the last day's. */
  {
    g_autoptr(GDateTime) last = g_date_time_add_days (start, 59);
    g_autoptr(GDateTime) local = g_date_time_to_local (attune_snapshot_get_taken_at (g_ptr_array_index (list, 0)));

    g_assert_cmpint (g_date_time_get_day_of_year (local), ==, g_date_time_get_day_of_year (last));
  }

  g_clear_object (&store);
  cleanup_journal (path);
}

static void
write_random_bytes (const char *path,
                    goffset     offset,
                    gsize       length)
{
  FILE *file = fopen (path, "r+b");

  g_assert_nonnull (file);
  g_assert_cmpint (fseek (file, offset, SEEK_SET), ==, 0);
  for (gsize i = 0; i < length; i++)
    fputc ((int) g_random_int_range (0, 256), file);
  g_assert_cmpint (fclose (file), ==, 0);
}

/* The drill: snapshot, damage, restore, compare. */
static void
test_restore_drill (void)
{
  g_autofree char *path = dup_journal_path ();
  g_autoptr(AttuneStore) store = NULL;
  g_autoptr(AttuneSnapshot) taken = NULL;
  g_autoptr(AttuneSnapshot) good = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *damaged_sha = NULL;
  g_autofree char *set_aside = NULL;
  g_autofree char *set_aside_sha = NULL;
  g_autoptr(GPtrArray) titles_before = g_ptr_array_new_with_free_func (g_free);
  GListModel *timeline;

  store = attune_store_open (path, &error);
  g_assert_no_error (error);
  save_entries (store, 40, "Kept");

  timeline = G_LIST_MODEL (attune_store_new_timeline (store));
  for (guint i = 0; i < g_list_model_get_n_items (timeline); i++)
    {
      g_autoptr(AttuneEntry) entry = g_list_model_get_item (timeline, i);

      g_ptr_array_add (titles_before, g_strdup (attune_entry_get_title (entry)));
    }
  g_object_unref (timeline);

  {
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
    g_autoptr(GDateTime) yesterday = g_date_time_add_days (now, -1);

    taken = attune_snapshots_take (path, ATTUNE_SNAPSHOT_DAILY, yesterday, &error);
    g_assert_no_error (error);
  }

  /* Later writing, then the file is damaged where the schema lives. */
  save_entries (store, 5, "Lost to the damage");
  g_clear_object (&store);
  write_random_bytes (path, 100, 4000);
  damaged_sha = file_sha256 (path);

  store = attune_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_CORRUPT);
  g_clear_error (&error);

  /* What the error page offers. */
  good = attune_snapshots_find_newest_good (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (good);
  g_assert_cmpstr (attune_snapshot_get_path (good), ==, attune_snapshot_get_path (taken));
  g_assert_cmpint (attune_snapshot_get_n_entries (good), ==, 40);

  g_assert_true (attune_snapshots_restore (path, good, NULL, &set_aside, &error));
  g_assert_no_error (error);

  /* The damaged journal is set aside, byte for byte, never deleted. */
  g_assert_nonnull (set_aside);
  set_aside_sha = file_sha256 (set_aside);
  g_assert_cmpstr (set_aside_sha, ==, damaged_sha);
  g_assert_cmpuint (file_mode (path), ==, 0600);

  store = attune_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (attune_store_count_entries (store, &error), ==, 40);

  timeline = G_LIST_MODEL (attune_store_new_timeline (store));
  g_assert_cmpuint (g_list_model_get_n_items (timeline), ==, titles_before->len);
  for (guint i = 0; i < g_list_model_get_n_items (timeline); i++)
    {
      g_autoptr(AttuneEntry) entry = g_list_model_get_item (timeline, i);

      g_assert_false (attune_entry_get_damaged (entry));
      g_assert_cmpstr (attune_entry_get_title (entry), ==, g_ptr_array_index (titles_before, i));
    }
  g_object_unref (timeline);

  /* The restored journal takes new writing. */
  save_entries (store, 1, "New");
  g_assert_cmpint (attune_store_count_entries (store, &error), ==, 41);

  /* The set-aside journal is listed, and never offered as a good one. */
  {
    g_autoptr(GPtrArray) list = attune_snapshots_list (path, &error);
    gboolean found = FALSE;

    for (guint i = 0; i < list->len; i++)
      if (g_strcmp0 (attune_snapshot_get_path (g_ptr_array_index (list, i)), set_aside) == 0)
        found = TRUE;
    g_assert_true (found);
  }

  g_clear_object (&store);
  cleanup_journal (path);
}

static void
test_restore_refuses_damaged_snapshot (void)
{
  g_autofree char *path = dup_journal_path ();
  g_autoptr(AttuneStore) store = NULL;
  g_autoptr(AttuneSnapshot) snapshot = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  store = attune_store_open (path, &error);
  g_assert_no_error (error);
  save_entries (store, 30, "Entry");
  snapshot = attune_snapshots_take (path, ATTUNE_SNAPSHOT_MANUAL, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  write_random_bytes (attune_snapshot_get_path (snapshot), 100, 4000);
  before = file_sha256 (path);

  g_assert_false (attune_snapshots_restore (path, snapshot, NULL, NULL, &error));
  g_assert_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_CORRUPT);
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  after = file_sha256 (path);
  g_assert_cmpstr (before, ==, after);
  g_assert_null (attune_snapshots_find_newest_good (path, &error));
  g_assert_no_error (error);

  cleanup_journal (path);
}

static void
test_before_update (void)
{
  g_autofree char *path = dup_journal_path ();
  g_autoptr(AttuneStore) store = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  guint old_version = attune_store_get_latest_schema_version () - 1;
  g_autofree char *old_sha = NULL;

  store = _attune_store_open_at_version (path, old_version, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (_attune_store_get_db (store),
                                 "INSERT INTO entries (uuid, kind, day, created_at, updated_at, title) "
                                 "VALUES ('00000000-0000-4000-8000-000000000001', 'note', '2024-01-01', 1, 1, 'Old');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_clear_object (&store);
  old_sha = file_sha256 (path);

  store = attune_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (attune_store_get_schema_version (store), ==, old_version + 1);

  list = attune_snapshots_list (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpint (attune_snapshot_get_kind (g_ptr_array_index (list, 0)), ==, ATTUNE_SNAPSHOT_BEFORE_UPDATE);
  g_assert_cmpuint (attune_snapshot_get_schema_version (g_ptr_array_index (list, 0)), ==, old_version);
  g_assert_cmpint (attune_snapshot_get_n_entries (g_ptr_array_index (list, 0)), ==, 1);

  /* Opening again does not take another. */
  g_clear_object (&store);
  g_clear_pointer (&list, g_ptr_array_unref);
  store = attune_store_open (path, &error);
  g_assert_no_error (error);
  list = attune_snapshots_list (path, &error);
  g_assert_cmpuint (list->len, ==, 1);

  g_clear_object (&store);
  cleanup_journal (path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/snapshot/take", test_take);
  g_test_add_func ("/snapshot/daily-and-rotation", test_daily_and_rotation);
  g_test_add_func ("/snapshot/restore-drill", test_restore_drill);
  g_test_add_func ("/snapshot/restore-refuses-damaged-snapshot", test_restore_refuses_damaged_snapshot);
  g_test_add_func ("/snapshot/before-update", test_before_update);

  return g_test_run ();
}

/* test-store.c
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

#include "attune-store.h"
#include "attune-store-private.h"

static AttuneStore *
open_default_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = attune_store_dup_default_path ();
  AttuneStore *store = attune_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);

  return store;
}

static AttuneEntry *
new_entry (const char *title,
           const char *body,
           const char *day)
{
  AttuneEntry *entry = attune_entry_new ();

  attune_entry_set_title (entry, title);
  attune_entry_set_body (entry, body);
  if (day != NULL)
    attune_entry_set_day (entry, day);

  return entry;
}

static void
save_ok (AttuneStore *store,
         AttuneEntry *entry)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = attune_store_save_entry (store, entry, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
}

static gint64
count_ok (AttuneStore *store)
{
  g_autoptr(GError) error = NULL;
  gint64 n = attune_store_count_entries (store, &error);

  g_assert_no_error (error);

  return n;
}

static void
test_default_path (void)
{
  g_autofree char *path = attune_store_dup_default_path ();
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "attune", "attune.db", NULL);

  g_assert_cmpstr (path, ==, expected);
}

static void
test_crud (void)
{
  g_autoptr(AttuneStore) store = open_default_store ();
  g_autoptr(AttuneEntry) entry = new_entry ("First", "Hello\nworld", "2024-03-01");
  g_autoptr(AttuneEntry) read = NULL;
  g_autoptr(AttuneEntry) missing = NULL;
  g_autoptr(GError) error = NULL;
  const char *tags[] = { "work", "sleep", NULL };
  gint64 id, created_at;

  g_assert_cmpuint (attune_store_get_schema_version (store), ==, attune_store_get_latest_schema_version ());
  g_assert_cmpint (count_ok (store), ==, 0);

  attune_entry_set_kind (entry, ATTUNE_ENTRY_KIND_CHECK_IN);
  attune_entry_set_mood (entry, 4);
  attune_entry_set_bring (entry, TRUE);
  attune_entry_set_tags (entry, tags);
  save_ok (store, entry);

  id = attune_entry_get_id (entry);
  created_at = attune_entry_get_created_at (entry);
  g_assert_cmpint (id, >, 0);
  g_assert_true (g_uuid_string_is_valid (attune_entry_get_uuid (entry)));
  g_assert_cmpint (created_at, >, 0);
  g_assert_cmpint (attune_entry_get_updated_at (entry), ==, created_at);
  g_assert_cmpint (count_ok (store), ==, 1);

  read = attune_store_get_entry (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (attune_entry_get_id (read), ==, id);
  g_assert_cmpstr (attune_entry_get_uuid (read), ==, attune_entry_get_uuid (entry));
  g_assert_cmpint (attune_entry_get_kind (read), ==, ATTUNE_ENTRY_KIND_CHECK_IN);
  g_assert_cmpstr (attune_entry_get_title (read), ==, "First");
  g_assert_cmpstr (attune_entry_get_body (read), ==, "Hello\nworld");
  g_assert_cmpstr (attune_entry_get_day (read), ==, "2024-03-01");
  g_assert_cmpint (attune_entry_get_mood (read), ==, 4);
  g_assert_true (attune_entry_get_bring (read));
  g_assert_cmpint (attune_entry_get_created_at (read), ==, created_at);
  g_assert_cmpint (attune_entry_get_updated_at (read), ==, created_at);
  {
    const char *expected[] = { "sleep", "work", NULL };

    g_assert_true (g_strv_equal (attune_entry_get_tags (read), expected));
  }
  g_clear_object (&read);

  /* Update */
  g_usleep (2000);
  attune_entry_set_body (entry, "Changed");
  attune_entry_set_mood (entry, ATTUNE_MOOD_NONE);
  save_ok (store, entry);
  g_assert_cmpint (attune_entry_get_id (entry), ==, id);
  g_assert_cmpint (attune_entry_get_created_at (entry), ==, created_at);
  g_assert_cmpint (attune_entry_get_updated_at (entry), >, created_at);

  read = attune_store_get_entry_by_uuid (store, attune_entry_get_uuid (entry), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (attune_entry_get_body (read), ==, "Changed");
  g_assert_cmpint (attune_entry_get_mood (read), ==, ATTUNE_MOOD_NONE);
  g_assert_cmpint (count_ok (store), ==, 1);

  /* Delete */
  g_assert_true (attune_store_delete_entry (store, id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_ok (store), ==, 0);

  missing = attune_store_get_entry (store, id, &error);
  g_assert_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_NOT_FOUND);
  g_assert_null (missing);
  g_clear_error (&error);

  g_assert_false (attune_store_delete_entry (store, id, &error));
  g_assert_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Updating a deleted entry does not bring it back. */
  g_assert_false (attune_store_save_entry (store, entry, &error));
  g_assert_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (count_ok (store), ==, 0);
}

static void
test_restore (void)
{
  g_autoptr(AttuneStore) store = open_default_store ();
  g_autoptr(AttuneEntry) entry = new_entry ("Keep me", "Body", "2024-01-02");
  g_autoptr(AttuneEntry) before = NULL;
  g_autoptr(AttuneEntry) after = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) listed = NULL;
  const char *tags[] = { "Undo", NULL };

  attune_entry_set_tags (entry, tags);
  save_ok (store, entry);

  before = attune_store_get_entry (store, attune_entry_get_id (entry), &error);
  g_assert_no_error (error);

  g_assert_true (attune_store_delete_entry (store, attune_entry_get_id (entry), &error));
  g_assert_no_error (error);

  listed = attune_store_list_tags (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (listed), ==, 0);
  g_clear_pointer (&listed, g_strfreev);

  g_assert_true (attune_store_restore_entry (store, before, &error));
  g_assert_no_error (error);

  after = attune_store_get_entry_by_uuid (store, attune_entry_get_uuid (before), &error);
  g_assert_no_error (error);
  g_assert_cmpint (attune_entry_get_id (after), ==, attune_entry_get_id (before));
  g_assert_cmpstr (attune_entry_get_uuid (after), ==, attune_entry_get_uuid (before));
  g_assert_cmpint (attune_entry_get_created_at (after), ==, attune_entry_get_created_at (before));
  g_assert_cmpint (attune_entry_get_updated_at (after), ==, attune_entry_get_updated_at (before));
  g_assert_cmpstr (attune_entry_get_title (after), ==, "Keep me");
  g_assert_true (g_strv_equal (attune_entry_get_tags (after), tags));
  g_assert_cmpint (count_ok (store), ==, 1);

  listed = attune_store_list_tags (store, &error);
  g_assert_no_error (error);
  g_assert_true (g_strv_equal ((const char * const *) listed, tags));

  /* Restoring twice is refused and changes nothing. */
  g_assert_false (attune_store_restore_entry (store, before, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (count_ok (store), ==, 1);
}

static void
test_tags (void)
{
  g_autoptr(AttuneStore) store = open_default_store ();
  g_autoptr(AttuneEntry) first = new_entry ("One", "", "2024-01-01");
  g_autoptr(AttuneEntry) second = new_entry ("Two", "", "2024-01-02");
  g_autoptr(AttuneEntry) read = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) listed = NULL;
  const char *first_tags[] = { " work ", "Work", "anxiety", "Family", "WORK", NULL };
  const char *second_tags[] = { "ANXIETY", NULL };
  const char *fewer_tags[] = { "family", NULL };

  attune_entry_set_tags (first, first_tags);
  save_ok (store, first);

  {
    /* The object holds what was stored: stripped, deduplicated. */
    const char *expected[] = { "work", "anxiety", "Family", NULL };

    g_assert_true (g_strv_equal (attune_entry_get_tags (first), expected));
  }

  read = attune_store_get_entry (store, attune_entry_get_id (first), &error);
  g_assert_no_error (error);
  {
    const char *expected[] = { "anxiety", "Family", "work", NULL };

    g_assert_true (g_strv_equal (attune_entry_get_tags (read), expected));
  }
  g_clear_object (&read);

  /* The same tag in another case is the same tag. */
  attune_entry_set_tags (second, second_tags);
  save_ok (store, second);

  listed = attune_store_list_tags (store, &error);
  g_assert_no_error (error);
  {
    const char *expected[] = { "anxiety", "Family", "work", NULL };

    g_assert_true (g_strv_equal ((const char * const *) listed, expected));
  }
  g_clear_pointer (&listed, g_strfreev);

  /* Tags nobody uses any more disappear. */
  attune_entry_set_tags (first, fewer_tags);
  save_ok (store, first);

  listed = attune_store_list_tags (store, &error);
  g_assert_no_error (error);
  {
    const char *expected[] = { "anxiety", "Family", NULL };

    g_assert_true (g_strv_equal ((const char * const *) listed, expected));
  }
  g_clear_pointer (&listed, g_strfreev);

  g_assert_true (attune_store_delete_entry (store, attune_entry_get_id (second), &error));
  g_assert_no_error (error);

  listed = attune_store_list_tags (store, &error);
  g_assert_no_error (error);
  {
    const char *expected[] = { "Family", NULL };

    g_assert_true (g_strv_equal ((const char * const *) listed, expected));
  }
}

static GArray *
search_ids (AttuneStore *store,
            const char  *query)
{
  g_autoptr(AttuneTimeline) timeline = attune_store_new_timeline (store);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint n;

  attune_timeline_set_query (timeline, query);
  n = g_list_model_get_n_items (G_LIST_MODEL (timeline));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AttuneEntry) entry = g_list_model_get_item (G_LIST_MODEL (timeline), i);
      gint64 id = attune_entry_get_id (entry);

      g_array_append_val (ids, id);
    }

  g_assert_null (attune_timeline_get_error (timeline));

  return ids;
}

static void
assert_search (AttuneStore *store,
               const char  *query,
               ...)
{
  g_autoptr(GArray) ids = search_ids (store, query);
  va_list args;
  guint i = 0;
  AttuneEntry *expected;

  va_start (args, query);
  while ((expected = va_arg (args, AttuneEntry *)) != NULL)
    {
      if (i >= ids->len)
        g_error ("query “%s”: only %u results", query, ids->len);
      g_assert_cmpint (g_array_index (ids, gint64, i), ==, attune_entry_get_id (expected));
      i++;
    }
  va_end (args);

  if (i != ids->len)
    g_error ("query “%s”: %u results, expected %u", query, ids->len, i);
}

static void
test_search (void)
{
  g_autoptr(AttuneStore) store = open_default_store ();
  g_autoptr(AttuneEntry) cafe = new_entry ("Café with Sam", "We talked about anxiety.", "2024-05-01");
  g_autoptr(AttuneEntry) german = new_entry ("Übung", "Ärger über die Prüfung", "2024-05-02");
  g_autoptr(AttuneEntry) russian = new_entry ("", "Привет, мир. Тревога прошла.", "2024-05-03");
  g_autoptr(AttuneEntry) japanese = new_entry ("", "日本語のテキスト", "2024-05-04");
  g_autoptr(AttuneEntry) tagged = new_entry ("Plain", "Nothing special \"quoted\"", "2024-05-05");
  const char *tags[] = { "self-care", "Ängste", NULL };

  attune_entry_set_tags (tagged, tags);
  save_ok (store, cafe);
  save_ok (store, german);
  save_ok (store, russian);
  save_ok (store, japanese);
  save_ok (store, tagged);

  /* Accents and case do not matter, either way round. */
  assert_search (store, "cafe", cafe, NULL);
  assert_search (store, "CAFÉ", cafe, NULL);
  assert_search (store, "uber", german, NULL);
  assert_search (store, "ÄRGER", german, NULL);
  assert_search (store, "prufung", german, NULL);
  assert_search (store, "übung", german, NULL);
  /* Cyrillic folds case too. */
  assert_search (store, "ПРИВЕТ", russian, NULL);
  assert_search (store, "трев", russian, NULL);
  /* Words are prefixes, and all must match. */
  assert_search (store, "anx", cafe, NULL);
  assert_search (store, "cafe anx", cafe, NULL);
  assert_search (store, "cafe prufung", NULL);
  /* Tags are searched too. */
  assert_search (store, "self", tagged, NULL);
  assert_search (store, "self-care", tagged, NULL);
  assert_search (store, "angste", tagged, NULL);
  /* Quotes and FTS5 syntax are taken literally. */
  assert_search (store, "\"quoted", tagged, NULL);
  assert_search (store, "NOT anxiety", NULL);
  assert_search (store, "body:anx*", NULL);
  /* No words at all shows everything, newest first. */
  assert_search (store, "   ", tagged, japanese, russian, german, cafe, NULL);
  assert_search (store, "!!! ?", tagged, japanese, russian, german, cafe, NULL);
  /* unicode61 does not split Japanese into words: a run of kana and kanji is
   * one token, so only its beginning can be searched. */
  assert_search (store, "日本語", japanese, NULL);
  assert_search (store, "テキスト", NULL);
}

static void
assert_invalid (AttuneStore *store,
                AttuneEntry *entry)
{
  g_autoptr(GError) error = NULL;
  gint64 id = attune_entry_get_id (entry);
  gint64 before = count_ok (store);

  g_assert_false (attune_store_save_entry (store, entry, &error));
  g_assert_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_INVALID);
  g_assert_cmpint (attune_entry_get_id (entry), ==, id);
  g_assert_cmpint (count_ok (store), ==, before);
}

static void
test_invalid (void)
{
  g_autoptr(AttuneStore) store = open_default_store ();
  g_autoptr(AttuneEntry) saved = new_entry ("Saved", "Good", "2024-02-28");
  g_autoptr(AttuneEntry) read = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *long_tag = g_strnfill (65, 'x');
  g_autofree char *longest_tag = g_strnfill (64, 'y');
  g_autoptr(GPtrArray) many_tags = g_ptr_array_new_with_free_func (g_free);
  const char *bad_tags[] = { "ok", long_tag, NULL };
  const char *blank_tags[] = { "   ", NULL };
  const char *control_tags[] = { "a\x1f" "b", NULL };
  const char *good_tags[] = { longest_tag, NULL };

  save_ok (store, saved);

  for (guint i = 0; i < 2; i++)
    {
      /* First as new entries, then as updates of a saved one. */
      g_autoptr(AttuneEntry) entry = i == 0 ? new_entry ("T", "B", "2024-02-28")
                                            : attune_entry_copy (saved);

      attune_entry_set_title (entry, "bad \xff\xfe title");
      assert_invalid (store, entry);
      attune_entry_set_title (entry, "T");

      attune_entry_set_body (entry, "bad \xc3\x28 body");
      assert_invalid (store, entry);
      attune_entry_set_body (entry, "B");

      attune_entry_set_day (entry, "2024-02-30");
      assert_invalid (store, entry);
      attune_entry_set_day (entry, "yesterday");
      assert_invalid (store, entry);
      attune_entry_set_day (entry, "2024-2-3");
      assert_invalid (store, entry);
      attune_entry_set_day (entry, NULL);
      assert_invalid (store, entry);
      attune_entry_set_day (entry, "2024-02-28");

      attune_entry_set_mood (entry, 7);
      assert_invalid (store, entry);
      attune_entry_set_mood (entry, -1);
      assert_invalid (store, entry);
      attune_entry_set_mood (entry, 0);

      attune_entry_set_tags (entry, bad_tags);
      assert_invalid (store, entry);
      attune_entry_set_tags (entry, blank_tags);
      assert_invalid (store, entry);
      attune_entry_set_tags (entry, control_tags);
      assert_invalid (store, entry);

      g_ptr_array_set_size (many_tags, 0);
      for (guint t = 0; t < 33; t++)
        g_ptr_array_add (many_tags, g_strdup_printf ("tag%u", t));
      g_ptr_array_add (many_tags, NULL);
      attune_entry_set_tags (entry, (const char * const *) many_tags->pdata);
      assert_invalid (store, entry);
    }

  /* The saved entry was not touched by the failed updates. */
  read = attune_store_get_entry (store, attune_entry_get_id (saved), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (attune_entry_get_title (read), ==, "Saved");
  g_assert_cmpstr (attune_entry_get_body (read), ==, "Good");
  g_assert_cmpint (attune_entry_get_updated_at (read), ==, attune_entry_get_updated_at (saved));

  /* The limits themselves are allowed. */
  attune_entry_set_tags (saved, good_tags);
  attune_entry_set_mood (saved, 5);
  attune_entry_set_day (saved, "2024-02-29");
  save_ok (store, saved);

  g_ptr_array_set_size (many_tags, 0);
  for (guint t = 0; t < 32; t++)
    g_ptr_array_add (many_tags, g_strdup_printf ("tag%u", t));
  g_ptr_array_add (many_tags, NULL);
  attune_entry_set_tags (saved, (const char * const *) many_tags->pdata);
  save_ok (store, saved);
}

static void
test_drafts (void)
{
  g_autoptr(AttuneStore) store = open_default_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *gone = NULL;

  missing = attune_store_load_draft (store, "new", &error);
  g_assert_no_error (error);
  g_assert_null (missing);

  g_assert_true (attune_store_save_draft (store, "new", "{\"title\":\"a\"}", &error));
  g_assert_no_error (error);
  first = attune_store_load_draft (store, "new", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first, ==, "{\"title\":\"a\"}");

  g_assert_true (attune_store_save_draft (store, "new", "ünïcødé", &error));
  g_assert_no_error (error);
  second = attune_store_load_draft (store, "new", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (second, ==, "ünïcødé");

  g_assert_false (attune_store_save_draft (store, "new", "\xff", &error));
  g_assert_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (attune_store_delete_draft (store, "new", &error));
  g_assert_no_error (error);
  g_assert_true (attune_store_delete_draft (store, "new", &error));
  g_assert_no_error (error);
  gone = attune_store_load_draft (store, "new", &error);
  g_assert_no_error (error);
  g_assert_null (gone);
}

static void
assert_mode (const char *path,
             guint       expected)
{
  struct stat st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 07777, ==, expected);
}

static void
test_file_modes (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "deep", "attune", NULL);
  g_autofree char *path = g_build_filename (dir, "attune.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr(AttuneStore) store = NULL;
  g_autoptr(AttuneEntry) entry = new_entry ("Private", "Secret", NULL);
  g_autoptr(GError) error = NULL;

  /* Whatever the umask, the journal is private. */
  umask (0);
  store = attune_store_open (path, &error);
  umask (022);
  g_assert_no_error (error);

  save_ok (store, entry);

  assert_mode (dir, 0700);
  assert_mode (path, 0600);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (shm, G_FILE_TEST_EXISTS));
  assert_mode (wal, 0600);
  assert_mode (shm, 0600);

  /* A journal made looser by someone else is made private again. */
  g_clear_object (&store);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
  store = attune_store_open (path, &error);
  g_assert_no_error (error);
  assert_mode (path, 0600);
}

static gint64
pragma_int (sqlite3    *db,
            const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);

  return sqlite3_column_int64 (stmt, 0);
}

static void
test_pragmas (void)
{
  g_autoptr(AttuneStore) store = open_default_store ();
  sqlite3 *db = _attune_store_get_db (store);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA journal_mode", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");

  g_assert_cmpint (pragma_int (db, "PRAGMA synchronous"), ==, 2);
  g_assert_cmpint (pragma_int (db, "PRAGMA secure_delete"), ==, 1);
  g_assert_cmpint (pragma_int (db, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (pragma_int (db, "PRAGMA busy_timeout"), ==, 5000);
  g_assert_cmpint (pragma_int (db, "PRAGMA user_version"), ==, attune_store_get_latest_schema_version ());
}

static void
test_timeline_uses_index (void)
{
  g_autoptr(AttuneStore) store = open_default_store ();
  sqlite3 *db = _attune_store_get_db (store);
  const char *queries[] = {
    "SELECT count(*) FROM entries AS e WHERE (e.day, e.created_at, e.id) > ('2024-01-01', 1, 1) AND e.id != 1",
    "SELECT e.id FROM entries AS e ORDER BY " ATTUNE_ENTRY_ORDER " LIMIT 64 OFFSET 64",
    "SELECT e.id FROM entries AS e WHERE (e.day, e.created_at, e.id) < ('2024-01-01', 1, 1) "
    "ORDER BY " ATTUNE_ENTRY_ORDER " LIMIT 64",
  };

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autofree char *sql = g_strconcat ("EXPLAIN QUERY PLAN ", queries[i], NULL);
      g_autoptr(sqlite3_stmt) stmt = NULL;
      g_autoptr(GString) plan = g_string_new (NULL);

      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_string_append_printf (plan, "%s\n", sqlite3_column_text (stmt, 3));

      g_test_message ("%s\n→ %s", queries[i], plan->str);
      g_assert_nonnull (strstr (plan->str, "entries_timeline"));
      g_assert_null (strstr (plan->str, "TEMP B-TREE"));
    }
}

static void
insert_v1_rows (AttuneStore *store)
{
  sqlite3 *db = _attune_store_get_db (store);
  int rc;

  /* What version 1 of Attune would have written. */
  rc = sqlite3_exec (db,
                     "INSERT INTO entries (id, uuid, kind, day, created_at, updated_at, title, body, tag_text, bring) "
                     "VALUES (1, 'a1b2c3d4-0000-4000-8000-000000000001', 'note', '2023-12-24', 10, 10, "
                     "'Old café', 'Written long ago', 'winter', 1);"
                     "INSERT INTO entries (id, uuid, kind, day, created_at, updated_at, mood, tag_text) "
                     "VALUES (2, 'a1b2c3d4-0000-4000-8000-000000000002', 'check-in', '2023-12-25', 20, 20, 3, '');"
                     "INSERT INTO tags (id, name) VALUES (1, 'winter');"
                     "INSERT INTO entry_tags (entry_id, tag_id) VALUES (1, 1);"
                     "INSERT INTO drafts (key, data, updated_at) VALUES ('k', 'draft', 5);",
                     NULL, NULL, NULL);
  g_assert_cmpint (rc, ==, SQLITE_OK);
}

/* Words altered on disk are never shown as the person's own: a row whose
 * text no longer matches its checksum reads as damaged, with its words left
 * out; other rows are untouched, and saving new words makes it whole. */
static void
test_damaged_text (void)
{
  g_autoptr(AttuneStore) store = open_default_store ();
  g_autoptr(AttuneEntry) good = new_entry ("Kept", "Still right", "2024-03-01");
  g_autoptr(AttuneEntry) bad = new_entry ("Altered", "Secret words", "2024-03-02");
  g_autoptr(AttuneEntry) read = NULL;
  g_autoptr(AttuneCheckIn) check_in = attune_check_in_new ();
  g_autoptr(AttuneCheckIn) read_check_in = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  sqlite3 *db = _attune_store_get_db (store);
  const char *tags[] = { "grief", NULL };
  char *sql;

  attune_entry_set_tags (bad, tags);
  g_assert_true (attune_store_save_entry (store, good, &error));
  g_assert_true (attune_store_save_entry (store, bad, &error));
  g_assert_no_error (error);

  /* Every row has its sum, and an update keeps it. */
  g_assert_cmpint (pragma_int (db, "SELECT count(*) FROM entries WHERE text_sum IS NULL"), ==, 0);
  attune_entry_set_body (good, "Still right, and more");
  g_assert_true (attune_store_save_entry (store, good, &error));
  read = attune_store_get_entry (store, attune_entry_get_id (good), &error);
  g_assert_no_error (error);
  g_assert_false (attune_entry_get_damaged (read));
  g_assert_cmpstr (attune_entry_get_body (read), ==, "Still right, and more");
  g_clear_object (&read);

  /* Change the stored words behind the checksum's back, as a bad sector
   * would: the sum no longer matches. */
  sql = g_strdup_printf ("UPDATE entries SET text_sum = text_sum + 1 WHERE id = %" G_GINT64_FORMAT,
                         attune_entry_get_id (bad));
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_free (sql);

  read = attune_store_get_entry (store, attune_entry_get_id (bad), &error);
  g_assert_no_error (error);
  g_assert_true (attune_entry_get_damaged (read));
  g_assert_cmpstr (attune_entry_get_title (read), ==, "");
  g_assert_cmpstr (attune_entry_get_body (read), ==, "");
  g_assert_null (attune_entry_get_tags (read)[0]);
  title = attune_entry_dup_display_title (read);
  g_assert_cmpstr (title, ==, "Damaged entry");
  g_assert_cmpstr (attune_entry_get_day (read), ==, "2024-03-02");
  g_clear_object (&read);

  read = attune_store_get_entry (store, attune_entry_get_id (good), &error);
  g_assert_false (attune_entry_get_damaged (read));
  g_clear_object (&read);

  /* The person rewrites it: whole again. */
  attune_entry_set_body (bad, "Written again");
  g_assert_true (attune_store_save_entry (store, bad, &error));
  g_assert_no_error (error);
  read = attune_store_get_entry (store, attune_entry_get_id (bad), &error);
  g_assert_false (attune_entry_get_damaged (read));
  g_assert_cmpstr (attune_entry_get_body (read), ==, "Written again");
  g_clear_object (&read);

  /* A check-in's written answers have their own sum. */
  attune_check_in_set_session_at (check_in, 1700000000);
  attune_check_in_set_what_happened (check_in, "They looked at the clock");
  attune_check_in_set_message (check_in, "I felt rushed");
  g_assert_true (attune_store_save_check_in (store, check_in, &error));
  g_assert_no_error (error);
  read_check_in = attune_store_get_check_in (store, attune_check_in_get_entry_id (check_in), &error);
  g_assert_no_error (error);
  g_assert_false (attune_check_in_get_damaged (read_check_in));
  g_assert_cmpstr (attune_check_in_get_message (read_check_in), ==, "I felt rushed");
  g_clear_object (&read_check_in);

  g_assert_cmpint (sqlite3_exec (db, "UPDATE check_ins SET text_sum = NULL", NULL, NULL, NULL), ==, SQLITE_OK);
  read_check_in = attune_store_get_check_in (store, attune_check_in_get_entry_id (check_in), &error);
  g_assert_no_error (error);
  g_assert_true (attune_check_in_get_damaged (read_check_in));
  g_assert_cmpstr (attune_check_in_get_what_happened (read_check_in), ==, "");
  g_assert_cmpstr (attune_check_in_get_message (read_check_in), ==, "");
  g_assert_cmpint (attune_check_in_get_session_at (read_check_in), ==, 1700000000);

  /* Tag names live in their own table: one altered there shows on every
   * entry that has it, so they are checked against the entry's words. */
  {
    g_autoptr(AttuneEntry) tagged = new_entry ("Tagged", "Walked by the river", "2024-03-03");
    g_autoptr(AttuneEntry) cased = new_entry ("Cased", "Same tag, other case", "2024-03-04");
    const char *walk[] = { "long walks", "River", NULL };
    const char *walk_upper[] = { "LONG WALKS", NULL };

    attune_entry_set_tags (tagged, walk);
    attune_entry_set_tags (cased, walk_upper);
    g_assert_true (attune_store_save_entry (store, tagged, &error));
    g_assert_true (attune_store_save_entry (store, cased, &error));
    g_assert_no_error (error);

    read = attune_store_get_entry (store, attune_entry_get_id (cased), &error);
    g_assert_false (attune_entry_get_damaged (read));
    g_assert_cmpstr (attune_entry_get_tags (read)[0], ==, "long walks");
    g_clear_object (&read);

    g_assert_cmpint (sqlite3_exec (db, "UPDATE tags SET name = 'long talks' WHERE name = 'long walks'",
                                   NULL, NULL, NULL), ==, SQLITE_OK);
    read = attune_store_get_entry (store, attune_entry_get_id (tagged), &error);
    g_assert_true (attune_entry_get_damaged (read));
    g_clear_object (&read);
    read = attune_store_get_entry (store, attune_entry_get_id (cased), &error);
    g_assert_true (attune_entry_get_damaged (read));
    g_clear_object (&read);
  }
}

static void
test_migrations (void)
{
  guint latest = attune_store_get_latest_schema_version ();

  g_assert_cmpuint (latest, >=, 2);

  for (guint version = 0; version < latest; version++)
    {
      g_autofree char *name = g_strdup_printf ("from-%u.db", version);
      g_autofree char *path = g_build_filename (g_get_user_data_dir (), name, NULL);
      g_autoptr(AttuneStore) store = NULL;
      g_autoptr(GError) error = NULL;
      gboolean has_rows = version >= 1;

      store = _attune_store_open_at_version (path, version, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (attune_store_get_schema_version (store), ==, version);
      g_assert_cmpint (pragma_int (_attune_store_get_db (store), "PRAGMA user_version"), ==, version);
      if (has_rows)
        insert_v1_rows (store);
      g_clear_object (&store);

      store = attune_store_open (path, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (attune_store_get_schema_version (store), ==, latest);
      g_assert_cmpint (pragma_int (_attune_store_get_db (store), "PRAGMA user_version"), ==, latest);

      if (has_rows)
        {
          g_autoptr(AttuneEntry) old = NULL;
          g_autoptr(AttuneEntry) entry = new_entry ("New", "After the upgrade", "2024-01-01");
          g_autofree char *draft = NULL;
          g_auto(GStrv) tags = NULL;

          g_assert_cmpint (count_ok (store), ==, 2);

          old = attune_store_get_entry (store, 1, &error);
          g_assert_no_error (error);
          g_assert_cmpstr (attune_entry_get_title (old), ==, "Old café");
          g_assert_cmpstr (attune_entry_get_tags (old)[0], ==, "winter");

          draft = attune_store_load_draft (store, "k", &error);
          g_assert_no_error (error);
          g_assert_cmpstr (draft, ==, "draft");

          tags = attune_store_list_tags (store, &error);
          g_assert_no_error (error);
          g_assert_cmpstr (tags[0], ==, "winter");

          /* Before version 3, "bring to my next session" was only a flag:
           * the entry is now on the list for next session. */
          if (version < 3)
            {
              GListModel *agenda = attune_store_get_agenda (store);
              g_autoptr(AttuneAgendaItem) item = NULL;

              g_assert_cmpuint (g_list_model_get_n_items (agenda), ==, 1);
              item = g_list_model_get_item (agenda, 0);
              g_assert_cmpstr (attune_agenda_item_get_text (item), ==, "Old café");
              g_assert_cmpint (attune_agenda_item_get_entry_id (item), ==, 1);
              g_assert_false (attune_agenda_item_get_done (item));
              g_assert_true (attune_entry_get_bring (old));
            }

          /* Rows written before full-text search existed are found, also by the first
           * letters of a word, from the prefix indexes of schema 5. */
          assert_search (store, "cafe", old, NULL);
          assert_search (store, "winter", old, NULL);
          assert_search (store, "w", old, NULL);
          assert_search (store, "caf wint", old, NULL);
          {
            g_autoptr(sqlite3_stmt) stmt = NULL;

            g_assert_cmpint (sqlite3_prepare_v2 (_attune_store_get_db (store),
                                                 "SELECT sql FROM sqlite_schema WHERE name = 'entries_fts'",
                                                 -1, &stmt, NULL), ==, SQLITE_OK);
            g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
            g_assert_nonnull (strstr ((const char *) sqlite3_column_text (stmt, 0), "detail = none"));
            g_assert_nonnull (strstr ((const char *) sqlite3_column_text (stmt, 0), "prefix = '1 2 3 4 5 6 7 8'"));
          }

          save_ok (store, entry);
          g_assert_cmpint (count_ok (store), ==, 3);
          assert_search (store, "upgrade", entry, NULL);

          g_assert_true (attune_store_delete_entry (store, 1, &error));
          g_assert_no_error (error);
          g_assert_cmpint (count_ok (store), ==, 2);
          assert_search (store, "cafe", NULL);
        }
      else
        {
          g_assert_cmpint (count_ok (store), ==, 0);
        }
    }
}

static guint notify_count;

static void
notified_cb (GObject    *object,
             GParamSpec *pspec,
             gpointer    user_data)
{
  notify_count++;
}

static void
test_entry_object (void)
{
  g_autoptr(AttuneEntry) entry = attune_entry_new ();
  g_autoptr(AttuneEntry) copy = NULL;
  g_autofree char *today = attune_day_today ();
  g_autofree char *display = NULL;
  g_autofree char *excerpt = NULL;
  g_autofree char *long_line = NULL;
  GDate *date;
  const char *tags[] = { "a", "b", NULL };
  const char *blank_tags[] = { " ", NULL };

  g_assert_cmpstr (attune_entry_get_day (entry), ==, today);
  g_assert_true (attune_day_is_valid (today));
  g_assert_cmpint (attune_entry_get_id (entry), ==, 0);
  g_assert_null (attune_entry_get_uuid (entry));
  g_assert_cmpstr (attune_entry_get_title (entry), ==, "");
  g_assert_nonnull (attune_entry_get_tags (entry));
  g_assert_true (attune_entry_is_empty (entry));

  g_signal_connect (entry, "notify", G_CALLBACK (notified_cb), NULL);
  notify_count = 0;
  attune_entry_set_title (entry, "Hi");
  attune_entry_set_title (entry, "Hi");
  attune_entry_set_mood (entry, 3);
  attune_entry_set_mood (entry, 3);
  attune_entry_set_bring (entry, TRUE);
  attune_entry_set_bring (entry, TRUE);
  attune_entry_set_tags (entry, tags);
  attune_entry_set_tags (entry, tags);
  attune_entry_set_kind (entry, ATTUNE_ENTRY_KIND_CHECK_IN);
  attune_entry_set_kind (entry, ATTUNE_ENTRY_KIND_CHECK_IN);
  attune_entry_set_day (entry, "2020-02-29");
  attune_entry_set_day (entry, "2020-02-29");
  attune_entry_set_body (entry, "x");
  attune_entry_set_body (entry, "x");
  g_assert_cmpuint (notify_count, ==, 7);

  g_object_set (entry, "title", "Via property", NULL);
  g_assert_cmpuint (notify_count, ==, 8);

  date = attune_entry_dup_day (entry);
  g_assert_nonnull (date);
  g_assert_cmpint (g_date_get_year (date), ==, 2020);
  g_assert_cmpint (g_date_get_month (date), ==, 2);
  g_assert_cmpint (g_date_get_day (date), ==, 29);
  g_date_free (date);

  copy = attune_entry_copy (entry);
  g_assert_cmpstr (attune_entry_get_title (copy), ==, "Via property");
  g_assert_cmpint (attune_entry_get_kind (copy), ==, ATTUNE_ENTRY_KIND_CHECK_IN);
  g_assert_cmpint (attune_entry_get_mood (copy), ==, 3);
  g_assert_true (attune_entry_get_bring (copy));
  g_assert_true (g_strv_equal (attune_entry_get_tags (copy), tags));
  g_assert_cmpstr (attune_entry_get_day (copy), ==, "2020-02-29");

  /* Display titles */
  display = attune_entry_dup_display_title (entry);
  g_assert_cmpstr (display, ==, "Via property");
  g_clear_pointer (&display, g_free);

  attune_entry_set_title (entry, "  ");
  attune_entry_set_body (entry, "\n\n  First line  \nSecond line");
  display = attune_entry_dup_display_title (entry);
  g_assert_cmpstr (display, ==, "First line");
  g_clear_pointer (&display, g_free);

  long_line = g_strnfill (100, 'a');
  attune_entry_set_body (entry, long_line);
  display = attune_entry_dup_display_title (entry);
  g_assert_cmpint (g_utf8_strlen (display, -1), <=, 60);
  g_assert_true (g_str_has_suffix (display, "…"));
  g_clear_pointer (&display, g_free);

  attune_entry_set_body (entry, " \n\t ");
  display = attune_entry_dup_display_title (entry);
  g_assert_cmpstr (display, ==, "Untitled entry");

  /* Excerpts */
  attune_entry_set_body (entry, "One\n\ntwo   three\tfour");
  excerpt = attune_entry_dup_excerpt (entry, 0);
  g_assert_cmpstr (excerpt, ==, "One two three four");
  g_clear_pointer (&excerpt, g_free);
  excerpt = attune_entry_dup_excerpt (entry, 100);
  g_assert_cmpstr (excerpt, ==, "One two three four");
  g_clear_pointer (&excerpt, g_free);
  excerpt = attune_entry_dup_excerpt (entry, 8);
  g_assert_cmpstr (excerpt, ==, "One two…");
  g_clear_pointer (&excerpt, g_free);
  attune_entry_set_body (entry, "ééééé");
  excerpt = attune_entry_dup_excerpt (entry, 3);
  g_assert_cmpstr (excerpt, ==, "éé…");

  /* Emptiness */
  attune_entry_set_title (entry, " ");
  attune_entry_set_body (entry, "\n");
  attune_entry_set_tags (entry, blank_tags);
  g_assert_true (attune_entry_is_empty (entry));
  attune_entry_set_tags (entry, tags);
  g_assert_false (attune_entry_is_empty (entry));

  /* Days */
  g_assert_true (attune_day_is_valid ("2024-12-31"));
  g_assert_false (attune_day_is_valid ("2023-02-29"));
  g_assert_false (attune_day_is_valid ("0000-01-01"));
  g_assert_false (attune_day_is_valid ("2024-13-01"));
  g_assert_false (attune_day_is_valid ("2024-01-01x"));
  g_assert_false (attune_day_is_valid ("2024/01/01"));
  g_assert_false (attune_day_is_valid (""));
  g_assert_false (attune_day_is_valid (NULL));

  attune_entry_set_day (entry, "nonsense");
  g_assert_null (attune_entry_dup_day (entry));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store/default-path", test_default_path);
  g_test_add_func ("/store/crud", test_crud);
  g_test_add_func ("/store/restore", test_restore);
  g_test_add_func ("/store/tags", test_tags);
  g_test_add_func ("/store/search", test_search);
  g_test_add_func ("/store/invalid", test_invalid);
  g_test_add_func ("/store/drafts", test_drafts);
  g_test_add_func ("/store/file-modes", test_file_modes);
  g_test_add_func ("/store/pragmas", test_pragmas);
  g_test_add_func ("/store/timeline-uses-index", test_timeline_uses_index);
  g_test_add_func ("/store/damaged-text", test_damaged_text);
  g_test_add_func ("/store/migrations", test_migrations);
  g_test_add_func ("/store/entry-object", test_entry_object);

  return g_test_run ();
}

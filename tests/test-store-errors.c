/* test-store-errors.c
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "attune-store.h"
#include "attune-store-private.h"

/* Every failure to open must leave the file exactly as it was: same bytes,
 * and no -wal, -shm or -journal file where there was none. */
typedef struct
{
  char     *sha256;
  goffset   size;
  gboolean  exists;
  gboolean  side_files[3];
} Snapshot;

static const char * const side_suffixes[] = { "-wal", "-shm", "-journal" };

static void
take_snapshot (const char *path,
               Snapshot   *snapshot)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  memset (snapshot, 0, sizeof *snapshot);

  snapshot->exists = g_file_test (path, G_FILE_TEST_EXISTS);
  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_autoptr(GError) error = NULL;

      g_file_get_contents (path, &contents, &length, &error);
      g_assert_no_error (error);
      snapshot->sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
      snapshot->size = (goffset) length;
    }

  for (guint i = 0; i < G_N_ELEMENTS (side_suffixes); i++)
    {
      g_autofree char *side = g_strconcat (path, side_suffixes[i], NULL);

      snapshot->side_files[i] = g_file_test (side, G_FILE_TEST_EXISTS);
    }
}

static void
assert_open_fails (const char *path,
                   int         expected_code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttuneStore) store = NULL;
  Snapshot before, after;

  take_snapshot (path, &before);

  store = attune_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, ATTUNE_STORE_ERROR, expected_code);
  g_test_message ("%s", error->message);

  /* The message is a sentence, not a code. */
  g_assert_true (g_str_has_suffix (error->message, ".") || g_str_has_suffix (error->message, ")"));
  g_assert_cmpuint (strlen (error->message), >, 20);

  take_snapshot (path, &after);
  g_assert_cmpint (before.exists, ==, after.exists);
  g_assert_cmpstr (before.sha256, ==, after.sha256);
  g_assert_cmpint (before.size, ==, after.size);
  for (guint i = 0; i < G_N_ELEMENTS (side_suffixes); i++)
    g_assert_cmpint (before.side_files[i], ==, after.side_files[i]);

  g_free (before.sha256);
  g_free (after.sha256);
}

static char *
dup_test_path (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "attune", NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);

  return g_build_filename (dir, "attune.db", NULL);
}

static void
save_entry_ok (AttuneStore *store,
               const char  *title,
               const char  *body)
{
  g_autoptr(AttuneEntry) entry = attune_entry_new ();
  g_autoptr(GError) error = NULL;

  attune_entry_set_title (entry, title);
  attune_entry_set_body (entry, body);
  g_assert_true (attune_store_save_entry (store, entry, &error));
  g_assert_no_error (error);
}

/* Writes a real journal with several pages and closes it cleanly. */
static char *
make_journal (void)
{
  char *path = dup_test_path ();
  g_autoptr(AttuneStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = g_strnfill (3000, 'w');

  store = attune_store_open (path, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < 20; i++)
    save_entry_ok (store, "Entry", body);

  return path;
}

static void
write_bytes_at (const char *path,
                goffset     offset,
                gsize       length)
{
  g_autofree guint8 *bytes = g_malloc (length);
  FILE *file;

  for (gsize i = 0; i < length; i++)
    bytes[i] = (guint8) g_random_int ();

  file = fopen (path, "r+b");
  g_assert_nonnull (file);
  g_assert_cmpint (fseek (file, offset, SEEK_SET), ==, 0);
  g_assert_cmpuint (fwrite (bytes, 1, length, file), ==, length);
  g_assert_cmpint (fclose (file), ==, 0);
}

static void
test_zero_bytes (void)
{
  g_autofree char *path = dup_test_path ();

  g_assert_true (g_file_set_contents (path, "", 0, NULL));
  assert_open_fails (path, ATTUNE_STORE_ERROR_CORRUPT);
}

static void
test_random_header (void)
{
  g_autofree char *path = dup_test_path ();

  g_assert_true (g_file_set_contents (path, "x", 1, NULL));
  write_bytes_at (path, 0, 8192);
  assert_open_fails (path, ATTUNE_STORE_ERROR_CORRUPT);

  g_assert_true (g_file_set_contents (path, "Dear diary, today I", -1, NULL));
  assert_open_fails (path, ATTUNE_STORE_ERROR_CORRUPT);
}

static void
test_damaged_first_page (void)
{
  g_autofree char *path = make_journal ();

  /* Keep the 100-byte file header, damage the schema page after it. */
  write_bytes_at (path, 100, 4096 - 100);
  assert_open_fails (path, ATTUNE_STORE_ERROR_CORRUPT);
}

static void
test_truncated (void)
{
  g_autofree char *path = make_journal ();
  struct stat st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_size, >=, 8 * 4096);

  /* Half its size, not on a page boundary… */
  g_assert_cmpint (truncate (path, st.st_size / 2 + 123), ==, 0);
  assert_open_fails (path, ATTUNE_STORE_ERROR_CORRUPT);

  /* …and on one. */
  g_assert_cmpint (truncate (path, (st.st_size / 2) / 4096 * 4096), ==, 0);
  assert_open_fails (path, ATTUNE_STORE_ERROR_CORRUPT);
}

static void
create_raw_database (const char *path,
                     const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static void
test_newer_schema (void)
{
  g_autofree char *path = dup_test_path ();

  create_raw_database (path,
                       "CREATE TABLE entries (id INTEGER PRIMARY KEY, future TEXT);"
                       "PRAGMA user_version = 999;");
  assert_open_fails (path, ATTUNE_STORE_ERROR_NEWER_SCHEMA);
}

static void
test_newer_schema_wal (void)
{
  g_autofree char *path = dup_test_path ();

  /* A WAL journal: the read-only probe must not leave -wal/-shm behind. */
  create_raw_database (path,
                       "PRAGMA journal_mode = WAL;"
                       "CREATE TABLE entries (id INTEGER PRIMARY KEY, future TEXT);"
                       "PRAGMA user_version = 999;");
  assert_open_fails (path, ATTUNE_STORE_ERROR_NEWER_SCHEMA);
}

static void
test_foreign_database (void)
{
  g_autofree char *path = dup_test_path ();

  create_raw_database (path, "CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT);");
  assert_open_fails (path, ATTUNE_STORE_ERROR_CORRUPT);

  g_assert_cmpint (g_unlink (path), ==, 0);
  create_raw_database (path,
                       "CREATE TABLE photos (id INTEGER PRIMARY KEY);"
                       "PRAGMA application_id = 42;"
                       "PRAGMA user_version = 1;");
  assert_open_fails (path, ATTUNE_STORE_ERROR_CORRUPT);
}

static void
test_read_only_file (void)
{
  g_autofree char *path = make_journal ();

  /* Tests may run as root, for whom access() always allows writing. */
  g_assert_cmpint (g_chmod (path, 0400), ==, 0);
  assert_open_fails (path, ATTUNE_STORE_ERROR_READ_ONLY);
  g_assert_cmpint (g_chmod (path, 0600), ==, 0);
}

static void
test_read_only_folder (void)
{
  g_autofree char *path = make_journal ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *other = g_build_filename (dir, "new.db", NULL);

  g_assert_cmpint (g_chmod (dir, 0500), ==, 0);
  assert_open_fails (path, ATTUNE_STORE_ERROR_READ_ONLY);
  /* Nor can a new journal be created there. */
  assert_open_fails (other, ATTUNE_STORE_ERROR_READ_ONLY);
  g_assert_cmpint (g_chmod (dir, 0700), ==, 0);
}

static void
test_folder_at_path (void)
{
  g_autofree char *path = dup_test_path ();

  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
  assert_open_fails (path, ATTUNE_STORE_ERROR_FAILED);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_DIR));
}

static void
test_wal_without_database (void)
{
  g_autofree char *path = make_journal ();
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;

  /* A recovery file left behind when the journal itself went missing. */
  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (wal, contents, (gssize) length, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_unlink (path), ==, 0);

  assert_open_fails (path, ATTUNE_STORE_ERROR_CORRUPT);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_unlink (wal), ==, 0);
}

static void
test_symlink (void)
{
  g_autofree char *path = make_journal ();
  g_autofree char *elsewhere = g_build_filename (g_get_tmp_dir (), "attune-elsewhere.db", NULL);
  g_autofree char *new_path = g_build_filename (g_get_user_data_dir (), "attune", "link.db", NULL);
  g_autofree char *dangling = g_build_filename (g_get_user_data_dir (), "attune", "dangling.db", NULL);

  g_unlink (elsewhere);
  g_assert_cmpint (g_rename (path, elsewhere), ==, 0);
  g_assert_cmpint (symlink (elsewhere, path), ==, 0);
  assert_open_fails (path, ATTUNE_STORE_ERROR_FAILED);
  {
    /* The file itself is fine, opened where it is. */
    g_autoptr(GError) error = NULL;
    g_autoptr(AttuneStore) store = attune_store_open (elsewhere, &error);

    g_assert_no_error (error);
    g_assert_cmpint (attune_store_count_entries (store, &error), ==, 20);
  }

  /* A link to nowhere is not followed to create a file there either. */
  g_assert_cmpint (symlink (new_path, dangling), ==, 0);
  assert_open_fails (dangling, ATTUNE_STORE_ERROR_FAILED);
  g_assert_false (g_file_test (new_path, G_FILE_TEST_EXISTS));

  g_unlink (dangling);
  g_unlink (path);
  g_assert_cmpint (g_rename (elsewhere, path), ==, 0);
}

static void
test_reopen_after_failures_is_fine (void)
{
  g_autofree char *path = make_journal ();
  g_autoptr(AttuneStore) store = NULL;
  g_autoptr(GError) error = NULL;

  /* The healthy journal still opens after the checks above. */
  store = attune_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (attune_store_count_entries (store, &error), ==, 20);
  g_assert_no_error (error);
}

static void
test_busy (void)
{
  g_autofree char *path = dup_test_path ();
  g_autoptr(AttuneStore) store = NULL;
  g_autoptr(AttuneEntry) entry = attune_entry_new ();
  g_autoptr(GError) error = NULL;
  sqlite3 *other = NULL;
  gint64 start;

  store = attune_store_open (path, &error);
  g_assert_no_error (error);
  save_entry_ok (store, "first", "");

  g_assert_cmpint (sqlite3_open_v2 (path, &other, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  _attune_store_set_busy_timeout (store, 50);
  start = g_get_monotonic_time ();

  attune_entry_set_title (entry, "blocked");
  g_assert_false (attune_store_save_entry (store, entry, &error));
  g_assert_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_BUSY);
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  g_assert_cmpint (attune_entry_get_id (entry), ==, 0);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);

  g_assert_false (attune_store_save_draft (store, "k", "v", &error));
  g_assert_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_BUSY);
  g_clear_error (&error);

  /* Reading still works while someone else writes. */
  g_assert_cmpint (attune_store_count_entries (store, &error), ==, 1);
  g_assert_no_error (error);

  g_assert_cmpint (sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (other), ==, SQLITE_OK);

  g_assert_true (attune_store_save_entry (store, entry, &error));
  g_assert_no_error (error);
  g_assert_cmpint (attune_store_count_entries (store, &error), ==, 2);
}

static void
test_disk_full (void)
{
  g_autofree char *path = dup_test_path ();
  g_autoptr(AttuneStore) store = NULL;
  g_autoptr(AttuneEntry) big = attune_entry_new ();
  g_autoptr(AttuneEntry) kept = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = g_strnfill (1024 * 1024, 'z');
  sqlite3 *db;

  store = attune_store_open (path, &error);
  g_assert_no_error (error);
  save_entry_ok (store, "Before", "Saved before the disk filled up");

  /* Pretend the disk is full: the file may not grow any more. */
  db = _attune_store_get_db (store);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA max_page_count = 1", NULL, NULL, NULL), ==, SQLITE_OK);

  attune_entry_set_body (big, body);
  g_assert_false (attune_store_save_entry (store, big, &error));
  g_assert_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_DISK_FULL);
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  g_assert_cmpint (attune_entry_get_id (big), ==, 0);

  /* The connection is usable and the earlier entry intact. */
  g_assert_cmpint (attune_store_count_entries (store, &error), ==, 1);
  g_assert_no_error (error);
  kept = attune_store_get_entry (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (attune_entry_get_title (kept), ==, "Before");
  g_assert_cmpstr (attune_entry_get_body (kept), ==, "Saved before the disk filled up");

  /* And once there is room again, saving works. */
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA max_page_count = 1000000", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_true (attune_store_save_entry (store, big, &error));
  g_assert_no_error (error);
}

static void
test_error_mapping (void)
{
  g_assert_cmpint (_attune_store_error_from_sqlite (SQLITE_CORRUPT), ==, ATTUNE_STORE_ERROR_CORRUPT);
  g_assert_cmpint (_attune_store_error_from_sqlite (SQLITE_NOTADB), ==, ATTUNE_STORE_ERROR_CORRUPT);
  g_assert_cmpint (_attune_store_error_from_sqlite (SQLITE_READONLY), ==, ATTUNE_STORE_ERROR_READ_ONLY);
  g_assert_cmpint (_attune_store_error_from_sqlite (SQLITE_FULL), ==, ATTUNE_STORE_ERROR_DISK_FULL);
  g_assert_cmpint (_attune_store_error_from_sqlite (SQLITE_BUSY), ==, ATTUNE_STORE_ERROR_BUSY);
  g_assert_cmpint (_attune_store_error_from_sqlite (SQLITE_BUSY_SNAPSHOT), ==, ATTUNE_STORE_ERROR_BUSY);
  g_assert_cmpint (_attune_store_error_from_sqlite (SQLITE_LOCKED), ==, ATTUNE_STORE_ERROR_BUSY);
  g_assert_cmpint (_attune_store_error_from_sqlite (SQLITE_IOERR_FSYNC), ==, ATTUNE_STORE_ERROR_IO);
  g_assert_cmpint (_attune_store_error_from_sqlite (SQLITE_CONSTRAINT), ==, ATTUNE_STORE_ERROR_FAILED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store-errors/zero-bytes", test_zero_bytes);
  g_test_add_func ("/store-errors/random-header", test_random_header);
  g_test_add_func ("/store-errors/damaged-first-page", test_damaged_first_page);
  g_test_add_func ("/store-errors/truncated", test_truncated);
  g_test_add_func ("/store-errors/newer-schema", test_newer_schema);
  g_test_add_func ("/store-errors/newer-schema-wal", test_newer_schema_wal);
  g_test_add_func ("/store-errors/foreign-database", test_foreign_database);
  g_test_add_func ("/store-errors/read-only-file", test_read_only_file);
  g_test_add_func ("/store-errors/read-only-folder", test_read_only_folder);
  g_test_add_func ("/store-errors/folder-at-path", test_folder_at_path);
  g_test_add_func ("/store-errors/wal-without-database", test_wal_without_database);
  g_test_add_func ("/store-errors/symlink", test_symlink);
  g_test_add_func ("/store-errors/healthy-journal-opens", test_reopen_after_failures_is_fine);
  g_test_add_func ("/store-errors/busy", test_busy);
  g_test_add_func ("/store-errors/disk-full", test_disk_full);
  g_test_add_func ("/store-errors/error-mapping", test_error_mapping);

  return g_test_run ();
}

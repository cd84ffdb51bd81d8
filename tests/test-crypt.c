/* test-crypt.c
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The page-encrypting VFS (issue 6), with plain SQLite: nothing written
 * reaches the files in the clear, everything reads back, tampering and a
 * wrong key are caught, and a plain journal converts. */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <sodium.h>
#include <sqlite3.h>

#include "attune-crypt-vfs.h"
#include "attune-test-files.h"

#define PHRASE "marigold-lantern-7319"

static guint8 key[ATTUNE_CRYPT_KEY_BYTES];

static char *
make_dir (void)
{
  char *dir = g_dir_make_tmp ("attune-crypt-XXXXXX", NULL);

  g_assert_nonnull (dir);
  return dir;
}

static void
exec_ok (sqlite3    *db,
         const char *sql)
{
  char *message = NULL;
  int rc = sqlite3_exec (db, sql, NULL, NULL, &message);

  if (rc != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static sqlite3 *
open_encrypted (const char *path)
{
  sqlite3 *db = NULL;
  int rc;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_EXRESCODE,
                        ATTUNE_CRYPT_VFS_NAME);
  g_assert_cmpint (rc, ==, SQLITE_OK);

  return db;
}

static gint64
query_int (sqlite3    *db,
           const char *sql,
           int        *out_rc)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          value = sqlite3_column_int64 (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);
  if (out_rc != NULL)
    *out_rc = rc;

  return value;
}

/* Steps @sql to its end; the last result code (SQLITE_DONE when all went well). */
static int
step_all (sqlite3    *db,
          const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      ;
  sqlite3_finalize (stmt);

  return rc;
}

static void
fill (sqlite3 *db,
      guint    n_rows)
{
  exec_ok (db, "CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL) STRICT;"
               "CREATE VIRTUAL TABLE IF NOT EXISTS notes_fts USING fts5 (body, content = 'notes', content_rowid = 'id');"
               "CREATE TRIGGER IF NOT EXISTS notes_ai AFTER INSERT ON notes BEGIN"
               "  INSERT INTO notes_fts (rowid, body) VALUES (new.id, new.body); END;");
  exec_ok (db, "BEGIN");
  for (guint i = 0; i < n_rows; i++)
    {
      g_autofree char *sql = g_strdup_printf ("INSERT INTO notes (body) VALUES ('Row %u: today I wrote about the "
                                              "session, " PHRASE ", and the long walk home.')", i);
      exec_ok (db, sql);
    }
  exec_ok (db, "COMMIT");
}

static void
test_round_trip (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "journal.db", NULL);
  int reserve = ATTUNE_CRYPT_RESERVE_BYTES;
  sqlite3 *db;
  int rc;

  attune_crypt_vfs_set_key (path, key);
  db = open_encrypted (path);
  g_assert_cmpint (sqlite3_file_control (db, "main", SQLITE_FCNTL_RESERVE_BYTES, &reserve), ==, SQLITE_OK);
  exec_ok (db, "PRAGMA page_size = 4096; PRAGMA journal_mode = WAL; PRAGMA secure_delete = ON;");
  fill (db, 500);

  /* While open, with the log full of pages: none in the clear. */
  g_assert_cmpuint (attune_test_count_files_holding (dir, PHRASE), ==, 0);
  g_assert_cmpuint (attune_test_count_files_holding (dir, "session"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM notes_fts WHERE notes_fts MATCH '\"" PHRASE "\"'", NULL), ==, 500);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  g_assert_true (attune_crypt_file_is_encrypted (path));
  g_assert_cmpuint (attune_test_count_files_holding (dir, PHRASE), ==, 0);

  /* Back again, search included; integrity as SQLite sees it. */
  db = open_encrypted (path);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM notes", NULL), ==, 500);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM notes_fts WHERE notes_fts MATCH 'walk'", NULL), ==, 500);
  {
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
    sqlite3_finalize (stmt);
  }
  sqlite3_close (db);

  /* Without the key the file does not open at all. */
  attune_crypt_vfs_forget_key (path);
  {
    sqlite3 *locked = NULL;

    rc = sqlite3_open_v2 (path, &locked, SQLITE_OPEN_READWRITE | SQLITE_OPEN_EXRESCODE, ATTUNE_CRYPT_VFS_NAME);
    g_assert_cmpint (rc, !=, SQLITE_OK);
    sqlite3_close (locked);
  }

  /* With another key, pages do not authenticate. */
  {
    guint8 other[ATTUNE_CRYPT_KEY_BYTES];

    randombytes_buf (other, sizeof other);
    attune_crypt_vfs_set_key (path, other);
    db = open_encrypted (path);
    query_int (db, "SELECT count(*) FROM notes", &rc);
    g_assert_cmpint (rc & 0xff, ==, SQLITE_IOERR);
    sqlite3_close (db);
    attune_crypt_vfs_forget_key (path);
  }

  /* A plain SQLite sees a file it cannot read. */
  {
    sqlite3 *plain = NULL;

    g_assert_cmpint (sqlite3_open_v2 (path, &plain, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
    query_int (plain, "SELECT count(*) FROM notes", &rc);
    g_assert_cmpint (rc, !=, SQLITE_OK);
    sqlite3_close (plain);
  }

  attune_test_remove_tree (dir);
}

static void
test_tampering (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "journal.db", NULL);
  int reserve = ATTUNE_CRYPT_RESERVE_BYTES;
  sqlite3 *db;

  attune_crypt_vfs_set_key (path, key);
  db = open_encrypted (path);
  sqlite3_file_control (db, "main", SQLITE_FCNTL_RESERVE_BYTES, &reserve);
  exec_ok (db, "PRAGMA journal_mode = WAL;");
  fill (db, 300);
  sqlite3_close (db);

  /* One bit flipped in a page of rows. */
  {
    g_autofree char *contents = NULL;
    gsize length = 0;

    g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
    g_assert_cmpuint (length, >, 6 * 4096);
    contents[4 * 4096 + 1000] ^= 0x04;
    g_assert_true (g_file_set_contents (path, contents, (gssize) length, NULL));
  }

  /* integrity_check reads every page. */
  db = open_encrypted (path);
  g_assert_cmpint (step_all (db, "PRAGMA integrity_check"), ==, SQLITE_IOERR_DATA);
  sqlite3_close (db);

  /* Two pages swapped whole: each is in the wrong place. */
  {
    g_autofree char *contents = NULL;
    gsize length = 0;
    guint8 page[4096];

    g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
    contents[4 * 4096 + 1000] ^= 0x04;
    memcpy (page, contents + 2 * 4096, 4096);
    memcpy (contents + 2 * 4096, contents + 3 * 4096, 4096);
    memcpy (contents + 3 * 4096, page, 4096);
    g_assert_true (g_file_set_contents (path, contents, (gssize) length, NULL));
  }

  /* integrity_check reads every page. */
  db = open_encrypted (path);
  g_assert_cmpint (step_all (db, "PRAGMA integrity_check"), ==, SQLITE_IOERR_DATA);
  sqlite3_close (db);

  attune_crypt_vfs_forget_key (path);
  attune_test_remove_tree (dir);
}

/* A plain journal becomes an encrypted one: room for the nonce and tag is
 * asked for on the plain connection, and VACUUM INTO writes the new file
 * through the VFS. */
static void
test_convert (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *plain_path = g_build_filename (dir, "plain.db", NULL);
  g_autofree char *enc_path = g_build_filename (dir, "enc.db", NULL);
  g_autofree char *back_path = g_build_filename (dir, "back.db", NULL);
  g_autofree char *into = NULL;
  int reserve = ATTUNE_CRYPT_RESERVE_BYTES;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (plain_path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_URI, NULL), ==, SQLITE_OK);
  exec_ok (db, "PRAGMA journal_mode = WAL;");
  fill (db, 200);
  g_assert_false (attune_crypt_file_is_encrypted (plain_path));

  attune_crypt_vfs_set_key (enc_path, key);
  g_assert_cmpint (sqlite3_file_control (db, "main", SQLITE_FCNTL_RESERVE_BYTES, &reserve), ==, SQLITE_OK);
  into = g_strdup_printf ("VACUUM INTO 'file:%s?vfs=" ATTUNE_CRYPT_VFS_NAME "'", enc_path);
  exec_ok (db, into);
  sqlite3_close (db);

  g_assert_true (attune_crypt_file_is_encrypted (enc_path));
  g_assert_cmpuint (attune_test_count_files_holding (dir, PHRASE), ==, 1);  /* plain.db only */

  db = open_encrypted (enc_path);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM notes_fts WHERE notes_fts MATCH 'walk'", NULL), ==, 200);

  /* And back: VACUUM INTO a plain file with no reserved bytes. */
  reserve = 0;
  sqlite3_file_control (db, "main", SQLITE_FCNTL_RESERVE_BYTES, &reserve);
  {
    g_autofree char *out = g_strdup_printf ("VACUUM INTO 'file:%s?vfs=unix'", back_path);

    sqlite3_close (db);
    g_assert_cmpint (sqlite3_open_v2 (enc_path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_URI, ATTUNE_CRYPT_VFS_NAME), ==, SQLITE_OK);
    sqlite3_file_control (db, "main", SQLITE_FCNTL_RESERVE_BYTES, &reserve);
    exec_ok (db, out);
  }
  sqlite3_close (db);
  g_assert_false (attune_crypt_file_is_encrypted (back_path));

  g_assert_cmpint (sqlite3_open_v2 (back_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM notes", NULL), ==, 200);
  sqlite3_close (db);

  attune_crypt_vfs_forget_key (enc_path);
  attune_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_assert_true (attune_crypt_vfs_register ());
  randombytes_buf (key, sizeof key);

  g_test_add_func ("/crypt/round-trip", test_round_trip);
  g_test_add_func ("/crypt/tampering", test_tampering);
  g_test_add_func ("/crypt/convert", test_convert);

  return g_test_run ();
}

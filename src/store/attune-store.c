/* attune-store.c
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "attune-crypt-vfs.h"
#include "attune-snapshot.h"
#include "attune-store.h"
#include "attune-store-private.h"
#include "attune-timeline-private.h"

/* The version of the content format written into entries.format. */
#define ATTUNE_CONTENT_FORMAT 1

#define DEFAULT_BUSY_TIMEOUT_MS 5000

#define MAX_TAGS         32
#define MAX_TAG_CHARS    64

#define MAX_AGENDA_CHARS 2000

struct _AttuneStore
{
  GObject    parent_instance;

  char      *path;
  sqlite3   *db;
  guint      schema_version;

  /* Weak pointers to every AttuneTimeline made by this store. */
  GPtrArray *timelines;

  /* The list for next session, made on first use (NULL until then). */
  GListStore *agenda;

  /* A delete left words in the full-text index, to purge when closing. */
  gboolean    purge_at_close;
};

G_DEFINE_FINAL_TYPE (AttuneStore, attune_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (attune-store-error-quark, attune_store_error)

enum {
  PROP_0,
  PROP_PATH,
  PROP_SCHEMA_VERSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Schema steps: migrations[i] takes user_version i to i + 1. Each runs in
 * one BEGIN IMMEDIATE … COMMIT together with its user_version bump. Never
 * edit a step once released: add a new one. */
static const char * const migrations[] = {
  /* 0 → 1: entries, tags, drafts. */
  "CREATE TABLE entries ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  kind TEXT NOT NULL CHECK (kind IN ('note', 'check-in')),"
  "  day TEXT NOT NULL,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  title TEXT NOT NULL DEFAULT '',"
  "  body TEXT NOT NULL DEFAULT '',"
  "  format INTEGER NOT NULL DEFAULT 1,"
  "  mood INTEGER CHECK (mood IS NULL OR mood BETWEEN 1 AND 5),"
  "  bring INTEGER NOT NULL DEFAULT 0,"
  "  tag_text TEXT NOT NULL DEFAULT ''"
  ") STRICT;"
  "CREATE INDEX entries_timeline ON entries (day DESC, created_at DESC, id DESC);"
  "CREATE TABLE tags ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE COLLATE NOCASE"
  ") STRICT;"
  "CREATE TABLE entry_tags ("
  "  entry_id INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,"
  "  tag_id INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,"
  "  PRIMARY KEY (entry_id, tag_id)"
  ") STRICT, WITHOUT ROWID;"
  "CREATE INDEX entry_tags_tag ON entry_tags (tag_id);"
  "CREATE TABLE drafts ("
  "  key TEXT PRIMARY KEY,"
  "  data TEXT NOT NULL,"
  "  updated_at INTEGER NOT NULL"
  ") STRICT;"
  "PRAGMA application_id = 1098151029;"
  "PRAGMA user_version = 1;",

  /* 1 → 2: full-text search and a trigger-kept entry count, both built from
   * the rows already there. */
  "CREATE VIRTUAL TABLE entries_fts USING fts5 ("
  "  title, body, tag_text,"
  "  content = 'entries', content_rowid = 'id',"
  "  tokenize = 'unicode61 remove_diacritics 2'"
  ");"
  "CREATE TRIGGER entries_fts_insert AFTER INSERT ON entries BEGIN"
  "  INSERT INTO entries_fts (rowid, title, body, tag_text)"
  "    VALUES (new.id, new.title, new.body, new.tag_text);"
  "END;"
  "CREATE TRIGGER entries_fts_delete AFTER DELETE ON entries BEGIN"
  "  INSERT INTO entries_fts (entries_fts, rowid, title, body, tag_text)"
  "    VALUES ('delete', old.id, old.title, old.body, old.tag_text);"
  "END;"
  "CREATE TRIGGER entries_fts_update AFTER UPDATE OF title, body, tag_text ON entries BEGIN"
  "  INSERT INTO entries_fts (entries_fts, rowid, title, body, tag_text)"
  "    VALUES ('delete', old.id, old.title, old.body, old.tag_text);"
  "  INSERT INTO entries_fts (rowid, title, body, tag_text)"
  "    VALUES (new.id, new.title, new.body, new.tag_text);"
  "END;"
  "INSERT INTO entries_fts (entries_fts) VALUES ('rebuild');"
  "CREATE TABLE stats ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  n_entries INTEGER NOT NULL"
  ") STRICT;"
  "INSERT INTO stats (id, n_entries) VALUES (1, (SELECT count(*) FROM entries));"
  "CREATE TRIGGER stats_insert AFTER INSERT ON entries BEGIN"
  "  UPDATE stats SET n_entries = n_entries + 1 WHERE id = 1;"
  "END;"
  "CREATE TRIGGER stats_delete AFTER DELETE ON entries BEGIN"
  "  UPDATE stats SET n_entries = n_entries - 1 WHERE id = 1;"
  "END;"
  "PRAGMA user_version = 2;",

  /* 2 → 3: check-ins (one per entry of kind 'check-in'), the history of
   * their ruptures, and the list for next session. Scales are NULL when
   * skipped, 0 for "not sure", else 1 to 5; kinds and plan are bit sets.
   * Agenda items outlive their entry (ON DELETE SET NULL): the person
   * still wants to bring the subject up, and an item disappearing from
   * the list without them touching it would be worse than one they can
   * remove themselves. Entries already marked "bring to my next session"
   * become items in add_agenda_for_bring_entries() below. */
  "CREATE TABLE check_ins ("
  "  entry_id INTEGER PRIMARY KEY REFERENCES entries (id) ON DELETE CASCADE,"
  "  session_at INTEGER NOT NULL,"
  "  mode INTEGER NOT NULL DEFAULT 0 CHECK (mode BETWEEN 0 AND 3),"
  "  connected INTEGER CHECK (connected IS NULL OR connected BETWEEN 0 AND 5),"
  "  heard INTEGER CHECK (heard IS NULL OR heard BETWEEN 0 AND 5),"
  "  mattered INTEGER CHECK (mattered IS NULL OR mattered BETWEEN 0 AND 5),"
  "  suited INTEGER CHECK (suited IS NULL OR suited BETWEEN 0 AND 5),"
  "  rupture INTEGER NOT NULL DEFAULT 0 CHECK (rupture BETWEEN 0 AND 3),"
  "  kinds INTEGER NOT NULL DEFAULT 0 CHECK (kinds BETWEEN 0 AND 1023),"
  "  other_kind TEXT NOT NULL DEFAULT '',"
  "  intensity INTEGER CHECK (intensity IS NULL OR intensity BETWEEN 0 AND 5),"
  "  what_happened TEXT NOT NULL DEFAULT '',"
  "  felt TEXT NOT NULL DEFAULT '',"
  "  needed TEXT NOT NULL DEFAULT '',"
  "  resolved INTEGER CHECK (resolved IS NULL OR resolved BETWEEN 0 AND 5),"
  "  spoke_up INTEGER NOT NULL DEFAULT 0 CHECK (spoke_up BETWEEN 0 AND 3),"
  "  plan INTEGER NOT NULL DEFAULT 0 CHECK (plan BETWEEN 0 AND 15),"
  "  message TEXT NOT NULL DEFAULT '',"
  "  repair_status INTEGER NOT NULL DEFAULT 0 CHECK (repair_status BETWEEN 0 AND 4)"
  ") STRICT;"
  "CREATE INDEX check_ins_session ON check_ins (session_at);"
  "CREATE INDEX check_ins_open ON check_ins (session_at) WHERE repair_status IN (1, 2);"
  "CREATE TABLE repair_events ("
  "  id INTEGER PRIMARY KEY,"
  "  entry_id INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,"
  "  at INTEGER NOT NULL,"
  "  status INTEGER NOT NULL CHECK (status BETWEEN 0 AND 4),"
  "  note TEXT"
  ") STRICT;"
  "CREATE INDEX repair_events_entry ON repair_events (entry_id, at, id);"
  "CREATE TABLE agenda ("
  "  id INTEGER PRIMARY KEY,"
  "  text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 2000),"
  "  entry_id INTEGER REFERENCES entries (id) ON DELETE SET NULL,"
  "  position INTEGER NOT NULL CHECK (position >= 0),"
  "  done INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),"
  "  done_at INTEGER,"
  "  created_at INTEGER NOT NULL"
  ") STRICT;"
  "CREATE INDEX agenda_entry ON agenda (entry_id);"
  "CREATE INDEX agenda_order ON agenda (done, position);"
  "PRAGMA user_version = 3;",

  /* 3 → 4: a checksum of the words in each entry and check-in, kept by
   * triggers through attune_text_sum() (registered on every connection, see
   * _attune_store_register_functions()), so that text altered on disk is
   * found when read instead of shown as the person's own. PRAGMA
   * integrity_check sees broken structure, not changed bytes inside a
   * record. */
  "ALTER TABLE entries ADD COLUMN text_sum INTEGER;"
  "ALTER TABLE check_ins ADD COLUMN text_sum INTEGER;"
  "UPDATE entries SET text_sum = attune_text_sum (title, body, tag_text);"
  "UPDATE check_ins SET text_sum = attune_text_sum (other_kind, what_happened, felt, needed, message);"
  "CREATE TRIGGER entries_sum_insert AFTER INSERT ON entries BEGIN"
  "  UPDATE entries SET text_sum = attune_text_sum (new.title, new.body, new.tag_text)"
  "    WHERE id = new.id;"
  "END;"
  "CREATE TRIGGER entries_sum_update AFTER UPDATE OF title, body, tag_text ON entries BEGIN"
  "  UPDATE entries SET text_sum = attune_text_sum (new.title, new.body, new.tag_text)"
  "    WHERE id = new.id;"
  "END;"
  "CREATE TRIGGER check_ins_sum_insert AFTER INSERT ON check_ins BEGIN"
  "  UPDATE check_ins SET text_sum = attune_text_sum (new.other_kind, new.what_happened,"
  "    new.felt, new.needed, new.message) WHERE entry_id = new.entry_id;"
  "END;"
  "CREATE TRIGGER check_ins_sum_update AFTER UPDATE OF other_kind, what_happened, felt, needed,"
  "    message ON check_ins BEGIN"
  "  UPDATE check_ins SET text_sum = attune_text_sum (new.other_kind, new.what_happened,"
  "    new.felt, new.needed, new.message) WHERE entry_id = new.entry_id;"
  "END;"
  "PRAGMA user_version = 4;",

  /* 4 → 5: the full-text index keeps which entries hold a word, not where
   * (detail=none), plus an index of every word's first one to eight letters
   * (prefix). A search for what a person has typed so far ("th"*) then reads
   * one list instead of merging those of every word that starts so: at
   * 100,000 generated entries "th"* 51–77 → 2–3 ms, "felt"* AND "heard"*
   * 13–23 → 3 ms, and the index is 25 MB instead of 31. Searches are words,
   * never phrases (see build_match() in attune-timeline.c), the one thing
   * detail=none cannot answer. The triggers name the table, so they keep
   * working. */
  "DROP TABLE entries_fts;"
  "CREATE VIRTUAL TABLE entries_fts USING fts5 ("
  "  title, body, tag_text,"
  "  content = 'entries', content_rowid = 'id',"
  "  tokenize = 'unicode61 remove_diacritics 2',"
  "  detail = none, prefix = '1 2 3 4 5 6 7 8'"
  ");"
  "INSERT INTO entries_fts (entries_fts) VALUES ('rebuild');"
  "PRAGMA user_version = 5;",
};

#define LATEST_SCHEMA_VERSION G_N_ELEMENTS (migrations)

/* Work a step needs that SQL alone cannot do well, run after migrations[i]
 * inside the same transaction; NULL when there is none. */
typedef gboolean (*MigrationFixup) (AttuneStore  *self,
                                    const char   *context,
                                    GError      **error);

static gboolean add_agenda_for_bring_entries (AttuneStore  *self,
                                              const char   *context,
                                              GError      **error);

static const MigrationFixup migration_fixups[] = {
  NULL,
  NULL,
  add_agenda_for_bring_entries,
  NULL,
  NULL,
};

G_STATIC_ASSERT (G_N_ELEMENTS (migration_fixups) == G_N_ELEMENTS (migrations));

/* Checksums of the words (schema 4) */

#define FNV_OFFSET G_GUINT64_CONSTANT (0xcbf29ce484222325)
#define FNV_PRIME G_GUINT64_CONSTANT (0x100000001b3)

static inline guint64
fnv_bytes (guint64       hash,
           const guint8 *bytes,
           gsize         n_bytes)
{
  for (gsize i = 0; i < n_bytes; i++)
    {
      hash ^= bytes[i];
      hash *= FNV_PRIME;
    }

  return hash;
}

gint64
_attune_text_sum (guint         n_fields,
                  const char  **fields,
                  const int    *lengths)
{
  guint64 hash = FNV_OFFSET;

  for (guint i = 0; i < n_fields; i++)
    {
      /* The length first, so "ab" + "c" and "a" + "bc" differ; a NULL
       * field counts as length -1, apart from an empty one. */
      gint64 length = fields[i] != NULL ? MAX (lengths[i], 0) : -1;
      guint8 prefix[8];

      for (guint b = 0; b < 8; b++)
        prefix[b] = (guint8) (((guint64) length >> (8 * b)) & 0xff);

      hash = fnv_bytes (hash, prefix, sizeof prefix);
      if (fields[i] != NULL)
        hash = fnv_bytes (hash, (const guint8 *) fields[i], (gsize) MAX (lengths[i], 0));
    }

  return (gint64) hash;
}

#define MAX_SUM_FIELDS 8

static void
text_sum_function (sqlite3_context  *context,
                   int               argc,
                   sqlite3_value   **argv)
{
  const char *fields[MAX_SUM_FIELDS];
  int lengths[MAX_SUM_FIELDS];

  if (argc < 1 || argc > MAX_SUM_FIELDS)
    {
      sqlite3_result_error (context, "attune_text_sum() takes 1 to 8 arguments", -1);
      return;
    }

  for (int i = 0; i < argc; i++)
    {
      if (sqlite3_value_type (argv[i]) == SQLITE_NULL)
        {
          fields[i] = NULL;
          lengths[i] = 0;
        }
      else
        {
          fields[i] = (const char *) sqlite3_value_text (argv[i]);
          lengths[i] = sqlite3_value_bytes (argv[i]);
        }
    }

  sqlite3_result_int64 (context, _attune_text_sum ((guint) argc, fields, lengths));
}

/* attune_mark_rowid(set, rowid): sets @rowid's bit in the #AttuneRowidSet
 * bound as a pointer of type "attune-rowid-set"; returns NULL. A search reads
 * its matches with one step of `SELECT count(attune_mark_rowid(?, rowid))`
 * instead of one sqlite3_step() and sqlite3_column_int64() per match, each
 * taking the connection's mutex: at 100,000 entries "the"* matches 98,000. */
static void
mark_rowid_function (sqlite3_context  *context,
                     int               argc,
                     sqlite3_value   **argv)
{
  AttuneRowidSet *set = sqlite3_value_pointer (argv[0], ATTUNE_ROWID_SET_TYPE);
  sqlite3_int64 id = sqlite3_value_int64 (argv[1]);

  if (set != NULL && id > 0 && id <= set->max_id)
    set->bits[id / 8] |= (guint8) (1u << (id % 8));
}

/**
 * _attune_store_register_functions:
 * @db: a connection to a journal
 * @error: return location for a #GError
 *
 * Registers attune_text_sum(), which the schema's triggers call, and
 * attune_mark_rowid(), which searches use, on @db.
 *
 * Returns: %TRUE on success
 */
gboolean
_attune_store_register_functions (sqlite3  *db,
                                  GError  **error)
{
  int rc = sqlite3_create_function (db, "attune_text_sum", -1,
                                    SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                    NULL, text_sum_function, NULL, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_create_function (db, "attune_mark_rowid", 2, SQLITE_UTF8 | SQLITE_DIRECTONLY,
                                  NULL, mark_rowid_function, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      _attune_store_set_error (error, db, rc, _("The journal could not be opened."));
      return FALSE;
    }

  return TRUE;
}

/**
 * _attune_store_column_sum_ok:
 * @stmt: a statement positioned on a row
 * @sum_column: the column holding the stored checksum
 * @n_fields: how many text columns it covers
 * @columns: those columns, in the order of the schema's attune_text_sum() call
 *
 * Checks the words of the current row against their stored checksum.
 *
 * Returns: %TRUE if they match
 */
gboolean
_attune_store_column_sum_ok (sqlite3_stmt *stmt,
                             int           sum_column,
                             guint         n_fields,
                             const int    *columns)
{
  const char *fields[MAX_SUM_FIELDS];
  int lengths[MAX_SUM_FIELDS];

  g_assert (n_fields <= MAX_SUM_FIELDS);

  if (sqlite3_column_type (stmt, sum_column) != SQLITE_INTEGER)
    return FALSE;

  for (guint i = 0; i < n_fields; i++)
    {
      /* A damaged record can hold another type: read it as text the way
       * the trigger did, NULL as NULL. */
      if (sqlite3_column_type (stmt, columns[i]) == SQLITE_NULL)
        {
          fields[i] = NULL;
          lengths[i] = 0;
        }
      else
        {
          fields[i] = (const char *) sqlite3_column_text (stmt, columns[i]);
          lengths[i] = sqlite3_column_bytes (stmt, columns[i]);
        }
    }

  return _attune_text_sum (n_fields, fields, lengths) == sqlite3_column_int64 (stmt, sum_column);
}

/* Error helpers */

/**
 * _attune_store_error_from_sqlite:
 * @rc: a SQLite result code, plain or extended
 *
 * Maps a SQLite result code onto the #AttuneStoreError a person should see.
 *
 * Returns: the matching error code
 */
AttuneStoreError
_attune_store_error_from_sqlite (int rc)
{
  /* A page of a protected journal that does not authenticate
   * (attune-crypt-vfs.c): damaged or tampered with. */
  if (rc == SQLITE_IOERR_DATA)
    return ATTUNE_STORE_ERROR_CORRUPT;

  switch (rc & 0xff)
    {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return ATTUNE_STORE_ERROR_CORRUPT;

    case SQLITE_READONLY:
    case SQLITE_PERM:
      return ATTUNE_STORE_ERROR_READ_ONLY;

    case SQLITE_FULL:
      return ATTUNE_STORE_ERROR_DISK_FULL;

    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return ATTUNE_STORE_ERROR_BUSY;

    case SQLITE_IOERR:
      return ATTUNE_STORE_ERROR_IO;

    default:
      return ATTUNE_STORE_ERROR_FAILED;
    }
}

static const char *
describe_error (AttuneStoreError code)
{
  switch (code)
    {
    case ATTUNE_STORE_ERROR_CORRUPT:
      return _("The journal file is damaged or is not an Attune journal.");

    case ATTUNE_STORE_ERROR_READ_ONLY:
      return _("The journal file or its folder is read-only.");

    case ATTUNE_STORE_ERROR_DISK_FULL:
      return _("There is not enough free space on the disk.");

    case ATTUNE_STORE_ERROR_BUSY:
      return _("Another program is using the journal right now. Close it and try again.");

    case ATTUNE_STORE_ERROR_IO:
      return _("The system could not read or write the disk.");

    case ATTUNE_STORE_ERROR_FAILED:
    case ATTUNE_STORE_ERROR_NEWER_SCHEMA:
    case ATTUNE_STORE_ERROR_NOT_FOUND:
    case ATTUNE_STORE_ERROR_INVALID:
    case ATTUNE_STORE_ERROR_LOCKED:
    case ATTUNE_STORE_ERROR_WRONG_SECRET:
    default:
      return NULL;
    }
}

/**
 * _attune_store_set_error:
 * @error: return location for a #GError
 * @db: (nullable): the connection that failed, for sqlite3_errmsg()
 * @rc: the SQLite result code
 * @context: a sentence saying what could not be done
 *
 * Sets @error in %ATTUNE_STORE_ERROR from a SQLite failure, as full sentences
 * followed by SQLite's own message.
 */
void
_attune_store_set_error (GError     **error,
                         sqlite3     *db,
                         int          rc,
                         const char  *context)
{
  AttuneStoreError code = _attune_store_error_from_sqlite (rc);
  const char *reason;
  const char *detail = NULL;

  /* SQLite reports a failed sync, a failed resize and some failed writes as I/O errors
   * whatever the cause (SQLITE_IOERR_FSYNC, _TRUNCATE…); the system's errno says whether
   * the disk was full, which tells the person what to do about it. sqlite3_system_errno()
   * is unreliable here (0 after a failed fdatasync, or left over from an earlier error);
   * each file keeps the errno of its own last failure: the WAL's first, where every save
   * writes and syncs, then the database file's (checkpoints), then the connection's. */
  if (db != NULL && code == ATTUNE_STORE_ERROR_IO)
    {
      int system_errno = 0;
      sqlite3_file *wal = NULL;

      if (sqlite3_file_control (db, "main", SQLITE_FCNTL_JOURNAL_POINTER, &wal) == SQLITE_OK &&
          wal != NULL && wal->pMethods != NULL)
        wal->pMethods->xFileControl (wal, SQLITE_FCNTL_LAST_ERRNO, &system_errno);
      if (system_errno == 0)
        sqlite3_file_control (db, "main", SQLITE_FCNTL_LAST_ERRNO, &system_errno);
      if (system_errno == 0)
        system_errno = sqlite3_system_errno (db);

      if (system_errno == ENOSPC || system_errno == EDQUOT)
        code = ATTUNE_STORE_ERROR_DISK_FULL;
      else if (system_errno == EROFS)
        code = ATTUNE_STORE_ERROR_READ_ONLY;
    }

  reason = describe_error (code);

  if (db != NULL && sqlite3_errcode (db) != SQLITE_OK)
    detail = sqlite3_errmsg (db);
  if (detail == NULL)
    detail = sqlite3_errstr (rc);

  if (reason != NULL)
    g_set_error (error, ATTUNE_STORE_ERROR, code,
                 /* Translators: the first two %s are sentences, the last is a
                  * technical message from the database engine. */
                 _("%s %s (SQLite: %s)"),
                 context, reason, detail);
  else
    g_set_error (error, ATTUNE_STORE_ERROR, code,
                 /* Translators: the first %s is a sentence, the last is a
                  * technical message from the database engine. */
                 _("%s (SQLite: %s)"),
                 context, detail);
}

/* SQL helpers */

gboolean
_attune_store_exec (sqlite3     *db,
          const char  *sql,
          const char  *context,
          GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      _attune_store_set_error (error, db, rc, context);
      return FALSE;
    }

  return TRUE;
}

sqlite3_stmt *
_attune_store_prepare (sqlite3     *db,
                   const char  *sql,
                   const char  *context,
                   GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      _attune_store_set_error (error, db, rc, context);
      sqlite3_finalize (stmt);
      return NULL;
    }

  return stmt;
}

/* Steps a statement that returns no rows. */
gboolean
_attune_store_step_done (sqlite3_stmt  *stmt,
           const char    *context,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE)
    {
      _attune_store_set_error (error, sqlite3_db_handle (stmt), rc, context);
      return FALSE;
    }

  return TRUE;
}

static gboolean
read_int64 (sqlite3     *db,
            const char  *sql,
            gint64      *out_value,
            const char  *context,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = _attune_store_prepare (db, sql, context, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        rc = SQLITE_CORRUPT;
      _attune_store_set_error (error, db, rc, context);
      return FALSE;
    }

  *out_value = sqlite3_column_int64 (stmt, 0);

  return TRUE;
}

void
_attune_store_rollback (sqlite3 *db)
{
  if (!sqlite3_get_autocommit (db))
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
}

static gboolean
begin_transaction (sqlite3     *db,
                   const char  *context,
                   GError     **error)
{
  return _attune_store_exec (db, "BEGIN IMMEDIATE", context, error);
}

static gboolean
commit_transaction (sqlite3     *db,
                    const char  *context,
                    GError     **error)
{
  if (!_attune_store_exec (db, "COMMIT", context, error))
    {
      _attune_store_rollback (db);
      return FALSE;
    }

  return TRUE;
}

/* Opening */

static gboolean
is_sqlite_page_size (guint page_size)
{
  return page_size >= 512 && page_size <= 65536 && (page_size & (page_size - 1)) == 0;
}

static guint32
read_be32 (const guint8 *bytes)
{
  return ((guint32) bytes[0] << 24) | ((guint32) bytes[1] << 16) |
         ((guint32) bytes[2] << 8) | (guint32) bytes[3];
}

static gboolean
is_read_only_for_us (const char        *path,
                     const struct stat *st)
{
  /* root passes access(), but a file or folder with no write bits at all was
   * made read-only on purpose: respect it. */
  if (geteuid () == 0 && (st->st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) == 0)
    return TRUE;

  return g_access (path, W_OK) != 0 && errno != ENOENT;
}

/* Checks an existing file before SQLite touches it: a regular file (writable,
 * in a writable folder, when @for_writing), starting with a SQLite header that
 * agrees with the file's size. Reads at most 100 bytes and writes nothing. */
static gboolean
check_existing_file (const char         *path,
                     const struct stat  *st,
                     gboolean            for_writing,
                     GError            **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *display = g_filename_display_name (path);
  guint8 header[100];
  struct stat dir_st;
  gssize n_read;
  guint page_size;
  guint32 n_pages, change_counter, valid_for;
  gboolean has_wal;
  int fd;

  if (S_ISDIR (st->st_mode))
    {
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_FAILED,
                   _("The journal “%s” is a folder, not a file. Move the folder away and try again."),
                   display);
      return FALSE;
    }

  if (!S_ISREG (st->st_mode))
    {
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_FAILED,
                   _("The journal “%s” is not a regular file."),
                   display);
      return FALSE;
    }

  if (st->st_size == 0)
    {
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_CORRUPT,
                   _("The journal file is empty. It may have been damaged, or another program may have replaced it. It was left as it is."));
      return FALSE;
    }

  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, ATTUNE_STORE_ERROR,
                   saved_errno == EACCES ? ATTUNE_STORE_ERROR_READ_ONLY : ATTUNE_STORE_ERROR_FAILED,
                   _("The journal “%s” could not be read: %s."),
                   display, g_strerror (saved_errno));
      return FALSE;
    }

  do
    n_read = read (fd, header, sizeof header);
  while (n_read < 0 && errno == EINTR);

  if (n_read < 0)
    {
      int saved_errno = errno;

      close (fd);
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_IO,
                   _("The journal “%s” could not be read: %s."),
                   display, g_strerror (saved_errno));
      return FALSE;
    }
  close (fd);

  if (n_read < (gssize) sizeof header || memcmp (header, "SQLite format 3", 16) != 0)
    {
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_CORRUPT,
                   _("The file “%s” is not an Attune journal, or its beginning is damaged. It was left as it is."),
                   display);
      return FALSE;
    }

  /* A truncated file: the header says how many pages the file holds, and is
   * trustworthy when its "version valid for" matches the change counter. */
  page_size = ((guint) header[16] << 8) | header[17];
  if (page_size == 1)
    page_size = 65536;
  change_counter = read_be32 (header + 24);
  n_pages = read_be32 (header + 28);
  valid_for = read_be32 (header + 92);

  /* A write-ahead log with content may still hold pages a checkpoint cut
   * short by a crash or a full disk had not yet written to the file: the
   * file is then shorter than its header says, and whole. */
  {
    g_autofree char *wal_path = g_strconcat (path, "-wal", NULL);
    GStatBuf wal_st;

    has_wal = g_stat (wal_path, &wal_st) == 0 && wal_st.st_size > 0;
  }

  if (!is_sqlite_page_size (page_size) ||
      (!has_wal && st->st_size % page_size != 0) ||
      (!has_wal && valid_for == change_counter && n_pages > 0 &&
       (guint64) n_pages * page_size > (guint64) st->st_size))
    {
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_CORRUPT,
                   _("The journal file “%s” is damaged: it is shorter than it should be. It was left as it is."),
                   display);
      return FALSE;
    }

  if (g_stat (dir, &dir_st) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_FAILED,
                   _("The folder of the journal could not be read: %s."),
                   g_strerror (saved_errno));
      return FALSE;
    }

  if (for_writing && (is_read_only_for_us (path, st) || is_read_only_for_us (dir, &dir_st)))
    {
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_READ_ONLY,
                   _("The journal “%s” cannot be changed because the file or its folder is read-only. Check its permissions."),
                   display);
      return FALSE;
    }

  return TRUE;
}

static gboolean
side_file_exists (const char *path,
                  const char *suffix)
{
  g_autofree char *side = g_strconcat (path, suffix, NULL);

  return g_file_test (side, G_FILE_TEST_EXISTS);
}

/* A read-only connection to a WAL database creates -wal and -shm files. When
 * there is no -wal or -journal, the main file holds everything and nobody is
 * writing it, so it can be read as immutable: no side file, no lock. */
static char *
dup_probe_uri (const char *path)
{
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);
  g_autofree char *uri = g_filename_to_uri (absolute, NULL, NULL);

  if (uri == NULL)
    return g_strdup (path);

  if (!side_file_exists (path, "-wal") && !side_file_exists (path, "-journal"))
    return g_strconcat (uri, "?mode=ro&immutable=1",
                        attune_crypt_file_is_encrypted (path) ? "&vfs=" ATTUNE_CRYPT_VFS_NAME : "", NULL);

  return g_strconcat (uri, "?mode=ro",
                      attune_crypt_file_is_encrypted (path) ? "&vfs=" ATTUNE_CRYPT_VFS_NAME : "", NULL);
}

/* The VFS for @path: page encryption for a protected journal (issue 6),
 * else SQLite's own. Sets %ATTUNE_STORE_ERROR_LOCKED when the journal is
 * protected and not unlocked in this process. */
static gboolean
choose_vfs (const char   *path,
            const char  **out_vfs,
            GError      **error)
{
  *out_vfs = NULL;

  if (!attune_crypt_file_is_encrypted (path))
    return TRUE;

  if (!attune_crypt_vfs_register () || !attune_crypt_vfs_has_key (path))
    {
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_LOCKED,
                   _("Your journal is protected with a passphrase. Unlock it to open it."));
      return FALSE;
    }

  *out_vfs = ATTUNE_CRYPT_VFS_NAME;

  return TRUE;
}

/* Reads the schema version through a read-only connection, which also makes
 * SQLite parse the schema: a damaged first page fails here, before anything
 * could write to the file. */
static gboolean
probe_existing_file (const char  *path,
                     guint       *out_version,
                     GError     **error)
{
  g_autofree char *display = g_filename_display_name (path);
  const char *context = _("The journal could not be read.");
  sqlite3 *db = NULL;
  gint64 version = 0;
  gint64 app_id = 0;
  gint64 n_objects = 0;
  g_autofree char *uri = dup_probe_uri (path);
  gboolean ok;
  int rc;

  rc = sqlite3_open_v2 (uri, &db,
                        SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_EXRESCODE,
                        NULL);
  if (rc != SQLITE_OK)
    {
      _attune_store_set_error (error, db, rc, context);
      sqlite3_close (db);
      return FALSE;
    }

  ok = read_int64 (db, "PRAGMA user_version", &version, context, error) &&
       read_int64 (db, "PRAGMA application_id", &app_id, context, error) &&
       read_int64 (db, "SELECT count(*) FROM sqlite_master", &n_objects, context, error);

  sqlite3_close (db);

  if (!ok)
    return FALSE;

  if (version > (gint64) LATEST_SCHEMA_VERSION || version < 0)
    {
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_NEWER_SCHEMA,
                   _("This journal was written by a newer version of Attune (format %lld, this version reads up to %u). Update Attune to open it. The journal was left as it is."),
                   (long long) version, (guint) LATEST_SCHEMA_VERSION);
      return FALSE;
    }

  if ((app_id != 0 && app_id != ATTUNE_APPLICATION_ID) ||
      (version == 0 && n_objects > 0))
    {
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_CORRUPT,
                   _("The file “%s” is a database of another program, not an Attune journal. It was left as it is."),
                   display);
      return FALSE;
    }

  *out_version = (guint) version;

  return TRUE;
}

/* Creates the database file ourselves so that SQLite's -wal and -shm files,
 * which copy its mode, are private too. */
static gboolean
create_private_file (const char  *path,
                     GError     **error)
{
  int fd = g_open (path, O_CREAT | O_EXCL | O_CLOEXEC | O_WRONLY | O_NOCTTY, 0600);

  if (fd < 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, ATTUNE_STORE_ERROR,
                   (saved_errno == EACCES || saved_errno == EROFS || saved_errno == EPERM)
                     ? ATTUNE_STORE_ERROR_READ_ONLY : ATTUNE_STORE_ERROR_FAILED,
                   _("The journal “%s” could not be created: %s."),
                   display, g_strerror (saved_errno));
      return FALSE;
    }

  close (fd);

  return TRUE;
}

static void
tighten_mode (const char *path)
{
  struct stat st;

  if (g_stat (path, &st) == 0 &&
      S_ISREG (st.st_mode) &&
      st.st_uid == geteuid () &&
      (st.st_mode & 077) != 0)
    g_chmod (path, st.st_mode & 0700);
}

static void
remove_created_file (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
}

static gboolean
migrate (AttuneStore  *self,
         guint         target,
         GError      **error)
{
  const char *context = _("The journal could not be updated to the current format.");

  for (guint v = self->schema_version; v < target; v++)
    {
      if (!begin_transaction (self->db, context, error))
        return FALSE;

      if (!_attune_store_exec (self->db, migrations[v], context, error) ||
          (migration_fixups[v] != NULL && !migration_fixups[v] (self, context, error)))
        {
          _attune_store_rollback (self->db);
          return FALSE;
        }

      if (!commit_transaction (self->db, context, error))
        return FALSE;

      self->schema_version = v + 1;
    }

  return TRUE;
}

static gboolean
configure_connection (sqlite3     *db,
                      GError     **error)
{
  const char *context = _("The journal could not be opened.");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  sqlite3_busy_timeout (db, DEFAULT_BUSY_TIMEOUT_MS);

  if (!_attune_store_exec (db,
                 "PRAGMA foreign_keys = ON;"
                 "PRAGMA synchronous = FULL;"
                 "PRAGMA secure_delete = ON;",
                 context, error))
    return FALSE;

  stmt = _attune_store_prepare (db, "PRAGMA journal_mode = WAL", context, error);
  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _attune_store_set_error (error, db, rc, context);
      return FALSE;
    }

  if (g_ascii_strcasecmp ((const char *) sqlite3_column_text (stmt, 0), "wal") != 0)
    {
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_FAILED,
                   _("The journal could not be opened: its file system does not support the needed locking (write-ahead log)."));
      return FALSE;
    }

  return TRUE;
}

static AttuneStore *
open_store (const char  *path,
            guint        target_version,
            GError     **error)
{
  g_autoptr(AttuneStore) self = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *display = NULL;
  const char *vfs = NULL;
  gboolean created = FALSE;
  guint version = 0;
  struct stat st;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  dir = g_path_get_dirname (path);
  display = g_filename_display_name (path);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, ATTUNE_STORE_ERROR,
                   (saved_errno == EACCES || saved_errno == EROFS) ? ATTUNE_STORE_ERROR_READ_ONLY : ATTUNE_STORE_ERROR_FAILED,
                   _("The folder for the journal could not be created: %s."),
                   g_strerror (saved_errno));
      return NULL;
    }

  if (g_lstat (path, &st) != 0)
    {
      if (errno != ENOENT)
        {
          int saved_errno = errno;

          g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_FAILED,
                       _("The journal “%s” could not be opened: %s."),
                       display, g_strerror (saved_errno));
          return NULL;
        }

      /* A write-ahead log without its database holds changes nobody has
       * merged yet; a new journal here would reset it and lose them. */
      {
        g_autofree char *wal = g_strconcat (path, "-wal", NULL);
        struct stat wal_st;

        if (g_lstat (wal, &wal_st) == 0 && wal_st.st_size > 0)
          {
            g_autofree char *wal_display = g_filename_display_name (wal);

            g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_CORRUPT,
                         _("The journal file is missing, but its recovery file “%s” is still there and may hold recent writing. Put the journal file back, or move the recovery file away to start a new journal. Nothing was changed."),
                         wal_display);
            return NULL;
          }
      }

      if (g_stat (dir, &st) == 0 && is_read_only_for_us (dir, &st))
        {
          g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_READ_ONLY,
                       _("The journal “%s” cannot be created because its folder is read-only. Check its permissions."),
                       display);
          return NULL;
        }

      if (!create_private_file (path, error))
        return NULL;

      created = TRUE;
    }
  else
    {
      /* A link could lead the journal's private words, and the side files
       * SQLite creates beside it, to a place outside its private folder. */
      if (S_ISLNK (st.st_mode))
        {
          g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_FAILED,
                       _("The journal “%s” is a link to another place. To keep it private, Attune only opens a journal that is a file in its own folder: move the file there and try again. Nothing was changed."),
                       display);
          return NULL;
        }

      if (!check_existing_file (path, &st, TRUE, error) ||
          !choose_vfs (path, &vfs, error) ||
          !probe_existing_file (path, &version, error))
        return NULL;

      if (version > target_version)
        {
          g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_NEWER_SCHEMA,
                       _("This journal was written by a newer version of Attune. Update Attune to open it. The journal was left as it is."));
          return NULL;
        }

      tighten_mode (path);
      {
        g_autofree char *wal = g_strconcat (path, "-wal", NULL);
        g_autofree char *shm = g_strconcat (path, "-shm", NULL);

        tighten_mode (wal);
        tighten_mode (shm);
      }
    }

  /* A journal about to change format is kept as it was first (issue 5). */
  if (!created && version > 0 && version < target_version)
    {
      g_autoptr(AttuneSnapshot) before = NULL;

      before = attune_snapshots_take (path, ATTUNE_SNAPSHOT_BEFORE_UPDATE, NULL, error);
      if (before == NULL)
        {
          g_prefix_error (error, _("The journal was not updated to the new format, because a safety copy could not be made first. "));
          return NULL;
        }

      attune_snapshots_rotate (path, NULL, NULL);
    }

  self = g_object_new (ATTUNE_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->schema_version = version;

  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_EXRESCODE,
                        vfs);
  if (rc != SQLITE_OK)
    {
      if ((rc & 0xff) == SQLITE_CANTOPEN && g_access (path, W_OK) != 0)
        rc = SQLITE_READONLY;
      _attune_store_set_error (error, self->db, rc, _("The journal could not be opened."));
      goto failed;
    }

  if (sqlite3_db_readonly (self->db, "main") == 1)
    {
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_READ_ONLY,
                   _("The journal “%s” cannot be changed because the file or its folder is read-only. Check its permissions."),
                   display);
      goto failed;
    }

  /* Nothing decrypted may reach a temporary file. */
  if (vfs != NULL &&
      !_attune_store_exec (self->db, "PRAGMA temp_store = MEMORY", _("The journal could not be opened."), error))
    goto failed;

  if (!_attune_store_register_functions (self->db, error) ||
      !configure_connection (self->db, error) ||
      !migrate (self, target_version, error))
    goto failed;

  return g_steal_pointer (&self);

failed:
  g_clear_pointer (&self->db, sqlite3_close);
  if (created)
    remove_created_file (path);

  return NULL;
}

/* Entries */

static const char *
kind_to_string (AttuneEntryKind kind)
{
  switch (kind)
    {
    case ATTUNE_ENTRY_KIND_CHECK_IN:
      return "check-in";

    case ATTUNE_ENTRY_KIND_NOTE:
    default:
      return "note";
    }
}

static AttuneEntryKind
kind_from_string (const char *kind)
{
  if (g_strcmp0 (kind, "check-in") == 0)
    return ATTUNE_ENTRY_KIND_CHECK_IN;

  return ATTUNE_ENTRY_KIND_NOTE;
}

static int
compare_tags (gconstpointer a,
              gconstpointer b)
{
  const char *tag_a = *(const char * const *) a;
  const char *tag_b = *(const char * const *) b;
  g_autofree char *fold_a = g_utf8_casefold (tag_a, -1);
  g_autofree char *fold_b = g_utf8_casefold (tag_b, -1);
  int cmp = g_utf8_collate (fold_a, fold_b);

  return cmp != 0 ? cmp : strcmp (tag_a, tag_b);
}

/* Whether the tag names read through entry_tags (which the checksum does
 * not cover) are the ones in the entry's own tag_text (which it does): each
 * name found there whole, and nothing else there. Without regard to case:
 * a tag keeps the case it was first written in. */
static gboolean
tags_match_text (char       **tags,
                 const char  *tag_text)
{
  g_autofree char *folded_text = g_utf8_casefold (tag_text != NULL ? tag_text : "", -1);
  gsize text_length = strlen (folded_text);
  gsize total = 0;
  guint n_tags = 0;

  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      g_autofree char *folded = g_utf8_casefold (tags[i], -1);
      gsize length = strlen (folded);
      const char *found = folded_text;
      gboolean whole = FALSE;

      while (length > 0 && (found = strstr (found, folded)) != NULL)
        {
          if ((found == folded_text || found[-1] == ' ') &&
              (found[length] == '\0' || found[length] == ' '))
            {
              whole = TRUE;
              break;
            }
          found++;
        }

      if (!whole)
        return FALSE;

      total += length;
      n_tags++;
    }

  if (n_tags > 0)
    total += n_tags - 1;

  return total == text_length;
}

/**
 * _attune_store_entry_from_row:
 * @stmt: a statement positioned on a row selecting %ATTUNE_ENTRY_COLUMNS
 *
 * Builds an entry from the current row of @stmt.
 *
 * Returns: (transfer full): a new #AttuneEntry
 */
AttuneEntry *
_attune_store_entry_from_row (sqlite3_stmt *stmt)
{
  AttuneEntry *entry = g_object_new (ATTUNE_TYPE_ENTRY, NULL);
  const char *tag_list = (const char *) sqlite3_column_text (stmt, 10);
  char **tags = NULL;

  if (tag_list != NULL && tag_list[0] != '\0')
    {
      tags = g_strsplit (tag_list, "\x1f", -1);
      qsort (tags, g_strv_length (tags), sizeof (char *), compare_tags);
    }

  _attune_entry_load (entry,
                      sqlite3_column_int64 (stmt, 0),
                      (const char *) sqlite3_column_text (stmt, 1),
                      kind_from_string ((const char *) sqlite3_column_text (stmt, 2)),
                      (const char *) sqlite3_column_text (stmt, 3),
                      sqlite3_column_int64 (stmt, 4),
                      sqlite3_column_int64 (stmt, 5),
                      (const char *) sqlite3_column_text (stmt, 6),
                      (const char *) sqlite3_column_text (stmt, 7),
                      sqlite3_column_int (stmt, 8),
                      sqlite3_column_int (stmt, 9) != 0,
                      tags);
  _attune_entry_set_repair_status (entry, sqlite3_column_int (stmt, 11));

  {
    static const int text_columns[] = { 6, 7, 13 };

    if (!_attune_store_column_sum_ok (stmt, 12, G_N_ELEMENTS (text_columns), text_columns) ||
        !tags_match_text (tags, (const char *) sqlite3_column_text (stmt, 13)))
      _attune_entry_set_damaged (entry);
  }

  return entry;
}

static gboolean
is_valid_text (const char *text)
{
  return text != NULL && g_utf8_validate (text, -1, NULL);
}

static gboolean
is_control_free (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (g_unichar_iscntrl (g_utf8_get_char (p)))
        return FALSE;
    }

  return TRUE;
}

/* Checks everything about @entry that SQLite would not, and returns its
 * tags stripped and deduplicated without regard to case. */
static GPtrArray *
validate_entry (AttuneEntry  *entry,
                GError      **error)
{
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char * const *given = attune_entry_get_tags (entry);
  int mood = attune_entry_get_mood (entry);

  if (!is_valid_text (attune_entry_get_title (entry)))
    {
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_INVALID,
                   _("The title contains text that is not valid UTF-8. Nothing was saved."));
      return NULL;
    }

  if (!is_valid_text (attune_entry_get_body (entry)))
    {
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_INVALID,
                   _("The text contains characters that are not valid UTF-8. Nothing was saved."));
      return NULL;
    }

  if (!attune_day_is_valid (attune_entry_get_day (entry)))
    {
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_INVALID,
                   _("The entry’s day is not a valid date. Nothing was saved."));
      return NULL;
    }

  if (mood < ATTUNE_MOOD_NONE || mood > ATTUNE_MOOD_MAX)
    {
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_INVALID,
                   _("The mood must be between 1 and %d. Nothing was saved."),
                   ATTUNE_MOOD_MAX);
      return NULL;
    }

  for (guint i = 0; given[i] != NULL; i++)
    {
      g_autofree char *tag = NULL;
      g_autofree char *folded = NULL;

      if (!is_valid_text (given[i]))
        {
          g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_INVALID,
                       _("A tag contains text that is not valid UTF-8. Nothing was saved."));
          return NULL;
        }

      tag = g_strstrip (g_strdup (given[i]));

      if (tag[0] == '\0')
        {
          g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_INVALID,
                       _("A tag is empty. Nothing was saved."));
          return NULL;
        }

      if (g_utf8_strlen (tag, -1) > MAX_TAG_CHARS)
        {
          g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_INVALID,
                       g_dngettext (GETTEXT_PACKAGE, "The tag “%s” is longer than %d character. Nothing was saved.",
                                    "The tag “%s” is longer than %d characters. Nothing was saved.",
                                    MAX_TAG_CHARS),
                       tag, MAX_TAG_CHARS);
          return NULL;
        }

      if (!is_control_free (tag))
        {
          g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_INVALID,
                       _("A tag contains control characters. Nothing was saved."));
          return NULL;
        }

      folded = g_utf8_casefold (tag, -1);
      if (!g_hash_table_add (seen, g_steal_pointer (&folded)))
        continue;

      g_ptr_array_add (tags, g_steal_pointer (&tag));
    }

  if (tags->len > MAX_TAGS)
    {
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE, "An entry can have at most %d tag. Nothing was saved.",
                                "An entry can have at most %d tags. Nothing was saved.",
                                MAX_TAGS),
                   MAX_TAGS);
      return NULL;
    }

  return g_steal_pointer (&tags);
}

static char *
join_tags (GPtrArray *tags)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < tags->len; i++)
    {
      if (i > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, g_ptr_array_index (tags, i));
    }

  return g_string_free (text, FALSE);
}

static gboolean
write_tags (AttuneStore  *self,
            gint64        entry_id,
            GPtrArray    *tags,
            const char   *context,
            GError      **error)
{
  g_autoptr(sqlite3_stmt) clear = NULL;
  g_autoptr(sqlite3_stmt) add_tag = NULL;
  g_autoptr(sqlite3_stmt) link_tag = NULL;

  clear = _attune_store_prepare (self->db, "DELETE FROM entry_tags WHERE entry_id = ?1", context, error);
  if (clear == NULL)
    return FALSE;

  sqlite3_bind_int64 (clear, 1, entry_id);
  if (!_attune_store_step_done (clear, context, error))
    return FALSE;

  if (tags->len > 0)
    {
      add_tag = _attune_store_prepare (self->db,
                                   "INSERT INTO tags (name) VALUES (?1) ON CONFLICT (name) DO NOTHING",
                                   context, error);
      link_tag = _attune_store_prepare (self->db,
                                    "INSERT OR IGNORE INTO entry_tags (entry_id, tag_id) "
                                    "SELECT ?1, id FROM tags WHERE name = ?2",
                                    context, error);
      if (add_tag == NULL || link_tag == NULL)
        return FALSE;
    }

  for (guint i = 0; i < tags->len; i++)
    {
      const char *tag = g_ptr_array_index (tags, i);

      sqlite3_reset (add_tag);
      sqlite3_bind_text (add_tag, 1, tag, -1, SQLITE_TRANSIENT);
      if (!_attune_store_step_done (add_tag, context, error))
        return FALSE;

      sqlite3_reset (link_tag);
      sqlite3_bind_int64 (link_tag, 1, entry_id);
      sqlite3_bind_text (link_tag, 2, tag, -1, SQLITE_TRANSIENT);
      if (!_attune_store_step_done (link_tag, context, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
drop_unused_tags (AttuneStore  *self,
                  const char   *context,
                  GError      **error)
{
  return _attune_store_exec (self->db,
                   "DELETE FROM tags WHERE NOT EXISTS "
                   "(SELECT 1 FROM entry_tags WHERE entry_tags.tag_id = tags.id)",
                   context, error);
}

/* Reads the day of entry @id; FALSE with NOT_FOUND if there is none. */
static gboolean
read_entry_key (AttuneStore  *self,
                gint64        id,
                char        **out_day,
                gint64       *out_created_at,
                const char   *context,
                GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _attune_store_prepare (self->db,
                            "SELECT day, created_at FROM entries WHERE id = ?1",
                            context, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);

  if (rc == SQLITE_DONE)
    {
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_NOT_FOUND,
                   _("%s The entry no longer exists."), context);
      return FALSE;
    }

  if (rc != SQLITE_ROW)
    {
      _attune_store_set_error (error, self->db, rc, context);
      return FALSE;
    }

  *out_day = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  *out_created_at = sqlite3_column_int64 (stmt, 1);

  return TRUE;
}

static void
notify_timelines (AttuneStore *self,
                  gint64       id,
                  gint64       created_at,
                  const char  *old_day,
                  const char  *new_day)
{
  g_autoptr(GPtrArray) timelines = g_ptr_array_new_with_free_func (g_object_unref);

  /* Hold them while they emit: a handler may drop the last reference. */
  for (guint i = 0; i < self->timelines->len; i++)
    g_ptr_array_add (timelines, g_object_ref (g_ptr_array_index (self->timelines, i)));

  for (guint i = 0; i < timelines->len; i++)
    _attune_timeline_entry_changed (g_ptr_array_index (timelines, i),
                                    id, created_at, old_day, new_day);
}

/* Inserts @entry with the given identity; the caller holds a transaction. */
static gboolean
insert_entry_row (AttuneStore  *self,
                  AttuneEntry  *entry,
                  gint64        id,
                  const char   *uuid,
                  gint64        created_at,
                  gint64        updated_at,
                  const char   *tag_text,
                  gint64       *out_id,
                  const char   *context,
                  GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int mood = attune_entry_get_mood (entry);

  stmt = _attune_store_prepare (self->db,
                            "INSERT INTO entries (id, uuid, kind, day, created_at, updated_at, "
                            "title, body, format, mood, bring, tag_text) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                            context, error);
  if (stmt == NULL)
    return FALSE;

  if (id > 0)
    sqlite3_bind_int64 (stmt, 1, id);
  else
    sqlite3_bind_null (stmt, 1);
  sqlite3_bind_text (stmt, 2, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, kind_to_string (attune_entry_get_kind (entry)), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, attune_entry_get_day (entry), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, created_at);
  sqlite3_bind_int64 (stmt, 6, updated_at);
  sqlite3_bind_text (stmt, 7, attune_entry_get_title (entry), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, attune_entry_get_body (entry), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 9, ATTUNE_CONTENT_FORMAT);
  if (mood == ATTUNE_MOOD_NONE)
    sqlite3_bind_null (stmt, 10);
  else
    sqlite3_bind_int (stmt, 10, mood);
  sqlite3_bind_int (stmt, 11, attune_entry_get_bring (entry) ? 1 : 0);
  sqlite3_bind_text (stmt, 12, tag_text, -1, SQLITE_TRANSIENT);

  if (!_attune_store_step_done (stmt, context, error))
    return FALSE;

  *out_id = sqlite3_last_insert_rowid (self->db);

  return TRUE;
}

static gboolean
update_entry_row (AttuneStore  *self,
                  AttuneEntry  *entry,
                  gint64        updated_at,
                  const char   *tag_text,
                  const char   *context,
                  GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int mood = attune_entry_get_mood (entry);

  stmt = _attune_store_prepare (self->db,
                            "UPDATE entries SET kind = ?2, day = ?3, updated_at = ?4, "
                            "title = ?5, body = ?6, mood = ?7, bring = ?8, tag_text = ?9, "
                            "format = ?10 WHERE id = ?1",
                            context, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, attune_entry_get_id (entry));
  sqlite3_bind_text (stmt, 2, kind_to_string (attune_entry_get_kind (entry)), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, attune_entry_get_day (entry), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, updated_at);
  sqlite3_bind_text (stmt, 5, attune_entry_get_title (entry), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, attune_entry_get_body (entry), -1, SQLITE_TRANSIENT);
  if (mood == ATTUNE_MOOD_NONE)
    sqlite3_bind_null (stmt, 7);
  else
    sqlite3_bind_int (stmt, 7, mood);
  sqlite3_bind_int (stmt, 8, attune_entry_get_bring (entry) ? 1 : 0);
  sqlite3_bind_text (stmt, 9, tag_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 10, ATTUNE_CONTENT_FORMAT);

  return _attune_store_step_done (stmt, context, error);
}

/* Check-ins and the list for next session: helpers. Every one of them
 * expects the caller to hold a transaction. */

static gboolean
read_entry_bring (AttuneStore  *self,
                  gint64        id,
                  gboolean     *out_bring,
                  const char   *context,
                  GError      **error)
{
  gint64 bring = 0;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _attune_store_prepare (self->db, "SELECT bring FROM entries WHERE id = ?1", context, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    bring = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    {
      _attune_store_set_error (error, self->db, rc, context);
      return FALSE;
    }

  *out_bring = bring != 0;

  return TRUE;
}

/* Strips @text and checks it can be an agenda item. */
static char *
dup_agenda_text (const char  *text,
                 GError     **error)
{
  g_autofree char *stripped = NULL;
  glong len;

  if (!is_valid_text (text))
    {
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_INVALID,
                   _("The item contains text that is not valid UTF-8. Nothing was changed."));
      return NULL;
    }

  stripped = g_strstrip (g_strdup (text));
  len = g_utf8_strlen (stripped, -1);

  if (len == 0)
    {
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_INVALID,
                   _("The item is empty. Nothing was changed."));
      return NULL;
    }

  if (len > MAX_AGENDA_CHARS)
    {
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE, "The item is longer than %d character. Nothing was changed.",
                                "The item is longer than %d characters. Nothing was changed.",
                                MAX_AGENDA_CHARS),
                   MAX_AGENDA_CHARS);
      return NULL;
    }

  return g_steal_pointer (&stripped);
}

/* Cuts text made by Attune (not typed by the person) to fit an item. */
static char *
fit_agenda_text (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  if (stripped[0] == '\0')
    return g_strdup (_("Untitled entry"));

  if (g_utf8_strlen (stripped, -1) > MAX_AGENDA_CHARS)
    return g_utf8_substring (stripped, 0, MAX_AGENDA_CHARS);

  return g_steal_pointer (&stripped);
}

/* Puts undone items back at positions 0, 1, 2… in their order. */
static gboolean
renumber_agenda (AttuneStore  *self,
                 const char   *context,
                 GError      **error)
{
  return _attune_store_exec (self->db,
                   "UPDATE agenda SET position = (SELECT count(*) FROM agenda AS b "
                   "  WHERE b.done = 0 AND (b.position < agenda.position OR "
                   "  (b.position = agenda.position AND b.id < agenda.id))) "
                   "WHERE done = 0",
                   context, error);
}

/* Makes room at @position among the undone items. */
static gboolean
open_agenda_gap (AttuneStore  *self,
                 guint         position,
                 const char   *context,
                 GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _attune_store_prepare (self->db,
                            "UPDATE agenda SET position = position + 1 "
                            "WHERE done = 0 AND position >= ?1",
                            context, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, position);

  return _attune_store_step_done (stmt, context, error);
}

/* Adds an undone item at the end of the list. */
static gboolean
append_agenda_item (AttuneStore  *self,
                    const char   *text,
                    gint64        entry_id,
                    gint64        now,
                    gint64       *out_id,
                    const char   *context,
                    GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _attune_store_prepare (self->db,
                            "INSERT INTO agenda (text, entry_id, position, done, created_at) "
                            "VALUES (?1, ?2, (SELECT count(*) FROM agenda WHERE done = 0), 0, ?3)",
                            context, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  if (entry_id > 0)
    sqlite3_bind_int64 (stmt, 2, entry_id);
  else
    sqlite3_bind_null (stmt, 2);
  sqlite3_bind_int64 (stmt, 3, now);

  if (!_attune_store_step_done (stmt, context, error))
    return FALSE;

  if (out_id != NULL)
    *out_id = sqlite3_last_insert_rowid (self->db);

  return TRUE;
}

static gboolean
has_undone_item_for (AttuneStore  *self,
                     gint64        entry_id,
                     gboolean     *out_has,
                     const char   *context,
                     GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _attune_store_prepare (self->db,
                            "SELECT EXISTS (SELECT 1 FROM agenda WHERE entry_id = ?1 AND done = 0)",
                            context, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, entry_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _attune_store_set_error (error, self->db, rc, context);
      return FALSE;
    }

  *out_has = sqlite3_column_int (stmt, 0) != 0;

  return TRUE;
}

/* Removes the undone items linked to @entry_id; the done ones stay as a
 * record of what was discussed. */
static gboolean
remove_undone_items_for (AttuneStore  *self,
                         gint64        entry_id,
                         gboolean     *out_removed,
                         const char   *context,
                         GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _attune_store_prepare (self->db,
                            "DELETE FROM agenda WHERE entry_id = ?1 AND done = 0",
                            context, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, entry_id);
  if (!_attune_store_step_done (stmt, context, error))
    return FALSE;

  *out_removed = sqlite3_changes (self->db) > 0;

  return !*out_removed || renumber_agenda (self, context, error);
}

/* Keeps the list in step with an entry's "bring to my next session"
 * switch. Only a change of the switch acts: turning it on adds one item
 * (unless one is already waiting), turning it off removes the waiting one.
 *
 * Checking an item off as discussed leaves the entry as it is. The switch
 * says "I marked this to bring", the list says whether it was talked
 * about; changing the entry behind the person's back would also fight an
 * editor that still shows the switch on and saves it again. Because only
 * changes act, saving such an entry again does not put the item back;
 * switching it off and on does. */
static gboolean
sync_bring_item (AttuneStore  *self,
                 AttuneEntry  *entry,
                 gint64        id,
                 gboolean      old_bring,
                 gint64        now,
                 gboolean     *out_changed,
                 const char   *context,
                 GError      **error)
{
  gboolean bring = attune_entry_get_bring (entry);
  gboolean has = FALSE;

  *out_changed = FALSE;

  if (bring == old_bring)
    return TRUE;

  if (!bring)
    return remove_undone_items_for (self, id, out_changed, context, error);

  if (!has_undone_item_for (self, id, &has, context, error))
    return FALSE;

  if (!has)
    {
      g_autofree char *title = attune_entry_dup_display_title (entry);
      g_autofree char *text = fit_agenda_text (title);

      if (!append_agenda_item (self, text, id, now, NULL, context, error))
        return FALSE;
      *out_changed = TRUE;
    }

  return TRUE;
}

/* Undoing the deletion of an entry: its waiting item was kept, unlinked,
 * when it was deleted; link it again instead of adding a second one. */
static gboolean
relink_bring_item (AttuneStore  *self,
                   AttuneEntry  *entry,
                   const char   *context,
                   GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *title = NULL;
  g_autofree char *text = NULL;

  if (!attune_entry_get_bring (entry))
    return TRUE;

  title = attune_entry_dup_display_title (entry);
  text = fit_agenda_text (title);

  stmt = _attune_store_prepare (self->db,
                            "UPDATE agenda SET entry_id = ?1 WHERE id = "
                            "(SELECT id FROM agenda WHERE entry_id IS NULL AND done = 0 AND text = ?2 "
                            " ORDER BY position LIMIT 1) "
                            "AND NOT EXISTS (SELECT 1 FROM agenda WHERE entry_id = ?1 AND done = 0)",
                            context, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, attune_entry_get_id (entry));
  sqlite3_bind_text (stmt, 2, text, -1, SQLITE_TRANSIENT);

  return _attune_store_step_done (stmt, context, error);
}

/* The 2 → 3 step: entries marked "bring to my next session" before the
 * list existed become its items, oldest first, titled as the timeline
 * shows them. */
static gboolean
add_agenda_for_bring_entries (AttuneStore  *self,
                              const char   *context,
                              GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 now = g_get_real_time ();
  int rc;

  /* Only columns of version 3 here: later steps may change the others. */
  stmt = _attune_store_prepare (self->db,
                            "SELECT id, title, body FROM entries WHERE bring = 1 "
                            "ORDER BY day, created_at, id",
                            context, error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(AttuneEntry) entry = attune_entry_new ();
      g_autofree char *title = NULL;
      g_autofree char *text = NULL;
      const char *entry_title = (const char *) sqlite3_column_text (stmt, 1);
      const char *body = (const char *) sqlite3_column_text (stmt, 2);

      attune_entry_set_title (entry, is_valid_text (entry_title) ? entry_title : NULL);
      attune_entry_set_body (entry, is_valid_text (body) ? body : NULL);
      title = attune_entry_dup_display_title (entry);
      text = fit_agenda_text (title);

      if (!append_agenda_item (self, text, sqlite3_column_int64 (stmt, 0), now, NULL, context, error))
        return FALSE;
    }

  if (rc != SQLITE_DONE)
    {
      _attune_store_set_error (error, self->db, rc, context);
      return FALSE;
    }

  return TRUE;
}

#define AGENDA_COLUMNS "id, text, entry_id, position, done, done_at, created_at"

static AttuneAgendaItem *
agenda_item_from_row (sqlite3_stmt *stmt)
{
  return _attune_agenda_item_new (sqlite3_column_int64 (stmt, 0),
                                  (const char *) sqlite3_column_text (stmt, 1),
                                  sqlite3_column_int64 (stmt, 2),
                                  (guint) CLAMP (sqlite3_column_int64 (stmt, 3), 0, G_MAXUINT),
                                  sqlite3_column_int (stmt, 4) != 0,
                                  sqlite3_column_int64 (stmt, 5),
                                  sqlite3_column_int64 (stmt, 6));
}

static GPtrArray *
read_agenda (AttuneStore  *self,
             GError      **error)
{
  const char *context = _("The list for next session could not be read.");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  /* Undone items in their order, then done ones, most recently done first. */
  stmt = _attune_store_prepare (self->db,
                            "SELECT " AGENDA_COLUMNS " FROM agenda ORDER BY done, "
                            "CASE WHEN done = 0 THEN position ELSE -done_at END, "
                            "CASE WHEN done = 0 THEN id ELSE -id END",
                            context, error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (items, agenda_item_from_row (stmt));

  if (rc != SQLITE_DONE)
    {
      _attune_store_set_error (error, self->db, rc, context);
      return NULL;
    }

  return g_steal_pointer (&items);
}

/* Re-reads the list after a change and replaces only the rows between the
 * first and the last that differ, in one items-changed. */
static void
reload_agenda (AttuneStore *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  guint old_n, new_n, prefix = 0, suffix = 0;

  if (self->agenda == NULL)
    return;

  items = read_agenda (self, &error);
  if (items == NULL)
    {
      /* The change itself was saved; only this view of it is stale. */
      g_warning ("%s", error->message);
      return;
    }

  old_n = g_list_model_get_n_items (G_LIST_MODEL (self->agenda));
  new_n = items->len;

  while (prefix < old_n && prefix < new_n)
    {
      g_autoptr(AttuneAgendaItem) old = g_list_model_get_item (G_LIST_MODEL (self->agenda), prefix);

      if (!_attune_agenda_item_equal (old, g_ptr_array_index (items, prefix)))
        break;
      prefix++;
    }

  while (suffix < old_n - prefix && suffix < new_n - prefix)
    {
      g_autoptr(AttuneAgendaItem) old = g_list_model_get_item (G_LIST_MODEL (self->agenda),
                                                               old_n - 1 - suffix);

      if (!_attune_agenda_item_equal (old, g_ptr_array_index (items, new_n - 1 - suffix)))
        break;
      suffix++;
    }

  if (prefix == old_n && prefix == new_n)
    return;

  g_list_store_splice (self->agenda, prefix, old_n - prefix - suffix,
                       items->pdata + prefix, new_n - prefix - suffix);
}

/* Reads the check-in's key facts inside a transaction; NOT_FOUND when
 * @entry_id is not a check-in. */
static gboolean
read_check_in_state (AttuneStore         *self,
                     gint64               entry_id,
                     AttuneRepairStatus  *out_status,
                     gboolean            *out_bring_up,
                     const char          *context,
                     GError             **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _attune_store_prepare (self->db,
                            "SELECT repair_status, rupture, plan FROM check_ins WHERE entry_id = ?1",
                            context, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, entry_id);
  rc = sqlite3_step (stmt);

  if (rc == SQLITE_DONE)
    {
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_NOT_FOUND,
                   _("%s The check-in no longer exists."), context);
      return FALSE;
    }

  if (rc != SQLITE_ROW)
    {
      _attune_store_set_error (error, self->db, rc, context);
      return FALSE;
    }

  *out_status = sqlite3_column_int (stmt, 0);
  if (out_bring_up != NULL)
    {
      int rupture = sqlite3_column_int (stmt, 1);

      *out_bring_up = (sqlite3_column_int (stmt, 2) & ATTUNE_PLAN_BRING_UP) != 0 &&
                      (rupture == ATTUNE_RUPTURE_YES || rupture == ATTUNE_RUPTURE_NOT_SURE);
    }

  return TRUE;
}

static gboolean
add_repair_event (AttuneStore         *self,
                  gint64               entry_id,
                  gint64               at,
                  AttuneRepairStatus   status,
                  const char          *note,
                  const char          *context,
                  GError             **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _attune_store_prepare (self->db,
                            "INSERT INTO repair_events (entry_id, at, status, note) "
                            "VALUES (?1, ?2, ?3, ?4)",
                            context, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, entry_id);
  sqlite3_bind_int64 (stmt, 2, at);
  sqlite3_bind_int (stmt, 3, status);
  if (note != NULL)
    sqlite3_bind_text (stmt, 4, note, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 4);

  return _attune_store_step_done (stmt, context, error);
}

/* Scales: skipped is NULL, "not sure" is 0, else 1 to 5. */
static void
bind_scale (sqlite3_stmt *stmt,
            int           index,
            int           value)
{
  if (value == ATTUNE_SCALE_SKIPPED)
    sqlite3_bind_null (stmt, index);
  else if (value == ATTUNE_SCALE_NOT_SURE)
    sqlite3_bind_int (stmt, index, 0);
  else
    sqlite3_bind_int (stmt, index, value);
}

static int
column_scale (sqlite3_stmt *stmt,
              int           column)
{
  int value;

  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return ATTUNE_SCALE_SKIPPED;

  value = sqlite3_column_int (stmt, column);
  if (value == 0)
    return ATTUNE_SCALE_NOT_SURE;

  return CLAMP (value, 1, ATTUNE_SCALE_MAX);
}

static gboolean
write_check_in_row (AttuneStore         *self,
                    AttuneCheckIn       *check_in,
                    gint64               entry_id,
                    AttuneRepairStatus   status,
                    const char          *context,
                    GError             **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _attune_store_prepare (self->db,
                            "INSERT INTO check_ins (entry_id, session_at, mode, connected, heard, "
                            "mattered, suited, rupture, kinds, other_kind, intensity, what_happened, "
                            "felt, needed, resolved, spoke_up, plan, message, repair_status) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
                            "?15, ?16, ?17, ?18, ?19) "
                            "ON CONFLICT (entry_id) DO UPDATE SET session_at = excluded.session_at, "
                            "mode = excluded.mode, connected = excluded.connected, "
                            "heard = excluded.heard, mattered = excluded.mattered, "
                            "suited = excluded.suited, rupture = excluded.rupture, "
                            "kinds = excluded.kinds, other_kind = excluded.other_kind, "
                            "intensity = excluded.intensity, what_happened = excluded.what_happened, "
                            "felt = excluded.felt, needed = excluded.needed, "
                            "resolved = excluded.resolved, spoke_up = excluded.spoke_up, "
                            "plan = excluded.plan, message = excluded.message, "
                            "repair_status = excluded.repair_status",
                            context, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, entry_id);
  sqlite3_bind_int64 (stmt, 2, attune_check_in_get_session_at (check_in));
  sqlite3_bind_int (stmt, 3, attune_check_in_get_mode (check_in));
  bind_scale (stmt, 4, attune_check_in_get_connected (check_in));
  bind_scale (stmt, 5, attune_check_in_get_heard (check_in));
  bind_scale (stmt, 6, attune_check_in_get_mattered (check_in));
  bind_scale (stmt, 7, attune_check_in_get_suited (check_in));
  sqlite3_bind_int (stmt, 8, attune_check_in_get_rupture (check_in));
  sqlite3_bind_int (stmt, 9, attune_check_in_get_kinds (check_in));
  sqlite3_bind_text (stmt, 10, attune_check_in_get_other_kind (check_in), -1, SQLITE_TRANSIENT);
  bind_scale (stmt, 11, attune_check_in_get_intensity (check_in));
  sqlite3_bind_text (stmt, 12, attune_check_in_get_what_happened (check_in), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 13, attune_check_in_get_felt (check_in), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 14, attune_check_in_get_needed (check_in), -1, SQLITE_TRANSIENT);
  bind_scale (stmt, 15, attune_check_in_get_resolved (check_in));
  sqlite3_bind_int (stmt, 16, attune_check_in_get_spoke_up (check_in));
  sqlite3_bind_int (stmt, 17, attune_check_in_get_plan (check_in));
  sqlite3_bind_text (stmt, 18, attune_check_in_get_message (check_in), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 19, status);

  return _attune_store_step_done (stmt, context, error);
}

#define CHECK_IN_COLUMNS ATTUNE_CHECK_IN_COLUMNS

AttuneCheckIn *
_attune_store_check_in_from_row (sqlite3_stmt *stmt)
{
  AttuneCheckIn *check_in = attune_check_in_new ();
  /* The table's CHECK constraints keep every value in range, but a record
   * damaged on disk is not checked again: out of range reads as damaged. */
  static const struct { int column, max; } ranges[] = { { 3, 3 }, { 8, 3 }, { 16, 3 }, { 19, 4 } };
  gboolean out_of_range = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (ranges); i++)
    {
      int value = sqlite3_column_int (stmt, ranges[i].column);

      if (value < 0 || value > ranges[i].max)
        out_of_range = TRUE;
    }

  if (out_of_range)
    {
      _attune_check_in_set_saved (check_in,
                                  sqlite3_column_int64 (stmt, 0),
                                  (const char *) sqlite3_column_text (stmt, 1),
                                  ATTUNE_REPAIR_NONE);
      _attune_check_in_set_damaged (check_in);
      return check_in;
    }

  attune_check_in_set_session_at (check_in, MAX (sqlite3_column_int64 (stmt, 2), 0));
  attune_check_in_set_mode (check_in, sqlite3_column_int (stmt, 3));
  attune_check_in_set_connected (check_in, column_scale (stmt, 4));
  attune_check_in_set_heard (check_in, column_scale (stmt, 5));
  attune_check_in_set_mattered (check_in, column_scale (stmt, 6));
  attune_check_in_set_suited (check_in, column_scale (stmt, 7));
  attune_check_in_set_rupture (check_in, sqlite3_column_int (stmt, 8));
  attune_check_in_set_kinds (check_in, sqlite3_column_int (stmt, 9) & ATTUNE_RUPTURE_KIND_ALL);
  attune_check_in_set_other_kind (check_in, (const char *) sqlite3_column_text (stmt, 10));
  attune_check_in_set_intensity (check_in, column_scale (stmt, 11));
  attune_check_in_set_what_happened (check_in, (const char *) sqlite3_column_text (stmt, 12));
  attune_check_in_set_felt (check_in, (const char *) sqlite3_column_text (stmt, 13));
  attune_check_in_set_needed (check_in, (const char *) sqlite3_column_text (stmt, 14));
  attune_check_in_set_resolved (check_in, column_scale (stmt, 15));
  attune_check_in_set_spoke_up (check_in, sqlite3_column_int (stmt, 16));
  attune_check_in_set_plan (check_in, sqlite3_column_int (stmt, 17) & ATTUNE_PLAN_ALL);
  attune_check_in_set_message (check_in, (const char *) sqlite3_column_text (stmt, 18));
  _attune_check_in_set_saved (check_in,
                              sqlite3_column_int64 (stmt, 0),
                              (const char *) sqlite3_column_text (stmt, 1),
                              sqlite3_column_int (stmt, 19));

  {
    static const int text_columns[] = { 10, 12, 13, 14, 18 };

    if (!_attune_store_column_sum_ok (stmt, 20, G_N_ELEMENTS (text_columns), text_columns))
      _attune_check_in_set_damaged (check_in);
  }

  return check_in;
}

static gboolean
check_check_in_text (const char  *text,
                     const char  *field,
                     GError     **error)
{
  if (!is_valid_text (text))
    {
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_INVALID,
                   /* Translators: %s names a question of the check-in. */
                   _("The answer “%s” contains text that is not valid UTF-8. Nothing was saved."),
                   field);
      return FALSE;
    }

  if (g_utf8_strlen (text, -1) > ATTUNE_CHECK_IN_MAX_TEXT_CHARS)
    {
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE, "The answer “%s” is longer than %d character. Nothing was saved.",
                                "The answer “%s” is longer than %d characters. Nothing was saved.",
                                ATTUNE_CHECK_IN_MAX_TEXT_CHARS),
                   field, ATTUNE_CHECK_IN_MAX_TEXT_CHARS);
      return FALSE;
    }

  return TRUE;
}

static gboolean
is_scale_value (int value)
{
  return value >= ATTUNE_SCALE_NOT_SURE && value <= ATTUNE_SCALE_MAX;
}

/* Checks everything about @check_in that SQLite would not, and returns the
 * local calendar day of its session. */
static char *
validate_check_in (AttuneCheckIn  *check_in,
                   GError        **error)
{
  g_autoptr(GDateTime) local = NULL;
  gint64 session_at = attune_check_in_get_session_at (check_in);

  if (session_at > 0)
    local = g_date_time_new_from_unix_local (session_at / G_USEC_PER_SEC);

  if (local == NULL)
    {
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_INVALID,
                   _("The check-in has no valid session time. Nothing was saved."));
      return NULL;
    }

  if (!is_scale_value (attune_check_in_get_connected (check_in)) ||
      !is_scale_value (attune_check_in_get_heard (check_in)) ||
      !is_scale_value (attune_check_in_get_mattered (check_in)) ||
      !is_scale_value (attune_check_in_get_suited (check_in)) ||
      !is_scale_value (attune_check_in_get_intensity (check_in)) ||
      !is_scale_value (attune_check_in_get_resolved (check_in)) ||
      (guint) attune_check_in_get_mode (check_in) > ATTUNE_SESSION_MODE_PHONE ||
      (guint) attune_check_in_get_rupture (check_in) > ATTUNE_RUPTURE_NOT_SURE ||
      (guint) attune_check_in_get_spoke_up (check_in) > ATTUNE_SPOKE_UP_NO ||
      ((guint) attune_check_in_get_kinds (check_in) & ~(guint) ATTUNE_RUPTURE_KIND_ALL) != 0 ||
      ((guint) attune_check_in_get_plan (check_in) & ~(guint) ATTUNE_PLAN_ALL) != 0)
    {
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_INVALID,
                   _("The check-in has an answer out of range. Nothing was saved."));
      return NULL;
    }

  if (!check_check_in_text (attune_check_in_get_other_kind (check_in), _("Something else"), error) ||
      !check_check_in_text (attune_check_in_get_what_happened (check_in), _("What happened"), error) ||
      !check_check_in_text (attune_check_in_get_felt (check_in), _("What I felt"), error) ||
      !check_check_in_text (attune_check_in_get_needed (check_in), _("What I needed"), error) ||
      !check_check_in_text (attune_check_in_get_message (check_in), _("Message"), error))
    return NULL;

  return g_date_time_format (local, "%Y-%m-%d");
}

/* The entry text of a check-in: the person's own words, so that search
 * finds check-ins like any other entry. */
static char *
dup_check_in_summary (AttuneCheckIn *check_in)
{
  const char *parts[] = {
    attune_check_in_get_what_happened (check_in),
    attune_check_in_get_felt (check_in),
    attune_check_in_get_needed (check_in),
    attune_check_in_get_other_kind (check_in),
    attune_check_in_get_message (check_in),
  };
  GString *summary = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      g_autofree char *part = g_strstrip (g_strdup (parts[i]));

      if (part[0] == '\0')
        continue;

      if (summary->len > 0)
        g_string_append (summary, "\n\n");
      g_string_append (summary, part);
    }

  return g_string_free (summary, FALSE);
}

static void
timeline_finalized_cb (gpointer  data,
                       GObject  *where_the_object_was)
{
  AttuneStore *self = data;

  g_ptr_array_remove (self->timelines, where_the_object_was);
}

static void
attune_store_dispose (GObject *object)
{
  AttuneStore *self = (AttuneStore *) object;

  for (guint i = 0; i < self->timelines->len; i++)
    g_object_weak_unref (g_ptr_array_index (self->timelines, i), timeline_finalized_cb, self);
  g_ptr_array_set_size (self->timelines, 0);
  g_clear_object (&self->agenda);

  G_OBJECT_CLASS (attune_store_parent_class)->dispose (object);
}

static void
attune_store_finalize (GObject *object)
{
  AttuneStore *self = (AttuneStore *) object;

  /* Best effort: on failure the words go at the next close after a delete. */
  if (self->db != NULL && self->purge_at_close)
    sqlite3_exec (self->db, "INSERT INTO entries_fts (entries_fts) VALUES ('optimize')",
                  NULL, NULL, NULL);

  /* sqlite3_close() checkpoints the WAL and removes -wal and -shm. */
  g_clear_pointer (&self->db, sqlite3_close);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->timelines, g_ptr_array_unref);

  G_OBJECT_CLASS (attune_store_parent_class)->finalize (object);
}

static void
attune_store_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  AttuneStore *self = ATTUNE_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, attune_store_get_path (self));
      break;

    case PROP_SCHEMA_VERSION:
      g_value_set_uint (value, attune_store_get_schema_version (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attune_store_class_init (AttuneStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = attune_store_dispose;
  object_class->finalize = attune_store_finalize;
  object_class->get_property = attune_store_get_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_SCHEMA_VERSION] =
    g_param_spec_uint ("schema-version", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
attune_store_init (AttuneStore *self)
{
  self->timelines = g_ptr_array_new ();
}

/* Public API */

/**
 * attune_store_dup_default_path:
 *
 * Gets where the journal lives: `$XDG_DATA_HOME/attune/attune.db`.
 *
 * Returns: (transfer full) (type filename): the default journal path
 */
char *
attune_store_dup_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "attune", "attune.db", NULL);
}

/**
 * attune_store_open:
 * @path: (type filename): the journal file
 * @error: return location for a #GError
 *
 * Opens the journal at @path, creating it (mode 0600, in a folder created
 * 0700) if it does not exist, and brings its schema up to date.
 *
 * An existing file is checked before anything may write to it; on any
 * error it is left exactly as it was.
 *
 * Returns: (transfer full) (nullable): the store, or %NULL with @error set
 */
AttuneStore *
attune_store_open (const char  *path,
                   GError     **error)
{
  return open_store (path, LATEST_SCHEMA_VERSION, error);
}

/**
 * _attune_store_open_at_version:
 * @path: (type filename): the journal file
 * @version: the schema version to stop at
 * @error: return location for a #GError
 *
 * Like attune_store_open(), but migrates only up to @version. For tests.
 *
 * Returns: (transfer full) (nullable): the store, or %NULL with @error set
 */
AttuneStore *
_attune_store_open_at_version (const char  *path,
                               guint        version,
                               GError     **error)
{
  g_return_val_if_fail (version <= LATEST_SCHEMA_VERSION, NULL);

  return open_store (path, version, error);
}

/**
 * attune_store_open_read_only:
 * @path: (type filename): an existing journal file
 * @error: return location for a #GError
 *
 * Opens a second, read-only connection to the journal at @path, for work
 * in another thread (reports, insights). The file is checked as by
 * attune_store_open(), but nothing is created or migrated: a journal in
 * another format than this Attune's is an error. Every write through the
 * returned store fails with %ATTUNE_STORE_ERROR_READ_ONLY.
 *
 * Returns: (transfer full) (nullable): the store, or %NULL with @error set
 */
AttuneStore *
attune_store_open_read_only (const char  *path,
                             GError     **error)
{
  g_autoptr(AttuneStore) self = NULL;
  g_autofree char *display = NULL;
  const char *vfs = NULL;
  guint version = 0;
  struct stat st;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  display = g_filename_display_name (path);

  if (g_stat (path, &st) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, ATTUNE_STORE_ERROR,
                   saved_errno == ENOENT ? ATTUNE_STORE_ERROR_NOT_FOUND : ATTUNE_STORE_ERROR_FAILED,
                   _("The journal “%s” could not be opened: %s."),
                   display, g_strerror (saved_errno));
      return NULL;
    }

  if (!check_existing_file (path, &st, FALSE, error) ||
      !choose_vfs (path, &vfs, error) ||
      !probe_existing_file (path, &version, error))
    return NULL;

  if (version != LATEST_SCHEMA_VERSION)
    {
      /* Older: only a writable connection may migrate it; newer: unknown. */
      g_set_error (error, ATTUNE_STORE_ERROR,
                   version > LATEST_SCHEMA_VERSION ? ATTUNE_STORE_ERROR_NEWER_SCHEMA : ATTUNE_STORE_ERROR_FAILED,
                   _("The journal “%s” is in another format (%u) than this version of Attune reads (%u). Open it in Attune first."),
                   display, version, (guint) LATEST_SCHEMA_VERSION);
      return NULL;
    }

  self = g_object_new (ATTUNE_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->schema_version = version;

  rc = sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_EXRESCODE, vfs);
  if (rc != SQLITE_OK)
    {
      _attune_store_set_error (error, self->db, rc, _("The journal could not be opened."));
      g_clear_pointer (&self->db, sqlite3_close);
      return NULL;
    }

  sqlite3_busy_timeout (self->db, DEFAULT_BUSY_TIMEOUT_MS);
  if (!_attune_store_register_functions (self->db, error) ||
      (vfs != NULL && !_attune_store_exec (self->db, "PRAGMA temp_store = MEMORY", _("The journal could not be opened."), error)) ||
      !_attune_store_exec (self->db, "PRAGMA query_only = ON", _("The journal could not be opened."), error))
    {
      g_clear_pointer (&self->db, sqlite3_close);
      return NULL;
    }

  return g_steal_pointer (&self);
}

/**
 * _attune_store_get_db:
 * @self: an #AttuneStore
 *
 * Gets the connection. For the timeline and for tests.
 *
 * Returns: (transfer none): the SQLite connection
 */
sqlite3 *
_attune_store_get_db (AttuneStore *self)
{
  g_return_val_if_fail (ATTUNE_IS_STORE (self), NULL);

  return self->db;
}

/**
 * _attune_store_set_busy_timeout:
 * @self: an #AttuneStore
 * @msec: how long to wait for a lock, in milliseconds
 *
 * Changes how long writes wait for another program's lock. For tests.
 */
void
_attune_store_set_busy_timeout (AttuneStore *self,
                                int          msec)
{
  g_return_if_fail (ATTUNE_IS_STORE (self));

  sqlite3_busy_timeout (self->db, msec);
}

/**
 * attune_store_get_path:
 * @self: an #AttuneStore
 *
 * Gets the path of the journal file.
 *
 * Returns: (type filename): the path
 */
const char *
attune_store_get_path (AttuneStore *self)
{
  g_return_val_if_fail (ATTUNE_IS_STORE (self), NULL);

  return self->path;
}

/**
 * attune_store_get_schema_version:
 * @self: an #AttuneStore
 *
 * Gets the schema version of the open journal.
 *
 * Returns: the `user_version` of the journal
 */
guint
attune_store_get_schema_version (AttuneStore *self)
{
  g_return_val_if_fail (ATTUNE_IS_STORE (self), 0);

  return self->schema_version;
}

/**
 * attune_store_get_latest_schema_version:
 *
 * Gets the schema version this Attune writes.
 *
 * Returns: the latest schema version
 */
guint
attune_store_get_latest_schema_version (void)
{
  return LATEST_SCHEMA_VERSION;
}

/**
 * attune_store_save_entry:
 * @self: an #AttuneStore
 * @entry: the entry to save
 * @error: return location for a #GError
 *
 * Saves @entry. An entry with id 0 is inserted and receives its id, uuid
 * and times; any other is updated. Invalid content fails with
 * %ATTUNE_STORE_ERROR_INVALID and changes nothing; updating an entry that
 * no longer exists fails with %ATTUNE_STORE_ERROR_NOT_FOUND.
 *
 * Returns: %TRUE on success
 */
gboolean
attune_store_save_entry (AttuneStore  *self,
                         AttuneEntry  *entry,
                         GError      **error)
{
  const char *context = _("The entry could not be saved.");
  g_autoptr(GPtrArray) tags = NULL;
  g_autofree char *tag_text = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *old_day = NULL;
  gint64 id = 0;
  gint64 created_at = 0;
  gboolean old_bring = FALSE;
  gboolean agenda_changed = FALSE;
  gint64 now;

  g_return_val_if_fail (ATTUNE_IS_STORE (self), FALSE);
  g_return_val_if_fail (ATTUNE_IS_ENTRY (entry), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  tags = validate_entry (entry, error);
  if (tags == NULL)
    return FALSE;

  tag_text = join_tags (tags);
  now = g_get_real_time ();

  if (!begin_transaction (self->db, context, error))
    return FALSE;

  if (attune_entry_get_id (entry) == 0)
    {
      uuid = g_uuid_string_random ();
      created_at = now;

      if (!insert_entry_row (self, entry, 0, uuid, now, now, tag_text, &id, context, error))
        goto failed;
    }
  else
    {
      id = attune_entry_get_id (entry);
      uuid = g_strdup (attune_entry_get_uuid (entry));

      if (!read_entry_key (self, id, &old_day, &created_at, context, error) ||
          !read_entry_bring (self, id, &old_bring, context, error) ||
          !update_entry_row (self, entry, now, tag_text, context, error))
        goto failed;
    }

  if (!write_tags (self, id, tags, context, error) ||
      !drop_unused_tags (self, context, error) ||
      !sync_bring_item (self, entry, id, old_bring, now, &agenda_changed, context, error) ||
      !commit_transaction (self->db, context, error))
    goto failed;

  _attune_entry_set_saved (entry, id, uuid, created_at, now);
  g_ptr_array_add (tags, NULL);
  attune_entry_set_tags (entry, (const char * const *) tags->pdata);
  notify_timelines (self, id, created_at, old_day, attune_entry_get_day (entry));
  if (agenda_changed)
    reload_agenda (self);

  return TRUE;

failed:
  _attune_store_rollback (self->db);
  return FALSE;
}

static AttuneEntry *
get_entry_where (AttuneStore  *self,
                 const char   *sql,
                 gint64        id,
                 const char   *uuid,
                 GError      **error)
{
  const char *context = _("The entry could not be read.");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _attune_store_prepare (self->db, sql, context, error);
  if (stmt == NULL)
    return NULL;

  if (uuid != NULL)
    sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_int64 (stmt, 1, id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_NOT_FOUND,
                   _("The entry could not be found. It may have been deleted."));
      return NULL;
    }

  if (rc != SQLITE_ROW)
    {
      _attune_store_set_error (error, self->db, rc, context);
      return NULL;
    }

  return _attune_store_entry_from_row (stmt);
}

/**
 * attune_store_get_entry:
 * @self: an #AttuneStore
 * @id: the id of an entry
 * @error: return location for a #GError
 *
 * Reads one entry.
 *
 * Returns: (transfer full) (nullable): a new #AttuneEntry, or %NULL with
 *   @error set (%ATTUNE_STORE_ERROR_NOT_FOUND if there is no such entry)
 */
AttuneEntry *
attune_store_get_entry (AttuneStore  *self,
                        gint64        id,
                        GError      **error)
{
  g_return_val_if_fail (ATTUNE_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return get_entry_where (self,
                          "SELECT " ATTUNE_ENTRY_COLUMNS " FROM entries AS e WHERE e.id = ?1",
                          id, NULL, error);
}

/**
 * attune_store_get_entry_by_uuid:
 * @self: an #AttuneStore
 * @uuid: the uuid of an entry
 * @error: return location for a #GError
 *
 * Reads one entry by its uuid.
 *
 * Returns: (transfer full) (nullable): a new #AttuneEntry, or %NULL with
 *   @error set (%ATTUNE_STORE_ERROR_NOT_FOUND if there is no such entry)
 */
AttuneEntry *
attune_store_get_entry_by_uuid (AttuneStore  *self,
                                const char   *uuid,
                                GError      **error)
{
  g_return_val_if_fail (ATTUNE_IS_STORE (self), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return get_entry_where (self,
                          "SELECT " ATTUNE_ENTRY_COLUMNS " FROM entries AS e WHERE e.uuid = ?1",
                          0, uuid, error);
}

/* Deleted words must not stay on disk (README "Fuzzing, sanitizers and privacy
 * checks", measured by tests/test-privacy.c). secure_delete zeroes the rows, but
 * two copies remain: the full-text index keeps a deleted entry's words in its
 * segments until they are merged, and the write-ahead log keeps the pages as
 * they were before the delete until it is checkpointed and truncated.
 *
 * Merging rewrites the whole index: on 2 cores about 30 ms at 1,000 entries,
 * 150–210 ms at 10,000 and 1.5–5 s at 100,000. Up to PURGE_NOW_MAX_ENTRIES the
 * delete does it at once; a larger journal does it once, when the store closes. */
#define PURGE_NOW_MAX_ENTRIES 5000
#define PURGE_SQL "INSERT INTO entries_fts (entries_fts) VALUES ('optimize')"

static gboolean
purge_deleted_words (AttuneStore  *self,
                     const char   *context,
                     GError      **error)
{
  gint64 n_entries = 0;

  if (!read_int64 (self->db, "SELECT n_entries FROM stats WHERE id = 1", &n_entries,
                   context, error))
    return FALSE;

  if (n_entries > PURGE_NOW_MAX_ENTRIES)
    {
      self->purge_at_close = TRUE;
      return TRUE;
    }

  return _attune_store_exec (self->db, PURGE_SQL, context, error);
}

/* After a delete committed. Best effort: another connection reading the journal
 * (an export) keeps the log until it is done; closing the store truncates it. */
static void
truncate_wal (AttuneStore *self)
{
  sqlite3_wal_checkpoint_v2 (self->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
}

/**
 * attune_store_delete_entry:
 * @self: an #AttuneStore
 * @id: the id of an entry
 * @error: return location for a #GError
 *
 * Deletes an entry and any tag no other entry uses. Keep a copy from
 * attune_store_get_entry() first to offer Undo with
 * attune_store_restore_entry().
 *
 * Returns: %TRUE on success; %FALSE with %ATTUNE_STORE_ERROR_NOT_FOUND if
 *   there is no such entry
 */
gboolean
attune_store_delete_entry (AttuneStore  *self,
                           gint64        id,
                           GError      **error)
{
  const char *context = _("The entry could not be deleted.");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *old_day = NULL;
  gint64 created_at = 0;

  g_return_val_if_fail (ATTUNE_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!begin_transaction (self->db, context, error))
    return FALSE;

  if (!read_entry_key (self, id, &old_day, &created_at, context, error))
    goto failed;

  stmt = _attune_store_prepare (self->db, "DELETE FROM entries WHERE id = ?1", context, error);
  if (stmt == NULL)
    goto failed;

  sqlite3_bind_int64 (stmt, 1, id);

  if (!_attune_store_step_done (stmt, context, error) ||
      !drop_unused_tags (self, context, error) ||
      !purge_deleted_words (self, context, error) ||
      !commit_transaction (self->db, context, error))
    goto failed;

  truncate_wal (self);
  notify_timelines (self, id, created_at, old_day, NULL);
  /* Its agenda items stay, unlinked (see the 2 → 3 migration). */
  reload_agenda (self);

  return TRUE;

failed:
  _attune_store_rollback (self->db);
  return FALSE;
}

/**
 * attune_store_restore_entry:
 * @self: an #AttuneStore
 * @entry: a deleted entry, as read before deleting it
 * @error: return location for a #GError
 *
 * Puts a deleted entry back with its original id, uuid, times and tags, to
 * undo attune_store_delete_entry().
 *
 * Returns: %TRUE on success
 */
gboolean
attune_store_restore_entry (AttuneStore  *self,
                            AttuneEntry  *entry,
                            GError      **error)
{
  const char *context = _("The entry could not be restored.");
  g_autoptr(GPtrArray) tags = NULL;
  g_autofree char *tag_text = NULL;
  gint64 id = 0;

  g_return_val_if_fail (ATTUNE_IS_STORE (self), FALSE);
  g_return_val_if_fail (ATTUNE_IS_ENTRY (entry), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (attune_entry_get_id (entry) <= 0 || attune_entry_get_uuid (entry) == NULL)
    {
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_INVALID,
                   _("%s It was never saved."), context);
      return FALSE;
    }

  tags = validate_entry (entry, error);
  if (tags == NULL)
    return FALSE;

  tag_text = join_tags (tags);

  if (!begin_transaction (self->db, context, error))
    return FALSE;

  if (!insert_entry_row (self, entry,
                         attune_entry_get_id (entry),
                         attune_entry_get_uuid (entry),
                         attune_entry_get_created_at (entry),
                         attune_entry_get_updated_at (entry),
                         tag_text, &id, context, error) ||
      !write_tags (self, id, tags, context, error) ||
      !relink_bring_item (self, entry, context, error) ||
      !commit_transaction (self->db, context, error))
    goto failed;

  notify_timelines (self, id, attune_entry_get_created_at (entry),
                    NULL, attune_entry_get_day (entry));
  reload_agenda (self);

  return TRUE;

failed:
  _attune_store_rollback (self->db);
  return FALSE;
}

/**
 * attune_store_count_entries:
 * @self: an #AttuneStore
 * @error: return location for a #GError
 *
 * Counts the entries without scanning them.
 *
 * Returns: the number of entries, or -1 with @error set
 */
gint64
attune_store_count_entries (AttuneStore  *self,
                            GError      **error)
{
  gint64 count = 0;

  g_return_val_if_fail (ATTUNE_IS_STORE (self), -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  if (!read_int64 (self->db, "SELECT n_entries FROM stats WHERE id = 1", &count,
                   _("The entries could not be counted."), error))
    return -1;

  return count;
}

/**
 * attune_store_list_tags:
 * @self: an #AttuneStore
 * @error: return location for a #GError
 *
 * Lists every tag in use, sorted without regard to case.
 *
 * Returns: (transfer full) (array zero-terminated=1) (nullable): the tag
 *   names, or %NULL with @error set
 */
char **
attune_store_list_tags (AttuneStore  *self,
                        GError      **error)
{
  const char *context = _("The tags could not be read.");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) names = NULL;
  int rc;

  g_return_val_if_fail (ATTUNE_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = _attune_store_prepare (self->db, "SELECT name FROM tags", context, error);
  if (stmt == NULL)
    return NULL;

  names = g_ptr_array_new_with_free_func (g_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));

  if (rc != SQLITE_DONE)
    {
      _attune_store_set_error (error, self->db, rc, context);
      return NULL;
    }

  g_ptr_array_sort (names, compare_tags);
  g_ptr_array_add (names, NULL);

  return (char **) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

/**
 * attune_store_save_draft:
 * @self: an #AttuneStore
 * @key: what the draft belongs to
 * @data: the draft, as text
 * @error: return location for a #GError
 *
 * Saves or replaces the draft stored under @key.
 *
 * Returns: %TRUE on success
 */
gboolean
attune_store_save_draft (AttuneStore  *self,
                         const char   *key,
                         const char   *data,
                         GError      **error)
{
  const char *context = _("The draft could not be saved.");
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (ATTUNE_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!g_utf8_validate (key, -1, NULL) || !g_utf8_validate (data, -1, NULL))
    {
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_INVALID,
                   _("%s It contains text that is not valid UTF-8."), context);
      return FALSE;
    }

  if (!begin_transaction (self->db, context, error))
    return FALSE;

  stmt = _attune_store_prepare (self->db,
                            "INSERT INTO drafts (key, data, updated_at) VALUES (?1, ?2, ?3) "
                            "ON CONFLICT (key) DO UPDATE SET data = excluded.data, "
                            "updated_at = excluded.updated_at",
                            context, error);
  if (stmt == NULL)
    goto failed;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, data, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, g_get_real_time ());

  if (!_attune_store_step_done (stmt, context, error) ||
      !commit_transaction (self->db, context, error))
    goto failed;

  return TRUE;

failed:
  _attune_store_rollback (self->db);
  return FALSE;
}

/**
 * attune_store_load_draft:
 * @self: an #AttuneStore
 * @key: what the draft belongs to
 * @error: return location for a #GError
 *
 * Reads the draft stored under @key.
 *
 * Returns: (transfer full) (nullable): the draft, or %NULL if there is none
 *   (then @error is not set) or on error
 */
char *
attune_store_load_draft (AttuneStore  *self,
                         const char   *key,
                         GError      **error)
{
  const char *context = _("The draft could not be read.");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (ATTUNE_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = _attune_store_prepare (self->db, "SELECT data FROM drafts WHERE key = ?1", context, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    return g_strdup ((const char *) sqlite3_column_text (stmt, 0));

  if (rc != SQLITE_DONE)
    _attune_store_set_error (error, self->db, rc, context);

  return NULL;
}

/**
 * attune_store_delete_draft:
 * @self: an #AttuneStore
 * @key: what the draft belongs to
 * @error: return location for a #GError
 *
 * Deletes the draft stored under @key, if any.
 *
 * Returns: %TRUE on success, also when there was no draft
 */
gboolean
attune_store_delete_draft (AttuneStore  *self,
                           const char   *key,
                           GError      **error)
{
  const char *context = _("The draft could not be deleted.");
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (ATTUNE_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!begin_transaction (self->db, context, error))
    return FALSE;

  stmt = _attune_store_prepare (self->db, "DELETE FROM drafts WHERE key = ?1", context, error);
  if (stmt == NULL)
    goto failed;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);

  if (!_attune_store_step_done (stmt, context, error) ||
      !commit_transaction (self->db, context, error))
    goto failed;

  truncate_wal (self);

  return TRUE;

failed:
  _attune_store_rollback (self->db);
  return FALSE;
}

/**
 * attune_store_new_timeline:
 * @self: an #AttuneStore
 *
 * Creates a list model of all entries, newest first, that the store keeps
 * up to date with every change it makes.
 *
 * Returns: (transfer full): a new #AttuneTimeline
 */
AttuneTimeline *
attune_store_new_timeline (AttuneStore *self)
{
  AttuneTimeline *timeline;

  g_return_val_if_fail (ATTUNE_IS_STORE (self), NULL);

  timeline = _attune_timeline_new (self);
  g_ptr_array_add (self->timelines, timeline);
  g_object_weak_ref (G_OBJECT (timeline), timeline_finalized_cb, self);

  return timeline;
}

/* Check-ins and repair */

/**
 * attune_store_save_check_in:
 * @self: an #AttuneStore
 * @check_in: the check-in to save
 * @error: return location for a #GError
 *
 * Saves @check_in. A check-in is an entry of kind check-in, dated the local
 * day of its session, whose text gathers the person's own words so that
 * search finds it. One with entry id 0 is inserted and receives its entry
 * id and uuid; any other is updated.
 *
 * A check-in with a rupture starts %ATTUNE_REPAIR_OPEN; an update that
 * adds or removes the rupture moves it between %ATTUNE_REPAIR_NONE and
 * %ATTUNE_REPAIR_OPEN. Each of these is recorded as a repair event. When
 * the plan turns to include %ATTUNE_PLAN_BRING_UP with a rupture, one item
 * is added to the list for next session, linked to the entry; when it no
 * longer does, the item still waiting is removed.
 *
 * Invalid content fails with %ATTUNE_STORE_ERROR_INVALID and changes
 * nothing; updating a check-in that no longer exists fails with
 * %ATTUNE_STORE_ERROR_NOT_FOUND.
 *
 * Returns: %TRUE on success
 */
gboolean
attune_store_save_check_in (AttuneStore    *self,
                            AttuneCheckIn  *check_in,
                            GError        **error)
{
  const char *context = _("The check-in could not be saved.");
  g_autoptr(AttuneEntry) entry = NULL;
  g_autofree char *day = NULL;
  g_autofree char *body = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *old_day = NULL;
  AttuneRepairStatus old_status = ATTUNE_REPAIR_NONE;
  AttuneRepairStatus status;
  gboolean old_bring_up = FALSE;
  gboolean bring_up;
  gboolean agenda_changed = FALSE;
  gint64 id = 0;
  gint64 created_at = 0;
  gint64 now;

  g_return_val_if_fail (ATTUNE_IS_STORE (self), FALSE);
  g_return_val_if_fail (ATTUNE_IS_CHECK_IN (check_in), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  day = validate_check_in (check_in, error);
  if (day == NULL)
    return FALSE;

  body = dup_check_in_summary (check_in);
  now = g_get_real_time ();

  if (!begin_transaction (self->db, context, error))
    return FALSE;

  if (attune_check_in_get_entry_id (check_in) == 0)
    {
      entry = attune_entry_new ();
      attune_entry_set_kind (entry, ATTUNE_ENTRY_KIND_CHECK_IN);
      attune_entry_set_day (entry, day);
      attune_entry_set_body (entry, body);

      uuid = g_uuid_string_random ();
      created_at = now;

      if (!insert_entry_row (self, entry, 0, uuid, now, now, "", &id, context, error))
        goto failed;
    }
  else
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;

      id = attune_check_in_get_entry_id (check_in);
      uuid = g_strdup (attune_check_in_get_uuid (check_in));

      if (!read_check_in_state (self, id, &old_status, &old_bring_up, context, error) ||
          !read_entry_key (self, id, &old_day, &created_at, context, error))
        goto failed;

      /* Only what the check-in owns: a title or tags given to the entry
       * through attune_store_save_entry() stay. */
      stmt = _attune_store_prepare (self->db,
                                "UPDATE entries SET day = ?2, body = ?3, updated_at = ?4 WHERE id = ?1",
                                context, error);
      if (stmt == NULL)
        goto failed;

      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, day, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, body, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 4, now);

      if (!_attune_store_step_done (stmt, context, error))
        goto failed;
    }

  status = old_status;
  if (attune_check_in_has_rupture (check_in) && status == ATTUNE_REPAIR_NONE)
    status = ATTUNE_REPAIR_OPEN;
  else if (!attune_check_in_has_rupture (check_in))
    status = ATTUNE_REPAIR_NONE;

  if (!write_check_in_row (self, check_in, id, status, context, error))
    goto failed;

  if (status != old_status &&
      !add_repair_event (self, id, now, status, NULL, context, error))
    goto failed;

  bring_up = attune_check_in_has_rupture (check_in) &&
             (attune_check_in_get_plan (check_in) & ATTUNE_PLAN_BRING_UP) != 0;

  if (bring_up && !old_bring_up)
    {
      gboolean has = FALSE;

      if (!has_undone_item_for (self, id, &has, context, error))
        goto failed;

      if (!has)
        {
          g_autofree char *line = _attune_check_in_dup_agenda_text (check_in, day);
          g_autofree char *text = fit_agenda_text (line);

          if (!append_agenda_item (self, text, id, now, NULL, context, error))
            goto failed;
          agenda_changed = TRUE;
        }
    }
  else if (!bring_up && old_bring_up)
    {
      if (!remove_undone_items_for (self, id, &agenda_changed, context, error))
        goto failed;
    }

  if (!commit_transaction (self->db, context, error))
    goto failed;

  _attune_check_in_set_saved (check_in, id, uuid, status);
  notify_timelines (self, id, created_at, old_day, day);
  if (agenda_changed)
    reload_agenda (self);

  return TRUE;

failed:
  _attune_store_rollback (self->db);
  return FALSE;
}

/**
 * attune_store_get_check_in:
 * @self: an #AttuneStore
 * @entry_id: the entry id of a check-in
 * @error: return location for a #GError
 *
 * Reads one check-in.
 *
 * Returns: (transfer full) (nullable): a new #AttuneCheckIn, or %NULL with
 *   @error set (%ATTUNE_STORE_ERROR_NOT_FOUND if there is no such check-in)
 */
AttuneCheckIn *
attune_store_get_check_in (AttuneStore  *self,
                           gint64        entry_id,
                           GError      **error)
{
  const char *context = _("The check-in could not be read.");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (ATTUNE_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = _attune_store_prepare (self->db,
                            "SELECT " CHECK_IN_COLUMNS " FROM check_ins AS c "
                            "JOIN entries AS e ON e.id = c.entry_id WHERE c.entry_id = ?1",
                            context, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, entry_id);
  rc = sqlite3_step (stmt);

  if (rc == SQLITE_DONE)
    {
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_NOT_FOUND,
                   _("The check-in could not be found. It may have been deleted."));
      return NULL;
    }

  if (rc != SQLITE_ROW)
    {
      _attune_store_set_error (error, self->db, rc, context);
      return NULL;
    }

  return _attune_store_check_in_from_row (stmt);
}

/**
 * attune_store_list_open_ruptures:
 * @self: an #AttuneStore
 * @error: return location for a #GError
 *
 * Lists the check-ins whose rupture is open or in progress, oldest session
 * first, for the follow-up questions of the next check-in.
 *
 * Returns: (transfer full) (element-type AttuneCheckIn) (nullable): the
 *   check-ins, or %NULL with @error set
 */
GPtrArray *
attune_store_list_open_ruptures (AttuneStore  *self,
                                 GError      **error)
{
  const char *context = _("The open moments could not be read.");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) check_ins = NULL;
  int rc;

  g_return_val_if_fail (ATTUNE_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = _attune_store_prepare (self->db,
                            "SELECT " CHECK_IN_COLUMNS " FROM check_ins AS c "
                            "JOIN entries AS e ON e.id = c.entry_id "
                            "WHERE c.repair_status IN (1, 2) "
                            "ORDER BY c.session_at, c.entry_id",
                            context, error);
  if (stmt == NULL)
    return NULL;

  check_ins = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (check_ins, _attune_store_check_in_from_row (stmt));

  if (rc != SQLITE_DONE)
    {
      _attune_store_set_error (error, self->db, rc, context);
      return NULL;
    }

  return g_steal_pointer (&check_ins);
}

/**
 * attune_store_follow_up_rupture:
 * @self: an #AttuneStore
 * @entry_id: the entry id of a check-in with a rupture
 * @answer: the answer to "Did you raise it?"
 * @note: (nullable): what the person wrote about it
 * @error: return location for a #GError
 *
 * Records a follow-up: the rupture moves on as attune_repair_status_after()
 * says, and a dated event keeps the answer and @note, also for "not yet".
 * Timelines showing the check-in update its row.
 *
 * Returns: %TRUE on success; %FALSE with %ATTUNE_STORE_ERROR_NOT_FOUND if
 *   there is no such check-in, or %ATTUNE_STORE_ERROR_INVALID if it has no
 *   rupture or @note is not valid
 */
gboolean
attune_store_follow_up_rupture (AttuneStore     *self,
                                gint64           entry_id,
                                AttuneFollowUp   answer,
                                const char      *note,
                                GError         **error)
{
  const char *context = _("The follow-up could not be saved.");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *day = NULL;
  AttuneRepairStatus status = ATTUNE_REPAIR_NONE;
  AttuneRepairStatus new_status;
  gint64 created_at = 0;

  g_return_val_if_fail (ATTUNE_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((guint) answer > ATTUNE_FOLLOW_UP_LET_GO)
    {
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_INVALID,
                   _("%s The answer is not one of the choices."), context);
      return FALSE;
    }

  if (note != NULL && !check_check_in_text (note, _("Note"), error))
    return FALSE;

  if (!begin_transaction (self->db, context, error))
    return FALSE;

  if (!read_check_in_state (self, entry_id, &status, NULL, context, error) ||
      !read_entry_key (self, entry_id, &day, &created_at, context, error))
    goto failed;

  if (status == ATTUNE_REPAIR_NONE)
    {
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_INVALID,
                   _("%s That check-in has no strained moment to follow up."), context);
      goto failed;
    }

  new_status = attune_repair_status_after (status, answer);

  stmt = _attune_store_prepare (self->db,
                            "UPDATE check_ins SET repair_status = ?2 WHERE entry_id = ?1",
                            context, error);
  if (stmt == NULL)
    goto failed;

  sqlite3_bind_int64 (stmt, 1, entry_id);
  sqlite3_bind_int (stmt, 2, new_status);

  if (!_attune_store_step_done (stmt, context, error) ||
      !add_repair_event (self, entry_id, g_get_real_time (), new_status, note, context, error) ||
      !commit_transaction (self->db, context, error))
    goto failed;

  if (new_status != status)
    notify_timelines (self, entry_id, created_at, day, day);

  return TRUE;

failed:
  _attune_store_rollback (self->db);
  return FALSE;
}

/**
 * attune_store_list_repair_events:
 * @self: an #AttuneStore
 * @entry_id: the entry id of a check-in
 * @error: return location for a #GError
 *
 * Lists the history of a check-in's rupture, oldest first. It starts with
 * the event recorded when the check-in was saved with a rupture.
 *
 * Returns: (transfer full) (element-type AttuneRepairEvent) (nullable): the
 *   events, possibly none, or %NULL with @error set
 */
GPtrArray *
attune_store_list_repair_events (AttuneStore  *self,
                                 gint64        entry_id,
                                 GError      **error)
{
  const char *context = _("The history of the moment could not be read.");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) events = NULL;
  int rc;

  g_return_val_if_fail (ATTUNE_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = _attune_store_prepare (self->db,
                            "SELECT at, status, note FROM repair_events "
                            "WHERE entry_id = ?1 ORDER BY at, id",
                            context, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, entry_id);

  events = g_ptr_array_new_with_free_func ((GDestroyNotify) attune_repair_event_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AttuneRepairEvent *event = g_new0 (AttuneRepairEvent, 1);

      event->at = sqlite3_column_int64 (stmt, 0);
      event->status = sqlite3_column_int (stmt, 1);
      event->note = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      g_ptr_array_add (events, event);
    }

  if (rc != SQLITE_DONE)
    {
      _attune_store_set_error (error, self->db, rc, context);
      return NULL;
    }

  return g_steal_pointer (&events);
}

/**
 * attune_store_find_check_in_between:
 * @self: an #AttuneStore
 * @from: the start, UTC unix microseconds, included
 * @to: the end, UTC unix microseconds, excluded
 * @entry_id: (out) (optional): the entry id of the earliest check-in found,
 *   or 0 if none
 * @error: return location for a #GError
 *
 * Looks for a check-in whose session took place in [@from, @to), so that a
 * reminder for a session that already has one stays quiet.
 *
 * Returns: %TRUE on success, whether or not one was found
 */
gboolean
attune_store_find_check_in_between (AttuneStore  *self,
                                    gint64        from,
                                    gint64        to,
                                    gint64       *entry_id,
                                    GError      **error)
{
  const char *context = _("The check-ins could not be read.");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (ATTUNE_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (entry_id != NULL)
    *entry_id = 0;

  stmt = _attune_store_prepare (self->db,
                            "SELECT entry_id FROM check_ins WHERE session_at >= ?1 AND session_at < ?2 "
                            "ORDER BY session_at, entry_id LIMIT 1",
                            context, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, to);
  rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    {
      if (entry_id != NULL)
        *entry_id = sqlite3_column_int64 (stmt, 0);
      return TRUE;
    }

  if (rc != SQLITE_DONE)
    {
      _attune_store_set_error (error, self->db, rc, context);
      return FALSE;
    }

  return TRUE;
}

/* The list for next session */

/**
 * attune_store_get_agenda:
 * @self: an #AttuneStore
 *
 * Gets the list for next session: the items not done yet in their order,
 * then the done ones, most recently done first. The store keeps it up to
 * date after every change it makes, replacing changed items with new
 * #AttuneAgendaItem objects.
 *
 * Returns: (transfer none): a #GListModel of #AttuneAgendaItem
 */
GListModel *
attune_store_get_agenda (AttuneStore *self)
{
  g_return_val_if_fail (ATTUNE_IS_STORE (self), NULL);

  if (self->agenda == NULL)
    {
      self->agenda = g_list_store_new (ATTUNE_TYPE_AGENDA_ITEM);
      reload_agenda (self);
    }

  return G_LIST_MODEL (self->agenda);
}

static AttuneAgendaItem *
read_agenda_item (AttuneStore  *self,
                  gint64        id,
                  const char   *context,
                  GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _attune_store_prepare (self->db,
                            "SELECT " AGENDA_COLUMNS " FROM agenda WHERE id = ?1",
                            context, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);

  if (rc == SQLITE_DONE)
    {
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_NOT_FOUND,
                   _("%s The item is no longer on the list."), context);
      return NULL;
    }

  if (rc != SQLITE_ROW)
    {
      _attune_store_set_error (error, self->db, rc, context);
      return NULL;
    }

  return agenda_item_from_row (stmt);
}

/**
 * attune_store_add_agenda_item:
 * @self: an #AttuneStore
 * @text: what to bring; stripped, 1 to 2000 characters
 * @entry_id: the entry it comes from, or 0 when typed in
 * @error: return location for a #GError
 *
 * Adds an item at the end of the items not done yet.
 *
 * Returns: (transfer full) (nullable): the new item, or %NULL with @error
 *   set (%ATTUNE_STORE_ERROR_INVALID for unusable text,
 *   %ATTUNE_STORE_ERROR_NOT_FOUND if @entry_id does not exist)
 */
AttuneAgendaItem *
attune_store_add_agenda_item (AttuneStore  *self,
                              const char   *text,
                              gint64        entry_id,
                              GError      **error)
{
  const char *context = _("The item could not be added.");
  g_autoptr(AttuneAgendaItem) item = NULL;
  g_autofree char *clean = NULL;
  g_autofree char *day = NULL;
  gint64 created_at = 0;
  gint64 id = 0;

  g_return_val_if_fail (ATTUNE_IS_STORE (self), NULL);
  g_return_val_if_fail (entry_id >= 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  clean = dup_agenda_text (text, error);
  if (clean == NULL)
    return NULL;

  if (!begin_transaction (self->db, context, error))
    return NULL;

  if ((entry_id > 0 && !read_entry_key (self, entry_id, &day, &created_at, context, error)) ||
      !append_agenda_item (self, clean, entry_id, g_get_real_time (), &id, context, error))
    goto failed;

  item = read_agenda_item (self, id, context, error);
  if (item == NULL || !commit_transaction (self->db, context, error))
    goto failed;

  reload_agenda (self);

  return g_steal_pointer (&item);

failed:
  _attune_store_rollback (self->db);
  return NULL;
}

/**
 * attune_store_set_agenda_item_text:
 * @self: an #AttuneStore
 * @id: the id of an item
 * @text: the new text; stripped, 1 to 2000 characters
 * @error: return location for a #GError
 *
 * Changes what an item says.
 *
 * Returns: %TRUE on success
 */
gboolean
attune_store_set_agenda_item_text (AttuneStore  *self,
                                   gint64        id,
                                   const char   *text,
                                   GError      **error)
{
  const char *context = _("The item could not be changed.");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *clean = NULL;

  g_return_val_if_fail (ATTUNE_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  clean = dup_agenda_text (text, error);
  if (clean == NULL)
    return FALSE;

  if (!begin_transaction (self->db, context, error))
    return FALSE;

  stmt = _attune_store_prepare (self->db, "UPDATE agenda SET text = ?2 WHERE id = ?1", context, error);
  if (stmt == NULL)
    goto failed;

  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, clean, -1, SQLITE_TRANSIENT);

  if (!_attune_store_step_done (stmt, context, error))
    goto failed;

  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_NOT_FOUND,
                   _("%s The item is no longer on the list."), context);
      goto failed;
    }

  if (!commit_transaction (self->db, context, error))
    goto failed;

  reload_agenda (self);

  return TRUE;

failed:
  _attune_store_rollback (self->db);
  return FALSE;
}

/**
 * attune_store_set_agenda_item_done:
 * @self: an #AttuneStore
 * @id: the id of an item
 * @done: %TRUE to check it off as discussed, %FALSE to undo that
 * @error: return location for a #GError
 *
 * Checks an item off, or puts it back where it was among the items not
 * done yet (Undo). Checking off does not change the entry the item came
 * from: its "bring to my next session" switch stays as the person left it.
 *
 * Returns: %TRUE on success
 */
gboolean
attune_store_set_agenda_item_done (AttuneStore  *self,
                                   gint64        id,
                                   gboolean      done,
                                   GError      **error)
{
  const char *context = _("The item could not be changed.");
  g_autoptr(AttuneAgendaItem) item = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (ATTUNE_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  done = !!done;

  if (!begin_transaction (self->db, context, error))
    return FALSE;

  item = read_agenda_item (self, id, context, error);
  if (item == NULL)
    goto failed;

  if (attune_agenda_item_get_done (item) == done)
    {
      _attune_store_rollback (self->db);
      return TRUE;
    }

  /* A done item keeps its old position, for Undo to put it back there. */
  if (!done && !open_agenda_gap (self, attune_agenda_item_get_position (item), context, error))
    goto failed;

  stmt = _attune_store_prepare (self->db,
                            "UPDATE agenda SET done = ?2, done_at = ?3 WHERE id = ?1",
                            context, error);
  if (stmt == NULL)
    goto failed;

  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int (stmt, 2, done ? 1 : 0);
  if (done)
    sqlite3_bind_int64 (stmt, 3, g_get_real_time ());
  else
    sqlite3_bind_null (stmt, 3);

  if (!_attune_store_step_done (stmt, context, error) ||
      !renumber_agenda (self, context, error) ||
      !commit_transaction (self->db, context, error))
    goto failed;

  reload_agenda (self);

  return TRUE;

failed:
  _attune_store_rollback (self->db);
  return FALSE;
}

/**
 * attune_store_move_agenda_item:
 * @self: an #AttuneStore
 * @id: the id of an item not done yet
 * @position: its new place among the items not done yet, from 0; past the
 *   end means last
 * @error: return location for a #GError
 *
 * Reorders the list.
 *
 * Returns: %TRUE on success; %FALSE with %ATTUNE_STORE_ERROR_INVALID if the
 *   item is done
 */
gboolean
attune_store_move_agenda_item (AttuneStore  *self,
                               gint64        id,
                               guint         position,
                               GError      **error)
{
  const char *context = _("The item could not be moved.");
  g_autoptr(AttuneAgendaItem) item = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 n_undone = 0;
  guint old_position;

  g_return_val_if_fail (ATTUNE_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!begin_transaction (self->db, context, error))
    return FALSE;

  item = read_agenda_item (self, id, context, error);
  if (item == NULL)
    goto failed;

  if (attune_agenda_item_get_done (item))
    {
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_INVALID,
                   _("%s It was already checked off."), context);
      goto failed;
    }

  if (!read_int64 (self->db, "SELECT count(*) FROM agenda WHERE done = 0", &n_undone, context, error))
    goto failed;

  old_position = attune_agenda_item_get_position (item);
  position = (guint) MIN ((gint64) position, n_undone - 1);

  if (position == old_position)
    {
      _attune_store_rollback (self->db);
      return TRUE;
    }

  stmt = _attune_store_prepare (self->db,
                            "UPDATE agenda SET position = CASE "
                            "  WHEN id = ?1 THEN ?3 "
                            "  WHEN ?3 < ?2 THEN position + 1 "
                            "  ELSE position - 1 END "
                            "WHERE done = 0 AND (id = ?1 OR position BETWEEN min(?2, ?3) AND max(?2, ?3))",
                            context, error);
  if (stmt == NULL)
    goto failed;

  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, old_position);
  sqlite3_bind_int64 (stmt, 3, position);

  if (!_attune_store_step_done (stmt, context, error) ||
      !renumber_agenda (self, context, error) ||
      !commit_transaction (self->db, context, error))
    goto failed;

  reload_agenda (self);

  return TRUE;

failed:
  _attune_store_rollback (self->db);
  return FALSE;
}

/**
 * attune_store_delete_agenda_item:
 * @self: an #AttuneStore
 * @id: the id of an item
 * @error: return location for a #GError
 *
 * Removes an item from the list. Keep it (from the list model) to offer
 * Undo with attune_store_restore_agenda_item(). The entry it came from is
 * not changed.
 *
 * Returns: %TRUE on success; %FALSE with %ATTUNE_STORE_ERROR_NOT_FOUND if
 *   there is no such item
 */
gboolean
attune_store_delete_agenda_item (AttuneStore  *self,
                                 gint64        id,
                                 GError      **error)
{
  const char *context = _("The item could not be removed.");
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (ATTUNE_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!begin_transaction (self->db, context, error))
    return FALSE;

  stmt = _attune_store_prepare (self->db, "DELETE FROM agenda WHERE id = ?1", context, error);
  if (stmt == NULL)
    goto failed;

  sqlite3_bind_int64 (stmt, 1, id);

  if (!_attune_store_step_done (stmt, context, error))
    goto failed;

  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_NOT_FOUND,
                   _("%s The item is no longer on the list."), context);
      goto failed;
    }

  if (!renumber_agenda (self, context, error) ||
      !commit_transaction (self->db, context, error))
    goto failed;

  truncate_wal (self);
  reload_agenda (self);

  return TRUE;

failed:
  _attune_store_rollback (self->db);
  return FALSE;
}

/**
 * attune_store_restore_agenda_item:
 * @self: an #AttuneStore
 * @item: a deleted item, as it was in the list
 * @error: return location for a #GError
 *
 * Puts a deleted item back with its id, text, times and place, to undo
 * attune_store_delete_agenda_item(). If its entry was deleted meanwhile,
 * it comes back unlinked.
 *
 * Returns: %TRUE on success; %FALSE with %ATTUNE_STORE_ERROR_INVALID if an
 *   item with its id is already on the list
 */
gboolean
attune_store_restore_agenda_item (AttuneStore       *self,
                                  AttuneAgendaItem  *item,
                                  GError           **error)
{
  const char *context = _("The item could not be put back.");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *clean = NULL;
  gboolean done;
  int rc;

  g_return_val_if_fail (ATTUNE_IS_STORE (self), FALSE);
  g_return_val_if_fail (ATTUNE_IS_AGENDA_ITEM (item), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  clean = dup_agenda_text (attune_agenda_item_get_text (item), error);
  if (clean == NULL)
    return FALSE;

  done = attune_agenda_item_get_done (item);

  if (!begin_transaction (self->db, context, error))
    return FALSE;

  if (!done && !open_agenda_gap (self, attune_agenda_item_get_position (item), context, error))
    goto failed;

  stmt = _attune_store_prepare (self->db,
                            "INSERT INTO agenda (id, text, entry_id, position, done, done_at, created_at) "
                            "VALUES (?1, ?2, (SELECT id FROM entries WHERE id = ?3), ?4, ?5, ?6, ?7)",
                            context, error);
  if (stmt == NULL)
    goto failed;

  sqlite3_bind_int64 (stmt, 1, attune_agenda_item_get_id (item));
  sqlite3_bind_text (stmt, 2, clean, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, attune_agenda_item_get_entry_id (item));
  sqlite3_bind_int64 (stmt, 4, attune_agenda_item_get_position (item));
  sqlite3_bind_int (stmt, 5, done ? 1 : 0);
  if (done)
    sqlite3_bind_int64 (stmt, 6, attune_agenda_item_get_done_at (item));
  else
    sqlite3_bind_null (stmt, 6);
  sqlite3_bind_int64 (stmt, 7, attune_agenda_item_get_created_at (item));

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_CONSTRAINT_PRIMARYKEY)
    {
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_INVALID,
                   _("%s It is already on the list."), context);
      goto failed;
    }

  if (rc != SQLITE_DONE)
    {
      _attune_store_set_error (error, self->db, rc, context);
      goto failed;
    }

  if (!renumber_agenda (self, context, error) ||
      !commit_transaction (self->db, context, error))
    goto failed;

  reload_agenda (self);

  return TRUE;

failed:
  _attune_store_rollback (self->db);
  return FALSE;
}

/**
 * _attune_store_entry_added:
 * @self: an #AttuneStore
 * @id: the new entry
 * @created_at: its creation instant
 * @day: its day
 *
 * Tells the timelines about an entry inserted by another file of the store,
 * after its transaction committed.
 */
void
_attune_store_entry_added (AttuneStore *self,
                           gint64       id,
                           gint64       created_at,
                           const char  *day)
{
  g_return_if_fail (ATTUNE_IS_STORE (self));

  notify_timelines (self, id, created_at, NULL, day);
}

/**
 * _attune_store_agenda_changed:
 * @self: an #AttuneStore
 *
 * Re-reads the list for next session after another file of the store
 * changed it, so that its model emits items-changed.
 */
void
_attune_store_agenda_changed (AttuneStore *self)
{
  g_return_if_fail (ATTUNE_IS_STORE (self));

  reload_agenda (self);
}

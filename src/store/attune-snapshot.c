/* attune-snapshot.c
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Automatic snapshots of the journal, and restoring one.
 *
 * A snapshot is made with VACUUM INTO through its own read-only connection
 * (never a file copy of a live database, which can catch a half-written
 * page), into a private file that is synced and then renamed into place:
 * a snapshot either exists whole or not at all. They live in a "backups"
 * folder beside the journal, named attune-KIND-YYYYMMDDTHHMMSSZ.db, so
 * that listing them needs no index that could itself be lost.
 *
 * Restoring never deletes the journal: it is renamed, with its -wal and
 * -shm files, to a "set-aside" snapshot, which rotation never removes. */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "attune-crypt-vfs.h"
#include "attune-snapshot.h"
#include "attune-store.h"
#include "attune-store-private.h"

#define SNAPSHOT_PREFIX "attune-"
#define SNAPSHOT_SUFFIX ".db"
#define PARTIAL_SUFFIX ".partial"
#define BUSY_TIMEOUT_MS 5000

struct _AttuneSnapshot
{
  GObject             parent_instance;

  char               *path;
  AttuneSnapshotKind  kind;
  GDateTime          *taken_at;
  gint64              n_entries;
  guint               schema_version;
  gboolean            readable;
};

G_DEFINE_FINAL_TYPE (AttuneSnapshot, attune_snapshot, G_TYPE_OBJECT)

static const char * const kind_names[] = {
  [ATTUNE_SNAPSHOT_DAILY] = "daily",
  [ATTUNE_SNAPSHOT_BEFORE_UPDATE] = "before-update",
  [ATTUNE_SNAPSHOT_MANUAL] = "manual",
  [ATTUNE_SNAPSHOT_SET_ASIDE] = "set-aside",
};

static void
attune_snapshot_finalize (GObject *object)
{
  AttuneSnapshot *self = ATTUNE_SNAPSHOT (object);

  g_free (self->path);
  g_clear_pointer (&self->taken_at, g_date_time_unref);

  G_OBJECT_CLASS (attune_snapshot_parent_class)->finalize (object);
}

static void
attune_snapshot_class_init (AttuneSnapshotClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = attune_snapshot_finalize;
}

static void
attune_snapshot_init (AttuneSnapshot *self)
{
  self->n_entries = -1;
}

/**
 * attune_snapshot_get_path:
 * @self: an #AttuneSnapshot
 *
 * Returns: (type filename): the snapshot's file
 */
const char *
attune_snapshot_get_path (AttuneSnapshot *self)
{
  g_return_val_if_fail (ATTUNE_IS_SNAPSHOT (self), NULL);

  return self->path;
}

/**
 * attune_snapshot_get_kind:
 * @self: an #AttuneSnapshot
 *
 * Returns: why the snapshot was taken
 */
AttuneSnapshotKind
attune_snapshot_get_kind (AttuneSnapshot *self)
{
  g_return_val_if_fail (ATTUNE_IS_SNAPSHOT (self), ATTUNE_SNAPSHOT_DAILY);

  return self->kind;
}

/**
 * attune_snapshot_get_taken_at:
 * @self: an #AttuneSnapshot
 *
 * Returns: (transfer none): when the snapshot was taken, in UTC
 */
GDateTime *
attune_snapshot_get_taken_at (AttuneSnapshot *self)
{
  g_return_val_if_fail (ATTUNE_IS_SNAPSHOT (self), NULL);

  return self->taken_at;
}

/**
 * attune_snapshot_get_n_entries:
 * @self: an #AttuneSnapshot
 *
 * Returns: how many entries the snapshot holds, or -1 when it could not be read
 */
gint64
attune_snapshot_get_n_entries (AttuneSnapshot *self)
{
  g_return_val_if_fail (ATTUNE_IS_SNAPSHOT (self), -1);

  return self->n_entries;
}

/**
 * attune_snapshot_get_readable:
 * @self: an #AttuneSnapshot
 *
 * Returns: whether the snapshot opened as an Attune journal this version reads
 */
gboolean
attune_snapshot_get_readable (AttuneSnapshot *self)
{
  g_return_val_if_fail (ATTUNE_IS_SNAPSHOT (self), FALSE);

  return self->readable;
}

/**
 * attune_snapshot_get_schema_version:
 * @self: an #AttuneSnapshot
 *
 * Returns: the journal format of the snapshot, 0 when it could not be read
 */
guint
attune_snapshot_get_schema_version (AttuneSnapshot *self)
{
  g_return_val_if_fail (ATTUNE_IS_SNAPSHOT (self), 0);

  return self->schema_version;
}

/* Files */

/**
 * attune_snapshots_dup_folder:
 * @journal_path: (type filename): the journal
 *
 * Returns: (transfer full) (type filename): the folder of its snapshots
 */
char *
attune_snapshots_dup_folder (const char *journal_path)
{
  g_autofree char *dir = g_path_get_dirname (journal_path);

  return g_build_filename (dir, "backups", NULL);
}

/**
 * _attune_store_set_errno_error:
 * @error: return location for a #GError
 * @saved_errno: what the system said
 * @what: a sentence, without its full stop, saying what could not be done
 *
 * Sets @error from a failed file operation, with the #AttuneStoreError a
 * person should see (disk full, read-only, input/output).
 */
void
_attune_store_set_errno_error (GError     **error,
                               int          saved_errno,
                               const char  *what)
{
  AttuneStoreError code = ATTUNE_STORE_ERROR_FAILED;

  switch (saved_errno)
    {
    case ENOSPC:
    case EDQUOT:
      code = ATTUNE_STORE_ERROR_DISK_FULL;
      break;

    case EACCES:
    case EPERM:
    case EROFS:
      code = ATTUNE_STORE_ERROR_READ_ONLY;
      break;

    case EIO:
      code = ATTUNE_STORE_ERROR_IO;
      break;

    default:
      break;
    }

  g_set_error (error, ATTUNE_STORE_ERROR, code, "%s: %s.", what, g_strerror (saved_errno));
}

static gboolean
ensure_folder (const char  *folder,
               GError     **error)
{
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      _attune_store_set_errno_error (error, errno, _("The backups folder could not be created"));
      return FALSE;
    }

  return TRUE;
}

/**
 * _attune_store_sync_path:
 * @path: (type filename): a file or folder
 * @is_folder: whether @path is a folder (for a rename in it to last)
 * @what: what could not be done, for the error
 * @error: return location for a #GError
 *
 * Makes what was written to @path durable.
 *
 * Returns: %TRUE on success
 */
gboolean
_attune_store_sync_path (const char  *path,
                         gboolean     is_folder,
                         const char  *what,
                         GError     **error)
{
  int fd = g_open (path, (is_folder ? O_DIRECTORY : 0) | O_RDONLY | O_CLOEXEC, 0);

  if (fd < 0 || fsync (fd) != 0)
    {
      int saved_errno = errno;

      if (fd >= 0)
        close (fd);
      _attune_store_set_errno_error (error, saved_errno, what);
      return FALSE;
    }

  close (fd);

  return TRUE;
}

static char *
format_stamp (GDateTime *when)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (when);

  return g_date_time_format (utc, "%Y%m%dT%H%M%SZ");
}

static GDateTime *
parse_stamp (const char *stamp)
{
  int year, month, day, hour, minute, second;
  char z = 0;

  if (strlen (stamp) != 16 ||
      sscanf (stamp, "%4d%2d%2dT%2d%2d%2d%c", &year, &month, &day, &hour, &minute, &second, &z) != 7 ||
      z != 'Z')
    return NULL;

  return g_date_time_new_utc (year, month, day, hour, minute, (gdouble) second);
}

/* Parses attune-KIND-STAMP.db; FALSE for any other name. */
static gboolean
parse_name (const char          *name,
            AttuneSnapshotKind  *out_kind,
            GDateTime          **out_taken_at)
{
  g_autofree char *middle = NULL;
  const char *dash;
  gsize length = strlen (name);

  if (!g_str_has_prefix (name, SNAPSHOT_PREFIX) ||
      !g_str_has_suffix (name, SNAPSHOT_SUFFIX) ||
      length <= strlen (SNAPSHOT_PREFIX) + strlen (SNAPSHOT_SUFFIX))
    return FALSE;

  middle = g_strndup (name + strlen (SNAPSHOT_PREFIX),
                      length - strlen (SNAPSHOT_PREFIX) - strlen (SNAPSHOT_SUFFIX));
  dash = strrchr (middle, '-');
  if (dash == NULL)
    return FALSE;

  for (guint kind = 0; kind < G_N_ELEMENTS (kind_names); kind++)
    {
      if (strlen (kind_names[kind]) == (gsize) (dash - middle) &&
          strncmp (middle, kind_names[kind], (gsize) (dash - middle)) == 0)
        {
          GDateTime *taken_at = parse_stamp (dash + 1);

          if (taken_at == NULL)
            return FALSE;

          *out_kind = (AttuneSnapshotKind) kind;
          *out_taken_at = taken_at;
          return TRUE;
        }
    }

  return FALSE;
}

/* The file for a snapshot of @kind taken at *@when in @folder; two in the
 * same second: the next free second names the later one (*@when moves). */
static char *
dup_free_name (const char          *folder,
               AttuneSnapshotKind   kind,
               GDateTime          **when)
{
  char *path = NULL;

  for (guint attempt = 0; attempt < 60; attempt++)
    {
      g_autofree char *stamp = format_stamp (*when);
      g_autofree char *name = g_strdup_printf (SNAPSHOT_PREFIX "%s-%s" SNAPSHOT_SUFFIX,
                                               kind_names[kind], stamp);
      GDateTime *later;

      g_free (path);
      path = g_build_filename (folder, name, NULL);
      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        break;

      later = g_date_time_add_seconds (*when, 1);
      g_date_time_unref (*when);
      *when = later;
    }

  return path;
}

/* An immutable read-only URI: reading a snapshot creates no -wal or -shm
 * file in the backups folder and takes no lock. */
static char *
dup_immutable_uri (const char *path)
{
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);

  /* Backups of a protected journal are encrypted with its key. */
  return g_strconcat (uri, "?immutable=1",
                      attune_crypt_file_is_encrypted (path) ? "&vfs=" ATTUNE_CRYPT_VFS_NAME : "", NULL);
}

static sqlite3 *
open_immutable (const char  *path,
                GError     **error)
{
  g_autofree char *uri = dup_immutable_uri (path);
  sqlite3 *db = NULL;
  int rc;

  rc = sqlite3_open_v2 (uri, &db,
                        SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_EXRESCODE,
                        NULL);
  if (rc != SQLITE_OK)
    {
      _attune_store_set_error (error, db, rc, _("The backup could not be read."));
      sqlite3_close (db);
      return NULL;
    }

  return db;
}

static gboolean
query_int64 (sqlite3    *db,
             const char *sql,
             gint64     *out_value)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    {
      *out_value = sqlite3_column_int64 (stmt, 0);
      ok = TRUE;
    }

  sqlite3_finalize (stmt);

  return ok;
}

/* Fills in what opening the file tells: format, entry count, readable. */
static void
read_details (AttuneSnapshot *self)
{
  sqlite3 *db = open_immutable (self->path, NULL);
  gint64 app_id = 0, version = 0, n_entries = -1;

  if (db == NULL)
    return;

  if (query_int64 (db, "PRAGMA application_id", &app_id) &&
      query_int64 (db, "PRAGMA user_version", &version) &&
      app_id == ATTUNE_APPLICATION_ID &&
      version >= 1 && version <= (gint64) attune_store_get_latest_schema_version ())
    {
      self->schema_version = (guint) version;
      /* The trigger-kept count from schema 2 on; older ones count rows. */
      if (query_int64 (db, "SELECT n_entries FROM stats WHERE id = 1", &n_entries) ||
          query_int64 (db, "SELECT count(*) FROM entries", &n_entries))
        {
          self->n_entries = n_entries;
          self->readable = TRUE;
        }
    }

  sqlite3_close (db);
}

static AttuneSnapshot *
snapshot_new (const char         *path,
              AttuneSnapshotKind  kind,
              GDateTime          *taken_at)
{
  AttuneSnapshot *self = g_object_new (ATTUNE_TYPE_SNAPSHOT, NULL);

  self->path = g_strdup (path);
  self->kind = kind;
  self->taken_at = g_date_time_ref (taken_at);

  return self;
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  AttuneSnapshot *sa = *(AttuneSnapshot * const *) a;
  AttuneSnapshot *sb = *(AttuneSnapshot * const *) b;
  int cmp = g_date_time_compare (sb->taken_at, sa->taken_at);

  return cmp != 0 ? cmp : g_strcmp0 (sb->path, sa->path);
}

/* Snapshots by name only (nothing opened), newest first. */
static GPtrArray *
list_by_name (const char  *journal_path,
              GError     **error)
{
  g_autofree char *folder = attune_snapshots_dup_folder (journal_path);
  g_autoptr(GPtrArray) snapshots = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *name;

  dir = g_dir_open (folder, 0, &local_error);
  if (dir == NULL)
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_steal_pointer (&snapshots);

      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_FAILED,
                   _("The backups folder could not be read: %s"), local_error->message);
      return NULL;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autoptr(GDateTime) taken_at = NULL;
      g_autofree char *path = NULL;
      AttuneSnapshotKind kind;

      if (!parse_name (name, &kind, &taken_at))
        continue;

      path = g_build_filename (folder, name, NULL);
      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        continue;

      g_ptr_array_add (snapshots, snapshot_new (path, kind, taken_at));
    }

  g_ptr_array_sort (snapshots, compare_newest_first);

  return g_steal_pointer (&snapshots);
}

/**
 * attune_snapshots_list:
 * @journal_path: (type filename): the journal
 * @error: return location for a #GError
 *
 * Lists the journal's snapshots, newest first, each opened to read its
 * format and entry count.
 *
 * Returns: (transfer full) (element-type AttuneSnapshot): the snapshots, or
 *   %NULL with @error set when the folder cannot be read
 */
GPtrArray *
attune_snapshots_list (const char  *journal_path,
                       GError     **error)
{
  GPtrArray *snapshots;

  g_return_val_if_fail (journal_path != NULL, NULL);

  snapshots = list_by_name (journal_path, error);
  if (snapshots == NULL)
    return NULL;

  for (guint i = 0; i < snapshots->len; i++)
    read_details (g_ptr_array_index (snapshots, i));

  return snapshots;
}

/**
 * _attune_store_create_empty_private:
 * @path: (type filename): a file that must not exist
 * @what: what could not be done, for the error
 * @error: return location for a #GError
 *
 * Creates @path empty and readable by its owner only.
 *
 * Returns: %TRUE on success
 */
gboolean
_attune_store_create_empty_private (const char  *path,
                                    const char  *what,
                                    GError     **error)
{
  int fd = g_open (path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC | O_NOCTTY, 0600);

  if (fd < 0)
    {
      _attune_store_set_errno_error (error, errno, what);
      return FALSE;
    }

  close (fd);

  return TRUE;
}

/**
 * attune_snapshots_take:
 * @journal_path: (type filename): the journal, which must exist
 * @kind: why the snapshot is taken
 * @now: (nullable): the time to name it by; %NULL for now
 * @error: return location for a #GError
 *
 * Takes a snapshot of the journal through a read-only connection of its
 * own, which any thread may do while the journal is open elsewhere.
 *
 * Returns: (transfer full) (nullable): the new snapshot, or %NULL with
 *   @error set; nothing is left behind on failure
 */
AttuneSnapshot *
attune_snapshots_take (const char          *journal_path,
                       AttuneSnapshotKind   kind,
                       GDateTime           *now,
                       GError             **error)
{
  g_autofree char *folder = NULL;
  g_autofree char *path = NULL;
  g_autofree char *partial = NULL;
  g_autoptr(GDateTime) taken_at = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  AttuneSnapshot *snapshot;
  sqlite3 *db = NULL;
  int rc;

  g_return_val_if_fail (journal_path != NULL, NULL);
  g_return_val_if_fail (kind < G_N_ELEMENTS (kind_names), NULL);

  folder = attune_snapshots_dup_folder (journal_path);
  if (!ensure_folder (folder, error))
    return NULL;

  taken_at = now != NULL ? g_date_time_to_utc (now) : g_date_time_new_now_utc ();
  path = dup_free_name (folder, kind, &taken_at);

  partial = g_strconcat (path, PARTIAL_SUFFIX, NULL);
  g_unlink (partial);

  if (!_attune_store_create_empty_private (partial, _("A backup could not be created"), error))
    return NULL;

  /* A protected journal is read through its key, and VACUUM INTO then
   * writes the snapshot through the same encryption. */
  /* Read-write (it only runs VACUUM INTO): a read-only connection that
   * happens to be the journal's last one cannot remove the -wal and -shm
   * files it made. */
  rc = sqlite3_open_v2 (journal_path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_EXRESCODE,
                        attune_crypt_file_is_encrypted (journal_path) ? ATTUNE_CRYPT_VFS_NAME : NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, "PRAGMA temp_store = MEMORY", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      _attune_store_set_error (error, db, rc, _("The journal could not be backed up."));
      goto failed;
    }

  sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);

  stmt = _attune_store_prepare (db, "VACUUM INTO ?1", _("The journal could not be backed up."), error);
  if (stmt == NULL)
    goto failed;

  sqlite3_bind_text (stmt, 1, partial, -1, SQLITE_TRANSIENT);
  if (!_attune_store_step_done (stmt, _("The journal could not be backed up."), error))
    goto failed;

  g_clear_pointer (&stmt, sqlite3_finalize);
  g_clear_pointer (&db, sqlite3_close);

  if (!_attune_store_sync_path (partial, FALSE, _("A backup could not be written to disk"), error))
    goto failed;

  if (g_rename (partial, path) != 0)
    {
      _attune_store_set_errno_error (error, errno, _("A backup could not be put in place"));
      goto failed;
    }

  /* The new name must survive a crash too. */
  if (!_attune_store_sync_path (folder, TRUE, _("A backup could not be written to disk"), error))
    {
      g_unlink (path);
      return NULL;
    }

  snapshot = snapshot_new (path, kind, taken_at);
  read_details (snapshot);

  return snapshot;

failed:
  g_clear_pointer (&stmt, sqlite3_finalize);
  g_clear_pointer (&db, sqlite3_close);
  g_unlink (partial);

  return NULL;
}

/* Local calendar day of @when, as YYYY-MM-DD. */
static char *
dup_local_day (GDateTime *when)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (when);

  return g_date_time_format (local, "%Y-%m-%d");
}

static char *
dup_local_week (GDateTime *when)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (when);

  return g_date_time_format (local, "%G-W%V");
}

/**
 * attune_snapshots_rotate:
 * @journal_path: (type filename): the journal
 * @now: (nullable): the time to rotate at; %NULL for now
 * @error: return location for a #GError
 *
 * Removes snapshots no longer needed. Kept: the newest daily snapshot of
 * each of the last %ATTUNE_SNAPSHOT_KEEP_DAILY days that have one, then
 * the newest of each of the %ATTUNE_SNAPSHOT_KEEP_WEEKLY weeks before
 * those; the newest %ATTUNE_SNAPSHOT_KEEP_BEFORE_UPDATE taken before a
 * format change and %ATTUNE_SNAPSHOT_KEEP_MANUAL asked for by the person;
 * every set-aside journal (only the person removes those).
 *
 * Returns: how many snapshots were removed
 */
guint
attune_snapshots_rotate (const char  *journal_path,
                         GDateTime   *now,
                         GError     **error)
{
  g_autoptr(GPtrArray) snapshots = NULL;
  g_autoptr(GHashTable) days = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) weeks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n_before_update = 0, n_manual = 0, n_removed = 0;

  g_return_val_if_fail (journal_path != NULL, 0);

  (void) now;

  snapshots = list_by_name (journal_path, error);
  if (snapshots == NULL)
    return 0;

  for (guint i = 0; i < snapshots->len; i++)
    {
      AttuneSnapshot *snapshot = g_ptr_array_index (snapshots, i);
      gboolean keep = TRUE;

      switch (snapshot->kind)
        {
        case ATTUNE_SNAPSHOT_DAILY:
          {
            g_autofree char *day = dup_local_day (snapshot->taken_at);
            g_autofree char *week = dup_local_week (snapshot->taken_at);

            if (g_hash_table_contains (days, day))
              keep = FALSE;
            else if (g_hash_table_size (days) < ATTUNE_SNAPSHOT_KEEP_DAILY)
              g_hash_table_add (days, g_steal_pointer (&day));
            else if (!g_hash_table_contains (weeks, week) &&
                     g_hash_table_size (weeks) < ATTUNE_SNAPSHOT_KEEP_WEEKLY)
              {
                g_hash_table_add (days, g_steal_pointer (&day));
                g_hash_table_add (weeks, g_steal_pointer (&week));
              }
            else
              keep = FALSE;
          }
          break;

        case ATTUNE_SNAPSHOT_BEFORE_UPDATE:
          keep = ++n_before_update <= ATTUNE_SNAPSHOT_KEEP_BEFORE_UPDATE;
          break;

        case ATTUNE_SNAPSHOT_MANUAL:
          keep = ++n_manual <= ATTUNE_SNAPSHOT_KEEP_MANUAL;
          break;

        case ATTUNE_SNAPSHOT_SET_ASIDE:
        default:
          break;
        }

      if (!keep && g_unlink (snapshot->path) == 0)
        n_removed++;
    }

  return n_removed;
}

/**
 * attune_snapshots_take_daily:
 * @journal_path: (type filename): the journal
 * @now: (nullable): the time; %NULL for now
 * @out_snapshot: (out) (optional) (nullable) (transfer full): the snapshot
 *   taken, %NULL when today's already existed
 * @error: return location for a #GError
 *
 * Takes today's daily snapshot unless there is one already (local days),
 * then rotates.
 *
 * Returns: %TRUE on success, also when nothing needed doing
 */
gboolean
attune_snapshots_take_daily (const char       *journal_path,
                             GDateTime        *now,
                             AttuneSnapshot  **out_snapshot,
                             GError          **error)
{
  g_autoptr(GPtrArray) snapshots = NULL;
  g_autoptr(GDateTime) when = now != NULL ? g_date_time_ref (now) : g_date_time_new_now_utc ();
  g_autofree char *today = dup_local_day (when);
  AttuneSnapshot *snapshot;

  g_return_val_if_fail (journal_path != NULL, FALSE);

  if (out_snapshot != NULL)
    *out_snapshot = NULL;

  snapshots = list_by_name (journal_path, error);
  if (snapshots == NULL)
    return FALSE;

  for (guint i = 0; i < snapshots->len; i++)
    {
      AttuneSnapshot *existing = g_ptr_array_index (snapshots, i);
      g_autofree char *day = NULL;

      if (existing->kind != ATTUNE_SNAPSHOT_DAILY)
        continue;

      day = dup_local_day (existing->taken_at);
      if (g_strcmp0 (day, today) == 0)
        return TRUE;
    }

  snapshot = attune_snapshots_take (journal_path, ATTUNE_SNAPSHOT_DAILY, when, error);
  if (snapshot == NULL)
    return FALSE;

  attune_snapshots_rotate (journal_path, when, NULL);

  if (out_snapshot != NULL)
    *out_snapshot = snapshot;
  else
    g_object_unref (snapshot);

  return TRUE;
}

static void
take_daily_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  const char *journal_path = task_data;
  GError *error = NULL;

  if (attune_snapshots_take_daily (journal_path, NULL, NULL, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * attune_snapshots_take_daily_async:
 * @journal_path: (type filename): the journal
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * attune_snapshots_take_daily() in a worker thread.
 */
void
attune_snapshots_take_daily_async (const char          *journal_path,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, attune_snapshots_take_daily_async);
  g_task_set_task_data (task, g_strdup (journal_path), g_free);
  g_task_run_in_thread (task, take_daily_thread);
}

/**
 * attune_snapshots_take_daily_finish:
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
attune_snapshots_take_daily_finish (GAsyncResult  *result,
                                    GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Whether @path is a whole Attune journal this version can open. */
static gboolean
check_snapshot (const char  *path,
                GError     **error)
{
  sqlite3 *db = open_immutable (path, error);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 app_id = 0, version = 0;
  gboolean ok = FALSE;

  if (db == NULL)
    return FALSE;

  if (query_int64 (db, "PRAGMA application_id", &app_id) &&
      query_int64 (db, "PRAGMA user_version", &version) &&
      app_id == ATTUNE_APPLICATION_ID &&
      version >= 1 && version <= (gint64) attune_store_get_latest_schema_version () &&
      sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW &&
      g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0)
    ok = TRUE;

  g_clear_pointer (&stmt, sqlite3_finalize);
  sqlite3_close (db);

  if (!ok)
    g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_CORRUPT,
                 _("This backup is damaged or is not an Attune journal this version can open. Nothing was changed."));

  return ok;
}

/**
 * attune_snapshots_find_newest_good:
 * @journal_path: (type filename): the journal
 * @error: return location for a #GError
 *
 * Finds the newest snapshot (set-aside journals apart) that passes SQLite's
 * quick check, to offer when the journal itself cannot be opened.
 *
 * Returns: (transfer full) (nullable): the snapshot, or %NULL when there is
 *   none (@error is set only when the folder could not be read)
 */
AttuneSnapshot *
attune_snapshots_find_newest_good (const char  *journal_path,
                                   GError     **error)
{
  g_autoptr(GPtrArray) snapshots = NULL;

  g_return_val_if_fail (journal_path != NULL, NULL);

  snapshots = list_by_name (journal_path, error);
  if (snapshots == NULL)
    return NULL;

  for (guint i = 0; i < snapshots->len; i++)
    {
      AttuneSnapshot *snapshot = g_ptr_array_index (snapshots, i);

      if (snapshot->kind == ATTUNE_SNAPSHOT_SET_ASIDE || !check_snapshot (snapshot->path, NULL))
        continue;

      read_details (snapshot);
      if (snapshot->readable)
        return g_object_ref (snapshot);
    }

  return NULL;
}

/**
 * attune_snapshots_lookup:
 * @journal_path: (type filename): the journal
 * @snapshot_path: (type filename): a file in its backups folder
 * @error: return location for a #GError
 *
 * Finds one of the journal's snapshots by its file. Only files in the
 * journal's own backups folder, named as Attune names them, are found.
 *
 * Returns: (transfer full) (nullable): the snapshot, or %NULL with @error set
 */
AttuneSnapshot *
attune_snapshots_lookup (const char  *journal_path,
                         const char  *snapshot_path,
                         GError     **error)
{
  g_autoptr(GPtrArray) snapshots = NULL;

  g_return_val_if_fail (journal_path != NULL, NULL);
  g_return_val_if_fail (snapshot_path != NULL, NULL);

  snapshots = list_by_name (journal_path, error);
  if (snapshots == NULL)
    return NULL;

  for (guint i = 0; i < snapshots->len; i++)
    {
      AttuneSnapshot *snapshot = g_ptr_array_index (snapshots, i);

      if (g_strcmp0 (snapshot->path, snapshot_path) == 0)
        {
          read_details (snapshot);
          return g_object_ref (snapshot);
        }
    }

  g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_NOT_FOUND,
               _("That backup is no longer in the backups folder."));
  return NULL;
}

static gboolean
copy_private (const char  *from,
              const char  *to,
              GError     **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) local_error = NULL;
  gsize written = 0;
  int fd;

  if (!g_file_get_contents (from, &contents, &length, &local_error))
    {
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_FAILED,
                   _("The backup could not be read: %s"), local_error->message);
      return FALSE;
    }

  fd = g_open (to, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC | O_NOCTTY, 0600);
  if (fd < 0)
    {
      _attune_store_set_errno_error (error, errno, _("The journal could not be restored"));
      return FALSE;
    }

  while (written < length)
    {
      gssize n = write (fd, contents + written, length - written);

      if (n < 0 && errno == EINTR)
        continue;

      if (n < 0)
        {
          int saved_errno = errno;

          close (fd);
          g_unlink (to);
          _attune_store_set_errno_error (error, saved_errno, _("The journal could not be restored"));
          return FALSE;
        }

      written += (gsize) n;
    }

  if (fsync (fd) != 0)
    {
      int saved_errno = errno;

      close (fd);
      g_unlink (to);
      _attune_store_set_errno_error (error, saved_errno, _("The journal could not be restored"));
      return FALSE;
    }

  close (fd);

  return TRUE;
}

static void
rename_side_files (const char *from,
                   const char *to)
{
  static const char * const suffixes[] = { "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *side_from = g_strconcat (from, suffixes[i], NULL);
      g_autofree char *side_to = g_strconcat (to, suffixes[i], NULL);

      if (g_file_test (side_from, G_FILE_TEST_EXISTS))
        g_rename (side_from, side_to);
    }
}

/**
 * attune_snapshots_restore:
 * @journal_path: (type filename): the journal; nothing may have it open
 * @snapshot: the snapshot to restore
 * @now: (nullable): the time to name the set-aside journal by; %NULL for now
 * @out_set_aside: (out) (optional) (transfer full) (type filename): where
 *   the journal as it was now is; %NULL when there was none
 * @error: return location for a #GError
 *
 * Replaces the journal with a copy of @snapshot. The journal as it was is
 * never deleted: it is set aside, with its side files, as a snapshot of
 * kind %ATTUNE_SNAPSHOT_SET_ASIDE. The snapshot is checked first; on any
 * failure the journal is left where it was.
 *
 * Returns: %TRUE on success
 */
gboolean
attune_snapshots_restore (const char      *journal_path,
                          AttuneSnapshot  *snapshot,
                          GDateTime       *now,
                          char           **out_set_aside,
                          GError         **error)
{
  g_autofree char *folder = NULL;
  g_autofree char *journal_folder = NULL;
  g_autofree char *restoring = NULL;
  g_autofree char *set_aside = NULL;
  g_autoptr(GDateTime) when = NULL;
  gboolean had_journal;

  g_return_val_if_fail (journal_path != NULL, FALSE);
  g_return_val_if_fail (ATTUNE_IS_SNAPSHOT (snapshot), FALSE);

  if (out_set_aside != NULL)
    *out_set_aside = NULL;

  if (!check_snapshot (snapshot->path, error))
    return FALSE;

  folder = attune_snapshots_dup_folder (journal_path);
  journal_folder = g_path_get_dirname (journal_path);
  if (!ensure_folder (folder, error))
    return FALSE;

  restoring = g_strconcat (journal_path, ".restoring", NULL);
  g_unlink (restoring);
  if (!copy_private (snapshot->path, restoring, error))
    return FALSE;

  /* A recovery file without its journal is set aside too: beside the
   * restored journal, SQLite would apply it to the wrong file. */
  {
    g_autofree char *wal = g_strconcat (journal_path, "-wal", NULL);

    had_journal = g_file_test (journal_path, G_FILE_TEST_EXISTS);
    if (!had_journal && g_file_test (wal, G_FILE_TEST_EXISTS))
      {
        /* Give the set-aside side files a journal to belong to. */
        if (!_attune_store_create_empty_private (journal_path, _("The journal could not be restored"), error))
          {
            g_unlink (restoring);
            return FALSE;
          }
        had_journal = TRUE;
      }
  }

  if (had_journal)
    {
      when = now != NULL ? g_date_time_to_utc (now) : g_date_time_new_now_utc ();
      set_aside = dup_free_name (folder, ATTUNE_SNAPSHOT_SET_ASIDE, &when);

      if (g_rename (journal_path, set_aside) != 0)
        {
          _attune_store_set_errno_error (error, errno, _("The journal could not be set aside"));
          g_unlink (restoring);
          return FALSE;
        }

      rename_side_files (journal_path, set_aside);
    }

  if (g_rename (restoring, journal_path) != 0)
    {
      int saved_errno = errno;

      /* Put the journal back as it was. */
      if (had_journal && g_rename (set_aside, journal_path) == 0)
        rename_side_files (set_aside, journal_path);
      g_unlink (restoring);
      _attune_store_set_errno_error (error, saved_errno, _("The journal could not be restored"));
      return FALSE;
    }

  if (!_attune_store_sync_path (journal_folder, TRUE, _("The journal could not be restored"), error) ||
      !_attune_store_sync_path (folder, TRUE, _("The journal could not be restored"), error))
    return FALSE;

  if (out_set_aside != NULL)
    *out_set_aside = g_steal_pointer (&set_aside);

  return TRUE;
}

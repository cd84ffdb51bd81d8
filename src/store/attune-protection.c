/* attune-protection.c
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Turning passphrase protection on and off, unlocking and locking.
 *
 * The journal's state is the file itself: encrypted (see
 * attune-crypt-vfs.c) means protected. Each conversion writes a complete
 * new file beside the journal, syncs it, and renames it over the journal,
 * so a crash at any moment leaves either the old journal or the new one,
 * each openable with what it needs. The key file is written before an
 * encrypted journal takes the journal's place and removed only after a
 * plain one has, so an encrypted journal never lacks its key. The old
 * file's blocks are overwritten with zeros through a descriptor kept open
 * across the rename (on flash storage this is a best effort). Backups are
 * converted along with the journal, so none stays readable without the
 * passphrase once protection is on. */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "attune-crypt-vfs.h"
#include "attune-keyfile.h"
#include "attune-protection.h"
#include "attune-snapshot.h"
#include "attune-store.h"
#include "attune-store-private.h"

G_LOCK_DEFINE_STATIC (unlocked);
static AttuneMasterKey *unlocked_key;
static char *unlocked_path;

static char *
dup_canonical (const char *path)
{
  return g_canonicalize_filename (path, NULL);
}

static char *
dup_backups_prefix (const char *journal_path)
{
  g_autofree char *folder = attune_snapshots_dup_folder (journal_path);

  return g_strconcat (folder, G_DIR_SEPARATOR_S, NULL);
}

/* Makes @key open the journal, its backups, and the files a conversion
 * writes beside it; remembers it for changing the passphrase. */
static void
remember_key (const char      *journal_path,
              AttuneMasterKey *key)
{
  g_autofree char *canonical = dup_canonical (journal_path);
  g_autofree char *backups = dup_backups_prefix (canonical);
  g_autofree char *dir = g_path_get_dirname (canonical);
  g_autofree char *dir_prefix = g_strconcat (dir, G_DIR_SEPARATOR_S, NULL);

  attune_crypt_vfs_register ();
  attune_crypt_vfs_set_key (canonical, attune_master_key_get_bytes (key));
  attune_crypt_vfs_set_key (backups, attune_master_key_get_bytes (key));
  attune_crypt_vfs_set_key (dir_prefix, attune_master_key_get_bytes (key));

  G_LOCK (unlocked);
  g_clear_pointer (&unlocked_key, attune_master_key_free);
  g_free (unlocked_path);
  unlocked_key = key;
  unlocked_path = g_steal_pointer (&canonical);
  G_UNLOCK (unlocked);

  /* No core dump (and no debugger of the same user) may read the key. */
  prctl (PR_SET_DUMPABLE, 0, 0, 0, 0);
}

/**
 * attune_protection_lock:
 *
 * Wipes every key from memory. Journals already open stay readable through
 * their open files until they close: close them first.
 */
void
attune_protection_lock (void)
{
  attune_crypt_vfs_forget_all ();

  G_LOCK (unlocked);
  g_clear_pointer (&unlocked_key, attune_master_key_free);
  g_clear_pointer (&unlocked_path, g_free);
  G_UNLOCK (unlocked);

  prctl (PR_SET_DUMPABLE, 1, 0, 0, 0);
}

/**
 * attune_protection_is_on:
 * @journal_path: (type filename): the journal
 *
 * Returns: whether the journal is encrypted with a passphrase
 */
gboolean
attune_protection_is_on (const char *journal_path)
{
  return attune_crypt_file_is_encrypted (journal_path);
}

/**
 * attune_protection_is_unlocked:
 * @journal_path: (type filename): the journal
 *
 * Returns: whether its key is in memory
 */
gboolean
attune_protection_is_unlocked (const char *journal_path)
{
  g_autofree char *canonical = dup_canonical (journal_path);
  gboolean is_unlocked;

  G_LOCK (unlocked);
  is_unlocked = unlocked_key != NULL && g_strcmp0 (unlocked_path, canonical) == 0;
  G_UNLOCK (unlocked);

  return is_unlocked;
}

static AttuneKeyfile *
load_keyfile (const char  *journal_path,
              GError     **error)
{
  g_autofree char *path = attune_keyfile_dup_path (journal_path);
  g_autoptr(GError) local_error = NULL;
  AttuneKeyfile *keyfile = attune_keyfile_load (path, &local_error);

  if (keyfile == NULL)
    {
      if (g_error_matches (local_error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_NOT_FOUND))
        g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_CORRUPT,
                     _("Your journal is protected, but its key file “attune.key” is missing from its folder. Put it back to unlock the journal."));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
    }

  return keyfile;
}

/**
 * attune_protection_unlock:
 * @journal_path: (type filename): a protected journal
 * @passphrase: what the person typed
 * @error: return location for a #GError
 *
 * Checks the passphrase and keeps the journal's key in memory, so that
 * attune_store_open() opens it.
 *
 * Returns: %TRUE when unlocked; %ATTUNE_STORE_ERROR_WRONG_SECRET for a
 *   passphrase that is not right
 */
gboolean
attune_protection_unlock (const char  *journal_path,
                          const char  *passphrase,
                          GError     **error)
{
  g_autoptr(AttuneKeyfile) keyfile = load_keyfile (journal_path, error);
  AttuneMasterKey *key;

  if (keyfile == NULL)
    return FALSE;

  key = attune_keyfile_unlock (keyfile, passphrase, error);
  if (key == NULL)
    return FALSE;

  remember_key (journal_path, key);

  return TRUE;
}

/**
 * attune_protection_unlock_with_recovery_key:
 * @journal_path: (type filename): a protected journal
 * @recovery_key: what the person typed
 * @error: return location for a #GError
 *
 * As attune_protection_unlock(), with the recovery key.
 *
 * Returns: %TRUE when unlocked
 */
gboolean
attune_protection_unlock_with_recovery_key (const char  *journal_path,
                                            const char  *recovery_key,
                                            GError     **error)
{
  g_autoptr(AttuneKeyfile) keyfile = load_keyfile (journal_path, error);
  AttuneMasterKey *key;

  if (keyfile == NULL)
    return FALSE;

  key = attune_keyfile_unlock_with_recovery_key (keyfile, recovery_key, error);
  if (key == NULL)
    return FALSE;

  remember_key (journal_path, key);

  return TRUE;
}

/* Overwrites what @fd's file held with zeros, best effort. */
static void
wipe (int fd)
{
  struct stat st;
  static const char zeros[64 * 1024];

  if (fstat (fd, &st) != 0)
    return;

  for (off_t done = 0; done < st.st_size;)
    {
      gssize n = pwrite (fd, zeros, (gsize) MIN ((off_t) sizeof zeros, st.st_size - done), done);

      if (n <= 0)
        break;
      done += n;
    }

  fsync (fd);
}

/* Writes a copy of @path, encrypted or plain, beside it and renames it over
 * @path. The key must be registered for both names when encrypting or
 * decrypting. */
static gboolean
convert_file (const char  *path,
              gboolean     encrypt,
              GError     **error)
{
  const char *context = encrypt ? _("The journal could not be encrypted.") : _("The journal could not be decrypted.");
  /* For file errors, which add the system's words after a colon. */
  const char *what = encrypt ? _("The journal could not be encrypted") : _("The journal could not be decrypted");
  g_autofree char *canonical = dup_canonical (path);
  g_autofree char *dir = g_path_get_dirname (canonical);
  g_autofree char *partial = g_strconcat (canonical, ".converting", NULL);
  g_autofree char *wal = g_strconcat (canonical, "-wal", NULL);
  g_autofree char *uri = NULL;
  g_autofree char *target = NULL;
  char *sql;
  gboolean source_encrypted = attune_crypt_file_is_encrypted (canonical);
  int reserve = encrypt ? ATTUNE_CRYPT_RESERVE_BYTES : 0;
  sqlite3 *db = NULL;
  struct stat st;
  int old_fd, rc;

  if (g_stat (wal, &st) == 0 && st.st_size > 0)
    {
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_BUSY,
                   _("The journal is still open somewhere. Close other copies of Attune and try again."));
      return FALSE;
    }

  g_unlink (partial);
  if (!_attune_store_create_empty_private (partial, what, error))
    return FALSE;

  rc = sqlite3_open_v2 (canonical, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_URI | SQLITE_OPEN_EXRESCODE,
                        source_encrypted ? ATTUNE_CRYPT_VFS_NAME : NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, "PRAGMA temp_store = MEMORY", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      _attune_store_set_error (error, db, rc, context);
      goto failed;
    }

  /* Room for each page's nonce and tag in the copy (VACUUM INTO keeps the
   * larger of this and the source's). */
  sqlite3_file_control (db, "main", SQLITE_FCNTL_RESERVE_BYTES, &reserve);

  uri = g_filename_to_uri (partial, NULL, NULL);
  target = g_strconcat (uri, "?vfs=", encrypt ? ATTUNE_CRYPT_VFS_NAME : "unix", NULL);
  sql = sqlite3_mprintf ("VACUUM INTO %Q", target);
  rc = sqlite3_exec (db, sql, NULL, NULL, NULL);
  sqlite3_free (sql);
  if (rc != SQLITE_OK)
    {
      _attune_store_set_error (error, db, rc, context);
      goto failed;
    }

  sqlite3_close (db);
  db = NULL;

  if (!_attune_store_sync_path (partial, FALSE, what, error))
    goto failed;

  if (attune_crypt_file_is_encrypted (partial) != encrypt)
    {
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_FAILED, "%s", context);
      goto failed;
    }

  /* Keep the old file's blocks reachable to wipe them after the rename. */
  old_fd = g_open (canonical, O_WRONLY | O_CLOEXEC, 0);

  if (g_rename (partial, canonical) != 0)
    {
      _attune_store_set_errno_error (error, errno, what);
      if (old_fd >= 0)
        close (old_fd);
      goto failed;
    }

  if (!_attune_store_sync_path (dir, TRUE, what, error))
    {
      if (old_fd >= 0)
        close (old_fd);
      return FALSE;
    }

  if (old_fd >= 0)
    {
      wipe (old_fd);
      close (old_fd);
    }

  return TRUE;

failed:
  if (db != NULL)
    sqlite3_close (db);
  g_unlink (partial);

  return FALSE;
}

static gboolean
convert_backups (const char  *journal_path,
                 gboolean     encrypt,
                 GError     **error)
{
  g_autoptr(GPtrArray) snapshots = attune_snapshots_list (journal_path, error);

  if (snapshots == NULL)
    return FALSE;

  for (guint i = 0; i < snapshots->len; i++)
    {
      const char *path = attune_snapshot_get_path (g_ptr_array_index (snapshots, i));

      if (attune_crypt_file_is_encrypted (path) == encrypt)
        continue;

      /* A backup that cannot be read cannot be converted: it is removed
       * rather than left readable (encrypting) or unreadable (decrypting). */
      if (!attune_snapshot_get_readable (g_ptr_array_index (snapshots, i)) ||
          !convert_file (path, encrypt, NULL))
        g_unlink (path);
    }

  return TRUE;
}

/**
 * attune_protection_enable:
 * @journal_path: (type filename): the journal, closed
 * @passphrase: the passphrase chosen
 * @opslimit: Argon2id's time cost (%ATTUNE_KEYFILE_OPSLIMIT)
 * @memlimit: Argon2id's memory cost (%ATTUNE_KEYFILE_MEMLIMIT)
 * @out_recovery_key: (out) (transfer full): the recovery key, to show once
 * @error: return location for a #GError
 *
 * Encrypts the journal and its backups. Afterwards the journal is unlocked
 * in this process.
 *
 * Returns: %TRUE on success; on failure the journal is as it was
 */
gboolean
attune_protection_enable (const char  *journal_path,
                          const char  *passphrase,
                          guint64      opslimit,
                          gsize        memlimit,
                          char       **out_recovery_key,
                          GError     **error)
{
  g_autoptr(AttuneKeyfile) keyfile = NULL;
  g_autoptr(AttuneMasterKey) key = NULL;
  g_autofree char *recovery = NULL;
  g_autofree char *keyfile_path = attune_keyfile_dup_path (journal_path);
  g_autofree char *canonical = dup_canonical (journal_path);
  g_autofree char *dir = g_path_get_dirname (canonical);
  g_autofree char *dir_prefix = g_strconcat (dir, G_DIR_SEPARATOR_S, NULL);
  g_autofree char *backups = dup_backups_prefix (canonical);

  g_return_val_if_fail (journal_path != NULL, FALSE);
  g_return_val_if_fail (passphrase != NULL && passphrase[0] != '\0', FALSE);

  if (attune_protection_is_on (journal_path))
    {
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_INVALID,
                   _("The journal is already protected."));
      return FALSE;
    }

  attune_crypt_vfs_register ();
  keyfile = attune_keyfile_create (passphrase, opslimit, memlimit, &key, &recovery, error);
  if (keyfile == NULL)
    return FALSE;

  /* The copy beside the journal, and the backups, are written with it. */
  attune_crypt_vfs_set_key (dir_prefix, attune_master_key_get_bytes (key));
  attune_crypt_vfs_set_key (backups, attune_master_key_get_bytes (key));

  if (!attune_keyfile_save (keyfile, keyfile_path, error) ||
      !convert_file (canonical, TRUE, error))
    {
      attune_crypt_vfs_forget_key (dir_prefix);
      attune_crypt_vfs_forget_key (backups);
      return FALSE;
    }

  convert_backups (canonical, TRUE, NULL);
  remember_key (canonical, g_steal_pointer (&key));

  *out_recovery_key = g_steal_pointer (&recovery);

  return TRUE;
}

/**
 * attune_protection_disable:
 * @journal_path: (type filename): the journal, closed and unlocked
 * @error: return location for a #GError
 *
 * Decrypts the journal and its backups, then removes the key file.
 *
 * Returns: %TRUE on success
 */
gboolean
attune_protection_disable (const char  *journal_path,
                           GError     **error)
{
  g_autofree char *keyfile_path = attune_keyfile_dup_path (journal_path);
  g_autofree char *canonical = dup_canonical (journal_path);

  if (!attune_protection_is_on (canonical))
    return TRUE;

  if (!attune_protection_is_unlocked (canonical))
    {
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_LOCKED,
                   _("Unlock the journal first."));
      return FALSE;
    }

  convert_backups (canonical, FALSE, NULL);
  if (!convert_file (canonical, FALSE, error))
    return FALSE;

  g_unlink (keyfile_path);
  attune_protection_lock ();

  return TRUE;
}

/**
 * attune_protection_change_passphrase:
 * @journal_path: (type filename): the journal, unlocked
 * @passphrase: the new passphrase
 * @opslimit: Argon2id's time cost
 * @memlimit: Argon2id's memory cost
 * @error: return location for a #GError
 *
 * Seals the journal's key under a new passphrase: only the key file
 * changes, written atomically, so a crash leaves the old passphrase or the
 * new one working. The recovery key stays the same.
 *
 * Returns: %TRUE on success
 */
gboolean
attune_protection_change_passphrase (const char  *journal_path,
                                     const char  *passphrase,
                                     guint64      opslimit,
                                     gsize        memlimit,
                                     GError     **error)
{
  g_autofree char *keyfile_path = attune_keyfile_dup_path (journal_path);
  g_autoptr(AttuneKeyfile) keyfile = NULL;
  gboolean ok;

  if (!attune_protection_is_unlocked (journal_path))
    {
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_LOCKED,
                   _("Unlock the journal first."));
      return FALSE;
    }

  keyfile = load_keyfile (journal_path, error);
  if (keyfile == NULL)
    return FALSE;

  G_LOCK (unlocked);
  ok = attune_keyfile_set_passphrase (keyfile, unlocked_key, passphrase, opslimit, memlimit, error);
  G_UNLOCK (unlocked);

  return ok && attune_keyfile_save (keyfile, keyfile_path, error);
}

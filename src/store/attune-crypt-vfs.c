/* attune-crypt-vfs.c
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* An SQLite VFS that encrypts every page of a journal and of its
 * write-ahead log with XChaCha20-Poly1305 (libsodium), so that nothing a
 * person wrote (text, tags, check-in answers, the full-text index, the list,
 * drafts) reaches the disk in the clear, while SQLite, FTS5 and the rest of
 * the store work unchanged.
 *
 * Each 4096-byte page ends with SQLite's "reserved bytes" (40 of them, set
 * when the journal is created or converted), where this VFS keeps the page's
 * random nonce (24 bytes) and authentication tag (16). The associated data
 * binds a page to its place: its page number in the database, its frame
 * number in the log, so pages cannot be moved or swapped unnoticed. The
 * first 100 bytes of page 1 (SQLite's file header: page size, format,
 * counters; no words) stay readable, as SQLite must read them before it
 * knows the page size, and are authenticated with the rest of page 1.
 *
 * A page that fails authentication in the database reads as
 * SQLITE_IOERR_DATA: the store reports the journal as damaged (a wrong key
 * never gets this far: the key file checks the passphrase first). In the
 * log, a frame that fails reads as zeros, which SQLite's own frame
 * checksums treat as the end of the log, as after a crash.
 *
 * Keys are registered per database path (attune_crypt_vfs_set_key()) and
 * copied into locked memory for each open file; every copy is wiped when
 * the file closes or the key is forgotten. */

#include "config.h"

#include <sodium.h>
#include <sqlite3.h>
#include <string.h>

#include "attune-crypt-vfs.h"

#define NONCE_BYTES crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define TAG_BYTES crypto_aead_xchacha20poly1305_ietf_ABYTES
#define PAGE ATTUNE_CRYPT_PAGE_SIZE
#define RESERVE ATTUNE_CRYPT_RESERVE_BYTES
#define HEADER_BYTES 100
#define WAL_HEADER_BYTES 32
#define WAL_FRAME_HEADER_BYTES 24
#define WAL_FRAME_BYTES (WAL_FRAME_HEADER_BYTES + PAGE)

G_STATIC_ASSERT (NONCE_BYTES + TAG_BYTES == RESERVE);

typedef enum
{
  FILE_PLAIN,
  FILE_DATABASE,
  FILE_WAL,
} FileKind;

typedef struct
{
  sqlite3_file   base;
  FileKind       kind;
  guint8        *key;      /* sodium_malloc'd, NULL for plain files */
  guint8        *scratch;  /* one page */
  sqlite3_file  *real;     /* follows this struct in the same allocation */
} CryptFile;

static sqlite3_vfs crypt_vfs;
static sqlite3_vfs *base_vfs;
static GMutex keys_lock;
static GHashTable *keys;  /* path → sodium_malloc'd key */

static void
free_key (gpointer key)
{
  sodium_free (key);
}

/**
 * attune_crypt_vfs_set_key:
 * @db_path: the database file, as it will be opened (absolute), or a
 *   folder ending in "/" for every database directly in it
 * @key: %ATTUNE_CRYPT_KEY_BYTES bytes
 *
 * Makes @key the key of @db_path and its log for files opened from now on.
 */
void
attune_crypt_vfs_set_key (const char   *db_path,
                          const guint8 *key)
{
  guint8 *copy = sodium_malloc (ATTUNE_CRYPT_KEY_BYTES);

  g_assert (copy != NULL);
  memcpy (copy, key, ATTUNE_CRYPT_KEY_BYTES);
  sodium_mprotect_readonly (copy);

  g_mutex_lock (&keys_lock);
  if (keys == NULL)
    keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, free_key);
  g_hash_table_insert (keys, g_strdup (db_path), copy);
  g_mutex_unlock (&keys_lock);
}

/**
 * attune_crypt_vfs_forget_key:
 * @db_path: a database file
 *
 * Wipes the key of @db_path. Files already open keep their own copy until
 * they close.
 */
void
attune_crypt_vfs_forget_key (const char *db_path)
{
  g_mutex_lock (&keys_lock);
  if (keys != NULL)
    g_hash_table_remove (keys, db_path);
  g_mutex_unlock (&keys_lock);
}

/**
 * attune_crypt_vfs_forget_all:
 *
 * Wipes every key (on lock).
 */
void
attune_crypt_vfs_forget_all (void)
{
  g_mutex_lock (&keys_lock);
  if (keys != NULL)
    g_hash_table_remove_all (keys);
  g_mutex_unlock (&keys_lock);
}

/* The key of @db_path: its own, or that of a folder it is in (registered
 * with a trailing "/", as the backups folder is). Called with the lock held. */
static const guint8 *
lookup_key (const char *db_path)
{
  GHashTableIter iter;
  gpointer name, key;

  if (keys == NULL)
    return NULL;

  key = g_hash_table_lookup (keys, db_path);
  if (key != NULL)
    return key;

  g_hash_table_iter_init (&iter, keys);
  while (g_hash_table_iter_next (&iter, &name, &key))
    if (g_str_has_suffix (name, "/") && g_str_has_prefix (db_path, name) &&
        strchr (db_path + strlen (name), '/') == NULL)
      return key;

  return NULL;
}

/**
 * attune_crypt_vfs_has_key:
 * @db_path: a database file
 *
 * Returns: whether a key is registered that opens @db_path
 */
gboolean
attune_crypt_vfs_has_key (const char *db_path)
{
  gboolean found;

  g_mutex_lock (&keys_lock);
  found = lookup_key (db_path) != NULL;
  g_mutex_unlock (&keys_lock);

  return found;
}

static guint8 *
dup_key_for (const char *db_path)
{
  guint8 *copy = NULL;
  const guint8 *key;

  g_mutex_lock (&keys_lock);
  key = lookup_key (db_path);
  if (key != NULL)
    {
      copy = sodium_malloc (ATTUNE_CRYPT_KEY_BYTES);
      if (copy != NULL)
        memcpy (copy, key, ATTUNE_CRYPT_KEY_BYTES);
    }
  g_mutex_unlock (&keys_lock);

  return copy;
}

/* Associated data: what the page is and where it belongs. */
static gsize
make_ad (guint8       *ad,
         FileKind      kind,
         guint32       position,
         const guint8 *header)
{
  gsize n = 0;

  memcpy (ad, kind == FILE_WAL ? "AttuneW1" : "AttuneD1", 8);
  n = 8;
  for (guint i = 0; i < 4; i++)
    ad[n++] = (guint8) (position >> (8 * i));
  if (header != NULL)
    {
      memcpy (ad + n, header, HEADER_BYTES);
      n += HEADER_BYTES;
    }

  return n;
}

/* Encrypts one page image in place. @position is the page number (database)
 * or frame number (log). */
static void
seal_page (CryptFile *file,
           guint8    *page,
           guint32    position)
{
  guint8 ad[8 + 4 + HEADER_BYTES];
  gboolean first = file->kind == FILE_DATABASE && position == 1;
  gsize skip = first ? HEADER_BYTES : 0;
  guint8 *nonce = page + PAGE - RESERVE;
  guint8 *tag = nonce + NONCE_BYTES;
  gsize ad_len = make_ad (ad, file->kind, position, first ? page : NULL);

  randombytes_buf (nonce, NONCE_BYTES);
  crypto_aead_xchacha20poly1305_ietf_encrypt_detached (page + skip, tag, NULL,
                                                       page + skip, PAGE - RESERVE - skip,
                                                       ad, ad_len, NULL, nonce, file->key);
}

static gboolean
is_all_zero (const guint8 *bytes,
             gsize         n)
{
  guint8 any = 0;

  for (gsize i = 0; i < n; i++)
    any |= bytes[i];

  return any == 0;
}

/* Decrypts one page image in place; FALSE if it does not authenticate. */
static gboolean
open_page (CryptFile *file,
           guint8    *page,
           guint32    position)
{
  guint8 ad[8 + 4 + HEADER_BYTES];
  gboolean first = file->kind == FILE_DATABASE && position == 1;
  gsize skip = first ? HEADER_BYTES : 0;
  const guint8 *nonce = page + PAGE - RESERVE;
  const guint8 *tag = nonce + NONCE_BYTES;
  gsize ad_len;

  /* Never written (a hole, or space SQLite has not used yet). */
  if (is_all_zero (page, PAGE))
    return TRUE;

  ad_len = make_ad (ad, file->kind, position, first ? page : NULL);

  return crypto_aead_xchacha20poly1305_ietf_decrypt_detached (page + skip, NULL,
                                                              page + skip, PAGE - RESERVE - skip,
                                                              tag, ad, ad_len, nonce, file->key) == 0;
}

/* Where page images lie in each kind of file. */
static gboolean
page_region (CryptFile     *file,
             sqlite3_int64  offset,
             sqlite3_int64 *out_start,
             guint32       *out_position)
{
  if (file->kind == FILE_DATABASE)
    {
      *out_start = offset - offset % PAGE;
      *out_position = (guint32) (offset / PAGE) + 1;
      return TRUE;
    }

  if (offset < WAL_HEADER_BYTES)
    return FALSE;

  {
    sqlite3_int64 in_log = offset - WAL_HEADER_BYTES;
    sqlite3_int64 frame = in_log / WAL_FRAME_BYTES;
    sqlite3_int64 in_frame = in_log % WAL_FRAME_BYTES;

    if (in_frame < WAL_FRAME_HEADER_BYTES)
      return FALSE;

    *out_start = WAL_HEADER_BYTES + frame * WAL_FRAME_BYTES + WAL_FRAME_HEADER_BYTES;
    *out_position = (guint32) frame;
    return TRUE;
  }
}

/* In the log, where the plain stretch (log or frame header) that holds
 * @offset ends. */
static sqlite3_int64
plain_stretch_end (sqlite3_int64 offset)
{
  if (offset < WAL_HEADER_BYTES)
    return WAL_HEADER_BYTES;

  return offset + (WAL_FRAME_HEADER_BYTES - (offset - WAL_HEADER_BYTES) % WAL_FRAME_BYTES);
}

/* Reads the whole page image starting at @start and decrypts it into
 * file->scratch. */
static int
read_page (CryptFile     *file,
           sqlite3_int64  start,
           guint32        position)
{
  int rc = file->real->pMethods->xRead (file->real, file->scratch, PAGE, start);

  if (rc == SQLITE_IOERR_SHORT_READ)
    {
      /* Past the end: zeros, as SQLite expects; a page cut short is damage. */
      if (is_all_zero (file->scratch, PAGE))
        return SQLITE_IOERR_SHORT_READ;
      rc = SQLITE_OK;
    }

  if (rc != SQLITE_OK)
    return rc;

  if (!open_page (file, file->scratch, position))
    {
      if (file->kind == FILE_WAL)
        {
          /* SQLite's frame checksums end the log here. */
          memset (file->scratch, 0, PAGE);
          return SQLITE_OK;
        }
      return SQLITE_IOERR_DATA;
    }

  return SQLITE_OK;
}

static int
crypt_read (sqlite3_file  *base,
            void          *buffer,
            int            amount,
            sqlite3_int64  offset)
{
  CryptFile *file = (CryptFile *) base;
  guint8 *out = buffer;
  sqlite3_int64 position_in = offset;
  int remaining = amount;
  gboolean short_read = FALSE;

  if (file->kind == FILE_PLAIN)
    return file->real->pMethods->xRead (file->real, buffer, amount, offset);

  /* Walk the request: plain stretches (file and frame headers) are read as
   * they are, page stretches through their decrypted page. */
  while (remaining > 0)
    {
      sqlite3_int64 start;
      guint32 position;
      int rc;

      if (page_region (file, position_in, &start, &position))
        {
          sqlite3_int64 in_page = position_in - start;
          int n = (int) MIN ((sqlite3_int64) remaining, PAGE - in_page);

          /* The 100-byte header of page 1 is readable without decrypting,
           * which is how SQLite learns the page size. */
          if (file->kind == FILE_DATABASE && position == 1 && in_page + n <= HEADER_BYTES)
            {
              rc = file->real->pMethods->xRead (file->real, out, n, position_in);
              if (rc == SQLITE_IOERR_SHORT_READ)
                short_read = TRUE;
              else if (rc != SQLITE_OK)
                return rc;
            }
          else
            {
              rc = read_page (file, start, position);
              if (rc == SQLITE_IOERR_SHORT_READ)
                {
                  memset (out, 0, (gsize) n);
                  short_read = TRUE;
                }
              else if (rc != SQLITE_OK)
                return rc;
              else
                memcpy (out, file->scratch + in_page, (gsize) n);
            }

          out += n;
          position_in += n;
          remaining -= n;
        }
      else
        {
          /* A log or frame header: plain. */
          int n = (int) MIN ((sqlite3_int64) remaining, plain_stretch_end (position_in) - position_in);

          rc = file->real->pMethods->xRead (file->real, out, n, position_in);
          if (rc == SQLITE_IOERR_SHORT_READ)
            short_read = TRUE;
          else if (rc != SQLITE_OK)
            return rc;

          out += n;
          position_in += n;
          remaining -= n;
        }
    }

  return short_read ? SQLITE_IOERR_SHORT_READ : SQLITE_OK;
}

static int
crypt_write (sqlite3_file  *base,
             const void    *buffer,
             int            amount,
             sqlite3_int64  offset)
{
  CryptFile *file = (CryptFile *) base;
  const guint8 *in = buffer;
  sqlite3_int64 position_in = offset;
  int remaining = amount;

  if (file->kind == FILE_PLAIN)
    return file->real->pMethods->xWrite (file->real, buffer, amount, offset);

  while (remaining > 0)
    {
      sqlite3_int64 start;
      guint32 position;
      int rc;

      if (page_region (file, position_in, &start, &position))
        {
          /* SQLite writes whole pages; anything else would need the page
           * read back and is not something it does. */
          if (position_in != start || remaining < PAGE)
            return SQLITE_IOERR_WRITE;

          memcpy (file->scratch, in, PAGE);
          seal_page (file, file->scratch, position);
          rc = file->real->pMethods->xWrite (file->real, file->scratch, PAGE, start);
          sodium_memzero (file->scratch, PAGE);
          if (rc != SQLITE_OK)
            return rc;

          in += PAGE;
          position_in += PAGE;
          remaining -= PAGE;
        }
      else
        {
          int n = (int) MIN ((sqlite3_int64) remaining, plain_stretch_end (position_in) - position_in);

          rc = file->real->pMethods->xWrite (file->real, in, n, position_in);
          if (rc != SQLITE_OK)
            return rc;

          in += n;
          position_in += n;
          remaining -= n;
        }
    }

  return SQLITE_OK;
}

static int
crypt_close (sqlite3_file *base)
{
  CryptFile *file = (CryptFile *) base;
  int rc = SQLITE_OK;

  if (file->real->pMethods != NULL)
    rc = file->real->pMethods->xClose (file->real);

  g_clear_pointer (&file->key, sodium_free);
  if (file->scratch != NULL)
    {
      sodium_memzero (file->scratch, PAGE);
      g_clear_pointer (&file->scratch, g_free);
    }

  return rc;
}

/* The rest goes straight to the real file. */

static int crypt_truncate (sqlite3_file *f, sqlite3_int64 size) { CryptFile *c = (CryptFile *) f; return c->real->pMethods->xTruncate (c->real, size); }
static int crypt_sync (sqlite3_file *f, int flags) { CryptFile *c = (CryptFile *) f; return c->real->pMethods->xSync (c->real, flags); }
static int crypt_file_size (sqlite3_file *f, sqlite3_int64 *size) { CryptFile *c = (CryptFile *) f; return c->real->pMethods->xFileSize (c->real, size); }
static int crypt_lock (sqlite3_file *f, int level) { CryptFile *c = (CryptFile *) f; return c->real->pMethods->xLock (c->real, level); }
static int crypt_unlock (sqlite3_file *f, int level) { CryptFile *c = (CryptFile *) f; return c->real->pMethods->xUnlock (c->real, level); }
static int crypt_check_reserved_lock (sqlite3_file *f, int *out) { CryptFile *c = (CryptFile *) f; return c->real->pMethods->xCheckReservedLock (c->real, out); }
static int crypt_sector_size (sqlite3_file *f) { CryptFile *c = (CryptFile *) f; return c->real->pMethods->xSectorSize (c->real); }
static int crypt_shm_map (sqlite3_file *f, int i, int size, int extend, void volatile **out) { CryptFile *c = (CryptFile *) f; return c->real->pMethods->xShmMap (c->real, i, size, extend, out); }
static int crypt_shm_lock (sqlite3_file *f, int offset, int n, int flags) { CryptFile *c = (CryptFile *) f; return c->real->pMethods->xShmLock (c->real, offset, n, flags); }
static void crypt_shm_barrier (sqlite3_file *f) { CryptFile *c = (CryptFile *) f; c->real->pMethods->xShmBarrier (c->real); }
static int crypt_shm_unmap (sqlite3_file *f, int delete_flag) { CryptFile *c = (CryptFile *) f; return c->real->pMethods->xShmUnmap (c->real, delete_flag); }

static int
crypt_file_control (sqlite3_file *f,
                    int           op,
                    void         *arg)
{
  CryptFile *c = (CryptFile *) f;

  /* No memory-mapped I/O: every page must pass through crypt_read(). */
  if (op == SQLITE_FCNTL_MMAP_SIZE)
    {
      *(sqlite3_int64 *) arg = 0;
      return SQLITE_OK;
    }

  return c->real->pMethods->xFileControl (c->real, op, arg);
}

static int
crypt_device_characteristics (sqlite3_file *f)
{
  CryptFile *c = (CryptFile *) f;

  /* Pages are rewritten whole, so the device's atomic-write promises for
   * smaller units do not carry over. */
  return c->real->pMethods->xDeviceCharacteristics (c->real) &
         ~(SQLITE_IOCAP_BATCH_ATOMIC | SQLITE_IOCAP_ATOMIC512 | SQLITE_IOCAP_ATOMIC1K |
           SQLITE_IOCAP_ATOMIC2K | SQLITE_IOCAP_ATOMIC);
}

static const sqlite3_io_methods crypt_io_methods = {
  2,  /* no xFetch: no memory-mapped pages that would bypass decryption */
  crypt_close,
  crypt_read,
  crypt_write,
  crypt_truncate,
  crypt_sync,
  crypt_file_size,
  crypt_lock,
  crypt_unlock,
  crypt_check_reserved_lock,
  crypt_file_control,
  crypt_sector_size,
  crypt_device_characteristics,
  crypt_shm_map,
  crypt_shm_lock,
  crypt_shm_barrier,
  crypt_shm_unmap,
  NULL,
  NULL,
};

static int
crypt_open (sqlite3_vfs  *vfs,
            const char   *name,
            sqlite3_file *base,
            int           flags,
            int          *out_flags)
{
  CryptFile *file = (CryptFile *) base;
  int rc;

  memset (file, 0, sizeof *file);
  file->real = (sqlite3_file *) (file + 1);

  if (name != NULL && (flags & (SQLITE_OPEN_MAIN_DB | SQLITE_OPEN_WAL)) != 0)
    {
      const char *db_name = (flags & SQLITE_OPEN_WAL) != 0 ? sqlite3_filename_database (name) : name;

      file->kind = (flags & SQLITE_OPEN_WAL) != 0 ? FILE_WAL : FILE_DATABASE;
      file->key = dup_key_for (db_name);

      /* No key, no access: never a plaintext write into an encrypted file. */
      if (file->key == NULL)
        return SQLITE_AUTH;

      file->scratch = g_malloc (PAGE);
    }
  else
    file->kind = FILE_PLAIN;

  rc = base_vfs->xOpen (base_vfs, name, file->real, flags, out_flags);
  if (rc != SQLITE_OK)
    {
      g_clear_pointer (&file->key, sodium_free);
      g_clear_pointer (&file->scratch, g_free);
      return rc;
    }

  base->pMethods = &crypt_io_methods;

  return SQLITE_OK;
}

/* Everything but opening is the base VFS's. */
static int crypt_delete (sqlite3_vfs *v, const char *n, int s) { return base_vfs->xDelete (base_vfs, n, s); }
static int crypt_access (sqlite3_vfs *v, const char *n, int f, int *o) { return base_vfs->xAccess (base_vfs, n, f, o); }
static int crypt_full_pathname (sqlite3_vfs *v, const char *n, int size, char *out) { return base_vfs->xFullPathname (base_vfs, n, size, out); }
static void *crypt_dl_open (sqlite3_vfs *v, const char *n) { return base_vfs->xDlOpen (base_vfs, n); }
static void crypt_dl_error (sqlite3_vfs *v, int n, char *out) { base_vfs->xDlError (base_vfs, n, out); }
static void (*crypt_dl_sym (sqlite3_vfs *v, void *h, const char *s)) (void) { return base_vfs->xDlSym (base_vfs, h, s); }
static void crypt_dl_close (sqlite3_vfs *v, void *h) { base_vfs->xDlClose (base_vfs, h); }
static int crypt_randomness (sqlite3_vfs *v, int n, char *out) { return base_vfs->xRandomness (base_vfs, n, out); }
static int crypt_sleep (sqlite3_vfs *v, int us) { return base_vfs->xSleep (base_vfs, us); }
static int crypt_current_time (sqlite3_vfs *v, double *out) { return base_vfs->xCurrentTime (base_vfs, out); }
static int crypt_get_last_error (sqlite3_vfs *v, int n, char *out) { return base_vfs->xGetLastError (base_vfs, n, out); }
static int crypt_current_time_int64 (sqlite3_vfs *v, sqlite3_int64 *out) { return base_vfs->xCurrentTimeInt64 (base_vfs, out); }

/**
 * attune_crypt_vfs_register:
 *
 * Registers the VFS (not as the default). Safe to call more than once and
 * from any thread.
 *
 * Returns: %TRUE when it is available
 */
gboolean
attune_crypt_vfs_register (void)
{
  static gsize done = 0;
  static gboolean ok = FALSE;

  if (g_once_init_enter (&done))
    {
      if (sodium_init () >= 0 && (base_vfs = sqlite3_vfs_find (NULL)) != NULL)
        {
          crypt_vfs = (sqlite3_vfs) {
            .iVersion = 2,
            .szOsFile = (int) sizeof (CryptFile) + base_vfs->szOsFile,
            .mxPathname = base_vfs->mxPathname,
            .zName = ATTUNE_CRYPT_VFS_NAME,
            .xOpen = crypt_open,
            .xDelete = crypt_delete,
            .xAccess = crypt_access,
            .xFullPathname = crypt_full_pathname,
            .xDlOpen = crypt_dl_open,
            .xDlError = crypt_dl_error,
            .xDlSym = crypt_dl_sym,
            .xDlClose = crypt_dl_close,
            .xRandomness = crypt_randomness,
            .xSleep = crypt_sleep,
            .xCurrentTime = crypt_current_time,
            .xGetLastError = crypt_get_last_error,
            .xCurrentTimeInt64 = crypt_current_time_int64,
          };
          ok = sqlite3_vfs_register (&crypt_vfs, 0) == SQLITE_OK;
        }
      g_once_init_leave (&done, 1);
    }

  return ok;
}

/* Whether the first page's b-tree header (right after the file header) is
 * one SQLite could have written: a random (encrypted) one passes all of
 * these by chance about once in 10^5. */
static gboolean
plausible_first_page (const guint8 *h)
{
  guint freeblock = ((guint) h[101] << 8) | h[102];
  guint n_cells = ((guint) h[103] << 8) | h[104];
  guint content = ((guint) h[105] << 8) | h[106];
  guint usable = PAGE - h[20];

  return (h[100] == 0x05 || h[100] == 0x0d) &&
         (freeblock == 0 || (freeblock >= 108 && freeblock < usable)) &&
         n_cells <= usable / 4 &&
         (content == 0 ? usable == 65536 : (content >= 108 && content <= usable)) &&
         h[107] <= 60;
}

/**
 * attune_crypt_file_is_encrypted:
 * @db_path: a database file
 *
 * Tells an encrypted journal from a plain one by what can be read without
 * a key: an SQLite file of 4096-byte pages that reserve
 * %ATTUNE_CRYPT_RESERVE_BYTES bytes, and whose first page does not read as
 * plain SQLite. (A journal decrypted back keeps its reserved bytes.)
 *
 * Returns: %TRUE if the file is an encrypted journal
 */
gboolean
attune_crypt_file_is_encrypted (const char *db_path)
{
  guint8 header[112];
  FILE *f = fopen (db_path, "rb");
  gsize n;

  if (f == NULL)
    return FALSE;

  n = fread (header, 1, sizeof header, f);
  fclose (f);

  return n == sizeof header &&
         memcmp (header, "SQLite format 3", 16) == 0 &&
         header[20] == RESERVE &&
         header[16] == (PAGE >> 8) && header[17] == (PAGE & 0xff) &&
         !plausible_first_page (header);
}

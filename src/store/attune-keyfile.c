/* attune-keyfile.c
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The key file of a protected journal, "attune.key" beside it.
 *
 * The journal is encrypted with a random 32-byte master key that never
 * changes while protection is on (so changing the passphrase rewrites this
 * small file, not the journal, and older backups still open). The file
 * holds that key twice, each time sealed with XChaCha20-Poly1305:
 *   - under a key derived from the passphrase with Argon2id (salted, with
 *     its costs recorded so they can be raised later);
 *   - under a key derived from the recovery key, 32 random bytes shown once
 *     as 13 groups of 4 characters (Crockford base 32), which needs no slow
 *     derivation because it is already random.
 * Each seal's associated data names what it is and the key's id (a hash of
 * the master key), so seals cannot be swapped between files or roles. A
 * seal that does not open means a wrong secret; a file that does not parse
 * means a damaged file, and the two are reported apart.
 *
 * It is a GKeyFile with base 64 values: plain to inspect, nothing secret in
 * the clear. Written atomically and durably, mode 0600. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>

#include "attune-crypt-vfs.h"
#include "attune-keyfile.h"
#include "attune-store.h"

#define GROUP "Attune Key"
#define FORMAT_VERSION 1
#define KEY_BYTES ATTUNE_CRYPT_KEY_BYTES
#define ID_BYTES 16
#define NONCE_BYTES crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define SEALED_BYTES (KEY_BYTES + crypto_aead_xchacha20poly1305_ietf_ABYTES)
#define RECOVERY_GROUPS 13

struct _AttuneMasterKey
{
  guint8 *bytes;  /* sodium_malloc'd */
};

struct _AttuneKeyfile
{
  guint8   id[ID_BYTES];
  guint8   salt[crypto_pwhash_SALTBYTES];
  guint64  opslimit;
  gsize    memlimit;
  guint8   pass_nonce[NONCE_BYTES];
  guint8   pass_sealed[SEALED_BYTES];
  guint8   recovery_nonce[NONCE_BYTES];
  guint8   recovery_sealed[SEALED_BYTES];
};

static const char crockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

const guint8 *
attune_master_key_get_bytes (const AttuneMasterKey *key)
{
  return key->bytes;
}

void
attune_master_key_free (AttuneMasterKey *key)
{
  if (key == NULL)
    return;

  sodium_free (key->bytes);
  g_free (key);
}

static AttuneMasterKey *
master_key_new (void)
{
  AttuneMasterKey *key = g_new0 (AttuneMasterKey, 1);

  key->bytes = sodium_malloc (KEY_BYTES);
  g_assert (key->bytes != NULL);

  return key;
}

void
attune_keyfile_free (AttuneKeyfile *self)
{
  if (self == NULL)
    return;

  sodium_memzero (self, sizeof *self);
  g_free (self);
}

/**
 * attune_keyfile_dup_path:
 * @journal_path: (type filename): the journal
 *
 * Returns: (transfer full) (type filename): where its key file is
 */
char *
attune_keyfile_dup_path (const char *journal_path)
{
  g_autofree char *dir = g_path_get_dirname (journal_path);

  return g_build_filename (dir, "attune.key", NULL);
}

static void
make_id (const guint8 *master,
         guint8       *id)
{
  crypto_generichash (id, ID_BYTES, master, KEY_BYTES,
                      (const guint8 *) "attune-key-id-v1", 16);
}

static gsize
make_ad (guint8       *ad,
         const char   *role,
         const guint8 *id)
{
  gsize n = strlen (role);

  memcpy (ad, role, n);
  memcpy (ad + n, id, ID_BYTES);

  return n + ID_BYTES;
}

static void
seal (const guint8 *wrapping_key,
      const char   *role,
      const guint8 *id,
      const guint8 *master,
      guint8       *nonce,
      guint8       *sealed)
{
  guint8 ad[64];
  gsize ad_len = make_ad (ad, role, id);

  randombytes_buf (nonce, NONCE_BYTES);
  crypto_aead_xchacha20poly1305_ietf_encrypt (sealed, NULL, master, KEY_BYTES,
                                              ad, ad_len, NULL, nonce, wrapping_key);
}

static gboolean
unseal (const guint8 *wrapping_key,
        const char   *role,
        const guint8 *id,
        const guint8 *nonce,
        const guint8 *sealed,
        guint8       *master)
{
  guint8 ad[64];
  gsize ad_len = make_ad (ad, role, id);

  return crypto_aead_xchacha20poly1305_ietf_decrypt (master, NULL, NULL, sealed, SEALED_BYTES,
                                                     ad, ad_len, nonce, wrapping_key) == 0;
}

static gboolean
derive_passphrase_key (AttuneKeyfile  *self,
                       const char     *passphrase,
                       guint8         *out,
                       GError        **error)
{
  if (crypto_pwhash (out, KEY_BYTES, passphrase, strlen (passphrase), self->salt,
                     self->opslimit, self->memlimit, crypto_pwhash_ALG_ARGON2ID13) != 0)
    {
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_FAILED,
                   _("There is not enough memory to check the passphrase. Close other programs and try again."));
      return FALSE;
    }

  return TRUE;
}

static void
derive_recovery_key (const guint8 *recovery,
                     guint8       *out)
{
  crypto_generichash (out, KEY_BYTES, recovery, KEY_BYTES,
                      (const guint8 *) "attune-recovery-v1", 18);
}

/* 32 bytes as 52 Crockford base-32 characters in groups of 4. */
static char *
format_recovery_key (const guint8 *bytes)
{
  GString *out = g_string_new (NULL);
  guint bits = 0, value = 0, n_chars = 0;

  for (guint i = 0; i < KEY_BYTES; i++)
    {
      value = (value << 8) | bytes[i];
      bits += 8;
      while (bits >= 5)
        {
          if (n_chars > 0 && n_chars % 4 == 0)
            g_string_append_c (out, '-');
          g_string_append_c (out, crockford[(value >> (bits - 5)) & 31]);
          bits -= 5;
          n_chars++;
        }
    }
  if (bits > 0)
    {
      if (n_chars % 4 == 0)
        g_string_append_c (out, '-');
      g_string_append_c (out, crockford[(value << (5 - bits)) & 31]);
    }

  return g_string_free (out, FALSE);
}

static gboolean
parse_recovery_key (const char *text,
                    guint8     *bytes)
{
  guint bits = 0, value = 0, n_bytes = 0, n_chars = 0;

  for (const char *p = text; *p != '\0'; p++)
    {
      char c = g_ascii_toupper (*p);
      const char *found;

      if (c == '-' || c == ' ' || c == '\t' || c == '\n')
        continue;
      /* Letters people mistake for digits. */
      if (c == 'O')
        c = '0';
      else if (c == 'I' || c == 'L')
        c = '1';

      found = strchr (crockford, c);
      if (found == NULL || c == '\0')
        return FALSE;

      value = (value << 5) | (guint) (found - crockford);
      bits += 5;
      n_chars++;
      if (bits >= 8)
        {
          if (n_bytes == KEY_BYTES)
            return FALSE;
          bytes[n_bytes++] = (guint8) (value >> (bits - 8));
          bits -= 8;
        }
    }

  return n_bytes == KEY_BYTES && n_chars == (KEY_BYTES * 8 + 4) / 5;
}

/**
 * attune_keyfile_create:
 * @passphrase: the person's passphrase
 * @opslimit: Argon2id's time cost, %ATTUNE_KEYFILE_OPSLIMIT
 * @memlimit: Argon2id's memory cost, %ATTUNE_KEYFILE_MEMLIMIT
 * @out_key: (out) (transfer full): the new master key
 * @out_recovery_key: (out) (transfer full): the recovery key to show, once
 * @error: return location for a #GError
 *
 * Makes a new master key and its key file (not saved yet).
 *
 * Returns: (transfer full) (nullable): the key file
 */
AttuneKeyfile *
attune_keyfile_create (const char        *passphrase,
                       guint64            opslimit,
                       gsize              memlimit,
                       AttuneMasterKey  **out_key,
                       char             **out_recovery_key,
                       GError           **error)
{
  g_autoptr(AttuneKeyfile) self = NULL;
  g_autoptr(AttuneMasterKey) key = NULL;
  guint8 *recovery = NULL;
  guint8 *wrapping = NULL;

  g_return_val_if_fail (passphrase != NULL, NULL);

  if (sodium_init () < 0)
    {
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_FAILED,
                   _("Encryption is not available on this computer."));
      return NULL;
    }

  self = g_new0 (AttuneKeyfile, 1);
  key = master_key_new ();
  randombytes_buf (key->bytes, KEY_BYTES);
  make_id (key->bytes, self->id);

  self->opslimit = opslimit;
  self->memlimit = memlimit;
  if (!attune_keyfile_set_passphrase (self, key, passphrase, opslimit, memlimit, error))
    return NULL;

  recovery = sodium_malloc (KEY_BYTES);
  wrapping = sodium_malloc (KEY_BYTES);
  randombytes_buf (recovery, KEY_BYTES);
  derive_recovery_key (recovery, wrapping);
  seal (wrapping, "recovery", self->id, key->bytes, self->recovery_nonce, self->recovery_sealed);

  *out_recovery_key = format_recovery_key (recovery);
  sodium_free (recovery);
  sodium_free (wrapping);

  *out_key = g_steal_pointer (&key);

  return g_steal_pointer (&self);
}

/**
 * attune_keyfile_set_passphrase:
 * @self: a key file
 * @key: its master key (unlocked)
 * @passphrase: the new passphrase
 * @opslimit: Argon2id's time cost
 * @memlimit: Argon2id's memory cost
 * @error: return location for a #GError
 *
 * Seals the master key under a new passphrase. The recovery key stays.
 *
 * Returns: %TRUE on success
 */
gboolean
attune_keyfile_set_passphrase (AttuneKeyfile          *self,
                               const AttuneMasterKey  *key,
                               const char             *passphrase,
                               guint64                 opslimit,
                               gsize                   memlimit,
                               GError                **error)
{
  guint8 *wrapping;
  gboolean ok;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (passphrase != NULL, FALSE);

  randombytes_buf (self->salt, sizeof self->salt);
  self->opslimit = opslimit;
  self->memlimit = memlimit;

  wrapping = sodium_malloc (KEY_BYTES);
  ok = derive_passphrase_key (self, passphrase, wrapping, error);
  if (ok)
    seal (wrapping, "passphrase", self->id, key->bytes, self->pass_nonce, self->pass_sealed);
  sodium_free (wrapping);

  return ok;
}

static gboolean
check_id (AttuneKeyfile   *self,
          AttuneMasterKey *key)
{
  guint8 id[ID_BYTES];

  make_id (key->bytes, id);

  return sodium_memcmp (id, self->id, ID_BYTES) == 0;
}

/**
 * attune_keyfile_unlock:
 * @self: a key file
 * @passphrase: what the person typed
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the master key, or %NULL with
 *   %ATTUNE_STORE_ERROR_WRONG_SECRET when the passphrase is not the right one
 */
AttuneMasterKey *
attune_keyfile_unlock (AttuneKeyfile  *self,
                       const char     *passphrase,
                       GError        **error)
{
  g_autoptr(AttuneMasterKey) key = master_key_new ();
  guint8 *wrapping;
  gboolean ok;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (passphrase != NULL, NULL);

  wrapping = sodium_malloc (KEY_BYTES);
  ok = derive_passphrase_key (self, passphrase, wrapping, error);
  if (ok && !unseal (wrapping, "passphrase", self->id, self->pass_nonce, self->pass_sealed, key->bytes))
    {
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_WRONG_SECRET,
                   _("That passphrase is not right."));
      ok = FALSE;
    }
  sodium_free (wrapping);

  if (ok && !check_id (self, key))
    {
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_CORRUPT,
                   _("The journal’s key file is damaged."));
      ok = FALSE;
    }

  return ok ? g_steal_pointer (&key) : NULL;
}

/**
 * attune_keyfile_unlock_with_recovery_key:
 * @self: a key file
 * @recovery_key: what the person typed (dashes, spaces and case do not matter)
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the master key, or %NULL with
 *   %ATTUNE_STORE_ERROR_WRONG_SECRET when the recovery key is not the right one
 */
AttuneMasterKey *
attune_keyfile_unlock_with_recovery_key (AttuneKeyfile  *self,
                                         const char     *recovery_key,
                                         GError        **error)
{
  g_autoptr(AttuneMasterKey) key = master_key_new ();
  guint8 *recovery;
  guint8 *wrapping;
  gboolean ok;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (recovery_key != NULL, NULL);

  recovery = sodium_malloc (KEY_BYTES);
  wrapping = sodium_malloc (KEY_BYTES);

  ok = parse_recovery_key (recovery_key, recovery);
  if (!ok)
    g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_WRONG_SECRET,
                 _("That is not a recovery key: it has 52 letters and digits, in groups of four."));
  else
    {
      derive_recovery_key (recovery, wrapping);
      ok = unseal (wrapping, "recovery", self->id, self->recovery_nonce, self->recovery_sealed, key->bytes);
      if (!ok)
        g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_WRONG_SECRET,
                     _("That recovery key is not right."));
    }

  sodium_free (recovery);
  sodium_free (wrapping);

  if (ok && !check_id (self, key))
    {
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_CORRUPT,
                   _("The journal’s key file is damaged."));
      ok = FALSE;
    }

  return ok ? g_steal_pointer (&key) : NULL;
}

static void
set_bytes (GKeyFile     *file,
           const char   *name,
           const guint8 *bytes,
           gsize         n)
{
  g_autofree char *text = g_base64_encode (bytes, n);

  g_key_file_set_string (file, GROUP, name, text);
}

static gboolean
get_bytes (GKeyFile   *file,
           const char *name,
           guint8     *out,
           gsize       n)
{
  g_autofree char *text = g_key_file_get_string (file, GROUP, name, NULL);
  g_autofree guchar *bytes = NULL;
  gsize length = 0;

  if (text == NULL)
    return FALSE;

  bytes = g_base64_decode (text, &length);
  if (length != n)
    return FALSE;

  memcpy (out, bytes, n);
  return TRUE;
}

/**
 * attune_keyfile_save:
 * @self: a key file
 * @path: (type filename): where to write it
 * @error: return location for a #GError
 *
 * Writes the key file atomically and durably, readable by its owner only.
 *
 * Returns: %TRUE on success
 */
gboolean
attune_keyfile_save (AttuneKeyfile  *self,
                     const char     *path,
                     GError        **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  g_key_file_set_integer (file, GROUP, "Version", FORMAT_VERSION);
  set_bytes (file, "KeyId", self->id, sizeof self->id);
  g_key_file_set_string (file, GROUP, "PassphraseKdf", "argon2id13");
  set_bytes (file, "PassphraseSalt", self->salt, sizeof self->salt);
  g_key_file_set_uint64 (file, GROUP, "PassphraseOpsLimit", self->opslimit);
  g_key_file_set_uint64 (file, GROUP, "PassphraseMemLimit", self->memlimit);
  set_bytes (file, "PassphraseNonce", self->pass_nonce, sizeof self->pass_nonce);
  set_bytes (file, "PassphraseSealedKey", self->pass_sealed, sizeof self->pass_sealed);
  set_bytes (file, "RecoveryNonce", self->recovery_nonce, sizeof self->recovery_nonce);
  set_bytes (file, "RecoverySealedKey", self->recovery_sealed, sizeof self->recovery_sealed);

  data = g_key_file_to_data (file, &length, NULL);

  if (!g_file_set_contents_full (path, data, (gssize) length,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, &local_error))
    {
      g_set_error (error, ATTUNE_STORE_ERROR,
                   g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOSPC)
                     ? ATTUNE_STORE_ERROR_DISK_FULL : ATTUNE_STORE_ERROR_FAILED,
                   _("The journal’s key file could not be saved: %s"), local_error->message);
      return FALSE;
    }

  return TRUE;
}

/**
 * attune_keyfile_load:
 * @path: (type filename): a key file
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the key file, or %NULL with
 *   %ATTUNE_STORE_ERROR_NOT_FOUND when there is none and
 *   %ATTUNE_STORE_ERROR_CORRUPT when it is damaged
 */
AttuneKeyfile *
attune_keyfile_load (const char  *path,
                     GError     **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(AttuneKeyfile) self = g_new0 (AttuneKeyfile, 1);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *kdf = NULL;

  if (!g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_NOT_FOUND,
                     _("The journal’s key file is missing."));
      else
        g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_CORRUPT,
                     _("The journal’s key file is damaged: %s"), local_error->message);
      return NULL;
    }

  kdf = g_key_file_get_string (file, GROUP, "PassphraseKdf", NULL);
  self->opslimit = g_key_file_get_uint64 (file, GROUP, "PassphraseOpsLimit", NULL);
  self->memlimit = (gsize) g_key_file_get_uint64 (file, GROUP, "PassphraseMemLimit", NULL);

  if (g_key_file_get_integer (file, GROUP, "Version", NULL) != FORMAT_VERSION ||
      g_strcmp0 (kdf, "argon2id13") != 0 ||
      self->opslimit < crypto_pwhash_OPSLIMIT_MIN || self->opslimit > crypto_pwhash_OPSLIMIT_MAX ||
      self->memlimit < crypto_pwhash_MEMLIMIT_MIN || self->memlimit > (gsize) 4 * 1024 * 1024 * 1024 ||
      !get_bytes (file, "KeyId", self->id, sizeof self->id) ||
      !get_bytes (file, "PassphraseSalt", self->salt, sizeof self->salt) ||
      !get_bytes (file, "PassphraseNonce", self->pass_nonce, sizeof self->pass_nonce) ||
      !get_bytes (file, "PassphraseSealedKey", self->pass_sealed, sizeof self->pass_sealed) ||
      !get_bytes (file, "RecoveryNonce", self->recovery_nonce, sizeof self->recovery_nonce) ||
      !get_bytes (file, "RecoverySealedKey", self->recovery_sealed, sizeof self->recovery_sealed))
    {
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_CORRUPT,
                   _("The journal’s key file is damaged or from a newer Attune."));
      return NULL;
    }

  return g_steal_pointer (&self);
}

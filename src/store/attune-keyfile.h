/* attune-keyfile.h
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The key file of a protected journal (issue 6): the journal's random
 * master key, wrapped once by the passphrase (Argon2id) and once by the
 * recovery key. */

typedef struct _AttuneKeyfile AttuneKeyfile;

/* The master key, in locked memory wiped on free. */
typedef struct _AttuneMasterKey AttuneMasterKey;

const guint8   *attune_master_key_get_bytes (const AttuneMasterKey *key);
void            attune_master_key_free      (AttuneMasterKey       *key);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttuneMasterKey, attune_master_key_free)

/* Argon2id costs: what Attune uses, and the least libsodium allows (tests). */
#define ATTUNE_KEYFILE_OPSLIMIT 3
#define ATTUNE_KEYFILE_MEMLIMIT (128 * 1024 * 1024)

char           *attune_keyfile_dup_path     (const char            *journal_path);
AttuneKeyfile  *attune_keyfile_create       (const char            *passphrase,
                                             guint64                opslimit,
                                             gsize                  memlimit,
                                             AttuneMasterKey      **out_key,
                                             char                 **out_recovery_key,
                                             GError               **error);
AttuneKeyfile  *attune_keyfile_load         (const char            *path,
                                             GError               **error);
gboolean        attune_keyfile_save         (AttuneKeyfile         *self,
                                             const char            *path,
                                             GError               **error);
AttuneMasterKey *attune_keyfile_unlock      (AttuneKeyfile         *self,
                                             const char            *passphrase,
                                             GError               **error);
AttuneMasterKey *attune_keyfile_unlock_with_recovery_key (AttuneKeyfile *self,
                                             const char            *recovery_key,
                                             GError               **error);
gboolean        attune_keyfile_set_passphrase (AttuneKeyfile       *self,
                                             const AttuneMasterKey *key,
                                             const char            *passphrase,
                                             guint64                opslimit,
                                             gsize                  memlimit,
                                             GError               **error);
void            attune_keyfile_free         (AttuneKeyfile         *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttuneKeyfile, attune_keyfile_free)

G_END_DECLS

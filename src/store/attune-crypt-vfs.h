/* attune-crypt-vfs.h
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Page-level encryption of a journal (issue 6), as an SQLite VFS. */

#define ATTUNE_CRYPT_VFS_NAME "attune-crypt"
#define ATTUNE_CRYPT_KEY_BYTES 32
#define ATTUNE_CRYPT_PAGE_SIZE 4096
/* Each page keeps its nonce (24 bytes) and tag (16) in SQLite's reserved bytes. */
#define ATTUNE_CRYPT_RESERVE_BYTES 40

gboolean attune_crypt_vfs_register   (void);
void     attune_crypt_vfs_set_key    (const char   *db_path,
                                      const guint8 *key);
void     attune_crypt_vfs_forget_key (const char   *db_path);
gboolean attune_crypt_vfs_has_key    (const char   *db_path);
void     attune_crypt_vfs_forget_all (void);
gboolean attune_crypt_file_is_encrypted (const char *db_path);

G_END_DECLS

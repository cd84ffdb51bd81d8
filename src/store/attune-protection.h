/* attune-protection.h
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Protecting the journal with a passphrase (issue 6). Enabling and
 * disabling rewrite the journal file, so nothing may have it open; the app
 * closes its windows first, as for a restore. */

gboolean attune_protection_is_on             (const char  *journal_path);
gboolean attune_protection_is_unlocked       (const char  *journal_path);
gboolean attune_protection_unlock            (const char  *journal_path,
                                              const char  *passphrase,
                                              GError     **error);
gboolean attune_protection_unlock_with_recovery_key (const char  *journal_path,
                                              const char  *recovery_key,
                                              GError     **error);
void     attune_protection_lock              (void);
gboolean attune_protection_enable            (const char  *journal_path,
                                              const char  *passphrase,
                                              guint64      opslimit,
                                              gsize        memlimit,
                                              char       **out_recovery_key,
                                              GError     **error);
gboolean attune_protection_disable           (const char  *journal_path,
                                              GError     **error);
gboolean attune_protection_change_passphrase (const char  *journal_path,
                                              const char  *passphrase,
                                              guint64      opslimit,
                                              gsize        memlimit,
                                              GError     **error);

G_END_DECLS

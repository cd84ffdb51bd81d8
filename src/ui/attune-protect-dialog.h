/* attune-protect-dialog.h
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ATTUNE_TYPE_PROTECT_DIALOG (attune_protect_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AttuneProtectDialog, attune_protect_dialog, ATTUNE, PROTECT_DIALOG, AdwWindow)

AttuneProtectDialog *attune_protect_dialog_new  (const char          *journal_path,
                                                 gboolean             change);
void                 attune_protect_dialog_done (AttuneProtectDialog *self,
                                                 const char          *recovery_key,
                                                 const GError        *error);

G_END_DECLS

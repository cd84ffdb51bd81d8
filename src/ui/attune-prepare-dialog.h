/* attune-prepare-dialog.h
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "attune-store.h"

G_BEGIN_DECLS

#define ATTUNE_TYPE_PREPARE_DIALOG (attune_prepare_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AttunePrepareDialog, attune_prepare_dialog, ATTUNE, PREPARE_DIALOG, AdwWindow)

GtkWidget   *attune_prepare_dialog_new       (GtkWindow           *parent,
                                              AttuneStore         *store);
AttuneStore *attune_prepare_dialog_get_store (AttunePrepareDialog *self);
gboolean     attune_prepare_dialog_get_busy  (AttunePrepareDialog *self);

/* For tests: skip the file chooser and the mail program, and hold the worker until cancelled. */
void         _attune_prepare_dialog_set_test_path (AttunePrepareDialog *self,
                                                   const char          *path);
void         _attune_prepare_dialog_set_test_hold (AttunePrepareDialog *self,
                                                   gboolean             hold);
const char  *_attune_prepare_dialog_get_test_uri  (AttunePrepareDialog *self);
const char  *_attune_prepare_dialog_get_error     (AttunePrepareDialog *self);

G_END_DECLS

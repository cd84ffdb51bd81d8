/* attune-entry-editor.h
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "attune-store.h"

G_BEGIN_DECLS

/**
 * AttuneSaveState:
 * @ATTUNE_SAVE_STATE_EMPTY: nothing written yet, nothing to save
 * @ATTUNE_SAVE_STATE_PENDING: changes wait for the autosave
 * @ATTUNE_SAVE_STATE_SAVED: everything is on disk
 * @ATTUNE_SAVE_STATE_FAILED: the last save failed; the text is kept in the editor
 */
typedef enum
{
  ATTUNE_SAVE_STATE_EMPTY,
  ATTUNE_SAVE_STATE_PENDING,
  ATTUNE_SAVE_STATE_SAVED,
  ATTUNE_SAVE_STATE_FAILED,
} AttuneSaveState;

#define ATTUNE_TYPE_ENTRY_EDITOR (attune_entry_editor_get_type ())

G_DECLARE_FINAL_TYPE (AttuneEntryEditor, attune_entry_editor, ATTUNE, ENTRY_EDITOR, GtkWidget)

AttuneStore     *attune_entry_editor_get_store      (AttuneEntryEditor *self);
void             attune_entry_editor_set_store      (AttuneEntryEditor *self,
                                                     AttuneStore       *store);
AttuneEntry     *attune_entry_editor_get_entry      (AttuneEntryEditor *self);
void             attune_entry_editor_edit           (AttuneEntryEditor *self,
                                                     AttuneEntry       *entry);
gboolean         attune_entry_editor_flush          (AttuneEntryEditor *self,
                                                     GError           **error);
AttuneSaveState  attune_entry_editor_get_save_state (AttuneEntryEditor *self);
void             attune_entry_editor_focus_body     (AttuneEntryEditor *self);

G_END_DECLS

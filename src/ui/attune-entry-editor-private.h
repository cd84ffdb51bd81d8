/* attune-entry-editor-private.h
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "attune-entry-editor.h"
#include "attune-mood-chooser.h"

G_BEGIN_DECLS

/* For tests: the fields a person types into. */
GtkEditable       *_attune_entry_editor_get_title_editable (AttuneEntryEditor *self);
GtkTextBuffer     *_attune_entry_editor_get_body_buffer    (AttuneEntryEditor *self);
GtkEditable       *_attune_entry_editor_get_tags_editable  (AttuneEntryEditor *self);
AttuneMoodChooser *_attune_entry_editor_get_mood_chooser   (AttuneEntryEditor *self);
GtkSwitch         *_attune_entry_editor_get_bring_switch   (AttuneEntryEditor *self);
const char        *_attune_entry_editor_get_error_text     (AttuneEntryEditor *self);

G_END_DECLS

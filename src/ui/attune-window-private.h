/* attune-window-private.h
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "attune-entry-editor.h"
#include "attune-error-page.h"
#include "attune-timeline.h"
#include "attune-window.h"

G_BEGIN_DECLS

/* For tests: the parts of the window a person sees and acts on. */
const char        *_attune_window_get_visible_page (AttuneWindow *self);
AttuneEntryEditor *_attune_window_get_editor       (AttuneWindow *self);
AttuneTimeline    *_attune_window_get_timeline     (AttuneWindow *self);
AttuneErrorPage   *_attune_window_get_error_page   (AttuneWindow *self);
GtkEditable       *_attune_window_get_search_entry (AttuneWindow *self);
const char        *_attune_window_get_timeline_state (AttuneWindow *self);

G_END_DECLS

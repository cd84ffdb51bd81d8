/* attune-window.h
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "attune-store.h"

G_BEGIN_DECLS

#define ATTUNE_TYPE_WINDOW (attune_window_get_type ())

G_DECLARE_FINAL_TYPE (AttuneWindow, attune_window, ATTUNE, WINDOW, AdwApplicationWindow)

AttuneStore *attune_window_get_store       (AttuneWindow *self);
void         attune_window_show_message   (AttuneWindow *self,
                                           const char   *message);
void         attune_window_start_check_in (AttuneWindow *self,
                                           GDateTime    *session_start);
void         attune_window_set_reminder   (AttuneWindow *self,
                                           GDateTime    *session_start);

G_END_DECLS

/* attune-check-in-view.h
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "attune-store.h"

G_BEGIN_DECLS

#define ATTUNE_TYPE_CHECK_IN_VIEW (attune_check_in_view_get_type ())

G_DECLARE_FINAL_TYPE (AttuneCheckInView, attune_check_in_view, ATTUNE, CHECK_IN_VIEW, GtkWidget)

gboolean       attune_check_in_view_show         (AttuneCheckInView  *self,
                                                  AttuneStore        *store,
                                                  gint64              entry_id,
                                                  GError            **error);
gint64         attune_check_in_view_get_entry_id (AttuneCheckInView  *self);
gboolean       attune_check_in_view_update_repair (AttuneCheckInView *self,
                                                  AttuneFollowUp      answer,
                                                  const char         *note,
                                                  GError            **error);

G_END_DECLS

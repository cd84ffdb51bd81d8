/* attune-timeline.h
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "attune-entry.h"

G_BEGIN_DECLS

#define ATTUNE_TYPE_TIMELINE (attune_timeline_get_type ())

G_DECLARE_FINAL_TYPE (AttuneTimeline, attune_timeline, ATTUNE, TIMELINE, GObject)

const char  *attune_timeline_get_query       (AttuneTimeline *self);
void         attune_timeline_set_query       (AttuneTimeline *self,
                                              const char     *query);
void         attune_timeline_search_async    (AttuneTimeline      *self,
                                              const char          *query,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean     attune_timeline_search_finish   (AttuneTimeline *self,
                                              GAsyncResult   *result,
                                              GError        **error);
guint        attune_timeline_find_entry      (AttuneTimeline *self,
                                              gint64          id);
guint64      attune_timeline_get_rows_read   (AttuneTimeline *self);
const GError *attune_timeline_get_error      (AttuneTimeline *self);

G_END_DECLS

/* attune-timeline-private.h
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "attune-store.h"
#include "attune-timeline.h"

G_BEGIN_DECLS

/* How many rows one page of the timeline holds. */
#define ATTUNE_TIMELINE_PAGE_SIZE 64

/* How many pages a timeline keeps in memory at most. */
#define ATTUNE_TIMELINE_MAX_PAGES 8

AttuneTimeline *_attune_timeline_new           (AttuneStore    *store);

/* Called by the store after a commit that changed one entry. @old_day is
 * %NULL for an insertion, @new_day is %NULL for a removal. */
void            _attune_timeline_entry_changed (AttuneTimeline *self,
                                                gint64          id,
                                                gint64          created_at,
                                                const char     *old_day,
                                                const char     *new_day);

G_END_DECLS

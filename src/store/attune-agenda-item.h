/* attune-agenda-item.h
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define ATTUNE_TYPE_AGENDA_ITEM (attune_agenda_item_get_type ())

G_DECLARE_FINAL_TYPE (AttuneAgendaItem, attune_agenda_item, ATTUNE, AGENDA_ITEM, GObject)

/* One thing on the list for next session. Properties: id, text, entry-id (0 when typed in),
 * position, done, done-at, created-at. Plain data; the store writes it. */
gint64       attune_agenda_item_get_id         (AttuneAgendaItem *self);
const char  *attune_agenda_item_get_text       (AttuneAgendaItem *self);
gint64       attune_agenda_item_get_entry_id   (AttuneAgendaItem *self);
guint        attune_agenda_item_get_position   (AttuneAgendaItem *self);
gboolean     attune_agenda_item_get_done       (AttuneAgendaItem *self);
gint64       attune_agenda_item_get_done_at    (AttuneAgendaItem *self);
gint64       attune_agenda_item_get_created_at (AttuneAgendaItem *self);

G_END_DECLS

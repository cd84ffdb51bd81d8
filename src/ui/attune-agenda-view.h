/* attune-agenda-view.h
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "attune-store.h"

G_BEGIN_DECLS

#define ATTUNE_TYPE_AGENDA_VIEW (attune_agenda_view_get_type ())

G_DECLARE_FINAL_TYPE (AttuneAgendaView, attune_agenda_view, ATTUNE, AGENDA_VIEW, GtkWidget)

GtkWidget   *attune_agenda_view_new            (AttuneStore      *store);
AttuneStore *attune_agenda_view_get_store      (AttuneAgendaView *self);
void         attune_agenda_view_set_store      (AttuneAgendaView *self,
                                                AttuneStore      *store);
void         attune_agenda_view_focus_add_row  (AttuneAgendaView *self);

G_END_DECLS

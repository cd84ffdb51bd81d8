/* attune-entry-row.h
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "attune-entry.h"

G_BEGIN_DECLS

#define ATTUNE_TYPE_ENTRY_ROW (attune_entry_row_get_type ())

G_DECLARE_FINAL_TYPE (AttuneEntryRow, attune_entry_row, ATTUNE, ENTRY_ROW, GtkWidget)

GtkWidget   *attune_entry_row_new            (void);
AttuneEntry *attune_entry_row_get_entry      (AttuneEntryRow *self);
void         attune_entry_row_set_entry      (AttuneEntryRow *self,
                                              AttuneEntry    *entry);
void         attune_entry_row_set_show_day   (AttuneEntryRow *self,
                                              gboolean        show_day);

void         attune_entry_row_label_widget   (AttuneEntryRow *self,
                                              GtkWidget      *widget);

G_END_DECLS

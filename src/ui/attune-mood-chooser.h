/* attune-mood-chooser.h
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define ATTUNE_TYPE_MOOD_CHOOSER (attune_mood_chooser_get_type ())

G_DECLARE_FINAL_TYPE (AttuneMoodChooser, attune_mood_chooser, ATTUNE, MOOD_CHOOSER, GtkWidget)

GtkWidget  *attune_mood_chooser_new        (void);
int         attune_mood_chooser_get_mood   (AttuneMoodChooser *self);
void        attune_mood_chooser_set_mood   (AttuneMoodChooser *self,
                                            int                mood);
const char *attune_mood_get_label          (int                mood);

G_END_DECLS

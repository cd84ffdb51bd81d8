/* attune-scale-chooser.h
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Which words the five steps carry. */
typedef enum
{
  ATTUNE_SCALE_KIND_AMOUNT,     /* not at all … very much */
  ATTUNE_SCALE_KIND_STRENGTH,   /* very mild … very strong */
  ATTUNE_SCALE_KIND_RESOLVED,   /* not at all … completely */
} AttuneScaleKind;

#define ATTUNE_TYPE_SCALE_CHOOSER (attune_scale_chooser_get_type ())

G_DECLARE_FINAL_TYPE (AttuneScaleChooser, attune_scale_chooser, ATTUNE, SCALE_CHOOSER, GtkWidget)

GtkWidget   *attune_scale_chooser_new          (void);
int          attune_scale_chooser_get_value    (AttuneScaleChooser *self);
void         attune_scale_chooser_set_value    (AttuneScaleChooser *self,
                                                int                 value);
const char  *attune_scale_chooser_get_question (AttuneScaleChooser *self);
void         attune_scale_chooser_set_question (AttuneScaleChooser *self,
                                                const char         *question);
const char  *attune_scale_step_label           (AttuneScaleKind     kind,
                                                int                 step);

G_END_DECLS

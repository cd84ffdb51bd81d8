/* attune-mood-chooser.c
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "attune-entry.h"
#include "attune-mood-chooser.h"

/* A five-step labelled scale made of toggle buttons rather than a slider: each step is a
 * control with its own name for screen readers, and "no mood" stays possible by choosing
 * the selected step again. */
struct _AttuneMoodChooser
{
  GtkWidget        parent_instance;

  GtkWidget       *box;
  GtkToggleButton *buttons[ATTUNE_MOOD_MAX];

  int              mood;
  gboolean         updating;
};

G_DEFINE_FINAL_TYPE (AttuneMoodChooser, attune_mood_chooser, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MOOD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sync_buttons (AttuneMoodChooser *self)
{
  self->updating = TRUE;
  for (int i = 0; i < ATTUNE_MOOD_MAX; i++)
    gtk_toggle_button_set_active (self->buttons[i], self->mood == i + 1);
  self->updating = FALSE;
}

static void
button_toggled_cb (GtkToggleButton   *button,
                   AttuneMoodChooser *self)
{
  int step = 0;

  if (self->updating)
    return;

  for (int i = 0; i < ATTUNE_MOOD_MAX; i++)
    if (self->buttons[i] == button)
      step = i + 1;

  g_assert (step > 0);

  if (gtk_toggle_button_get_active (button))
    attune_mood_chooser_set_mood (self, step);
  else if (self->mood == step)
    attune_mood_chooser_set_mood (self, ATTUNE_MOOD_NONE);
}

static void
attune_mood_chooser_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  AttuneMoodChooser *self = ATTUNE_MOOD_CHOOSER (object);

  switch (prop_id)
    {
    case PROP_MOOD:
      g_value_set_int (value, attune_mood_chooser_get_mood (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attune_mood_chooser_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  AttuneMoodChooser *self = ATTUNE_MOOD_CHOOSER (object);

  switch (prop_id)
    {
    case PROP_MOOD:
      attune_mood_chooser_set_mood (self, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attune_mood_chooser_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), ATTUNE_TYPE_MOOD_CHOOSER);

  G_OBJECT_CLASS (attune_mood_chooser_parent_class)->dispose (object);
}

static void
attune_mood_chooser_class_init (AttuneMoodChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = attune_mood_chooser_dispose;
  object_class->get_property = attune_mood_chooser_get_property;
  object_class->set_property = attune_mood_chooser_set_property;

  properties[PROP_MOOD] =
    g_param_spec_int ("mood", NULL, NULL,
                      ATTUNE_MOOD_NONE, ATTUNE_MOOD_MAX, ATTUNE_MOOD_NONE,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/attunejournal/Attune/ui/attune-mood-chooser.ui");
  gtk_widget_class_bind_template_child (widget_class, AttuneMoodChooser, box);
  gtk_widget_class_bind_template_child_full (widget_class, "button1", FALSE, G_STRUCT_OFFSET (AttuneMoodChooser, buttons[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "button2", FALSE, G_STRUCT_OFFSET (AttuneMoodChooser, buttons[1]));
  gtk_widget_class_bind_template_child_full (widget_class, "button3", FALSE, G_STRUCT_OFFSET (AttuneMoodChooser, buttons[2]));
  gtk_widget_class_bind_template_child_full (widget_class, "button4", FALSE, G_STRUCT_OFFSET (AttuneMoodChooser, buttons[3]));
  gtk_widget_class_bind_template_child_full (widget_class, "button5", FALSE, G_STRUCT_OFFSET (AttuneMoodChooser, buttons[4]));
  gtk_widget_class_bind_template_callback (widget_class, button_toggled_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "moodchooser");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
attune_mood_chooser_init (AttuneMoodChooser *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
attune_mood_chooser_new (void)
{
  return g_object_new (ATTUNE_TYPE_MOOD_CHOOSER, NULL);
}

int
attune_mood_chooser_get_mood (AttuneMoodChooser *self)
{
  g_return_val_if_fail (ATTUNE_IS_MOOD_CHOOSER (self), ATTUNE_MOOD_NONE);

  return self->mood;
}

void
attune_mood_chooser_set_mood (AttuneMoodChooser *self,
                              int                mood)
{
  g_return_if_fail (ATTUNE_IS_MOOD_CHOOSER (self));
  g_return_if_fail (mood >= ATTUNE_MOOD_NONE && mood <= ATTUNE_MOOD_MAX);

  if (self->mood == mood)
    return;

  self->mood = mood;
  sync_buttons (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MOOD]);
}

/**
 * attune_mood_get_label:
 * @mood: a mood step from 1 to 5, or 0
 *
 * Returns: (transfer none) (nullable): the translated name of the step, or %NULL for none
 */
const char *
attune_mood_get_label (int mood)
{
  switch (mood)
    {
    case 1: return C_("mood", "Very low");
    case 2: return C_("mood", "Low");
    case 3: return C_("mood", "Okay");
    case 4: return C_("mood", "Good");
    case 5: return C_("mood", "Very good");
    default: return NULL;
    }
}

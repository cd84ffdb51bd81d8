/* attune-scale-chooser.c
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "attune-check-in.h"
#include "attune-scale-chooser.h"

/* A question answered on five labelled steps, plus "Not sure". The step words are short on
 * purpose: five of them must fit side by side in a 360 px window. Toggle buttons rather than
 * a slider: each step is its own named control for screen readers and keyboards, and no
 * answer stays possible by choosing the selected step again. */
struct _AttuneScaleChooser
{
  GtkWidget        parent_instance;

  AttuneScaleKind  kind;
  char            *question;
  int              value;
  gboolean         updating;
  GtkToggleButton *steps[ATTUNE_SCALE_MAX];

  GtkWidget       *box;
  GtkLabel        *question_label;
  GtkWidget       *steps_box;
  GtkToggleButton *not_sure_button;
};

G_DEFINE_FINAL_TYPE (AttuneScaleChooser, attune_scale_chooser, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_KIND,
  PROP_QUESTION,
  PROP_VALUE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sync_buttons (AttuneScaleChooser *self)
{
  self->updating = TRUE;
  for (int i = 0; i < ATTUNE_SCALE_MAX; i++)
    if (self->steps[i] != NULL)
      gtk_toggle_button_set_active (self->steps[i], self->value == i + 1);
  gtk_toggle_button_set_active (self->not_sure_button, self->value == ATTUNE_SCALE_NOT_SURE);
  self->updating = FALSE;
}

/* Screen readers hear the question with each step: "How heard did you feel: A little". */
static void
label_buttons (AttuneScaleChooser *self)
{
  const char *question = self->question != NULL ? self->question : "";

  for (int i = 0; i < ATTUNE_SCALE_MAX; i++)
    {
      g_autofree char *name = NULL;

      if (self->steps[i] == NULL)
        continue;

      /* Translators: a question and one answer step, read by screen readers */
      name = g_strdup_printf (_("%s: %s"), question, attune_scale_step_label (self->kind, i + 1));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->steps[i]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
    }

  {
    g_autofree char *name = g_strdup_printf (_("%s: %s"), question, _("Not sure"));
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->not_sure_button),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  }
}

static void
step_toggled_cb (GtkToggleButton    *button,
                 AttuneScaleChooser *self)
{
  int step = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "step"));

  if (self->updating)
    return;

  if (gtk_toggle_button_get_active (button))
    attune_scale_chooser_set_value (self, step);
  else if (self->value == step)
    attune_scale_chooser_set_value (self, ATTUNE_SCALE_SKIPPED);
}

static void
not_sure_toggled_cb (AttuneScaleChooser *self)
{
  if (self->updating)
    return;

  if (gtk_toggle_button_get_active (self->not_sure_button))
    attune_scale_chooser_set_value (self, ATTUNE_SCALE_NOT_SURE);
  else if (self->value == ATTUNE_SCALE_NOT_SURE)
    attune_scale_chooser_set_value (self, ATTUNE_SCALE_SKIPPED);
}

static void
build_steps (AttuneScaleChooser *self)
{
  for (int i = 0; i < ATTUNE_SCALE_MAX; i++)
    {
      GtkWidget *label = gtk_label_new (attune_scale_step_label (self->kind, i + 1));
      GtkWidget *button = gtk_toggle_button_new ();

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
      gtk_label_set_natural_wrap_mode (GTK_LABEL (label), GTK_NATURAL_WRAP_WORD);
      gtk_button_set_child (GTK_BUTTON (button), label);
      gtk_widget_add_css_class (button, "scale-step");
      g_object_set_data (G_OBJECT (button), "step", GINT_TO_POINTER (i + 1));
      g_signal_connect (button, "toggled", G_CALLBACK (step_toggled_cb), self);
      gtk_box_append (GTK_BOX (self->steps_box), button);
      self->steps[i] = GTK_TOGGLE_BUTTON (button);
    }

  label_buttons (self);
  sync_buttons (self);
}

static void
attune_scale_chooser_constructed (GObject *object)
{
  AttuneScaleChooser *self = ATTUNE_SCALE_CHOOSER (object);

  G_OBJECT_CLASS (attune_scale_chooser_parent_class)->constructed (object);

  build_steps (self);
}

static void
attune_scale_chooser_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  AttuneScaleChooser *self = ATTUNE_SCALE_CHOOSER (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_int (value, self->kind);
      break;

    case PROP_QUESTION:
      g_value_set_string (value, self->question);
      break;

    case PROP_VALUE:
      g_value_set_int (value, self->value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attune_scale_chooser_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  AttuneScaleChooser *self = ATTUNE_SCALE_CHOOSER (object);

  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = g_value_get_int (value);
      break;

    case PROP_QUESTION:
      attune_scale_chooser_set_question (self, g_value_get_string (value));
      break;

    case PROP_VALUE:
      attune_scale_chooser_set_value (self, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attune_scale_chooser_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), ATTUNE_TYPE_SCALE_CHOOSER);

  G_OBJECT_CLASS (attune_scale_chooser_parent_class)->dispose (object);
}

static void
attune_scale_chooser_finalize (GObject *object)
{
  AttuneScaleChooser *self = ATTUNE_SCALE_CHOOSER (object);

  g_clear_pointer (&self->question, g_free);

  G_OBJECT_CLASS (attune_scale_chooser_parent_class)->finalize (object);
}

static void
attune_scale_chooser_class_init (AttuneScaleChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = attune_scale_chooser_constructed;
  object_class->dispose = attune_scale_chooser_dispose;
  object_class->finalize = attune_scale_chooser_finalize;
  object_class->get_property = attune_scale_chooser_get_property;
  object_class->set_property = attune_scale_chooser_set_property;

  properties[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL,
                      ATTUNE_SCALE_KIND_AMOUNT, ATTUNE_SCALE_KIND_RESOLVED, ATTUNE_SCALE_KIND_AMOUNT,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_QUESTION] =
    g_param_spec_string ("question", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_VALUE] =
    g_param_spec_int ("value", NULL, NULL,
                      ATTUNE_SCALE_NOT_SURE, ATTUNE_SCALE_MAX, ATTUNE_SCALE_SKIPPED,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/attunejournal/Attune/ui/attune-scale-chooser.ui");
  gtk_widget_class_bind_template_child (widget_class, AttuneScaleChooser, box);
  gtk_widget_class_bind_template_child (widget_class, AttuneScaleChooser, question_label);
  gtk_widget_class_bind_template_child (widget_class, AttuneScaleChooser, steps_box);
  gtk_widget_class_bind_template_child (widget_class, AttuneScaleChooser, not_sure_button);
  gtk_widget_class_bind_template_callback (widget_class, not_sure_toggled_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "scalechooser");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
attune_scale_chooser_init (AttuneScaleChooser *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
attune_scale_chooser_new (void)
{
  return g_object_new (ATTUNE_TYPE_SCALE_CHOOSER, NULL);
}

int
attune_scale_chooser_get_value (AttuneScaleChooser *self)
{
  g_return_val_if_fail (ATTUNE_IS_SCALE_CHOOSER (self), ATTUNE_SCALE_SKIPPED);

  return self->value;
}

/**
 * attune_scale_chooser_set_value:
 * @self: the chooser
 * @value: a step from 1 to 5, %ATTUNE_SCALE_NOT_SURE or %ATTUNE_SCALE_SKIPPED
 */
void
attune_scale_chooser_set_value (AttuneScaleChooser *self,
                                int                 value)
{
  g_return_if_fail (ATTUNE_IS_SCALE_CHOOSER (self));
  g_return_if_fail (value >= ATTUNE_SCALE_NOT_SURE && value <= ATTUNE_SCALE_MAX);

  if (self->value == value)
    return;

  self->value = value;
  sync_buttons (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
}

const char *
attune_scale_chooser_get_question (AttuneScaleChooser *self)
{
  g_return_val_if_fail (ATTUNE_IS_SCALE_CHOOSER (self), NULL);

  return self->question;
}

void
attune_scale_chooser_set_question (AttuneScaleChooser *self,
                                   const char         *question)
{
  g_return_if_fail (ATTUNE_IS_SCALE_CHOOSER (self));

  if (g_strcmp0 (self->question, question) == 0)
    return;

  g_free (self->question);
  self->question = g_strdup (question);
  gtk_label_set_text (self->question_label, question != NULL ? question : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, question != NULL ? question : "",
                                  -1);
  label_buttons (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUESTION]);
}

/**
 * attune_scale_step_label:
 * @kind: the words the scale uses
 * @step: 1 to 5, or %ATTUNE_SCALE_NOT_SURE
 *
 * Returns: (transfer none) (nullable): the translated words for @step
 */
const char *
attune_scale_step_label (AttuneScaleKind kind,
                         int             step)
{
  static const char * const amount[] = {
    NC_("scale", "Not at all"), NC_("scale", "A little"), NC_("scale", "Some"),
    NC_("scale", "Mostly"), NC_("scale", "A lot"),
  };
  static const char * const strength[] = {
    NC_("strength", "Very mild"), NC_("strength", "Mild"), NC_("strength", "Medium"),
    NC_("strength", "Strong"), NC_("strength", "Very strong"),
  };
  static const char * const resolved[] = {
    NC_("resolved", "Not at all"), NC_("resolved", "A little"), NC_("resolved", "Partly"),
    NC_("resolved", "Mostly"), NC_("resolved", "Fully"),
  };

  if (step == ATTUNE_SCALE_NOT_SURE)
    return _("Not sure");

  if (step < 1 || step > ATTUNE_SCALE_MAX)
    return NULL;

  switch (kind)
    {
    case ATTUNE_SCALE_KIND_STRENGTH:
      return g_dpgettext2 (NULL, "strength", strength[step - 1]);
    case ATTUNE_SCALE_KIND_RESOLVED:
      return g_dpgettext2 (NULL, "resolved", resolved[step - 1]);
    case ATTUNE_SCALE_KIND_AMOUNT:
    default:
      return g_dpgettext2 (NULL, "scale", amount[step - 1]);
    }
}

/* attune-welcome.c
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "attune-welcome.h"

/* Shown once, before Attune asks anything personal: what it is for and that it stays here. */
struct _AttuneWelcome
{
  GtkWidget  parent_instance;

  GtkWidget *box;
  GtkWidget *start_button;
};

G_DEFINE_FINAL_TYPE (AttuneWelcome, attune_welcome, GTK_TYPE_WIDGET)

enum {
  DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
start_clicked_cb (AttuneWelcome *self)
{
  g_signal_emit (self, signals[DONE], 0);
}

static void
attune_welcome_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), ATTUNE_TYPE_WELCOME);

  G_OBJECT_CLASS (attune_welcome_parent_class)->dispose (object);
}

static gboolean
attune_welcome_grab_focus (GtkWidget *widget)
{
  AttuneWelcome *self = ATTUNE_WELCOME (widget);

  return gtk_widget_grab_focus (self->start_button);
}

static void
attune_welcome_class_init (AttuneWelcomeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = attune_welcome_dispose;
  widget_class->grab_focus = attune_welcome_grab_focus;

  /**
   * AttuneWelcome::done:
   *
   * The person has read the welcome and wants to start.
   */
  signals[DONE] = g_signal_new ("done",
                                G_TYPE_FROM_CLASS (klass),
                                G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL,
                                G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/attunejournal/Attune/ui/attune-welcome.ui");
  gtk_widget_class_bind_template_child (widget_class, AttuneWelcome, box);
  gtk_widget_class_bind_template_child (widget_class, AttuneWelcome, start_button);
  gtk_widget_class_bind_template_callback (widget_class, start_clicked_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
attune_welcome_init (AttuneWelcome *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
attune_welcome_new (void)
{
  return g_object_new (ATTUNE_TYPE_WELCOME, NULL);
}

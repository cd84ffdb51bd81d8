/* attune-ruptures-help.c
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "attune-ruptures-help.h"

/* What ruptures are, why they are common and how repair works, in our own words; and
 * plainly, that Attune is not a crisis service. Reached from the wizard and the menu. */
struct _AttuneRupturesHelp
{
  AdwWindow parent_instance;
};

G_DEFINE_FINAL_TYPE (AttuneRupturesHelp, attune_ruptures_help, ADW_TYPE_WINDOW)

static void
attune_ruptures_help_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), ATTUNE_TYPE_RUPTURES_HELP);

  G_OBJECT_CLASS (attune_ruptures_help_parent_class)->dispose (object);
}

static void
attune_ruptures_help_class_init (AttuneRupturesHelpClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = attune_ruptures_help_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/attunejournal/Attune/ui/attune-ruptures-help.ui");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
attune_ruptures_help_init (AttuneRupturesHelp *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * attune_ruptures_help_new:
 *
 * Returns: (transfer none): a new help window, owned by GTK like any toplevel
 */
GtkWindow *
attune_ruptures_help_new (void)
{
  return g_object_new (ATTUNE_TYPE_RUPTURES_HELP, NULL);
}

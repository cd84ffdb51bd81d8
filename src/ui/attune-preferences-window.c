/* attune-preferences-window.c
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "attune-preferences-window.h"

static const char * const color_schemes[] = { "default", "light", "dark" };

struct _AttunePreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  AdwComboRow          *style_row;
  AdwEntryRow          *therapist_row;
  AdwActionRow         *location_row;
};

G_DEFINE_FINAL_TYPE (AttunePreferencesWindow, attune_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
style_selected_cb (AttunePreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->style_row);

  if (self->settings != NULL && selected < G_N_ELEMENTS (color_schemes))
    g_settings_set_string (self->settings, "color-scheme", color_schemes[selected]);
}

static void
attune_preferences_window_dispose (GObject *object)
{
  AttunePreferencesWindow *self = ATTUNE_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), ATTUNE_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (attune_preferences_window_parent_class)->dispose (object);
}

static void
attune_preferences_window_class_init (AttunePreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = attune_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/attunejournal/Attune/ui/attune-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AttunePreferencesWindow, style_row);
  gtk_widget_class_bind_template_child (widget_class, AttunePreferencesWindow, therapist_row);
  gtk_widget_class_bind_template_child (widget_class, AttunePreferencesWindow, location_row);
  gtk_widget_class_bind_template_callback (widget_class, style_selected_cb);
}

static void
attune_preferences_window_init (AttunePreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * attune_preferences_window_new:
 * @settings: the application's settings
 * @journal_path: (nullable): where the journal lives
 *
 * Returns: (transfer full): a new preferences window
 */
AttunePreferencesWindow *
attune_preferences_window_new (GSettings  *settings,
                               const char *journal_path)
{
  AttunePreferencesWindow *self;
  g_autofree char *scheme = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (ATTUNE_TYPE_PREFERENCES_WINDOW, NULL);
  self->settings = g_object_ref (settings);

  scheme = g_settings_get_string (settings, "color-scheme");
  for (guint i = 0; i < G_N_ELEMENTS (color_schemes); i++)
    if (g_strcmp0 (scheme, color_schemes[i]) == 0)
      adw_combo_row_set_selected (self->style_row, i);

  g_settings_bind (settings, "therapist-name", self->therapist_row, "text", G_SETTINGS_BIND_DEFAULT);

  adw_action_row_set_subtitle (self->location_row,
                               journal_path != NULL ? journal_path : _("Not open"));

  return self;
}

/* attune-application.c
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "attune-application.h"
#include "attune-preferences-window.h"
#include "attune-window.h"

struct _AttuneApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  AttuneStore    *store;
  GError         *store_error;
};

G_DEFINE_FINAL_TYPE (AttuneApplication, attune_application, ADW_TYPE_APPLICATION)

static void
apply_color_scheme (AttuneApplication *self)
{
  g_autofree char *scheme = g_settings_get_string (self->settings, "color-scheme");
  AdwColorScheme color_scheme = ADW_COLOR_SCHEME_DEFAULT;

  if (g_strcmp0 (scheme, "light") == 0)
    color_scheme = ADW_COLOR_SCHEME_FORCE_LIGHT;
  else if (g_strcmp0 (scheme, "dark") == 0)
    color_scheme = ADW_COLOR_SCHEME_FORCE_DARK;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), color_scheme);
}

static void
open_store (AttuneApplication *self)
{
  g_autofree char *path = attune_store_dup_default_path ();

  g_clear_object (&self->store);
  g_clear_error (&self->store_error);

  self->store = attune_store_open (path, &self->store_error);

  if (self->store == NULL)
    /* Not a warning: the window shows this to the person; stderr helps whoever debugs. */
    g_printerr ("%s: %s\n", path, self->store_error->message);
}

static AttuneWindow *
create_window (AttuneApplication *self)
{
  return g_object_new (ATTUNE_TYPE_WINDOW,
                       "application", self,
                       "store", self->store,
                       "store-error", self->store_error,
                       NULL);
}

static void
color_scheme_changed_cb (AttuneApplication *self,
                         const char        *key,
                         GSettings         *settings)
{
  apply_color_scheme (self);
}

static void
attune_application_about (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  AttuneApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autofree char *debug_info = NULL;
  const char *developers[] = { "The Attune developers", NULL };

  debug_info = g_strdup_printf ("Attune %s\n"
                                "Compiled against GTK %d.%d.%d, running GTK %u.%u.%u\n"
                                "Compiled against libadwaita %d.%d.%d, running libadwaita %u.%u.%u\n"
                                "Compiled against GLib %d.%d.%d, running GLib %u.%u.%u\n",
                                PACKAGE_VERSION,
                                GTK_MAJOR_VERSION, GTK_MINOR_VERSION, GTK_MICRO_VERSION,
                                gtk_get_major_version (), gtk_get_minor_version (), gtk_get_micro_version (),
                                ADW_MAJOR_VERSION, ADW_MINOR_VERSION, ADW_MICRO_VERSION,
                                adw_get_major_version (), adw_get_minor_version (), adw_get_micro_version (),
                                GLIB_MAJOR_VERSION, GLIB_MINOR_VERSION, GLIB_MICRO_VERSION,
                                glib_major_version, glib_minor_version, glib_micro_version);

  adw_show_about_window (window,
                         "application-name", _("Attune"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "developer-name", _("The Attune developers"),
                         "developers", developers,
                         "comments", _("A private journal for the time between therapy sessions. "
                                       "Everything you write stays on this computer."),
                         "website", "https://github.com/attunejournal/attune",
                         "issue-url", "https://github.com/attunejournal/attune/issues",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "copyright", "© 2026 The Attune developers",
                         /* Translators: Replace "translator-credits" with your name/year */
                         "translator-credits", _("translator-credits"),
                         "debug-info", debug_info,
                         NULL);
}

static void
attune_application_preferences (GSimpleAction *action,
                                GVariant      *parameter,
                                gpointer       user_data)
{
  AttuneApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  AttunePreferencesWindow *prefs;

  prefs = attune_preferences_window_new (self->settings,
                                         self->store ? attune_store_get_path (self->store) : NULL);
  gtk_window_set_transient_for (GTK_WINDOW (prefs), window);
  gtk_window_present (GTK_WINDOW (prefs));
}

static void
attune_application_retry_open (GSimpleAction *action,
                               GVariant      *parameter,
                               gpointer       user_data)
{
  AttuneApplication *self = user_data;
  GtkWindow *old_window = gtk_application_get_active_window (GTK_APPLICATION (self));
  AttuneWindow *window;

  open_store (self);

  window = create_window (self);
  gtk_window_present (GTK_WINDOW (window));

  if (old_window != NULL)
    gtk_window_destroy (old_window);
}

static void
attune_application_quit (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  AttuneApplication *self = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  /* Closing each window lets it flush its autosave before we go. */
  for (GList *l = windows; l != NULL;)
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_close (window);
    }

  g_application_quit (G_APPLICATION (self));
}

static const GActionEntry app_actions[] = {
  { "about", attune_application_about },
  { "preferences", attune_application_preferences },
  { "retry-open", attune_application_retry_open },
  { "quit", attune_application_quit },
};

static int
attune_application_handle_local_options (GApplication *app,
                                         GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("Attune %s\n", PACKAGE_VERSION);
      g_print ("GTK %d.%d.%d (running %u.%u.%u), libadwaita %d.%d.%d (running %u.%u.%u)\n",
               GTK_MAJOR_VERSION, GTK_MINOR_VERSION, GTK_MICRO_VERSION,
               gtk_get_major_version (), gtk_get_minor_version (), gtk_get_micro_version (),
               ADW_MAJOR_VERSION, ADW_MINOR_VERSION, ADW_MICRO_VERSION,
               adw_get_major_version (), adw_get_minor_version (), adw_get_micro_version ());
      return 0;
    }

  return G_APPLICATION_CLASS (attune_application_parent_class)->handle_local_options (app, options);
}

static void
attune_application_startup (GApplication *app)
{
  AttuneApplication *self = ATTUNE_APPLICATION (app);
  static const char *new_entry_accels[] = { "<Control>n", NULL };
  static const char *search_accels[] = { "<Control>f", NULL };
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  static const char *prefs_accels[] = { "<Control>comma", NULL };
  static const char *back_accels[] = { "<Alt>Left", NULL };

  G_APPLICATION_CLASS (attune_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", prefs_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close", close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.new-entry", new_entry_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.search", search_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-timeline", back_accels);

  self->settings = g_settings_new (BASE_APP_ID);
  g_signal_connect_object (self->settings, "changed::color-scheme",
                           G_CALLBACK (color_scheme_changed_cb), self, G_CONNECT_SWAPPED);
  apply_color_scheme (self);

  open_store (self);
}

static void
attune_application_activate (GApplication *app)
{
  AttuneApplication *self = ATTUNE_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (create_window (self));

  gtk_window_present (window);
}

static void
attune_application_dispose (GObject *object)
{
  AttuneApplication *self = ATTUNE_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (attune_application_parent_class)->dispose (object);
}

static void
attune_application_finalize (GObject *object)
{
  AttuneApplication *self = ATTUNE_APPLICATION (object);

  g_clear_error (&self->store_error);

  G_OBJECT_CLASS (attune_application_parent_class)->finalize (object);
}

static void
attune_application_class_init (AttuneApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = attune_application_dispose;
  object_class->finalize = attune_application_finalize;

  app_class->handle_local_options = attune_application_handle_local_options;
  app_class->startup = attune_application_startup;
  app_class->activate = attune_application_activate;
}

static void
attune_application_init (AttuneApplication *self)
{
  static const GOptionEntry options[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and exit"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
}

/**
 * attune_application_new:
 *
 * Returns: (transfer full): the application
 */
AttuneApplication *
attune_application_new (void)
{
  return g_object_new (ATTUNE_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/attunejournal/Attune",
                       NULL);
}

/**
 * attune_application_get_store:
 * @self: the application
 *
 * Returns: (transfer none) (nullable): the journal's store, or %NULL when it could not be opened
 */
AttuneStore *
attune_application_get_store (AttuneApplication *self)
{
  g_return_val_if_fail (ATTUNE_IS_APPLICATION (self), NULL);

  return self->store;
}

/**
 * attune_application_get_store_error:
 * @self: the application
 *
 * Returns: (transfer none) (nullable): why the journal could not be opened
 */
const GError *
attune_application_get_store_error (AttuneApplication *self)
{
  g_return_val_if_fail (ATTUNE_IS_APPLICATION (self), NULL);

  return self->store_error;
}

/**
 * attune_application_get_settings:
 * @self: the application
 *
 * Returns: (transfer none): the application's settings
 */
GSettings *
attune_application_get_settings (AttuneApplication *self)
{
  g_return_val_if_fail (ATTUNE_IS_APPLICATION (self), NULL);

  return self->settings;
}

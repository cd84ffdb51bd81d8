/* attune-application.c
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#if HAVE_LIBPORTAL
#include <libportal-gtk4/portal-gtk4.h>
#endif

#include "attune-application.h"
#include "attune-backup.h"
#include "attune-preferences-window.h"
#include "attune-keyfile.h"
#include "attune-protection.h"
#include "attune-ruptures-help.h"
#include "attune-reminder.h"
#include "attune-report.h"
#include "attune-schedule.h"
#include "attune-snapshot.h"
#include "attune-window.h"

/* Reminders compare the wall clock on this tick rather than arming one long timeout:
 * monotonic timeouts stop during suspend, so a laptop opened after the session would
 * otherwise remind far too late. */
#define REMINDER_TICK_SECONDS 60
#define REMINDER_NOTIFICATION_ID "check-in"

struct _AttuneApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  AttuneStore    *store;
  GError         *store_error;
  char           *data_dir;      /* --data-dir, or NULL for the default */

  AttuneSchedule *schedule;
  GDateTime      *reminder_start;
  guint           reminder_tick_id;
  gboolean        held_for_background;
  GCancellable   *cancellable;
  GtkWindow      *preferences;   /* weak */
  char           *snapshot_day;  /* the local day a daily backup was last seen to */
  gboolean        taking_snapshot;
  gint64          last_activity; /* monotonic, for locking when unused */
  guint           lock_tick_id;
  gboolean        watching_session;
#if HAVE_LIBPORTAL
  XdpPortal      *portal;
#endif
};

G_DEFINE_FINAL_TYPE (AttuneApplication, attune_application, ADW_TYPE_APPLICATION)

static void watch_session (AttuneApplication *self);

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

static char *
dup_store_path (AttuneApplication *self)
{
  if (self->data_dir != NULL)
    return g_build_filename (self->data_dir, "attune.db", NULL);

  return attune_store_dup_default_path ();
}

static void
open_store (AttuneApplication *self)
{
  g_autofree char *path = dup_store_path (self);

  g_clear_object (&self->store);
  g_clear_error (&self->store_error);

  self->store = attune_store_open (path, &self->store_error);

  /* Lock is offered only for an open, protected journal. */
  {
    GAction *lock = g_action_map_lookup_action (G_ACTION_MAP (self), "lock");

    if (lock != NULL)
      g_simple_action_set_enabled (G_SIMPLE_ACTION (lock),
                                   self->store != NULL && attune_protection_is_on (path));
  }

  if (self->store != NULL && attune_protection_is_on (path))
    watch_session (self);

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
update_schedule (AttuneApplication *self)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autoptr(GDateTime) now = g_date_time_new_now (tz);
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->schedule, attune_schedule_unref);

  if (!g_settings_get_boolean (self->settings, "session-schedule"))
    return;

  self->schedule = attune_schedule_new_from_settings (self->settings, tz, now, &error);

  /* Preferences only write valid values; this is a hand-edited setting, which the
   * preferences window shows as it is. No schedule means no reminders. */
  if (self->schedule == NULL)
    g_printerr ("Session schedule: %s\n", error->message);
}

static void
set_reminder_start (AttuneApplication *self,
                    GDateTime         *start)
{
  GList *windows;

  if (start == self->reminder_start ||
      (start != NULL && self->reminder_start != NULL &&
       g_date_time_equal (start, self->reminder_start)))
    return;

  g_clear_pointer (&self->reminder_start, g_date_time_unref);
  if (start != NULL)
    self->reminder_start = g_date_time_ref (start);

  windows = gtk_application_get_windows (GTK_APPLICATION (self));
  for (GList *l = windows; l != NULL; l = l->next)
    if (ATTUNE_IS_WINDOW (l->data))
      attune_window_set_reminder (l->data, self->reminder_start);
}

static gboolean
store_has_check_in (GDateTime  *from,
                    GDateTime  *to,
                    gpointer    user_data,
                    GError    **error)
{
  AttuneStore *store = user_data;
  g_autoptr(GError) local_error = NULL;
  gint64 entry_id = 0;
  gint64 from_usec = g_date_time_to_unix (from) * G_USEC_PER_SEC + g_date_time_get_microsecond (from);
  gint64 to_usec = g_date_time_to_unix (to) * G_USEC_PER_SEC + g_date_time_get_microsecond (to);

  if (attune_store_find_check_in_between (store, from_usec, to_usec, &entry_id, &local_error))
    return entry_id > 0;

  if (g_error_matches (local_error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_NOT_FOUND))
    return FALSE;

  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

static void
send_reminder (AttuneApplication *self,
               GDateTime         *start)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *body = attune_reminder_dup_body (start);
  g_autofree char *id = attune_reminder_dup_session_id (start);
  gint64 start_usec = g_date_time_to_unix (start) * G_USEC_PER_SEC;
  g_autoptr(GIcon) icon = g_themed_icon_new (APP_ID);

  notification = g_notification_new (_("How did your session go?"));
  g_notification_set_body (notification, body);
  g_notification_set_icon (notification, icon);
  g_notification_set_default_action_and_target (notification, "app.check-in", "x", start_usec);
  g_notification_add_button_with_target (notification, _("Check In"), "app.check-in", "x", start_usec);

  g_application_send_notification (G_APPLICATION (self), REMINDER_NOTIFICATION_ID, notification);

  /* One notification per session, even across restarts. */
  g_settings_set_string (self->settings, "last-reminded-session", id);
}

static void
check_reminders (AttuneApplication *self)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *last_reminded = NULL;
  AttuneReminderAction action;
  gboolean enabled;

  if (self->settings == NULL)
    return;

  /* Without the journal we cannot tell whether a check-in exists: say nothing; the
   * window already explains what is wrong with the journal. */
  if (self->store == NULL)
    {
      set_reminder_start (self, NULL);
      return;
    }

  now = g_date_time_new_now_local ();
  enabled = g_settings_get_boolean (self->settings, "reminders-enabled");
  last_reminded = g_settings_get_string (self->settings, "last-reminded-session");

  action = attune_reminder_decide (self->schedule, now,
                                   g_settings_get_int (self->settings, "reminder-delay"),
                                   enabled, last_reminded,
                                   store_has_check_in, self->store,
                                   &start, &error);

  if (error != NULL)
    {
      /* Keep what is shown; the next tick tries again. */
      g_printerr ("Could not look for a check-in: %s\n", error->message);
      return;
    }

  switch (action)
    {
    case ATTUNE_REMINDER_NOTIFY:
      send_reminder (self, start);
      break;

    case ATTUNE_REMINDER_BANNER:
      if (!enabled)
        g_application_withdraw_notification (G_APPLICATION (self), REMINDER_NOTIFICATION_ID);
      break;

    case ATTUNE_REMINDER_QUIET:
      g_application_withdraw_notification (G_APPLICATION (self), REMINDER_NOTIFICATION_ID);
      break;

    default:
      g_assert_not_reached ();
    }

  set_reminder_start (self, start);
}

/* Daily backups (issue 5): taken in a worker thread through a read-only
 * connection of its own, at most once a day, checked on the reminder tick
 * so that an Attune left running for days still takes them. */

static void
daily_snapshot_done_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(AttuneApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  self->taking_snapshot = FALSE;

  if (!attune_snapshots_take_daily_finish (result, &error))
    {
      /* Tried again on the next tick; not shown in the window, which is
       * about the journal itself, but said where someone debugging looks. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_printerr ("Daily backup: %s\n", error->message);
      g_clear_pointer (&self->snapshot_day, g_free);
    }
}

static void
maybe_take_daily_snapshot (AttuneApplication *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  if (self->store == NULL || self->taking_snapshot ||
      g_strcmp0 (self->snapshot_day, today) == 0)
    return;

  g_free (self->snapshot_day);
  self->snapshot_day = g_steal_pointer (&today);
  self->taking_snapshot = TRUE;
  attune_snapshots_take_daily_async (attune_store_get_path (self->store), self->cancellable,
                                     daily_snapshot_done_cb, g_object_ref (self));
}

static gboolean
first_snapshot_cb (gpointer user_data)
{
  maybe_take_daily_snapshot (ATTUNE_APPLICATION (user_data));

  return G_SOURCE_REMOVE;
}

static gboolean
reminder_tick_cb (gpointer user_data)
{
  check_reminders (ATTUNE_APPLICATION (user_data));
  maybe_take_daily_snapshot (ATTUNE_APPLICATION (user_data));

  return G_SOURCE_CONTINUE;
}

static void
first_reminder_check_cb (gpointer user_data)
{
  AttuneApplication *self = user_data;

  check_reminders (self);
  g_object_unref (self);
}

static gboolean
in_flatpak (void)
{
  return g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS);
}

static void
report_background_error (AttuneApplication *self,
                         const char        *message)
{
  if (self->preferences != NULL)
    attune_preferences_window_report_background_error (ATTUNE_PREFERENCES_WINDOW (self->preferences),
                                                       message);
  else
    g_printerr ("%s\n", message);
}

static char *
dup_autostart_path (void)
{
  g_autofree char *name = g_strconcat (APP_ID, ".desktop", NULL);

  return g_build_filename (g_get_user_config_dir (), "autostart", name, NULL);
}

/* Outside Flatpak the session starts Attune at log-in through an autostart file;
 * --gapplication-service starts it without a window. */
static gboolean
write_autostart_file (gboolean   enable,
                      GError   **error)
{
  g_autofree char *path = dup_autostart_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *contents = NULL;

  if (!enable)
    {
      if (g_unlink (path) != 0 && errno != ENOENT)
        {
          int saved_errno = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("Could not remove %s: %s"), path, g_strerror (saved_errno));
          return FALSE;
        }
      return TRUE;
    }

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create %s: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }

  contents = g_strdup_printf ("[Desktop Entry]\n"
                              "Type=Application\n"
                              "Name=%s\n"
                              "Comment=%s\n"
                              "Exec=attune --gapplication-service\n"
                              "Icon=%s\n"
                              "Terminal=false\n"
                              "NoDisplay=true\n"
                              "X-GNOME-Autostart-enabled=true\n",
                              _("Attune"),
                              _("Reminders after your therapy sessions"),
                              APP_ID);

  return g_file_set_contents (path, contents, -1, error);
}

#if HAVE_LIBPORTAL
static void
background_requested_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(AttuneApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (xdp_portal_request_background_finish (XDP_PORTAL (object), result, &error))
    return;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* Refused or failed: the setting goes back to off, so it does not claim what is not true. */
  g_settings_set_boolean (self->settings, "run-in-background", FALSE);
  report_background_error (self, _("Attune is not allowed to run in the background. "
                                   "Reminders appear when you open Attune."));
}

static void
request_background (AttuneApplication *self,
                    gboolean           enable)
{
  GtkWindow *window = self->preferences;
  g_autoptr(GPtrArray) commandline = g_ptr_array_new_with_free_func (g_free);
  XdpParent *parent = NULL;

  if (window == NULL)
    window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (self->portal == NULL)
    self->portal = xdp_portal_new ();

  g_ptr_array_add (commandline, g_strdup ("attune"));
  g_ptr_array_add (commandline, g_strdup ("--gapplication-service"));

  if (window != NULL)
    parent = xdp_parent_new_gtk (window);

  xdp_portal_request_background (self->portal, parent,
                                 _("Attune reminds you to check in after your therapy sessions."),
                                 g_steal_pointer (&commandline),
                                 enable ? XDP_BACKGROUND_FLAG_AUTOSTART : XDP_BACKGROUND_FLAG_NONE,
                                 self->cancellable,
                                 background_requested_cb,
                                 g_object_ref (self));

  g_clear_pointer (&parent, xdp_parent_free);
}
#endif

/* @changed: whether the person just changed the setting (then autostart is updated);
 * at start-up only the hold is taken. */
static void
apply_run_in_background (AttuneApplication *self,
                         gboolean           changed)
{
  gboolean enable = g_settings_get_boolean (self->settings, "run-in-background");

  if (enable && !self->held_for_background)
    {
      g_application_hold (G_APPLICATION (self));
      self->held_for_background = TRUE;
    }
  else if (!enable && self->held_for_background)
    {
      g_application_release (G_APPLICATION (self));
      self->held_for_background = FALSE;
    }

  if (!changed)
    return;

  if (in_flatpak ())
    {
#if HAVE_LIBPORTAL
      request_background (self, enable);
#else
      /* The preferences window says this is unavailable and keeps the switch off. */
#endif
    }
  else
    {
      g_autoptr(GError) error = NULL;

      if (!write_autostart_file (enable, &error))
        {
          g_autofree char *message = g_strdup_printf (_("Could not set Attune to start at log-in: %s"),
                                                      error->message);

          report_background_error (self, message);
        }
    }
}

static void
settings_changed_cb (AttuneApplication *self,
                     const char        *key,
                     GSettings         *settings)
{
  if (g_str_has_prefix (key, "session-"))
    {
      update_schedule (self);
      check_reminders (self);
    }
  else if (g_str_equal (key, "reminders-enabled") || g_str_equal (key, "reminder-delay"))
    check_reminders (self);
  else if (g_str_equal (key, "run-in-background"))
    apply_run_in_background (self, TRUE);
}

static void
window_active_cb (AttuneApplication *self,
                  GParamSpec        *pspec,
                  GtkWindow         *window)
{
  /* Coming back to the window after a check-in, or after a while: look again. */
  if (gtk_window_is_active (window))
    check_reminders (self);
}

static void
activity_cb (AttuneApplication *self)
{
  self->last_activity = g_get_monotonic_time ();
}

static gboolean
input_event_cb (GtkEventControllerLegacy *controller,
                GdkEvent                 *event,
                AttuneApplication        *self)
{
  switch ((int) gdk_event_get_event_type (event))
    {
    case GDK_KEY_PRESS:
    case GDK_BUTTON_PRESS:
    case GDK_MOTION_NOTIFY:
    case GDK_SCROLL:
    case GDK_TOUCH_BEGIN:
      activity_cb (self);
      break;

    default:
      break;
    }

  return GDK_EVENT_PROPAGATE;
}

static void
window_added_cb (AttuneApplication *self,
                 GtkWindow         *window)
{
  GtkEventController *controller = gtk_event_controller_legacy_new ();

  /* Any input in any window counts as use, for locking when unused. */
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "event", G_CALLBACK (input_event_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (window), controller);
  activity_cb (self);

  if (!ATTUNE_IS_WINDOW (window))
    return;

  attune_window_set_reminder (ATTUNE_WINDOW (window), self->reminder_start);
  g_signal_connect_object (window, "notify::is-active",
                           G_CALLBACK (window_active_cb), self, G_CONNECT_SWAPPED);
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

  if (self->preferences != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->preferences), (gpointer *) &self->preferences);
  self->preferences = GTK_WINDOW (prefs);
  g_object_add_weak_pointer (G_OBJECT (prefs), (gpointer *) &self->preferences);

  gtk_window_present (GTK_WINDOW (prefs));
}

static void
attune_application_check_in (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  AttuneApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  gint64 start_usec = g_variant_get_int64 (parameter);
  g_autoptr(GDateTime) start = NULL;

  if (start_usec != 0)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (start_usec / G_USEC_PER_SEC);

      if (utc != NULL)
        start = g_date_time_to_local (utc);
    }

  if (window == NULL || !ATTUNE_IS_WINDOW (window))
    {
      GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

      window = NULL;
      for (GList *l = windows; l != NULL && window == NULL; l = l->next)
        if (ATTUNE_IS_WINDOW (l->data))
          window = l->data;
    }

  if (window == NULL)
    window = GTK_WINDOW (create_window (self));

  gtk_window_present (window);
  attune_window_start_check_in (ATTUNE_WINDOW (window), start);
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
  check_reminders (self);

  window = create_window (self);
  gtk_window_present (GTK_WINDOW (window));

  if (old_window != NULL)
    gtk_window_destroy (old_window);
}

/* Closes every main window (the preferences and its dialogs stay) and
 * drops the journal, so that its file can be replaced. FALSE with @error if
 * something still holds it. */
static gboolean
release_journal (AttuneApplication  *self,
                 gboolean            all_windows,
                 GError            **error)
{
  AttuneStore *old_store = self->store;
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* The preferences (not one of the application's windows) stay when asked
   * to, and must then not go with the main window they belong to. */
  if (self->preferences != NULL)
    {
      if (all_windows)
        gtk_window_destroy (self->preferences);
      else
        gtk_window_set_transient_for (self->preferences, NULL);
    }

  for (GList *l = windows; l != NULL; l = l->next)
    if (all_windows || ATTUNE_IS_WINDOW (l->data))
      gtk_window_destroy (GTK_WINDOW (l->data));
  g_list_free (windows);

  if (old_store != NULL)
    g_object_add_weak_pointer (G_OBJECT (old_store), (gpointer *) &old_store);
  g_clear_object (&self->store);
  for (guint i = 0; i < 100 && old_store != NULL; i++)
    g_main_context_iteration (NULL, FALSE);

  if (old_store != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (old_store), (gpointer *) &old_store);
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_BUSY,
                   _("The journal is still in use. Close Attune, open it again and try once more."));
      return FALSE;
    }

  return TRUE;
}

static AttuneWindow *
reopen_journal (AttuneApplication *self)
{
  AttuneWindow *window;

  open_store (self);
  check_reminders (self);
  window = create_window (self);
  gtk_window_present (GTK_WINDOW (window));
  if (self->preferences != NULL)
    {
      gtk_window_set_transient_for (self->preferences, GTK_WINDOW (window));
      gtk_window_present (self->preferences);
    }

  return window;
}

/* Passphrase protection (issue 6) */

static void
lock_journal (AttuneApplication *self)
{
  g_autofree char *path = dup_store_path (self);
  g_autoptr(GError) error = NULL;

  if (!attune_protection_is_on (path) || self->store == NULL)
    return;

  g_application_hold (G_APPLICATION (self));
  /* Every window goes, the preferences too: nothing of the journal stays
   * on screen. */
  if (release_journal (self, TRUE, &error))
    attune_protection_lock ();
  reopen_journal (self);
  g_application_release (G_APPLICATION (self));
}

static void
lock_idle_cb (gpointer user_data)
{
  g_autoptr(AttuneApplication) self = user_data;

  lock_journal (self);
}

static void
attune_application_lock (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  /* Once the key press that asked has been handled: the window it came to
   * is only let go of after that. */
  g_idle_add_once (lock_idle_cb, g_object_ref (user_data));
}

static gboolean
lock_tick_cb (gpointer user_data)
{
  AttuneApplication *self = user_data;
  int minutes = g_settings_get_int (self->settings, "lock-after-minutes");

  if (minutes > 0 && self->store != NULL &&
      g_get_monotonic_time () - self->last_activity > (gint64) minutes * 60 * G_USEC_PER_SEC)
    {
      g_autofree char *path = dup_store_path (self);

      if (attune_protection_is_on (path))
        lock_journal (self);
    }

  return G_SOURCE_CONTINUE;
}

#if HAVE_LIBPORTAL
/* The screen locking locks the journal too, where the desktop tells us
 * (the Inhibit portal's session monitor, also inside Flatpak). */
static void
session_state_changed_cb (XdpPortal            *portal,
                          gboolean              screensaver_active,
                          XdpLoginSessionState  state,
                          AttuneApplication    *self)
{
  if (screensaver_active)
    g_idle_add_once (lock_idle_cb, g_object_ref (self));
}

static void
session_monitor_started_cb (GObject      *source,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  g_autoptr(AttuneApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!xdp_portal_session_monitor_start_finish (XDP_PORTAL (source), result, &error))
    {
      /* Not every desktop offers it: locking when unused still works. */
      g_debug ("No session monitor: %s", error->message);
      self->watching_session = FALSE;
    }
}
#endif

static void
watch_session (AttuneApplication *self)
{
#if HAVE_LIBPORTAL
  if (self->watching_session || g_getenv ("ADW_DISABLE_PORTAL") != NULL)
    return;

  if (self->portal == NULL)
    self->portal = xdp_portal_new ();

  self->watching_session = TRUE;
  g_signal_connect_object (self->portal, "session-state-changed",
                           G_CALLBACK (session_state_changed_cb), self, 0);
  xdp_portal_session_monitor_start (self->portal, NULL, XDP_SESSION_MONITOR_FLAG_NONE,
                                    self->cancellable, session_monitor_started_cb, g_object_ref (self));
#endif
}

typedef struct
{
  char *journal_path;
  char *passphrase;
  char *recovery_key;
} ProtectData;

static void
protect_data_free (ProtectData *data)
{
  g_free (data->journal_path);
  if (data->passphrase != NULL)
    memset (data->passphrase, 0, strlen (data->passphrase));
  g_free (data->passphrase);
  g_free (data->recovery_key);
  g_free (data);
}

static void
protect_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ProtectData *data = task_data;
  GError *error = NULL;
  gboolean ok;

  if (data->passphrase != NULL)
    ok = attune_protection_enable (data->journal_path, data->passphrase,
                                   ATTUNE_KEYFILE_OPSLIMIT, ATTUNE_KEYFILE_MEMLIMIT,
                                   &data->recovery_key, &error);
  else
    ok = attune_protection_disable (data->journal_path, &error);

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
protect_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  AttuneApplication *self = ATTUNE_APPLICATION (source);
  ProtectData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  g_task_propagate_boolean (G_TASK (result), &error);

  self->last_activity = g_get_monotonic_time ();
  reopen_journal (self);

  if (self->preferences != NULL)
    attune_preferences_window_protection_done (ATTUNE_PREFERENCES_WINDOW (self->preferences),
                                               error == NULL ? data->recovery_key : NULL, error);

  g_application_release (G_APPLICATION (self));
}

static void
set_protection (AttuneApplication *self,
                const char        *passphrase)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, protect_done_cb, NULL);
  g_autoptr(GError) error = NULL;
  ProtectData *data = g_new0 (ProtectData, 1);

  data->journal_path = dup_store_path (self);
  data->passphrase = g_strdup (passphrase);
  g_task_set_task_data (task, data, (GDestroyNotify) protect_data_free);

  g_application_hold (G_APPLICATION (self));

  if (!release_journal (self, FALSE, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_run_in_thread (task, protect_thread);
}

static void
attune_application_protect (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  set_protection (ATTUNE_APPLICATION (user_data), g_variant_get_string (parameter, NULL));
}

static void
attune_application_unprotect (GSimpleAction *action,
                              GVariant      *parameter,
                              gpointer       user_data)
{
  set_protection (ATTUNE_APPLICATION (user_data), NULL);
}

/* Restoring a backup: every window lets go of the journal, the journal is
 * set aside and replaced by the backup, and a new window opens on it. */
static void
attune_application_restore_backup (GSimpleAction *action,
                                   GVariant      *parameter,
                                   gpointer       user_data)
{
  AttuneApplication *self = user_data;
  const char *snapshot_path = g_variant_get_string (parameter, NULL);
  g_autofree char *journal_path = dup_store_path (self);
  g_autoptr(AttuneSnapshot) snapshot = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *set_aside = NULL;
  g_autofree char *message = NULL;
  AttuneWindow *window;

  snapshot = attune_snapshots_lookup (journal_path, snapshot_path, &error);

  g_application_hold (G_APPLICATION (self));

  if (snapshot != NULL)
    {
      /* Close every window, so that nothing holds the journal open. */
      if (release_journal (self, TRUE, &error) &&
          attune_snapshots_restore (journal_path, snapshot, NULL, &set_aside, &error))
        {
          g_autofree char *when = NULL;
          g_autoptr(GDateTime) local = g_date_time_to_local (attune_snapshot_get_taken_at (snapshot));

          /* Translators: a date and time, see strftime(3) */
          when = g_date_time_format (local, _("%-d %B %Y, %H:%M"));
          message = set_aside != NULL
            ? g_strdup_printf (_("Restored the backup from %s. Your journal as it was is kept in the backups folder."), when)
            : g_strdup_printf (_("Restored the backup from %s."), when);
        }
    }

  if (message == NULL)
    message = g_strdup_printf (_("The backup was not restored: %s"), error->message);

  /* The journal (restored, or as it was) opens in a new window. */
  window = reopen_journal (self);
  attune_window_show_message (window, message);

  g_application_release (G_APPLICATION (self));
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

static void
attune_application_about_ruptures (GSimpleAction *action,
                                   GVariant      *parameter,
                                   gpointer       user_data)
{
  AttuneApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWindow *help = attune_ruptures_help_new ();

  gtk_window_set_transient_for (help, parent);
  gtk_window_set_modal (help, parent != NULL && gtk_window_get_modal (parent));
  gtk_window_present (help);
}

static const GActionEntry app_actions[] = {
  { "about", attune_application_about },
  { "preferences", attune_application_preferences },
  { "retry-open", attune_application_retry_open },
  { "quit", attune_application_quit },
  { "check-in", attune_application_check_in, "x" },
  { "about-ruptures", attune_application_about_ruptures },
  { "restore-backup", attune_application_restore_backup, "s" },
  { "protect", attune_application_protect, "s" },
  { "unprotect", attune_application_unprotect },
  { "lock", attune_application_lock },
};

/* Command line: export and import without a window. They work on their own
 * connection to the journal, so they also work while the app is open:
 * SQLite's WAL and busy timeout keep the two apart. */

static gboolean
write_output (const char  *output,
              const char  *data,
              gsize        length,
              int          mode,
              GError     **error)
{
  if (g_strcmp0 (output, "-") == 0)
    {
      if (fwrite (data, 1, length, stdout) != length || fflush (stdout) != 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       _("Could not write to the standard output."));
          return FALSE;
        }
      return TRUE;
    }

  /* Atomic: a crash leaves the old file or the new one, never half of it. */
  if (!g_file_set_contents_full (output, data, length,
                                 G_FILE_SET_CONTENTS_CONSISTENT, mode, error))
    return FALSE;

  return TRUE;
}

static gboolean
check_day_option (const char  *name,
                  const char  *day,
                  GError     **error)
{
  if (day != NULL && !attune_day_is_valid (day))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   /* Translators: the first %s is an option like --from, the second what was given. */
                   _("%s needs a day in the form YYYY-MM-DD, not “%s”."), name, day);
      return FALSE;
    }

  return TRUE;
}

static gboolean
run_export (AttuneStore  *store,
            const char   *format,
            const char   *output,
            const char   *from,
            const char   *to,
            GError      **error)
{
  if (g_strcmp0 (format, "json") == 0)
    {
      g_autofree char *json = NULL;

      if (from != NULL || to != NULL)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("A json backup always holds the whole journal; --from and --to are for pdf and text."));
          return FALSE;
        }

      json = attune_backup_to_json (store, 0, error);
      /* 0600: the backup is the whole journal. */
      return json != NULL && write_output (output, json, strlen (json), 0600, error);
    }
  else
    {
      AttuneReportOptions options = { 0, };
      g_autoptr(AttuneReport) report = NULL;

      options.from_day = (char *) from;
      options.to_day = (char *) to;
      options.include = ATTUNE_REPORT_INCLUDE_DEFAULT | ATTUNE_REPORT_INCLUDE_MESSAGES;

      report = attune_report_build (store, &options, NULL, error);
      if (report == NULL)
        return FALSE;

      if (g_strcmp0 (format, "text") == 0)
        {
          g_autofree char *text = attune_report_to_markdown (report);

          return write_output (output, text, strlen (text), 0600, error);
        }

      if (g_strcmp0 (output, "-") == 0)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("A PDF cannot go to the standard output; give a file with --output."));
          return FALSE;
        }

      return attune_report_write_pdf (report, output, NULL, error);
    }
}

static gboolean
run_import (AttuneStore  *store,
            const char   *file,
            GError      **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  guint n_added = 0, n_skipped = 0;

  if (!g_file_get_contents (file, &contents, &length, error))
    return FALSE;

  if (!attune_backup_import_json (store, contents, length, &n_added, &n_skipped, error))
    return FALSE;

  g_print (g_dngettext (NULL, "Imported %u entry", "Imported %u entries", n_added), n_added);
  g_print (g_dngettext (NULL, "; %u was already in the journal.\n",
                        "; %u were already in the journal.\n", n_skipped), n_skipped);

  return TRUE;
}

static int
run_command_line (AttuneApplication *self,
                  GVariantDict      *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttuneStore) store = NULL;
  g_autofree char *path = NULL;
  const char *format = NULL, *output = NULL, *from = NULL, *to = NULL;
  g_autofree char *import = NULL;
  gboolean ok = FALSE;

  g_variant_dict_lookup (options, "export", "&s", &format);
  g_variant_dict_lookup (options, "output", "^&ay", &output);
  g_variant_dict_lookup (options, "from", "&s", &from);
  g_variant_dict_lookup (options, "to", "&s", &to);
  g_variant_dict_lookup (options, "import", "^ay", &import);

  if (format != NULL && import != NULL)
    g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                 _("Give either --export or --import, not both."));
  else if (format != NULL && !g_strv_contains ((const char * const[]) { "pdf", "text", "json", NULL }, format))
    g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                 _("--export takes pdf, text or json, not “%s”."), format);
  else if (format != NULL && (output == NULL || output[0] == '\0'))
    g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                 _("--export needs --output=FILE (or --output=- for the standard output)."));
  else if (format == NULL && (output != NULL || from != NULL || to != NULL))
    g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                 _("--output, --from and --to go with --export."));
  else if (check_day_option ("--from", from, &error) && check_day_option ("--to", to, &error))
    {
      if (from != NULL && to != NULL && strcmp (from, to) > 0)
        g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                     _("--from (%s) is after --to (%s)."), from, to);
    }

  if (error == NULL)
    {
      path = dup_store_path (self);
      store = attune_store_open (path, &error);
    }

  if (store != NULL)
    {
      if (format != NULL)
        ok = run_export (store, format, output, from, to, &error);
      else
        ok = run_import (store, import, &error);
    }

  if (!ok)
    {
      if (path != NULL && store == NULL)
        g_printerr ("attune: %s: %s\n", path, error->message);
      else
        g_printerr ("attune: %s\n", error->message);
      return 1;
    }

  return 0;
}

static int
attune_application_handle_local_options (GApplication *app,
                                         GVariantDict *options)
{
  AttuneApplication *self = ATTUNE_APPLICATION (app);
  const char *data_dir = NULL;

  if (g_variant_dict_lookup (options, "data-dir", "^&ay", &data_dir))
    {
      g_free (self->data_dir);
      self->data_dir = g_canonicalize_filename (data_dir, NULL);
    }

  if (g_variant_dict_contains (options, "export") || g_variant_dict_contains (options, "import") ||
      g_variant_dict_contains (options, "output") || g_variant_dict_contains (options, "from") ||
      g_variant_dict_contains (options, "to"))
    return run_command_line (self, options);

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
  static const char *check_in_accels[] = { "<Control><Shift>n", NULL };
  static const char *shortcuts_accels[] = { "<Control>question", NULL };
  static const char *search_accels[] = { "<Control>f", NULL };
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  static const char *prefs_accels[] = { "<Control>comma", NULL };
  static const char *back_accels[] = { "<Alt>Left", NULL };

  G_APPLICATION_CLASS (attune_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.lock", (const char *[]) { "<Control>l", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", prefs_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close", close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.new-entry", new_entry_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.check-in", check_in_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-help-overlay", shortcuts_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.prepare", (const char *[]) { "<Control>p", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.search", search_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-timeline", back_accels);

  self->settings = g_settings_new (BASE_APP_ID);
  g_signal_connect_object (self->settings, "changed::color-scheme",
                           G_CALLBACK (color_scheme_changed_cb), self, G_CONNECT_SWAPPED);
  apply_color_scheme (self);

  open_store (self);

  /* Reminders run from startup, not activate, so that a start with
   * --gapplication-service (autostart, D-Bus activation) checks without a window. */
  g_signal_connect_object (self->settings, "changed",
                           G_CALLBACK (settings_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "window-added", G_CALLBACK (window_added_cb), NULL);
  self->last_activity = g_get_monotonic_time ();
  self->lock_tick_id = g_timeout_add_seconds (15, lock_tick_cb, self);
  update_schedule (self);
  apply_run_in_background (self, FALSE);
  self->reminder_tick_id = g_timeout_add_seconds (REMINDER_TICK_SECONDS, reminder_tick_cb, self);
  /* After registration has finished, so that a notification can be sent. */
  g_idle_add_once (first_reminder_check_cb, g_object_ref (self));
  /* Well after the first frame: a backup reads the whole journal. */
  g_timeout_add_seconds_full (G_PRIORITY_LOW, 20, first_snapshot_cb, g_object_ref (self), g_object_unref);
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
attune_application_shutdown (GApplication *app)
{
  AttuneApplication *self = ATTUNE_APPLICATION (app);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->reminder_tick_id, g_source_remove);
  g_clear_handle_id (&self->lock_tick_id, g_source_remove);
  attune_protection_lock ();

  G_APPLICATION_CLASS (attune_application_parent_class)->shutdown (app);
}

static void
attune_application_dispose (GObject *object)
{
  AttuneApplication *self = ATTUNE_APPLICATION (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->reminder_tick_id, g_source_remove);
  g_clear_handle_id (&self->lock_tick_id, g_source_remove);
  if (self->preferences != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->preferences), (gpointer *) &self->preferences);
  self->preferences = NULL;
#if HAVE_LIBPORTAL
  g_clear_object (&self->portal);
#endif
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (attune_application_parent_class)->dispose (object);
}

static void
attune_application_finalize (GObject *object)
{
  AttuneApplication *self = ATTUNE_APPLICATION (object);

  g_clear_error (&self->store_error);
  g_clear_pointer (&self->data_dir, g_free);
  g_clear_pointer (&self->schedule, attune_schedule_unref);
  g_clear_pointer (&self->reminder_start, g_date_time_unref);
  g_clear_pointer (&self->snapshot_day, g_free);

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
  app_class->shutdown = attune_application_shutdown;
}

static void
attune_application_init (AttuneApplication *self)
{
  static const GOptionEntry options[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and exit"), NULL },
    { "export", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Export the journal without opening a window: pdf or text (notes for a session) or json (a full backup)"),
      N_("FORMAT") },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Where --export writes (- for the standard output)"), N_("FILE") },
    { "from", 0, 0, G_OPTION_ARG_STRING, NULL, N_("First day for pdf or text, YYYY-MM-DD"), N_("DAY") },
    { "to", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Last day for pdf or text, YYYY-MM-DD"), N_("DAY") },
    { "import", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Add the entries of a json backup to the journal (entries already there are skipped)"), N_("FILE") },
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Use the journal DIR/attune.db instead of the usual one"), N_("DIR") },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);

  self->cancellable = g_cancellable_new ();
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

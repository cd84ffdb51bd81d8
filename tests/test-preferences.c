/* test-preferences.c
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "attune-preferences-window.h"
#include "attune-test-utils.h"

static gpointer
child (AttunePreferencesWindow *window,
       const char              *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (window),
                                                   ATTUNE_TYPE_PREFERENCES_WINDOW, name);

  g_assert_nonnull (object);
  return object;
}

static void
reset_settings (GSettings *settings)
{
  const char *keys[] = { "session-schedule", "session-weekday", "session-time",
                         "session-length", "session-interval", "session-anchor",
                         "reminders-enabled", "reminder-delay", "run-in-background" };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_reset (settings, keys[i]);
}

static void
test_preferences_schedule (void)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_APP_ID);
  AttunePreferencesWindow *window;
  g_autofree char *session_time = NULL;
  g_autofree char *anchor = NULL;
  const char *title;

  reset_settings (settings);
  window = attune_preferences_window_new (settings, "/tmp/journal.db");
  gtk_window_present (GTK_WINDOW (window));
  attune_test_flush ();

  /* Off by default: the details are hidden. */
  g_assert_false (gtk_switch_get_active (child (window, "schedule_switch")));
  g_assert_false (gtk_widget_get_visible (child (window, "weekday_row")));

  gtk_switch_set_active (child (window, "schedule_switch"), TRUE);
  attune_test_flush ();
  g_assert_true (g_settings_get_boolean (settings, "session-schedule"));
  g_assert_true (gtk_widget_get_visible (child (window, "weekday_row")));
  anchor = g_settings_get_string (settings, "session-anchor");
  g_assert_cmpstr (anchor, !=, "");
  g_clear_pointer (&anchor, g_free);

  /* Tuesday (the second day), 09:05, 45 minutes, every two weeks. */
  adw_combo_row_set_selected (child (window, "weekday_row"), 1);
  gtk_spin_button_set_value (child (window, "hour_spin"), 9);
  gtk_spin_button_set_value (child (window, "minute_spin"), 5);
  gtk_spin_button_set_value (child (window, "length_spin"), 45);
  adw_combo_row_set_selected (child (window, "interval_row"), 1);
  attune_test_flush ();

  g_assert_cmpint (g_settings_get_int (settings, "session-weekday"), ==, 2);
  session_time = g_settings_get_string (settings, "session-time");
  g_assert_cmpstr (session_time, ==, "09:05");
  g_assert_cmpint (g_settings_get_int (settings, "session-length"), ==, 45);
  g_assert_cmpint (g_settings_get_int (settings, "session-interval"), ==, 2);

  /* The anchor is the next Tuesday. */
  anchor = g_settings_get_string (settings, "session-anchor");
  {
    GDate date;

    g_date_clear (&date, 1);
    g_date_set_parse (&date, anchor);
    g_assert_true (g_date_valid (&date));
    g_assert_cmpint (g_date_get_weekday (&date), ==, G_DATE_TUESDAY);
  }

  title = adw_preferences_row_get_title (child (window, "next_row"));
  g_assert_cmpstr (title, ==, "Every two weeks on Tuesday at 09:05, 45 minutes");
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (child (window, "next_row")),
                                   "Next session: Tuesday, "));
  g_assert_true (gtk_widget_get_visible (child (window, "shift_button")));

  /* "Week After" moves the anchor by a week. */
  {
    g_autofree char *shifted = NULL;
    GDate before, after;

    g_signal_emit_by_name (child (window, "shift_button"), "clicked");
    attune_test_flush ();
    shifted = g_settings_get_string (settings, "session-anchor");
    g_date_clear (&before, 1);
    g_date_clear (&after, 1);
    g_date_set_parse (&before, anchor);
    g_date_set_parse (&after, shifted);
    g_assert_cmpint (g_date_days_between (&before, &after), ==, 7);
  }

  /* Changes from elsewhere show up in the widgets. */
  g_settings_set_string (settings, "session-time", "18:30");
  attune_test_flush ();
  g_assert_cmpint (gtk_spin_button_get_value_as_int (child (window, "hour_spin")), ==, 18);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (child (window, "minute_spin")), ==, 30);

  gtk_window_destroy (GTK_WINDOW (window));
  attune_test_flush ();
}

static void
test_preferences_reminders (void)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_APP_ID);
  AttunePreferencesWindow *window;

  reset_settings (settings);
  g_settings_set_boolean (settings, "session-schedule", TRUE);
  window = attune_preferences_window_new (settings, NULL);
  gtk_window_present (GTK_WINDOW (window));
  attune_test_flush ();

  g_assert_true (gtk_switch_get_active (child (window, "reminders_switch")));
  g_assert_cmpuint (adw_combo_row_get_selected (child (window, "delay_row")), ==, 2);  /* 30 min */

  adw_combo_row_set_selected (child (window, "delay_row"), 3);
  g_assert_cmpint (g_settings_get_int (settings, "reminder-delay"), ==, 60);

  gtk_switch_set_active (child (window, "reminders_switch"), FALSE);
  g_assert_false (g_settings_get_boolean (settings, "reminders-enabled"));
  g_assert_false (gtk_widget_get_sensitive (child (window, "delay_row")));

  /* Errors from setting up the background are shown under the switch. */
  attune_preferences_window_report_background_error (window, "Not allowed");
  g_assert_cmpstr (adw_action_row_get_subtitle (child (window, "background_row")), ==, "Not allowed");

  gtk_window_destroy (GTK_WINDOW (window));
  attune_test_flush ();
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LC_ALL", "C", TRUE);
  if (!attune_test_init_gtk (&argc, &argv))
    return 0;
  adw_init ();

  g_test_add_func ("/preferences/schedule", test_preferences_schedule);
  g_test_add_func ("/preferences/reminders", test_preferences_reminders);

  return g_test_run ();
}

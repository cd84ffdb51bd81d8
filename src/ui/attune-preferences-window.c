/* attune-preferences-window.c
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "attune-backups-page.h"
#include "attune-preferences-window.h"
#include "attune-protect-dialog.h"
#include "attune-protection.h"
#include "attune-schedule.h"

static const char * const color_schemes[] = { "default", "light", "dark" };
static const int intervals[] = { 1, 2, 4 };
/* Minutes after the end of a session; the labels are in the .ui file. Four hours is
 * "that evening" for an afternoon session, without reaching into the night. */
static const int delays[] = { 0, 15, 30, 60, 120, 240 };

struct _AttunePreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;
  gboolean              syncing;
  char                 *journal_path;
  AdwPreferencesGroup  *protection_group;
  GtkWidget            *protection_rows[3];
  AttuneProtectDialog  *protect_dialog;  /* weak */

  AdwComboRow          *style_row;
  AdwEntryRow          *therapist_row;
  AdwActionRow         *location_row;

  GtkSwitch            *schedule_switch;
  AdwComboRow          *weekday_row;
  GtkStringList        *weekday_list;
  AdwActionRow         *time_row;
  GtkSpinButton        *hour_spin;
  GtkSpinButton        *minute_spin;
  AdwActionRow         *length_row;
  GtkSpinButton        *length_spin;
  AdwComboRow          *interval_row;
  AdwActionRow         *next_row;
  GtkButton            *shift_button;

  AdwPreferencesGroup  *reminders_group;
  GtkSwitch            *reminders_switch;
  AdwComboRow          *delay_row;
  AdwActionRow         *background_row;
  GtkSwitch            *background_switch;
};

G_DEFINE_FINAL_TYPE (AttunePreferencesWindow, attune_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static gboolean
background_available (void)
{
  /* Inside Flatpak only the Background portal can keep Attune running and start it at
   * log-in; outside, an autostart file does. */
  return HAVE_LIBPORTAL || !g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS);
}

static guint
index_of (const int *values,
          guint      n_values,
          int        value)
{
  guint best = 0;

  /* The closest entry, so that a hand-edited value still shows something sensible. */
  for (guint i = 1; i < n_values; i++)
    if (ABS (values[i] - value) < ABS (values[best] - value))
      best = i;

  return best;
}

static void
set_anchor_to_next (AttunePreferencesWindow *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *anchor = NULL;
  int weekday = g_settings_get_int (self->settings, "session-weekday");

  /* Sessions every two or four weeks count from the person's next session on that
   * day; "Week After" moves it when that guess is the wrong week. */
  anchor = attune_schedule_dup_default_anchor ((GDateWeekday) weekday, now);
  if (anchor != NULL)
    g_settings_set_string (self->settings, "session-anchor", anchor);
}

static void
update_next_session (AttunePreferencesWindow *self)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autoptr(GDateTime) now = g_date_time_new_now (tz);
  g_autoptr(AttuneSchedule) schedule = NULL;
  g_autoptr(GDateTime) next = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *describe = NULL;
  g_autofree char *day = NULL;
  g_autofree char *time = NULL;
  g_autofree char *title = NULL;

  schedule = attune_schedule_new_from_settings (self->settings, tz, now, &error);
  if (schedule == NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->next_row), _("Next session"));
      adw_action_row_set_subtitle (self->next_row, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->shift_button), FALSE);
      return;
    }

  describe = attune_schedule_describe (schedule);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->next_row), describe);

  next = attune_schedule_next_start (schedule, now);
  if (next != NULL)
    {
      g_autofree char *subtitle = NULL;

      /* Translators: a date in the row "Next session: Thursday, 3 December at 17:00",
       * a g_date_time_format() format. */
      day = g_date_time_format (next, _("%A, %-d %B"));
      /* Translators: how the start time of a session is written, a g_date_time_format()
       * format: "%H:%M" gives "17:00", "%l:%M %p" gives "5:00 PM". */
      time = g_date_time_format (next, _("%H:%M"));
      /* Translators: %1$s is a date such as "Thursday, 3 December", %2$s a time such as "17:00". */
      subtitle = g_strdup_printf (_("Next session: %1$s at %2$s"), day, time);
      adw_action_row_set_subtitle (self->next_row, subtitle);
    }
  else
    adw_action_row_set_subtitle (self->next_row, "");

  gtk_widget_set_visible (GTK_WIDGET (self->shift_button),
                          attune_schedule_get_interval_weeks (schedule) > 1);
}

static void
sync_from_settings (AttunePreferencesWindow *self)
{
  g_autofree char *session_time = NULL;
  int hour = 17, minute = 0;
  gboolean regular;

  self->syncing = TRUE;

  regular = g_settings_get_boolean (self->settings, "session-schedule");
  gtk_switch_set_active (self->schedule_switch, regular);

  adw_combo_row_set_selected (self->weekday_row,
                              CLAMP (g_settings_get_int (self->settings, "session-weekday"), 1, 7) - 1);

  session_time = g_settings_get_string (self->settings, "session-time");
  if (!attune_schedule_parse_time (session_time, &hour, &minute))
    hour = 17, minute = 0;
  gtk_spin_button_set_value (self->hour_spin, hour);
  gtk_spin_button_set_value (self->minute_spin, minute);

  gtk_spin_button_set_value (self->length_spin, g_settings_get_int (self->settings, "session-length"));
  adw_combo_row_set_selected (self->interval_row,
                              index_of (intervals, G_N_ELEMENTS (intervals),
                                        g_settings_get_int (self->settings, "session-interval")));
  adw_combo_row_set_selected (self->delay_row,
                              index_of (delays, G_N_ELEMENTS (delays),
                                        g_settings_get_int (self->settings, "reminder-delay")));

  gtk_widget_set_visible (GTK_WIDGET (self->weekday_row), regular);
  gtk_widget_set_visible (GTK_WIDGET (self->time_row), regular);
  gtk_widget_set_visible (GTK_WIDGET (self->length_row), regular);
  gtk_widget_set_visible (GTK_WIDGET (self->interval_row), regular);
  gtk_widget_set_visible (GTK_WIDGET (self->next_row), regular);
  gtk_widget_set_sensitive (GTK_WIDGET (self->reminders_group), regular);

  if (regular)
    update_next_session (self);

  self->syncing = FALSE;
}

static void
settings_changed_cb (AttunePreferencesWindow *self,
                     const char              *key,
                     GSettings               *settings)
{
  if (g_str_has_prefix (key, "session-") || g_str_has_prefix (key, "reminder"))
    sync_from_settings (self);
}

static void
style_selected_cb (AttunePreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->style_row);

  if (self->settings != NULL && selected < G_N_ELEMENTS (color_schemes))
    g_settings_set_string (self->settings, "color-scheme", color_schemes[selected]);
}

static void
schedule_switch_active_cb (AttunePreferencesWindow *self)
{
  g_autofree char *anchor = NULL;

  if (self->settings == NULL || self->syncing)
    return;

  /* Each write re-syncs every widget from the settings: write what the person changed
   * first, then what follows from it. */
  g_settings_set_boolean (self->settings, "session-schedule",
                          gtk_switch_get_active (self->schedule_switch));

  if (gtk_switch_get_active (self->schedule_switch))
    {
      anchor = g_settings_get_string (self->settings, "session-anchor");
      if (anchor[0] == '\0')
        set_anchor_to_next (self);
    }
}

static void
weekday_selected_cb (AttunePreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->weekday_row);

  if (self->settings == NULL || self->syncing || selected > 6)
    return;

  if (g_settings_get_int (self->settings, "session-weekday") == (int) selected + 1)
    return;

  g_settings_set_int (self->settings, "session-weekday", selected + 1);
  set_anchor_to_next (self);
}

static gboolean
spin_output_cb (GtkSpinButton *spin)
{
  g_autofree char *text = g_strdup_printf ("%02d", gtk_spin_button_get_value_as_int (spin));

  gtk_editable_set_text (GTK_EDITABLE (spin), text);

  return TRUE;
}

static void
time_changed_cb (AttunePreferencesWindow *self)
{
  g_autofree char *text = NULL;

  if (self->settings == NULL || self->syncing)
    return;

  text = g_strdup_printf ("%02d:%02d",
                          gtk_spin_button_get_value_as_int (self->hour_spin),
                          gtk_spin_button_get_value_as_int (self->minute_spin));
  g_settings_set_string (self->settings, "session-time", text);
}

static void
length_changed_cb (AttunePreferencesWindow *self)
{
  if (self->settings == NULL || self->syncing)
    return;

  g_settings_set_int (self->settings, "session-length",
                      gtk_spin_button_get_value_as_int (self->length_spin));
}

static void
interval_selected_cb (AttunePreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->interval_row);

  if (self->settings == NULL || self->syncing || selected >= G_N_ELEMENTS (intervals))
    return;

  if (g_settings_get_int (self->settings, "session-interval") == intervals[selected])
    return;

  g_settings_set_int (self->settings, "session-interval", intervals[selected]);
  set_anchor_to_next (self);
}

static void
shift_clicked_cb (AttunePreferencesWindow *self)
{
  g_autofree char *anchor = g_settings_get_string (self->settings, "session-anchor");
  g_autofree char *shifted = NULL;
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_parse (&date, anchor);

  if (anchor[0] == '\0' || !g_date_valid (&date))
    {
      set_anchor_to_next (self);
      g_free (anchor);
      anchor = g_settings_get_string (self->settings, "session-anchor");
      g_date_clear (&date, 1);
      g_date_set_parse (&date, anchor);
      if (!g_date_valid (&date))
        return;
    }

  g_date_add_days (&date, 7);
  shifted = g_strdup_printf ("%04u-%02u-%02u",
                             g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date));
  g_settings_set_string (self->settings, "session-anchor", shifted);
}

static void
delay_selected_cb (AttunePreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->delay_row);

  if (self->settings == NULL || self->syncing || selected >= G_N_ELEMENTS (delays))
    return;

  g_settings_set_int (self->settings, "reminder-delay", delays[selected]);
}

static void
fill_weekdays (AttunePreferencesWindow *self)
{
  /* 1 January 2024 was a Monday: its week gives the localized day names in order. */
  for (int i = 0; i < 7; i++)
    {
      g_autoptr(GDateTime) day = g_date_time_new_utc (2024, 1, 1 + i, 12, 0, 0);
      g_autofree char *name = g_date_time_format (day, "%A");

      gtk_string_list_append (self->weekday_list, name);
    }
}

/* Passphrase protection (issue 6) */

static const int lock_after_minutes[] = { 0, 1, 5, 15, 60 };

static void
open_protect_dialog (AttunePreferencesWindow *self,
                     gboolean                 change)
{
  AttuneProtectDialog *dialog = attune_protect_dialog_new (self->journal_path, change);

  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  if (self->protect_dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->protect_dialog), (gpointer *) &self->protect_dialog);
  self->protect_dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->protect_dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
set_up_clicked_cb (AttunePreferencesWindow *self)
{
  open_protect_dialog (self, FALSE);
}

static void
change_clicked_cb (AttunePreferencesWindow *self)
{
  open_protect_dialog (self, TRUE);
}

static void
turn_off_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      gpointer          user_data)
{
  if (g_strcmp0 (response, "turn-off") == 0)
    g_action_group_activate_action (G_ACTION_GROUP (g_application_get_default ()), "unprotect", NULL);
}

static void
turn_off_clicked_cb (AttunePreferencesWindow *self)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Turn Off the Passphrase?"),
                                              _("Your journal and its backups will be stored readable again, "
                                                "and Attune will open without asking for the passphrase."));

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Keep It"),
                                    "turn-off", _("_Turn Off"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "turn-off", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (turn_off_response_cb), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
lock_after_selected_cb (AdwComboRow             *row,
                        GParamSpec              *pspec,
                        AttunePreferencesWindow *self)
{
  guint i = adw_combo_row_get_selected (row);

  if (i < G_N_ELEMENTS (lock_after_minutes))
    g_settings_set_int (self->settings, "lock-after-minutes", lock_after_minutes[i]);
}

static GtkWidget *
row_button (const char *label,
            const char *accessible_name,
            GCallback   callback,
            gpointer    data)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_name, -1);
  g_signal_connect_swapped (button, "clicked", callback, data);

  return button;
}

static void
fill_protection (AttunePreferencesWindow *self)
{
  gboolean on;

  for (guint i = 0; i < G_N_ELEMENTS (self->protection_rows); i++)
    {
      if (self->protection_rows[i] != NULL)
        adw_preferences_group_remove (self->protection_group, self->protection_rows[i]);
      self->protection_rows[i] = NULL;
    }

  if (self->journal_path == NULL)
    return;

  on = attune_protection_is_on (self->journal_path);

  if (!on)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Protect with a passphrase"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("Attune opens only with your passphrase, and your journal is stored scrambled."));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 row_button (_("Set Up…"), _("Set up a passphrase"),
                                             G_CALLBACK (set_up_clicked_cb), self));
      adw_preferences_group_add (self->protection_group, row);
      self->protection_rows[0] = row;
      return;
    }

  {
    GtkWidget *row = adw_action_row_new ();
    GtkWidget *combo = adw_combo_row_new ();
    GtkWidget *off = adw_action_row_new ();
    GtkStringList *choices = gtk_string_list_new (NULL);
    int minutes = g_settings_get_int (self->settings, "lock-after-minutes");
    guint selected = 0;

    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Protected with a passphrase"));
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Lock it any time with Ctrl+L."));
    adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                               row_button (_("Change…"), _("Change the passphrase"),
                                           G_CALLBACK (change_clicked_cb), self));
    adw_preferences_group_add (self->protection_group, row);
    self->protection_rows[0] = row;

    gtk_string_list_append (choices, _("Only when I lock it"));
    gtk_string_list_append (choices, _("After 1 minute unused"));
    gtk_string_list_append (choices, _("After 5 minutes unused"));
    gtk_string_list_append (choices, _("After 15 minutes unused"));
    gtk_string_list_append (choices, _("After 1 hour unused"));
    adw_combo_row_set_model (ADW_COMBO_ROW (combo), G_LIST_MODEL (choices));
    g_object_unref (choices);
    for (guint i = 0; i < G_N_ELEMENTS (lock_after_minutes); i++)
      if (lock_after_minutes[i] == minutes)
        selected = i;
    adw_combo_row_set_selected (ADW_COMBO_ROW (combo), selected);
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (combo), _("Lock"));
    g_signal_connect (combo, "notify::selected", G_CALLBACK (lock_after_selected_cb), self);
    adw_preferences_group_add (self->protection_group, combo);
    self->protection_rows[1] = combo;

    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (off), _("Turn off the passphrase"));
    adw_action_row_add_suffix (ADW_ACTION_ROW (off),
                               row_button (_("Turn Off…"), _("Turn off the passphrase"),
                                           G_CALLBACK (turn_off_clicked_cb), self));
    adw_preferences_group_add (self->protection_group, off);
    self->protection_rows[2] = off;
  }
}

/**
 * attune_preferences_window_protection_done:
 * @self: the preferences window
 * @recovery_key: (nullable): the recovery key after protecting
 * @error: (nullable): why protecting or turning it off failed
 *
 * Told by the application when protecting (or turning it off) is over.
 */
void
attune_preferences_window_protection_done (AttunePreferencesWindow *self,
                                           const char              *recovery_key,
                                           const GError            *error)
{
  g_return_if_fail (ATTUNE_IS_PREFERENCES_WINDOW (self));

  fill_protection (self);

  if (self->protect_dialog != NULL && (recovery_key != NULL || error != NULL))
    {
      attune_protect_dialog_done (self->protect_dialog, recovery_key, error);
      /* Above the main window that has just opened again. */
      gtk_window_present (GTK_WINDOW (self->protect_dialog));
    }
  else if (error != NULL)
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
}

static void
attune_preferences_window_dispose (GObject *object)
{
  AttunePreferencesWindow *self = ATTUNE_PREFERENCES_WINDOW (object);

  if (self->protect_dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->protect_dialog), (gpointer *) &self->protect_dialog);
  self->protect_dialog = NULL;
  g_clear_pointer (&self->journal_path, g_free);
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
  gtk_widget_class_bind_template_child (widget_class, AttunePreferencesWindow, schedule_switch);
  gtk_widget_class_bind_template_child (widget_class, AttunePreferencesWindow, weekday_row);
  gtk_widget_class_bind_template_child (widget_class, AttunePreferencesWindow, weekday_list);
  gtk_widget_class_bind_template_child (widget_class, AttunePreferencesWindow, time_row);
  gtk_widget_class_bind_template_child (widget_class, AttunePreferencesWindow, hour_spin);
  gtk_widget_class_bind_template_child (widget_class, AttunePreferencesWindow, minute_spin);
  gtk_widget_class_bind_template_child (widget_class, AttunePreferencesWindow, length_row);
  gtk_widget_class_bind_template_child (widget_class, AttunePreferencesWindow, length_spin);
  gtk_widget_class_bind_template_child (widget_class, AttunePreferencesWindow, interval_row);
  gtk_widget_class_bind_template_child (widget_class, AttunePreferencesWindow, next_row);
  gtk_widget_class_bind_template_child (widget_class, AttunePreferencesWindow, shift_button);
  gtk_widget_class_bind_template_child (widget_class, AttunePreferencesWindow, reminders_group);
  gtk_widget_class_bind_template_child (widget_class, AttunePreferencesWindow, reminders_switch);
  gtk_widget_class_bind_template_child (widget_class, AttunePreferencesWindow, delay_row);
  gtk_widget_class_bind_template_child (widget_class, AttunePreferencesWindow, background_row);
  gtk_widget_class_bind_template_child (widget_class, AttunePreferencesWindow, background_switch);
  gtk_widget_class_bind_template_callback (widget_class, style_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, schedule_switch_active_cb);
  gtk_widget_class_bind_template_callback (widget_class, weekday_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, spin_output_cb);
  gtk_widget_class_bind_template_callback (widget_class, time_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, length_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, interval_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, shift_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, delay_selected_cb);
}

static void
attune_preferences_window_init (AttunePreferencesWindow *self)
{
  self->syncing = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  fill_weekdays (self);
  self->syncing = FALSE;
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

  g_settings_bind (settings, "reminders-enabled", self->reminders_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_object_bind_property (self->reminders_switch, "active", self->delay_row, "sensitive",
                          G_BINDING_SYNC_CREATE);

  if (background_available ())
    g_settings_bind (settings, "run-in-background", self->background_switch, "active", G_SETTINGS_BIND_DEFAULT);
  else
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->background_switch), FALSE);
      adw_action_row_set_subtitle (self->background_row,
                                   _("Not available in this version of Attune. "
                                     "Reminders still appear when you open Attune."));
    }

  g_signal_connect_object (settings, "changed", G_CALLBACK (settings_changed_cb), self, G_CONNECT_SWAPPED);
  sync_from_settings (self);

  if (journal_path != NULL)
    adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                                ADW_PREFERENCES_PAGE (attune_backups_page_new (journal_path)));

  /* The passphrase, on the page of the Privacy group. */
  self->journal_path = g_strdup (journal_path);
  self->protection_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->protection_group, _("Passphrase"));
  adw_preferences_group_set_description (self->protection_group,
                                         _("Without the passphrase, someone with your computer or a copy of its files "
                                           "cannot read your journal or its backups."));
  {
    GtkWidget *page = gtk_widget_get_ancestor (GTK_WIDGET (self->location_row), ADW_TYPE_PREFERENCES_PAGE);

    if (page != NULL && journal_path != NULL)
      adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), self->protection_group);
    else
      {
        g_object_unref (g_object_ref_sink (self->protection_group));
        self->protection_group = NULL;
      }
  }
  if (self->protection_group != NULL)
    fill_protection (self);

  return self;
}

/**
 * attune_preferences_window_report_background_error:
 * @self: the preferences window
 * @message: what went wrong, in words for the person
 *
 * Shows why running in the background could not be set up, both as a toast and under
 * the switch, so that it stays visible.
 */
void
attune_preferences_window_report_background_error (AttunePreferencesWindow *self,
                                                   const char              *message)
{
  g_return_if_fail (ATTUNE_IS_PREFERENCES_WINDOW (self));
  g_return_if_fail (message != NULL);

  adw_action_row_set_subtitle (self->background_row, message);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (message));
}

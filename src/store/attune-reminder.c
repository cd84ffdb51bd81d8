/* attune-reminder.c
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "attune-reminder.h"

/* The decision behind the reminders after each session, kept free of GTK and of the
 * clock so that it can be tested with any "now": the application calls it at start-up
 * and on a periodic tick, and acts on the answer (banner, notification, nothing). */

/**
 * attune_reminder_decide:
 * @schedule: (nullable): the session schedule, %NULL when there is none
 * @now: the current wall-clock time
 * @delay_minutes: how long after the end of a session reminders start
 * @reminders_enabled: whether notifications are wanted
 * @last_reminded: (nullable): the id (see attune_reminder_dup_session_id()) of the
 *   session a notification was last sent for
 * @has_check_in: (scope call): tells whether a check-in exists in a time range
 * @user_data: data for @has_check_in
 * @session_start: (out) (transfer full) (optional) (nullable): the start of the
 *   session the banner is about, %NULL when nothing is due
 * @error: return location for an error from @has_check_in
 *
 * A session is due when it has ended at least @delay_minutes ago, within the last few
 * days (attune_schedule_due_check_in()), and has no check-in between its start and the
 * start of the next session. A due session always gets the banner, which is quiet
 * help in the window; it gets a notification only when @reminders_enabled, and only
 * once.
 *
 * Returns: what to do; %ATTUNE_REMINDER_QUIET with @error set when @has_check_in failed
 */
AttuneReminderAction
attune_reminder_decide (AttuneSchedule             *schedule,
                        GDateTime                  *now,
                        int                         delay_minutes,
                        gboolean                    reminders_enabled,
                        const char                 *last_reminded,
                        AttuneReminderCheckInFunc   has_check_in,
                        gpointer                    user_data,
                        GDateTime                 **session_start,
                        GError                    **error)
{
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) next = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (now != NULL, ATTUNE_REMINDER_QUIET);
  g_return_val_if_fail (has_check_in != NULL, ATTUNE_REMINDER_QUIET);
  g_return_val_if_fail (error == NULL || *error == NULL, ATTUNE_REMINDER_QUIET);

  if (session_start != NULL)
    *session_start = NULL;

  if (schedule == NULL || !attune_schedule_is_regular (schedule))
    return ATTUNE_REMINDER_QUIET;

  start = attune_schedule_due_check_in (schedule, now, MAX (delay_minutes, 0));
  if (start == NULL)
    return ATTUNE_REMINDER_QUIET;

  next = attune_schedule_next_start (schedule, start);
  if (next == NULL)
    next = g_date_time_add_weeks (start, attune_schedule_get_interval_weeks (schedule));

  if (has_check_in (start, next, user_data, &local_error))
    return ATTUNE_REMINDER_QUIET;

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return ATTUNE_REMINDER_QUIET;
    }

  if (session_start != NULL)
    *session_start = g_date_time_ref (start);

  if (reminders_enabled && !attune_reminder_is_session (last_reminded, start))
    return ATTUNE_REMINDER_NOTIFY;

  return ATTUNE_REMINDER_BANNER;
}

/**
 * attune_reminder_dup_session_id:
 * @session_start: the start of a session
 *
 * Returns: (transfer full): the ISO 8601 text stored in `last-reminded-session`
 */
char *
attune_reminder_dup_session_id (GDateTime *session_start)
{
  g_return_val_if_fail (session_start != NULL, NULL);

  return g_date_time_format_iso8601 (session_start);
}

/**
 * attune_reminder_is_session:
 * @session_id: (nullable): text from attune_reminder_dup_session_id()
 * @session_start: the start of a session
 *
 * Compares instants, not text, so that a change of time zone or of the way the
 * offset is written does not make Attune notify twice about one session.
 *
 * Returns: whether @session_id names the session starting at @session_start
 */
gboolean
attune_reminder_is_session (const char *session_id,
                            GDateTime  *session_start)
{
  g_autoptr(GDateTime) parsed = NULL;

  g_return_val_if_fail (session_start != NULL, FALSE);

  if (session_id == NULL || *session_id == '\0')
    return FALSE;

  parsed = g_date_time_new_from_iso8601 (session_id, NULL);

  return parsed != NULL && g_date_time_equal (parsed, session_start);
}

/**
 * attune_reminder_dup_body:
 * @session_start: the start of the session, in local time
 *
 * Returns: (transfer full): the text of the notification
 */
char *
attune_reminder_dup_body (GDateTime *session_start)
{
  g_autofree char *day = NULL;
  g_autofree char *time = NULL;

  g_return_val_if_fail (session_start != NULL, NULL);

  day = g_date_time_format (session_start, "%A");
  /* Translators: how the start time of a session is written, a g_date_time_format()
   * format: "%H:%M" gives "17:00", "%l:%M %p" gives "5:00 PM". */
  time = g_date_time_format (session_start, _("%H:%M"));

  /* Translators: %1$s is a day of the week such as "Thursday", %2$s a time such as "17:00". */
  return g_strdup_printf (_("Take a moment to check in about your session on %1$s at %2$s. "
                            "It only takes a few minutes, and every question can be skipped."),
                          day, time);
}

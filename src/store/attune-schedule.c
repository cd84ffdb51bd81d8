/* attune-schedule.c
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "attune-entry.h"
#include "attune-schedule.h"

/* AttuneSchedule is an immutable, reference-counted boxed value rather than a GObject:
 * it is validated once when built (a constructor can report a GError, g_object_new()
 * cannot), it never changes afterwards, so there is nothing to notify, and it can be
 * shared freely, like GDateTime and GTimeZone. When the settings change the caller builds
 * a new one.
 *
 * All arithmetic is on calendar days: a session day is a julian day number, and its start
 * is that day at the session's wall time in the schedule's time zone, so a 17:00 session
 * stays at 17:00 on both sides of a DST change. Absolute time only enters through
 * attune_schedule_end(): a 50-minute session lasts 50 real minutes.
 *
 * Local times that do not exist or exist twice are left to g_date_time_new(); with
 * GLib 2.74 (checked by test-schedule):
 * - a time in the spring-forward gap moves forward to the first moment after the gap
 *   (02:30 on 2026-03-29 in Berlin becomes 03:00 CEST);
 * - an ambiguous time in the fall-back hour means the second occurrence, in standard time
 *   (02:30 on 2026-10-25 in Berlin is 02:30 CET). For reminders that is the safe side:
 *   they never come before the session can have ended. */

struct _AttuneSchedule
{
  gatomicrefcount  ref_count;

  gboolean         regular;
  GDateWeekday     weekday;
  int              hour;
  int              minute;
  int              length_minutes;
  int              interval_weeks;
  char            *anchor;        /* YYYY-MM-DD, or NULL when none was given (weekly only) */
  guint32          anchor_julian; /* a session day; always set when regular */
  GTimeZone       *tz;
};

G_DEFINE_BOXED_TYPE (AttuneSchedule, attune_schedule, attune_schedule_ref, attune_schedule_unref)

G_DEFINE_QUARK (attune-schedule-error-quark, attune_schedule_error)

static guint32
julian_of_ymd (int year,
               int month,
               int day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);

  return g_date_get_julian (&date);
}

/* The schedule's period in days. */
static gint64
get_period (AttuneSchedule *self)
{
  return 7 * (gint64) self->interval_weeks;
}

/* The session day that is on or after @julian, whether or not its start has passed. */
static gint64
first_session_day_from (AttuneSchedule *self,
                        guint32         julian)
{
  gint64 period = get_period (self);
  gint64 offset = ((gint64) self->anchor_julian - (gint64) julian) % period;

  if (offset < 0)
    offset += period;

  return (gint64) julian + offset;
}

/* The local calendar day of @instant in the schedule's zone, as a julian day. */
static gboolean
get_local_julian (AttuneSchedule *self,
                  GDateTime      *instant,
                  guint32        *julian)
{
  g_autoptr(GDateTime) local = g_date_time_to_timezone (instant, self->tz);
  int year, month, day;

  if (local == NULL)
    return FALSE;

  g_date_time_get_ymd (local, &year, &month, &day);
  *julian = julian_of_ymd (year, month, day);

  return TRUE;
}

/* The start of the session on julian day @julian. NULL when out of GDateTime's range. */
static GDateTime *
create_start_on (AttuneSchedule *self,
                 gint64          julian)
{
  GDate date;

  g_assert (self->regular);

  if (julian < 1 || julian > G_MAXUINT32 || !g_date_valid_julian ((guint32) julian))
    return NULL;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, (guint32) julian);

  /* Nonexistent and ambiguous local times: see the comment at the top of the file. */
  return g_date_time_new (self->tz,
                          g_date_get_year (&date),
                          g_date_get_month (&date),
                          g_date_get_day (&date),
                          self->hour, self->minute, 0);
}

/* Parses @text, already checked by attune_day_is_valid(), into a julian day. */
static guint32
parse_day (const char *text)
{
  int year = (int) g_ascii_strtoull (text, NULL, 10);
  int month = (int) g_ascii_strtoull (text + 5, NULL, 10);
  int day = (int) g_ascii_strtoull (text + 8, NULL, 10);

  return julian_of_ymd (year, month, day);
}

static char *
format_julian (guint32 julian)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);

  return g_strdup_printf ("%04u-%02u-%02u",
                          (guint) g_date_get_year (&date),
                          (guint) g_date_get_month (&date),
                          (guint) g_date_get_day (&date));
}

/**
 * attune_schedule_new:
 * @regular: %FALSE when there is no regular schedule; the other values are then ignored
 * @weekday: the day of the week, %G_DATE_MONDAY (1) to %G_DATE_SUNDAY (7)
 * @hour: the local start hour, 0 to 23
 * @minute: the local start minute, 0 to 59
 * @length_minutes: how long a session lasts, %ATTUNE_SCHEDULE_MIN_LENGTH to
 *   %ATTUNE_SCHEDULE_MAX_LENGTH minutes
 * @interval_weeks: 1, 2 or 4
 * @anchor: (nullable): the day of one real session, `YYYY-MM-DD`, which tells which weeks
 *   have sessions when @interval_weeks is 2 or 4. %NULL or empty is allowed only for
 *   weekly sessions.
 * @tz: (nullable): the time zone the start time is in; %NULL for the local time zone
 * @error: return location for a #GError in the %ATTUNE_SCHEDULE_ERROR domain
 *
 * Builds a schedule from its values, checking each of them.
 *
 * An @anchor that is not on @weekday is moved to @weekday in the same week (weeks start
 * on Monday), so that changing the day of the sessions keeps the same weeks.
 *
 * Returns: (transfer full) (nullable): a new #AttuneSchedule, or %NULL with @error set
 */
AttuneSchedule *
attune_schedule_new (gboolean       regular,
                     GDateWeekday   weekday,
                     int            hour,
                     int            minute,
                     int            length_minutes,
                     int            interval_weeks,
                     const char    *anchor,
                     GTimeZone     *tz,
                     GError       **error)
{
  g_autoptr(AttuneSchedule) self = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_new0 (AttuneSchedule, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->tz = tz != NULL ? g_time_zone_ref (tz) : g_time_zone_new_local ();
  self->regular = regular != FALSE;

  if (!self->regular)
    return g_steal_pointer (&self);

  if (!g_date_valid_weekday (weekday))
    {
      g_set_error (error, ATTUNE_SCHEDULE_ERROR, ATTUNE_SCHEDULE_ERROR_INVALID_WEEKDAY,
                   _("The day of the session must be from Monday to Sunday"));
      return NULL;
    }

  if (hour < 0 || hour > 23 || minute < 0 || minute > 59)
    {
      g_set_error (error, ATTUNE_SCHEDULE_ERROR, ATTUNE_SCHEDULE_ERROR_INVALID_TIME,
                   _("The start time of the session must be a time of day"));
      return NULL;
    }

  if (length_minutes < ATTUNE_SCHEDULE_MIN_LENGTH || length_minutes > ATTUNE_SCHEDULE_MAX_LENGTH)
    {
      g_set_error (error, ATTUNE_SCHEDULE_ERROR, ATTUNE_SCHEDULE_ERROR_INVALID_LENGTH,
                   g_dngettext (GETTEXT_PACKAGE, "A session must last from %d to %d minute",
                                "A session must last from %d to %d minutes",
                                ATTUNE_SCHEDULE_MAX_LENGTH),
                   ATTUNE_SCHEDULE_MIN_LENGTH, ATTUNE_SCHEDULE_MAX_LENGTH);
      return NULL;
    }

  if (interval_weeks != 1 && interval_weeks != 2 && interval_weeks != 4)
    {
      g_set_error (error, ATTUNE_SCHEDULE_ERROR, ATTUNE_SCHEDULE_ERROR_INVALID_INTERVAL,
                   _("Sessions can be every week, every two weeks or every four weeks"));
      return NULL;
    }

  self->weekday = weekday;
  self->hour = hour;
  self->minute = minute;
  self->length_minutes = length_minutes;
  self->interval_weeks = interval_weeks;

  if (anchor != NULL && anchor[0] != '\0')
    {
      guint32 julian;
      gint64 snapped;
      GDate date;

      if (!attune_day_is_valid (anchor))
        {
          g_set_error (error, ATTUNE_SCHEDULE_ERROR, ATTUNE_SCHEDULE_ERROR_INVALID_ANCHOR,
                       _("“%s” is not a date"), anchor);
          return NULL;
        }

      julian = parse_day (anchor);
      g_date_clear (&date, 1);
      g_date_set_julian (&date, julian);

      /* Same week (Monday to Sunday), the session's weekday. Not past 9999-12-31,
       * which GDateTime cannot hold (found by tests/fuzz/fuzz-schedule.c). */
      snapped = (gint64) julian - (int) g_date_get_weekday (&date) + (int) weekday;
      if (snapped < 1 || snapped > julian_of_ymd (9999, 12, 31) ||
          !g_date_valid_julian ((guint32) snapped))
        {
          g_set_error (error, ATTUNE_SCHEDULE_ERROR, ATTUNE_SCHEDULE_ERROR_INVALID_ANCHOR,
                       _("“%s” is not a date"), anchor);
          return NULL;
        }

      self->anchor_julian = (guint32) snapped;
      self->anchor = format_julian (self->anchor_julian);
    }
  else if (interval_weeks == 1)
    {
      /* Julian day 1 is Monday 1 January of year 1, so day @weekday has that weekday. */
      self->anchor_julian = weekday;
    }
  else
    {
      g_set_error (error, ATTUNE_SCHEDULE_ERROR, ATTUNE_SCHEDULE_ERROR_INVALID_ANCHOR,
                   _("Sessions every two or four weeks need the date of one session"));
      return NULL;
    }

  return g_steal_pointer (&self);
}

/**
 * attune_schedule_new_from_settings:
 * @settings: a #GSettings for the `io.github.attunejournal.Attune` schema
 * @tz: (nullable): the time zone the start time is in; %NULL for the local time zone
 * @now: the current time, used only to fill in a missing anchor
 * @error: return location for a #GError in the %ATTUNE_SCHEDULE_ERROR domain
 *
 * Builds a schedule from the `session-*` keys of @settings.
 *
 * When sessions are every two or four weeks and `session-anchor` is empty, the next day
 * on the session's weekday on or after @now (today counts) becomes the anchor and is
 * written back to `session-anchor`, so that the weeks stay the same from then on.
 *
 * Returns: (transfer full) (nullable): a new #AttuneSchedule, or %NULL with @error set
 */
AttuneSchedule *
attune_schedule_new_from_settings (GSettings  *settings,
                                   GTimeZone  *tz,
                                   GDateTime  *now,
                                   GError    **error)
{
  g_autofree char *session_time = NULL;
  g_autofree char *anchor = NULL;
  g_autoptr(GTimeZone) local_tz = NULL;
  GDateWeekday weekday;
  int hour, minute, interval;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (now != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_settings_get_boolean (settings, "session-schedule"))
    return attune_schedule_new (FALSE, G_DATE_BAD_WEEKDAY, 0, 0, 0, 0, NULL, tz, error);

  if (tz == NULL)
    tz = local_tz = g_time_zone_new_local ();

  session_time = g_settings_get_string (settings, "session-time");
  if (!attune_schedule_parse_time (session_time, &hour, &minute))
    {
      g_set_error (error, ATTUNE_SCHEDULE_ERROR, ATTUNE_SCHEDULE_ERROR_INVALID_TIME,
                   _("“%s” is not a time of day"), session_time);
      return NULL;
    }

  weekday = (GDateWeekday) g_settings_get_int (settings, "session-weekday");
  interval = g_settings_get_int (settings, "session-interval");
  anchor = g_settings_get_string (settings, "session-anchor");

  if (anchor[0] == '\0' && interval > 1 && g_date_valid_weekday (weekday))
    {
      g_autoptr(GDateTime) local_now = g_date_time_to_timezone (now, tz);

      g_free (anchor);
      anchor = attune_schedule_dup_default_anchor (weekday, local_now);
      if (anchor != NULL)
        g_settings_set_string (settings, "session-anchor", anchor);
    }

  return attune_schedule_new (TRUE, weekday, hour, minute,
                              g_settings_get_int (settings, "session-length"),
                              interval, anchor, tz, error);
}

/**
 * attune_schedule_ref:
 * @self: an #AttuneSchedule
 *
 * Adds a reference to @self.
 *
 * Returns: (transfer full): @self
 */
AttuneSchedule *
attune_schedule_ref (AttuneSchedule *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

/**
 * attune_schedule_unref:
 * @self: (transfer full): an #AttuneSchedule
 *
 * Drops a reference to @self, freeing it when it was the last one.
 */
void
attune_schedule_unref (AttuneSchedule *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_clear_pointer (&self->anchor, g_free);
      g_clear_pointer (&self->tz, g_time_zone_unref);
      g_free (self);
    }
}

/**
 * attune_schedule_is_regular:
 * @self: an #AttuneSchedule
 *
 * Gets whether sessions follow a regular schedule. Without one, there are no session
 * times: attune_schedule_next_start() and the like return %NULL.
 *
 * Returns: %TRUE if sessions follow a regular schedule
 */
gboolean
attune_schedule_is_regular (AttuneSchedule *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->regular;
}

/**
 * attune_schedule_get_weekday:
 * @self: an #AttuneSchedule
 *
 * Gets the day of the week of the sessions.
 *
 * Returns: the weekday, or %G_DATE_BAD_WEEKDAY without a regular schedule
 */
GDateWeekday
attune_schedule_get_weekday (AttuneSchedule *self)
{
  g_return_val_if_fail (self != NULL, G_DATE_BAD_WEEKDAY);

  return self->regular ? self->weekday : G_DATE_BAD_WEEKDAY;
}

/**
 * attune_schedule_get_hour:
 * @self: an #AttuneSchedule
 *
 * Gets the local hour sessions start at.
 *
 * Returns: the hour, 0 to 23
 */
int
attune_schedule_get_hour (AttuneSchedule *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->hour;
}

/**
 * attune_schedule_get_minute:
 * @self: an #AttuneSchedule
 *
 * Gets the minute of the hour sessions start at.
 *
 * Returns: the minute, 0 to 59
 */
int
attune_schedule_get_minute (AttuneSchedule *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->minute;
}

/**
 * attune_schedule_get_length_minutes:
 * @self: an #AttuneSchedule
 *
 * Gets how long a session lasts.
 *
 * Returns: the length in minutes, or 0 without a regular schedule
 */
int
attune_schedule_get_length_minutes (AttuneSchedule *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->length_minutes;
}

/**
 * attune_schedule_get_interval_weeks:
 * @self: an #AttuneSchedule
 *
 * Gets the number of weeks from one session to the next.
 *
 * Returns: 1, 2 or 4, or 0 without a regular schedule
 */
int
attune_schedule_get_interval_weeks (AttuneSchedule *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->interval_weeks;
}

/**
 * attune_schedule_get_anchor:
 * @self: an #AttuneSchedule
 *
 * Gets the day of one session, after it was moved onto the session's weekday.
 *
 * Returns: (nullable): the anchor as `YYYY-MM-DD`, or %NULL when none was given
 */
const char *
attune_schedule_get_anchor (AttuneSchedule *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->anchor;
}

/**
 * attune_schedule_get_timezone:
 * @self: an #AttuneSchedule
 *
 * Gets the time zone the sessions' start time is in.
 *
 * Returns: (transfer none): the time zone
 */
GTimeZone *
attune_schedule_get_timezone (AttuneSchedule *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->tz;
}

/**
 * attune_schedule_next_start:
 * @self: an #AttuneSchedule
 * @after: an instant, in any time zone
 *
 * Finds the first session that starts strictly after @after, so that a session starting
 * exactly at @after is not "next" (it is attune_schedule_previous_start()'s).
 *
 * Returns: (transfer full) (nullable): the start of that session in the schedule's time
 *   zone, or %NULL without a regular schedule (or past year 9999)
 */
GDateTime *
attune_schedule_next_start (AttuneSchedule *self,
                            GDateTime      *after)
{
  guint32 today;
  gint64 first;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (after != NULL, NULL);

  if (!self->regular || !get_local_julian (self, after, &today))
    return NULL;

  /* The session day on or after today usually starts after @after, or else the one a
   * period later does. Starting one period earlier costs little and stays right even if
   * a zone's gap pushes a late start past midnight. */
  first = first_session_day_from (self, today) - get_period (self);
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(GDateTime) start = create_start_on (self, first + i * get_period (self));

      if (start != NULL && g_date_time_compare (start, after) > 0)
        return g_steal_pointer (&start);
    }

  return NULL;
}

/**
 * attune_schedule_previous_start:
 * @self: an #AttuneSchedule
 * @before: an instant, in any time zone
 *
 * Finds the latest session that starts at or before @before. For any instant `t`,
 * `previous_start (t) <= t < next_start (t)`.
 *
 * Returns: (transfer full) (nullable): the start of that session in the schedule's time
 *   zone, or %NULL without a regular schedule (or before year 1)
 */
GDateTime *
attune_schedule_previous_start (AttuneSchedule *self,
                                GDateTime      *before)
{
  guint32 today;
  gint64 first;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (before != NULL, NULL);

  if (!self->regular || !get_local_julian (self, before, &today))
    return NULL;

  first = first_session_day_from (self, today) + get_period (self);
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(GDateTime) start = create_start_on (self, first - i * get_period (self));

      if (start != NULL && g_date_time_compare (start, before) <= 0)
        return g_steal_pointer (&start);
    }

  return NULL;
}

/**
 * attune_schedule_end:
 * @self: an #AttuneSchedule
 * @start: the start of a session
 *
 * Gets when the session starting at @start ends: @start plus the session's length in
 * real (absolute) minutes, so a 50-minute session that spans a DST change still lasts
 * 50 minutes, even though the wall clock says otherwise.
 *
 * Returns: (transfer full): the end, in the schedule's time zone
 */
GDateTime *
attune_schedule_end (AttuneSchedule *self,
                     GDateTime      *start)
{
  g_autoptr(GDateTime) end = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (start != NULL, NULL);

  end = g_date_time_add_minutes (start, self->length_minutes);
  if (end == NULL)
    return NULL;

  return g_date_time_to_timezone (end, self->tz);
}

/**
 * attune_schedule_due_check_in:
 * @self: an #AttuneSchedule
 * @now: the current time
 * @delay_minutes: how long after the end of a session to remind, 0 to
 *   %ATTUNE_SCHEDULE_MAX_DELAY minutes
 *
 * Finds the session to remind about at @now: the most recent one whose end plus
 * @delay_minutes is at or before @now, provided it ended no more than
 * %ATTUNE_SCHEDULE_DUE_WINDOW (three days) before @now. Older sessions are not reminded
 * about, nor is a session that has not ended (plus the delay) yet.
 *
 * This is a pure function of the schedule and @now, to be called at start-up and on a
 * periodic tick: timeouts do not run during suspend. The caller then looks for a
 * check-in between the returned start and attune_schedule_next_start() of it, and stays
 * quiet if there is one.
 *
 * Returns: (transfer full) (nullable): the start of the session to remind about, or
 *   %NULL if there is none
 */
GDateTime *
attune_schedule_due_check_in (AttuneSchedule *self,
                              GDateTime      *now,
                              int             delay_minutes)
{
  g_autoptr(GDateTime) start = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);
  g_return_val_if_fail (delay_minutes >= 0 && delay_minutes <= ATTUNE_SCHEDULE_MAX_DELAY, NULL);

  if (!self->regular)
    return NULL;

  start = attune_schedule_previous_start (self, now);

  /* Sessions are at least a week apart and end plus delay is at most 34 hours after the
   * start, so if the latest session is not due yet, the one before it is; two steps do. */
  for (guint i = 0; i < 2 && start != NULL; i++)
    {
      g_autoptr(GDateTime) end = attune_schedule_end (self, start);
      g_autoptr(GDateTime) due = NULL;
      g_autoptr(GDateTime) just_before = NULL;

      if (end == NULL)
        return NULL;

      due = g_date_time_add_minutes (end, delay_minutes);
      if (due != NULL && g_date_time_compare (due, now) <= 0)
        {
          if (g_date_time_difference (now, end) <= ATTUNE_SCHEDULE_DUE_WINDOW)
            return g_steal_pointer (&start);
          return NULL;
        }

      just_before = g_date_time_add (start, -1);
      g_clear_pointer (&start, g_date_time_unref);
      if (just_before != NULL)
        start = attune_schedule_previous_start (self, just_before);
    }

  return NULL;
}

/**
 * attune_schedule_describe:
 * @self: an #AttuneSchedule
 *
 * Describes the schedule in a sentence for people, in the current locale, such as
 * "Every two weeks on Thursday at 17:00, 50 minutes".
 *
 * Returns: (transfer full): the description
 */
char *
attune_schedule_describe (AttuneSchedule *self)
{
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GDateTime) time_of_day = NULL;
  g_autofree char *weekday_name = NULL;
  g_autofree char *time_text = NULL;
  g_autofree char *when = NULL;
  g_autofree char *length = NULL;
  GDate date;

  g_return_val_if_fail (self != NULL, NULL);

  if (!self->regular)
    return g_strdup (_("No regular schedule"));

  g_date_clear (&date, 1);
  g_date_set_julian (&date, self->anchor_julian);
  day = g_date_time_new_utc (g_date_get_year (&date), g_date_get_month (&date),
                             g_date_get_day (&date), 12, 0, 0);
  weekday_name = g_date_time_format (day, "%A");

  time_of_day = g_date_time_new_utc (2001, 1, 1, self->hour, self->minute, 0);
  /* Translators: how the start time of a session is written, a g_date_time_format()
   * format: "%H:%M" gives "17:00", "%l:%M %p" gives "5:00 PM". */
  time_text = g_date_time_format (time_of_day, _("%H:%M"));

  switch (self->interval_weeks)
    {
    case 2:
      /* Translators: %1$s is a weekday such as "Thursday", %2$s a time such as "17:00". */
      when = g_strdup_printf (_("Every two weeks on %1$s at %2$s"), weekday_name, time_text);
      break;

    case 4:
      /* Translators: %1$s is a weekday such as "Thursday", %2$s a time such as "17:00". */
      when = g_strdup_printf (_("Every four weeks on %1$s at %2$s"), weekday_name, time_text);
      break;

    default:
      /* Translators: %1$s is a weekday such as "Thursday", %2$s a time such as "17:00". */
      when = g_strdup_printf (_("Every week on %1$s at %2$s"), weekday_name, time_text);
      break;
    }

  /* Translators: the length of a session. */
  length = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d minute", "%d minutes",
                                        self->length_minutes),
                            self->length_minutes);

  /* Translators: %1$s is when sessions are, such as "Every two weeks on Thursday at
   * 17:00", and %2$s how long they last, such as "50 minutes". */
  return g_strdup_printf (_("%1$s, %2$s"), when, length);
}

/**
 * attune_schedule_parse_time:
 * @text: (nullable): a time of day written `HH:MM` on a 24-hour clock, such as "17:00"
 *   (the hour may have one digit)
 * @hour: (out) (optional): return location for the hour, 0 to 23
 * @minute: (out) (optional): return location for the minute, 0 to 59
 *
 * Parses the `session-time` setting.
 *
 * Returns: %TRUE if @text is a time of day
 */
gboolean
attune_schedule_parse_time (const char *text,
                            int        *hour,
                            int        *minute)
{
  const char *colon;
  gsize hour_digits;
  int h, m;

  if (text == NULL)
    return FALSE;

  colon = strchr (text, ':');
  if (colon == NULL)
    return FALSE;

  hour_digits = colon - text;
  if (hour_digits < 1 || hour_digits > 2 || strlen (colon + 1) != 2)
    return FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (p != colon && !g_ascii_isdigit (*p))
        return FALSE;
    }

  h = (int) g_ascii_strtoull (text, NULL, 10);
  m = (int) g_ascii_strtoull (colon + 1, NULL, 10);
  if (h > 23 || m > 59)
    return FALSE;

  if (hour != NULL)
    *hour = h;
  if (minute != NULL)
    *minute = m;

  return TRUE;
}

/**
 * attune_schedule_dup_default_anchor:
 * @weekday: the day of the week of the sessions
 * @now: when the schedule is being set; its own time zone gives the day
 *
 * Gets the anchor to use when none was chosen: the first day on @weekday on or after the
 * day of @now (today counts). Preferences writes it to `session-anchor` when the day or
 * the interval of the sessions changes.
 *
 * Returns: (transfer full) (nullable): the day as `YYYY-MM-DD`, or %NULL past year 9999
 */
char *
attune_schedule_dup_default_anchor (GDateWeekday  weekday,
                                    GDateTime    *now)
{
  int year, month, day;
  guint32 julian;
  GDate date;

  g_return_val_if_fail (g_date_valid_weekday (weekday), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  g_date_time_get_ymd (now, &year, &month, &day);
  julian = julian_of_ymd (year, month, day);
  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);
  julian += ((int) weekday - (int) g_date_get_weekday (&date) + 7) % 7;

  if (!g_date_valid_julian (julian))
    return NULL;
  g_date_set_julian (&date, julian);
  if (g_date_get_year (&date) > 9999)
    return NULL;

  return format_julian (julian);
}

/* test-schedule.c
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>

#include "attune-schedule.h"

#define HOUR   G_TIME_SPAN_HOUR
#define MINUTE G_TIME_SPAN_MINUTE

/* Every instant here is fixed; nothing depends on the current time or the machine's zone. */

static GTimeZone *
dup_zone_or_skip (const char *identifier)
{
  GTimeZone *tz = g_time_zone_new_identifier (identifier);

  if (tz == NULL || g_strcmp0 (g_time_zone_get_identifier (tz), "UTC") == 0)
    {
      g_autofree char *message = g_strdup_printf ("time zone %s is not available", identifier);

      g_clear_pointer (&tz, g_time_zone_unref);
      g_test_skip (message);
    }

  return tz;
}

/* "2026-03-29 03:00 +02:00": the local wall time and its UTC offset. */
static char *
format_local (GDateTime *dt)
{
  g_assert_nonnull (dt);

  return g_date_time_format (dt, "%Y-%m-%d %H:%M %:z");
}

#define assert_local(dt, expected)                                             \
  G_STMT_START {                                                               \
    g_autofree char *_text = format_local (dt);                                \
    g_assert_cmpstr (_text, ==, (expected));                                   \
  } G_STMT_END

static AttuneSchedule *
new_schedule (GDateWeekday  weekday,
              int           hour,
              int           minute,
              int           length,
              int           interval,
              const char   *anchor,
              GTimeZone    *tz)
{
  g_autoptr(GError) error = NULL;
  AttuneSchedule *schedule;

  schedule = attune_schedule_new (TRUE, weekday, hour, minute, length, interval, anchor,
                                  tz, &error);
  g_assert_no_error (error);
  g_assert_nonnull (schedule);

  return schedule;
}

static GDateTime *
next_after (AttuneSchedule *schedule,
            GTimeZone      *tz,
            int             year,
            int             month,
            int             day,
            int             hour,
            int             minute)
{
  g_autoptr(GDateTime) after = g_date_time_new (tz, year, month, day, hour, minute, 0);

  return attune_schedule_next_start (schedule, after);
}

static GDateTime *
previous_before (AttuneSchedule *schedule,
                 GTimeZone      *tz,
                 int             year,
                 int             month,
                 int             day,
                 int             hour,
                 int             minute)
{
  g_autoptr(GDateTime) before = g_date_time_new (tz, year, month, day, hour, minute, 0);

  return attune_schedule_previous_start (schedule, before);
}

static int
days_between (GDateTime *a,
              GDateTime *b)
{
  GDate da, db;
  int y, m, d;

  g_date_clear (&da, 1);
  g_date_clear (&db, 1);
  g_date_time_get_ymd (a, &y, &m, &d);
  g_date_set_dmy (&da, d, m, y);
  g_date_time_get_ymd (b, &y, &m, &d);
  g_date_set_dmy (&db, d, m, y);

  return g_date_days_between (&da, &db);
}

static void
test_weekly (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GTimeZone) plus_one = g_time_zone_new_offset (3600);
  g_autoptr(AttuneSchedule) schedule = new_schedule (G_DATE_THURSDAY, 17, 0, 50, 1, NULL, utc);
  g_autoptr(GDateTime) t = NULL;

  g_assert_true (attune_schedule_is_regular (schedule));
  g_assert_null (attune_schedule_get_anchor (schedule));

  /* 2026-01-01 is a Thursday. */
  t = next_after (schedule, utc, 2026, 1, 1, 16, 59);
  assert_local (t, "2026-01-01 17:00 +00:00");
  g_clear_pointer (&t, g_date_time_unref);

  /* Strictly after: a session starting exactly then is not the next one. */
  t = next_after (schedule, utc, 2026, 1, 1, 17, 0);
  assert_local (t, "2026-01-08 17:00 +00:00");
  g_clear_pointer (&t, g_date_time_unref);

  /* At or before. */
  t = previous_before (schedule, utc, 2026, 1, 1, 17, 0);
  assert_local (t, "2026-01-01 17:00 +00:00");
  g_clear_pointer (&t, g_date_time_unref);

  t = previous_before (schedule, utc, 2026, 1, 1, 16, 59);
  assert_local (t, "2025-12-25 17:00 +00:00");
  g_clear_pointer (&t, g_date_time_unref);

  t = next_after (schedule, utc, 2026, 1, 5, 9, 0);
  assert_local (t, "2026-01-08 17:00 +00:00");
  g_clear_pointer (&t, g_date_time_unref);

  t = previous_before (schedule, utc, 2026, 1, 7, 23, 59);
  assert_local (t, "2026-01-01 17:00 +00:00");
  g_clear_pointer (&t, g_date_time_unref);

  /* The instant may come in another zone; 17:30 at +01:00 is 16:30 UTC. The result is in
   * the schedule's zone. */
  t = next_after (schedule, plus_one, 2026, 1, 1, 17, 30);
  assert_local (t, "2026-01-01 17:00 +00:00");
  g_clear_pointer (&t, g_date_time_unref);

  /* 18:30 at +01:00 is exactly 17:30 UTC; 00:30 on Friday at +01:00 is still Thursday. */
  t = previous_before (schedule, plus_one, 2026, 1, 2, 0, 30);
  assert_local (t, "2026-01-01 17:00 +00:00");
  g_clear_pointer (&t, g_date_time_unref);

  /* previous (t) <= t < next (t) all through a year, every 7 hours. */
  {
    g_autoptr(GDateTime) instant = g_date_time_new (utc, 2026, 1, 1, 0, 0, 0);

    for (guint i = 0; i < 365 * 24 / 7; i++)
      {
        g_autoptr(GDateTime) prev = attune_schedule_previous_start (schedule, instant);
        g_autoptr(GDateTime) next = attune_schedule_next_start (schedule, instant);
        g_autoptr(GDateTime) later = g_date_time_add_hours (instant, 7);

        g_assert_cmpint (g_date_time_compare (prev, instant), <=, 0);
        g_assert_cmpint (g_date_time_compare (instant, next), <, 0);
        g_assert_cmpint (g_date_time_difference (next, prev), ==, 7 * G_TIME_SPAN_DAY);
        g_assert_cmpint (g_date_time_get_day_of_week (next), ==, G_DATE_THURSDAY);
        g_assert_cmpint (g_date_time_get_hour (next), ==, 17);
        g_assert_cmpint (g_date_time_get_minute (next), ==, 0);

        g_date_time_unref (instant);
        instant = g_steal_pointer (&later);
      }
  }
}

static void
test_every_two_weeks (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(AttuneSchedule) schedule = NULL;
  g_autoptr(AttuneSchedule) year_end = NULL;
  g_autoptr(AttuneSchedule) future_anchor = NULL;
  g_autoptr(GDateTime) t = NULL;

  /* Thursday 29 January 2026 is a session; 5 February is not, 12 February is. */
  schedule = new_schedule (G_DATE_THURSDAY, 17, 0, 50, 2, "2026-01-29", utc);
  g_assert_cmpstr (attune_schedule_get_anchor (schedule), ==, "2026-01-29");

  /* Across the end of January. */
  t = next_after (schedule, utc, 2026, 1, 29, 17, 0);
  assert_local (t, "2026-02-12 17:00 +00:00");
  g_clear_pointer (&t, g_date_time_unref);

  t = next_after (schedule, utc, 2026, 2, 5, 12, 0);
  assert_local (t, "2026-02-12 17:00 +00:00");
  g_clear_pointer (&t, g_date_time_unref);

  t = previous_before (schedule, utc, 2026, 2, 11, 12, 0);
  assert_local (t, "2026-01-29 17:00 +00:00");
  g_clear_pointer (&t, g_date_time_unref);

  /* Before the anchor, too. */
  t = previous_before (schedule, utc, 2026, 1, 28, 12, 0);
  assert_local (t, "2026-01-15 17:00 +00:00");
  g_clear_pointer (&t, g_date_time_unref);

  /* Across the end of February (not a leap year) into March. */
  t = next_after (schedule, utc, 2026, 2, 26, 17, 1);
  assert_local (t, "2026-03-12 17:00 +00:00");
  g_clear_pointer (&t, g_date_time_unref);

  /* Across the end of the year: 24 December 2026, then 7 January 2027. */
  year_end = new_schedule (G_DATE_THURSDAY, 17, 0, 50, 2, "2026-12-24", utc);
  t = next_after (year_end, utc, 2026, 12, 24, 17, 0);
  assert_local (t, "2027-01-07 17:00 +00:00");
  g_clear_pointer (&t, g_date_time_unref);

  t = next_after (year_end, utc, 2026, 12, 31, 12, 0);
  assert_local (t, "2027-01-07 17:00 +00:00");
  g_clear_pointer (&t, g_date_time_unref);

  t = previous_before (year_end, utc, 2027, 1, 6, 12, 0);
  assert_local (t, "2026-12-24 17:00 +00:00");
  g_clear_pointer (&t, g_date_time_unref);

  /* An anchor in the future defines the same weeks backwards. */
  future_anchor = new_schedule (G_DATE_THURSDAY, 17, 0, 50, 2, "2027-01-07", utc);
  t = previous_before (future_anchor, utc, 2026, 12, 31, 23, 0);
  assert_local (t, "2026-12-24 17:00 +00:00");
  g_clear_pointer (&t, g_date_time_unref);

  /* Over four years, sessions are exactly 14 calendar days apart and the anchor's weeks. */
  {
    g_autoptr(GDateTime) prev = next_after (schedule, utc, 2026, 1, 1, 0, 0);

    assert_local (prev, "2026-01-01 17:00 +00:00");
    for (guint i = 0; i < 4 * 26; i++)
      {
        g_autoptr(GDateTime) next = attune_schedule_next_start (schedule, prev);
        g_autoptr(GDateTime) anchor = g_date_time_new (utc, 2026, 1, 29, 17, 0, 0);

        g_assert_cmpint (days_between (prev, next), ==, 14);
        g_assert_cmpint (days_between (anchor, next) % 14, ==, 0);
        g_assert_cmpint (g_date_time_get_hour (next), ==, 17);

        g_date_time_unref (prev);
        prev = g_steal_pointer (&next);
      }
  }
}

static void
test_every_four_weeks_leap_year (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(AttuneSchedule) leap = NULL;
  g_autoptr(AttuneSchedule) common = NULL;
  g_autoptr(GDateTime) t = NULL;

  /* 2028 is a leap year: 3 February + 28 days is 2 March. */
  leap = new_schedule (G_DATE_THURSDAY, 9, 30, 50, 4, "2028-02-03", utc);
  t = next_after (leap, utc, 2028, 2, 3, 9, 30);
  assert_local (t, "2028-03-02 09:30 +00:00");
  g_clear_pointer (&t, g_date_time_unref);

  t = next_after (leap, utc, 2028, 2, 29, 12, 0);
  assert_local (t, "2028-03-02 09:30 +00:00");
  g_clear_pointer (&t, g_date_time_unref);

  t = previous_before (leap, utc, 2028, 3, 1, 23, 59);
  assert_local (t, "2028-02-03 09:30 +00:00");
  g_clear_pointer (&t, g_date_time_unref);

  /* Backwards over the end of 2027. */
  t = previous_before (leap, utc, 2028, 1, 5, 0, 0);
  assert_local (t, "2027-12-09 09:30 +00:00");
  g_clear_pointer (&t, g_date_time_unref);

  /* In a common year, 5 February + 28 days is 5 March. */
  common = new_schedule (G_DATE_THURSDAY, 9, 30, 50, 4, "2026-02-05", utc);
  t = next_after (common, utc, 2026, 2, 5, 9, 30);
  assert_local (t, "2026-03-05 09:30 +00:00");
  g_clear_pointer (&t, g_date_time_unref);

  /* An anchor two years earlier gives the same weeks: 2026-02-05 + 26 * 28 days is
   * 2028-02-03, then 2028-03-02 over the leap day. */
  t = next_after (common, utc, 2028, 2, 1, 0, 0);
  assert_local (t, "2028-02-03 09:30 +00:00");
  g_clear_pointer (&t, g_date_time_unref);

  t = next_after (common, utc, 2028, 2, 28, 0, 0);
  assert_local (t, "2028-03-02 09:30 +00:00");
  g_clear_pointer (&t, g_date_time_unref);
}

typedef struct
{
  const char *zone;
  int         hour;
  int         minute;
  int         year, month, day;  /* the Sunday before the change */
  const char *expected[3];       /* that Sunday, the day of the change, the Sunday after */
  GTimeSpan   gaps[2];           /* absolute time between them */
} DstCase;

static const DstCase dst_cases[] = {
  /* Europe/Berlin: 2026-03-29 02:00 CET -> 03:00 CEST; 2026-10-25 03:00 CEST -> 02:00 CET. */
  { "Europe/Berlin", 1, 30, 2026, 3, 22,
    { "2026-03-22 01:30 +01:00", "2026-03-29 01:30 +01:00", "2026-04-05 01:30 +02:00" },
    { 168 * HOUR, 167 * HOUR } },
  { "Europe/Berlin", 17, 0, 2026, 3, 22,
    { "2026-03-22 17:00 +01:00", "2026-03-29 17:00 +02:00", "2026-04-05 17:00 +02:00" },
    { 167 * HOUR, 168 * HOUR } },
  /* 02:30 does not exist on the day of the change: it moves forward to 03:00. */
  { "Europe/Berlin", 2, 30, 2026, 3, 22,
    { "2026-03-22 02:30 +01:00", "2026-03-29 03:00 +02:00", "2026-04-05 02:30 +02:00" },
    { 167 * HOUR + 30 * MINUTE, 167 * HOUR + 30 * MINUTE } },
  { "Europe/Berlin", 1, 30, 2026, 10, 18,
    { "2026-10-18 01:30 +02:00", "2026-10-25 01:30 +02:00", "2026-11-01 01:30 +01:00" },
    { 168 * HOUR, 169 * HOUR } },
  { "Europe/Berlin", 17, 0, 2026, 10, 18,
    { "2026-10-18 17:00 +02:00", "2026-10-25 17:00 +01:00", "2026-11-01 17:00 +01:00" },
    { 169 * HOUR, 168 * HOUR } },
  /* 02:30 happens twice on the day of the change: the second one, in standard time. */
  { "Europe/Berlin", 2, 30, 2026, 10, 18,
    { "2026-10-18 02:30 +02:00", "2026-10-25 02:30 +01:00", "2026-11-01 02:30 +01:00" },
    { 169 * HOUR, 168 * HOUR } },
  /* America/New_York: 2026-03-08 02:00 EST -> 03:00 EDT; 2026-11-01 02:00 EDT -> 01:00 EST. */
  { "America/New_York", 1, 30, 2026, 3, 1,
    { "2026-03-01 01:30 -05:00", "2026-03-08 01:30 -05:00", "2026-03-15 01:30 -04:00" },
    { 168 * HOUR, 167 * HOUR } },
  { "America/New_York", 2, 30, 2026, 3, 1,
    { "2026-03-01 02:30 -05:00", "2026-03-08 03:00 -04:00", "2026-03-15 02:30 -04:00" },
    { 167 * HOUR + 30 * MINUTE, 167 * HOUR + 30 * MINUTE } },
  { "America/New_York", 17, 0, 2026, 3, 1,
    { "2026-03-01 17:00 -05:00", "2026-03-08 17:00 -04:00", "2026-03-15 17:00 -04:00" },
    { 167 * HOUR, 168 * HOUR } },
  /* 01:30 happens twice on 2026-11-01: the second one, in standard time. */
  { "America/New_York", 1, 30, 2026, 10, 25,
    { "2026-10-25 01:30 -04:00", "2026-11-01 01:30 -05:00", "2026-11-08 01:30 -05:00" },
    { 169 * HOUR, 168 * HOUR } },
  { "America/New_York", 2, 30, 2026, 10, 25,
    { "2026-10-25 02:30 -04:00", "2026-11-01 02:30 -05:00", "2026-11-08 02:30 -05:00" },
    { 169 * HOUR, 168 * HOUR } },
  { "America/New_York", 17, 0, 2026, 10, 25,
    { "2026-10-25 17:00 -04:00", "2026-11-01 17:00 -05:00", "2026-11-08 17:00 -05:00" },
    { 169 * HOUR, 168 * HOUR } },
};

static void
test_dst (gconstpointer data)
{
  const DstCase *c = data;
  g_autoptr(GTimeZone) tz = dup_zone_or_skip (c->zone);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(AttuneSchedule) schedule = NULL;
  g_autoptr(AttuneSchedule) biweekly = NULL;
  g_autoptr(GDateTime) day_before = NULL;
  g_autoptr(GDateTime) day_before_utc = NULL;
  GDateTime *starts[3] = { NULL, };

  if (tz == NULL)
    return;

  schedule = new_schedule (G_DATE_SUNDAY, c->hour, c->minute, 50, 1, NULL, tz);

  /* Asked with an instant in UTC, the day before the first Sunday. */
  {
    g_autoptr(GDateTime) sunday_noon = g_date_time_new (tz, c->year, c->month, c->day, 12, 0, 0);

    day_before = g_date_time_add_days (sunday_noon, -1);
  }
  day_before_utc = g_date_time_to_timezone (day_before, utc);
  starts[0] = attune_schedule_next_start (schedule, day_before_utc);
  starts[1] = attune_schedule_next_start (schedule, starts[0]);
  starts[2] = attune_schedule_next_start (schedule, starts[1]);

  for (guint i = 0; i < 3; i++)
    assert_local (starts[i], c->expected[i]);

  for (guint i = 0; i < 2; i++)
    g_assert_cmpint (g_date_time_difference (starts[i + 1], starts[i]), ==, c->gaps[i]);

  /* Going backwards gives the same starts, each one at or before itself. */
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GDateTime) same = attune_schedule_previous_start (schedule, starts[i]);
      g_autoptr(GDateTime) just_before = g_date_time_add (starts[i], -1);
      g_autoptr(GDateTime) prev = attune_schedule_previous_start (schedule, just_before);

      g_assert_true (g_date_time_equal (same, starts[i]));
      if (i > 0)
        g_assert_true (g_date_time_equal (prev, starts[i - 1]));
    }

  /* Every two weeks, anchored on the day of the change, lands on the same wall times. */
  {
    g_autofree char *anchor = g_strdup_printf ("%04d-%02d-%02d",
                                               g_date_time_get_year (starts[1]),
                                               g_date_time_get_month (starts[1]),
                                               g_date_time_get_day_of_month (starts[1]));
    g_autoptr(GDateTime) first = NULL;

    biweekly = new_schedule (G_DATE_SUNDAY, c->hour, c->minute, 50, 2, anchor, tz);
    first = attune_schedule_next_start (biweekly, day_before_utc);
    g_assert_true (g_date_time_equal (first, starts[1]));
  }

  for (guint i = 0; i < 3; i++)
    g_date_time_unref (starts[i]);
}

static void
test_end_across_dst (void)
{
  g_autoptr(GTimeZone) berlin = dup_zone_or_skip ("Europe/Berlin");
  g_autoptr(GTimeZone) new_york = NULL;
  g_autoptr(AttuneSchedule) spring = NULL;
  g_autoptr(AttuneSchedule) autumn = NULL;
  g_autoptr(AttuneSchedule) ny = NULL;
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;

  if (berlin == NULL)
    return;

  /* 01:30 CET + 50 minutes crosses 02:00 CET = 03:00 CEST: the clock says 03:20. */
  spring = new_schedule (G_DATE_SUNDAY, 1, 30, 50, 1, NULL, berlin);
  start = next_after (spring, berlin, 2026, 3, 28, 12, 0);
  end = attune_schedule_end (spring, start);
  assert_local (start, "2026-03-29 01:30 +01:00");
  assert_local (end, "2026-03-29 03:20 +02:00");
  g_assert_cmpint (g_date_time_difference (end, start), ==, 50 * MINUTE);
  g_clear_pointer (&start, g_date_time_unref);
  g_clear_pointer (&end, g_date_time_unref);

  /* 01:30 CEST + 90 minutes crosses 03:00 CEST = 02:00 CET: the clock says 02:00. */
  autumn = new_schedule (G_DATE_SUNDAY, 1, 30, 90, 1, NULL, berlin);
  start = next_after (autumn, berlin, 2026, 10, 24, 12, 0);
  end = attune_schedule_end (autumn, start);
  assert_local (start, "2026-10-25 01:30 +02:00");
  assert_local (end, "2026-10-25 02:00 +01:00");
  g_assert_cmpint (g_date_time_difference (end, start), ==, 90 * MINUTE);
  g_clear_pointer (&start, g_date_time_unref);
  g_clear_pointer (&end, g_date_time_unref);

  new_york = dup_zone_or_skip ("America/New_York");
  if (new_york == NULL)
    return;

  /* 00:30 EDT + 90 minutes: 01:00 EST, the second 01:00 of the night. */
  ny = new_schedule (G_DATE_SUNDAY, 0, 30, 90, 1, NULL, new_york);
  start = next_after (ny, new_york, 2026, 10, 31, 12, 0);
  end = attune_schedule_end (ny, start);
  assert_local (start, "2026-11-01 00:30 -04:00");
  assert_local (end, "2026-11-01 01:00 -05:00");
}

static GDateTime *
due_at (AttuneSchedule *schedule,
        GTimeZone      *tz,
        int             delay,
        int             year,
        int             month,
        int             day,
        int             hour,
        int             minute)
{
  g_autoptr(GDateTime) now = g_date_time_new (tz, year, month, day, hour, minute, 0);

  return attune_schedule_due_check_in (schedule, now, delay);
}

static void
test_due_check_in (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(AttuneSchedule) schedule = new_schedule (G_DATE_THURSDAY, 17, 0, 50, 1, NULL, utc);
  g_autoptr(AttuneSchedule) biweekly = new_schedule (G_DATE_THURSDAY, 17, 0, 50, 2,
                                                     "2026-01-08", utc);
  g_autoptr(AttuneSchedule) irregular = NULL;
  g_autoptr(GDateTime) due = NULL;

  /* Session 2026-01-08 17:00-17:50; with a 30-minute delay the reminder is due at 18:20. */
  g_assert_null (due_at (schedule, utc, 30, 2026, 1, 8, 16, 0));
  g_assert_null (due_at (schedule, utc, 30, 2026, 1, 8, 17, 30));
  g_assert_null (due_at (schedule, utc, 30, 2026, 1, 8, 18, 19));

  due = due_at (schedule, utc, 30, 2026, 1, 8, 18, 20);
  assert_local (due, "2026-01-08 17:00 +00:00");
  g_clear_pointer (&due, g_date_time_unref);

  due = due_at (schedule, utc, 30, 2026, 1, 10, 9, 0);
  assert_local (due, "2026-01-08 17:00 +00:00");
  g_clear_pointer (&due, g_date_time_unref);

  /* Up to three days after the end, and no longer. */
  due = due_at (schedule, utc, 30, 2026, 1, 11, 17, 50);
  assert_local (due, "2026-01-08 17:00 +00:00");
  g_clear_pointer (&due, g_date_time_unref);
  g_assert_null (due_at (schedule, utc, 30, 2026, 1, 11, 17, 51));
  g_assert_null (due_at (schedule, utc, 30, 2026, 1, 14, 12, 0));

  /* Without a delay, due at the end. */
  g_assert_null (due_at (schedule, utc, 0, 2026, 1, 8, 17, 49));
  due = due_at (schedule, utc, 0, 2026, 1, 8, 17, 50);
  assert_local (due, "2026-01-08 17:00 +00:00");
  g_clear_pointer (&due, g_date_time_unref);

  /* The longest delay, a day. */
  g_assert_null (due_at (schedule, utc, 1440, 2026, 1, 9, 17, 49));
  due = due_at (schedule, utc, 1440, 2026, 1, 9, 17, 50);
  assert_local (due, "2026-01-08 17:00 +00:00");
  g_clear_pointer (&due, g_date_time_unref);

  /* While the next session is on, the last one is long past. */
  g_assert_null (due_at (schedule, utc, 30, 2026, 1, 15, 17, 10));

  /* Every two weeks: the off week has nothing due. */
  due = due_at (biweekly, utc, 30, 2026, 1, 9, 9, 0);
  assert_local (due, "2026-01-08 17:00 +00:00");
  g_clear_pointer (&due, g_date_time_unref);
  g_assert_null (due_at (biweekly, utc, 30, 2026, 1, 15, 19, 0));
  due = due_at (biweekly, utc, 30, 2026, 1, 22, 19, 0);
  assert_local (due, "2026-01-22 17:00 +00:00");
  g_clear_pointer (&due, g_date_time_unref);

  /* No regular schedule, no reminders. */
  irregular = attune_schedule_new (FALSE, G_DATE_BAD_WEEKDAY, 0, 0, 0, 0, NULL, utc, NULL);
  g_assert_nonnull (irregular);
  g_assert_false (attune_schedule_is_regular (irregular));
  g_assert_null (due_at (irregular, utc, 30, 2026, 1, 8, 18, 20));
  {
    g_autoptr(GDateTime) now = g_date_time_new (utc, 2026, 1, 8, 18, 20, 0);

    g_assert_null (attune_schedule_next_start (irregular, now));
    g_assert_null (attune_schedule_previous_start (irregular, now));
  }
}

static void
test_due_check_in_dst (void)
{
  g_autoptr(GTimeZone) berlin = dup_zone_or_skip ("Europe/Berlin");
  g_autoptr(AttuneSchedule) schedule = NULL;
  g_autoptr(GDateTime) due = NULL;

  if (berlin == NULL)
    return;

  /* 01:30 CET, 50 minutes: ends 03:20 CEST, reminder due 03:50 CEST. */
  schedule = new_schedule (G_DATE_SUNDAY, 1, 30, 50, 1, NULL, berlin);
  g_assert_null (due_at (schedule, berlin, 30, 2026, 3, 29, 3, 49));
  due = due_at (schedule, berlin, 30, 2026, 3, 29, 3, 50);
  assert_local (due, "2026-03-29 01:30 +01:00");
}

static void
test_describe (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(AttuneSchedule) weekly = new_schedule (G_DATE_THURSDAY, 17, 0, 50, 1, NULL, utc);
  g_autoptr(AttuneSchedule) biweekly = new_schedule (G_DATE_THURSDAY, 17, 0, 50, 2,
                                                     "2026-01-29", utc);
  g_autoptr(AttuneSchedule) four = new_schedule (G_DATE_MONDAY, 8, 5, 600, 4,
                                                 "2026-01-05", utc);
  g_autoptr(AttuneSchedule) sunday = new_schedule (G_DATE_SUNDAY, 0, 0, 10, 1, NULL, utc);
  g_autoptr(AttuneSchedule) irregular = attune_schedule_new (FALSE, 0, 0, 0, 0, 0, NULL,
                                                             utc, NULL);
  g_autofree char *text1 = attune_schedule_describe (weekly);
  g_autofree char *text2 = attune_schedule_describe (biweekly);
  g_autofree char *text3 = attune_schedule_describe (four);
  g_autofree char *text4 = attune_schedule_describe (sunday);
  g_autofree char *text5 = attune_schedule_describe (irregular);

  g_assert_cmpstr (text1, ==, "Every week on Thursday at 17:00, 50 minutes");
  g_assert_cmpstr (text2, ==, "Every two weeks on Thursday at 17:00, 50 minutes");
  g_assert_cmpstr (text3, ==, "Every four weeks on Monday at 08:05, 600 minutes");
  g_assert_cmpstr (text4, ==, "Every week on Sunday at 00:00, 10 minutes");
  g_assert_cmpstr (text5, ==, "No regular schedule");
}

static void
assert_invalid (gboolean      regular,
                int           weekday,
                int           hour,
                int           minute,
                int           length,
                int           interval,
                const char   *anchor,
                int           code)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AttuneSchedule) schedule = NULL;

  schedule = attune_schedule_new (regular, weekday, hour, minute, length, interval, anchor,
                                  utc, &error);
  g_assert_null (schedule);
  g_assert_error (error, ATTUNE_SCHEDULE_ERROR, code);
  g_assert_nonnull (error->message);
}

static void
test_validation (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(AttuneSchedule) schedule = NULL;
  int hour = -1, minute = -1;

  assert_invalid (TRUE, 0, 17, 0, 50, 1, NULL, ATTUNE_SCHEDULE_ERROR_INVALID_WEEKDAY);
  assert_invalid (TRUE, 8, 17, 0, 50, 1, NULL, ATTUNE_SCHEDULE_ERROR_INVALID_WEEKDAY);
  assert_invalid (TRUE, 4, 24, 0, 50, 1, NULL, ATTUNE_SCHEDULE_ERROR_INVALID_TIME);
  assert_invalid (TRUE, 4, -1, 0, 50, 1, NULL, ATTUNE_SCHEDULE_ERROR_INVALID_TIME);
  assert_invalid (TRUE, 4, 17, 60, 50, 1, NULL, ATTUNE_SCHEDULE_ERROR_INVALID_TIME);
  assert_invalid (TRUE, 4, 17, 0, 9, 1, NULL, ATTUNE_SCHEDULE_ERROR_INVALID_LENGTH);
  assert_invalid (TRUE, 4, 17, 0, 601, 1, NULL, ATTUNE_SCHEDULE_ERROR_INVALID_LENGTH);
  assert_invalid (TRUE, 4, 17, 0, 50, 0, NULL, ATTUNE_SCHEDULE_ERROR_INVALID_INTERVAL);
  assert_invalid (TRUE, 4, 17, 0, 50, 3, "2026-01-01", ATTUNE_SCHEDULE_ERROR_INVALID_INTERVAL);
  assert_invalid (TRUE, 4, 17, 0, 50, 8, "2026-01-01", ATTUNE_SCHEDULE_ERROR_INVALID_INTERVAL);
  assert_invalid (TRUE, 4, 17, 0, 50, 2, NULL, ATTUNE_SCHEDULE_ERROR_INVALID_ANCHOR);
  assert_invalid (TRUE, 4, 17, 0, 50, 4, "", ATTUNE_SCHEDULE_ERROR_INVALID_ANCHOR);
  assert_invalid (TRUE, 4, 17, 0, 50, 2, "2026-02-30", ATTUNE_SCHEDULE_ERROR_INVALID_ANCHOR);
  assert_invalid (TRUE, 4, 17, 0, 50, 2, "2026-2-3", ATTUNE_SCHEDULE_ERROR_INVALID_ANCHOR);
  assert_invalid (TRUE, 4, 17, 0, 50, 1, "next week", ATTUNE_SCHEDULE_ERROR_INVALID_ANCHOR);

  /* The limits themselves are fine. */
  schedule = new_schedule (G_DATE_SUNDAY, 23, 59, 600, 4, "2026-01-04", utc);
  g_clear_pointer (&schedule, attune_schedule_unref);
  schedule = new_schedule (G_DATE_MONDAY, 0, 0, 10, 1, NULL, utc);
  g_clear_pointer (&schedule, attune_schedule_unref);

  /* Without a regular schedule, the other values do not matter. */
  schedule = attune_schedule_new (FALSE, 99, 99, 99, 0, 3, "junk", utc, NULL);
  g_assert_nonnull (schedule);
  g_assert_false (attune_schedule_is_regular (schedule));
  g_assert_cmpint (attune_schedule_get_weekday (schedule), ==, G_DATE_BAD_WEEKDAY);
  g_clear_pointer (&schedule, attune_schedule_unref);

  /* An anchor on another weekday moves to the session's weekday in the same week
   * (Monday to Sunday). */
  schedule = new_schedule (G_DATE_THURSDAY, 17, 0, 50, 2, "2026-01-26", utc);
  g_assert_cmpstr (attune_schedule_get_anchor (schedule), ==, "2026-01-29");
  g_clear_pointer (&schedule, attune_schedule_unref);
  schedule = new_schedule (G_DATE_THURSDAY, 17, 0, 50, 2, "2026-02-01", utc);
  g_assert_cmpstr (attune_schedule_get_anchor (schedule), ==, "2026-01-29");
  g_clear_pointer (&schedule, attune_schedule_unref);
  /* …across a year end: Thursday 2026-12-31 is in the week of Monday 2026-12-28. */
  schedule = new_schedule (G_DATE_MONDAY, 17, 0, 50, 2, "2026-12-31", utc);
  g_assert_cmpstr (attune_schedule_get_anchor (schedule), ==, "2026-12-28");
  g_clear_pointer (&schedule, attune_schedule_unref);
  schedule = new_schedule (G_DATE_SUNDAY, 17, 0, 50, 2, "2026-12-31", utc);
  g_assert_cmpstr (attune_schedule_get_anchor (schedule), ==, "2027-01-03");
  g_assert_cmpint (attune_schedule_get_weekday (schedule), ==, G_DATE_SUNDAY);
  g_assert_cmpint (attune_schedule_get_hour (schedule), ==, 17);
  g_assert_cmpint (attune_schedule_get_minute (schedule), ==, 0);
  g_assert_cmpint (attune_schedule_get_length_minutes (schedule), ==, 50);
  g_assert_cmpint (attune_schedule_get_interval_weeks (schedule), ==, 2);
  g_assert_true (attune_schedule_get_timezone (schedule) == utc);
  g_clear_pointer (&schedule, attune_schedule_unref);

  /* The session-time setting. */
  g_assert_true (attune_schedule_parse_time ("17:00", &hour, &minute));
  g_assert_cmpint (hour, ==, 17);
  g_assert_cmpint (minute, ==, 0);
  g_assert_true (attune_schedule_parse_time ("7:05", &hour, &minute));
  g_assert_cmpint (hour, ==, 7);
  g_assert_cmpint (minute, ==, 5);
  g_assert_true (attune_schedule_parse_time ("23:59", NULL, NULL));
  g_assert_true (attune_schedule_parse_time ("00:00", NULL, NULL));
  g_assert_false (attune_schedule_parse_time ("24:00", NULL, NULL));
  g_assert_false (attune_schedule_parse_time ("17:60", NULL, NULL));
  g_assert_false (attune_schedule_parse_time ("17:0", NULL, NULL));
  g_assert_false (attune_schedule_parse_time ("017:00", NULL, NULL));
  g_assert_false (attune_schedule_parse_time ("1700", NULL, NULL));
  g_assert_false (attune_schedule_parse_time (" 9:00", NULL, NULL));
  g_assert_false (attune_schedule_parse_time ("+9:00", NULL, NULL));
  g_assert_false (attune_schedule_parse_time ("9:00pm", NULL, NULL));
  g_assert_false (attune_schedule_parse_time ("", NULL, NULL));
  g_assert_false (attune_schedule_parse_time (NULL, NULL, NULL));
}

static void
test_default_anchor (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GTimeZone) tokyo = g_time_zone_new_offset (9 * 3600);
  g_autoptr(GDateTime) thursday = g_date_time_new (utc, 2026, 1, 1, 10, 0, 0);
  g_autoptr(GDateTime) friday = g_date_time_new (utc, 2026, 1, 2, 10, 0, 0);
  g_autoptr(GDateTime) tuesday = g_date_time_new (utc, 2026, 12, 29, 10, 0, 0);
  g_autoptr(GDateTime) late = g_date_time_new (utc, 2026, 1, 1, 20, 0, 0);
  g_autoptr(GDateTime) late_tokyo = g_date_time_to_timezone (late, tokyo);
  g_autofree char *a = attune_schedule_dup_default_anchor (G_DATE_THURSDAY, thursday);
  g_autofree char *b = attune_schedule_dup_default_anchor (G_DATE_THURSDAY, friday);
  g_autofree char *c = attune_schedule_dup_default_anchor (G_DATE_MONDAY, tuesday);
  g_autofree char *d = attune_schedule_dup_default_anchor (G_DATE_THURSDAY, late_tokyo);

  g_assert_cmpstr (a, ==, "2026-01-01");
  g_assert_cmpstr (b, ==, "2026-01-08");
  g_assert_cmpstr (c, ==, "2027-01-04");
  /* The day is the one in @now's own zone: already Friday in Tokyo. */
  g_assert_cmpstr (d, ==, "2026-01-08");
}

static void
test_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsBackend) backend = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) now = g_date_time_new (utc, 2026, 1, 2, 10, 0, 0);
  g_autoptr(AttuneSchedule) schedule = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *anchor = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, "io.github.attunejournal.Attune", TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "session-anchor"))
    {
      g_test_skip ("the compiled settings schema is not available (GSETTINGS_SCHEMA_DIR)");
      return;
    }

  backend = g_memory_settings_backend_new ();
  settings = g_settings_new_full (schema, backend, NULL);

  /* The defaults: no regular schedule. */
  schedule = attune_schedule_new_from_settings (settings, utc, now, &error);
  g_assert_no_error (error);
  g_assert_false (attune_schedule_is_regular (schedule));
  g_clear_pointer (&schedule, attune_schedule_unref);

  /* Weekly: the defaults are Thursday 17:00, 50 minutes; no anchor is needed. */
  g_settings_set_boolean (settings, "session-schedule", TRUE);
  schedule = attune_schedule_new_from_settings (settings, utc, now, &error);
  g_assert_no_error (error);
  g_assert_cmpint (attune_schedule_get_weekday (schedule), ==, G_DATE_THURSDAY);
  g_assert_cmpint (attune_schedule_get_hour (schedule), ==, 17);
  g_assert_cmpint (attune_schedule_get_length_minutes (schedule), ==, 50);
  g_assert_cmpint (attune_schedule_get_interval_weeks (schedule), ==, 1);
  anchor = g_settings_get_string (settings, "session-anchor");
  g_assert_cmpstr (anchor, ==, "");
  g_clear_pointer (&anchor, g_free);
  g_clear_pointer (&schedule, attune_schedule_unref);

  /* Every two weeks without an anchor: the next Thursday becomes one, and is saved. */
  g_settings_set_int (settings, "session-interval", 2);
  g_settings_set_string (settings, "session-time", "9:15");
  schedule = attune_schedule_new_from_settings (settings, utc, now, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (attune_schedule_get_anchor (schedule), ==, "2026-01-08");
  g_assert_cmpint (attune_schedule_get_hour (schedule), ==, 9);
  g_assert_cmpint (attune_schedule_get_minute (schedule), ==, 15);
  anchor = g_settings_get_string (settings, "session-anchor");
  g_assert_cmpstr (anchor, ==, "2026-01-08");
  g_clear_pointer (&anchor, g_free);
  g_clear_pointer (&schedule, attune_schedule_unref);

  /* A week later the saved anchor keeps the same weeks. */
  {
    g_autoptr(GDateTime) week_later = g_date_time_add_weeks (now, 1);
    g_autoptr(GDateTime) next = NULL;

    schedule = attune_schedule_new_from_settings (settings, utc, week_later, &error);
    g_assert_no_error (error);
    next = attune_schedule_next_start (schedule, week_later);
    assert_local (next, "2026-01-22 09:15 +00:00");
    g_clear_pointer (&schedule, attune_schedule_unref);
  }

  /* A new weekday moves the anchor within its week. */
  g_settings_set_int (settings, "session-weekday", G_DATE_MONDAY);
  schedule = attune_schedule_new_from_settings (settings, utc, now, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (attune_schedule_get_anchor (schedule), ==, "2026-01-05");
  g_clear_pointer (&schedule, attune_schedule_unref);

  /* Values the schema allows but a schedule does not. */
  g_settings_set_int (settings, "session-interval", 3);
  schedule = attune_schedule_new_from_settings (settings, utc, now, &error);
  g_assert_error (error, ATTUNE_SCHEDULE_ERROR, ATTUNE_SCHEDULE_ERROR_INVALID_INTERVAL);
  g_assert_null (schedule);
  g_clear_error (&error);
  g_settings_set_int (settings, "session-interval", 4);

  g_settings_set_string (settings, "session-time", "5 pm");
  schedule = attune_schedule_new_from_settings (settings, utc, now, &error);
  g_assert_error (error, ATTUNE_SCHEDULE_ERROR, ATTUNE_SCHEDULE_ERROR_INVALID_TIME);
  g_assert_null (schedule);
  g_clear_error (&error);

  /* The reminder keys exist with their defaults. */
  g_assert_true (g_settings_get_boolean (settings, "reminders-enabled"));
  g_assert_cmpint (g_settings_get_int (settings, "reminder-delay"), ==, 30);
  g_assert_false (g_settings_get_boolean (settings, "run-in-background"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/schedule/weekly", test_weekly);
  g_test_add_func ("/schedule/every-two-weeks", test_every_two_weeks);
  g_test_add_func ("/schedule/every-four-weeks-leap-year", test_every_four_weeks_leap_year);

  for (guint i = 0; i < G_N_ELEMENTS (dst_cases); i++)
    {
      const DstCase *c = &dst_cases[i];
      g_autofree char *path = g_strdup_printf ("/schedule/dst/%s/%04d-%02d-%02d/%02d%02d",
                                               c->zone, c->year, c->month, c->day,
                                               c->hour, c->minute);

      g_test_add_data_func (path, c, test_dst);
    }

  g_test_add_func ("/schedule/end-across-dst", test_end_across_dst);
  g_test_add_func ("/schedule/due-check-in", test_due_check_in);
  g_test_add_func ("/schedule/due-check-in-dst", test_due_check_in_dst);
  g_test_add_func ("/schedule/describe", test_describe);
  g_test_add_func ("/schedule/validation", test_validation);
  g_test_add_func ("/schedule/default-anchor", test_default_anchor);
  g_test_add_func ("/schedule/settings", test_settings);

  return g_test_run ();
}

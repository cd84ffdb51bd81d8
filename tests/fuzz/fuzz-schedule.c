/* fuzz-schedule.c: libFuzzer target for the hand-written parsers of settings and options
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Text Attune parses by hand rather than through a library:
 * - the `session-time` and `session-anchor` settings (anyone can write any
 *   string there with `gsettings set`) and the session schedule built from
 *   them with the other `session-*` keys, then asked for session times;
 * - days such as `--from=` and `--to=` on the command line (attune_day_is_valid).
 *
 * Input: 12 bytes of numbers (weekday, interval, length, delay, a time zone,
 * an instant), then up to three lines: the time, the anchor, a day. */

#include "config.h"

#include <stdio.h>

#include "attune-entry.h"
#include "attune-fuzz.h"
#include "attune-schedule.h"

/* "Now" is a real clock, from 0002-01-01 to 9998-12-31 in seconds since 1970: one
 * year away from GDateTime's limits, so it exists in every time zone. */
#define MIN_UNIX G_GINT64_CONSTANT (-62104060800)
#define MAX_UNIX G_GINT64_CONSTANT (253370764799)

static const char * const zones[] = {
  "UTC", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Pacific/Chatham",
  "America/St_Johns", "Asia/Kathmandu", "Pacific/Kiritimati",
};

static void
check_day (const char *day)
{
  guint year, month, mday;
  char canonical[16];

  if (!attune_day_is_valid (day))
    return;

  /* Only the one way of writing each day is accepted: that is what makes
   * days compare as text in SQL (--from/--to, the timeline order). */
  g_assert_cmpint (sscanf (day, "%u-%u-%u", &year, &month, &mday), ==, 3);
  g_assert_true (g_date_valid_dmy (mday, month, year));
  g_snprintf (canonical, sizeof canonical, "%04u-%02u-%02u", year, month, mday);
  g_assert_cmpstr (day, ==, canonical);
}

static void
check_schedule (const guint8 *numbers,
                const char   *time,
                const char   *anchor)
{
  g_autoptr(AttuneSchedule) schedule = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) next = NULL;
  g_autoptr(GDateTime) previous = NULL;
  g_autoptr(GDateTime) due = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  g_autofree char *default_anchor = NULL;
  GDateWeekday weekday = (GDateWeekday) (gint8) numbers[0];
  int interval = (gint8) numbers[1];
  int length = (gint16) (numbers[2] | numbers[3] << 8);
  /* The delay's setting has a range in the schema, so GSettings never gives more. */
  int delay = (numbers[4] | numbers[5] << 8) % (ATTUNE_SCHEDULE_MAX_DELAY + 1);
  guint64 raw = 0;
  gint64 seconds;
  int hour = -1, minute = -1;

  for (guint i = 0; i < 5; i++)
    raw = raw << 8 | numbers[7 + i];
  seconds = MIN_UNIX + (gint64) (raw % (guint64) (MAX_UNIX - MIN_UNIX));

  tz = g_time_zone_new_identifier (zones[numbers[6] % G_N_ELEMENTS (zones)]);
  if (tz == NULL)
    tz = g_time_zone_new_utc ();
  now = g_date_time_new_from_unix_utc (seconds);
  g_assert_nonnull (now);

  if (!attune_schedule_parse_time (time, &hour, &minute))
    return;
  g_assert_cmpint (hour, >=, 0);
  g_assert_cmpint (hour, <=, 23);
  g_assert_cmpint (minute, >=, 0);
  g_assert_cmpint (minute, <=, 59);

  /* What attune_schedule_new_from_settings() does with an empty anchor. */
  if (anchor[0] == '\0' && interval > 1 && g_date_valid_weekday (weekday))
    {
      g_autoptr(GDateTime) local_now = g_date_time_to_timezone (now, tz);

      default_anchor = attune_schedule_dup_default_anchor (weekday, local_now);
      if (default_anchor != NULL)
        {
          g_assert_true (attune_day_is_valid (default_anchor));
          anchor = default_anchor;
        }
    }

  schedule = attune_schedule_new (TRUE, weekday, hour, minute, length, interval, anchor, tz, &error);
  if (schedule == NULL)
    {
      g_assert_error (error, ATTUNE_SCHEDULE_ERROR, error->code);
      return;
    }

  description = attune_schedule_describe (schedule);
  g_assert_nonnull (description);
  g_assert_true (g_utf8_validate (description, -1, NULL));

  next = attune_schedule_next_start (schedule, now);
  previous = attune_schedule_previous_start (schedule, now);
  if (next != NULL)
    {
      g_autoptr(GDateTime) end = attune_schedule_end (schedule, next);

      g_assert_cmpint (g_date_time_compare (next, now), >, 0);
      g_assert_true (end == NULL || g_date_time_compare (end, next) > 0);
    }
  if (previous != NULL)
    g_assert_cmpint (g_date_time_compare (previous, now), <=, 0);

  due = attune_schedule_due_check_in (schedule, now, delay);
  (void) due;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  guint8 numbers[12] = { 0 };
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  guint n_lines;

  attune_fuzz_init ();

  memcpy (numbers, data, MIN (size, sizeof numbers));
  text = attune_fuzz_dup_string (data + MIN (size, sizeof numbers), size - MIN (size, sizeof numbers));
  lines = g_strsplit (text, "\n", 3);
  n_lines = g_strv_length (lines);

  check_day (text);
  for (guint i = 0; i < n_lines; i++)
    check_day (lines[i]);

  check_schedule (numbers, n_lines > 0 ? lines[0] : "", n_lines > 1 ? lines[1] : "");

  return 0;
}

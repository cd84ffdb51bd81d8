/* test-reminder.c
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>

#include "attune-reminder.h"
#include "attune-schedule.h"

/* A fake journal: at most one check-in, at a fixed instant. */
typedef struct
{
  GDateTime *check_in_at;   /* nullable */
  gboolean   fail;
  guint      calls;
  GDateTime *last_from;
  GDateTime *last_to;
} FakeJournal;

static void
fake_journal_clear (FakeJournal *journal)
{
  g_clear_pointer (&journal->check_in_at, g_date_time_unref);
  g_clear_pointer (&journal->last_from, g_date_time_unref);
  g_clear_pointer (&journal->last_to, g_date_time_unref);
}

static gboolean
fake_has_check_in (GDateTime  *from,
                   GDateTime  *to,
                   gpointer    user_data,
                   GError    **error)
{
  FakeJournal *journal = user_data;

  journal->calls++;
  g_clear_pointer (&journal->last_from, g_date_time_unref);
  g_clear_pointer (&journal->last_to, g_date_time_unref);
  journal->last_from = g_date_time_ref (from);
  journal->last_to = g_date_time_ref (to);

  if (journal->fail)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "the journal is locked");
      return FALSE;
    }

  return journal->check_in_at != NULL &&
         g_date_time_compare (journal->check_in_at, from) >= 0 &&
         g_date_time_compare (journal->check_in_at, to) < 0;
}

static GTimeZone *
berlin (void)
{
  return g_time_zone_new_identifier ("Europe/Berlin");
}

/* Thursdays at 17:00 for 50 minutes, every week: the session of 5 March 2026 ends 17:50. */
static AttuneSchedule *
weekly_thursday (GTimeZone *tz)
{
  g_autoptr(GError) error = NULL;
  AttuneSchedule *schedule;

  schedule = attune_schedule_new (TRUE, G_DATE_THURSDAY, 17, 0, 50, 1, "2026-03-05", tz, &error);
  g_assert_no_error (error);
  g_assert_nonnull (schedule);

  return schedule;
}

static GDateTime *
at (GTimeZone *tz, int month, int day, int hour, int minute)
{
  return g_date_time_new (tz, 2026, month, day, hour, minute, 0);
}

static void
test_reminder_not_due (void)
{
  g_autoptr(GTimeZone) tz = berlin ();
  g_autoptr(AttuneSchedule) schedule = weekly_thursday (tz);
  g_autoptr(GDateTime) during = at (tz, 3, 5, 17, 30);
  g_autoptr(GDateTime) before_delay = at (tz, 3, 5, 18, 10);
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GError) error = NULL;
  FakeJournal journal = { 0 };

  /* During the session, and after its end but before the delay: nothing. */
  g_assert_cmpint (attune_reminder_decide (schedule, during, 30, TRUE, "",
                                           fake_has_check_in, &journal, &start, &error),
                   ==, ATTUNE_REMINDER_QUIET);
  g_assert_no_error (error);
  g_assert_null (start);

  g_assert_cmpint (attune_reminder_decide (schedule, before_delay, 30, TRUE, "",
                                           fake_has_check_in, &journal, &start, &error),
                   ==, ATTUNE_REMINDER_QUIET);
  g_assert_no_error (error);
  g_assert_null (start);

  /* No schedule at all: quiet, and the journal is not even asked. */
  g_assert_cmpint (attune_reminder_decide (NULL, before_delay, 30, TRUE, "",
                                           fake_has_check_in, &journal, &start, &error),
                   ==, ATTUNE_REMINDER_QUIET);
  g_assert_cmpuint (journal.calls, ==, 0);

  fake_journal_clear (&journal);
}

static void
test_reminder_due_notifies (void)
{
  g_autoptr(GTimeZone) tz = berlin ();
  g_autoptr(AttuneSchedule) schedule = weekly_thursday (tz);
  g_autoptr(GDateTime) now = at (tz, 3, 5, 18, 20);
  g_autoptr(GDateTime) expected = at (tz, 3, 5, 17, 0);
  g_autoptr(GDateTime) next = at (tz, 3, 12, 17, 0);
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GError) error = NULL;
  FakeJournal journal = { 0 };

  g_assert_cmpint (attune_reminder_decide (schedule, now, 30, TRUE, NULL,
                                           fake_has_check_in, &journal, &start, &error),
                   ==, ATTUNE_REMINDER_NOTIFY);
  g_assert_no_error (error);
  g_assert_nonnull (start);
  g_assert_true (g_date_time_equal (start, expected));

  /* The journal is asked about [this start, next start). */
  g_assert_cmpuint (journal.calls, ==, 1);
  g_assert_true (g_date_time_equal (journal.last_from, expected));
  g_assert_true (g_date_time_equal (journal.last_to, next));

  fake_journal_clear (&journal);
}

static void
test_reminder_checked_in_is_quiet (void)
{
  g_autoptr(GTimeZone) tz = berlin ();
  g_autoptr(AttuneSchedule) schedule = weekly_thursday (tz);
  g_autoptr(GDateTime) now = at (tz, 3, 6, 9, 0);
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GError) error = NULL;
  FakeJournal journal = { 0 };

  /* Checked in right after the session (even before the reminder would have come). */
  journal.check_in_at = at (tz, 3, 5, 17, 55);

  g_assert_cmpint (attune_reminder_decide (schedule, now, 30, TRUE, "",
                                           fake_has_check_in, &journal, &start, &error),
                   ==, ATTUNE_REMINDER_QUIET);
  g_assert_no_error (error);
  g_assert_null (start);

  /* A check-in for the session before does not count for this one. */
  g_clear_pointer (&journal.check_in_at, g_date_time_unref);
  journal.check_in_at = at (tz, 3, 2, 12, 0);
  g_assert_cmpint (attune_reminder_decide (schedule, now, 30, TRUE, "",
                                           fake_has_check_in, &journal, &start, &error),
                   ==, ATTUNE_REMINDER_NOTIFY);
  g_assert_nonnull (start);

  fake_journal_clear (&journal);
}

static void
test_reminder_notifies_once (void)
{
  g_autoptr(GTimeZone) tz = berlin ();
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(AttuneSchedule) schedule = weekly_thursday (tz);
  g_autoptr(GDateTime) first_tick = at (tz, 3, 5, 18, 20);
  g_autoptr(GDateTime) later_tick = at (tz, 3, 5, 21, 0);
  g_autoptr(GDateTime) next_day = at (tz, 3, 6, 8, 0);
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) start_utc = NULL;
  g_autoptr(GDateTime) again = NULL;
  g_autofree char *id = NULL;
  g_autofree char *id_utc = NULL;
  g_autoptr(GError) error = NULL;
  FakeJournal journal = { 0 };

  g_assert_cmpint (attune_reminder_decide (schedule, first_tick, 30, TRUE, "",
                                           fake_has_check_in, &journal, &start, &error),
                   ==, ATTUNE_REMINDER_NOTIFY);
  id = attune_reminder_dup_session_id (start);
  g_assert_true (attune_reminder_is_session (id, start));

  /* Later ticks and the next start-up: the banner stays, no second notification. */
  g_assert_cmpint (attune_reminder_decide (schedule, later_tick, 30, TRUE, id,
                                           fake_has_check_in, &journal, &again, &error),
                   ==, ATTUNE_REMINDER_BANNER);
  g_assert_true (g_date_time_equal (again, start));
  g_clear_pointer (&again, g_date_time_unref);

  g_assert_cmpint (attune_reminder_decide (schedule, next_day, 30, TRUE, id,
                                           fake_has_check_in, &journal, &again, &error),
                   ==, ATTUNE_REMINDER_BANNER);
  g_assert_true (g_date_time_equal (again, start));
  g_clear_pointer (&again, g_date_time_unref);

  /* The same instant written with another offset is the same session. */
  start_utc = g_date_time_to_timezone (start, utc);
  id_utc = attune_reminder_dup_session_id (start_utc);
  g_assert_cmpstr (id_utc, !=, id);
  g_assert_cmpint (attune_reminder_decide (schedule, later_tick, 30, TRUE, id_utc,
                                           fake_has_check_in, &journal, &again, &error),
                   ==, ATTUNE_REMINDER_BANNER);
  g_clear_pointer (&again, g_date_time_unref);

  /* The next week's session is a new one and notifies again. */
  {
    g_autoptr(GDateTime) next_week = at (tz, 3, 12, 18, 30);

    g_assert_cmpint (attune_reminder_decide (schedule, next_week, 30, TRUE, id,
                                             fake_has_check_in, &journal, &again, &error),
                     ==, ATTUNE_REMINDER_NOTIFY);
    g_assert_false (g_date_time_equal (again, start));
  }

  g_assert_false (attune_reminder_is_session ("", start));
  g_assert_false (attune_reminder_is_session (NULL, start));
  g_assert_false (attune_reminder_is_session ("not a date", start));
  g_assert_no_error (error);

  fake_journal_clear (&journal);
}

static void
test_reminder_disabled_banner_only (void)
{
  g_autoptr(GTimeZone) tz = berlin ();
  g_autoptr(AttuneSchedule) schedule = weekly_thursday (tz);
  g_autoptr(GDateTime) now = at (tz, 3, 5, 19, 0);
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GError) error = NULL;
  FakeJournal journal = { 0 };

  g_assert_cmpint (attune_reminder_decide (schedule, now, 30, FALSE, "",
                                           fake_has_check_in, &journal, &start, &error),
                   ==, ATTUNE_REMINDER_BANNER);
  g_assert_no_error (error);
  g_assert_nonnull (start);

  fake_journal_clear (&journal);
}

static void
test_reminder_too_old (void)
{
  g_autoptr(GTimeZone) tz = berlin ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AttuneSchedule) schedule = NULL;
  g_autoptr(GDateTime) now = at (tz, 3, 18, 12, 0);
  g_autoptr(GDateTime) start = NULL;
  FakeJournal journal = { 0 };

  /* Every four weeks from 5 March: on 18 March the last session is 13 days old. */
  schedule = attune_schedule_new (TRUE, G_DATE_THURSDAY, 17, 0, 50, 4, "2026-03-05", tz, &error);
  g_assert_no_error (error);

  g_assert_cmpint (attune_reminder_decide (schedule, now, 30, TRUE, "",
                                           fake_has_check_in, &journal, &start, &error),
                   ==, ATTUNE_REMINDER_QUIET);
  g_assert_null (start);

  fake_journal_clear (&journal);
}

static void
test_reminder_across_dst (void)
{
  g_autoptr(GTimeZone) tz = berlin ();
  g_autoptr(AttuneSchedule) schedule = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) expected = NULL;
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GError) error = NULL;
  FakeJournal journal = { 0 };

  /* Sundays at 10:00; clocks go forward on Sunday 29 March 2026 at 02:00. */
  schedule = attune_schedule_new (TRUE, G_DATE_SUNDAY, 10, 0, 50, 1, "2026-03-22", tz, &error);
  g_assert_no_error (error);

  now = at (tz, 3, 29, 11, 20);
  expected = at (tz, 3, 29, 10, 0);
  g_assert_cmpint (attune_reminder_decide (schedule, now, 30, TRUE, "",
                                           fake_has_check_in, &journal, &start, &error),
                   ==, ATTUNE_REMINDER_NOTIFY);
  g_assert_true (g_date_time_equal (start, expected));
  g_assert_cmpint (g_date_time_get_hour (start), ==, 10);

  fake_journal_clear (&journal);
}

static void
test_reminder_store_error (void)
{
  g_autoptr(GTimeZone) tz = berlin ();
  g_autoptr(AttuneSchedule) schedule = weekly_thursday (tz);
  g_autoptr(GDateTime) now = at (tz, 3, 5, 19, 0);
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GError) error = NULL;
  FakeJournal journal = { .fail = TRUE };

  /* When the journal cannot answer, say nothing rather than nag. */
  g_assert_cmpint (attune_reminder_decide (schedule, now, 30, TRUE, "",
                                           fake_has_check_in, &journal, &start, &error),
                   ==, ATTUNE_REMINDER_QUIET);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_null (start);

  fake_journal_clear (&journal);
}

static void
test_reminder_body (void)
{
  g_autoptr(GTimeZone) tz = berlin ();
  g_autoptr(GDateTime) start = at (tz, 3, 5, 17, 0);
  g_autofree char *body = attune_reminder_dup_body (start);

  g_assert_cmpstr (body, ==,
                   "Take a moment to check in about your session on Thursday at 17:00. "
                   "It only takes a few minutes, and every question can be skipped.");
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LC_ALL", "C", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/reminder/not-due", test_reminder_not_due);
  g_test_add_func ("/reminder/due-notifies", test_reminder_due_notifies);
  g_test_add_func ("/reminder/checked-in-is-quiet", test_reminder_checked_in_is_quiet);
  g_test_add_func ("/reminder/notifies-once", test_reminder_notifies_once);
  g_test_add_func ("/reminder/disabled-banner-only", test_reminder_disabled_banner_only);
  g_test_add_func ("/reminder/too-old", test_reminder_too_old);
  g_test_add_func ("/reminder/across-dst", test_reminder_across_dst);
  g_test_add_func ("/reminder/store-error", test_reminder_store_error);
  g_test_add_func ("/reminder/body", test_reminder_body);

  return g_test_run ();
}

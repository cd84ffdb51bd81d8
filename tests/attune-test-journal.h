/* attune-test-journal.h: a small known journal for the prepare dialog and insights tests
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib/gstdio.h>

#include "attune-store.h"

/* Days relative to today, so that "since my last session" and "the last 4 weeks" hold. */
static inline char *
attune_test_day_ago (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, -days);

  return g_date_time_format (then, "%Y-%m-%d");
}

static inline void
attune_test_add_entry (AttuneStore *store,
                       int          days_ago,
                       const char  *title,
                       const char  *body,
                       gboolean     bring)
{
  g_autoptr(AttuneEntry) entry = attune_entry_new ();
  g_autofree char *day = attune_test_day_ago (days_ago);
  g_autoptr(GError) error = NULL;

  attune_entry_set_day (entry, day);
  attune_entry_set_title (entry, title);
  attune_entry_set_body (entry, body);
  attune_entry_set_bring (entry, bring);
  attune_store_save_entry (store, entry, &error);
  g_assert_no_error (error);
}

static inline gint64
attune_test_add_check_in (AttuneStore       *store,
                          int                days_ago,
                          int                connected,
                          AttuneRuptureKind  kinds,
                          const char        *what_happened,
                          const char        *message)
{
  g_autoptr(AttuneCheckIn) check_in = attune_check_in_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, -days_ago);
  g_autoptr(GError) error = NULL;

  attune_check_in_set_session_at (check_in, g_date_time_to_unix (then) * G_USEC_PER_SEC);
  attune_check_in_set_connected (check_in, connected);
  if (kinds != ATTUNE_RUPTURE_KIND_NONE)
    {
      attune_check_in_set_rupture (check_in, ATTUNE_RUPTURE_YES);
      attune_check_in_set_kinds (check_in, kinds);
      attune_check_in_set_what_happened (check_in, what_happened);
      if (message != NULL)
        {
          attune_check_in_set_plan (check_in, ATTUNE_PLAN_WRITE_MESSAGE);
          attune_check_in_set_message (check_in, message);
        }
    }
  else
    {
      attune_check_in_set_rupture (check_in, ATTUNE_RUPTURE_NO);
    }

  attune_store_save_check_in (store, check_in, &error);
  g_assert_no_error (error);
  return attune_check_in_get_entry_id (check_in);
}

/* Forty days ago an old marked entry; twenty days ago a check-in with a rupture (misunderstood and
 * judged, with a message draft), since repaired; six days ago the last session, misunderstood
 * again; then a marked entry and an unmarked one; and one item on the list for next session. */
static inline AttuneStore *
attune_test_journal_new (const char *path)
{
  g_autoptr(GError) error = NULL;
  AttuneStore *store = attune_store_open (path, &error);
  g_autoptr(AttuneAgendaItem) item = NULL;
  gint64 first;

  g_assert_no_error (error);

  attune_test_add_entry (store, 40, "Old thoughts", "Something from long ago.", TRUE);
  first = attune_test_add_check_in (store, 20, 4,
                                    ATTUNE_RUPTURE_KIND_MISUNDERSTOOD | ATTUNE_RUPTURE_KIND_JUDGED,
                                    "She looked at the clock.", "I felt rushed when you looked at the clock.");
  attune_store_follow_up_rupture (store, first, ATTUNE_FOLLOW_UP_BETTER, "We talked it through.", &error);
  g_assert_no_error (error);
  attune_test_add_check_in (store, 6, 2, ATTUNE_RUPTURE_KIND_MISUNDERSTOOD, "We ran out of time.", NULL);
  attune_test_add_entry (store, 3, "Marked for therapy", "The dream about the bridge.", TRUE);
  attune_test_add_entry (store, 2, "Just a note", "Groceries and a walk.", FALSE);
  item = attune_store_add_agenda_item (store, "Ask about the gap in August", 0, &error);
  g_assert_no_error (error);

  return store;
}

/* test-check-in.c
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "attune-store.h"
#include "attune-store-private.h"

/* 2024-03-05 10:00 UTC */
#define SESSION_AT (G_GINT64_CONSTANT (1709632800) * G_USEC_PER_SEC)
#define HOUR (G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC)

static AttuneStore *
open_default_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = attune_store_dup_default_path ();
  AttuneStore *store = attune_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);

  return store;
}

static AttuneCheckIn *
new_rupture (gint64      session_at,
             const char *what_happened)
{
  AttuneCheckIn *check_in = attune_check_in_new ();

  attune_check_in_set_session_at (check_in, session_at);
  attune_check_in_set_rupture (check_in, ATTUNE_RUPTURE_YES);
  attune_check_in_set_what_happened (check_in, what_happened);

  return check_in;
}

static void
save_ok (AttuneStore   *store,
         AttuneCheckIn *check_in)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = attune_store_save_check_in (store, check_in, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
}

static void
follow_up_ok (AttuneStore    *store,
              gint64          entry_id,
              AttuneFollowUp  answer,
              const char     *note)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = attune_store_follow_up_rupture (store, entry_id, answer, note, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
}

static gint64
count_rows (AttuneStore *store,
            const char  *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (_attune_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);

  return sqlite3_column_int64 (stmt, 0);
}

static void
fill_every_field (AttuneCheckIn *check_in)
{
  attune_check_in_set_session_at (check_in, SESSION_AT);
  attune_check_in_set_mode (check_in, ATTUNE_SESSION_MODE_VIDEO);
  attune_check_in_set_connected (check_in, 4);
  attune_check_in_set_heard (check_in, ATTUNE_SCALE_NOT_SURE);
  attune_check_in_set_mattered (check_in, ATTUNE_SCALE_SKIPPED);
  attune_check_in_set_suited (check_in, 1);
  attune_check_in_set_rupture (check_in, ATTUNE_RUPTURE_NOT_SURE);
  attune_check_in_set_kinds (check_in, ATTUNE_RUPTURE_KIND_JUDGED | ATTUNE_RUPTURE_KIND_OTHER);
  attune_check_in_set_other_kind (check_in, "Rushed at the end");
  attune_check_in_set_intensity (check_in, 5);
  attune_check_in_set_what_happened (check_in, "She looked at the clock while I talked about Ölvi");
  attune_check_in_set_felt (check_in, "Small");
  attune_check_in_set_needed (check_in, "A pause");
  attune_check_in_set_resolved (check_in, ATTUNE_SCALE_NOT_SURE);
  attune_check_in_set_spoke_up (check_in, ATTUNE_SPOKE_UP_PARTLY);
  attune_check_in_set_plan (check_in, ATTUNE_PLAN_WRITE_MESSAGE | ATTUNE_PLAN_WAIT);
  attune_check_in_set_message (check_in, "Can we talk about the end of last session?");
}

static void
assert_same_answers (AttuneCheckIn *a,
                     AttuneCheckIn *b)
{
  g_assert_cmpint (attune_check_in_get_session_at (a), ==, attune_check_in_get_session_at (b));
  g_assert_cmpint (attune_check_in_get_mode (a), ==, attune_check_in_get_mode (b));
  g_assert_cmpint (attune_check_in_get_connected (a), ==, attune_check_in_get_connected (b));
  g_assert_cmpint (attune_check_in_get_heard (a), ==, attune_check_in_get_heard (b));
  g_assert_cmpint (attune_check_in_get_mattered (a), ==, attune_check_in_get_mattered (b));
  g_assert_cmpint (attune_check_in_get_suited (a), ==, attune_check_in_get_suited (b));
  g_assert_cmpint (attune_check_in_get_rupture (a), ==, attune_check_in_get_rupture (b));
  g_assert_cmpuint (attune_check_in_get_kinds (a), ==, attune_check_in_get_kinds (b));
  g_assert_cmpstr (attune_check_in_get_other_kind (a), ==, attune_check_in_get_other_kind (b));
  g_assert_cmpint (attune_check_in_get_intensity (a), ==, attune_check_in_get_intensity (b));
  g_assert_cmpstr (attune_check_in_get_what_happened (a), ==, attune_check_in_get_what_happened (b));
  g_assert_cmpstr (attune_check_in_get_felt (a), ==, attune_check_in_get_felt (b));
  g_assert_cmpstr (attune_check_in_get_needed (a), ==, attune_check_in_get_needed (b));
  g_assert_cmpint (attune_check_in_get_resolved (a), ==, attune_check_in_get_resolved (b));
  g_assert_cmpint (attune_check_in_get_spoke_up (a), ==, attune_check_in_get_spoke_up (b));
  g_assert_cmpuint (attune_check_in_get_plan (a), ==, attune_check_in_get_plan (b));
  g_assert_cmpstr (attune_check_in_get_message (a), ==, attune_check_in_get_message (b));
}

static void
test_round_trip (void)
{
  g_autoptr(AttuneStore) store = open_default_store ();
  g_autoptr(AttuneCheckIn) check_in = attune_check_in_new ();
  g_autoptr(AttuneCheckIn) read = NULL;
  g_autoptr(AttuneEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (SESSION_AT / G_USEC_PER_SEC);
  g_autofree char *day = g_date_time_format (local, "%Y-%m-%d");
  gint64 id;

  fill_every_field (check_in);
  save_ok (store, check_in);

  id = attune_check_in_get_entry_id (check_in);
  g_assert_cmpint (id, >, 0);
  g_assert_true (g_uuid_string_is_valid (attune_check_in_get_uuid (check_in)));
  g_assert_cmpint (attune_check_in_get_repair_status (check_in), ==, ATTUNE_REPAIR_OPEN);

  read = attune_store_get_check_in (store, id, &error);
  g_assert_no_error (error);
  assert_same_answers (read, check_in);
  g_assert_cmpint (attune_check_in_get_entry_id (read), ==, id);
  g_assert_cmpstr (attune_check_in_get_uuid (read), ==, attune_check_in_get_uuid (check_in));
  g_assert_cmpint (attune_check_in_get_repair_status (read), ==, ATTUNE_REPAIR_OPEN);

  /* Scales on disk: NULL when skipped, 0 when not sure. */
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM check_ins WHERE mattered IS NULL "
                                      "AND heard = 0 AND resolved = 0 AND connected = 4"), ==, 1);

  /* It is an entry of the timeline, dated the local day of the session. */
  entry = attune_store_get_entry (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (attune_entry_get_kind (entry), ==, ATTUNE_ENTRY_KIND_CHECK_IN);
  g_assert_cmpstr (attune_entry_get_day (entry), ==, day);
  g_assert_cmpstr (attune_entry_get_title (entry), ==, "");
  g_assert_nonnull (strstr (attune_entry_get_body (entry), "looked at the clock"));
  g_assert_nonnull (strstr (attune_entry_get_body (entry), "Rushed at the end"));
  g_assert_nonnull (strstr (attune_entry_get_body (entry), "A pause"));
  g_assert_nonnull (strstr (attune_entry_get_body (entry), "last session?"));
  g_assert_cmpint (attune_entry_get_repair_status (entry), ==, ATTUNE_REPAIR_OPEN);
  g_clear_object (&entry);

  /* Update: every field again, other values; no new entry. */
  attune_check_in_set_connected (check_in, ATTUNE_SCALE_SKIPPED);
  attune_check_in_set_mattered (check_in, 3);
  attune_check_in_set_felt (check_in, "");
  attune_check_in_set_session_at (check_in, SESSION_AT + 24 * HOUR);
  save_ok (store, check_in);
  g_assert_cmpint (attune_check_in_get_entry_id (check_in), ==, id);
  g_assert_cmpint (attune_store_count_entries (store, NULL), ==, 1);

  g_clear_object (&read);
  read = attune_store_get_check_in (store, id, &error);
  g_assert_no_error (error);
  assert_same_answers (read, check_in);

  /* A copy keeps everything. */
  {
    g_autoptr(AttuneCheckIn) copy = attune_check_in_copy (read);

    assert_same_answers (copy, read);
    g_assert_cmpint (attune_check_in_get_entry_id (copy), ==, id);
    g_assert_cmpint (attune_check_in_get_repair_status (copy), ==, ATTUNE_REPAIR_OPEN);
  }

  /* Not found */
  g_clear_object (&read);
  read = attune_store_get_check_in (store, id + 100, &error);
  g_assert_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_NOT_FOUND);
  g_assert_null (read);
  g_clear_error (&error);

  /* Deleting the entry deletes the check-in and its history. */
  g_assert_true (attune_store_delete_entry (store, id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM check_ins"), ==, 0);
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM repair_events"), ==, 0);

  /* Updating a deleted check-in does not bring it back. */
  g_assert_false (attune_store_save_check_in (store, check_in, &error));
  g_assert_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_NOT_FOUND);
  g_assert_cmpint (attune_store_count_entries (store, NULL), ==, 0);
}

static guint notify_count;

static void
notified_cb (GObject    *object,
             GParamSpec *pspec,
             gpointer    user_data)
{
  notify_count++;
}

static void
test_object (void)
{
  g_autoptr(AttuneCheckIn) check_in = attune_check_in_new ();
  int value = 0;

  g_assert_cmpint (attune_check_in_get_entry_id (check_in), ==, 0);
  g_assert_null (attune_check_in_get_uuid (check_in));
  g_assert_cmpint (attune_check_in_get_connected (check_in), ==, ATTUNE_SCALE_SKIPPED);
  g_assert_cmpstr (attune_check_in_get_what_happened (check_in), ==, "");
  g_assert_false (attune_check_in_has_rupture (check_in));

  g_signal_connect (check_in, "notify", G_CALLBACK (notified_cb), NULL);
  notify_count = 0;
  attune_check_in_set_heard (check_in, 2);
  attune_check_in_set_heard (check_in, 2);
  attune_check_in_set_felt (check_in, "x");
  attune_check_in_set_felt (check_in, "x");
  attune_check_in_set_plan (check_in, ATTUNE_PLAN_LET_GO);
  attune_check_in_set_plan (check_in, ATTUNE_PLAN_LET_GO);
  g_object_set (check_in, "intensity", 3, NULL);
  g_object_set (check_in, "intensity", 3, NULL);
  g_assert_cmpuint (notify_count, ==, 4);
  g_object_get (check_in, "intensity", &value, NULL);
  g_assert_cmpint (value, ==, 3);

  attune_check_in_set_rupture (check_in, ATTUNE_RUPTURE_NO);
  g_assert_false (attune_check_in_has_rupture (check_in));
  attune_check_in_set_rupture (check_in, ATTUNE_RUPTURE_YES);
  g_assert_true (attune_check_in_has_rupture (check_in));
  attune_check_in_set_rupture (check_in, ATTUNE_RUPTURE_NOT_SURE);
  g_assert_true (attune_check_in_has_rupture (check_in));

  /* Setters refuse values out of range. */
  g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "*is_scale*");
  attune_check_in_set_connected (check_in, 6);
  g_test_assert_expected_messages ();
  g_assert_cmpint (attune_check_in_get_connected (check_in), ==, ATTUNE_SCALE_SKIPPED);

  g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "*ATTUNE_RUPTURE_KIND_ALL*");
  attune_check_in_set_kinds (check_in, 1 << 10);
  g_test_assert_expected_messages ();
  g_assert_cmpuint (attune_check_in_get_kinds (check_in), ==, 0);
}

static void
test_transitions (void)
{
  /* expected[status][answer], answers NOT_YET, BETTER, UNRESOLVED, LET_GO */
  static const AttuneRepairStatus expected[][4] = {
    [ATTUNE_REPAIR_NONE] = { ATTUNE_REPAIR_NONE, ATTUNE_REPAIR_NONE, ATTUNE_REPAIR_NONE, ATTUNE_REPAIR_NONE },
    [ATTUNE_REPAIR_OPEN] = { ATTUNE_REPAIR_OPEN, ATTUNE_REPAIR_REPAIRED, ATTUNE_REPAIR_IN_PROGRESS, ATTUNE_REPAIR_LET_GO },
    [ATTUNE_REPAIR_IN_PROGRESS] = { ATTUNE_REPAIR_IN_PROGRESS, ATTUNE_REPAIR_REPAIRED, ATTUNE_REPAIR_IN_PROGRESS, ATTUNE_REPAIR_LET_GO },
    [ATTUNE_REPAIR_REPAIRED] = { ATTUNE_REPAIR_REPAIRED, ATTUNE_REPAIR_REPAIRED, ATTUNE_REPAIR_IN_PROGRESS, ATTUNE_REPAIR_LET_GO },
    [ATTUNE_REPAIR_LET_GO] = { ATTUNE_REPAIR_LET_GO, ATTUNE_REPAIR_REPAIRED, ATTUNE_REPAIR_IN_PROGRESS, ATTUNE_REPAIR_LET_GO },
  };

  for (guint status = ATTUNE_REPAIR_NONE; status <= ATTUNE_REPAIR_LET_GO; status++)
    for (guint answer = ATTUNE_FOLLOW_UP_NOT_YET; answer <= ATTUNE_FOLLOW_UP_LET_GO; answer++)
      {
        g_test_message ("status %u, answer %u", status, answer);
        g_assert_cmpint (attune_repair_status_after (status, answer), ==, expected[status][answer]);
      }
}

static void
test_follow_up (void)
{
  g_autoptr(AttuneStore) store = open_default_store ();
  g_autoptr(AttuneCheckIn) check_in = new_rupture (SESSION_AT, "Cut off");
  g_autoptr(AttuneCheckIn) calm = attune_check_in_new ();
  g_autoptr(AttuneCheckIn) read = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id, before;
  const AttuneRepairEvent *event;

  before = g_get_real_time ();
  save_ok (store, check_in);
  id = attune_check_in_get_entry_id (check_in);

  follow_up_ok (store, id, ATTUNE_FOLLOW_UP_NOT_YET, "Next week");
  follow_up_ok (store, id, ATTUNE_FOLLOW_UP_UNRESOLVED, "We started");
  follow_up_ok (store, id, ATTUNE_FOLLOW_UP_BETTER, NULL);

  read = attune_store_get_check_in (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (attune_check_in_get_repair_status (read), ==, ATTUNE_REPAIR_REPAIRED);

  events = attune_store_list_repair_events (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 4);

  event = g_ptr_array_index (events, 0);
  g_assert_cmpint (event->status, ==, ATTUNE_REPAIR_OPEN);
  g_assert_null (event->note);
  event = g_ptr_array_index (events, 1);
  g_assert_cmpint (event->status, ==, ATTUNE_REPAIR_OPEN);
  g_assert_cmpstr (event->note, ==, "Next week");
  event = g_ptr_array_index (events, 2);
  g_assert_cmpint (event->status, ==, ATTUNE_REPAIR_IN_PROGRESS);
  g_assert_cmpstr (event->note, ==, "We started");
  event = g_ptr_array_index (events, 3);
  g_assert_cmpint (event->status, ==, ATTUNE_REPAIR_REPAIRED);
  g_assert_null (event->note);

  for (guint i = 0; i < events->len; i++)
    {
      const AttuneRepairEvent *e = g_ptr_array_index (events, i);

      g_assert_cmpint (e->at, >=, before);
      g_assert_cmpint (e->at, <=, g_get_real_time ());
      if (i > 0)
        g_assert_cmpint (e->at, >=, ((const AttuneRepairEvent *) g_ptr_array_index (events, i - 1))->at);
    }

  /* Errors: no such check-in, no rupture, a note that is not UTF-8. */
  g_assert_false (attune_store_follow_up_rupture (store, id + 100, ATTUNE_FOLLOW_UP_BETTER, NULL, &error));
  g_assert_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  attune_check_in_set_session_at (calm, SESSION_AT);
  attune_check_in_set_rupture (calm, ATTUNE_RUPTURE_NO);
  save_ok (store, calm);
  g_assert_cmpint (attune_check_in_get_repair_status (calm), ==, ATTUNE_REPAIR_NONE);
  g_assert_false (attune_store_follow_up_rupture (store, attune_check_in_get_entry_id (calm),
                                                  ATTUNE_FOLLOW_UP_BETTER, NULL, &error));
  g_assert_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (attune_store_follow_up_rupture (store, id, ATTUNE_FOLLOW_UP_BETTER, "\xff", &error));
  g_assert_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM repair_events"), ==, 4);

  /* Turning the rupture off and on again moves NONE ↔ OPEN, recorded. */
  g_clear_pointer (&events, g_ptr_array_unref);
  attune_check_in_set_rupture (calm, ATTUNE_RUPTURE_YES);
  save_ok (store, calm);
  g_assert_cmpint (attune_check_in_get_repair_status (calm), ==, ATTUNE_REPAIR_OPEN);
  attune_check_in_set_rupture (calm, ATTUNE_RUPTURE_NO);
  save_ok (store, calm);
  g_assert_cmpint (attune_check_in_get_repair_status (calm), ==, ATTUNE_REPAIR_NONE);
  events = attune_store_list_repair_events (store, attune_check_in_get_entry_id (calm), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 2);
  g_assert_cmpint (((AttuneRepairEvent *) g_ptr_array_index (events, 0))->status, ==, ATTUNE_REPAIR_OPEN);
  g_assert_cmpint (((AttuneRepairEvent *) g_ptr_array_index (events, 1))->status, ==, ATTUNE_REPAIR_NONE);
}

static void
test_open_ruptures (void)
{
  g_autoptr(AttuneStore) store = open_default_store ();
  g_autoptr(AttuneCheckIn) late = new_rupture (SESSION_AT + 48 * HOUR, "Late");
  g_autoptr(AttuneCheckIn) early = new_rupture (SESSION_AT, "Early");
  g_autoptr(AttuneCheckIn) middle = new_rupture (SESSION_AT + 24 * HOUR, "Middle");
  g_autoptr(AttuneCheckIn) none = attune_check_in_new ();
  g_autoptr(GPtrArray) open = NULL;
  g_autoptr(GError) error = NULL;

  attune_check_in_set_session_at (none, SESSION_AT - HOUR);
  save_ok (store, late);
  save_ok (store, early);
  save_ok (store, middle);
  save_ok (store, none);

  open = attune_store_list_open_ruptures (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (open->len, ==, 3);
  g_assert_cmpstr (attune_check_in_get_what_happened (g_ptr_array_index (open, 0)), ==, "Early");
  g_assert_cmpstr (attune_check_in_get_what_happened (g_ptr_array_index (open, 1)), ==, "Middle");
  g_assert_cmpstr (attune_check_in_get_what_happened (g_ptr_array_index (open, 2)), ==, "Late");
  g_clear_pointer (&open, g_ptr_array_unref);

  /* In progress stays; repaired and let go drop out. */
  follow_up_ok (store, attune_check_in_get_entry_id (early), ATTUNE_FOLLOW_UP_UNRESOLVED, NULL);
  follow_up_ok (store, attune_check_in_get_entry_id (middle), ATTUNE_FOLLOW_UP_BETTER, NULL);
  follow_up_ok (store, attune_check_in_get_entry_id (late), ATTUNE_FOLLOW_UP_LET_GO, NULL);

  open = attune_store_list_open_ruptures (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (open->len, ==, 1);
  g_assert_cmpstr (attune_check_in_get_what_happened (g_ptr_array_index (open, 0)), ==, "Early");
  g_assert_cmpint (attune_check_in_get_repair_status (g_ptr_array_index (open, 0)), ==, ATTUNE_REPAIR_IN_PROGRESS);
}

static void
test_bring_up (void)
{
  g_autoptr(AttuneStore) store = open_default_store ();
  g_autoptr(AttuneCheckIn) check_in = new_rupture (SESSION_AT, "  She\nforgot   what I said last week  ");
  g_autoptr(AttuneCheckIn) quiet = new_rupture (SESSION_AT, "");
  g_autoptr(AttuneCheckIn) no_rupture = attune_check_in_new ();
  g_autoptr(AttuneAgendaItem) item = NULL;
  GListModel *agenda = attune_store_get_agenda (store);
  gint64 id;

  attune_check_in_set_plan (check_in, ATTUNE_PLAN_BRING_UP | ATTUNE_PLAN_WAIT);
  save_ok (store, check_in);
  id = attune_check_in_get_entry_id (check_in);

  g_assert_cmpuint (g_list_model_get_n_items (agenda), ==, 1);
  item = g_list_model_get_item (agenda, 0);
  g_assert_cmpstr (attune_agenda_item_get_text (item), ==, "She forgot what I said last week");
  g_assert_cmpint (attune_agenda_item_get_entry_id (item), ==, id);
  g_clear_object (&item);

  /* Saving again, also after checking the item off, adds nothing. */
  attune_check_in_set_felt (check_in, "Forgotten");
  save_ok (store, check_in);
  g_assert_cmpuint (g_list_model_get_n_items (agenda), ==, 1);
  item = g_list_model_get_item (agenda, 0);
  g_assert_true (attune_store_set_agenda_item_done (store, attune_agenda_item_get_id (item), TRUE, NULL));
  g_clear_object (&item);
  save_ok (store, check_in);
  g_assert_cmpuint (g_list_model_get_n_items (agenda), ==, 1);
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM agenda"), ==, 1);

  /* Without a rupture, bringing it up adds nothing. */
  attune_check_in_set_session_at (no_rupture, SESSION_AT);
  attune_check_in_set_rupture (no_rupture, ATTUNE_RUPTURE_NO);
  attune_check_in_set_plan (no_rupture, ATTUNE_PLAN_BRING_UP);
  save_ok (store, no_rupture);
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM agenda"), ==, 1);

  /* Nothing written: a line naming the day. Dropping the plan removes it. */
  attune_check_in_set_plan (quiet, ATTUNE_PLAN_BRING_UP);
  save_ok (store, quiet);
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM agenda"), ==, 2);
  item = g_list_model_get_item (agenda, 0);
  g_assert_true (g_str_has_prefix (attune_agenda_item_get_text (item), "A moment in the session on "));
  g_assert_false (attune_agenda_item_get_done (item));
  g_clear_object (&item);

  attune_check_in_set_plan (quiet, ATTUNE_PLAN_WAIT);
  save_ok (store, quiet);
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM agenda"), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (agenda), ==, 1);
}

static guint changed_position;
static guint changed_removed;
static guint changed_added;
static guint changed_count;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gpointer    user_data)
{
  changed_position = position;
  changed_removed = removed;
  changed_added = added;
  changed_count++;
}

static void
test_timeline (void)
{
  g_autoptr(AttuneStore) store = open_default_store ();
  g_autoptr(AttuneTimeline) timeline = attune_store_new_timeline (store);
  g_autoptr(AttuneCheckIn) check_in = new_rupture (SESSION_AT, "The Zoom froze and she moved on");
  g_autoptr(AttuneEntry) row = NULL;
  g_autoptr(AttuneEntry) note = attune_entry_new ();
  gint64 id;

  attune_entry_set_body (note, "A note");
  attune_entry_set_day (note, "2024-01-01");
  g_assert_true (attune_store_save_entry (store, note, NULL));

  g_signal_connect (timeline, "items-changed", G_CALLBACK (items_changed_cb), NULL);
  changed_count = 0;
  save_ok (store, check_in);
  id = attune_check_in_get_entry_id (check_in);
  g_assert_cmpuint (changed_count, >=, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (timeline)), ==, 2);

  row = g_list_model_get_item (G_LIST_MODEL (timeline), 0);
  g_assert_cmpint (attune_entry_get_id (row), ==, id);
  g_assert_cmpint (attune_entry_get_kind (row), ==, ATTUNE_ENTRY_KIND_CHECK_IN);
  g_assert_cmpint (attune_entry_get_repair_status (row), ==, ATTUNE_REPAIR_OPEN);
  g_clear_object (&row);

  row = g_list_model_get_item (G_LIST_MODEL (timeline), 1);
  g_assert_cmpint (attune_entry_get_repair_status (row), ==, ATTUNE_REPAIR_NONE);
  g_clear_object (&row);

  changed_count = 0;
  follow_up_ok (store, id, ATTUNE_FOLLOW_UP_BETTER, NULL);
  g_assert_cmpuint (changed_count, ==, 1);
  g_assert_cmpuint (changed_position, ==, 0);
  g_assert_cmpuint (changed_removed, ==, 1);
  g_assert_cmpuint (changed_added, ==, 1);

  row = g_list_model_get_item (G_LIST_MODEL (timeline), 0);
  g_assert_cmpint (attune_entry_get_repair_status (row), ==, ATTUNE_REPAIR_REPAIRED);
  g_clear_object (&row);

  /* Search finds check-ins by the person's words. */
  attune_timeline_set_query (timeline, "zoom froze");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (timeline)), ==, 1);
  row = g_list_model_get_item (G_LIST_MODEL (timeline), 0);
  g_assert_cmpint (attune_entry_get_id (row), ==, id);
}

static void
test_drafts (void)
{
  g_autoptr(AttuneStore) store = open_default_store ();
  g_autoptr(AttuneCheckIn) check_in = attune_check_in_new ();
  g_autoptr(AttuneCheckIn) read = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *loaded = NULL;
  static const struct {
    const char *draft;
    const char *field;
  } bad[] = {
    { "{'heard': <'loud'>}", "heard" },
    { "{'connected': <6>}", "connected" },
    { "{'intensity': <-2>}", "intensity" },
    { "{'mode': <9>}", "mode" },
    { "{'rupture': <int64 1>}", "rupture" },
    { "{'kinds': <uint32 1024>}", "kinds" },
    { "{'plan': <uint32 16>}", "plan" },
    { "{'felt': <42>}", "felt" },
    { "{'session-at': <int64 -5>}", "session-at" },
    { "{'entry-id': <int64 3>}", "uuid" },
    { "{'uuid': <'not a uuid'>, 'entry-id': <int64 3>}", "uuid" },
  };

  fill_every_field (check_in);
  text = attune_check_in_serialize (check_in);

  /* Through the drafts table, as the wizard does. */
  g_assert_true (attune_store_save_draft (store, "check-in", text, &error));
  g_assert_no_error (error);
  loaded = attune_store_load_draft (store, "check-in", &error);
  g_assert_no_error (error);

  read = attune_check_in_deserialize (loaded, &error);
  g_assert_no_error (error);
  assert_same_answers (read, check_in);
  g_assert_cmpint (attune_check_in_get_entry_id (read), ==, 0);
  g_clear_object (&read);

  /* A saved check-in keeps its identity through a draft. */
  save_ok (store, check_in);
  g_clear_pointer (&text, g_free);
  text = attune_check_in_serialize (check_in);
  read = attune_check_in_deserialize (text, &error);
  g_assert_no_error (error);
  g_assert_cmpint (attune_check_in_get_entry_id (read), ==, attune_check_in_get_entry_id (check_in));
  g_assert_cmpstr (attune_check_in_get_uuid (read), ==, attune_check_in_get_uuid (check_in));
  g_clear_object (&read);

  /* Unknown keys are ignored; missing ones keep their defaults. */
  read = attune_check_in_deserialize ("{'from-the-future': <true>, 'heard': <3>}", &error);
  g_assert_no_error (error);
  g_assert_cmpint (attune_check_in_get_heard (read), ==, 3);
  g_assert_cmpint (attune_check_in_get_connected (read), ==, ATTUNE_SCALE_SKIPPED);
  g_clear_object (&read);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_test_message ("draft %s", bad[i].draft);
      read = attune_check_in_deserialize (bad[i].draft, &error);
      g_assert_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, bad[i].field));
      g_assert_null (read);
      g_clear_error (&error);
    }

  /* Not a{sv} at all, not GVariant text, not UTF-8. */
  read = attune_check_in_deserialize ("[1, 2]", &error);
  g_assert_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_INVALID);
  g_clear_error (&error);
  read = attune_check_in_deserialize ("{'felt': <'unterminated", &error);
  g_assert_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_INVALID);
  g_clear_error (&error);
  read = attune_check_in_deserialize ("{'felt': <'\xc3\x28'>}", &error);
  g_assert_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* Text that is not UTF-8 still makes a readable draft. */
  attune_check_in_set_felt (check_in, "bad \xff byte");
  g_clear_pointer (&text, g_free);
  text = attune_check_in_serialize (check_in);
  read = attune_check_in_deserialize (text, &error);
  g_assert_no_error (error);
  g_assert_true (g_utf8_validate (attune_check_in_get_felt (read), -1, NULL));
}

static void
test_invalid (void)
{
  g_autoptr(AttuneStore) store = open_default_store ();
  g_autoptr(AttuneCheckIn) check_in = new_rupture (SESSION_AT, "ok");
  g_autoptr(GError) error = NULL;
  g_autofree char *huge = g_strnfill (ATTUNE_CHECK_IN_MAX_TEXT_CHARS + 1, 'a');
  const char *tables[] = { "entries", "check_ins", "repair_events", "agenda" };

  attune_check_in_set_plan (check_in, ATTUNE_PLAN_BRING_UP);

  /* No session time */
  attune_check_in_set_session_at (check_in, 0);
  g_assert_false (attune_store_save_check_in (store, check_in, &error));
  g_assert_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_INVALID);
  g_clear_error (&error);
  attune_check_in_set_session_at (check_in, SESSION_AT);

  /* Not UTF-8 */
  attune_check_in_set_needed (check_in, "\xc3\x28");
  g_assert_false (attune_store_save_check_in (store, check_in, &error));
  g_assert_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_INVALID);
  g_clear_error (&error);
  attune_check_in_set_needed (check_in, "");

  /* Too long */
  attune_check_in_set_message (check_in, huge);
  g_assert_false (attune_store_save_check_in (store, check_in, &error));
  g_assert_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_cmpint (attune_check_in_get_entry_id (check_in), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", tables[i]);

      g_assert_cmpint (count_rows (store, sql), ==, 0);
    }

  /* Exactly the limit is fine. */
  huge[ATTUNE_CHECK_IN_MAX_TEXT_CHARS] = '\0';
  attune_check_in_set_message (check_in, huge);
  save_ok (store, check_in);
}

static void
test_find_between (void)
{
  g_autoptr(AttuneStore) store = open_default_store ();
  g_autoptr(AttuneCheckIn) check_in = new_rupture (SESSION_AT, "x");
  g_autoptr(GError) error = NULL;
  gint64 found = -1;

  g_assert_true (attune_store_find_check_in_between (store, 0, G_MAXINT64, &found, &error));
  g_assert_no_error (error);
  g_assert_cmpint (found, ==, 0);

  save_ok (store, check_in);

  g_assert_true (attune_store_find_check_in_between (store, SESSION_AT - HOUR, SESSION_AT + HOUR, &found, &error));
  g_assert_cmpint (found, ==, attune_check_in_get_entry_id (check_in));

  /* [from, to): the start counts, the end does not. */
  g_assert_true (attune_store_find_check_in_between (store, SESSION_AT, SESSION_AT + 1, &found, &error));
  g_assert_cmpint (found, ==, attune_check_in_get_entry_id (check_in));
  g_assert_true (attune_store_find_check_in_between (store, SESSION_AT - HOUR, SESSION_AT, &found, &error));
  g_assert_cmpint (found, ==, 0);
  g_assert_true (attune_store_find_check_in_between (store, SESSION_AT + 1, SESSION_AT + HOUR, &found, &error));
  g_assert_cmpint (found, ==, 0);
  g_assert_true (attune_store_find_check_in_between (store, SESSION_AT, SESSION_AT + 1, NULL, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/check-in/round-trip", test_round_trip);
  g_test_add_func ("/check-in/object", test_object);
  g_test_add_func ("/check-in/transitions", test_transitions);
  g_test_add_func ("/check-in/follow-up", test_follow_up);
  g_test_add_func ("/check-in/open-ruptures", test_open_ruptures);
  g_test_add_func ("/check-in/bring-up", test_bring_up);
  g_test_add_func ("/check-in/timeline", test_timeline);
  g_test_add_func ("/check-in/drafts", test_drafts);
  g_test_add_func ("/check-in/invalid", test_invalid);
  g_test_add_func ("/check-in/find-between", test_find_between);

  return g_test_run ();
}

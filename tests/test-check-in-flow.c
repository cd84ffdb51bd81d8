/* test-check-in-flow.c: the check-in wizard's state machine, without a display
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "attune-check-in-flow.h"
#include "attune-store.h"

static GArray *
walk_pages (AttuneCheckInFlow *flow)
{
  GArray *pages = g_array_new (FALSE, FALSE, sizeof (int));
  guint guard = 0;

  while (attune_check_in_flow_back (flow) && guard++ < 20)
    ;

  do
    {
      int page = attune_check_in_flow_get_page (flow);
      g_array_append_val (pages, page);
    }
  while (attune_check_in_flow_next (flow) && guard++ < 40);

  return pages;
}

static void
assert_pages (AttuneCheckInFlow *flow,
              const int         *expected,
              guint              n_expected)
{
  g_autoptr(GArray) pages = walk_pages (flow);

  g_assert_cmpuint (pages->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    g_assert_cmpint (g_array_index (pages, int, i), ==, expected[i]);
  g_assert_cmpuint (attune_check_in_flow_get_n_steps (flow), ==, n_expected);
}

static void
test_pages_without_rupture (void)
{
  g_autoptr(AttuneCheckIn) check_in = attune_check_in_new ();
  g_autoptr(AttuneCheckInFlow) flow = attune_check_in_flow_new (check_in, FALSE);
  const int unanswered[] = {
    ATTUNE_CHECK_IN_PAGE_SESSION, ATTUNE_CHECK_IN_PAGE_FEELINGS,
    ATTUNE_CHECK_IN_PAGE_RUPTURE, ATTUNE_CHECK_IN_PAGE_SUMMARY,
  };

  g_assert_cmpint (attune_check_in_flow_get_page (flow), ==, ATTUNE_CHECK_IN_PAGE_SESSION);
  g_assert_false (attune_check_in_flow_can_go_back (flow));
  assert_pages (flow, unanswered, G_N_ELEMENTS (unanswered));

  attune_check_in_set_rupture (check_in, ATTUNE_RUPTURE_NO);
  assert_pages (flow, unanswered, G_N_ELEMENTS (unanswered));
}

static void
test_pages_with_rupture (void)
{
  g_autoptr(AttuneCheckIn) check_in = attune_check_in_new ();
  g_autoptr(AttuneCheckInFlow) flow = attune_check_in_flow_new (check_in, TRUE);
  const int all[] = {
    ATTUNE_CHECK_IN_PAGE_FOLLOW_UP, ATTUNE_CHECK_IN_PAGE_SESSION, ATTUNE_CHECK_IN_PAGE_FEELINGS,
    ATTUNE_CHECK_IN_PAGE_RUPTURE, ATTUNE_CHECK_IN_PAGE_KINDS, ATTUNE_CHECK_IN_PAGE_WORDS,
    ATTUNE_CHECK_IN_PAGE_ENDING, ATTUNE_CHECK_IN_PAGE_PLAN, ATTUNE_CHECK_IN_PAGE_SUMMARY,
  };

  attune_check_in_set_rupture (check_in, ATTUNE_RUPTURE_YES);
  assert_pages (flow, all, G_N_ELEMENTS (all));

  /* "Not sure" asks the same questions as "yes". */
  attune_check_in_set_rupture (check_in, ATTUNE_RUPTURE_NOT_SURE);
  assert_pages (flow, all, G_N_ELEMENTS (all));
}

static void
test_skip_and_back (void)
{
  g_autoptr(AttuneCheckIn) check_in = attune_check_in_new ();
  g_autoptr(AttuneCheckInFlow) flow = attune_check_in_flow_new (check_in, FALSE);
  guint notified = 0;

  g_signal_connect_swapped (flow, "notify::page", G_CALLBACK (g_atomic_int_inc), &notified);

  /* Nothing is required: Next with no answers is skipping. */
  g_assert_true (attune_check_in_flow_next (flow));
  g_assert_true (attune_check_in_flow_next (flow));
  g_assert_cmpint (attune_check_in_flow_get_page (flow), ==, ATTUNE_CHECK_IN_PAGE_RUPTURE);
  g_assert_cmpuint (attune_check_in_flow_get_step (flow), ==, 2);

  attune_check_in_set_rupture (check_in, ATTUNE_RUPTURE_YES);
  g_assert_true (attune_check_in_flow_next (flow));
  g_assert_cmpint (attune_check_in_flow_get_page (flow), ==, ATTUNE_CHECK_IN_PAGE_KINDS);

  /* Going back and changing the answer takes the rupture pages out again. */
  g_assert_true (attune_check_in_flow_back (flow));
  attune_check_in_set_rupture (check_in, ATTUNE_RUPTURE_NO);
  g_assert_true (attune_check_in_flow_next (flow));
  g_assert_cmpint (attune_check_in_flow_get_page (flow), ==, ATTUNE_CHECK_IN_PAGE_SUMMARY);
  g_assert_true (attune_check_in_flow_is_last (flow));
  g_assert_false (attune_check_in_flow_next (flow));
  g_assert_cmpuint (notified, ==, 5);
}

static void
test_draft_round_trip (void)
{
  g_autoptr(AttuneCheckIn) check_in = attune_check_in_new ();
  g_autoptr(AttuneCheckInFlow) flow = attune_check_in_flow_new (check_in, TRUE);
  g_autoptr(AttuneCheckInFlow) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *again = NULL;
  AttuneFollowUp answer;
  const char *note;

  attune_check_in_set_rupture (check_in, ATTUNE_RUPTURE_YES);
  attune_check_in_set_kinds (check_in, ATTUNE_RUPTURE_KIND_JUDGED | ATTUNE_RUPTURE_KIND_HELD_BACK);
  attune_check_in_set_what_happened (check_in, "Sie sagte „übertreib nicht“ — I went quiet.");
  attune_check_in_set_connected (check_in, ATTUNE_SCALE_NOT_SURE);
  attune_check_in_flow_set_follow_up (flow, 7, ATTUNE_FOLLOW_UP_UNRESOLVED, "Raised it; still tender.");
  attune_check_in_flow_set_discussed (flow, 3, TRUE);
  for (guint i = 0; i < 5; i++)
    attune_check_in_flow_next (flow);
  g_assert_cmpint (attune_check_in_flow_get_page (flow), ==, ATTUNE_CHECK_IN_PAGE_WORDS);

  text = attune_check_in_flow_serialize (flow);
  back = attune_check_in_flow_deserialize (text, &error);
  g_assert_no_error (error);

  g_assert_cmpint (attune_check_in_flow_get_page (back), ==, ATTUNE_CHECK_IN_PAGE_WORDS);
  g_assert_true (attune_check_in_flow_get_has_follow_up (back));
  g_assert_cmpstr (attune_check_in_get_what_happened (attune_check_in_flow_get_check_in (back)), ==,
                   "Sie sagte „übertreib nicht“ — I went quiet.");
  g_assert_cmpint (attune_check_in_get_connected (attune_check_in_flow_get_check_in (back)), ==, ATTUNE_SCALE_NOT_SURE);
  g_assert_true (attune_check_in_flow_get_follow_up (back, 7, &answer, &note));
  g_assert_cmpint (answer, ==, ATTUNE_FOLLOW_UP_UNRESOLVED);
  g_assert_cmpstr (note, ==, "Raised it; still tender.");
  g_assert_true (attune_check_in_flow_get_discussed (back, 3));
  g_assert_false (attune_check_in_flow_get_discussed (back, 4));

  again = attune_check_in_flow_serialize (back);
  g_assert_cmpstr (again, ==, text);
}

static void
test_resume_on_a_page_that_no_longer_applies (void)
{
  g_autoptr(AttuneCheckIn) check_in = attune_check_in_new ();
  g_autoptr(AttuneCheckInFlow) flow = attune_check_in_flow_new (check_in, FALSE);
  g_autoptr(AttuneCheckInFlow) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  attune_check_in_set_rupture (check_in, ATTUNE_RUPTURE_YES);
  while (attune_check_in_flow_get_page (flow) != ATTUNE_CHECK_IN_PAGE_ENDING)
    g_assert_true (attune_check_in_flow_next (flow));
  attune_check_in_set_rupture (check_in, ATTUNE_RUPTURE_NO);

  text = attune_check_in_flow_serialize (flow);
  back = attune_check_in_flow_deserialize (text, &error);
  g_assert_no_error (error);
  g_assert_cmpint (attune_check_in_flow_get_page (back), ==, ATTUNE_CHECK_IN_PAGE_RUPTURE);
}

static void
test_damaged_drafts (void)
{
  const char *drafts[] = {
    "",
    "not a variant",
    "[1, 2, 3]",
    "{'version': <uint32 99>}",
    "{'version': <uint32 1>, 'check-in': <'{}'>, 'page': <uint32 42>, 'has-follow-up': <false>}",
    "{'version': <uint32 1>, 'check-in': <'garbage'>, 'page': <uint32 1>, 'has-follow-up': <false>}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (drafts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(AttuneCheckInFlow) flow = attune_check_in_flow_deserialize (drafts[i], &error);

      g_assert_null (flow);
      g_assert_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_INVALID);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/check-in-flow/pages-without-rupture", test_pages_without_rupture);
  g_test_add_func ("/check-in-flow/pages-with-rupture", test_pages_with_rupture);
  g_test_add_func ("/check-in-flow/skip-and-back", test_skip_and_back);
  g_test_add_func ("/check-in-flow/draft-round-trip", test_draft_round_trip);
  g_test_add_func ("/check-in-flow/resume-on-a-page-that-no-longer-applies", test_resume_on_a_page_that_no_longer_applies);
  g_test_add_func ("/check-in-flow/damaged-drafts", test_damaged_drafts);

  return g_test_run ();
}

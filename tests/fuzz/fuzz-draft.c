/* fuzz-draft.c: libFuzzer target for the check-in drafts read back from the database
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A draft is text in the drafts table (a GVariant a{sv} in its text form),
 * read back when the window opens: a damaged or hand-edited database must
 * give an error, never a crash. Each input is read as a whole wizard draft
 * (attune_check_in_flow_deserialize) and as the check-in inside it
 * (attune_check_in_deserialize). What reads back must write out again and
 * read back to the same text. */

#include "config.h"

#include "attune-check-in-flow.h"
#include "attune-check-in.h"
#include "attune-fuzz.h"
#include "attune-store.h"

static void
check_flow (const char *text)
{
  g_autoptr(AttuneCheckInFlow) flow = NULL;
  g_autoptr(AttuneCheckInFlow) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;
  g_autofree char *rewritten = NULL;

  flow = attune_check_in_flow_deserialize (text, &error);
  if (flow == NULL)
    {
      g_assert_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_INVALID);
      return;
    }

  written = attune_check_in_flow_serialize (flow);
  again = attune_check_in_flow_deserialize (written, &error);
  g_assert_no_error (error);
  rewritten = attune_check_in_flow_serialize (again);
  g_assert_cmpstr (written, ==, rewritten);
}

static void
check_check_in (const char *text)
{
  g_autoptr(AttuneCheckIn) check_in = NULL;
  g_autoptr(AttuneCheckIn) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;
  g_autofree char *rewritten = NULL;

  check_in = attune_check_in_deserialize (text, &error);
  if (check_in == NULL)
    {
      g_assert_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_INVALID);
      return;
    }

  written = attune_check_in_serialize (check_in);
  again = attune_check_in_deserialize (written, &error);
  g_assert_no_error (error);
  rewritten = attune_check_in_serialize (again);
  g_assert_cmpstr (written, ==, rewritten);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  /* SQLite hands text over up to its first NUL. */
  g_autofree char *text = attune_fuzz_dup_string (data, size);

  attune_fuzz_init ();

  check_flow (text);
  check_check_in (text);

  return 0;
}

/* test-export.c
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "attune-export.h"

static void
test_entry_markdown (void)
{
  g_autoptr(AttuneEntry) entry = attune_entry_new ();
  g_autofree char *text = NULL;

  attune_entry_set_title (entry, "Before Thursday");
  attune_entry_set_day (entry, "2026-11-24");
  attune_entry_set_body (entry, "Ask about the pause near the end.");

  text = attune_export_entry_to_markdown (entry);
  g_assert_cmpstr (text, ==, "## Before Thursday (2026-11-24)\n\nAsk about the pause near the end.\n");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/export/entry-markdown", test_entry_markdown);

  return g_test_run ();
}

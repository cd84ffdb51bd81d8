/* attune-test-utils.h
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "attune-store.h"
#include "attune-test-files.h"

G_BEGIN_DECLS

/* Runs the main context until @condition holds or @timeout_ms passes; returns the outcome. */
#define attune_test_wait_until(condition, timeout_ms)                          \
  G_STMT_START {                                                               \
    gint64 _deadline = g_get_monotonic_time () + (timeout_ms) * 1000;          \
    while (!(condition) && g_get_monotonic_time () < _deadline)                \
      g_main_context_iteration (NULL, FALSE), g_usleep (1000);                 \
    g_assert_true (condition);                                                 \
  } G_STMT_END

static inline void
attune_test_flush (void)
{
  for (guint i = 0; i < 50 && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);
}

/* gtk_test_init aborts without a display; TAP wants a plan that says why we skip. */
static inline gboolean
attune_test_init_gtk (int    *argc,
                      char ***argv)
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("1..0 # SKIP no display to run UI tests on\n");
      return FALSE;
    }

  gtk_test_init (argc, argv, NULL);
  return TRUE;
}

/* Removes a test's temporary journal folder. */
static inline void
attune_test_remove_dir (const char *dir)
{
  attune_test_remove_tree (dir);
}

/* A new journal in a new temporary folder; *dir is set to the folder for clean-up. */
static inline AttuneStore *
attune_test_open_store (char **dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  AttuneStore *store;

  *dir = g_dir_make_tmp ("attune-test-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (*dir, "attune.db", NULL);
  store = attune_store_open (path, &error);
  g_assert_no_error (error);

  return store;
}

G_END_DECLS

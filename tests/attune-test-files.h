/* attune-test-files.h: files and folders in store tests (GLib only)
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib/gstdio.h>
#include <string.h>

G_BEGIN_DECLS

/* Removes @dir and everything below it. */
static inline void
attune_test_remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        attune_test_remove_tree (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

/* How many files below @dir hold @needle anywhere in their bytes; each is named in a test message. */
static inline guint
attune_test_count_files_holding (const char *dir,
                                 const char *needle)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  gsize needle_length = strlen (needle);
  guint hits = 0;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          hits += attune_test_count_files_holding (path, needle);
          continue;
        }

      if (!g_file_get_contents (path, &contents, &length, NULL) || length < needle_length)
        continue;

      for (gsize i = 0; i + needle_length <= length; i++)
        if (contents[i] == needle[0] && memcmp (contents + i, needle, needle_length) == 0)
          {
            g_test_message ("%s holds the phrase", path);
            hits++;
            break;
          }
    }

  return hits;
}

G_END_DECLS

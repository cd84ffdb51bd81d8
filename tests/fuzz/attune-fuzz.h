/* attune-fuzz.h: shared set-up of Attune's libFuzzer targets
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

G_BEGIN_DECLS

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

static inline GLogWriterOutput
attune_fuzz_log_writer_cb (GLogLevelFlags   level,
                           const GLogField *fields,
                           gsize            n_fields,
                           gpointer         user_data)
{
  GLogWriterOutput output = g_log_writer_standard_streams (level, fields, n_fields, user_data);

  /* SIGABRT, not the SIGTRAP of GLib's fatal messages: libFuzzer saves the input only
   * for the signals it handles. */
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    abort ();

  return output;
}

/* A critical or a warning is a bug the fuzzer found: make it abort, so it
 * counts as a crash. Called at the top of every input (cheap after the first). */
static inline void
attune_fuzz_init (void)
{
  static gboolean done;

  if (done)
    return;
  done = TRUE;

  g_log_set_writer_func (attune_fuzz_log_writer_cb, NULL, NULL);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
}

/* @data as a NUL-terminated string, as the program sees text read from a
 * file, the database or the command line. */
static inline char *
attune_fuzz_dup_string (const guint8 *data,
                        size_t        size)
{
  char *text = g_malloc (size + 1);

  memcpy (text, data, size);
  text[size] = '\0';

  return text;
}

G_END_DECLS

/* attune-export.c
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "attune-export.h"

/* The report renderer (text, PDF, print) grows here; for now, one entry as Markdown,
 * which is also what the person sees when they copy an entry out. */

/**
 * attune_export_entry_to_markdown:
 * @entry: an entry
 *
 * Returns: (transfer full): the entry as Markdown: a heading with its title and day,
 *   then the body as it was written
 */
char *
attune_export_entry_to_markdown (AttuneEntry *entry)
{
  g_autofree char *title = NULL;
  GString *out;

  g_return_val_if_fail (ATTUNE_IS_ENTRY (entry), NULL);

  title = attune_entry_dup_display_title (entry);
  out = g_string_new (NULL);
  g_string_append_printf (out, "## %s (%s)\n\n", title, attune_entry_get_day (entry));

  if (*attune_entry_get_body (entry) != '\0')
    g_string_append_printf (out, "%s\n", attune_entry_get_body (entry));

  return g_string_free (out, FALSE);
}

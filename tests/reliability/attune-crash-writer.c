/* attune-crash-writer.c: the process tests/reliability/test-kill.py kills with SIGKILL.
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opens the journal DIR/attune.db through the store library and saves entries in a loop
 * until it is killed: new entries of varied length with multibyte UTF-8, and now and then a
 * new text for an entry it saved earlier in this run. Around each save it prints, flushed:
 *
 *   saving <uuid or "new"> <sha256>    before calling attune_store_save_entry()
 *   saved <uuid> <sha256>              right after the store reported success
 *
 * where <sha256> is the SHA-256 of title "\n" body. Only "saved" lines are promises; a
 * "saving" line tells the harness which other text an entry may hold when the kill came
 * between the commit and the print.
 *
 *   attune-crash-writer DIR SEED
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "attune-store.h"

/* Pieces of text in several scripts and widths: 1-, 2-, 3- and 4-byte UTF-8. */
static const char * const words[] = {
  "today", "session", "felt", "heard", "quiet", "anger", "relief", "maybe",
  "später", "Gefühl", "müde", "café", "niño", "corazón", "ça", "œuvre",
  "Дом", "тишина", "ελπίδα", "שלום", "سلام", "日本語", "心", "ありがとう",
  "🌱", "💬", "🫶", "—", "“quoted”", "tab\there", "line\nbreak", "",
};

static char *
make_text (GRand *rand,
           guint  min_words,
           guint  max_words)
{
  GString *text = g_string_new (NULL);
  guint n = g_rand_int_range (rand, min_words, max_words + 1);

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (text, g_rand_int_range (rand, 0, 12) == 0 ? '\n' : ' ');
      g_string_append (text, words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
    }

  return g_string_free (text, FALSE);
}

static char *
checksum_entry (AttuneEntry *entry)
{
  g_autofree char *joined = g_strconcat (attune_entry_get_title (entry), "\n",
                                         attune_entry_get_body (entry), NULL);

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, joined, -1);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttuneStore) store = NULL;
  g_autoptr(GPtrArray) saved = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *path = NULL;
  GRand *rand;

  if (argc != 3)
    {
      g_printerr ("Usage: %s DIR SEED\n", argv[0]);
      return 2;
    }

  path = g_build_filename (argv[1], "attune.db", NULL);
  rand = g_rand_new_with_seed ((guint32) g_ascii_strtoull (argv[2], NULL, 10));

  store = attune_store_open (path, &error);
  if (store == NULL)
    {
      g_printerr ("open: %s\n", error->message);
      return 1;
    }

  printf ("open\n");
  fflush (stdout);

  for (guint i = 0; ; i++)
    {
      g_autoptr(AttuneEntry) entry = NULL;
      g_autofree char *title = make_text (rand, 0, 6);
      g_autofree char *body = NULL;
      g_autofree char *sum = NULL;
      gboolean update = saved->len > 0 && g_rand_int_range (rand, 0, 4) == 0;

      /* Mostly short notes, sometimes a long page (several SQLite pages, overflow chains). */
      body = g_rand_int_range (rand, 0, 16) == 0 ? make_text (rand, 200, 1200) : make_text (rand, 1, 60);

      if (update)
        entry = g_object_ref (g_ptr_array_index (saved, g_rand_int_range (rand, 0, saved->len)));
      else
        entry = attune_entry_new ();

      attune_entry_set_title (entry, title);
      /* A blank new entry would be refused; never let it be blank. */
      attune_entry_set_body (entry, *body != '\0' ? body : "·");
      attune_entry_set_mood (entry, g_rand_int_range (rand, 0, 6));
      sum = checksum_entry (entry);

      printf ("saving %s %s\n", update ? attune_entry_get_uuid (entry) : "new", sum);
      fflush (stdout);

      if (!attune_store_save_entry (store, entry, &error))
        {
          g_printerr ("save %u: %s\n", i, error->message);
          return 1;
        }

      printf ("saved %s %s\n", attune_entry_get_uuid (entry), sum);
      fflush (stdout);

      if (!update)
        g_ptr_array_add (saved, g_steal_pointer (&entry));
    }
}

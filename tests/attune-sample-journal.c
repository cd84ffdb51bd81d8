/* attune-sample-journal.c: writes a small, realistic journal for screenshots and by-hand testing
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "attune-store.h"

typedef struct
{
  int         days_ago;
  const char *title;
  const char *body;
  int         mood;
  gboolean    bring;
  const char *tags;
} Sample;

/* Our own words, in the voice of a person between sessions. */
static const Sample samples[] = {
  { 12, "First week back", "Starting therapy again after two years. I was nervous in the waiting room and then talked for fifty minutes without stopping.", 3, FALSE, "therapy" },
  { 9, "Work review", "The review went better than I feared. I still replayed the one critical sentence all evening.", 3, FALSE, "work" },
  { 7, "Something my therapist said", "“You don’t have to earn rest.” I keep coming back to that.", 4, TRUE, "therapy,rest" },
  { 5, NULL, "Called Mum. Kept it short and kind, and didn’t apologise for things that aren’t mine to apologise for.", 4, FALSE, "family" },
  { 3, "Sleep", "Woke at four again. Wrote the thoughts down instead of fighting them; it helped a little.", 2, FALSE, "sleep" },
  { 1, "The argument with Sam", "It started about the dishes but it wasn’t really about the dishes. I went quiet instead of saying I felt dismissed.", 2, TRUE, "family" },
  { 0, NULL, "Walked by the river after work. Noticed my shoulders drop for the first time this week.", 4, FALSE, "calm" },
  { 0, "Before Thursday’s session", "I want to bring up how rushed the end of last session felt. I’m worried it will sound like a complaint, but it has been on my mind all week.", 3, TRUE, "session" },
};

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AttuneStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (argc != 2)
    {
      g_printerr ("Usage: %s JOURNAL.db\n", argv[0]);
      return 2;
    }

  store = attune_store_open (argv[1], &error);
  if (store == NULL)
    {
      g_printerr ("%s: %s\n", argv[1], error->message);
      return 1;
    }

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autoptr(AttuneEntry) entry = attune_entry_new ();
      g_autoptr(GDateTime) then = g_date_time_add_days (now, -samples[i].days_ago);
      g_autofree char *day = g_date_time_format (then, "%Y-%m-%d");
      g_auto(GStrv) tags = g_strsplit (samples[i].tags, ",", -1);

      attune_entry_set_day (entry, day);
      attune_entry_set_title (entry, samples[i].title != NULL ? samples[i].title : "");
      attune_entry_set_body (entry, samples[i].body);
      attune_entry_set_mood (entry, samples[i].mood);
      attune_entry_set_bring (entry, samples[i].bring);
      attune_entry_set_tags (entry, (const char * const *) tags);

      if (!attune_store_save_entry (store, entry, &error))
        {
          g_printerr ("%s: %s\n", argv[1], error->message);
          return 1;
        }
    }

  return 0;
}

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

typedef struct
{
  int                 days_ago;
  int                 connected;
  int                 heard;
  AttuneRuptureAnswer rupture;
  AttuneRuptureKind   kinds;
  const char         *happened;
  AttunePlan          plan;
  AttuneFollowUp      follow_up;
} SampleCheckIn;

/* Four sessions: a hard moment three weeks ago that was talked through, and one last week
 * that is still open and on the list. */
static const SampleCheckIn check_ins[] = {
  { 21, 2, 3, ATTUNE_RUPTURE_YES, ATTUNE_RUPTURE_KIND_MISUNDERSTOOD | ATTUNE_RUPTURE_KIND_HELD_BACK,
    "When I talked about my sister, the conversation moved on before I had finished.",
    ATTUNE_PLAN_BRING_UP, ATTUNE_FOLLOW_UP_BETTER },
  { 14, 4, 4, ATTUNE_RUPTURE_NO, 0, NULL, 0, -1 },
  { 7, 3, 2, ATTUNE_RUPTURE_NOT_SURE, ATTUNE_RUPTURE_KIND_CONCERNS_NOT_ADDRESSED,
    "We ran out of time before I could bring up work.", ATTUNE_PLAN_BRING_UP | ATTUNE_PLAN_WRITE_MESSAGE, -1 },
  { 0, 4, 5, ATTUNE_RUPTURE_NO, 0, NULL, 0, -1 },
};

static gboolean
add_check_ins (AttuneStore  *store,
               GDateTime    *now,
               GError      **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (check_ins); i++)
    {
      const SampleCheckIn *sample = &check_ins[i];
      g_autoptr(AttuneCheckIn) check_in = attune_check_in_new ();
      g_autoptr(GDateTime) day = g_date_time_add_days (now, -sample->days_ago);
      g_autoptr(GDateTime) start = g_date_time_new_local (g_date_time_get_year (day),
                                                          g_date_time_get_month (day),
                                                          g_date_time_get_day_of_month (day),
                                                          sample->days_ago == 0 ? 0 : 17, 0, 0);

      attune_check_in_set_session_at (check_in, g_date_time_to_unix (start) * G_USEC_PER_SEC);
      attune_check_in_set_mode (check_in, ATTUNE_SESSION_MODE_IN_PERSON);
      attune_check_in_set_connected (check_in, sample->connected);
      attune_check_in_set_heard (check_in, sample->heard);
      attune_check_in_set_rupture (check_in, sample->rupture);
      attune_check_in_set_kinds (check_in, sample->kinds);
      if (sample->happened != NULL)
        attune_check_in_set_what_happened (check_in, sample->happened);
      attune_check_in_set_plan (check_in, sample->plan);

      if (!attune_store_save_check_in (store, check_in, error))
        return FALSE;

      if ((int) sample->follow_up >= 0 &&
          !attune_store_follow_up_rupture (store, attune_check_in_get_entry_id (check_in),
                                           sample->follow_up, "We talked it through.", error))
        return FALSE;
    }

  return TRUE;
}

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

  if (!add_check_ins (store, now, &error))
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

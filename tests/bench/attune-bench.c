/* attune-bench.c: store and export measures for tests/bench/run.sh (issue #7)
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Not a test: prints one JSON object per line, {"metric":…,"entries":…,"value":…}.
 *
 *   attune-bench generate DIR N   a deterministic journal of N entries in DIR/attune/attune.db
 *                                 (the path the app uses with XDG_DATA_HOME=DIR), written through
 *                                 the store's import API in one transaction
 *   attune-bench store DIR        open, page fetches, searches (also in a worker), autosaves
 *   attune-bench pdf DIR N        a report of the newest N entries to PDF
 *   attune-bench json DIR         JSON backup export, and import into an empty journal
 *   attune-bench exec PROG ARGS…  prints "exec_us=<CLOCK_MONOTONIC µs>" on stderr, then execs PROG
 *
 * Every time is the median (or percentile) of repeated runs; ATTUNE_BENCH_REPS sets the repeats.
 */

#include "config.h"

#include <errno.h>
#include <locale.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "attune-backup.h"
#include "attune-report.h"
#include "attune-store.h"

#define SEED 20261126

/* A vocabulary in the voice of the journal: common words, so that one-word searches hit many
 * entries, and rarer ones, so that others hit few. */
static const char * const common[] = {
  "I", "the", "and", "to", "a", "was", "it", "my", "of", "that", "in", "felt", "me", "about",
  "but", "with", "not", "so", "when", "again", "still", "today", "then", "after", "before",
  "really", "just", "more", "less", "for", "how", "what", "at", "we", "she", "he", "they",
};
static const char * const rare[] = {
  "therapy", "session", "therapist", "sleep", "morning", "evening", "walk", "river", "work",
  "review", "meeting", "manager", "mother", "father", "sister", "brother", "friend", "Sam",
  "argument", "dishes", "dinner", "weekend", "anxious", "calm", "tired", "angry", "sad",
  "relieved", "grateful", "nervous", "dismissed", "heard", "understood", "judged", "rushed",
  "quiet", "silence", "shoulders", "breathing", "chest", "headache", "coffee", "rain", "train",
  "office", "email", "phone", "message", "apologise", "boundaries", "rest", "earn", "worry",
  "waiting", "room", "minutes", "stopping", "thoughts", "fighting", "noticed", "drop", "week",
  "complaint", "mind", "Thursday", "Monday", "holiday", "birthday", "garden", "music", "book",
  "journal", "pattern", "trigger", "memory", "childhood", "school", "teacher", "doctor",
  "medication", "exercise", "running", "swimming", "cooking", "cleaning", "laundry", "money",
  "rent", "neighbour", "café", "naïve", "déjà", "façade", "Zoë", "über", "crèche",
};
static const char * const tag_names[] = {
  "therapy", "work", "family", "sleep", "calm", "session", "rest", "health", "friends", "money",
};

typedef struct
{
  guint64 state;
} Rng;

static guint32
rng_next (Rng *rng)
{
  /* xorshift64*: the same journal on every machine and GLib version. */
  rng->state ^= rng->state >> 12;
  rng->state ^= rng->state << 25;
  rng->state ^= rng->state >> 27;
  return (guint32) ((rng->state * 0x2545F4914F6CDD1DULL) >> 32);
}

static guint
rng_range (Rng   *rng,
           guint  n)
{
  return rng_next (rng) % n;
}

static void
append_sentence (GString *s,
                 Rng     *rng)
{
  guint n_words = 6 + rng_range (rng, 14);

  for (guint w = 0; w < n_words; w++)
    {
      const char *word = rng_range (rng, 4) == 0 ? rare[rng_range (rng, G_N_ELEMENTS (rare))]
                                                 : common[rng_range (rng, G_N_ELEMENTS (common))];

      if (w == 0)
        {
          const char *rest = g_utf8_next_char (word);
          g_autofree char *cap = g_utf8_strup (word, rest - word);

          g_string_append (s, cap);
          g_string_append (s, rest);
        }
      else
        {
          g_string_append_c (s, ' ');
          g_string_append (s, word);
        }
    }
  g_string_append (s, rng_range (rng, 8) == 0 ? "? " : ". ");
}

static char *
make_text (Rng   *rng,
           guint  min_sentences,
           guint  extra)
{
  GString *s = g_string_new (NULL);
  guint n = min_sentences + rng_range (rng, extra + 1);

  for (guint i = 0; i < n; i++)
    {
      append_sentence (s, rng);
      if (i + 1 < n && rng_range (rng, 5) == 0)
        g_string_append (s, "\n\n");
    }
  g_strchomp (s->str);
  s->len = strlen (s->str);

  return g_string_free (s, FALSE);
}

/* Entry @i of every generated journal, newest first: three entries a day going back from
 * 2026-11-25; every seventh one a check-in. The same i always gives the same entry. */
static AttuneJournalEntry *
make_entry (guint i)
{
  AttuneJournalEntry *entry = attune_journal_entry_new ();
  Rng rng = { ((guint64) i + 1) * 0x9E3779B97F4A7C15ULL ^ SEED };
  g_autoptr(GDate) date = g_date_new_dmy (25, G_DATE_NOVEMBER, 2026);
  g_autoptr(GDateTime) at = NULL;
  char day[16];
  GPtrArray *tags = g_ptr_array_new ();

  for (int k = 0; k < 3; k++)
    rng_next (&rng);

  g_date_subtract_days (date, i / 3);
  g_date_strftime (day, sizeof day, "%Y-%m-%d", date);
  at = g_date_time_new_utc (g_date_get_year (date), g_date_get_month (date), g_date_get_day (date),
                            20 - (int) (i % 3) * 5, (int) rng_range (&rng, 60), 0);

  g_free (entry->uuid);
  entry->uuid = g_strdup_printf ("%08x-%04x-4%03x-8%03x-%012" G_GINT64_MODIFIER "x",
                                 rng_next (&rng), rng_range (&rng, 0x10000), rng_range (&rng, 0x1000),
                                 rng_range (&rng, 0x1000), (gint64) i);
  g_free (entry->day);
  entry->day = g_strdup (day);
  entry->created_at = g_date_time_to_unix (at) * G_USEC_PER_SEC + i % 1000;
  entry->updated_at = entry->created_at + rng_range (&rng, 3600) * G_USEC_PER_SEC;
  g_free (entry->title);
  entry->title = rng_range (&rng, 3) == 0 ? g_strdup ("") : make_text (&rng, 1, 0);
  if (strlen (entry->title) > 60)
    entry->title[g_utf8_find_prev_char (entry->title, entry->title + 60) - entry->title] = '\0';
  g_free (entry->body);
  entry->body = make_text (&rng, 2, 10);        /* ~150 to ~1,500 characters */
  entry->format = 1;
  entry->mood = 1 + (int) rng_range (&rng, 5);
  entry->bring = rng_range (&rng, 200) == 0;

  for (guint t = 0, n = rng_range (&rng, 3); t < n; t++)
    {
      const char *name = tag_names[rng_range (&rng, G_N_ELEMENTS (tag_names))];

      if (!g_ptr_array_find_with_equal_func (tags, name, g_str_equal, NULL))
        g_ptr_array_add (tags, g_strdup (name));
    }
  g_ptr_array_add (tags, NULL);
  g_strfreev (entry->tags);
  entry->tags = (char **) g_ptr_array_free (tags, FALSE);

  if (i % 7 == 3)
    {
      AttuneJournalCheckIn *c = attune_journal_check_in_new ();
      gboolean rupture = rng_range (&rng, 3) == 0;

      entry->kind = ATTUNE_ENTRY_KIND_CHECK_IN;
      c->session_at = entry->created_at - G_GINT64_CONSTANT (2) * G_USEC_PER_SEC * 3600;
      c->mode = ATTUNE_SESSION_MODE_IN_PERSON + rng_range (&rng, 3);
      c->connected = 1 + rng_range (&rng, 5);
      c->heard = 1 + rng_range (&rng, 5);
      c->mattered = 1 + rng_range (&rng, 5);
      c->suited = 1 + rng_range (&rng, 5);
      c->rupture = rupture ? ATTUNE_RUPTURE_YES : ATTUNE_RUPTURE_NO;
      if (rupture)
        {
          c->kinds = 1 << rng_range (&rng, 9);
          c->intensity = 1 + rng_range (&rng, 5);
          g_free (c->what_happened);
          c->what_happened = make_text (&rng, 1, 2);
          g_free (c->felt);
          c->felt = make_text (&rng, 1, 1);
          g_free (c->needed);
          c->needed = make_text (&rng, 1, 1);
          c->spoke_up = ATTUNE_SPOKE_UP_YES + rng_range (&rng, 3);
          c->plan = 1 << rng_range (&rng, 4);
          /* Old ruptures are settled; the newest few are still open. */
          c->repair_status = i < 50 ? ATTUNE_REPAIR_OPEN : ATTUNE_REPAIR_REPAIRED;
        }
      entry->check_in = c;
    }

  return entry;
}

static char *
journal_path (const char *dir)
{
  return g_build_filename (dir, "attune", "attune.db", NULL);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The nearest-rank percentile of @n values, @p in 0..100. */
static double
percentile (GArray *values,
            double  p)
{
  guint rank;

  g_assert (values->len > 0);
  g_array_sort (values, compare_doubles);
  rank = (guint) MAX (1.0, (p / 100.0) * values->len + 0.999999);
  return g_array_index (values, double, MIN (rank, values->len) - 1);
}

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

/* This thread's CPU time: a figure that waiting for a core on a busy machine does not inflate
 * (it still counts cache and hyper-thread contention). */
static double
cpu_ms (void)
{
  struct timespec ts;

  if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
    return 0;
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static guint
reps (guint fallback)
{
  const char *s = g_getenv ("ATTUNE_BENCH_REPS");

  return s != NULL && atoi (s) > 0 ? (guint) atoi (s) : fallback;
}

static void
emit (const char *metric,
      gint64      entries,
      double      value)
{
  g_print ("{\"metric\":\"%s\",\"entries\":%" G_GINT64_FORMAT ",\"value\":%.3f}\n", metric, entries, value);
}

static void
die (const char   *what,
     const GError *error)
{
  g_printerr ("attune-bench: %s: %s\n", what, error != NULL ? error->message : "failed");
  exit (1);
}

static AttuneStore *
open_or_die (const char *path)
{
  g_autoptr(GError) error = NULL;
  AttuneStore *store = attune_store_open (path, &error);

  if (store == NULL)
    die (path, error);
  return store;
}

/* generate DIR N */
static int
cmd_generate (const char *dir,
              guint       n)
{
  g_autofree char *path = journal_path (dir);
  g_autoptr(AttuneStore) store = NULL;
  g_autoptr(AttuneJournalData) data = attune_journal_data_new ();
  g_autoptr(GError) error = NULL;
  double t0 = now_ms ();

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_printerr ("attune-bench: %s exists already\n", path);
      return 1;
    }

  store = open_or_die (path);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (data->entries, make_entry (i));

  if (!attune_store_import_journal (store, data, NULL, NULL, &error))
    die ("generate", error);

  g_printerr ("attune-bench: %u entries in %.0f ms\n", n, now_ms () - t0);
  return 0;
}

static void
search_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!attune_timeline_search_finish (ATTUNE_TIMELINE (object), result, &error))
    die ("search_async", error);
  *(gboolean *) user_data = TRUE;
}

/* store DIR */
static int
cmd_store (const char *dir)
{
  g_autofree char *path = journal_path (dir);
  g_autoptr(AttuneStore) store = NULL;
  g_autoptr(AttuneTimeline) timeline = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  /* One-word (common, rarer, accented), two-word, and prefix queries, as typed. */
  static const char * const queries[] = {
    "the", "therapy", "dishes", "café", "Zoe",
    "mother dishes", "felt heard", "sleep morning",
    "th", "ther", "sl", "an", "mo wa",
  };
  guint n_reps = reps (5);
  gint64 n;
  Rng rng = { SEED };

  /* open_ms: the app's attune_store_open (checks, WAL, schema) on an existing journal. */
  for (guint r = 0; r < n_reps; r++)
    {
      double t0 = now_ms ();
      AttuneStore *s = open_or_die (path);
      double t = now_ms () - t0;

      g_object_unref (s);
      g_array_append_val (times, t);
    }

  store = open_or_die (path);
  n = attune_store_count_entries (store, &error);
  if (n < 0 || error != NULL)
    die ("count", error);
  emit ("open_ms", n, percentile (times, 50));

  /* page_fetch_p95_ms: a new timeline, items at random positions (mostly uncached pages). */
  g_array_set_size (times, 0);
  timeline = attune_store_new_timeline (store);
  for (guint k = 0; k < 200; k++)
    {
      guint pos = rng_range (&rng, (guint) n);
      double c0 = cpu_ms ();
      double t0 = now_ms ();
      g_autoptr(AttuneEntry) entry = g_list_model_get_item (G_LIST_MODEL (timeline), pos);
      double t = now_ms () - t0;
      double c = cpu_ms () - c0;

      g_assert (entry != NULL && attune_entry_get_id (entry) != 0);
      g_array_append_val (times, t);
      g_array_append_val (cpu_times, c);
    }
  if (attune_timeline_get_error (timeline) != NULL)
    die ("page fetch", attune_timeline_get_error (timeline));
  emit ("page_fetch_p50_ms", n, percentile (times, 50));
  emit ("page_fetch_p95_ms", n, percentile (times, 95));
  emit ("page_fetch_cpu_p95_ms", n, percentile (cpu_times, 95));

  /* search: what the window does per keystroke, set the query then read the length and the
   * first screenful (20 rows) of results. */
  g_array_set_size (times, 0);
  g_array_set_size (cpu_times, 0);
  for (guint r = 0; r < n_reps; r++)
    {
      for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
        {
          double c0 = cpu_ms ();
          double t0 = now_ms ();
          guint n_results;
          double t, c;

          attune_timeline_set_query (timeline, queries[q]);
          n_results = g_list_model_get_n_items (G_LIST_MODEL (timeline));
          for (guint i = 0; i < MIN (n_results, 20); i++)
            g_object_unref (g_list_model_get_item (G_LIST_MODEL (timeline), i));
          t = now_ms () - t0;
          c = cpu_ms () - c0;
          g_array_append_val (times, t);
          g_array_append_val (cpu_times, c);

          if (r == 0)
            g_printerr ("attune-bench: search \"%s\": %u results, %.2f ms\n", queries[q], n_results, t);
          attune_timeline_set_query (timeline, "");
        }
    }
  if (attune_timeline_get_error (timeline) != NULL)
    die ("search", attune_timeline_get_error (timeline));
  emit ("search_p50_ms", n, percentile (times, 50));
  emit ("search_p95_ms", n, percentile (times, 95));
  emit ("search_cpu_p95_ms", n, percentile (cpu_times, 95));

  /* search_async: what the window's search field does, the search in a worker thread on its
   * own read-only connection; from the keystroke until its first screenful can show. */
  g_array_set_size (times, 0);
  for (guint r = 0; r < n_reps; r++)
    {
      for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
        {
          double t0 = now_ms ();
          gboolean done = FALSE;
          guint n_results;
          double t;

          attune_timeline_search_async (timeline, queries[q], NULL, search_done_cb, &done);
          while (!done)
            g_main_context_iteration (NULL, TRUE);
          n_results = g_list_model_get_n_items (G_LIST_MODEL (timeline));
          for (guint i = 0; i < MIN (n_results, 20); i++)
            g_object_unref (g_list_model_get_item (G_LIST_MODEL (timeline), i));
          t = now_ms () - t0;
          g_array_append_val (times, t);
          attune_timeline_set_query (timeline, "");
        }
    }
  if (attune_timeline_get_error (timeline) != NULL)
    die ("search_async", attune_timeline_get_error (timeline));
  emit ("search_async_p50_ms", n, percentile (times, 50));
  emit ("search_async_p95_ms", n, percentile (times, 95));

  /* save_p95_ms: an autosave, the open entry's text changed and committed with the app's
   * durability (synchronous=FULL), a timeline attached as in the window; entries at random
   * positions, as the edited one may be anywhere. */
  g_array_set_size (times, 0);
  for (guint k = 0; k < 10 * n_reps; k++)
    {
      guint pos = k == 0 ? 0 : rng_range (&rng, (guint) n);
      g_autoptr(AttuneEntry) entry = g_list_model_get_item (G_LIST_MODEL (timeline), pos);
      g_autofree char *body = g_strdup_printf ("%s\n\nEdited %u.", attune_entry_get_body (entry), k);
      double t0, t;

      attune_entry_set_body (entry, body);
      t0 = now_ms ();
      if (!attune_store_save_entry (store, entry, &error))
        die ("save", error);
      t = now_ms () - t0;
      g_array_append_val (times, t);
    }
  emit ("save_p50_ms", n, percentile (times, 50));
  emit ("save_p95_ms", n, percentile (times, 95));

  return 0;
}

/* pdf DIR N: the newest N entries (every entry, check-ins and chart) */
static int
cmd_pdf (const char *dir,
         guint       n_entries)
{
  g_autofree char *path = journal_path (dir);
  g_autoptr(AttuneStore) store = open_or_die (path);
  g_autoptr(AttuneJournalEntry) newest = make_entry (0);
  g_autoptr(AttuneJournalEntry) oldest = make_entry (n_entries - 1);
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *pdf = g_build_filename (dir, "report.pdf", NULL);
  AttuneReportOptions options = {
    oldest->day, newest->day,
    ATTUNE_REPORT_INCLUDE_ALL_ENTRIES | ATTUNE_REPORT_INCLUDE_CHECK_INS | ATTUNE_REPORT_INCLUDE_CHART |
    ATTUNE_REPORT_INCLUDE_AGENDA,
    (char *) "Dr. Rivera", (char *) "2026-11-26", G_GINT64_CONSTANT (1795651200) * G_USEC_PER_SEC,
  };

  for (guint r = 0; r < reps (3); r++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(AttuneReport) report = NULL;
      double t0 = now_ms ();
      double t;

      report = attune_report_build (store, &options, NULL, &error);
      if (report == NULL || !attune_report_write_pdf (report, pdf, NULL, &error))
        die ("pdf", error);
      t = now_ms () - t0;
      g_array_append_val (times, t);
    }
  g_unlink (pdf);
  emit ("pdf_ms", n_entries, percentile (times, 50));

  return 0;
}

/* json DIR: export the whole journal, import it into a new empty one */
static int
cmd_json (const char *dir)
{
  g_autofree char *path = journal_path (dir);
  g_autoptr(AttuneStore) store = open_or_die (path);
  g_autoptr(GArray) export_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) import_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  gint64 n = attune_store_count_entries (store, &error);
  guint n_reps = reps (3);

  for (guint r = 0; r < n_reps; r++)
    {
      double t0 = now_ms ();
      double t;

      g_free (json);
      json = attune_backup_to_json (store, G_GINT64_CONSTANT (1795651200) * G_USEC_PER_SEC, &error);
      if (json == NULL)
        die ("json export", error);
      t = now_ms () - t0;
      g_array_append_val (export_times, t);
    }
  emit ("json_export_ms", n, percentile (export_times, 50));

  for (guint r = 0; r < n_reps; r++)
    {
      g_autofree char *import_dir = g_strdup_printf ("%s/import-%u", dir, r);
      g_autofree char *import_path = journal_path (import_dir);
      g_autoptr(AttuneStore) target = open_or_die (import_path);
      guint added = 0;
      double t0 = now_ms ();
      double t;

      if (!attune_backup_import_json (target, json, strlen (json), &added, NULL, &error))
        die ("json import", error);
      t = now_ms () - t0;
      g_assert (added == n);
      g_array_append_val (import_times, t);
      g_clear_object (&target);
      g_unlink (import_path);
      {
        g_autofree char *wal = g_strconcat (import_path, "-wal", NULL);
        g_autofree char *shm = g_strconcat (import_path, "-shm", NULL);
        g_autofree char *sub = g_path_get_dirname (import_path);

        g_unlink (wal);
        g_unlink (shm);
        g_rmdir (sub);
        g_rmdir (import_dir);
      }
    }
  emit ("json_import_ms", n, percentile (import_times, 50));

  return 0;
}

static int
cmd_exec (char **argv)
{
  g_printerr ("exec_us=%" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  execvp (argv[0], argv);
  g_printerr ("attune-bench: %s: %s\n", argv[0], g_strerror (errno));
  return 127;
}

int
main (int   argc,
      char *argv[])
{
  if (argc >= 3 && strcmp (argv[1], "exec") == 0)
    return cmd_exec (argv + 2);

  setlocale (LC_ALL, "C.UTF-8");

  if (argc == 4 && strcmp (argv[1], "generate") == 0)
    return cmd_generate (argv[2], (guint) g_ascii_strtoull (argv[3], NULL, 10));
  if (argc == 3 && strcmp (argv[1], "store") == 0)
    return cmd_store (argv[2]);
  if (argc == 4 && strcmp (argv[1], "pdf") == 0)
    return cmd_pdf (argv[2], (guint) g_ascii_strtoull (argv[3], NULL, 10));
  if (argc == 3 && strcmp (argv[1], "json") == 0)
    return cmd_json (argv[2]);

  g_printerr ("Usage: %s generate DIR N | store DIR | pdf DIR N | json DIR | exec PROG [ARGS…]\n", argv[0]);
  return 2;
}

/* attune-bench-protect.c: what passphrase protection costs (issue #6)
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Not a test: prints one JSON object per line, {"metric":…,"entries":…,"value":…}, for a
 * journal made by `attune-bench generate DIR N`:
 *
 *   attune-bench-protect DIR
 *
 * It copies DIR/attune/attune.db twice, protects one copy, and measures on both, in the same
 * run: turning protection on, unlocking (Argon2id at Attune's costs), opening, the first page
 * of the timeline, random page fetches and searches. ATTUNE_BENCH_REPS sets the repeats.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "attune-keyfile.h"
#include "attune-protection.h"
#include "attune-store.h"

#define PASSPHRASE "a bench passphrase of five words"

static const char * const queries[] = { "session", "walk", "sleep*", "therapist listened", "quiet", "work" };

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
percentile (GArray *values,
            guint   p)
{
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, MIN (values->len - 1, values->len * p / 100));
}

static void
emit (const char *metric,
      guint       n,
      double      value)
{
  g_print ("{\"metric\":\"%s\",\"entries\":%u,\"value\":%.2f}\n", metric, n, value);
}

static void
die (const char   *what,
     const GError *error)
{
  g_printerr ("attune-bench-protect: %s: %s\n", what, error != NULL ? error->message : "failed");
  exit (1);
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;

  if (!g_file_get_contents (from, &contents, &length, &error) ||
      !g_file_set_contents_full (to, contents, (gssize) length, G_FILE_SET_CONTENTS_NONE, 0600, &error))
    die ("copy", error);
}

/* Opening, first page, random fetches, searches, on one journal; @prefix names the metrics. */
static void
measure (const char *path,
         const char *prefix,
         guint       reps)
{
  g_autoptr(AttuneStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) fetches = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) searches = g_array_new (FALSE, FALSE, sizeof (double));
  AttuneTimeline *timeline;
  GRand *rand = g_rand_new_with_seed (20261126);
  double t0, open_ms, first_ms;
  guint n;
  char name[64];

  t0 = now_ms ();
  store = attune_store_open (path, &error);
  if (store == NULL)
    die ("open", error);
  open_ms = now_ms () - t0;

  t0 = now_ms ();
  timeline = attune_store_new_timeline (store);
  n = g_list_model_get_n_items (G_LIST_MODEL (timeline));
  g_object_unref (g_list_model_get_item (G_LIST_MODEL (timeline), 0));
  first_ms = now_ms () - t0;

  for (guint i = 0; i < 200; i++)
    {
      guint position = (guint) g_rand_int_range (rand, 0, (gint32) n);
      double start = now_ms ();
      double t;

      g_object_unref (g_list_model_get_item (G_LIST_MODEL (timeline), position));
      t = now_ms () - start;
      g_array_append_val (fetches, t);
    }

  for (guint r = 0; r < reps; r++)
    for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
      {
        double start = now_ms ();
        double t;
        guint found;

        attune_timeline_set_query (timeline, queries[q]);
        found = g_list_model_get_n_items (G_LIST_MODEL (timeline));
        if (found > 0)
          g_object_unref (g_list_model_get_item (G_LIST_MODEL (timeline), 0));
        t = now_ms () - start;
        g_array_append_val (searches, t);
        attune_timeline_set_query (timeline, NULL);
      }

  g_snprintf (name, sizeof name, "%s_open_ms", prefix);
  emit (name, n, open_ms);
  g_snprintf (name, sizeof name, "%s_first_page_ms", prefix);
  emit (name, n, first_ms);
  g_snprintf (name, sizeof name, "%s_page_fetch_p95_ms", prefix);
  emit (name, n, percentile (fetches, 95));
  g_snprintf (name, sizeof name, "%s_search_p50_ms", prefix);
  emit (name, n, percentile (searches, 50));
  g_snprintf (name, sizeof name, "%s_search_p95_ms", prefix);
  emit (name, n, percentile (searches, 95));

  g_object_unref (timeline);
  g_rand_free (rand);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *source = NULL;
  g_autofree char *work = NULL;
  g_autofree char *plain_dir = NULL;
  g_autofree char *protected_dir = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *protected = NULL;
  g_autofree char *recovery = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) unlocks = g_array_new (FALSE, FALSE, sizeof (double));
  const char *reps_env = g_getenv ("ATTUNE_BENCH_REPS");
  guint reps = reps_env != NULL ? (guint) g_ascii_strtoull (reps_env, NULL, 10) : 5;
  gint64 n_entries;
  double t0;

  if (argc != 2)
    {
      g_printerr ("usage: attune-bench-protect DIR   (a journal from attune-bench generate DIR N)\n");
      return 2;
    }

  source = g_build_filename (argv[1], "attune", "attune.db", NULL);
  work = g_dir_make_tmp ("attune-bench-protect-XXXXXX", &error);
  if (work == NULL)
    die ("temporary folder", error);
  plain_dir = g_build_filename (work, "plain", NULL);
  protected_dir = g_build_filename (work, "protected", NULL);
  g_mkdir (plain_dir, 0700);
  g_mkdir (protected_dir, 0700);
  plain = g_build_filename (plain_dir, "attune.db", NULL);
  protected = g_build_filename (protected_dir, "attune.db", NULL);
  copy_file (source, plain);
  copy_file (source, protected);

  {
    g_autoptr(AttuneStore) store = attune_store_open (plain, &error);

    if (store == NULL)
      die ("open", error);
    n_entries = attune_store_count_entries (store, NULL);
  }

  t0 = now_ms ();
  if (!attune_protection_enable (protected, PASSPHRASE, ATTUNE_KEYFILE_OPSLIMIT, ATTUNE_KEYFILE_MEMLIMIT,
                                 &recovery, &error))
    die ("enable", error);
  emit ("protect_enable_ms", (guint) n_entries, now_ms () - t0);

  for (guint r = 0; r < 3; r++)
    {
      double t;

      attune_protection_lock ();
      t0 = now_ms ();
      if (!attune_protection_unlock (protected, PASSPHRASE, &error))
        die ("unlock", error);
      t = now_ms () - t0;
      g_array_append_val (unlocks, t);
    }
  emit ("protect_unlock_ms", (guint) n_entries, percentile (unlocks, 50));

  t0 = now_ms ();
  if (!attune_protection_change_passphrase (protected, "another passphrase", ATTUNE_KEYFILE_OPSLIMIT,
                                            ATTUNE_KEYFILE_MEMLIMIT, &error))
    die ("change passphrase", error);
  emit ("protect_change_passphrase_ms", (guint) n_entries, now_ms () - t0);

  measure (plain, "plain", reps);
  measure (protected, "protected", reps);

  attune_protection_lock ();
  {
    const char *names[] = { "attune.db", "attune.key", "attune.db-wal", "attune.db-shm" };

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autofree char *a = g_build_filename (plain_dir, names[i], NULL);
        g_autofree char *b = g_build_filename (protected_dir, names[i], NULL);

        g_unlink (a);
        g_unlink (b);
      }
    g_rmdir (plain_dir);
    g_rmdir (protected_dir);
    g_rmdir (work);
  }

  return 0;
}

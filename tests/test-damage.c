/* test-damage.c
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Silent corruption, measured (issue 5): random bytes are written over 300
 * copies of a real journal, each copy is opened and every entry and
 * check-in read back. Each row must come back with its exact words, be
 * reported damaged, or fail to read with an error: a changed word shown as
 * the person's own is a "silent change", and there must be none.
 *
 * ATTUNE_DAMAGE_COPIES sets the number of copies (default 300) and
 * ATTUNE_DAMAGE_SEED the seed (printed, so a failure can be replayed). */

#include "config.h"

#include <glib/gstdio.h>

#include "attune-store.h"
#include "attune-store-private.h"

#define N_NOTES 150
#define N_CHECK_INS 30

typedef struct
{
  char *title;
  char *body;
  char *tags;
  char *check_in_text;  /* what_happened + message, for check-ins */
} Expected;

typedef struct
{
  guint copies;
  guint refused_at_open;
  guint intact_copies;
  guint rows_intact;
  guint rows_damaged;
  guint rows_unreadable;
  guint silent_changes;
} Figures;

static const char * const words[] = {
  "session", "therapist", "listened", "morning", "anxious", "walk", "sister",
  "café", "Ängste", "träume", "sueño", "corazón", "работа", "心", "breathing",
  "letter", "angry", "quiet", "relief", "tomorrow", "garden", "🙂",
};

static char *
make_text (GRand *rand,
           guint  n_words)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < n_words; i++)
    {
      if (i > 0)
        g_string_append_c (text, i % 13 == 0 ? '\n' : ' ');
      g_string_append (text, words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
    }

  return g_string_free (text, FALSE);
}

static char *
join_tags (const char * const *tags)
{
  return g_strjoinv (",", (char **) tags);
}

static char *
check_in_text (AttuneCheckIn *check_in)
{
  return g_strconcat (attune_check_in_get_what_happened (check_in), "|",
                      attune_check_in_get_felt (check_in), "|",
                      attune_check_in_get_needed (check_in), "|",
                      attune_check_in_get_message (check_in), NULL);
}

static void
expected_free (gpointer data)
{
  Expected *expected = data;

  g_free (expected->title);
  g_free (expected->body);
  g_free (expected->tags);
  g_free (expected->check_in_text);
  g_free (expected);
}

/* Writes the journal, closes it cleanly (no -wal left) and returns what
 * each row id must read back as. */
static GHashTable *
make_journal (const char *path,
              GRand      *rand)
{
  GHashTable *expected = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, expected_free);
  g_autoptr(AttuneStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = attune_store_open (path, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < N_NOTES + N_CHECK_INS; i++)
    {
      Expected *row = g_new0 (Expected, 1);
      gint64 *id = g_new (gint64, 1);

      if (i < N_NOTES)
        {
          g_autoptr(AttuneEntry) entry = attune_entry_new ();
          g_autofree char *title = make_text (rand, 3);
          g_autofree char *body = make_text (rand, (guint) g_rand_int_range (rand, 20, 300));
          const char *tags[] = { words[i % G_N_ELEMENTS (words)], NULL };
          g_autofree char *day = g_strdup_printf ("2025-%02u-%02u", 1 + i % 12, 1 + i % 28);

          attune_entry_set_title (entry, title);
          attune_entry_set_body (entry, body);
          attune_entry_set_day (entry, day);
          attune_entry_set_tags (entry, tags);
          g_assert_true (attune_store_save_entry (store, entry, &error));
          g_assert_no_error (error);
          *id = attune_entry_get_id (entry);
        }
      else
        {
          g_autoptr(AttuneCheckIn) check_in = attune_check_in_new ();
          g_autofree char *what = make_text (rand, 40);
          g_autofree char *message = make_text (rand, 30);
          g_autoptr(AttuneEntry) entry = NULL;

          attune_check_in_set_session_at (check_in, 1735000000 + (gint64) i * 86400 * 7);
          attune_check_in_set_rupture (check_in, ATTUNE_RUPTURE_YES);
          attune_check_in_set_what_happened (check_in, what);
          attune_check_in_set_message (check_in, message);
          g_assert_true (attune_store_save_check_in (store, check_in, &error));
          g_assert_no_error (error);
          *id = attune_check_in_get_entry_id (check_in);
          row->check_in_text = check_in_text (check_in);
        }

      {
        g_autoptr(AttuneEntry) read = attune_store_get_entry (store, *id, &error);

        g_assert_no_error (error);
        row->title = g_strdup (attune_entry_get_title (read));
        row->body = g_strdup (attune_entry_get_body (read));
        row->tags = join_tags (attune_entry_get_tags (read));
      }

      g_hash_table_insert (expected, id, row);
    }

  return expected;
}

static void
damage_copy (const char *source,
             const char *copy,
             GRand      *rand)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;
  gsize offset, n_bytes;

  g_assert_true (g_file_get_contents (source, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 8 * 4096);

  /* Past the schema page (damage there is refused at open, see
   * test-store-errors), anywhere in the rest: 1 to 64 random bytes. */
  n_bytes = (gsize) g_rand_int_range (rand, 1, 65);
  offset = 4096 + (gsize) g_rand_int_range (rand, 0, (gint32) (length - 4096 - n_bytes));
  for (gsize i = 0; i < n_bytes; i++)
    contents[offset + i] = (char) g_rand_int_range (rand, 0, 256);

  g_unlink (copy);
  g_assert_true (g_file_set_contents (copy, contents, (gssize) length, &error));
  g_assert_no_error (error);
}

static void
read_copy (const char *path,
           GHashTable *expected,
           Figures    *figures)
{
  g_autoptr(AttuneStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer key, value;
  gboolean all_intact = TRUE;

  store = attune_store_open (path, &error);
  if (store == NULL)
    {
      /* A clear refusal, and nothing shown. */
      g_assert_true (error->domain == ATTUNE_STORE_ERROR);
      figures->refused_at_open++;
      return;
    }

  g_hash_table_iter_init (&iter, expected);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gint64 id = *(gint64 *) key;
      Expected *row = value;
      g_autoptr(AttuneEntry) entry = NULL;
      g_autofree char *tags = NULL;

      entry = attune_store_get_entry (store, id, &error);
      if (entry == NULL)
        {
          /* An error (damaged page, or the row is gone): said, not hidden. */
          g_clear_error (&error);
          figures->rows_unreadable++;
          all_intact = FALSE;
          continue;
        }

      if (attune_entry_get_damaged (entry))
        {
          figures->rows_damaged++;
          all_intact = FALSE;
          continue;
        }

      tags = join_tags (attune_entry_get_tags (entry));
      if (g_strcmp0 (attune_entry_get_title (entry), row->title) != 0 ||
          g_strcmp0 (attune_entry_get_body (entry), row->body) != 0 ||
          g_strcmp0 (tags, row->tags) != 0)
        {
          g_test_message ("silent change in entry %" G_GINT64_FORMAT " of %s", id, path);
          figures->silent_changes++;
          all_intact = FALSE;
          continue;
        }

      if (row->check_in_text != NULL)
        {
          g_autoptr(AttuneCheckIn) check_in = attune_store_get_check_in (store, id, &error);
          g_autofree char *text = NULL;

          if (check_in == NULL)
            {
              g_clear_error (&error);
              figures->rows_unreadable++;
              all_intact = FALSE;
              continue;
            }

          if (attune_check_in_get_damaged (check_in))
            {
              figures->rows_damaged++;
              all_intact = FALSE;
              continue;
            }

          text = check_in_text (check_in);
          if (g_strcmp0 (text, row->check_in_text) != 0)
            {
              g_test_message ("silent change in check-in %" G_GINT64_FORMAT " of %s", id, path);
              figures->silent_changes++;
              all_intact = FALSE;
              continue;
            }
        }

      figures->rows_intact++;
    }

  if (all_intact)
    figures->intact_copies++;
}

static void
test_random_damage (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *source = NULL;
  g_autofree char *copy = NULL;
  g_autoptr(GHashTable) expected = NULL;
  g_autoptr(GError) error = NULL;
  const char *copies_env = g_getenv ("ATTUNE_DAMAGE_COPIES");
  const char *seed_env = g_getenv ("ATTUNE_DAMAGE_SEED");
  guint32 seed = seed_env != NULL ? (guint32) g_ascii_strtoull (seed_env, NULL, 10) : g_random_int ();
  GRand *rand = g_rand_new_with_seed (seed);
  Figures figures = { 0, };

  figures.copies = copies_env != NULL ? (guint) g_ascii_strtoull (copies_env, NULL, 10) : 300;

  dir = g_dir_make_tmp ("attune-damage-XXXXXX", &error);
  g_assert_no_error (error);
  source = g_build_filename (dir, "journal.db", NULL);
  copy = g_build_filename (dir, "copy.db", NULL);

  expected = make_journal (source, rand);

  for (guint i = 0; i < figures.copies; i++)
    {
      g_autofree char *wal = g_strconcat (copy, "-wal", NULL);
      g_autofree char *shm = g_strconcat (copy, "-shm", NULL);

      g_unlink (wal);
      g_unlink (shm);
      damage_copy (source, copy, rand);
      read_copy (copy, expected, &figures);
    }

  g_test_message ("seed %u: %u damaged copies of a journal of %u entries and %u check-ins",
                  seed, figures.copies, N_NOTES, N_CHECK_INS);
  g_test_message ("copies refused at open: %u; copies that read back whole: %u",
                  figures.refused_at_open, figures.intact_copies);
  g_test_message ("rows read intact: %u; rows reported damaged: %u; rows that failed to read with an error: %u",
                  figures.rows_intact, figures.rows_damaged, figures.rows_unreadable);
  g_test_message ("silent text changes: %u", figures.silent_changes);
  g_test_message ("{\"metric\":\"silent_text_changes\",\"copies\":%u,\"refused_at_open\":%u,"
           "\"rows_damaged\":%u,\"rows_unreadable\":%u,\"value\":%u}",
           figures.copies, figures.refused_at_open, figures.rows_damaged,
           figures.rows_unreadable, figures.silent_changes);

  g_assert_cmpuint (figures.silent_changes, ==, 0);

  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *file = g_build_filename (dir, name, NULL);
        g_unlink (file);
      }
    g_rmdir (dir);
  }

  g_rand_free (rand);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/damage/random-bytes", test_random_damage);

  return g_test_run ();
}

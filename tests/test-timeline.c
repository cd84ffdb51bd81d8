/* test-timeline.c
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "attune-store.h"
#include "attune-store-private.h"
#include "attune-timeline-private.h"

/* Records items-changed emissions, as gnome-calendar's test-event-list does,
 * and mirrors them onto a plain array of ids so that every emission can be
 * checked against what a fresh timeline shows. */
typedef struct
{
  guint position;
  guint removed;
  guint added;
} Change;

typedef struct
{
  AttuneStore    *store;
  AttuneTimeline *timeline;
  GArray         *changes;
  GArray         *mirror;
} Fixture;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *fixture)
{
  Change change = { position, removed, added };

  g_array_append_val (fixture->changes, change);

  g_assert_cmpuint (position + removed, <=, fixture->mirror->len);
  g_array_remove_range (fixture->mirror, position, removed);

  for (guint i = 0; i < added; i++)
    {
      g_autoptr(AttuneEntry) entry = g_list_model_get_item (model, position + i);
      gint64 id;

      g_assert_nonnull (entry);
      id = attune_entry_get_id (entry);
      g_array_insert_val (fixture->mirror, position + i, id);
    }

  g_assert_cmpuint (fixture->mirror->len, ==, g_list_model_get_n_items (model));
}

static GArray *
list_ids (GListModel *model)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AttuneEntry) entry = g_list_model_get_item (model, i);
      gint64 id = attune_entry_get_id (entry);

      g_array_append_val (ids, id);
    }

  g_assert_null (g_list_model_get_item (model, n));

  return ids;
}

/* The mirror built from the emissions equals a fresh read of the journal. */
static void
assert_mirror (Fixture *fixture)
{
  g_autoptr(AttuneTimeline) fresh = attune_store_new_timeline (fixture->store);
  g_autoptr(GArray) expected = NULL;

  attune_timeline_set_query (fresh, attune_timeline_get_query (fixture->timeline));
  expected = list_ids (G_LIST_MODEL (fresh));

  g_assert_cmpuint (fixture->mirror->len, ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    g_assert_cmpint (g_array_index (fixture->mirror, gint64, i), ==, g_array_index (expected, gint64, i));
}

static void
assert_changes (Fixture *fixture,
                ...)
{
  va_list args;
  guint i = 0;
  int position;

  va_start (args, fixture);
  while ((position = va_arg (args, int)) >= 0)
    {
      guint removed = va_arg (args, guint);
      guint added = va_arg (args, guint);
      Change *change;

      g_assert_cmpuint (i, <, fixture->changes->len);
      change = &g_array_index (fixture->changes, Change, i);
      g_test_message ("change %u: (%u, %u, %u)", i, change->position, change->removed, change->added);
      g_assert_cmpuint (change->position, ==, (guint) position);
      g_assert_cmpuint (change->removed, ==, removed);
      g_assert_cmpuint (change->added, ==, added);
      i++;
    }
  va_end (args);

  g_assert_cmpuint (fixture->changes->len, ==, i);
  g_array_set_size (fixture->changes, 0);

  assert_mirror (fixture);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = attune_store_dup_default_path ();

  fixture->store = attune_store_open (path, &error);
  g_assert_no_error (error);

  fixture->timeline = attune_store_new_timeline (fixture->store);
  fixture->changes = g_array_new (FALSE, FALSE, sizeof (Change));
  fixture->mirror = list_ids (G_LIST_MODEL (fixture->timeline));

  g_signal_connect (fixture->timeline, "items-changed", G_CALLBACK (items_changed_cb), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->timeline);
  g_assert_finalize_object (fixture->store);
  g_array_unref (fixture->changes);
  g_array_unref (fixture->mirror);
}

static AttuneEntry *
add_entry (Fixture    *fixture,
           const char *title,
           const char *day)
{
  g_autoptr(GError) error = NULL;
  AttuneEntry *entry = attune_entry_new ();

  attune_entry_set_title (entry, title);
  attune_entry_set_day (entry, day);
  g_assert_true (attune_store_save_entry (fixture->store, entry, &error));
  g_assert_no_error (error);

  return entry;
}

static AttuneEntry *
get_item (Fixture *fixture,
          guint    position)
{
  return g_list_model_get_item (G_LIST_MODEL (fixture->timeline), position);
}

static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (fixture->timeline)) == ATTUNE_TYPE_ENTRY);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->timeline)), ==, 0);
  g_assert_null (get_item (fixture, 0));
  g_assert_cmpuint (attune_timeline_get_rows_read (fixture->timeline), ==, 0);
  g_assert_cmpstr (attune_timeline_get_query (fixture->timeline), ==, "");
  g_assert_null (attune_timeline_get_error (fixture->timeline));
}

static void
test_add (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(AttuneEntry) a = NULL;
  g_autoptr(AttuneEntry) b = NULL;
  g_autoptr(AttuneEntry) c = NULL;
  g_autoptr(AttuneEntry) d = NULL;

  a = add_entry (fixture, "a", "2024-03-10");
  assert_changes (fixture, 0, 0, 1, -1);

  /* Newer day: first, and the row after it is refreshed (its header). */
  b = add_entry (fixture, "b", "2024-03-12");
  assert_changes (fixture, 0, 1, 2, -1);

  /* Older day: last, nothing follows. */
  c = add_entry (fixture, "c", "2024-03-01");
  assert_changes (fixture, 2, 0, 1, -1);

  /* Same day as a, created later: just before a. */
  d = add_entry (fixture, "d", "2024-03-10");
  assert_changes (fixture, 1, 1, 2, -1);

  g_assert_cmpuint (attune_timeline_find_entry (fixture->timeline, attune_entry_get_id (b)), ==, 0);
  g_assert_cmpuint (attune_timeline_find_entry (fixture->timeline, attune_entry_get_id (d)), ==, 1);
  g_assert_cmpuint (attune_timeline_find_entry (fixture->timeline, attune_entry_get_id (a)), ==, 2);
  g_assert_cmpuint (attune_timeline_find_entry (fixture->timeline, attune_entry_get_id (c)), ==, 3);
  g_assert_cmpuint (attune_timeline_find_entry (fixture->timeline, 12345), ==, G_MAXUINT);
}

static void
test_order (Fixture       *fixture,
            gconstpointer  data)
{
  const char *days[] = { "2024-01-05", "2023-12-31", "2024-01-05", "2024-02-01", "2024-01-05", "2022-06-30" };
  const char *expected[] = { "3", "4", "2", "0", "1", "5" };
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    {
      g_autofree char *title = g_strdup_printf ("%u", i);

      g_ptr_array_add (entries, add_entry (fixture, title, days[i]));
    }
  g_array_set_size (fixture->changes, 0);
  assert_mirror (fixture);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->timeline)), ==, G_N_ELEMENTS (days));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(AttuneEntry) entry = get_item (fixture, i);

      g_assert_cmpstr (attune_entry_get_title (entry), ==, expected[i]);
    }
}

static void
test_update (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(AttuneEntry) a = add_entry (fixture, "a", "2024-03-01");
  g_autoptr(AttuneEntry) b = add_entry (fixture, "b", "2024-03-02");
  g_autoptr(AttuneEntry) c = add_entry (fixture, "c", "2024-03-03");
  g_autoptr(GError) error = NULL;

  g_array_set_size (fixture->changes, 0);

  /* Same day: changed in place. */
  attune_entry_set_body (b, "more");
  g_assert_true (attune_store_save_entry (fixture->store, b, &error));
  g_assert_no_error (error);
  assert_changes (fixture, 1, 1, 1, -1);

  /* Same day again, its page read first: the position comes from that page, not from a count
   * of the rows before it (issue #7), and the row reads the new text. */
  g_object_unref (get_item (fixture, 0));
  attune_entry_set_body (b, "even more");
  g_assert_true (attune_store_save_entry (fixture->store, b, &error));
  g_assert_no_error (error);
  assert_changes (fixture, 1, 1, 1, -1);
  {
    g_autoptr(AttuneEntry) again = get_item (fixture, 1);

    g_assert_cmpint (attune_entry_get_id (again), ==, attune_entry_get_id (b));
    g_assert_cmpstr (attune_entry_get_body (again), ==, "even more");
  }

  /* a moves from the end to the top: removal then insertion. */
  attune_entry_set_day (a, "2024-04-01");
  g_assert_true (attune_store_save_entry (fixture->store, a, &error));
  g_assert_no_error (error);
  assert_changes (fixture, 2, 1, 0, 0, 1, 2, -1);

  /* c moves from the middle (a, c, b) to the end. */
  attune_entry_set_day (c, "2024-01-01");
  g_assert_true (attune_store_save_entry (fixture->store, c, &error));
  g_assert_no_error (error);
  assert_changes (fixture, 1, 2, 1, 2, 0, 1, -1);
}

static void
test_delete (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(AttuneEntry) a = add_entry (fixture, "a", "2024-03-01");
  g_autoptr(AttuneEntry) b = add_entry (fixture, "b", "2024-03-02");
  g_autoptr(AttuneEntry) c = add_entry (fixture, "c", "2024-03-03");
  g_autoptr(AttuneEntry) saved = NULL;
  g_autoptr(GError) error = NULL;

  g_array_set_size (fixture->changes, 0);

  /* Middle: the row that moves up is refreshed too. */
  saved = attune_store_get_entry (fixture->store, attune_entry_get_id (b), &error);
  g_assert_no_error (error);
  g_assert_true (attune_store_delete_entry (fixture->store, attune_entry_get_id (b), &error));
  g_assert_no_error (error);
  assert_changes (fixture, 1, 2, 1, -1);

  /* Undo puts it back where it was. */
  g_assert_true (attune_store_restore_entry (fixture->store, saved, &error));
  g_assert_no_error (error);
  assert_changes (fixture, 1, 1, 2, -1);

  /* Last */
  g_assert_true (attune_store_delete_entry (fixture->store, attune_entry_get_id (a), &error));
  g_assert_no_error (error);
  assert_changes (fixture, 2, 1, 0, -1);

  /* First */
  g_assert_true (attune_store_delete_entry (fixture->store, attune_entry_get_id (c), &error));
  g_assert_no_error (error);
  assert_changes (fixture, 0, 2, 1, -1);

  /* Failures emit nothing. */
  g_assert_false (attune_store_delete_entry (fixture->store, attune_entry_get_id (c), &error));
  g_assert_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  assert_changes (fixture, -1);
}

static void
query_notified_cb (GObject    *object,
                   GParamSpec *pspec,
                   guint      *count)
{
  (*count)++;
}

static void
test_query (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(AttuneEntry) a = add_entry (fixture, "apple pie", "2024-03-01");
  g_autoptr(AttuneEntry) b = add_entry (fixture, "banana", "2024-03-02");
  g_autoptr(AttuneEntry) c = add_entry (fixture, "apple tart", "2024-03-03");
  g_autoptr(GError) error = NULL;
  guint notified = 0;

  g_array_set_size (fixture->changes, 0);
  g_signal_connect (fixture->timeline, "notify::query", G_CALLBACK (query_notified_cb), &notified);

  /* A replacement is two changes, everything removed then the results added, so that GTK's
   * list views do not read every new item looking for the rows they track (issue #7). */
  attune_timeline_set_query (fixture->timeline, "app");
  assert_changes (fixture, 0, 3, 0, 0, 0, 2, -1);
  g_assert_cmpuint (notified, ==, 1);

  attune_timeline_set_query (fixture->timeline, "app");
  assert_changes (fixture, -1);
  g_assert_cmpuint (notified, ==, 1);

  {
    g_autoptr(AttuneEntry) first = get_item (fixture, 0);
    g_autoptr(AttuneEntry) second = get_item (fixture, 1);

    g_assert_cmpint (attune_entry_get_id (first), ==, attune_entry_get_id (c));
    g_assert_cmpint (attune_entry_get_id (second), ==, attune_entry_get_id (a));
  }

  g_assert_cmpuint (attune_timeline_find_entry (fixture->timeline, attune_entry_get_id (a)), ==, 1);
  g_assert_cmpuint (attune_timeline_find_entry (fixture->timeline, attune_entry_get_id (b)), ==, G_MAXUINT);

  /* Any change while searching resets the list. */
  attune_entry_set_title (b, "banana apple");
  g_assert_true (attune_store_save_entry (fixture->store, b, &error));
  g_assert_no_error (error);
  assert_changes (fixture, 0, 2, 0, 0, 0, 3, -1);

  g_assert_true (attune_store_delete_entry (fixture->store, attune_entry_get_id (a), &error));
  g_assert_no_error (error);
  assert_changes (fixture, 0, 3, 0, 0, 0, 2, -1);

  attune_timeline_set_query (fixture->timeline, "zzz");
  assert_changes (fixture, 0, 2, 0, -1);

  attune_timeline_set_query (fixture->timeline, NULL);
  assert_changes (fixture, 0, 0, 2, -1);
  g_assert_cmpstr (attune_timeline_get_query (fixture->timeline), ==, "");
  g_assert_cmpuint (notified, ==, 3);
  g_assert_null (attune_timeline_get_error (fixture->timeline));
}

/* What a person may type: words are matched as the index splits them, the last one of each
 * group as a prefix; quotes, operators and punctuation are words' edges, never FTS5 syntax
 * (the index keeps no positions, so a phrase would be an error). */
static void
test_query_words (Fixture       *fixture,
                  gconstpointer  data)
{
  static const struct {
    const char *query;
    guint       n_matches;
  } cases[] = {
    { "th", 2 },                    /* "therapy", "the" */
    { "don't", 1 },
    { "don'", 1 },
    { "don", 1 },
    { "dont", 0 },
    { "cafe", 1 },                  /* diacritics removed, both ways */
    { "CAFÉ", 1 },
    { "e\xcc\x81te\xcc\x81", 1 },     /* "été" with combining accents */
    { "\"quoted\"", 1 },
    { "quo\"ted", 0 },               /* "quo" AND "ted"* */
    { "(the therapy)", 1 },
    { "NEAR(the therapy)", 0 },     /* a word like any other */
    { "the -therapy", 1 },
    { "therapy*", 1 },
    { "a AND b OR c", 0 },
    { "x-ray", 1 },
    { "x - ray", 1 },
    { "\"", 3 },                     /* no word: everything */
    { "* - ()", 3 },
  };
  g_autoptr(AttuneEntry) a = add_entry (fixture, "Don't worry about the therapy", "2024-03-01");
  g_autoptr(AttuneEntry) b = add_entry (fixture, "Café au lait in the summer, été", "2024-03-02");
  g_autoptr(AttuneEntry) c = add_entry (fixture, "A \"quoted\" x-ray", "2024-03-03");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      attune_timeline_set_query (fixture->timeline, cases[i].query);
      g_test_message ("query %s", cases[i].query);
      g_assert_null (attune_timeline_get_error (fixture->timeline));
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->timeline)), ==, cases[i].n_matches);
    }
}

static void
test_many_timelines (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(AttuneTimeline) second = attune_store_new_timeline (fixture->store);
  AttuneTimeline *third = attune_store_new_timeline (fixture->store);
  g_autoptr(AttuneEntry) a = NULL;

  /* A dropped timeline is forgotten by the store. */
  g_assert_finalize_object (third);

  a = add_entry (fixture, "a", "2024-03-01");
  assert_changes (fixture, 0, 0, 1, -1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (second)), ==, 1);
}

static void
test_large (void)
{
  const guint n_entries = 10000;
  g_autofree char *path = attune_store_dup_default_path ();
  g_autoptr(AttuneStore) store = NULL;
  g_autoptr(AttuneTimeline) timeline = NULL;
  g_autoptr(AttuneEntry) first = NULL;
  g_autoptr(AttuneEntry) again = NULL;
  g_autoptr(AttuneEntry) last = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  guint64 rows_read;

  store = attune_store_open (path, &error);
  g_assert_no_error (error);

  /* Durability is not what this test is about. */
  g_assert_cmpint (sqlite3_exec (_attune_store_get_db (store), "PRAGMA synchronous = OFF", NULL, NULL, NULL), ==, SQLITE_OK);

  for (guint i = 0; i < n_entries; i++)
    {
      g_autoptr(AttuneEntry) entry = attune_entry_new ();
      g_autofree char *day = g_strdup_printf ("%04u-%02u-%02u", 1990 + i / 336, 1 + (i / 28) % 12, 1 + i % 28);
      g_autofree char *title = g_strdup_printf ("Entry %u", i);

      attune_entry_set_day (entry, day);
      attune_entry_set_title (entry, title);
      attune_entry_set_body (entry, "Some words to search through.");
      g_assert_true (attune_store_save_entry (store, entry, &error));
      g_assert_no_error (error);
    }
  g_test_message ("inserted %u entries in %.2f s", n_entries, (g_get_monotonic_time () - start) / 1e6);
  g_clear_object (&store);

  /* A new store and timeline read nothing until asked. */
  store = attune_store_open (path, &error);
  g_assert_no_error (error);
  timeline = attune_store_new_timeline (store);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (timeline)), ==, n_entries);
  g_assert_cmpuint (attune_timeline_get_rows_read (timeline), ==, 0);

  first = g_list_model_get_item (G_LIST_MODEL (timeline), 0);
  g_assert_cmpstr (attune_entry_get_title (first), ==, "Entry 9999");
  rows_read = attune_timeline_get_rows_read (timeline);
  g_assert_cmpuint (rows_read, >, 0);
  g_assert_cmpuint (rows_read, <=, ATTUNE_TIMELINE_PAGE_SIZE);

  /* The same row is the same object while its page is cached. */
  again = g_list_model_get_item (G_LIST_MODEL (timeline), 0);
  g_assert_true (first == again);
  g_assert_cmpuint (attune_timeline_get_rows_read (timeline), ==, rows_read);

  last = g_list_model_get_item (G_LIST_MODEL (timeline), n_entries - 1);
  g_assert_nonnull (last);
  g_assert_cmpstr (attune_entry_get_title (last), ==, "Entry 0");
  g_assert_cmpuint (attune_timeline_get_rows_read (timeline), <=, 2 * ATTUNE_TIMELINE_PAGE_SIZE);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (timeline), n_entries));

  g_assert_cmpuint (attune_timeline_find_entry (timeline, attune_entry_get_id (last)), ==, n_entries - 1);

  /* Scrolling through everything keeps only a few pages in memory. */
  for (guint i = 0; i < n_entries; i++)
    {
      g_autoptr(AttuneEntry) entry = g_list_model_get_item (G_LIST_MODEL (timeline), i);
      g_autofree char *title = g_strdup_printf ("Entry %u", n_entries - 1 - i);

      g_assert_cmpstr (attune_entry_get_title (entry), ==, title);
    }
  rows_read = attune_timeline_get_rows_read (timeline);
  g_assert_cmpuint (rows_read, <=, n_entries + 2 * ATTUNE_TIMELINE_PAGE_SIZE);

  {
    /* Page 0 was evicted long ago: reading it again reads rows again. */
    g_autoptr(AttuneEntry) reread = g_list_model_get_item (G_LIST_MODEL (timeline), 0);

    g_assert_false (reread == first);
    g_assert_cmpuint (attune_timeline_get_rows_read (timeline), >, rows_read);
  }

  /* Search in a large journal. */
  attune_timeline_set_query (timeline, "entry 9999");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (timeline)), ==, 1);
  attune_timeline_set_query (timeline, "search");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (timeline)), ==, n_entries);
  g_assert_null (attune_timeline_get_error (timeline));

  g_test_message ("whole test took %.2f s", (g_get_monotonic_time () - start) / 1e6);
}

/* Runs the main context until @condition holds or @timeout_ms pass. */
#define wait_until(condition, timeout_ms)                                      \
  G_STMT_START {                                                               \
    gint64 _deadline = g_get_monotonic_time () + (timeout_ms) * 1000;          \
    while (!(condition) && g_get_monotonic_time () < _deadline)                \
      g_main_context_iteration (NULL, FALSE), g_usleep (1000);                 \
    g_assert_true (condition);                                                 \
  } G_STMT_END

typedef struct
{
  guint   n_done;
  guint   n_cancelled;
  guint   n_shown;
} SearchCounts;

static void
search_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  SearchCounts *counts = user_data;
  g_autoptr(GError) error = NULL;

  counts->n_done++;
  if (attune_timeline_search_finish (ATTUNE_TIMELINE (object), result, &error))
    counts->n_shown++;
  else
    {
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      counts->n_cancelled++;
    }
}

/* Searching in a worker: nothing changes until the results are read, keystrokes typed
 * meanwhile replace older searches (whose results never show), and the final list is what
 * a synchronous search shows. */
static void
test_search_async (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(AttuneEntry) a = add_entry (fixture, "sleep badly", "2024-03-01");
  g_autoptr(AttuneEntry) b = add_entry (fixture, "slow morning", "2024-03-02");
  g_autoptr(AttuneEntry) c = add_entry (fixture, "sleepless", "2024-03-03");
  g_autoptr(AttuneEntry) d = add_entry (fixture, "walk", "2024-03-04");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  SearchCounts counts = { 0, };
  const char *typed[] = { "s", "sl", "sle", "slee", "sleep" };

  g_array_set_size (fixture->changes, 0);

  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    attune_timeline_search_async (fixture->timeline, typed[i], NULL, search_done_cb, &counts);

  /* Nothing shows before the main loop runs the worker's result. */
  g_assert_cmpstr (attune_timeline_get_query (fixture->timeline), ==, "");
  g_assert_cmpuint (fixture->changes->len, ==, 0);

  wait_until (counts.n_done == G_N_ELEMENTS (typed), 5000);
  g_assert_cmpuint (counts.n_cancelled, ==, G_N_ELEMENTS (typed) - 1);
  g_assert_cmpuint (counts.n_shown, ==, 1);
  g_assert_cmpstr (attune_timeline_get_query (fixture->timeline), ==, "sleep");
  /* Only the last search changed the list: 4 rows out, its 2 results in. */
  assert_changes (fixture, 0, 4, 0, 0, 0, 2, -1);
  g_assert_cmpuint (attune_timeline_find_entry (fixture->timeline, attune_entry_get_id (c)), ==, 0);
  g_assert_cmpuint (attune_timeline_find_entry (fixture->timeline, attune_entry_get_id (a)), ==, 1);
  g_assert_cmpuint (attune_timeline_find_entry (fixture->timeline, attune_entry_get_id (b)), ==, G_MAXUINT);

  /* A cancelled search does not show. */
  attune_timeline_search_async (fixture->timeline, "walk", cancellable, search_done_cb, &counts);
  g_cancellable_cancel (cancellable);
  wait_until (counts.n_done == G_N_ELEMENTS (typed) + 1, 5000);
  g_assert_cmpuint (counts.n_cancelled, ==, G_N_ELEMENTS (typed));
  g_assert_cmpstr (attune_timeline_get_query (fixture->timeline), ==, "sleep");
  g_assert_cmpuint (fixture->changes->len, ==, 0);

  /* A synchronous query replaces a search still running. */
  attune_timeline_search_async (fixture->timeline, "walk", NULL, search_done_cb, &counts);
  attune_timeline_set_query (fixture->timeline, "slow");
  assert_changes (fixture, 0, 2, 0, 0, 0, 1, -1);
  wait_until (counts.n_done == G_N_ELEMENTS (typed) + 2, 5000);
  g_assert_cmpuint (counts.n_cancelled, ==, G_N_ELEMENTS (typed) + 1);
  g_assert_cmpstr (attune_timeline_get_query (fixture->timeline), ==, "slow");
  g_assert_cmpuint (fixture->changes->len, ==, 0);

  /* The journal changes while a search runs: its results are read again. */
  attune_timeline_search_async (fixture->timeline, "sl", NULL, search_done_cb, &counts);
  attune_entry_set_title (d, "slept well");
  g_assert_true (attune_store_save_entry (fixture->store, d, NULL));
  g_array_set_size (fixture->changes, 0);
  wait_until (counts.n_done == G_N_ELEMENTS (typed) + 3, 5000);
  g_assert_cmpuint (counts.n_shown, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->timeline)), ==, 4);
  g_array_set_size (fixture->changes, 0);
  assert_mirror (fixture);

  /* An empty query needs no worker: it shows at once. */
  attune_timeline_search_async (fixture->timeline, "", NULL, search_done_cb, &counts);
  g_assert_cmpstr (attune_timeline_get_query (fixture->timeline), ==, "");
  assert_changes (fixture, 0, 4, 0, 0, 0, 4, -1);
  wait_until (counts.n_done == G_N_ELEMENTS (typed) + 4, 5000);
  g_assert_null (attune_timeline_get_error (fixture->timeline));
}

/* Pages far from any cached one are read from their first row's key: the same rows as
 * reading in order, also after entries are added, moved and removed. */
static void
test_far_jumps (Fixture       *fixture,
                gconstpointer  data)
{
  const guint n_entries = 5 * ATTUNE_TIMELINE_PAGE_SIZE + 7;
  g_autoptr(AttuneTimeline) jumper = NULL;
  sqlite3 *db = _attune_store_get_db (fixture->store);
  guint32 seed = 7;

  g_assert_cmpint (sqlite3_exec (db, "PRAGMA synchronous = OFF", NULL, NULL, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < n_entries; i++)
    {
      g_autofree char *title = g_strdup_printf ("Entry %u", i);
      /* Several entries a day, so that pages start inside a day. */
      g_autofree char *day = g_strdup_printf ("2024-%02u-%02u", 1 + (i / 3) / 28 % 12, 1 + (i / 3) % 28);
      g_autoptr(AttuneEntry) entry = add_entry (fixture, title, day);
    }
  g_array_set_size (fixture->changes, 0);

  for (guint round = 0; round < 4; round++)
    {
      g_autoptr(GArray) expected = NULL;
      g_autoptr(AttuneTimeline) reader = attune_store_new_timeline (fixture->store);
      guint n;

      expected = list_ids (G_LIST_MODEL (reader));
      if (jumper == NULL)
        jumper = attune_store_new_timeline (fixture->store);
      n = g_list_model_get_n_items (G_LIST_MODEL (jumper));
      g_assert_cmpuint (n, ==, expected->len);

      /* Jump around, last pages first, so that no page has its neighbour cached. */
      for (guint k = 0; k < 3 * n; k++)
        {
          guint position = k < n ? n - 1 - k : (seed = seed * 1103515245 + 12345) % n;
          g_autoptr(AttuneEntry) entry = g_list_model_get_item (G_LIST_MODEL (jumper), position);

          g_assert_cmpint (attune_entry_get_id (entry), ==, g_array_index (expected, gint64, position));
        }

      /* Change the journal between rounds: add an old entry, move one to another day,
       * delete one. */
      if (round == 0)
        {
          g_autoptr(AttuneEntry) entry = add_entry (fixture, "old", "2023-06-01");
        }
      else if (round == 1)
        {
          g_autoptr(AttuneEntry) entry = g_list_model_get_item (G_LIST_MODEL (jumper), 3);

          attune_entry_set_day (entry, "2023-01-01");
          g_assert_true (attune_store_save_entry (fixture->store, entry, NULL));
        }
      else if (round == 2)
        {
          g_autoptr(AttuneEntry) entry = g_list_model_get_item (G_LIST_MODEL (jumper), 100);

          g_assert_true (attune_store_delete_entry (fixture->store, attune_entry_get_id (entry), NULL));
        }
    }

  g_assert_null (attune_timeline_get_error (jumper));
  g_array_set_size (fixture->changes, 0);
  g_clear_pointer (&fixture->mirror, g_array_unref);
  fixture->mirror = list_ids (G_LIST_MODEL (fixture->timeline));
}

static void
error_notified_cb (GObject    *object,
                   GParamSpec *pspec,
                   guint      *count)
{
  (*count)++;
}

static void
test_read_error (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(AttuneEntry) a = add_entry (fixture, "a", "2024-03-01");
  g_autoptr(AttuneTimeline) other = attune_store_new_timeline (fixture->store);
  g_autoptr(AttuneEntry) placeholder = NULL;
  sqlite3 *db = _attune_store_get_db (fixture->store);
  guint notified = 0;

  g_signal_connect (other, "notify::error", G_CALLBACK (error_notified_cb), &notified);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (other)), ==, 1);

  /* Make reading fail behind the timeline's back. */
  g_assert_cmpint (sqlite3_exec (db, "ALTER TABLE entries RENAME TO gone", NULL, NULL, NULL), ==, SQLITE_OK);

  placeholder = g_list_model_get_item (G_LIST_MODEL (other), 0);
  g_assert_nonnull (placeholder);
  g_assert_cmpint (attune_entry_get_id (placeholder), ==, 0);
  g_assert_nonnull (attune_timeline_get_error (other));
  g_assert_error ((GError *) attune_timeline_get_error (other), ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_FAILED);
  g_assert_cmpuint (notified, ==, 1);
  g_test_message ("%s", attune_timeline_get_error (other)->message);

  g_assert_cmpint (sqlite3_exec (db, "ALTER TABLE gone RENAME TO entries", NULL, NULL, NULL), ==, SQLITE_OK);

  /* Reading works again. */
  g_clear_object (&placeholder);
  placeholder = g_list_model_get_item (G_LIST_MODEL (other), 0);
  g_assert_cmpint (attune_entry_get_id (placeholder), ==, attune_entry_get_id (a));
  g_array_set_size (fixture->changes, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/timeline/empty", Fixture, NULL, fixture_set_up, test_empty, fixture_tear_down);
  g_test_add ("/timeline/add", Fixture, NULL, fixture_set_up, test_add, fixture_tear_down);
  g_test_add ("/timeline/order", Fixture, NULL, fixture_set_up, test_order, fixture_tear_down);
  g_test_add ("/timeline/update", Fixture, NULL, fixture_set_up, test_update, fixture_tear_down);
  g_test_add ("/timeline/delete", Fixture, NULL, fixture_set_up, test_delete, fixture_tear_down);
  g_test_add ("/timeline/query", Fixture, NULL, fixture_set_up, test_query, fixture_tear_down);
  g_test_add ("/timeline/query-words", Fixture, NULL, fixture_set_up, test_query_words, fixture_tear_down);
  g_test_add ("/timeline/many-timelines", Fixture, NULL, fixture_set_up, test_many_timelines, fixture_tear_down);
  g_test_add ("/timeline/read-error", Fixture, NULL, fixture_set_up, test_read_error, fixture_tear_down);
  g_test_add ("/timeline/search-async", Fixture, NULL, fixture_set_up, test_search_async, fixture_tear_down);
  g_test_add ("/timeline/far-jumps", Fixture, NULL, fixture_set_up, test_far_jumps, fixture_tear_down);
  g_test_add_func ("/timeline/large", test_large);

  return g_test_run ();
}

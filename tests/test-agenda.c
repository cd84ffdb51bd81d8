/* test-agenda.c
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "attune-store.h"
#include "attune-store-private.h"

typedef struct
{
  AttuneStore *store;
  GListModel  *agenda;
  guint        n_changes;
  guint        position;
  guint        removed;
  guint        added;
} Fixture;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *fixture)
{
  fixture->n_changes++;
  fixture->position = position;
  fixture->removed = removed;
  fixture->added = added;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = attune_store_dup_default_path ();

  fixture->store = attune_store_open (path, &error);
  g_assert_no_error (error);
  fixture->agenda = attune_store_get_agenda (fixture->store);
  g_assert_true (g_list_model_get_item_type (fixture->agenda) == ATTUNE_TYPE_AGENDA_ITEM);
  g_signal_connect (fixture->agenda, "items-changed", G_CALLBACK (items_changed_cb), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_signal_handlers_disconnect_by_data (fixture->agenda, fixture);
  g_assert_finalize_object (fixture->store);
}

static void
assert_changed_at (Fixture *fixture,
                   guint    position,
                   guint    removed,
                   guint    added,
                   int      line)
{
  g_test_message ("items-changed expected at line %d", line);
  g_assert_cmpuint (fixture->n_changes, ==, 1);
  g_assert_cmpuint (fixture->position, ==, position);
  g_assert_cmpuint (fixture->removed, ==, removed);
  g_assert_cmpuint (fixture->added, ==, added);
  fixture->n_changes = 0;
}

#define assert_changed(f, p, r, a) assert_changed_at ((f), (p), (r), (a), __LINE__)

/* Checks the texts in list order; done items are written with a leading "✓". */
static void
assert_order (Fixture    *fixture,
              const char *expected)
{
  g_autoptr(GString) order = g_string_new (NULL);
  guint n = g_list_model_get_n_items (fixture->agenda);
  guint undone = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AttuneAgendaItem) item = g_list_model_get_item (fixture->agenda, i);

      if (i > 0)
        g_string_append_c (order, ' ');
      if (attune_agenda_item_get_done (item))
        {
          g_string_append (order, "✓");
          g_assert_cmpint (attune_agenda_item_get_done_at (item), >, 0);
        }
      else
        {
          g_assert_cmpuint (attune_agenda_item_get_position (item), ==, undone);
          undone++;
        }
      g_string_append (order, attune_agenda_item_get_text (item));
    }

  g_assert_cmpstr (order->str, ==, expected);
}

static gint64
add_ok (Fixture    *fixture,
        const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttuneAgendaItem) item = attune_store_add_agenda_item (fixture->store, text, 0, &error);

  g_assert_no_error (error);
  g_assert_nonnull (item);

  return attune_agenda_item_get_id (item);
}

static AttuneAgendaItem *
item_at (Fixture *fixture,
         guint    position)
{
  return g_list_model_get_item (fixture->agenda, position);
}

static void
test_edit (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttuneAgendaItem) item = NULL;
  g_autofree char *long_text = g_strnfill (2001, 'x');
  gint64 a, b, c, d;

  g_assert_cmpuint (g_list_model_get_n_items (fixture->agenda), ==, 0);

  a = add_ok (fixture, "  A  ");
  assert_changed (fixture, 0, 0, 1);
  b = add_ok (fixture, "B");
  assert_changed (fixture, 1, 0, 1);
  c = add_ok (fixture, "C");
  d = add_ok (fixture, "D");
  fixture->n_changes = 0;
  assert_order (fixture, "A B C D");

  item = item_at (fixture, 0);
  g_assert_cmpint (attune_agenda_item_get_id (item), ==, a);
  g_assert_cmpint (attune_agenda_item_get_entry_id (item), ==, 0);
  g_assert_cmpint (attune_agenda_item_get_created_at (item), >, 0);
  g_assert_false (attune_agenda_item_get_done (item));
  g_clear_object (&item);

  /* Invalid text changes nothing. */
  g_assert_null (attune_store_add_agenda_item (fixture->store, " \n ", 0, &error));
  g_assert_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (attune_store_add_agenda_item (fixture->store, long_text, 0, &error));
  g_assert_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (attune_store_add_agenda_item (fixture->store, "\xff", 0, &error));
  g_assert_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (attune_store_add_agenda_item (fixture->store, "Linked to nothing", 999, &error));
  g_assert_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (attune_store_set_agenda_item_text (fixture->store, b, "", &error));
  g_assert_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (attune_store_set_agenda_item_text (fixture->store, 999, "x", &error));
  g_assert_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (fixture->n_changes, ==, 0);
  assert_order (fixture, "A B C D");

  /* Edit: only that row changes. */
  g_assert_true (attune_store_set_agenda_item_text (fixture->store, b, " Bee ", &error));
  g_assert_no_error (error);
  assert_changed (fixture, 1, 1, 1);
  assert_order (fixture, "A Bee C D");

  /* Check off B: it moves to the done part, after the others. */
  g_assert_true (attune_store_set_agenda_item_done (fixture->store, b, TRUE, &error));
  g_assert_no_error (error);
  assert_changed (fixture, 1, 3, 3);
  assert_order (fixture, "A C D ✓Bee");

  /* Again: nothing happens. */
  g_assert_true (attune_store_set_agenda_item_done (fixture->store, b, TRUE, &error));
  g_assert_cmpuint (fixture->n_changes, ==, 0);

  /* The most recently done comes first among done items. */
  g_usleep (2000);
  g_assert_true (attune_store_set_agenda_item_done (fixture->store, d, TRUE, &error));
  g_assert_no_error (error);
  assert_changed (fixture, 2, 1, 1);
  assert_order (fixture, "A C ✓D ✓Bee");

  /* Undo puts B back where it was. */
  g_assert_true (attune_store_set_agenda_item_done (fixture->store, b, FALSE, &error));
  g_assert_no_error (error);
  assert_changed (fixture, 1, 3, 3);
  assert_order (fixture, "A Bee C ✓D");
  item = item_at (fixture, 1);
  g_assert_cmpint (attune_agenda_item_get_done_at (item), ==, 0);
  g_clear_object (&item);

  /* Moving: down, up, past the end; a done item cannot move. */
  g_assert_true (attune_store_move_agenda_item (fixture->store, a, 2, &error));
  g_assert_no_error (error);
  assert_changed (fixture, 0, 3, 3);
  assert_order (fixture, "Bee C A ✓D");

  g_assert_true (attune_store_move_agenda_item (fixture->store, a, 0, &error));
  g_assert_no_error (error);
  assert_changed (fixture, 0, 3, 3);
  assert_order (fixture, "A Bee C ✓D");

  g_assert_true (attune_store_move_agenda_item (fixture->store, c, 1, &error));
  g_assert_no_error (error);
  assert_changed (fixture, 1, 2, 2);
  assert_order (fixture, "A C Bee ✓D");

  g_assert_true (attune_store_move_agenda_item (fixture->store, a, 100, &error));
  g_assert_no_error (error);
  assert_order (fixture, "C Bee A ✓D");
  fixture->n_changes = 0;

  g_assert_true (attune_store_move_agenda_item (fixture->store, a, 2, &error));
  g_assert_cmpuint (fixture->n_changes, ==, 0);

  g_assert_false (attune_store_move_agenda_item (fixture->store, d, 0, &error));
  g_assert_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (fixture->n_changes, ==, 0);

  /* Delete and restore (Undo) with the same id and place. */
  item = item_at (fixture, 1);
  g_assert_true (attune_store_delete_agenda_item (fixture->store, b, &error));
  g_assert_no_error (error);
  assert_changed (fixture, 1, 2, 1);
  assert_order (fixture, "C A ✓D");

  g_assert_true (attune_store_restore_agenda_item (fixture->store, item, &error));
  g_assert_no_error (error);
  assert_changed (fixture, 1, 1, 2);
  assert_order (fixture, "C Bee A ✓D");

  g_assert_false (attune_store_restore_agenda_item (fixture->store, item, &error));
  g_assert_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_object (&item);

  g_assert_false (attune_store_delete_agenda_item (fixture->store, 999, &error));
  g_assert_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A done item comes back done. */
  item = item_at (fixture, 3);
  g_assert_true (attune_store_delete_agenda_item (fixture->store, d, &error));
  g_assert_no_error (error);
  assert_changed (fixture, 3, 1, 0);
  g_assert_true (attune_store_restore_agenda_item (fixture->store, item, &error));
  g_assert_no_error (error);
  assert_changed (fixture, 3, 0, 1);
  assert_order (fixture, "C Bee A ✓D");
}

static AttuneEntry *
save_entry (Fixture    *fixture,
            const char *title,
            gboolean    bring)
{
  g_autoptr(GError) error = NULL;
  AttuneEntry *entry = attune_entry_new ();

  attune_entry_set_title (entry, title);
  attune_entry_set_bring (entry, bring);
  g_assert_true (attune_store_save_entry (fixture->store, entry, &error));
  g_assert_no_error (error);

  return entry;
}

static void
resave (Fixture     *fixture,
        AttuneEntry *entry)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (attune_store_save_entry (fixture->store, entry, &error));
  g_assert_no_error (error);
}

static void
test_bring (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(AttuneEntry) plain = save_entry (fixture, "Plain", FALSE);
  g_autoptr(AttuneEntry) sleep = save_entry (fixture, "Sleep", TRUE);
  g_autoptr(AttuneEntry) saved = NULL;
  g_autoptr(AttuneEntry) read = NULL;
  g_autoptr(AttuneAgendaItem) item = NULL;
  g_autoptr(GError) error = NULL;

  assert_order (fixture, "Sleep");
  item = item_at (fixture, 0);
  g_assert_cmpint (attune_agenda_item_get_entry_id (item), ==, attune_entry_get_id (sleep));
  g_clear_object (&item);

  /* Saving again does not add a second one. */
  attune_entry_set_body (sleep, "Waking at four");
  resave (fixture, sleep);
  assert_order (fixture, "Sleep");

  /* Switching bring on adds one, switching it off removes it. */
  add_ok (fixture, "Typed");
  attune_entry_set_bring (plain, TRUE);
  resave (fixture, plain);
  assert_order (fixture, "Sleep Typed Plain");
  attune_entry_set_bring (sleep, FALSE);
  resave (fixture, sleep);
  assert_order (fixture, "Typed Plain");

  /* Checking off leaves the entry as it is, and saving it again (its
   * switch still on) does not put the item back. */
  item = item_at (fixture, 1);
  g_assert_true (attune_store_set_agenda_item_done (fixture->store, attune_agenda_item_get_id (item), TRUE, &error));
  g_assert_no_error (error);
  g_clear_object (&item);
  read = attune_store_get_entry (fixture->store, attune_entry_get_id (plain), &error);
  g_assert_no_error (error);
  g_assert_true (attune_entry_get_bring (read));
  g_assert_cmpint (attune_entry_get_updated_at (read), ==, attune_entry_get_updated_at (plain));
  g_clear_object (&read);
  resave (fixture, plain);
  assert_order (fixture, "Typed ✓Plain");

  /* Off and on again: a new item, the done one stays as history. */
  attune_entry_set_bring (plain, FALSE);
  resave (fixture, plain);
  assert_order (fixture, "Typed ✓Plain");
  attune_entry_set_bring (plain, TRUE);
  resave (fixture, plain);
  assert_order (fixture, "Typed Plain ✓Plain");

  /* Deleting the entry keeps its items, unlinked; Undo links it again. */
  saved = attune_store_get_entry (fixture->store, attune_entry_get_id (plain), &error);
  g_assert_no_error (error);
  g_assert_true (attune_store_delete_entry (fixture->store, attune_entry_get_id (plain), &error));
  g_assert_no_error (error);
  assert_order (fixture, "Typed Plain ✓Plain");
  item = item_at (fixture, 1);
  g_assert_cmpint (attune_agenda_item_get_entry_id (item), ==, 0);
  g_clear_object (&item);

  g_assert_true (attune_store_restore_entry (fixture->store, saved, &error));
  g_assert_no_error (error);
  assert_order (fixture, "Typed Plain ✓Plain");
  item = item_at (fixture, 1);
  g_assert_cmpint (attune_agenda_item_get_entry_id (item), ==, attune_entry_get_id (saved));
  g_clear_object (&item);

  /* An entry without a title is listed as the timeline shows it. */
  {
    g_autoptr(AttuneEntry) untitled = attune_entry_new ();

    attune_entry_set_body (untitled, "\n  First line here \nsecond");
    attune_entry_set_bring (untitled, TRUE);
    resave (fixture, untitled);
    assert_order (fixture, "Typed Plain First line here ✓Plain");
  }
}

static void
insert_rows (AttuneStore *store)
{
  int rc;

  /* What version 2 of Attune would have written. */
  rc = sqlite3_exec (_attune_store_get_db (store),
                     "INSERT INTO entries (id, uuid, kind, day, created_at, updated_at, title, body, bring) "
                     "VALUES (1, 'a1b2c3d4-0000-4000-8000-000000000001', 'note', '2023-12-24', 10, 10, "
                     "'Talk about mum', '', 1);"
                     "INSERT INTO entries (id, uuid, kind, day, created_at, updated_at, title, body, bring) "
                     "VALUES (2, 'a1b2c3d4-0000-4000-8000-000000000002', 'note', '2023-12-20', 20, 20, "
                     "'', 'The dream\nagain', 1);"
                     "INSERT INTO entries (id, uuid, kind, day, created_at, updated_at, title, body, bring) "
                     "VALUES (3, 'a1b2c3d4-0000-4000-8000-000000000003', 'note', '2023-12-22', 30, 30, "
                     "'Not this one', '', 0);",
                     NULL, NULL, NULL);
  g_assert_cmpint (rc, ==, SQLITE_OK);
}

static void
test_migration (void)
{
  for (guint version = 1; version < 3; version++)
    {
      g_autofree char *name = g_strdup_printf ("agenda-from-%u.db", version);
      g_autofree char *path = g_build_filename (g_get_user_data_dir (), name, NULL);
      g_autoptr(AttuneStore) store = NULL;
      g_autoptr(AttuneAgendaItem) first = NULL;
      g_autoptr(AttuneAgendaItem) second = NULL;
      g_autoptr(GError) error = NULL;
      GListModel *agenda;

      store = _attune_store_open_at_version (path, version, &error);
      g_assert_no_error (error);
      insert_rows (store);
      g_clear_object (&store);

      store = attune_store_open (path, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (attune_store_get_schema_version (store), ==, attune_store_get_latest_schema_version ());

      agenda = attune_store_get_agenda (store);
      g_assert_cmpuint (g_list_model_get_n_items (agenda), ==, 2);

      /* Oldest first, titled as the timeline shows them. */
      first = g_list_model_get_item (agenda, 0);
      second = g_list_model_get_item (agenda, 1);
      g_assert_cmpstr (attune_agenda_item_get_text (first), ==, "The dream");
      g_assert_cmpint (attune_agenda_item_get_entry_id (first), ==, 2);
      g_assert_cmpuint (attune_agenda_item_get_position (first), ==, 0);
      g_assert_cmpstr (attune_agenda_item_get_text (second), ==, "Talk about mum");
      g_assert_cmpint (attune_agenda_item_get_entry_id (second), ==, 1);
      g_assert_cmpuint (attune_agenda_item_get_position (second), ==, 1);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/agenda/edit", Fixture, NULL, fixture_set_up, test_edit, fixture_tear_down);
  g_test_add ("/agenda/bring", Fixture, NULL, fixture_set_up, test_bring, fixture_tear_down);
  g_test_add_func ("/agenda/migration", test_migration);

  return g_test_run ();
}

/* test-window.c: the main window driven through its actions, checked against the store
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "attune-entry-editor-private.h"
#include "attune-test-utils.h"
#include "attune-window-private.h"

typedef struct
{
  char         *dir;
  char         *path;
  AttuneStore  *store;
  GSettings    *settings;
  AttuneWindow *window;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("attune-window-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "attune.db", NULL);
  f->store = attune_store_open (f->path, &error);
  g_assert_no_error (error);

  f->settings = g_settings_new ("io.github.attunejournal.Attune");
  g_settings_set_boolean (f->settings, "welcome-done", GPOINTER_TO_INT (data));

  f->window = g_object_new (ATTUNE_TYPE_WINDOW, "store", f->store, NULL);
  g_object_ref (f->window);
  gtk_window_present (GTK_WINDOW (f->window));
  attune_test_flush ();
}


static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  attune_test_flush ();
  g_assert_finalize_object (f->window);
  g_settings_reset (f->settings, "welcome-done");
  g_clear_object (&f->settings);
  g_assert_finalize_object (f->store);
  attune_test_remove_dir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static void
activate (Fixture    *f,
          const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), action, NULL));
  attune_test_flush ();
}

/* Types into the editor the way a person's key presses would end up. */
static void
write_entry (Fixture    *f,
             const char *title,
             const char *body)
{
  AttuneEntryEditor *editor = _attune_window_get_editor (f->window);

  activate (f, "win.new-entry");
  gtk_editable_set_text (_attune_entry_editor_get_title_editable (editor), title);
  gtk_text_buffer_set_text (_attune_entry_editor_get_body_buffer (editor), body, -1);
}

static void
test_welcome_first (Fixture       *f,
                    gconstpointer  data)
{
  g_assert_cmpstr (_attune_window_get_visible_page (f->window), ==, "welcome");
  /* Nothing personal can be written before the welcome is through. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-entry", NULL);
  attune_test_flush ();
  g_assert_cmpstr (_attune_window_get_visible_page (f->window), ==, "welcome");

  g_signal_emit_by_name (gtk_widget_get_template_child (GTK_WIDGET (f->window), ATTUNE_TYPE_WINDOW, "welcome"), "done");
  attune_test_flush ();
  g_assert_cmpstr (_attune_window_get_visible_page (f->window), ==, "journal");
  g_assert_true (g_settings_get_boolean (f->settings, "welcome-done"));
}

static void
test_empty_timeline (Fixture       *f,
                     gconstpointer  data)
{
  g_assert_cmpstr (_attune_window_get_visible_page (f->window), ==, "journal");
  g_assert_cmpstr (_attune_window_get_timeline_state (f->window), ==, "empty");
}

static void
test_autosave (Fixture       *f,
               gconstpointer  data)
{
  AttuneEntryEditor *editor = _attune_window_get_editor (f->window);
  g_autoptr(AttuneStore) other = NULL;
  g_autoptr(AttuneEntry) saved = NULL;
  g_autoptr(GError) error = NULL;
  AttuneTimeline *timeline = _attune_window_get_timeline (f->window);

  write_entry (f, "After Thursday", "I wanted to say I felt rushed at the end.");
  attune_mood_chooser_set_mood (_attune_entry_editor_get_mood_chooser (editor), 2);
  gtk_switch_set_active (_attune_entry_editor_get_bring_switch (editor), TRUE);
  gtk_editable_set_text (_attune_entry_editor_get_tags_editable (editor), "session, time");
  g_assert_cmpint (attune_entry_editor_get_save_state (editor), ==, ATTUNE_SAVE_STATE_PENDING);

  /* No save button: waiting is enough. */
  attune_test_wait_until (attune_entry_editor_get_save_state (editor) == ATTUNE_SAVE_STATE_SAVED, 5000);

  /* Another connection sees it: it is on disk, not only in memory. */
  other = attune_store_open (f->path, &error);
  g_assert_no_error (error);
  saved = attune_store_get_entry (other, attune_entry_get_id (attune_entry_editor_get_entry (editor)), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (attune_entry_get_title (saved), ==, "After Thursday");
  g_assert_cmpstr (attune_entry_get_body (saved), ==, "I wanted to say I felt rushed at the end.");
  g_assert_cmpint (attune_entry_get_mood (saved), ==, 2);
  g_assert_true (attune_entry_get_bring (saved));
  g_assert_cmpuint (g_strv_length ((char **) attune_entry_get_tags (saved)), ==, 2);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (timeline)), ==, 1);
  g_assert_cmpstr (_attune_window_get_timeline_state (f->window), ==, "list");
}

static void
test_blank_entry_not_saved (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  activate (f, "win.new-entry");
  activate (f, "win.show-timeline");
  g_assert_cmpint (attune_store_count_entries (f->store, &error), ==, 0);
  g_assert_no_error (error);
}

static void
test_edit_existing (Fixture       *f,
                    gconstpointer  data)
{
  AttuneEntryEditor *editor = _attune_window_get_editor (f->window);
  g_autoptr(AttuneEntry) entry = attune_entry_new ();
  g_autoptr(AttuneEntry) saved = NULL;
  g_autoptr(GError) error = NULL;

  attune_entry_set_title (entry, "First");
  g_assert_true (attune_store_save_entry (f->store, entry, &error));

  g_signal_emit_by_name (gtk_widget_get_template_child (GTK_WIDGET (f->window), ATTUNE_TYPE_WINDOW, "timeline_view"),
                         "activate", 0);
  g_assert_cmpint (attune_entry_get_id (attune_entry_editor_get_entry (editor)), ==, attune_entry_get_id (entry));
  gtk_editable_set_text (_attune_entry_editor_get_title_editable (editor), "First, edited");
  activate (f, "win.show-timeline");

  saved = attune_store_get_entry (f->store, attune_entry_get_id (entry), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (attune_entry_get_title (saved), ==, "First, edited");
  g_assert_cmpint (attune_store_count_entries (f->store, NULL), ==, 1);
}

static void
test_delete_and_undo (Fixture       *f,
                      gconstpointer  data)
{
  AttuneEntryEditor *editor = _attune_window_get_editor (f->window);
  g_autoptr(AttuneEntry) back = NULL;
  g_autofree char *uuid = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  write_entry (f, "To delete", "Some words");
  g_assert_true (attune_entry_editor_flush (editor, &error));
  id = attune_entry_get_id (attune_entry_editor_get_entry (editor));
  uuid = g_strdup (attune_entry_get_uuid (attune_entry_editor_get_entry (editor)));
  g_assert_cmpint (id, >, 0);

  activate (f, "win.delete-entry");
  g_assert_cmpint (attune_store_count_entries (f->store, NULL), ==, 0);
  g_assert_cmpstr (_attune_window_get_timeline_state (f->window), ==, "empty");

  activate (f, "win.undo-delete");
  g_assert_cmpint (attune_store_count_entries (f->store, NULL), ==, 1);
  back = attune_store_get_entry (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (attune_entry_get_uuid (back), ==, uuid);
  g_assert_cmpstr (attune_entry_get_body (back), ==, "Some words");
  g_assert_cmpstr (_attune_window_get_timeline_state (f->window), ==, "list");

  /* Undo brings it back once, not twice. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo-delete", NULL);
  attune_test_flush ();
  g_assert_cmpint (attune_store_count_entries (f->store, NULL), ==, 1);
}

static void
test_search_filters (Fixture       *f,
                     gconstpointer  data)
{
  const char *texts[][2] = {
    { "Monday", "The session felt warm today." },
    { "Tuesday", "Couldn't sleep; thinking about what she said." },
    { "Über Grenzen", "Ich habe mich missverstanden gefühlt." },
  };
  AttuneTimeline *timeline = _attune_window_get_timeline (f->window);
  GtkEditable *search = _attune_window_get_search_entry (f->window);

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(AttuneEntry) entry = attune_entry_new ();

      attune_entry_set_title (entry, texts[i][0]);
      attune_entry_set_body (entry, texts[i][1]);
      g_assert_true (attune_store_save_entry (f->store, entry, NULL));
    }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (timeline)), ==, 3);

  activate (f, "win.search");
  gtk_editable_set_text (search, "sleep");
  attune_test_wait_until (g_list_model_get_n_items (G_LIST_MODEL (timeline)) == 1, 3000);
  {
    g_autoptr(AttuneEntry) hit = g_list_model_get_item (G_LIST_MODEL (timeline), 0);
    g_assert_cmpstr (attune_entry_get_title (hit), ==, "Tuesday");
  }

  gtk_editable_set_text (search, "gefuhlt");
  attune_test_wait_until (g_list_model_get_n_items (G_LIST_MODEL (timeline)) == 1, 3000);

  gtk_editable_set_text (search, "zebra");
  attune_test_wait_until (g_list_model_get_n_items (G_LIST_MODEL (timeline)) == 0, 3000);
  g_assert_cmpstr (_attune_window_get_timeline_state (f->window), ==, "no-results");

  gtk_editable_set_text (search, "");
  attune_test_wait_until (g_list_model_get_n_items (G_LIST_MODEL (timeline)) == 3, 3000);
  g_assert_cmpstr (_attune_window_get_timeline_state (f->window), ==, "list");
}

static void
test_error_page (void)
{
  g_autoptr(GError) error = g_error_new_literal (ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_CORRUPT,
                                                 "The journal file is damaged.");
  AttuneWindow *window = g_object_new (ATTUNE_TYPE_WINDOW, "store-error", error, NULL);

  g_object_ref (window);
  gtk_window_present (GTK_WINDOW (window));
  attune_test_flush ();

  g_assert_cmpstr (_attune_window_get_visible_page (window), ==, "error");
  g_assert_cmpstr (attune_error_page_get_title (_attune_window_get_error_page (window)), ==,
                   "Your Journal File Is Damaged");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-entry", NULL);
  attune_test_flush ();
  g_assert_cmpstr (_attune_window_get_visible_page (window), ==, "error");

  gtk_window_destroy (GTK_WINDOW (window));
  attune_test_flush ();
  g_assert_finalize_object (window);
}

int
main (int   argc,
      char *argv[])
{
  if (!attune_test_init_gtk (&argc, &argv))
    return 0;

  adw_init ();

#define ADD(path, func, welcome_done) \
  g_test_add ("/window/" path, Fixture, GINT_TO_POINTER (welcome_done), fixture_set_up, func, fixture_tear_down)

  ADD ("welcome-first", test_welcome_first, FALSE);
  ADD ("empty-timeline", test_empty_timeline, TRUE);
  ADD ("autosave", test_autosave, TRUE);
  ADD ("blank-entry-not-saved", test_blank_entry_not_saved, TRUE);
  ADD ("edit-existing", test_edit_existing, TRUE);
  ADD ("delete-and-undo", test_delete_and_undo, TRUE);
  ADD ("search-filters", test_search_filters, TRUE);
  g_test_add_func ("/window/error-page", test_error_page);

#undef ADD

  return g_test_run ();
}

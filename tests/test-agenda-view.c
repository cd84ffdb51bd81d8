/* test-agenda-view.c: the list for next session, driven as a person would, checked against the store
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "attune-agenda-view.h"
#include "attune-test-utils.h"

typedef struct
{
  char             *dir;
  char             *path;
  AttuneStore      *store;
  GtkWidget        *window;
  AttuneAgendaView *view;
} Fixture;

/* data: TRUE to put the view inside an AdwToastOverlay, as the window does. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("attune-agenda-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "attune.db", NULL);
  f->store = attune_store_open (f->path, &error);
  g_assert_no_error (error);

  f->view = g_object_ref_sink (ATTUNE_AGENDA_VIEW (attune_agenda_view_new (f->store)));
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 360, 640);

  if (GPOINTER_TO_INT (data))
    {
      GtkWidget *overlay = adw_toast_overlay_new ();

      adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (f->view));
      gtk_window_set_child (GTK_WINDOW (f->window), overlay);
    }
  else
    {
      gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->view));
    }

  gtk_window_present (GTK_WINDOW (f->window));
  attune_test_flush ();
}


static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  attune_test_flush ();
  g_assert_finalize_object (f->view);
  g_assert_finalize_object (f->store);
  attune_test_remove_dir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static GtkWidget *
template_child (Fixture    *f,
                const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (f->view), ATTUNE_TYPE_AGENDA_VIEW, name);

  g_assert_nonnull (child);
  return GTK_WIDGET (child);
}

static GListModel *
agenda (Fixture *f)
{
  return attune_store_get_agenda (f->store);
}

static guint
n_items (Fixture *f)
{
  return g_list_model_get_n_items (agenda (f));
}

/* Returns: (transfer full) */
static AttuneAgendaItem *
item_at (Fixture *f,
         guint    position)
{
  AttuneAgendaItem *item = g_list_model_get_item (agenda (f), position);

  g_assert_nonnull (item);
  return item;
}

static void
assert_text_at (Fixture    *f,
                guint       position,
                const char *text)
{
  g_autoptr(AttuneAgendaItem) item = item_at (f, position);

  g_assert_cmpstr (attune_agenda_item_get_text (item), ==, text);
}

static gint64
id_at (Fixture *f,
       guint    position)
{
  g_autoptr(AttuneAgendaItem) item = item_at (f, position);

  return attune_agenda_item_get_id (item);
}

static GtkWidget *
row_at (Fixture *f,
        guint    position)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (template_child (f, "list_box")), position);

  g_assert_nonnull (row);
  return GTK_WIDGET (row);
}

/* The way a person's typing and Enter end up in the add row. */
static void
type_and_apply (Fixture    *f,
                const char *text)
{
  GtkWidget *add_row = template_child (f, "add_row");

  gtk_editable_set_text (GTK_EDITABLE (add_row), text);
  g_signal_emit_by_name (add_row, "apply");
  attune_test_flush ();
}

static void
activate (Fixture    *f,
          const char *action,
          gint64      id)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), action, id != 0 ? "x" : NULL, id));
  attune_test_flush ();
}

static void
test_add (Fixture       *f,
          gconstpointer  data)
{
  GtkWidget *add_row = template_child (f, "add_row");
  GtkWidget *empty_box = template_child (f, "empty_box");
  GtkWidget *list_box = template_child (f, "list_box");

  g_assert_true (gtk_widget_get_visible (empty_box));
  g_assert_false (gtk_widget_get_visible (list_box));

  type_and_apply (f, "  I felt rushed at the end of last session  ");
  type_and_apply (f, "Whether we can talk about my sister");
  type_and_apply (f, "A <long> thing & more: " "sometimes I don't know how to start, and then the hour is over "
                     "before I have said what I came to say, and I leave feeling I wasted it.");

  g_assert_cmpuint (n_items (f), ==, 3);
  assert_text_at (f, 0, "I felt rushed at the end of last session");
  assert_text_at (f, 1, "Whether we can talk about my sister");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (add_row)), ==, "");
  g_assert_false (gtk_widget_get_visible (empty_box));
  g_assert_true (gtk_widget_get_visible (list_box));

  /* Text with markup characters is shown as written. */
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row_at (f, 2))), ==,
                   "A <long> thing & more: sometimes I don't know how to start, and then the hour is over "
                   "before I have said what I came to say, and I leave feeling I wasted it.");
  g_assert_false (adw_preferences_row_get_use_markup (ADW_PREFERENCES_ROW (row_at (f, 2))));

  /* Only spaces: nothing to add, and no error either. */
  type_and_apply (f, "   ");
  g_assert_cmpuint (n_items (f), ==, 3);

  /* Enter without the apply button (as after focus changes) adds as well. */
  gtk_editable_set_text (GTK_EDITABLE (add_row), "One more");
  g_signal_emit_by_name (add_row, "entry-activated");
  attune_test_flush ();
  g_assert_cmpuint (n_items (f), ==, 4);
  assert_text_at (f, 3, "One more");

  /* Rows follow the model. */
  g_assert_nonnull (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list_box), 3));
  g_assert_null (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list_box), 4));
}

static void
test_add_error (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *add_row = template_child (f, "add_row");
  GtkWidget *message_box = template_child (f, "message_box");
  g_autofree char *too_long = g_strnfill (2001, 'a');

  /* The store refuses it; the words stay in the row to shorten and try again. */
  type_and_apply (f, too_long);
  g_assert_cmpuint (n_items (f), ==, 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (add_row)), ==, too_long);

  if (!GPOINTER_TO_INT (data))
    {
      /* No toast overlay around: the error is shown in the view, never only logged. */
      g_assert_true (gtk_widget_get_visible (message_box));
      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (template_child (f, "message_label"))), !=, "");
      g_assert_false (gtk_widget_get_visible (template_child (f, "message_undo_button")));
    }
  else
    {
      g_assert_false (gtk_widget_get_visible (message_box));
    }
}

static void
test_done_and_undo (Fixture       *f,
                    gconstpointer  data)
{
  GtkCheckButton *check;
  gint64 first;

  type_and_apply (f, "First");
  type_and_apply (f, "Second");
  first = id_at (f, 0);

  check = g_object_get_data (G_OBJECT (row_at (f, 0)), "agenda-check");
  g_assert_true (GTK_IS_CHECK_BUTTON (check));
  g_assert_false (gtk_check_button_get_active (check));
  gtk_check_button_set_active (check, TRUE);
  attune_test_flush ();

  /* Done items go after the others, dimmed and struck through. */
  g_assert_cmpint (id_at (f, 1), ==, first);
  {
    g_autoptr(AttuneAgendaItem) item = item_at (f, 1);

    g_assert_true (attune_agenda_item_get_done (item));
  }
  g_assert_true (gtk_widget_has_css_class (row_at (f, 1), "agenda-done"));
  g_assert_false (gtk_widget_has_css_class (row_at (f, 0), "agenda-done"));
  check = g_object_get_data (G_OBJECT (row_at (f, 1)), "agenda-check");
  g_assert_true (gtk_check_button_get_active (check));

  activate (f, "agenda.undo", 0);
  g_assert_cmpint (id_at (f, 0), ==, first);
  {
    g_autoptr(AttuneAgendaItem) item = item_at (f, 0);

    g_assert_false (attune_agenda_item_get_done (item));
  }
  g_assert_false (gtk_widget_has_css_class (row_at (f, 0), "agenda-done"));

  /* Undo happens once. */
  activate (f, "agenda.undo", 0);
  g_assert_cmpint (id_at (f, 0), ==, first);

  /* Unchecking by hand also works, with no undo needed. */
  check = g_object_get_data (G_OBJECT (row_at (f, 0)), "agenda-check");
  gtk_check_button_set_active (check, TRUE);
  attune_test_flush ();
  check = g_object_get_data (G_OBJECT (row_at (f, 1)), "agenda-check");
  gtk_check_button_set_active (check, FALSE);
  attune_test_flush ();
  {
    g_autoptr(AttuneAgendaItem) item = item_at (f, 0);
    g_autoptr(AttuneAgendaItem) other = item_at (f, 1);

    g_assert_false (attune_agenda_item_get_done (item));
    g_assert_false (attune_agenda_item_get_done (other));
  }
}

static void
test_move (Fixture       *f,
           gconstpointer  data)
{
  gint64 a, b, c;

  type_and_apply (f, "A");
  type_and_apply (f, "B");
  type_and_apply (f, "C");
  a = id_at (f, 0);
  b = id_at (f, 1);
  c = id_at (f, 2);

  /* As from the row's menu: the keyboard focus follows the item to its new place. */
  gtk_widget_grab_focus (g_object_get_data (G_OBJECT (row_at (f, 0)), "agenda-menu-button"));
  activate (f, "agenda.move-down", a);
  g_assert_cmpint (id_at (f, 0), ==, b);
  g_assert_cmpint (id_at (f, 1), ==, a);
  g_assert_cmpint (id_at (f, 2), ==, c);
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->window)),
                                         g_object_get_data (G_OBJECT (row_at (f, 1)), "agenda-menu-button")) ||
                 gtk_root_get_focus (GTK_ROOT (f->window)) == g_object_get_data (G_OBJECT (row_at (f, 1)), "agenda-menu-button"));

  activate (f, "agenda.move-down", a);
  g_assert_cmpint (id_at (f, 0), ==, b);
  g_assert_cmpint (id_at (f, 1), ==, c);
  g_assert_cmpint (id_at (f, 2), ==, a);

  /* Already last: nothing happens. */
  activate (f, "agenda.move-down", a);
  g_assert_cmpint (id_at (f, 2), ==, a);

  activate (f, "agenda.move-up", c);
  g_assert_cmpint (id_at (f, 0), ==, c);
  g_assert_cmpint (id_at (f, 1), ==, b);
  g_assert_cmpint (id_at (f, 2), ==, a);

  /* Already first: nothing happens. */
  activate (f, "agenda.move-up", c);
  g_assert_cmpint (id_at (f, 0), ==, c);

  /* Rows show the new order. */
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row_at (f, 0))), ==, "C");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row_at (f, 2))), ==, "A");

  /* A done item does not move up among the ones still to talk about. */
  gtk_check_button_set_active (g_object_get_data (G_OBJECT (row_at (f, 1)), "agenda-check"), TRUE);
  attune_test_flush ();
  g_assert_cmpint (id_at (f, 2), ==, b);
  activate (f, "agenda.move-up", b);
  g_assert_cmpint (id_at (f, 2), ==, b);
}

static void
test_remove_and_restore (Fixture       *f,
                         gconstpointer  data)
{
  GtkWidget *message_box = template_child (f, "message_box");
  gint64 second;

  type_and_apply (f, "Keep");
  type_and_apply (f, "Remove me, then bring me back");
  type_and_apply (f, "Also keep");
  second = id_at (f, 1);

  activate (f, "agenda.remove", second);
  g_assert_cmpuint (n_items (f), ==, 2);
  assert_text_at (f, 0, "Keep");
  assert_text_at (f, 1, "Also keep");

  /* Without a toast overlay the message shows in the view itself. */
  g_assert_cmpint (gtk_widget_get_visible (message_box), ==, !GPOINTER_TO_INT (data));

  activate (f, "agenda.undo", 0);
  g_assert_cmpuint (n_items (f), ==, 3);
  assert_text_at (f, 1, "Remove me, then bring me back");
  g_assert_false (gtk_widget_get_visible (message_box));

  /* Removing everything shows the empty state again. */
  activate (f, "agenda.remove", id_at (f, 0));
  activate (f, "agenda.remove", id_at (f, 0));
  activate (f, "agenda.remove", id_at (f, 0));
  g_assert_cmpuint (n_items (f), ==, 0);
  g_assert_true (gtk_widget_get_visible (template_child (f, "empty_box")));

  /* Only the last removal can be undone. */
  activate (f, "agenda.undo", 0);
  g_assert_cmpuint (n_items (f), ==, 1);
  assert_text_at (f, 0, "Also keep");
}

static void
test_from_entry (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(AttuneEntry) entry = attune_entry_new ();
  g_autoptr(AttuneAgendaItem) item = NULL;
  g_autoptr(GError) error = NULL;

  attune_entry_set_title (entry, "Thursday");
  g_assert_true (attune_store_save_entry (f->store, entry, &error));
  g_assert_no_error (error);

  item = attune_store_add_agenda_item (f->store, "What I wrote on Thursday", attune_entry_get_id (entry), &error);
  g_assert_no_error (error);
  g_assert_nonnull (item);
  type_and_apply (f, "Typed here");
  attune_test_flush ();

  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row_at (f, 0))), ==, "From your journal");
  g_assert_true (adw_action_row_get_subtitle (ADW_ACTION_ROW (row_at (f, 1))) == NULL ||
                 adw_action_row_get_subtitle (ADW_ACTION_ROW (row_at (f, 1)))[0] == '\0');
}

static void
test_focus_add_row (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *add_row = template_child (f, "add_row");
  GtkWidget *focus;

  attune_agenda_view_focus_add_row (f->view);
  attune_test_flush ();
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_nonnull (focus);
  g_assert_true (focus == add_row || gtk_widget_is_ancestor (focus, add_row));
}

static void
test_set_store (Fixture       *f,
                gconstpointer  data)
{
  guint notified = 0;

  type_and_apply (f, "Something");
  g_signal_connect_swapped (f->view, "notify::store", G_CALLBACK (g_atomic_int_inc), &notified);

  attune_agenda_view_set_store (f->view, NULL);
  g_assert_null (attune_agenda_view_get_store (f->view));
  g_assert_true (gtk_widget_get_visible (template_child (f, "empty_box")));
  attune_agenda_view_set_store (f->view, NULL);
  g_assert_cmpuint (notified, ==, 1);

  attune_agenda_view_set_store (f->view, f->store);
  g_assert_true (attune_agenda_view_get_store (f->view) == f->store);
  g_assert_cmpuint (notified, ==, 2);
  g_assert_false (gtk_widget_get_visible (template_child (f, "empty_box")));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row_at (f, 0))), ==, "Something");
}

int
main (int   argc,
      char *argv[])
{
  if (!attune_test_init_gtk (&argc, &argv))
    return 0;

  adw_init ();

#define ADD(path, func, overlay) \
  g_test_add (path, Fixture, GINT_TO_POINTER (overlay), fixture_set_up, func, fixture_tear_down)

  ADD ("/agenda-view/add", test_add, TRUE);
  ADD ("/agenda-view/add-error", test_add_error, TRUE);
  ADD ("/agenda-view/add-error-no-overlay", test_add_error, FALSE);
  ADD ("/agenda-view/done-and-undo", test_done_and_undo, TRUE);
  ADD ("/agenda-view/done-and-undo-no-overlay", test_done_and_undo, FALSE);
  ADD ("/agenda-view/move", test_move, TRUE);
  ADD ("/agenda-view/remove-and-restore", test_remove_and_restore, TRUE);
  ADD ("/agenda-view/remove-and-restore-no-overlay", test_remove_and_restore, FALSE);
  ADD ("/agenda-view/from-entry", test_from_entry, TRUE);
  ADD ("/agenda-view/focus-add-row", test_focus_add_row, TRUE);
  ADD ("/agenda-view/set-store", test_set_store, TRUE);

#undef ADD

  return g_test_run ();
}

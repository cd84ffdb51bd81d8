/* test-widgets.c: every templated widget is created, shown and finalized
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "attune-check-in-view.h"
#include "attune-check-in-wizard.h"
#include "attune-entry-editor.h"
#include "attune-entry-row.h"
#include "attune-error-page.h"
#include "attune-mood-chooser.h"
#include "attune-preferences-window.h"
#include "attune-ruptures-help.h"
#include "attune-scale-chooser.h"
#include "attune-test-utils.h"
#include "attune-welcome.h"
#include "attune-window.h"

static void
show_in_window_and_finalize (GtkWidget *widget)
{
  GtkWidget *window = gtk_window_new ();

  g_object_ref_sink (widget);
  gtk_window_set_child (GTK_WINDOW (window), widget);
  gtk_window_present (GTK_WINDOW (window));
  attune_test_flush ();
  g_assert_true (gtk_widget_get_mapped (widget));

  gtk_window_destroy (GTK_WINDOW (window));
  attune_test_flush ();
  g_assert_finalize_object (widget);
}

static void
test_mood_chooser (void)
{
  GtkWidget *chooser = attune_mood_chooser_new ();
  guint notified = 0;

  g_signal_connect_swapped (chooser, "notify::mood", G_CALLBACK (g_atomic_int_inc), &notified);
  attune_mood_chooser_set_mood (ATTUNE_MOOD_CHOOSER (chooser), 4);
  attune_mood_chooser_set_mood (ATTUNE_MOOD_CHOOSER (chooser), 4);
  g_assert_cmpint (attune_mood_chooser_get_mood (ATTUNE_MOOD_CHOOSER (chooser)), ==, 4);
  g_assert_cmpuint (notified, ==, 1);
  attune_mood_chooser_set_mood (ATTUNE_MOOD_CHOOSER (chooser), 0);
  g_assert_cmpuint (notified, ==, 2);

  show_in_window_and_finalize (chooser);
}

static void
test_entry_row (void)
{
  GtkWidget *row = attune_entry_row_new ();
  g_autoptr(AttuneEntry) entry = attune_entry_new ();
  const char *tags[] = { "work", "sleep", NULL };

  attune_entry_set_title (entry, "A hard Tuesday");
  attune_entry_set_body (entry, "We talked about my sister and I went quiet.");
  attune_entry_set_mood (entry, 2);
  attune_entry_set_bring (entry, TRUE);
  attune_entry_set_tags (entry, tags);
  attune_entry_row_set_entry (ATTUNE_ENTRY_ROW (row), entry);
  attune_entry_row_set_show_day (ATTUNE_ENTRY_ROW (row), TRUE);
  g_assert_true (attune_entry_row_get_entry (ATTUNE_ENTRY_ROW (row)) == entry);

  show_in_window_and_finalize (row);
}

static int
row_height_for_width (GtkWidget *row,
                      int        width)
{
  int minimum, natural;

  gtk_widget_measure (row, GTK_ORIENTATION_VERTICAL, width, &minimum, &natural, NULL, NULL);
  return natural;
}

/* A row's size, as the timeline's list view asks for it (issue #7): its height follows the
 * width it is given (a long excerpt takes two lines, a short one one), and its width does
 * not follow its text, so the timeline keeps its width whichever rows it shows. */
static void
test_entry_row_size (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *short_row = attune_entry_row_new ();
  GtkWidget *long_row = attune_entry_row_new ();
  GtkWidget *emoji_row = attune_entry_row_new ();
  g_autoptr(AttuneEntry) short_entry = attune_entry_new ();
  g_autoptr(AttuneEntry) long_entry = attune_entry_new ();
  g_autoptr(AttuneEntry) emoji_entry = attune_entry_new ();
  int short_height, long_height, wide_height, line;
  int minimum, short_natural, long_natural;

  attune_entry_set_title (short_entry, "Short");
  attune_entry_set_body (short_entry, "One line.");
  attune_entry_set_title (long_entry, "A much longer title that goes on and on about the day and the session");
  attune_entry_set_body (long_entry,
                         "I want to bring up how rushed the end of last session felt. I am worried it "
                         "will sound like a complaint, but it has been on my mind all week, every day.");
  attune_entry_set_title (emoji_entry, "Short \xf0\x9f\x98\x80");
  attune_entry_set_body (emoji_entry, "One line.");
  attune_entry_row_set_entry (ATTUNE_ENTRY_ROW (short_row), short_entry);
  attune_entry_row_set_entry (ATTUNE_ENTRY_ROW (long_row), long_entry);
  attune_entry_row_set_entry (ATTUNE_ENTRY_ROW (emoji_row), emoji_entry);
  gtk_box_append (GTK_BOX (box), short_row);
  gtk_box_append (GTK_BOX (box), long_row);
  gtk_box_append (GTK_BOX (box), emoji_row);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  attune_test_flush ();

  short_height = row_height_for_width (short_row, 360);
  long_height = row_height_for_width (long_row, 360);
  wide_height = row_height_for_width (long_row, 3000);
  line = long_height - wide_height;
  g_test_message ("row heights: short %d, long %d at 360 px, %d at 3000 px", short_height, long_height, wide_height);

  /* At 360 px the excerpt takes two lines, at 3000 px one: a row measured without its width
   * (as GTK does for a widget of constant size) would not tell them apart. */
  g_assert_cmpint (line, >=, 10);
  g_assert_cmpint (wide_height, ==, short_height);
  g_assert_cmpint (long_height, ==, short_height + line);
  /* A title with an emoji is measured for real, never taller than its text needs. */
  g_assert_cmpint (row_height_for_width (emoji_row, 360), >=, short_height);

  gtk_widget_measure (short_row, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &short_natural, NULL, NULL);
  gtk_widget_measure (long_row, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &long_natural, NULL, NULL);
  g_assert_cmpint (short_natural, ==, long_natural);
  g_assert_cmpint (minimum, <, 360);

  gtk_window_destroy (GTK_WINDOW (window));
  attune_test_flush ();
}

static void
test_entry_editor (void)
{
  show_in_window_and_finalize (g_object_new (ATTUNE_TYPE_ENTRY_EDITOR, NULL));
}

static void
test_welcome (void)
{
  show_in_window_and_finalize (attune_welcome_new ());
}

static void
test_error_page (void)
{
  GtkWidget *page = attune_error_page_new ();
  g_autoptr(GError) error = g_error_new_literal (ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_NEWER_SCHEMA, "newer");

  attune_error_page_set_error (ATTUNE_ERROR_PAGE (page), error, "/tmp/attune.db");
  g_assert_cmpstr (attune_error_page_get_title (ATTUNE_ERROR_PAGE (page)), ==, "Your Journal Needs a Newer Attune");

  show_in_window_and_finalize (page);
}

static void
test_preferences_window (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.attunejournal.Attune");
  AttunePreferencesWindow *prefs = attune_preferences_window_new (settings, "/tmp/attune.db");

  gtk_window_present (GTK_WINDOW (prefs));
  attune_test_flush ();
  gtk_window_destroy (GTK_WINDOW (prefs));
  attune_test_flush ();
}

static void
test_scale_chooser (void)
{
  GtkWidget *chooser = g_object_new (ATTUNE_TYPE_SCALE_CHOOSER,
                                     "kind", ATTUNE_SCALE_KIND_STRENGTH,
                                     "question", "How strong was it?",
                                     NULL);
  guint notified = 0;

  g_signal_connect_swapped (chooser, "notify::value", G_CALLBACK (g_atomic_int_inc), &notified);
  attune_scale_chooser_set_value (ATTUNE_SCALE_CHOOSER (chooser), ATTUNE_SCALE_NOT_SURE);
  attune_scale_chooser_set_value (ATTUNE_SCALE_CHOOSER (chooser), 5);
  attune_scale_chooser_set_value (ATTUNE_SCALE_CHOOSER (chooser), 5);
  g_assert_cmpint (attune_scale_chooser_get_value (ATTUNE_SCALE_CHOOSER (chooser)), ==, 5);
  g_assert_cmpuint (notified, ==, 2);
  g_assert_cmpstr (attune_scale_step_label (ATTUNE_SCALE_KIND_STRENGTH, 5), ==, "Very strong");

  show_in_window_and_finalize (chooser);
}

static void
test_check_in_view (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AttuneStore) store = attune_test_open_store (&dir);
  g_autoptr(AttuneCheckIn) check_in = attune_check_in_new ();
  g_autoptr(AttuneCheckIn) after = NULL;
  GtkWidget *view = g_object_new (ATTUNE_TYPE_CHECK_IN_VIEW, NULL);

  g_assert_no_error (error);
  attune_check_in_set_session_at (check_in, g_get_real_time ());
  attune_check_in_set_rupture (check_in, ATTUNE_RUPTURE_YES);
  g_assert_true (attune_store_save_check_in (store, check_in, &error));

  g_assert_true (attune_check_in_view_show (ATTUNE_CHECK_IN_VIEW (view), store,
                                            attune_check_in_get_entry_id (check_in), &error));
  g_assert_no_error (error);

  /* A rupture can be updated from its page at any time. */
  g_assert_true (attune_check_in_view_update_repair (ATTUNE_CHECK_IN_VIEW (view), ATTUNE_FOLLOW_UP_UNRESOLVED,
                                                     "We started on it.", &error));
  g_assert_no_error (error);
  after = attune_store_get_check_in (store, attune_check_in_get_entry_id (check_in), &error);
  g_assert_cmpint (attune_check_in_get_repair_status (after), ==, ATTUNE_REPAIR_IN_PROGRESS);

  show_in_window_and_finalize (view);
  g_assert_finalize_object (g_steal_pointer (&store));
  attune_test_remove_dir (dir);
}

static void
test_check_in_wizard (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AttuneStore) store = attune_test_open_store (&dir);
  g_autoptr(AttuneCheckInFlow) flow = NULL;
  AttuneCheckInWizard *wizard;

  g_assert_no_error (error);
  flow = attune_check_in_wizard_create_flow (store, NULL, &error);
  g_assert_no_error (error);
  wizard = attune_check_in_wizard_new (store, flow, &error);
  g_assert_no_error (error);
  g_object_ref (wizard);
  gtk_window_present (GTK_WINDOW (wizard));
  attune_test_flush ();
  gtk_window_destroy (GTK_WINDOW (wizard));
  attune_test_flush ();
  g_assert_finalize_object (wizard);
  g_clear_object (&flow);
  g_assert_finalize_object (g_steal_pointer (&store));
  attune_test_remove_dir (dir);
}

static void
test_ruptures_help (void)
{
  GtkWindow *help = attune_ruptures_help_new ();

  g_object_ref (help);
  gtk_window_present (help);
  attune_test_flush ();
  gtk_window_destroy (help);
  attune_test_flush ();
  g_assert_finalize_object (help);
}

static void
test_window (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AttuneStore) store = attune_test_open_store (&dir);
  GtkWidget *window;

  g_assert_no_error (error);

  window = g_object_new (ATTUNE_TYPE_WINDOW, "store", store, NULL);
  g_object_ref (window);
  gtk_window_present (GTK_WINDOW (window));
  attune_test_flush ();
  gtk_window_destroy (GTK_WINDOW (window));
  attune_test_flush ();
  g_assert_finalize_object (window);
  g_assert_finalize_object (g_steal_pointer (&store));
  attune_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  if (!attune_test_init_gtk (&argc, &argv))
    return 0;

  adw_init ();

  g_test_add_func ("/widgets/mood-chooser", test_mood_chooser);
  g_test_add_func ("/widgets/entry-row", test_entry_row);
  g_test_add_func ("/widgets/entry-row-size", test_entry_row_size);
  g_test_add_func ("/widgets/entry-editor", test_entry_editor);
  g_test_add_func ("/widgets/welcome", test_welcome);
  g_test_add_func ("/widgets/error-page", test_error_page);
  g_test_add_func ("/widgets/preferences-window", test_preferences_window);
  g_test_add_func ("/widgets/scale-chooser", test_scale_chooser);
  g_test_add_func ("/widgets/check-in-view", test_check_in_view);
  g_test_add_func ("/widgets/check-in-wizard", test_check_in_wizard);
  g_test_add_func ("/widgets/ruptures-help", test_ruptures_help);
  g_test_add_func ("/widgets/window", test_window);

  return g_test_run ();
}

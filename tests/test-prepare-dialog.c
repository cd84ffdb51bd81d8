/* test-prepare-dialog.c: "Prepare for my session", driven through its widgets and actions,
 * checked against the written notes
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "attune-prepare-dialog.h"
#include "attune-test-journal.h"
#include "attune-test-utils.h"

typedef struct
{
  char                *dir;
  char                *path;
  char                *out;
  AttuneStore         *store;
  AttunePrepareDialog *dialog;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("attune-prepare-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "attune.db", NULL);
  f->out = g_build_filename (f->dir, "notes.out", NULL);
  f->store = attune_test_journal_new (f->path);

  f->dialog = g_object_ref_sink (ATTUNE_PREPARE_DIALOG (attune_prepare_dialog_new (NULL, f->store)));
  gtk_window_set_default_size (GTK_WINDOW (f->dialog), 360, 640);
  _attune_prepare_dialog_set_test_path (f->dialog, f->out);
  gtk_window_present (GTK_WINDOW (f->dialog));
  attune_test_flush ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  attune_test_wait_until (!attune_prepare_dialog_get_busy (f->dialog), 5000);
  gtk_window_destroy (GTK_WINDOW (f->dialog));
  /* A cancelled worker still holds the dialog until its result comes back to the main loop. */
  attune_test_wait_until (G_OBJECT (f->dialog)->ref_count == 1, 5000);
  attune_test_flush ();
  g_assert_finalize_object (f->dialog);
  g_assert_finalize_object (f->store);
  attune_test_remove_dir (f->dir);
  g_free (f->out);
  g_free (f->path);
  g_free (f->dir);
}

static GObject *
child (Fixture    *f,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (f->dialog), ATTUNE_TYPE_PREPARE_DIALOG, name);

  g_assert_nonnull (object);
  return object;
}

/* Runs @action and returns what it wrote to the test path. */
static char *
export (Fixture    *f,
        const char *action)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_unlink (f->out);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->dialog), action, NULL));
  /* Runs in a worker: the dialog shows its progress and stays responsive. */
  g_assert_true (attune_prepare_dialog_get_busy (f->dialog));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (f, "stack"))), ==, "working");
  attune_test_wait_until (!attune_prepare_dialog_get_busy (f->dialog), 10000);
  g_assert_cmpstr (_attune_prepare_dialog_get_error (f->dialog), ==, NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (f, "stack"))), ==, "options");

  g_file_get_contents (f->out, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static void
test_defaults (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *text = NULL;
  GStatBuf st;

  /* Since my last session (six days ago), the list, check-ins, marked entries, the chart. */
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (child (f, "range_row"))), ==, 0);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (child (f, "agenda_switch"))));
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (child (f, "check_ins_switch"))));
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (child (f, "messages_switch"))));
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (child (f, "chart_switch"))));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (child (f, "from_row"))));

  text = export (f, "prepare.save-text");
  g_assert_nonnull (strstr (text, "Ask about the gap in August"));
  g_assert_nonnull (strstr (text, "We ran out of time."));
  g_assert_nonnull (strstr (text, "The dream about the bridge."));
  g_assert_null (strstr (text, "Groceries and a walk."));
  g_assert_null (strstr (text, "She looked at the clock."));
  g_assert_null (strstr (text, "Something from long ago."));
  g_assert_null (strstr (text, "I felt rushed"));

  /* Private notes: readable by the person only. */
  g_assert_cmpint (g_stat (f->out, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

static void
test_switches (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *all = NULL;
  g_autofree char *fewer = NULL;

  /* Everything, all entries, message drafts. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (f, "range_row")), 2);
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (f, "entries_row")), 1);
  gtk_switch_set_active (GTK_SWITCH (child (f, "messages_switch")), TRUE);
  all = export (f, "prepare.save-text");
  g_assert_nonnull (strstr (all, "Something from long ago."));
  g_assert_nonnull (strstr (all, "Groceries and a walk."));
  g_assert_nonnull (strstr (all, "She looked at the clock."));
  g_assert_nonnull (strstr (all, "I felt rushed when you looked at the clock."));

  /* No list, no check-ins (so no drafts either); all entries still. */
  gtk_switch_set_active (GTK_SWITCH (child (f, "agenda_switch")), FALSE);
  gtk_switch_set_active (GTK_SWITCH (child (f, "check_ins_switch")), FALSE);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (child (f, "messages_row"))));
  fewer = export (f, "prepare.save-text");
  g_assert_nonnull (strstr (fewer, "Groceries and a walk."));
  g_assert_null (strstr (fewer, "Ask about the gap in August"));
  g_assert_null (strstr (fewer, "She looked at the clock."));
  g_assert_null (strstr (fewer, "I felt rushed"));
}

static void
test_custom_range (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *text = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) from = g_date_time_add_days (now, -45);
  g_autoptr(GDateTime) to = g_date_time_add_days (now, -10);

  adw_combo_row_set_selected (ADW_COMBO_ROW (child (f, "range_row")), 3);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (child (f, "from_row"))));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (child (f, "to_row"))));
  /* Picked the wrong way round on purpose: still the days between. */
  gtk_calendar_select_day (GTK_CALENDAR (child (f, "from_calendar")), to);
  gtk_calendar_select_day (GTK_CALENDAR (child (f, "to_calendar")), from);

  text = export (f, "prepare.save-text");
  g_assert_nonnull (strstr (text, "Something from long ago."));
  g_assert_nonnull (strstr (text, "She looked at the clock."));
  g_assert_null (strstr (text, "We ran out of time."));
  g_assert_null (strstr (text, "The dream about the bridge."));
}

static void
test_pdf (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *pdf = export (f, "prepare.save-pdf");

  g_assert_true (g_str_has_prefix (pdf, "%PDF-"));
}

static void
test_print (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = NULL;

  /* The test path turns the print job into an export to PDF, through begin-print and draw-page. */
  g_unlink (f->out);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->dialog), "prepare.print", NULL));
  attune_test_wait_until (!attune_prepare_dialog_get_busy (f->dialog), 10000);
  attune_test_wait_until (g_file_test (f->out, G_FILE_TEST_EXISTS), 10000);
  attune_test_flush ();
  g_assert_cmpstr (_attune_prepare_dialog_get_error (f->dialog), ==, NULL);
  g_file_get_contents (f->out, &pdf, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (pdf, "%PDF-"));
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels (); /* (transfer none) */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }

  return NULL;
}

static void
test_email (Fixture       *f,
            gconstpointer  data)
{
  AdwMessageDialog *message;
  const char *uri;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->dialog), "prepare.email", NULL));
  attune_test_flush ();

  /* First it says plainly that email is not private; Cancel does nothing. */
  message = find_message_dialog ();
  g_assert_nonnull (message);
  /* adw_message_dialog_response() does not close it; the buttons do. */
  adw_message_dialog_response (message, "cancel");
  gtk_window_destroy (GTK_WINDOW (message));
  attune_test_flush ();
  g_assert_false (attune_prepare_dialog_get_busy (f->dialog));
  g_assert_null (_attune_prepare_dialog_get_test_uri (f->dialog));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->dialog), "prepare.email", NULL));
  attune_test_wait_until (find_message_dialog () != NULL, 2000);
  message = find_message_dialog ();
  adw_message_dialog_response (message, "open");
  gtk_window_destroy (GTK_WINDOW (message));
  attune_test_wait_until (_attune_prepare_dialog_get_test_uri (f->dialog) != NULL, 10000);

  uri = _attune_prepare_dialog_get_test_uri (f->dialog);
  g_assert_true (g_str_has_prefix (uri, "mailto:?subject="));
  g_assert_nonnull (strstr (uri, "&body="));
  g_assert_nonnull (strstr (uri, "We%20ran%20out%20of%20time."));
  g_assert_null (strstr (uri, " "));
  g_assert_null (strstr (uri, "\n"));
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *text = NULL;

  g_unlink (f->out);
  _attune_prepare_dialog_set_test_hold (f->dialog, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->dialog), "prepare.save-text", NULL));
  g_assert_true (attune_prepare_dialog_get_busy (f->dialog));

  /* The main loop keeps running while the worker holds. */
  for (guint i = 0; i < 20; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (5000);
    }
  g_assert_true (attune_prepare_dialog_get_busy (f->dialog));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->dialog), "prepare.cancel", NULL));
  g_assert_false (attune_prepare_dialog_get_busy (f->dialog));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (f, "stack"))), ==, "options");

  /* Let the worker notice and finish: nothing is written, nothing is reported. */
  for (guint i = 0; i < 100; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
  g_assert_false (g_file_test (f->out, G_FILE_TEST_EXISTS));
  g_assert_cmpstr (_attune_prepare_dialog_get_error (f->dialog), ==, NULL);

  /* And the next export works. */
  _attune_prepare_dialog_set_test_hold (f->dialog, FALSE);
  text = export (f, "prepare.save-text");
  g_assert_nonnull (strstr (text, "We ran out of time."));
}

static void
test_cancel_on_close (Fixture       *f,
                      gconstpointer  data)
{
  /* Closing the dialog mid-export cancels it; the teardown checks it is finalized. */
  _attune_prepare_dialog_set_test_hold (f->dialog, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->dialog), "prepare.save-pdf", NULL));
  g_assert_true (attune_prepare_dialog_get_busy (f->dialog));
  gtk_window_close (GTK_WINDOW (f->dialog));
  attune_test_flush ();
}

static void
test_nothing_to_include (Fixture       *f,
                         gconstpointer  data)
{
  gtk_switch_set_active (GTK_SWITCH (child (f, "agenda_switch")), FALSE);
  gtk_switch_set_active (GTK_SWITCH (child (f, "check_ins_switch")), FALSE);
  gtk_switch_set_active (GTK_SWITCH (child (f, "chart_switch")), FALSE);
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (f, "entries_row")), 2);

  g_unlink (f->out);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->dialog), "prepare.save-pdf", NULL));
  attune_test_wait_until (!attune_prepare_dialog_get_busy (f->dialog), 10000);

  /* Said in the dialog, and no empty file left behind. */
  g_assert_nonnull (_attune_prepare_dialog_get_error (f->dialog));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (child (f, "error_label"))));
  g_assert_false (g_file_test (f->out, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  if (!attune_test_init_gtk (&argc, &argv))
    return 0;
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/prepare-dialog/defaults", test_defaults);
  ADD ("/prepare-dialog/switches", test_switches);
  ADD ("/prepare-dialog/custom-range", test_custom_range);
  ADD ("/prepare-dialog/pdf", test_pdf);
  ADD ("/prepare-dialog/print", test_print);
  ADD ("/prepare-dialog/email", test_email);
  ADD ("/prepare-dialog/cancel", test_cancel);
  ADD ("/prepare-dialog/cancel-on-close", test_cancel_on_close);
  ADD ("/prepare-dialog/nothing-to-include", test_nothing_to_include);

  return g_test_run ();
}

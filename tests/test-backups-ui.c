/* test-backups-ui.c
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The Backups page of Preferences and the error page's offer to restore. */

#include "config.h"

#include <adwaita.h>

#include "attune-backups-page.h"
#include "attune-error-page.h"
#include "attune-snapshot.h"
#include "attune-test-utils.h"

static char *
make_journal (guint n_entries)
{
  g_autofree char *dir = NULL;
  g_autoptr(AttuneStore) store = attune_test_open_store (&dir);
  char *path = g_strdup (attune_store_get_path (store));

  for (guint i = 0; i < n_entries; i++)
    {
      g_autoptr(AttuneEntry) entry = attune_entry_new ();
      g_autoptr(GError) error = NULL;

      attune_entry_set_title (entry, "A day");
      g_assert_true (attune_store_save_entry (store, entry, &error));
    }

  return path;
}

static void
remove_journal (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *folder = attune_snapshots_dup_folder (path);

  attune_test_remove_dir (folder);
  attune_test_remove_dir (dir);
}

static void
test_backups_page (void)
{
  g_autofree char *path = make_journal (3);
  g_autoptr(AttuneSnapshot) first = NULL;
  g_autoptr(AttuneSnapshot) second = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *window = adw_preferences_window_new ();
  GtkWidget *page = attune_backups_page_new (path);

  /* Empty: one row that says so. */
  g_assert_cmpuint (attune_backups_page_get_n_rows (ATTUNE_BACKUPS_PAGE (page)), ==, 1);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (window), ADW_PREFERENCES_PAGE (page));
  gtk_window_present (GTK_WINDOW (window));
  attune_test_flush ();

  first = attune_snapshots_take (path, ATTUNE_SNAPSHOT_MANUAL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (attune_snapshots_take_daily (path, NULL, &second, &error));
  g_assert_no_error (error);
  gtk_window_destroy (GTK_WINDOW (window));

  window = adw_preferences_window_new ();
  page = attune_backups_page_new (path);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (window), ADW_PREFERENCES_PAGE (page));
  gtk_window_present (GTK_WINDOW (window));
  attune_test_flush ();
  g_assert_cmpuint (attune_backups_page_get_n_rows (ATTUNE_BACKUPS_PAGE (page)), ==, 2);

  gtk_window_destroy (GTK_WINDOW (window));
  remove_journal (path);
}

static void
test_error_page_offers_backup (void)
{
  g_autofree char *path = make_journal (4);
  g_autoptr(AttuneSnapshot) snapshot = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) open_error = NULL;
  g_autoptr(AttuneStore) store = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = attune_error_page_new ();
  GtkWidget *restore;
  GVariant *target;

  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));

  /* Without a backup: nothing to offer. */
  {
    g_autoptr(GError) damaged = g_error_new_literal (ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_CORRUPT, "Damaged.");

    attune_error_page_set_error (ATTUNE_ERROR_PAGE (page), damaged, path);
    restore = GTK_WIDGET (gtk_widget_get_template_child (page, ATTUNE_TYPE_ERROR_PAGE, "restore_button"));
    g_assert_false (gtk_widget_get_visible (restore));
  }

  snapshot = attune_snapshots_take (path, ATTUNE_SNAPSHOT_DAILY, NULL, &error);
  g_assert_no_error (error);

  /* Damage the journal's schema page, as a failing disk would. */
  {
    FILE *file = fopen (path, "r+b");

    g_assert_nonnull (file);
    fseek (file, 100, SEEK_SET);
    for (guint i = 0; i < 3000; i++)
      fputc ((int) g_random_int_range (0, 256), file);
    fclose (file);
  }

  store = attune_store_open (path, &open_error);
  g_assert_null (store);
  g_assert_error (open_error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_CORRUPT);

  attune_error_page_set_error (ATTUNE_ERROR_PAGE (page), open_error, path);
  attune_test_flush ();
  g_assert_true (gtk_widget_get_visible (restore));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (restore)), ==, "app.restore-backup");
  target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (restore));
  g_assert_cmpstr (g_variant_get_string (target, NULL), ==, attune_snapshot_get_path (snapshot));

  /* Newer format, read-only, busy: a backup is not the answer. */
  {
    g_autoptr(GError) newer = g_error_new_literal (ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_NEWER_SCHEMA, "Newer.");

    attune_error_page_set_error (ATTUNE_ERROR_PAGE (page), newer, path);
    g_assert_false (gtk_widget_get_visible (restore));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  remove_journal (path);
}

int
main (int   argc,
      char *argv[])
{
  if (!attune_test_init_gtk (&argc, &argv))
    return 0;
  adw_init ();

  g_test_add_func ("/backups-ui/page", test_backups_page);
  g_test_add_func ("/backups-ui/error-page-offers-backup", test_error_page_offers_backup);

  return g_test_run ();
}

/* test-insights-view.c: the insights view shows the right numbers for a known journal
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "attune-chart-widget.h"
#include "attune-insights-view.h"
#include "attune-test-journal.h"
#include "attune-test-utils.h"

static void
test_counts (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("attune-insights-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "attune.db", NULL);
  AttuneStore *store = attune_test_journal_new (path);
  AttuneInsightsView *view = g_object_ref_sink (ATTUNE_INSIGHTS_VIEW (attune_insights_view_new (store)));
  GtkWidget *window = gtk_window_new ();
  GObject *chart;

  gtk_window_set_default_size (GTK_WINDOW (window), 360, 640);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  gtk_window_present (GTK_WINDOW (window));
  attune_test_flush ();

  g_assert_cmpstr (_attune_insights_view_get_state (view), ==, "insights");
  g_assert_cmpuint (_attune_insights_view_get_kind_count (view, ATTUNE_RUPTURE_KIND_MISUNDERSTOOD), ==, 2);
  g_assert_cmpuint (_attune_insights_view_get_kind_count (view, ATTUNE_RUPTURE_KIND_JUDGED), ==, 1);
  g_assert_cmpuint (_attune_insights_view_get_kind_count (view, ATTUNE_RUPTURE_KIND_DISTRACTED), ==, 0);
  g_assert_cmpstr (_attune_insights_view_get_repair_text (view), ==,
                   "2 sessions had a hard moment. 1 of them feels repaired.");
  g_assert_cmpuint (_attune_insights_view_get_n_points (view), ==, 2);
  g_assert_nonnull (_attune_insights_view_get_chart_text (view));
  g_assert_cmpstr (_attune_insights_view_get_chart_text (view), !=, "");

  /* The summary in words is shown next to the chart, and is the chart's description. */
  chart = gtk_widget_get_template_child (GTK_WIDGET (view), ATTUNE_TYPE_INSIGHTS_VIEW, "chart");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (view),
                                                                                 ATTUNE_TYPE_INSIGHTS_VIEW,
                                                                                 "chart_label"))),
                   ==, attune_chart_widget_get_description (ATTUNE_CHART_WIDGET (chart)));

  /* A new check-in shows after a refresh. */
  attune_test_add_check_in (store, 1, 5, ATTUNE_RUPTURE_KIND_DISTRACTED, "Phone buzzed.", NULL);
  attune_insights_view_refresh (view);
  g_assert_cmpuint (_attune_insights_view_get_kind_count (view, ATTUNE_RUPTURE_KIND_DISTRACTED), ==, 1);
  g_assert_cmpuint (_attune_insights_view_get_n_points (view), ==, 3);
  g_assert_cmpstr (_attune_insights_view_get_repair_text (view), ==,
                   "3 sessions had a hard moment. 1 of them feels repaired.");

  /* It fits a phone-width window. */
  {
    int min;

    gtk_widget_measure (GTK_WIDGET (view), GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
    g_assert_cmpint (min, <=, 360);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  attune_test_flush ();
  g_assert_finalize_object (view);
  g_assert_finalize_object (store);
  attune_test_remove_dir (dir);
}

static void
test_empty (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("attune-insights-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "attune.db", NULL);
  AttuneStore *store = attune_store_open (path, &error);
  AttuneInsightsView *view = NULL;
  GtkWidget *window = gtk_window_new ();

  g_assert_no_error (error);
  view = g_object_ref_sink (ATTUNE_INSIGHTS_VIEW (attune_insights_view_new (store)));
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  gtk_window_present (GTK_WINDOW (window));
  attune_test_flush ();

  g_assert_cmpstr (_attune_insights_view_get_state (view), ==, "empty");

  gtk_window_destroy (GTK_WINDOW (window));
  attune_test_flush ();
  g_assert_finalize_object (view);
  g_assert_finalize_object (store);
  attune_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  if (!attune_test_init_gtk (&argc, &argv))
    return 0;
  adw_init ();

  g_test_add_func ("/insights-view/counts", test_counts);
  g_test_add_func ("/insights-view/empty", test_empty);

  return g_test_run ();
}

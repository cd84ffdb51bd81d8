/* attune-insights-view.c
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "attune-chart-widget.h"
#include "attune-check-in-text.h"
#include "attune-insights-view.h"
#include "attune-report.h"

#define N_KINDS 10

/* Insights: how connected the person felt across sessions, and the hard moments by kind and
 * how many were repaired. Read from the store when shown, so that it never slows typing. */
struct _AttuneInsightsView
{
  GtkWidget           parent_instance;

  AttuneStore        *store;
  gboolean            dirty;
  guint               counts[N_KINDS];
  char               *repair_text;

  /* Template widgets */
  GtkStack           *stack;
  AdwStatusPage      *error_page;
  AttuneChartWidget  *chart;
  GtkLabel           *chart_label;
  GtkLabel           *repair_label;
  GtkListBox         *kinds_list;
};

G_DEFINE_FINAL_TYPE (AttuneInsightsView, attune_insights_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_error (AttuneInsightsView *self,
            const GError       *error)
{
  adw_status_page_set_description (self->error_page, error->message);
  gtk_stack_set_visible_child_name (self->stack, "error");
}

static GtkWidget *
create_kind_row (const char *label,
                 guint       count,
                 guint       max)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *bar = gtk_level_bar_new_for_interval (0, MAX (max, 1));
  g_autofree char *number = g_strdup_printf ("%u", count);
  GtkWidget *count_label = gtk_label_new (number);
  g_autofree char *description = NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), count);
  /* One colour: more is not "worse" or "better" here, only more often. */
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
  gtk_widget_set_size_request (bar, 48, -1);
  gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
  gtk_accessible_update_state (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  gtk_widget_add_css_class (count_label, "numeric");
  gtk_label_set_width_chars (GTK_LABEL (count_label), 2);
  gtk_label_set_xalign (GTK_LABEL (count_label), 1);

  gtk_box_append (GTK_BOX (box), bar);
  gtk_box_append (GTK_BOX (box), count_label);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);

  /* Translators: how many sessions had this kind of hard moment */
  description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u session", "%u sessions", count), count);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
  return row;
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
load (AttuneInsightsView *self)
{
  AttuneReportOptions options = { NULL, NULL, ATTUNE_REPORT_INCLUDE_CHART, NULL, NULL, 0 };
  g_autoptr(AttuneReport) report = NULL;
  g_autoptr(GError) error = NULL;
  const AttuneChartPoint *points;
  guint n_points = 0, n_ruptures = 0, n_repaired = 0, max = 0;

  self->dirty = FALSE;
  memset (self->counts, 0, sizeof self->counts);
  clear_list (self->kinds_list);

  if (self->store == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  /* The chart's points come from the report code, so the view and the PDF agree. */
  report = attune_report_build (self->store, &options, NULL, &error);
  if (report == NULL)
    {
      show_error (self, error);
      return;
    }
  points = attune_report_get_chart_points (report, &n_points);

  if (!attune_store_count_ruptures (self->store, NULL, NULL, self->counts, &n_ruptures, &n_repaired, &error))
    {
      show_error (self, error);
      return;
    }

  attune_chart_widget_set_points (self->chart, points, n_points);
  gtk_label_set_text (self->chart_label, attune_chart_widget_get_description (self->chart));

  g_clear_pointer (&self->repair_text, g_free);
  if (n_ruptures == 0)
    self->repair_text = g_strdup (_("No hard moments in your check-ins so far."));
  else if (n_repaired == 0)
    self->repair_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                      "%u session had a hard moment. None feels repaired yet, and that is all right: repair takes time.",
                                                      "%u sessions had a hard moment. None feels repaired yet, and that is all right: repair takes time.",
                                                      n_ruptures),
                                         n_ruptures);
  else
    {
      g_autofree char *first = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "%u session had a hard moment.",
                                                             "%u sessions had a hard moment.",
                                                             n_ruptures),
                                                n_ruptures);
      g_autofree char *second = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                              "%u of them feels repaired.",
                                                              "%u of them feel repaired.",
                                                              n_repaired),
                                                 n_repaired);

      self->repair_text = g_strconcat (first, " ", second, NULL);
    }
  gtk_label_set_text (self->repair_label, self->repair_text);

  for (guint i = 0; i < N_KINDS; i++)
    max = MAX (max, self->counts[i]);

  for (guint i = 0; i < N_KINDS; i++)
    if (self->counts[i] > 0)
      gtk_list_box_append (self->kinds_list,
                           create_kind_row (attune_rupture_kind_label (1 << i), self->counts[i], max));

  gtk_widget_set_visible (GTK_WIDGET (self->kinds_list), max > 0);
  gtk_stack_set_visible_child_name (self->stack, n_points == 0 && n_ruptures == 0 ? "empty" : "insights");
}

static void
attune_insights_view_map (GtkWidget *widget)
{
  AttuneInsightsView *self = ATTUNE_INSIGHTS_VIEW (widget);

  GTK_WIDGET_CLASS (attune_insights_view_parent_class)->map (widget);

  if (self->dirty)
    load (self);
}

static void
attune_insights_view_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  AttuneInsightsView *self = ATTUNE_INSIGHTS_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, attune_insights_view_get_store (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attune_insights_view_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  AttuneInsightsView *self = ATTUNE_INSIGHTS_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      attune_insights_view_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attune_insights_view_dispose (GObject *object)
{
  AttuneInsightsView *self = ATTUNE_INSIGHTS_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATTUNE_TYPE_INSIGHTS_VIEW);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (attune_insights_view_parent_class)->dispose (object);
}

static void
attune_insights_view_finalize (GObject *object)
{
  AttuneInsightsView *self = ATTUNE_INSIGHTS_VIEW (object);

  g_clear_pointer (&self->repair_text, g_free);

  G_OBJECT_CLASS (attune_insights_view_parent_class)->finalize (object);
}

static void
attune_insights_view_class_init (AttuneInsightsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = attune_insights_view_dispose;
  object_class->finalize = attune_insights_view_finalize;
  object_class->get_property = attune_insights_view_get_property;
  object_class->set_property = attune_insights_view_set_property;
  widget_class->map = attune_insights_view_map;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         ATTUNE_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ATTUNE_TYPE_CHART_WIDGET);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/attunejournal/Attune/ui/attune-insights-view.ui");
  gtk_widget_class_bind_template_child (widget_class, AttuneInsightsView, stack);
  gtk_widget_class_bind_template_child (widget_class, AttuneInsightsView, error_page);
  gtk_widget_class_bind_template_child (widget_class, AttuneInsightsView, chart);
  gtk_widget_class_bind_template_child (widget_class, AttuneInsightsView, chart_label);
  gtk_widget_class_bind_template_child (widget_class, AttuneInsightsView, repair_label);
  gtk_widget_class_bind_template_child (widget_class, AttuneInsightsView, kinds_list);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "insightsview");
}

static void
attune_insights_view_init (AttuneInsightsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->dirty = TRUE;
}

/**
 * attune_insights_view_new:
 * @store: (nullable): the journal
 *
 * Returns: (transfer floating): a new view
 */
GtkWidget *
attune_insights_view_new (AttuneStore *store)
{
  g_return_val_if_fail (store == NULL || ATTUNE_IS_STORE (store), NULL);

  return g_object_new (ATTUNE_TYPE_INSIGHTS_VIEW, "store", store, NULL);
}

/**
 * attune_insights_view_get_store:
 * @self: the view
 *
 * Returns: (transfer none) (nullable): the journal shown
 */
AttuneStore *
attune_insights_view_get_store (AttuneInsightsView *self)
{
  g_return_val_if_fail (ATTUNE_IS_INSIGHTS_VIEW (self), NULL);

  return self->store;
}

/**
 * attune_insights_view_set_store:
 * @self: the view
 * @store: (nullable): the journal to show
 */
void
attune_insights_view_set_store (AttuneInsightsView *self,
                                AttuneStore        *store)
{
  g_return_if_fail (ATTUNE_IS_INSIGHTS_VIEW (self));
  g_return_if_fail (store == NULL || ATTUNE_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  attune_insights_view_refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/**
 * attune_insights_view_refresh:
 * @self: the view
 *
 * Reads the journal again: now if the view is on screen, else the next time it is shown.
 */
void
attune_insights_view_refresh (AttuneInsightsView *self)
{
  g_return_if_fail (ATTUNE_IS_INSIGHTS_VIEW (self));

  self->dirty = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    load (self);
}

guint
_attune_insights_view_get_kind_count (AttuneInsightsView *self,
                                      AttuneRuptureKind   kind)
{
  g_return_val_if_fail (ATTUNE_IS_INSIGHTS_VIEW (self), 0);

  for (guint i = 0; i < N_KINDS; i++)
    if (kind == (1u << i))
      return self->counts[i];

  return 0;
}

const char *
_attune_insights_view_get_repair_text (AttuneInsightsView *self)
{
  return self->repair_text;
}

const char *
_attune_insights_view_get_chart_text (AttuneInsightsView *self)
{
  return attune_chart_widget_get_description (self->chart);
}

guint
_attune_insights_view_get_n_points (AttuneInsightsView *self)
{
  return attune_chart_widget_get_n_points (self->chart);
}

const char *
_attune_insights_view_get_state (AttuneInsightsView *self)
{
  return gtk_stack_get_visible_child_name (self->stack);
}

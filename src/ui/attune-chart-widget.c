/* attune-chart-widget.c
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "attune-chart-widget.h"

/* The connection trend, drawn by the same code as the PDF's chart, in the theme's colours. */
struct _AttuneChartWidget
{
  GtkWidget  parent_instance;

  GArray    *points;
  char      *description;
};

G_DEFINE_FINAL_TYPE (AttuneChartWidget, attune_chart_widget, GTK_TYPE_WIDGET)

static void
rgba_to_array (const GdkRGBA *rgba,
               double         out[4])
{
  out[0] = rgba->red;
  out[1] = rgba->green;
  out[2] = rgba->blue;
  out[3] = rgba->alpha;
}

static void
attune_chart_widget_snapshot (GtkWidget   *widget,
                              GtkSnapshot *snapshot)
{
  AttuneChartWidget *self = ATTUNE_CHART_WIDGET (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GtkStyleContext *style;
  GdkRGBA fg, accent;
  double fg_rgba[4], accent_rgba[4];
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  /* GTK 4.8 has no gtk_widget_get_color (4.10). */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  style = gtk_widget_get_style_context (widget);
  gtk_style_context_get_color (style, &fg);
  if (!gtk_style_context_lookup_color (style, "accent_color", &accent))
    accent = fg;
  G_GNUC_END_IGNORE_DEPRECATIONS

  rgba_to_array (&fg, fg_rgba);
  rgba_to_array (&accent, accent_rgba);

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  attune_chart_draw (cr, (const AttuneChartPoint *) self->points->data, self->points->len,
                     width, height, fg_rgba, accent_rgba);
  cairo_destroy (cr);
}

static void
attune_chart_widget_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 200;
      *natural = 480;
    }
  else
    {
      *minimum = 160;
      *natural = 200;
    }
}

static void
attune_chart_widget_finalize (GObject *object)
{
  AttuneChartWidget *self = ATTUNE_CHART_WIDGET (object);

  g_clear_pointer (&self->points, g_array_unref);
  g_clear_pointer (&self->description, g_free);

  G_OBJECT_CLASS (attune_chart_widget_parent_class)->finalize (object);
}

static void
attune_chart_widget_class_init (AttuneChartWidgetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = attune_chart_widget_finalize;
  widget_class->snapshot = attune_chart_widget_snapshot;
  widget_class->measure = attune_chart_widget_measure;

  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
attune_chart_widget_init (AttuneChartWidget *self)
{
  self->points = g_array_new (FALSE, FALSE, sizeof (AttuneChartPoint));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("How connected you felt, session by session"),
                                  -1);
}

GtkWidget *
attune_chart_widget_new (void)
{
  return g_object_new (ATTUNE_TYPE_CHART_WIDGET, NULL);
}

/**
 * attune_chart_widget_set_points:
 * @self: the chart
 * @points: (array length=n_points): the sessions, oldest first
 * @n_points: how many
 *
 * Shows @points, and describes them for screen readers.
 */
void
attune_chart_widget_set_points (AttuneChartWidget      *self,
                                const AttuneChartPoint *points,
                                guint                   n_points)
{
  g_return_if_fail (ATTUNE_IS_CHART_WIDGET (self));
  g_return_if_fail (points != NULL || n_points == 0);

  g_array_set_size (self->points, 0);
  if (n_points > 0)
    g_array_append_vals (self->points, points, n_points);

  g_free (self->description);
  self->description = attune_chart_describe (points, n_points);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->description,
                                  -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
attune_chart_widget_get_n_points (AttuneChartWidget *self)
{
  g_return_val_if_fail (ATTUNE_IS_CHART_WIDGET (self), 0);

  return self->points->len;
}

/**
 * attune_chart_widget_get_description:
 * @self: the chart
 *
 * Returns: (nullable): the chart in words, as attune_chart_describe() puts it
 */
const char *
attune_chart_widget_get_description (AttuneChartWidget *self)
{
  g_return_val_if_fail (ATTUNE_IS_CHART_WIDGET (self), NULL);

  return self->description;
}

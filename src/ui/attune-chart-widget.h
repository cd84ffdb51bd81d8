/* attune-chart-widget.h
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "attune-report.h"

G_BEGIN_DECLS

#define ATTUNE_TYPE_CHART_WIDGET (attune_chart_widget_get_type ())

G_DECLARE_FINAL_TYPE (AttuneChartWidget, attune_chart_widget, ATTUNE, CHART_WIDGET, GtkWidget)

GtkWidget  *attune_chart_widget_new             (void);
void        attune_chart_widget_set_points      (AttuneChartWidget      *self,
                                                 const AttuneChartPoint *points,
                                                 guint                   n_points);
guint       attune_chart_widget_get_n_points    (AttuneChartWidget      *self);
const char *attune_chart_widget_get_description (AttuneChartWidget      *self);

G_END_DECLS

/* attune-insights-view.h
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "attune-store.h"

G_BEGIN_DECLS

#define ATTUNE_TYPE_INSIGHTS_VIEW (attune_insights_view_get_type ())

G_DECLARE_FINAL_TYPE (AttuneInsightsView, attune_insights_view, ATTUNE, INSIGHTS_VIEW, GtkWidget)

GtkWidget   *attune_insights_view_new       (AttuneStore        *store);
AttuneStore *attune_insights_view_get_store (AttuneInsightsView *self);
void         attune_insights_view_set_store (AttuneInsightsView *self,
                                             AttuneStore        *store);
void         attune_insights_view_refresh   (AttuneInsightsView *self);

/* For tests: what the view shows. */
guint        _attune_insights_view_get_kind_count    (AttuneInsightsView *self,
                                                      AttuneRuptureKind   kind);
const char  *_attune_insights_view_get_repair_text   (AttuneInsightsView *self);
const char  *_attune_insights_view_get_chart_text    (AttuneInsightsView *self);
guint        _attune_insights_view_get_n_points      (AttuneInsightsView *self);
const char  *_attune_insights_view_get_state         (AttuneInsightsView *self);

G_END_DECLS

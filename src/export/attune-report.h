/* attune-report.h
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>
#include <pango/pango.h>

#include "attune-store.h"

G_BEGIN_DECLS

/* What goes into "Notes for my session": one report, several outputs (text/Markdown, PDF,
 * the pages of a print job). Building reads the store; rendering needs no store and no GTK. */

typedef enum /*< flags >*/
{
  ATTUNE_REPORT_INCLUDE_NONE           = 0,
  ATTUNE_REPORT_INCLUDE_AGENDA         = 1 << 0, /* the list for next session */
  ATTUNE_REPORT_INCLUDE_CHECK_INS      = 1 << 1, /* check-ins, with rupture details */
  ATTUNE_REPORT_INCLUDE_MESSAGES       = 1 << 2, /* message drafts in those check-ins */
  ATTUNE_REPORT_INCLUDE_MARKED_ENTRIES = 1 << 3, /* entries marked "bring to my next session" */
  ATTUNE_REPORT_INCLUDE_ALL_ENTRIES    = 1 << 4, /* every entry in the range */
  ATTUNE_REPORT_INCLUDE_CHART          = 1 << 5, /* the connection trend */
} AttuneReportInclude;

#define ATTUNE_REPORT_INCLUDE_DEFAULT (ATTUNE_REPORT_INCLUDE_AGENDA | ATTUNE_REPORT_INCLUDE_CHECK_INS | \
                                       ATTUNE_REPORT_INCLUDE_MARKED_ENTRIES | ATTUNE_REPORT_INCLUDE_CHART)

/**
 * AttuneReportOptions:
 * @from_day: (nullable): first day, "YYYY-MM-DD", or %NULL for no lower bound
 * @to_day: (nullable): last day (inclusive), or %NULL for no upper bound
 * @include: what to include
 * @therapist_name: (nullable): for the title, e.g. "Notes for my session with Dr. Rivera"
 * @session_day: (nullable): the session the notes are for, for the title; %NULL: the next one is not known
 * @created_at: the creation instant in UTC unix microseconds; 0 means now. Tests inject a
 *   fixed value so that the output is byte-for-byte the same every run.
 */
typedef struct
{
  char                *from_day;
  char                *to_day;
  AttuneReportInclude  include;
  char                *therapist_name;
  char                *session_day;
  gint64               created_at;
} AttuneReportOptions;

/* One point of the connection trend: a check-in's session and how connected it felt. */
typedef struct
{
  gint64 session_at;   /* UTC unix microseconds */
  int    connected;    /* 1..5 (skipped and not-sure answers are not points) */
} AttuneChartPoint;

#define ATTUNE_TYPE_REPORT (attune_report_get_type ())

G_DECLARE_FINAL_TYPE (AttuneReport, attune_report, ATTUNE, REPORT, GObject)

/* Building (may run in a worker thread on its own read-only store) */
AttuneReport *attune_report_build               (AttuneStore                *store,
                                                 const AttuneReportOptions  *options,
                                                 GCancellable               *cancellable,
                                                 GError                    **error);
const char   *attune_report_get_title           (AttuneReport               *self);
gboolean      attune_report_is_empty            (AttuneReport               *self);
const AttuneChartPoint *attune_report_get_chart_points (AttuneReport        *self,
                                                 guint                      *n_points);

/* Text: UTF-8, readable as plain text and valid Markdown */
char         *attune_report_to_markdown         (AttuneReport               *self);

/* Pages: the same layout for the PDF and for printing */
typedef struct _AttuneReportLayout AttuneReportLayout;

AttuneReportLayout *attune_report_layout_new    (AttuneReport               *self,
                                                 PangoContext               *context,
                                                 double                      page_width,
                                                 double                      page_height);
void          attune_report_layout_free         (AttuneReportLayout         *layout);
guint         attune_report_layout_get_n_pages  (AttuneReportLayout         *layout);
void          attune_report_layout_draw_page    (AttuneReportLayout         *layout,
                                                 cairo_t                    *cr,
                                                 guint                       page);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttuneReportLayout, attune_report_layout_free)

/* The locale's default paper (A4 or US Letter), in points */
void          attune_report_default_paper_size  (double                     *width,
                                                 double                     *height);

gboolean      attune_report_write_pdf           (AttuneReport               *self,
                                                 const char                 *path,
                                                 GCancellable               *cancellable,
                                                 GError                    **error);
gboolean      attune_report_write_pdf_full      (AttuneReport               *self,
                                                 const char                 *path,
                                                 double                      page_width,
                                                 double                      page_height,
                                                 GCancellable               *cancellable,
                                                 GError                    **error);
/* For tests: where headings and subheadings landed, as (page, followed-on-page) pairs */
guint        *attune_report_layout_get_heading_positions (AttuneReportLayout *layout,
                                                 guint                      *n_headings);

/* The connection trend, drawn on any cairo context (the insights widget, the PDF) */
void          attune_chart_draw                 (cairo_t                    *cr,
                                                 const AttuneChartPoint     *points,
                                                 guint                       n_points,
                                                 double                      width,
                                                 double                      height,
                                                 const double                foreground_rgba[4],
                                                 const double                accent_rgba[4]);
char         *attune_chart_describe             (const AttuneChartPoint     *points,
                                                 guint                       n_points);

G_END_DECLS

/* attune-chart.c
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include <pango/pangocairo.h>

#include "attune-report.h"

/* The connection trend: how connected the person felt, session by session,
 * on the 1 to 5 scale. Drawn with cairo alone so that the PDF, the print
 * pages and the insights widget show the same picture; described in words
 * for screen readers and the text export. */

#define LABEL_SIZE 8.5   /* in user units: points in a PDF, pixels on screen */

static PangoLayout *
create_label (cairo_t    *cr,
              const char *text)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_from_string ("Cantarell, Sans");

  /* Absolute: the same size whatever resolution the context assumes. */
  pango_font_description_set_absolute_size (desc, LABEL_SIZE * PANGO_SCALE);
  pango_layout_set_font_description (layout, desc);
  pango_layout_set_text (layout, text, -1);
  pango_font_description_free (desc);

  return layout;
}

static void
set_rgba (cairo_t      *cr,
          const double  rgba[4],
          double        alpha)
{
  cairo_set_source_rgba (cr, rgba[0], rgba[1], rgba[2], rgba[3] * alpha);
}

static char *
format_point_day (gint64      instant,
                  const char *format)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (instant / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup ("");

  local = g_date_time_to_local (utc);
  return g_date_time_format (local, format);
}

/**
 * attune_chart_draw:
 * @cr: where to draw, with the origin at the chart's top left
 * @points: (array length=n_points): the sessions, oldest first
 * @n_points: how many
 * @width: the chart's width in user units
 * @height: the chart's height in user units
 * @foreground_rgba: the text colour (labels, and the grid at low alpha)
 * @accent_rgba: the colour of the line and the dots
 *
 * Draws the connection trend: a scale from 1 to 5, one dot per session
 * placed by date, joined by a line, with the first and last dates below.
 * With no points only the scale is drawn; callers show
 * attune_chart_describe() beside it in any case.
 */
void
attune_chart_draw (cairo_t                *cr,
                   const AttuneChartPoint *points,
                   guint                   n_points,
                   double                  width,
                   double                  height,
                   const double            foreground_rgba[4],
                   const double            accent_rgba[4])
{
  double left, right, top, bottom;
  gint64 first_at = 0, last_at = 0;
  int label_width, label_height;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (points != NULL || n_points == 0);
  g_return_if_fail (foreground_rgba != NULL && accent_rgba != NULL);

  if (width < 40 || height < 40)
    return;

  cairo_save (cr);

  /* Room for the scale's numbers on the left and the dates below. */
  {
    g_autoptr(PangoLayout) probe = create_label (cr, "5");

    pango_layout_get_pixel_size (probe, &label_width, &label_height);
  }
  left = label_width + 10;
  right = width - 8;
  top = label_height / 2.0 + 2;
  bottom = height - label_height - 8;

  /* The scale: a hairline and a number for each step. */
  cairo_set_line_width (cr, 0.5);
  for (int step = 1; step <= ATTUNE_SCALE_MAX; step++)
    {
      double y = bottom - (bottom - top) * (step - 1) / (ATTUNE_SCALE_MAX - 1);
      char text[2] = { (char) ('0' + step), '\0' };
      g_autoptr(PangoLayout) label = create_label (cr, text);
      int w, h;

      set_rgba (cr, foreground_rgba, step == 1 ? 0.35 : 0.15);
      cairo_move_to (cr, left, (int) (y + 0.5) + 0.25);
      cairo_line_to (cr, right, (int) (y + 0.5) + 0.25);
      cairo_stroke (cr);

      pango_layout_get_pixel_size (label, &w, &h);
      set_rgba (cr, foreground_rgba, 0.6);
      cairo_move_to (cr, left - 6 - w, y - h / 2.0);
      pango_cairo_show_layout (cr, label);
    }

  if (n_points > 0)
    {
      first_at = points[0].session_at;
      last_at = points[n_points - 1].session_at;
    }

#define POINT_X(i) (n_points == 1 || last_at <= first_at \
                      ? (n_points == 1 ? (left + right) / 2 : left + 6 + (right - left - 12) * (i) / (double) (n_points - 1)) \
                      : left + 6 + (right - left - 12) * (double) (points[i].session_at - first_at) / (double) (last_at - first_at))
#define POINT_Y(i) (bottom - (bottom - top) * (CLAMP (points[i].connected, 1, ATTUNE_SCALE_MAX) - 1) / (ATTUNE_SCALE_MAX - 1))

  if (n_points > 1)
    {
      /* A soft area under the line, then the line. */
      cairo_move_to (cr, POINT_X (0), bottom);
      for (guint i = 0; i < n_points; i++)
        cairo_line_to (cr, POINT_X (i), POINT_Y (i));
      cairo_line_to (cr, POINT_X (n_points - 1), bottom);
      cairo_close_path (cr);
      set_rgba (cr, accent_rgba, 0.10);
      cairo_fill (cr);

      cairo_set_line_width (cr, 1.75);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      for (guint i = 0; i < n_points; i++)
        cairo_line_to (cr, POINT_X (i), POINT_Y (i));
      set_rgba (cr, accent_rgba, 1.0);
      cairo_stroke (cr);
    }

  set_rgba (cr, accent_rgba, 1.0);
  for (guint i = 0; i < n_points; i++)
    {
      cairo_new_sub_path (cr);
      cairo_arc (cr, POINT_X (i), POINT_Y (i), n_points > 40 ? 2.0 : 3.25, 0, 2 * G_PI);
    }
  cairo_fill (cr);

  /* The first and last dates under the ends of the line. */
  if (n_points > 0)
    {
      g_autofree char *first = format_point_day (first_at, _("%-d %b %Y"));
      g_autoptr(PangoLayout) first_label = create_label (cr, first);
      int w, h;

      set_rgba (cr, foreground_rgba, 0.6);
      pango_layout_get_pixel_size (first_label, &w, &h);
      cairo_move_to (cr, n_points == 1 ? POINT_X (0) - w / 2.0 : left, bottom + 5);
      pango_cairo_show_layout (cr, first_label);

      if (n_points > 1)
        {
          g_autofree char *last = format_point_day (last_at, _("%-d %b %Y"));
          g_autoptr(PangoLayout) last_label = create_label (cr, last);

          pango_layout_get_pixel_size (last_label, &w, &h);
          cairo_move_to (cr, right - w, bottom + 5);
          pango_cairo_show_layout (cr, last_label);
        }
    }

#undef POINT_X
#undef POINT_Y

  cairo_restore (cr);
}

/**
 * attune_chart_describe:
 * @points: (array length=n_points): the sessions, oldest first
 * @n_points: how many
 *
 * Describes the trend in words, for screen readers and the text export:
 * "5 sessions from 3 October to 21 November. Connection went from 2 to 4
 * out of 5; the last three sessions were 4 or 5."
 *
 * Returns: (transfer full): one or two sentences
 */
char *
attune_chart_describe (const AttuneChartPoint *points,
                       guint                   n_points)
{
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  GString *out;
  const char *format;

  g_return_val_if_fail (points != NULL || n_points == 0, NULL);

  if (n_points == 0)
    return g_strdup (_("No session has an answer to “how connected did you feel?” yet, so there is no trend to show."));

  if (n_points == 1)
    {
      first = format_point_day (points[0].session_at, _("%-d %B %Y"));
      /* Translators: %s is a day, %d a number from 1 to 5 */
      return g_strdup_printf (_("One session so far, on %s: connection was %d out of 5."),
                              first, points[0].connected);
    }

  {
    g_autofree char *y1 = format_point_day (points[0].session_at, "%Y");
    g_autofree char *y2 = format_point_day (points[n_points - 1].session_at, "%Y");

    /* The year only when the range spans years. */
    format = g_strcmp0 (y1, y2) == 0 ? _("%-d %B") : _("%-d %B %Y");
  }
  first = format_point_day (points[0].session_at, format);
  last = format_point_day (points[n_points - 1].session_at, format);

  out = g_string_new (NULL);
  g_string_append_printf (out,
                          /* Translators: %u is a number of sessions (2 or more), the %s are days */
                          ngettext ("%u session from %s to %s.", "%u sessions from %s to %s.", n_points),
                          n_points, first, last);
  g_string_append_c (out, ' ');

  if (points[0].connected == points[n_points - 1].connected)
    g_string_append_printf (out, _("Connection was %d out of 5 at the start and at the end"),
                            points[0].connected);
  else
    g_string_append_printf (out, _("Connection went from %d to %d out of 5"),
                            points[0].connected, points[n_points - 1].connected);

  if (n_points >= 3)
    {
      int lo = ATTUNE_SCALE_MAX, hi = 1;

      for (guint i = n_points - 3; i < n_points; i++)
        {
          lo = MIN (lo, points[i].connected);
          hi = MAX (hi, points[i].connected);
        }

      if (lo == hi)
        g_string_append_printf (out, _("; the last three sessions were all %d."), lo);
      else if (hi - lo == 1)
        g_string_append_printf (out, _("; the last three sessions were %d or %d."), lo, hi);
      else
        g_string_append_printf (out, _("; the last three sessions were between %d and %d."), lo, hi);
    }
  else
    g_string_append (out, _("."));

  return g_string_free (out, FALSE);
}

/* attune-report-pdf.c
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include <cairo-pdf.h>
#include <locale.h>
#include <pango/pangocairo.h>
#include <stdint.h>
#include <string.h>
#ifdef __GLIBC__
#include <langinfo.h>
#endif

#include "attune-report.h"
#include "attune-report-private.h"

/* The pages of a report: one layout, drawn on a PDF surface or on the pages
 * of a print job (GtkPrintOperation passes its cairo_t and PangoContext). No
 * GTK here. Sizes are in the cairo user units of the target: points. */

#define A4_WIDTH      595.2756  /* 210 mm */
#define A4_HEIGHT     841.8898  /* 297 mm */
#define LETTER_WIDTH  612.0
#define LETTER_HEIGHT 792.0

#define MARGIN_TOP    56.0
#define MARGIN_SIDE   64.0
#define MARGIN_BOTTOM 72.0      /* the footer sits in it */
#define CHART_HEIGHT  150.0
#define ITEM_INDENT   18.0
#define QUOTE_INDENT  16.0

#define FONT_FAMILY   "Cantarell, Sans"

typedef struct
{
  double r, g, b;
} Colour;

static const Colour text_colour = { 0.133, 0.141, 0.153 };
static const Colour muted_colour = { 0.420, 0.435, 0.463 };
static const Colour heading_colour = { 0.106, 0.310, 0.396 };
static const Colour rule_colour = { 0.780, 0.800, 0.820 };
static const double chart_foreground[4] = { 0.133, 0.141, 0.153, 1.0 };
static const double chart_accent[4] = { 0.176, 0.478, 0.580, 1.0 };

typedef struct
{
  const AttuneReportBlock *block;
  PangoLayout *layout;          /* NULL for the rule and the chart */
  PangoLayout *marker;          /* list items */
  double       x;
  double       space_before;
  gboolean     keep_with_next;
  double       fixed_height;    /* the rule and the chart */
  const Colour *colour;
  int          n_lines;
  double      *line_top;        /* relative to the layout's top */
  double      *line_advance;    /* to the next line */
  double      *line_baseline;   /* relative to the layout's top */
  double      *line_x;
} LayoutBlock;

typedef struct
{
  guint  block;
  int    first_line;
  int    n_lines;
  double y;                     /* top of the first line on the page */
} Fragment;

struct _AttuneReportLayout
{
  AttuneReport *report;
  PangoContext *context;
  double        width;
  double        height;
  GArray       *blocks;         /* LayoutBlock */
  GPtrArray    *pages;          /* GArray of Fragment */
};

/* Building */

static void
clear_layout_block (gpointer data)
{
  LayoutBlock *lb = data;

  g_clear_object (&lb->layout);
  g_clear_object (&lb->marker);
  g_clear_pointer (&lb->line_top, g_free);
  g_clear_pointer (&lb->line_advance, g_free);
  g_clear_pointer (&lb->line_baseline, g_free);
  g_clear_pointer (&lb->line_x, g_free);
}

static PangoLayout *
create_text_layout (PangoContext *context,
                    const char   *text,
                    double        size,
                    PangoWeight   weight,
                    PangoStyle    style,
                    double        width,
                    double        spacing)
{
  PangoLayout *layout = pango_layout_new (context);
  PangoFontDescription *desc = pango_font_description_from_string (FONT_FAMILY);

  pango_font_description_set_size (desc, (int) (size * PANGO_SCALE));
  pango_font_description_set_weight (desc, weight);
  pango_font_description_set_style (desc, style);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);

  /* Each paragraph takes its direction from its own text, so a Hebrew or
   * Arabic paragraph reads right to left and sits at the right margin. */
  pango_layout_set_auto_dir (layout, TRUE);
  pango_layout_set_alignment (layout, PANGO_ALIGN_LEFT);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  if (spacing > 0)
    pango_layout_set_line_spacing (layout, (float) spacing);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);

  return layout;
}

static char *
glue_last_words (const char *text)
{
  GString *out = g_string_new (text);

  for (guint n = 0; n < 2; n++)
    {
      char *space = strrchr (out->str, ' ');

      if (space == NULL)
        break;
      g_string_erase (out, space - out->str, 1);
      g_string_insert (out, space - out->str, "\xc2\xa0");
    }

  return g_string_free (out, FALSE);
}

static void
measure_lines (LayoutBlock *lb)
{
  PangoLayoutIter *iter;
  int i = 0;

  lb->n_lines = pango_layout_get_line_count (lb->layout);
  lb->line_top = g_new0 (double, lb->n_lines);
  lb->line_advance = g_new0 (double, lb->n_lines);
  lb->line_baseline = g_new0 (double, lb->n_lines);
  lb->line_x = g_new0 (double, lb->n_lines);

  iter = pango_layout_get_iter (lb->layout);
  do
    {
      PangoRectangle logical;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      lb->line_top[i] = logical.y / (double) PANGO_SCALE;
      lb->line_advance[i] = logical.height / (double) PANGO_SCALE;
      lb->line_baseline[i] = pango_layout_iter_get_baseline (iter) / (double) PANGO_SCALE;
      lb->line_x[i] = logical.x / (double) PANGO_SCALE;
      i++;
    }
  while (i < lb->n_lines && pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);

  /* With line spacing, the distance to the next line is more than a line's height. */
  for (i = 0; i + 1 < lb->n_lines; i++)
    lb->line_advance[i] = lb->line_top[i + 1] - lb->line_top[i];
}

static void
add_layout_block (AttuneReportLayout      *self,
                  const AttuneReportBlock *block,
                  double                   content_width)
{
  LayoutBlock lb = { block, NULL, NULL, MARGIN_SIDE, 0, FALSE, 0, &text_colour, };
  const char *marker = NULL;

  switch (block->kind)
    {
    case ATTUNE_BLOCK_TITLE:
      {
        /* No break inside the last three words ("26 November 2026"). */
        g_autofree char *glued = glue_last_words (block->text);

        lb.layout = create_text_layout (self->context, glued, 20, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, content_width, 1.1);
      }
      lb.keep_with_next = TRUE;
      break;
    case ATTUNE_BLOCK_META:
      lb.layout = create_text_layout (self->context, block->text, 10, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, content_width, 0);
      lb.colour = &muted_colour;
      lb.space_before = 6;
      lb.keep_with_next = TRUE;
      break;
    case ATTUNE_BLOCK_RULE:
      lb.fixed_height = 1;
      lb.space_before = 14;
      lb.colour = &rule_colour;
      break;
    case ATTUNE_BLOCK_HEADING:
      lb.layout = create_text_layout (self->context, block->text, 15, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, content_width, 0);
      lb.colour = &heading_colour;
      lb.space_before = 26;
      lb.keep_with_next = TRUE;
      break;
    case ATTUNE_BLOCK_SUBHEADING:
      lb.layout = create_text_layout (self->context, block->text, 12, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, content_width, 0);
      lb.space_before = 16;
      lb.keep_with_next = TRUE;
      break;
    case ATTUNE_BLOCK_DATE:
      lb.layout = create_text_layout (self->context, block->text, 9.5, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, content_width, 0);
      lb.colour = &muted_colour;
      lb.space_before = 1;
      lb.keep_with_next = TRUE;
      break;
    case ATTUNE_BLOCK_LABEL:
      lb.layout = create_text_layout (self->context, block->text, 10, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, content_width, 0);
      lb.colour = &muted_colour;
      lb.space_before = 8;
      lb.keep_with_next = TRUE;
      break;
    case ATTUNE_BLOCK_QUOTE:
      lb.x = MARGIN_SIDE + QUOTE_INDENT;
      lb.layout = create_text_layout (self->context, block->text, 11, PANGO_WEIGHT_NORMAL, PANGO_STYLE_ITALIC, content_width - QUOTE_INDENT, 1.3);
      lb.space_before = 3;
      break;
    case ATTUNE_BLOCK_ITEM:
      lb.x = MARGIN_SIDE + ITEM_INDENT;
      lb.layout = create_text_layout (self->context, block->text, 11, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, content_width - ITEM_INDENT, 1.25);
      lb.space_before = 4;
      marker = block->mark == ATTUNE_MARK_UNDONE ? "☐" : block->mark == ATTUNE_MARK_DONE ? "☑" : "•";
      lb.marker = create_text_layout (self->context, marker, 11, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, ITEM_INDENT, 0);
      pango_layout_set_auto_dir (lb.marker, FALSE);
      if (block->mark == ATTUNE_MARK_DONE)
        lb.colour = &muted_colour;
      break;
    case ATTUNE_BLOCK_CHART:
      lb.fixed_height = CHART_HEIGHT;
      lb.space_before = 10;
      lb.keep_with_next = TRUE;   /* with its summary in words */
      break;
    case ATTUNE_BLOCK_PARAGRAPH:
    default:
      lb.layout = create_text_layout (self->context, block->text, 11, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, content_width, 1.3);
      lb.space_before = 6;
      break;
    }

  /* Headings, dates and list items keep the page's left edge even when their
   * text is right to left (it still reads right to left within the line);
   * running text takes its own paragraph direction. */
  if (lb.layout != NULL && block->kind != ATTUNE_BLOCK_PARAGRAPH && block->kind != ATTUNE_BLOCK_QUOTE)
    pango_layout_set_auto_dir (lb.layout, FALSE);

  if (lb.layout != NULL)
    measure_lines (&lb);

  g_array_append_val (self->blocks, lb);
}

static double
block_height (const LayoutBlock *lb,
              int                n_lines)
{
  double h = 0;

  if (lb->layout == NULL)
    return lb->fixed_height;

  for (int i = 0; i < MIN (n_lines, lb->n_lines); i++)
    h += lb->line_advance[i];

  return h;
}

/* The height that must fit on this page for block @i to start here: the
 * block, the blocks it keeps with, and the first two lines of the block
 * they lead to. A heading is never the last thing on a page. */
static double
height_to_keep (AttuneReportLayout *self,
                guint               i)
{
  double h = 0;

  for (guint j = i; j < self->blocks->len; j++)
    {
      const LayoutBlock *lb = &g_array_index (self->blocks, LayoutBlock, j);
      double space = j == i ? 0 : lb->space_before;

      if (lb->keep_with_next)
        {
          h += space + block_height (lb, G_MAXINT);
          continue;
        }

      return h + space + block_height (lb, 2);
    }

  return h;
}

static GArray *
new_page (AttuneReportLayout *self)
{
  GArray *page = g_array_new (FALSE, FALSE, sizeof (Fragment));

  g_ptr_array_add (self->pages, page);

  return page;
}

static void
paginate (AttuneReportLayout *self)
{
  double top = MARGIN_TOP;
  double bottom = self->height - MARGIN_BOTTOM;
  GArray *page = new_page (self);
  double y = top;

  for (guint i = 0; i < self->blocks->len; i++)
    {
      const LayoutBlock *lb = &g_array_index (self->blocks, LayoutBlock, i);
      double space = y > top ? lb->space_before : 0;
      Fragment fragment = { i, 0, 0, 0 };
      double needed = lb->keep_with_next ? height_to_keep (self, i) : block_height (lb, 2);

      if (y > top && y + space + needed > bottom)
        {
          page = new_page (self);
          y = top;
          space = 0;
        }

      y += space;

      if (lb->layout == NULL)
        {
          fragment.y = y;
          g_array_append_val (page, fragment);
          y += lb->fixed_height;
          continue;
        }

      fragment.y = y;
      for (int line = 0; line < lb->n_lines; line++)
        {
          if (y + lb->line_advance[line] > bottom && y > top)
            {
              if (fragment.n_lines > 0)
                g_array_append_val (page, fragment);
              page = new_page (self);
              y = top;

              /* A new page does not start with the blank line between two paragraphs. */
              while (line < lb->n_lines - 1 &&
                     pango_layout_get_line_readonly (lb->layout, line)->length == 0)
                line++;

              fragment.first_line = line;
              fragment.n_lines = 0;
              fragment.y = y;
            }

          fragment.n_lines++;
          y += lb->line_advance[line];
        }

      if (fragment.n_lines > 0)
        g_array_append_val (page, fragment);
    }
}

/* Drawing */

static void
set_colour (cairo_t      *cr,
            const Colour *colour)
{
  cairo_set_source_rgb (cr, colour->r, colour->g, colour->b);
}

static void
draw_fragment (AttuneReportLayout *self,
               cairo_t            *cr,
               const Fragment     *fragment)
{
  const LayoutBlock *lb = &g_array_index (self->blocks, LayoutBlock, fragment->block);
  double content_width = self->width - 2 * MARGIN_SIDE;
  double first_top;

  switch (lb->block->kind)
    {
    case ATTUNE_BLOCK_RULE:
      set_colour (cr, lb->colour);
      cairo_set_line_width (cr, 0.75);
      cairo_move_to (cr, MARGIN_SIDE, fragment->y + 0.5);
      cairo_line_to (cr, MARGIN_SIDE + content_width, fragment->y + 0.5);
      cairo_stroke (cr);
      return;

    case ATTUNE_BLOCK_CHART:
      {
        guint n_points;
        const AttuneChartPoint *points = attune_report_get_chart_points (self->report, &n_points);

        cairo_save (cr);
        cairo_translate (cr, MARGIN_SIDE, fragment->y);
        attune_chart_draw (cr, points, n_points, MIN (content_width, 420), CHART_HEIGHT,
                           chart_foreground, chart_accent);
        cairo_restore (cr);
      }
      return;

    case ATTUNE_BLOCK_TITLE:
    case ATTUNE_BLOCK_META:
    case ATTUNE_BLOCK_HEADING:
    case ATTUNE_BLOCK_SUBHEADING:
    case ATTUNE_BLOCK_DATE:
    case ATTUNE_BLOCK_LABEL:
    case ATTUNE_BLOCK_PARAGRAPH:
    case ATTUNE_BLOCK_QUOTE:
    case ATTUNE_BLOCK_ITEM:
    default:
      break;
    }

  first_top = lb->line_top[fragment->first_line];

  if (lb->block->kind == ATTUNE_BLOCK_QUOTE)
    {
      double last = fragment->first_line + fragment->n_lines - 1;
      double bottom = fragment->y + lb->line_top[(int) last] - first_top + lb->line_advance[(int) last];

      set_colour (cr, &rule_colour);
      cairo_set_line_width (cr, 2);
      cairo_move_to (cr, MARGIN_SIDE + 3, fragment->y + 2);
      cairo_line_to (cr, MARGIN_SIDE + 3, bottom - 2);
      cairo_stroke (cr);
    }

  if (lb->marker != NULL && fragment->first_line == 0)
    {
      PangoLayoutIter *iter = pango_layout_get_iter (lb->marker);
      double baseline = pango_layout_iter_get_baseline (iter) / (double) PANGO_SCALE;

      pango_layout_iter_free (iter);
      set_colour (cr, lb->block->mark == ATTUNE_MARK_BULLET ? &muted_colour : &text_colour);
      cairo_move_to (cr, MARGIN_SIDE + 2, fragment->y + lb->line_baseline[0] - lb->line_top[0] - baseline);
      pango_cairo_show_layout (cr, lb->marker);
    }

  set_colour (cr, lb->colour);
  for (int i = fragment->first_line; i < fragment->first_line + fragment->n_lines; i++)
    {
      PangoLayoutLine *line = pango_layout_get_line_readonly (lb->layout, i);

      cairo_move_to (cr, lb->x + lb->line_x[i], fragment->y + lb->line_baseline[i] - first_top);
      pango_cairo_show_layout_line (cr, line);
    }
}

static void
draw_footer (AttuneReportLayout *self,
             cairo_t            *cr,
             guint               page)
{
  g_autofree char *text = NULL;
  PangoLayout *layout;
  int w, h;

  /* Translators: a page footer, "Page 2 of 5" */
  text = g_strdup_printf (_("Page %u of %u"), page + 1, self->pages->len);
  layout = create_text_layout (self->context, text, 9, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, -1, 0);
  pango_layout_get_pixel_size (layout, &w, &h);
  set_colour (cr, &muted_colour);
  cairo_move_to (cr, (self->width - w) / 2, self->height - MARGIN_BOTTOM / 2 - h / 2.0);
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);
}

/* Public API */

/**
 * attune_report_layout_new:
 * @self: a report
 * @context: the #PangoContext of the target (its resolution turns points
 *   into user units: 72 dpi for a PDF surface in points)
 * @page_width: the page width in user units
 * @page_height: the page height in user units
 *
 * Lays the report out on pages: headings kept with what follows, long
 * paragraphs split between lines.
 *
 * Returns: (transfer full): the layout
 */
AttuneReportLayout *
attune_report_layout_new (AttuneReport *self,
                          PangoContext *context,
                          double        page_width,
                          double        page_height)
{
  AttuneReportLayout *layout;
  const AttuneReportBlock *blocks;
  guint n_blocks;
  double content_width;

  g_return_val_if_fail (ATTUNE_IS_REPORT (self), NULL);
  g_return_val_if_fail (PANGO_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (page_width > 2 * MARGIN_SIDE + 72, NULL);
  g_return_val_if_fail (page_height > MARGIN_TOP + MARGIN_BOTTOM + 144, NULL);

  layout = g_new0 (AttuneReportLayout, 1);
  layout->report = g_object_ref (self);
  layout->context = g_object_ref (context);
  layout->width = page_width;
  layout->height = page_height;
  layout->blocks = g_array_new (FALSE, TRUE, sizeof (LayoutBlock));
  g_array_set_clear_func (layout->blocks, clear_layout_block);
  layout->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);

  content_width = page_width - 2 * MARGIN_SIDE;
  blocks = _attune_report_get_blocks (self, &n_blocks);
  for (guint i = 0; i < n_blocks; i++)
    add_layout_block (layout, &blocks[i], content_width);

  paginate (layout);

  return layout;
}

/**
 * attune_report_layout_free:
 * @layout: (transfer full): a layout
 */
void
attune_report_layout_free (AttuneReportLayout *layout)
{
  if (layout == NULL)
    return;

  g_clear_pointer (&layout->pages, g_ptr_array_unref);
  g_clear_pointer (&layout->blocks, g_array_unref);
  g_clear_object (&layout->context);
  g_clear_object (&layout->report);
  g_free (layout);
}

/**
 * attune_report_layout_get_n_pages:
 * @layout: a layout
 *
 * Returns: how many pages the report takes, at least one
 */
guint
attune_report_layout_get_n_pages (AttuneReportLayout *layout)
{
  g_return_val_if_fail (layout != NULL, 0);

  return layout->pages->len;
}

/**
 * attune_report_layout_draw_page:
 * @layout: a layout
 * @cr: where to draw, with the page's top left at the origin
 * @page: the page, from 0
 *
 * Draws one page, footer included.
 */
void
attune_report_layout_draw_page (AttuneReportLayout *layout,
                                cairo_t            *cr,
                                guint               page)
{
  GArray *fragments;

  g_return_if_fail (layout != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (page < layout->pages->len);

  fragments = g_ptr_array_index (layout->pages, page);

  cairo_save (cr);
  for (guint i = 0; i < fragments->len; i++)
    draw_fragment (layout, cr, &g_array_index (fragments, Fragment, i));
  draw_footer (layout, cr, page);
  cairo_restore (cr);
}

/**
 * attune_report_layout_get_heading_positions:
 * @layout: a layout
 * @n_headings: (out): how many headings and subheadings there are
 *
 * Where each heading and subheading landed, for tests: for heading i,
 * element 2i is its page and 2i + 1 is 1 if something else follows it on
 * the same page, else 0.
 *
 * Returns: (transfer full) (array length=n_headings): pairs of numbers
 */
guint *
attune_report_layout_get_heading_positions (AttuneReportLayout *layout,
                                            guint              *n_headings)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (guint));

  g_return_val_if_fail (layout != NULL, NULL);
  g_return_val_if_fail (n_headings != NULL, NULL);

  for (guint p = 0; p < layout->pages->len; p++)
    {
      GArray *fragments = g_ptr_array_index (layout->pages, p);

      for (guint i = 0; i < fragments->len; i++)
        {
          const Fragment *fragment = &g_array_index (fragments, Fragment, i);
          const LayoutBlock *lb = &g_array_index (layout->blocks, LayoutBlock, fragment->block);
          guint pair[2] = { p, 0 };

          if (lb->block->kind != ATTUNE_BLOCK_HEADING && lb->block->kind != ATTUNE_BLOCK_SUBHEADING)
            continue;

          /* Followed on this page by something that is not kept with what follows it. */
          for (guint j = i + 1; j < fragments->len; j++)
            {
              const LayoutBlock *next = &g_array_index (layout->blocks, LayoutBlock,
                                                        g_array_index (fragments, Fragment, j).block);
              if (!next->keep_with_next)
                {
                  pair[1] = 1;
                  break;
                }
            }

          g_array_append_vals (out, pair, 2);
        }
    }

  *n_headings = out->len / 2;

  return (guint *) (gpointer) g_array_free (out, FALSE);
}

/**
 * attune_report_default_paper_size:
 * @width: (out): the width in points
 * @height: (out): the height in points
 *
 * Gets the locale's paper: US Letter where LC_PAPER says so (glibc), else
 * A4. Without glibc's paper information, US Letter for the United States
 * and Canada.
 */
void
attune_report_default_paper_size (double *width,
                                  double *height)
{
  gboolean letter = FALSE;
  gboolean known = FALSE;

  g_return_if_fail (width != NULL && height != NULL);

#ifdef __GLIBC__
  {
    /* glibc returns numbers, in millimetres, in the pointer itself. */
    unsigned int mm_width = (unsigned int) (uintptr_t) nl_langinfo (_NL_PAPER_WIDTH);
    unsigned int mm_height = (unsigned int) (uintptr_t) nl_langinfo (_NL_PAPER_HEIGHT);

    if (mm_width > 0 && mm_height > 0)
      {
        known = TRUE;
        letter = mm_width == 216 && mm_height == 279;
      }
  }
#endif

  if (!known)
    {
      const char *name = setlocale (LC_PAPER, NULL);

      if (name == NULL || strcmp (name, "C") == 0 || strcmp (name, "POSIX") == 0)
        name = g_getenv ("LC_PAPER");
      letter = name != NULL && (g_str_has_prefix (name, "en_US") || g_str_has_prefix (name, "en_CA"));
    }

  *width = letter ? LETTER_WIDTH : A4_WIDTH;
  *height = letter ? LETTER_HEIGHT : A4_HEIGHT;
}

typedef struct
{
  GOutputStream *stream;
  GCancellable  *cancellable;
  GError        *error;
} WriteClosure;

static cairo_status_t
write_cb (void                *data,
          const unsigned char *bytes,
          unsigned int         length)
{
  WriteClosure *closure = data;

  if (closure->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;

  if (!g_output_stream_write_all (closure->stream, bytes, length, NULL, closure->cancellable, &closure->error))
    return CAIRO_STATUS_WRITE_ERROR;

  return CAIRO_STATUS_SUCCESS;
}

static char *
dup_pdf_date (gint64 instant)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (instant / G_USEC_PER_SEC);

  return dt != NULL ? g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ") : g_strdup ("");
}

/**
 * attune_report_write_pdf_full:
 * @self: a report
 * @path: (type filename): where to write
 * @page_width: the page width in points
 * @page_height: the page height in points
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Like attune_report_write_pdf(), on a given paper size.
 *
 * Returns: %TRUE on success
 */
gboolean
attune_report_write_pdf_full (AttuneReport  *self,
                              const char    *path,
                              double         page_width,
                              double         page_height,
                              GCancellable  *cancellable,
                              GError       **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(AttuneReportLayout) layout = NULL;
  g_autofree char *created = NULL;
  g_autofree char *creator = NULL;
  g_autoptr(GCancellable) abort_write = NULL;
  WriteClosure closure = { NULL, cancellable, NULL };
  cairo_surface_t *surface;
  cairo_font_options_t *options;
  PangoContext *context;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (ATTUNE_IS_REPORT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Written beside the target and renamed over it when complete. */
  file = g_file_new_for_path (path);
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                           cancellable, error);
  if (stream == NULL)
    return FALSE;
  closure.stream = G_OUTPUT_STREAM (stream);

  surface = cairo_pdf_surface_create_for_stream (write_cb, &closure, page_width, page_height);
  created = dup_pdf_date (_attune_report_get_created_at (self));
  creator = g_strdup_printf ("Attune %s", PACKAGE_VERSION);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, attune_report_get_title (self));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, creator);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, created);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_MOD_DATE, created);

  cr = cairo_create (surface);

  /* Points as user units, and no hinting: the same glyph positions on every
   * machine, so that two renders of one report are the same bytes. */
  context = pango_cairo_create_context (cr);
  pango_cairo_context_set_resolution (context, 72);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);

  layout = attune_report_layout_new (self, context, page_width, page_height);
  g_object_unref (context);

  for (guint page = 0; page < attune_report_layout_get_n_pages (layout); page++)
    {
      if (g_cancellable_is_cancelled (cancellable) || closure.error != NULL)
        break;
      attune_report_layout_draw_page (layout, cr, page);
      cairo_show_page (cr);
    }

  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (closure.error == NULL && g_cancellable_set_error_if_cancelled (cancellable, &closure.error))
    ;
  else if (closure.error == NULL && status != CAIRO_STATUS_SUCCESS)
    g_set_error (&closure.error, G_IO_ERROR, G_IO_ERROR_FAILED,
                 _("The PDF could not be written: %s."), cairo_status_to_string (status));

  if (closure.error != NULL)
    {
      /* Closing with a cancelled cancellable leaves the old file in place. */
      abort_write = g_cancellable_new ();
      g_cancellable_cancel (abort_write);
      g_output_stream_close (G_OUTPUT_STREAM (stream), abort_write, NULL);
      g_propagate_error (error, closure.error);
      return FALSE;
    }

  return g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, error);
}

/**
 * attune_report_write_pdf:
 * @self: a report
 * @path: (type filename): where to write
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Writes the report as a PDF on the locale's default paper, with its title,
 * creator and creation date (the report's created_at) as metadata. The file
 * is replaced only once the PDF is complete.
 *
 * Returns: %TRUE on success
 */
gboolean
attune_report_write_pdf (AttuneReport  *self,
                         const char    *path,
                         GCancellable  *cancellable,
                         GError       **error)
{
  double width, height;

  attune_report_default_paper_size (&width, &height);

  return attune_report_write_pdf_full (self, path, width, height, cancellable, error);
}

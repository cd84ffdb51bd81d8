/* test-report.c
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <pango/pangocairo.h>
#include <poppler.h>
#include <string.h>
#include <time.h>

#include "attune-report.h"
#include "attune-test-files.h"

/* 24 November 2026, 09:30 UTC */
#define CREATED_AT (G_GINT64_CONSTANT (1795512600) * G_USEC_PER_SEC)

static const char *hebrew_words[] = { "אני", "מרגישה", "שלא", "שומעים", "אותי" };
static const char *arabic_words[] = { "شعرت", "بالهدوء", "اليوم" };

typedef struct
{
  char        *dir;
  char        *path;
  AttuneStore *store;
} Fixture;

static gint64
instant (int y, int m, int d, int hh, int mm)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (y, m, d, hh, mm, 0);

  return g_date_time_to_unix (dt) * G_USEC_PER_SEC;
}

static void
add_entry (AttuneStore *store,
           const char  *day,
           const char  *title,
           const char  *body,
           gboolean     bring)
{
  g_autoptr(AttuneEntry) entry = attune_entry_new ();
  g_autoptr(GError) error = NULL;

  attune_entry_set_day (entry, day);
  attune_entry_set_title (entry, title);
  attune_entry_set_body (entry, body);
  attune_entry_set_bring (entry, bring);
  g_assert_true (attune_store_save_entry (store, entry, &error));
  g_assert_no_error (error);
}

static AttuneCheckIn *
add_check_in (AttuneStore *store,
              gint64       session_at,
              int          connected)
{
  AttuneCheckIn *check_in = attune_check_in_new ();

  attune_check_in_set_session_at (check_in, session_at);
  attune_check_in_set_mode (check_in, ATTUNE_SESSION_MODE_IN_PERSON);
  attune_check_in_set_connected (check_in, connected);
  attune_check_in_set_heard (check_in, connected == ATTUNE_SCALE_NOT_SURE ? 3 : 4);
  attune_check_in_set_rupture (check_in, ATTUNE_RUPTURE_NO);

  return check_in;
}

static void
save_check_in (AttuneStore   *store,
               AttuneCheckIn *check_in)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (attune_store_save_check_in (store, check_in, &error));
  g_assert_no_error (error);
  g_object_unref (check_in);
}

/* The known journal: five sessions (one skipped, one "not sure"), two of
 * them with ruptures; notes in three scripts; agenda items. */
static void
fill_journal (AttuneStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttuneAgendaItem) item = NULL;
  AttuneCheckIn *check_in;

  check_in = add_check_in (store, instant (2026, 10, 1, 14, 0), 2);
  attune_check_in_set_rupture (check_in, ATTUNE_RUPTURE_YES);
  attune_check_in_set_kinds (check_in, ATTUNE_RUPTURE_KIND_MISUNDERSTOOD | ATTUNE_RUPTURE_KIND_HELD_BACK);
  attune_check_in_set_intensity (check_in, 3);
  attune_check_in_set_what_happened (check_in, "When I talked about my sister, the conversation moved on quickly.");
  attune_check_in_set_felt (check_in, "Small, and a bit foolish for bringing it up.");
  attune_check_in_set_needed (check_in, "A moment to stay with it.");
  attune_check_in_set_resolved (check_in, 2);
  attune_check_in_set_spoke_up (check_in, ATTUNE_SPOKE_UP_NO);
  attune_check_in_set_plan (check_in, ATTUNE_PLAN_BRING_UP | ATTUNE_PLAN_WRITE_MESSAGE);
  attune_check_in_set_message (check_in, "Last week I felt rushed when I mentioned my sister.\n\nCould we come back to it?");
  save_check_in (store, check_in);

  check_in = add_check_in (store, instant (2026, 10, 15, 14, 0), ATTUNE_SCALE_SKIPPED);
  save_check_in (store, check_in);

  check_in = add_check_in (store, instant (2026, 10, 29, 14, 0), 3);
  attune_check_in_set_mode (check_in, ATTUNE_SESSION_MODE_VIDEO);
  attune_check_in_set_rupture (check_in, ATTUNE_RUPTURE_NOT_SURE);
  attune_check_in_set_kinds (check_in, ATTUNE_RUPTURE_KIND_OTHER);
  attune_check_in_set_other_kind (check_in, "The call kept freezing");
  save_check_in (store, check_in);

  check_in = add_check_in (store, instant (2026, 11, 5, 14, 0), ATTUNE_SCALE_NOT_SURE);
  save_check_in (store, check_in);

  check_in = add_check_in (store, instant (2026, 11, 12, 14, 0), 4);
  save_check_in (store, check_in);

  check_in = add_check_in (store, instant (2026, 11, 19, 14, 0), 5);
  save_check_in (store, check_in);

  add_entry (store, "2026-10-08", "After the walk",
             "I noticed I was calmer after walking by the river.", FALSE);
  add_entry (store, "2026-10-20", "בעברית",
             "אני מרגישה שלא שומעים אותי", TRUE);
  add_entry (store, "2026-11-02", "بالعربية",
             "شعرت بالهدوء اليوم", TRUE);
  add_entry (store, "2026-11-10", "日本語のメモ",
             "今日は少し疲れました。🌱 But I kept going.", TRUE);

  item = attune_store_add_agenda_item (store, "Ask about changing the time of our sessions", 0, &error);
  g_assert_no_error (error);
  g_clear_object (&item);
  item = attune_store_add_agenda_item (store, "Talk about the holidays", 0, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("attune-report-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "attune.db", NULL);
  fixture->store = attune_store_open (fixture->path, &error);
  g_assert_no_error (error);

  if (data != NULL)
    fill_journal (fixture->store);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  attune_test_remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static AttuneReport *
build_report (AttuneStore         *store,
              const char          *from,
              const char          *to,
              AttuneReportInclude  include)
{
  AttuneReportOptions options = { (char *) from, (char *) to, include, (char *) "Dr. Rivera",
                                  (char *) "2026-11-26", CREATED_AT };
  g_autoptr(GError) error = NULL;
  AttuneReport *report = attune_report_build (store, &options, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);

  return report;
}

static AttuneReport *
build_basic_report (AttuneStore *store)
{
  return build_report (store, "2026-10-01", "2026-11-24",
                       ATTUNE_REPORT_INCLUDE_DEFAULT | ATTUNE_REPORT_INCLUDE_MESSAGES);
}

static void
test_markdown_golden (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(AttuneReport) report = build_basic_report (fixture->store);
  g_autofree char *markdown = attune_report_to_markdown (report);
  g_autofree char *golden_path = g_test_build_filename (G_TEST_DIST, "data", "report-basic.md", NULL);
  g_autofree char *golden = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_utf8_validate (markdown, -1, NULL));

  if (g_getenv ("ATTUNE_UPDATE_GOLDEN") != NULL)
    {
      g_file_set_contents (golden_path, markdown, -1, &error);
      g_assert_no_error (error);
    }

  g_file_get_contents (golden_path, &golden, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (markdown, ==, golden);
}

static char *
write_pdf (AttuneReport *report,
           const char   *dir,
           const char   *name,
           double        width,
           double        height)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  if (width > 0)
    g_assert_true (attune_report_write_pdf_full (report, path, width, height, NULL, &error));
  else
    g_assert_true (attune_report_write_pdf (report, path, NULL, &error));
  g_assert_no_error (error);

  if (g_getenv ("ATTUNE_KEEP_PDF") != NULL)
    {
      g_autofree char *kept = g_build_filename (g_getenv ("ATTUNE_KEEP_PDF"), name, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      g_file_get_contents (path, &contents, &length, NULL);
      g_file_set_contents (kept, contents, length, NULL);
    }

  return g_steal_pointer (&path);
}

static PopplerDocument *
open_pdf (const char *path)
{
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autoptr(GError) error = NULL;
  PopplerDocument *document = poppler_document_new_from_file (uri, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (document);

  return document;
}

static char *
dup_all_text (PopplerDocument *document)
{
  GString *out = g_string_new (NULL);

  for (int i = 0; i < poppler_document_get_n_pages (document); i++)
    {
      PopplerPage *page = poppler_document_get_page (document, i);
      char *text = poppler_page_get_text (page);

      g_string_append (out, text);
      g_string_append_c (out, '\n');
      g_free (text);
      g_object_unref (page);
    }

  return g_string_free (out, FALSE);
}

/* Extracted text with bidi marks dropped and white space collapsed to one space
 * (or dropped, when @keep_spaces is FALSE). */
static char *
dup_normalized (const char *text,
                gboolean    keep_spaces)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F)
        continue;
      if (g_unichar_isspace (c))
        {
          if (keep_spaces && out->len > 0 && out->str[out->len - 1] != ' ')
            g_string_append_c (out, ' ');
          continue;
        }
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

static void
assert_in_order (const char         *text,
                 const char * const *expected)
{
  g_autofree char *normalized = dup_normalized (text, TRUE);
  const char *at = normalized;

  for (guint i = 0; expected[i] != NULL; i++)
    {
      const char *found = strstr (at, expected[i]);

      if (found == NULL)
        g_error ("“%s” not found (in order) in:\n%s", expected[i], normalized);
      at = found + strlen (expected[i]);
    }
}

/* Right-to-left words extract in visual order, with poppler's guesses at
 * spaces between glyphs: each word's letters in order, either way round. */
static void
assert_has_word (const char *text,
                 const char *word)
{
  g_autofree char *squeezed = dup_normalized (text, FALSE);
  g_autofree char *reversed = g_utf8_strreverse (word, -1);

  if (strstr (squeezed, word) == NULL && strstr (squeezed, reversed) == NULL)
    g_error ("“%s” not found in:\n%s", word, squeezed);
}

static void
test_pdf (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(AttuneReport) report = build_basic_report (fixture->store);
  g_autofree char *path = write_pdf (report, fixture->dir, "report.pdf", 0, 0);
  PopplerDocument *document = open_pdf (path);
  PopplerPage *page;
  g_autofree char *text = dup_all_text (document);
  g_autofree char *title = poppler_document_get_title (document);
  g_autofree char *creator = poppler_document_get_creator (document);
  g_autofree char *page_label = NULL;
  double width, height;
  int n_pages = poppler_document_get_n_pages (document);
  const char * const expected[] = {
    "Notes for my session with Dr. Rivera on 26 November 2026",
    "To talk about",
    "Ask about changing the time of our sessions",
    "How connected I felt",
    "Check-ins after sessions",
    "Session on Thursday, 1 October 2026",
    "What happened",
    "When I talked about my sister",
    "The message I drafted",
    "Entries I want to bring",
    "日本語のメモ",
    NULL
  };

  g_assert_cmpint (n_pages, >=, 2);
  g_assert_cmpint (n_pages, <=, 5);

  /* C.UTF-8: A4 */
  page = poppler_document_get_page (document, 0);
  poppler_page_get_size (page, &width, &height);
  g_assert_cmpfloat_with_epsilon (width, 595.28, 0.5);
  g_assert_cmpfloat_with_epsilon (height, 841.89, 0.5);
  g_object_unref (page);

  assert_in_order (text, expected);
  for (guint i = 0; i < G_N_ELEMENTS (hebrew_words); i++)
    assert_has_word (text, hebrew_words[i]);
  for (guint i = 0; i < G_N_ELEMENTS (arabic_words); i++)
    assert_has_word (text, arabic_words[i]);
  g_assert_nonnull (strstr (text, "今日は少し疲れました。"));

  page_label = g_strdup_printf ("Page %d of %d", n_pages, n_pages);
  g_assert_nonnull (strstr (text, "Page 1 of"));
  g_assert_nonnull (strstr (text, page_label));

  g_assert_cmpstr (title, ==, "Notes for my session with Dr. Rivera on 26 November 2026");
  g_assert_true (g_str_has_prefix (creator, "Attune "));
  g_assert_cmpint (poppler_document_get_creation_date (document), ==, CREATED_AT / G_USEC_PER_SEC);

  g_object_unref (document);
}

static void
test_pdf_letter (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(AttuneReport) report = build_basic_report (fixture->store);
  g_autofree char *path = write_pdf (report, fixture->dir, "letter.pdf", 612, 792);
  PopplerDocument *document = open_pdf (path);
  PopplerPage *page = poppler_document_get_page (document, 0);
  double width, height;

  poppler_page_get_size (page, &width, &height);
  g_assert_cmpfloat_with_epsilon (width, 612, 0.5);
  g_assert_cmpfloat_with_epsilon (height, 792, 0.5);

  g_object_unref (page);
  g_object_unref (document);
}

static void
test_pdf_identical (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(AttuneReport) first = build_basic_report (fixture->store);
  g_autoptr(AttuneReport) second = build_basic_report (fixture->store);
  g_autofree char *path1 = write_pdf (first, fixture->dir, "one.pdf", 0, 0);
  g_autofree char *path2 = write_pdf (second, fixture->dir, "two.pdf", 0, 0);
  g_autofree char *bytes1 = NULL;
  g_autofree char *bytes2 = NULL;
  gsize len1, len2;

  g_assert_true (g_file_get_contents (path1, &bytes1, &len1, NULL));
  g_assert_true (g_file_get_contents (path2, &bytes2, &len2, NULL));
  g_assert_cmpmem (bytes1, len1, bytes2, len2);
}

static void
test_pagination (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(AttuneReport) report = NULL;
  g_autofree char *path = NULL;
  g_autofree char *last_label = NULL;
  g_autofree guint *headings = NULL;
  g_autoptr(AttuneReportLayout) layout = NULL;
  PangoFontMap *font_map = pango_cairo_font_map_get_default ();
  PangoContext *context = pango_font_map_create_context (font_map);
  PopplerDocument *document;
  guint n_headings;
  int n_pages;
  g_autoptr(GString) body = g_string_new (NULL);

  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *day = g_strdup_printf ("2026-%02u-%02u", 1 + i / 28, 1 + i % 28);
      g_autofree char *title = g_strdup_printf ("Entry %u", i + 1);

      g_string_truncate (body, 0);
      for (guint s = 0; s < 1 + (i * 7) % 9; s++)
        g_string_append (body, "Today I wrote down how the week went and what I want to remember. ");
      if (i % 5 == 0)
        g_string_append (body, "\n\nA second paragraph, shorter.");
      add_entry (fixture->store, day, title, body->str, i % 3 == 0);
    }

  report = build_report (fixture->store, NULL, NULL, ATTUNE_REPORT_INCLUDE_ALL_ENTRIES);
  path = write_pdf (report, fixture->dir, "long.pdf", 0, 0);
  document = open_pdf (path);
  n_pages = poppler_document_get_n_pages (document);
  g_assert_cmpint (n_pages, >, 5);

  last_label = g_strdup_printf ("Page %d of %d", n_pages, n_pages);
  for (int p = 0; p < n_pages; p++)
    {
      PopplerPage *page = poppler_document_get_page (document, p);
      g_autofree char *text = poppler_page_get_text (page);
      g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
      g_autofree char *label = g_strdup_printf ("Page %d of %d", p + 1, n_pages);
      guint n = g_strv_length (lines);
      const char *last_content = NULL;

      g_assert_nonnull (strstr (text, label));

      /* The last line above the footer is never an entry's title or date. */
      for (guint l = 0; l < n; l++)
        if (lines[l][0] != '\0' && !g_str_has_prefix (lines[l], "Page "))
          last_content = lines[l];
      g_assert_nonnull (last_content);
      g_assert_false (g_str_has_prefix (last_content, "Entry "));
      g_assert_false (g_str_has_prefix (last_content, "Journal entries"));
      g_assert_null (strstr (last_content, " 2026"));

      g_object_unref (page);
    }
  g_object_unref (document);

  /* And through the layout: every heading has its text after it on its page. */
  /* As attune_report_write_pdf() does: points, no hinting. */
  pango_cairo_context_set_resolution (context, 72);
  {
    cairo_font_options_t *options = cairo_font_options_create ();

    cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
    pango_cairo_context_set_font_options (context, options);
    cairo_font_options_destroy (options);
  }
  layout = attune_report_layout_new (report, context, 595.2756, 841.8898);
  g_object_unref (context);
  g_assert_cmpuint (attune_report_layout_get_n_pages (layout), ==, n_pages);
  headings = attune_report_layout_get_heading_positions (layout, &n_headings);
  g_assert_cmpuint (n_headings, ==, 301);  /* "Journal entries" and 300 entries */
  for (guint i = 0; i < n_headings; i++)
    g_assert_cmpuint (headings[2 * i + 1], ==, 1);
}

static void
test_chart (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(AttuneReport) report = build_basic_report (fixture->store);
  guint n_points;
  const AttuneChartPoint *points = attune_report_get_chart_points (report, &n_points);
  g_autofree char *description = NULL;
  g_autofree char *none = NULL;
  g_autofree char *one = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  static const double fg[4] = { 0, 0, 0, 1 }, accent[4] = { 0.2, 0.4, 0.6, 1 };

  /* Skipped (15 Oct) and "not sure" (5 Nov) are not points. */
  g_assert_cmpuint (n_points, ==, 4);
  g_assert_cmpint (points[0].connected, ==, 2);
  g_assert_cmpint (points[0].session_at, ==, instant (2026, 10, 1, 14, 0));
  g_assert_cmpint (points[1].connected, ==, 3);
  g_assert_cmpint (points[2].connected, ==, 4);
  g_assert_cmpint (points[3].connected, ==, 5);
  g_assert_cmpint (points[3].session_at, ==, instant (2026, 11, 19, 14, 0));

  description = attune_chart_describe (points, n_points);
  g_assert_cmpstr (description, ==,
                   "4 sessions from 1 October to 19 November. Connection went from 2 to 5 out of 5; "
                   "the last three sessions were between 3 and 5.");
  none = attune_chart_describe (NULL, 0);
  g_assert_nonnull (strstr (none, "no trend"));
  one = attune_chart_describe (points, 1);
  g_assert_cmpstr (one, ==, "One session so far, on 1 October 2026: connection was 2 out of 5.");

  /* Drawing any number of points, even none, is fine. */
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 300, 150);
  cr = cairo_create (surface);
  for (guint n = 0; n <= n_points; n++)
    attune_chart_draw (cr, points, n, 300, 150, fg, accent);
  attune_chart_draw (cr, points, n_points, 10, 10, fg, accent);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_count_ruptures (Fixture       *fixture,
                     gconstpointer  data)
{
  guint counts[10];
  guint n_ruptures = 99, n_repaired = 99;
  g_autoptr(GError) error = NULL;
  g_autofree char *last = NULL;

  g_assert_true (attune_store_count_ruptures (fixture->store, NULL, NULL, counts, &n_ruptures, &n_repaired, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_ruptures, ==, 2);
  g_assert_cmpuint (n_repaired, ==, 0);
  g_assert_cmpuint (counts[0], ==, 1);  /* misunderstood */
  g_assert_cmpuint (counts[5], ==, 1);  /* held back */
  g_assert_cmpuint (counts[9], ==, 1);  /* other */
  g_assert_cmpuint (counts[1], ==, 0);

  g_assert_true (attune_store_count_ruptures (fixture->store, "2026-10-02", "2026-10-31", counts, &n_ruptures, NULL, &error));
  g_assert_cmpuint (n_ruptures, ==, 1);
  g_assert_cmpuint (counts[0], ==, 0);
  g_assert_cmpuint (counts[9], ==, 1);

  g_assert_false (attune_store_count_ruptures (fixture->store, "not a day", NULL, counts, &n_ruptures, NULL, &error));
  g_assert_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_INVALID);

  last = attune_store_dup_last_session_day (fixture->store, NULL);
  g_assert_cmpstr (last, ==, "2026-11-19");
}

static void
test_lists (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = attune_store_list_entries_between (fixture->store, NULL, NULL, FALSE, &error);
  g_autoptr(GPtrArray) marked = attune_store_list_entries_between (fixture->store, "2026-10-21", NULL, TRUE, &error);
  g_autoptr(GPtrArray) check_ins = attune_store_list_check_ins_between (fixture->store, "2026-10-29", "2026-11-12", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 4);
  g_assert_cmpstr (attune_entry_get_day (g_ptr_array_index (all, 0)), ==, "2026-10-08");
  g_assert_cmpstr (attune_entry_get_day (g_ptr_array_index (all, 3)), ==, "2026-11-10");
  g_assert_cmpuint (marked->len, ==, 2);
  g_assert_cmpstr (attune_entry_get_title (g_ptr_array_index (marked, 0)), ==, "بالعربية");
  g_assert_cmpuint (check_ins->len, ==, 3);
  g_assert_cmpint (attune_check_in_get_connected (g_ptr_array_index (check_ins, 0)), ==, 3);
}

static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(AttuneReport) report = build_report (fixture->store, NULL, NULL, ATTUNE_REPORT_INCLUDE_DEFAULT);
  g_autofree char *markdown = attune_report_to_markdown (report);
  g_autofree char *path = write_pdf (report, fixture->dir, "empty.pdf", 0, 0);
  g_autofree char *last = attune_store_dup_last_session_day (fixture->store, NULL);
  guint n_points;

  g_assert_true (attune_report_is_empty (report));
  g_assert_null (last);
  attune_report_get_chart_points (report, &n_points);
  g_assert_cmpuint (n_points, ==, 0);
  g_assert_nonnull (strstr (markdown, "nothing in these days"));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

static void
test_read_only (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttuneStore) ro = attune_store_open_read_only (fixture->path, &error);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(AttuneEntry) entry = attune_entry_new ();
  g_autoptr(AttuneReport) report = NULL;
  g_autofree char *missing = g_build_filename (fixture->dir, "missing.db", NULL);
  g_autoptr(AttuneStore) none = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (ro);

  entries = attune_store_list_entries_between (ro, NULL, NULL, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 4);
  report = build_basic_report (ro);
  g_assert_false (attune_report_is_empty (report));

  attune_entry_set_day (entry, "2026-11-20");
  attune_entry_set_body (entry, "Should not be saved");
  g_assert_false (attune_store_save_entry (ro, entry, &error));
  g_assert_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);

  /* The writer still writes, and the reader sees it. */
  g_assert_true (attune_store_save_entry (fixture->store, entry, &error));
  g_assert_no_error (error);
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = attune_store_list_entries_between (ro, NULL, NULL, FALSE, &error);
  g_assert_cmpuint (entries->len, ==, 5);

  none = attune_store_open_read_only (missing, &error);
  g_assert_null (none);
  g_assert_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  /* Before anything reads the time or the locale. */
  g_setenv ("TZ", "UTC", TRUE);
  tzset ();
  g_unsetenv ("LC_PAPER");
  setlocale (LC_ALL, "C.UTF-8");

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/report/markdown-golden", Fixture, "journal", fixture_set_up, test_markdown_golden, fixture_tear_down);
  g_test_add ("/report/pdf", Fixture, "journal", fixture_set_up, test_pdf, fixture_tear_down);
  g_test_add ("/report/pdf-letter", Fixture, "journal", fixture_set_up, test_pdf_letter, fixture_tear_down);
  g_test_add ("/report/pdf-identical", Fixture, "journal", fixture_set_up, test_pdf_identical, fixture_tear_down);
  g_test_add ("/report/pagination", Fixture, NULL, fixture_set_up, test_pagination, fixture_tear_down);
  g_test_add ("/report/chart", Fixture, "journal", fixture_set_up, test_chart, fixture_tear_down);
  g_test_add ("/report/count-ruptures", Fixture, "journal", fixture_set_up, test_count_ruptures, fixture_tear_down);
  g_test_add ("/report/lists", Fixture, "journal", fixture_set_up, test_lists, fixture_tear_down);
  g_test_add ("/report/empty", Fixture, NULL, fixture_set_up, test_empty, fixture_tear_down);
  g_test_add ("/report/read-only", Fixture, "journal", fixture_set_up, test_read_only, fixture_tear_down);

  return g_test_run ();
}

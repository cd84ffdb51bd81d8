/* attune-report.c
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include <stdio.h>
#include <string.h>

#include "attune-check-in-text.h"
#include "attune-report.h"
#include "attune-report-private.h"

/* "Notes for my session": what the person chose to bring, read from the store
 * once (attune_report_build() may run in a worker thread on a read-only store)
 * into a flat list of blocks that the Markdown writer and the page layout
 * (attune-report-layout.c) share. */

/* The chart shows at least this many sessions when the journal has them, so
 * that "since my last session" still shows a trend and not one lonely dot. */
#define CHART_MIN_POINTS 6

struct _AttuneReport
{
  GObject  parent_instance;

  char    *title;
  gint64   created_at;
  GArray  *blocks;      /* AttuneReportBlock */
  GArray  *points;      /* AttuneChartPoint */
  guint    n_items;     /* agenda items, check-ins and entries: 0 means empty */
};

G_DEFINE_FINAL_TYPE (AttuneReport, attune_report, G_TYPE_OBJECT)

/* Helpers */

static void
clear_block (gpointer data)
{
  AttuneReportBlock *block = data;

  g_clear_pointer (&block->text, g_free);
}

static void
add_block (AttuneReport    *self,
           AttuneBlockKind  kind,
           const char      *text)
{
  AttuneReportBlock block = { kind, ATTUNE_MARK_BULLET, g_strdup (text) };

  g_array_append_val (self->blocks, block);
}

static void
take_block (AttuneReport    *self,
            AttuneBlockKind  kind,
            char            *text)
{
  AttuneReportBlock block = { kind, ATTUNE_MARK_BULLET, text };

  g_array_append_val (self->blocks, block);
}

static void
add_item (AttuneReport   *self,
          AttuneItemMark  mark,
          const char     *text)
{
  AttuneReportBlock block = { ATTUNE_BLOCK_ITEM, mark, g_strdup (text) };

  g_array_append_val (self->blocks, block);
}

/* Text the person wrote: trailing space and blank lines trimmed, CRLF made LF. */
static char *
dup_clean_text (const char *text)
{
  g_autofree char *copy = NULL;
  GString *out;

  if (text == NULL)
    return g_strdup ("");

  copy = g_strdup (text);
  out = g_string_new (NULL);
  for (const char *p = g_strchomp (copy); *p != '\0'; p++)
    if (*p != '\r')
      g_string_append_c (out, *p);

  /* Leading blank lines */
  while (out->len > 0 && out->str[0] == '\n')
    g_string_erase (out, 0, 1);

  return g_string_free (out, FALSE);
}

static GDateTime *
day_to_date_time (const char *day)
{
  int y, m, d;

  if (day == NULL || sscanf (day, "%4d-%2d-%2d", &y, &m, &d) != 3)
    return NULL;

  return g_date_time_new_local (y, m, d, 0, 0, 0);
}

/* "Thursday, 3 October 2026", or without the weekday or the year. */
static char *
format_day (const char *day,
            gboolean    weekday,
            gboolean    year)
{
  g_autoptr(GDateTime) dt = day_to_date_time (day);
  const char *format;

  if (dt == NULL)
    return g_strdup (day != NULL ? day : "");

  if (weekday)
    /* Translators: a day, see strftime(3); %-d is the day without padding */
    format = _("%A, %-d %B %Y");
  else if (year)
    /* Translators: a day, see strftime(3) */
    format = _("%-d %B %Y");
  else
    /* Translators: a day in the current year, see strftime(3) */
    format = _("%-d %B");

  return g_date_time_format (dt, format);
}

static char *
format_instant_day (gint64 instant)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (instant / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup ("");

  local = g_date_time_to_local (utc);
  return g_date_time_format (local, _("%-d %B %Y"));
}

static char *
dup_title (const AttuneReportOptions *options)
{
  const char *therapist = options->therapist_name;
  g_autofree char *day = NULL;

  if (therapist != NULL && *therapist == '\0')
    therapist = NULL;

  if (options->session_day != NULL && attune_day_is_valid (options->session_day))
    {
      day = format_day (options->session_day, FALSE, TRUE);
      if (therapist != NULL)
        /* Translators: the first %s is the therapist's name, the second a day */
        return g_strdup_printf (_("Notes for my session with %s on %s"), therapist, day);
      /* Translators: %s is a day such as "3 October 2026" */
      return g_strdup_printf (_("Notes for my session on %s"), day);
    }

  if (therapist != NULL)
    /* Translators: %s is the therapist's name */
    return g_strdup_printf (_("Notes for my next session with %s"), therapist);

  return g_strdup (_("Notes for my next session"));
}

static char *
dup_range_text (const AttuneReportOptions *options)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  if (options->from_day != NULL)
    from = format_day (options->from_day, FALSE,
                       /* "1 October to 24 November 2026" within one year */
                       options->to_day == NULL || strncmp (options->from_day, options->to_day, 4) != 0);
  if (options->to_day != NULL)
    to = format_day (options->to_day, FALSE, TRUE);

  if (from != NULL && to != NULL)
    {
      if (g_strcmp0 (options->from_day, options->to_day) == 0)
        /* Translators: %s is a day */
        return g_strdup_printf (_("Covers %s"), to);
      /* Translators: both %s are days */
      return g_strdup_printf (_("Covers %s to %s"), from, to);
    }
  if (from != NULL)
    /* Translators: %s is a day */
    return g_strdup_printf (_("Covers %s onwards"), from);
  if (to != NULL)
    /* Translators: %s is a day */
    return g_strdup_printf (_("Covers everything up to %s"), to);

  return g_strdup (_("Covers everything in my journal"));
}

static const char *
scale_text (int value)
{
  static const char * const steps[] = { "", "1", "2", "3", "4", "5" };

  if (value < 1 || value > ATTUNE_SCALE_MAX)
    return NULL;

  return steps[value];
}

/* "connected 4 of 5, heard and understood 3 of 5, …" */
static void
append_scale_phrase (GString    *out,
                     const char *what,
                     int         value)
{
  if (value == ATTUNE_SCALE_SKIPPED)
    return;

  if (out->len > 0)
    g_string_append (out, _(", "));

  if (value == ATTUNE_SCALE_NOT_SURE)
    /* Translators: %s is a question such as "heard and understood" */
    g_string_append_printf (out, _("%s: not sure"), what);
  else
    /* Translators: %s is a question such as "heard and understood", then "4 of 5" */
    g_string_append_printf (out, _("%s: %s of 5"), what, scale_text (value));
}

static void
add_labelled_text (AttuneReport *self,
                   const char   *label,
                   const char   *text)
{
  if (text == NULL || *text == '\0')
    return;

  add_block (self, ATTUNE_BLOCK_LABEL, label);
  take_block (self, ATTUNE_BLOCK_PARAGRAPH, dup_clean_text (text));
}

static void
add_check_in (AttuneReport        *self,
              AttuneCheckIn       *check_in,
              AttuneReportInclude  include)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (attune_check_in_get_session_at (check_in) / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;
  g_autoptr(GString) feel = g_string_new (NULL);
  g_autoptr(GString) meta = g_string_new (NULL);
  const char *label;

  if (local != NULL)
    {
      g_autofree char *day = g_date_time_format (local, _("%A, %-d %B %Y"));
      g_autofree char *time = g_date_time_format (local, _("%H:%M"));

      /* Translators: %s is a day such as "Thursday, 3 October 2026" */
      take_block (self, ATTUNE_BLOCK_SUBHEADING, g_strdup_printf (_("Session on %s"), day));
      g_string_append (meta, time);
    }
  else
    add_block (self, ATTUNE_BLOCK_SUBHEADING, _("Session"));

  if ((label = attune_session_mode_label (attune_check_in_get_mode (check_in))) != NULL)
    {
      if (meta->len > 0)
        g_string_append (meta, " · ");
      g_string_append (meta, label);
    }
  if (attune_check_in_has_rupture (check_in))
    {
      if (meta->len > 0)
        g_string_append (meta, " · ");
      g_string_append (meta, attune_repair_status_label (attune_check_in_get_repair_status (check_in)));
    }
  if (meta->len > 0)
    add_block (self, ATTUNE_BLOCK_DATE, meta->str);

  append_scale_phrase (feel, _("Connected"), attune_check_in_get_connected (check_in));
  append_scale_phrase (feel, _("heard and understood"), attune_check_in_get_heard (check_in));
  append_scale_phrase (feel, _("worked on what mattered"), attune_check_in_get_mattered (check_in));
  append_scale_phrase (feel, _("the way we worked suited me"), attune_check_in_get_suited (check_in));
  if (feel->len > 0)
    {
      /* Capitalize the first phrase, whichever it is. */
      gunichar first = g_utf8_get_char (feel->str);
      char buf[8];
      int len = g_unichar_to_utf8 (g_unichar_totitle (first), buf);

      g_string_erase (feel, 0, g_utf8_next_char (feel->str) - feel->str);
      g_string_prepend_len (feel, buf, len);
      g_string_append (feel, _("."));
      add_block (self, ATTUNE_BLOCK_PARAGRAPH, feel->str);
    }

  switch (attune_check_in_get_rupture (check_in))
    {
    case ATTUNE_RUPTURE_YES:
      if (scale_text (attune_check_in_get_intensity (check_in)) != NULL)
        take_block (self, ATTUNE_BLOCK_PARAGRAPH,
                    /* Translators: %s is a number from 1 to 5 */
                    g_strdup_printf (_("There was a moment that felt off (how strong: %s of 5)."),
                                     scale_text (attune_check_in_get_intensity (check_in))));
      else
        add_block (self, ATTUNE_BLOCK_PARAGRAPH, _("There was a moment that felt off."));
      break;
    case ATTUNE_RUPTURE_NOT_SURE:
      add_block (self, ATTUNE_BLOCK_PARAGRAPH, _("I’m not sure whether a moment felt off."));
      break;
    case ATTUNE_RUPTURE_NO:
      add_block (self, ATTUNE_BLOCK_PARAGRAPH, _("No moment felt off."));
      break;
    case ATTUNE_RUPTURE_UNSET:
    default:
      break;
    }

  if (attune_check_in_has_rupture (check_in))
    {
      AttuneRuptureKind kinds = attune_check_in_get_kinds (check_in);
      AttunePlan plan = attune_check_in_get_plan (check_in);
      g_autoptr(GString) end = g_string_new (NULL);

      for (guint bit = 0; bit < 10; bit++)
        if (kinds & (1u << bit))
          {
            const char *other = attune_check_in_get_other_kind (check_in);

            if ((1u << bit) == ATTUNE_RUPTURE_KIND_OTHER && *other != '\0')
              {
                g_autofree char *clean = dup_clean_text (other);
                g_autofree char *text = g_strdup_printf ("%s: %s", attune_rupture_kind_label (1u << bit), clean);

                add_item (self, ATTUNE_MARK_BULLET, text);
              }
            else
              add_item (self, ATTUNE_MARK_BULLET, attune_rupture_kind_label (1u << bit));
          }

      add_labelled_text (self, _("What happened"), attune_check_in_get_what_happened (check_in));
      add_labelled_text (self, _("What I felt"), attune_check_in_get_felt (check_in));
      add_labelled_text (self, _("What I needed"), attune_check_in_get_needed (check_in));

      if (scale_text (attune_check_in_get_resolved (check_in)) != NULL)
        /* Translators: %s is a number from 1 to 5 */
        g_string_append_printf (end, _("By the end it felt resolved %s of 5."),
                                scale_text (attune_check_in_get_resolved (check_in)));
      switch (attune_check_in_get_spoke_up (check_in))
        {
        case ATTUNE_SPOKE_UP_YES:
          g_string_append_printf (end, "%s%s", end->len > 0 ? " " : "", _("I said something about it."));
          break;
        case ATTUNE_SPOKE_UP_PARTLY:
          g_string_append_printf (end, "%s%s", end->len > 0 ? " " : "", _("I partly said something about it."));
          break;
        case ATTUNE_SPOKE_UP_NO:
          g_string_append_printf (end, "%s%s", end->len > 0 ? " " : "", _("I didn’t say anything about it."));
          break;
        case ATTUNE_SPOKE_UP_UNSET:
        default:
          break;
        }
      if (end->len > 0)
        add_block (self, ATTUNE_BLOCK_PARAGRAPH, end->str);

      if (plan != ATTUNE_PLAN_NONE)
        {
          g_autoptr(GString) plans = g_string_new (NULL);

          for (guint bit = 0; bit < 4; bit++)
            if (plan & (1u << bit))
              {
                if (plans->len > 0)
                  g_string_append (plans, _("; "));
                g_string_append (plans, attune_plan_label (1u << bit));
              }
          /* Translators: %s is a list such as "Bring it up next session; Wait and see" */
          take_block (self, ATTUNE_BLOCK_PARAGRAPH, g_strdup_printf (_("What I want to do: %s."), plans->str));
        }

      if ((include & ATTUNE_REPORT_INCLUDE_MESSAGES) &&
          (plan & ATTUNE_PLAN_WRITE_MESSAGE) &&
          *attune_check_in_get_message (check_in) != '\0')
        {
          add_block (self, ATTUNE_BLOCK_LABEL, _("The message I drafted"));
          take_block (self, ATTUNE_BLOCK_QUOTE, dup_clean_text (attune_check_in_get_message (check_in)));
        }
    }
}

static void
add_entry (AttuneReport        *self,
           AttuneEntry         *entry,
           AttuneReportInclude  include)
{
  g_autofree char *title = attune_entry_dup_display_title (entry);
  g_autofree char *day = format_day (attune_entry_get_day (entry), TRUE, TRUE);
  g_autofree char *body = dup_clean_text (attune_entry_get_body (entry));
  const char * const *tags = attune_entry_get_tags (entry);
  g_autoptr(GString) meta = g_string_new (day);

  add_block (self, ATTUNE_BLOCK_SUBHEADING, title);

  if ((include & ATTUNE_REPORT_INCLUDE_ALL_ENTRIES) && attune_entry_get_bring (entry))
    g_string_append_printf (meta, " · %s", _("marked to bring"));
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    g_string_append_printf (meta, "%s#%s", i == 0 ? " · " : " ", tags[i]);
  add_block (self, ATTUNE_BLOCK_DATE, meta->str);

  /* A title made from the first line would repeat it: show the body anyway,
   * it is what the person wrote. */
  if (*body != '\0')
    take_block (self, ATTUNE_BLOCK_PARAGRAPH, g_steal_pointer (&body));
  else if (attune_entry_get_damaged (entry))
    add_block (self, ATTUNE_BLOCK_PARAGRAPH,
               _("The words of this entry were altered on disk, so they are left out. A backup may still hold them."));
}

static gboolean
add_agenda (AttuneReport              *self,
            AttuneStore               *store,
            const AttuneReportOptions *options)
{
  GListModel *agenda = attune_store_get_agenda (store);
  g_autoptr(GDateTime) from = day_to_date_time (options->from_day);
  gint64 since = from != NULL ? g_date_time_to_unix (from) * G_USEC_PER_SEC : G_MININT64;
  guint n = g_list_model_get_n_items (agenda);
  guint heading_at = self->blocks->len;
  guint n_added = 0;

  add_block (self, ATTUNE_BLOCK_HEADING, _("To talk about"));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AttuneAgendaItem) item = g_list_model_get_item (agenda, i);
      gboolean done = attune_agenda_item_get_done (item);

      /* Items done before the range were for an earlier session. */
      if (done && attune_agenda_item_get_done_at (item) < since)
        continue;

      add_item (self, done ? ATTUNE_MARK_DONE : ATTUNE_MARK_UNDONE, attune_agenda_item_get_text (item));
      n_added++;
    }

  if (n_added == 0)
    g_array_remove_index (self->blocks, heading_at);

  self->n_items += n_added;

  return TRUE;
}

static gboolean
add_chart (AttuneReport              *self,
           AttuneStore               *store,
           const AttuneReportOptions *options,
           GError                   **error)
{
  g_autoptr(GPtrArray) check_ins = NULL;
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (AttuneChartPoint));
  g_autofree char *description = NULL;
  guint first = 0, first_in_range = 0;

  check_ins = attune_store_list_check_ins_between (store, NULL, options->to_day, error);
  if (check_ins == NULL)
    return FALSE;

  for (guint i = 0; i < check_ins->len; i++)
    {
      AttuneCheckIn *check_in = g_ptr_array_index (check_ins, i);
      AttuneChartPoint point = { attune_check_in_get_session_at (check_in),
                                 attune_check_in_get_connected (check_in) };
      g_autoptr(GDateTime) utc = NULL;
      g_autoptr(GDateTime) local = NULL;
      g_autofree char *day = NULL;

      if (point.connected < 1 || point.connected > ATTUNE_SCALE_MAX || point.session_at <= 0)
        continue;

      utc = g_date_time_new_from_unix_utc (point.session_at / G_USEC_PER_SEC);
      local = g_date_time_to_local (utc);
      day = g_date_time_format (local, "%Y-%m-%d");
      if (options->from_day != NULL && strcmp (day, options->from_day) < 0)
        first_in_range = all->len + 1;

      g_array_append_val (all, point);
    }

  /* The range's sessions, and earlier ones up to CHART_MIN_POINTS. */
  first = first_in_range;
  if (all->len - first < CHART_MIN_POINTS)
    first = all->len > CHART_MIN_POINTS ? all->len - CHART_MIN_POINTS : 0;

  g_array_append_vals (self->points, (AttuneChartPoint *) (gpointer) all->data + first, all->len - first);

  add_block (self, ATTUNE_BLOCK_HEADING, _("How connected I felt"));
  if (self->points->len >= 2)
    add_block (self, ATTUNE_BLOCK_CHART, NULL);
  description = attune_chart_describe ((const AttuneChartPoint *) (gpointer) self->points->data, self->points->len);
  take_block (self, ATTUNE_BLOCK_PARAGRAPH, g_steal_pointer (&description));

  return TRUE;
}

/* GObject */

static void
attune_report_finalize (GObject *object)
{
  AttuneReport *self = (AttuneReport *) object;

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->blocks, g_array_unref);
  g_clear_pointer (&self->points, g_array_unref);

  G_OBJECT_CLASS (attune_report_parent_class)->finalize (object);
}

static void
attune_report_class_init (AttuneReportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = attune_report_finalize;
}

static void
attune_report_init (AttuneReport *self)
{
  self->blocks = g_array_new (FALSE, TRUE, sizeof (AttuneReportBlock));
  g_array_set_clear_func (self->blocks, clear_block);
  self->points = g_array_new (FALSE, FALSE, sizeof (AttuneChartPoint));
}

/* Public API */

/**
 * attune_report_build:
 * @store: the journal (may be a read-only store owned by the calling thread)
 * @options: the range and what to include
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads what @options asks for from @store. The report then needs no store.
 *
 * Returns: (transfer full) (nullable): the report, or %NULL with @error set
 */
AttuneReport *
attune_report_build (AttuneStore                *store,
                     const AttuneReportOptions  *options,
                     GCancellable               *cancellable,
                     GError                    **error)
{
  g_autoptr(AttuneReport) self = NULL;
  g_autofree char *created = NULL;
  g_autofree char *range = NULL;
  g_autofree char *meta = NULL;
  AttuneReportInclude include;

  g_return_val_if_fail (ATTUNE_IS_STORE (store), NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((options->from_day != NULL && !attune_day_is_valid (options->from_day)) ||
      (options->to_day != NULL && !attune_day_is_valid (options->to_day)) ||
      (options->from_day != NULL && options->to_day != NULL &&
       strcmp (options->from_day, options->to_day) > 0))
    {
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_INVALID,
                   _("The dates for the notes are not valid: the first day must come before the last."));
      return NULL;
    }

  include = options->include;
  self = g_object_new (ATTUNE_TYPE_REPORT, NULL);
  self->created_at = options->created_at != 0 ? options->created_at : g_get_real_time ();
  self->title = dup_title (options);

  add_block (self, ATTUNE_BLOCK_TITLE, self->title);
  range = dup_range_text (options);
  created = format_instant_day (self->created_at);
  /* Translators: the first %s says which days the notes cover, the second is a day */
  meta = g_strdup_printf (_("%s · Prepared on %s"), range, created);
  add_block (self, ATTUNE_BLOCK_META, meta);
  add_block (self, ATTUNE_BLOCK_RULE, NULL);

  if (include & ATTUNE_REPORT_INCLUDE_AGENDA)
    add_agenda (self, store, options);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  if (include & ATTUNE_REPORT_INCLUDE_CHART)
    {
      if (!add_chart (self, store, options, error))
        return NULL;
    }

  if (include & (ATTUNE_REPORT_INCLUDE_CHECK_INS | ATTUNE_REPORT_INCLUDE_MESSAGES))
    {
      g_autoptr(GPtrArray) check_ins = attune_store_list_check_ins_between (store, options->from_day,
                                                                            options->to_day, error);

      if (check_ins == NULL)
        return NULL;

      if (check_ins->len > 0)
        add_block (self, ATTUNE_BLOCK_HEADING, _("Check-ins after sessions"));
      for (guint i = 0; i < check_ins->len; i++)
        add_check_in (self, g_ptr_array_index (check_ins, i), include);
      self->n_items += check_ins->len;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  if (include & (ATTUNE_REPORT_INCLUDE_MARKED_ENTRIES | ATTUNE_REPORT_INCLUDE_ALL_ENTRIES))
    {
      gboolean only_marked = !(include & ATTUNE_REPORT_INCLUDE_ALL_ENTRIES);
      g_autoptr(GPtrArray) entries = attune_store_list_entries_between (store, options->from_day,
                                                                        options->to_day, only_marked, error);

      if (entries == NULL)
        return NULL;

      if (entries->len > 0)
        add_block (self, ATTUNE_BLOCK_HEADING,
                   only_marked ? _("Entries I want to bring") : _("Journal entries"));
      for (guint i = 0; i < entries->len; i++)
        add_entry (self, g_ptr_array_index (entries, i), include);
      self->n_items += entries->len;
    }

  if (self->n_items == 0)
    add_block (self, ATTUNE_BLOCK_PARAGRAPH,
               _("There is nothing in these days yet. You can choose a longer range, or bring what is on your mind."));

  return g_steal_pointer (&self);
}

/**
 * attune_report_get_title:
 * @self: an #AttuneReport
 *
 * Returns: (transfer none): the title, such as "Notes for my session on 3 October 2026"
 */
const char *
attune_report_get_title (AttuneReport *self)
{
  g_return_val_if_fail (ATTUNE_IS_REPORT (self), NULL);

  return self->title;
}

/**
 * attune_report_is_empty:
 * @self: an #AttuneReport
 *
 * Returns: %TRUE if the report holds no agenda item, check-in or entry
 */
gboolean
attune_report_is_empty (AttuneReport *self)
{
  g_return_val_if_fail (ATTUNE_IS_REPORT (self), TRUE);

  return self->n_items == 0;
}

/**
 * attune_report_get_chart_points:
 * @self: an #AttuneReport
 * @n_points: (out): how many points there are
 *
 * Returns: (transfer none) (array length=n_points): the connection trend, oldest first
 */
const AttuneChartPoint *
attune_report_get_chart_points (AttuneReport *self,
                                guint        *n_points)
{
  g_return_val_if_fail (ATTUNE_IS_REPORT (self), NULL);
  g_return_val_if_fail (n_points != NULL, NULL);

  *n_points = self->points->len;

  return (const AttuneChartPoint *) (gpointer) self->points->data;
}

const AttuneReportBlock *
_attune_report_get_blocks (AttuneReport *self,
                           guint        *n_blocks)
{
  *n_blocks = self->blocks->len;

  return (const AttuneReportBlock *) (gpointer) self->blocks->data;
}

gint64
_attune_report_get_created_at (AttuneReport *self)
{
  return self->created_at;
}

/* Writes @text line by line: @first_prefix, then @prefix; a blank line gets @blank. */
static void
append_prefixed (GString    *out,
                 const char *text,
                 const char *first_prefix,
                 const char *prefix,
                 const char *blank)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (i > 0 && lines[i][0] == '\0')
        g_string_append_printf (out, "%s\n", blank);
      else
        g_string_append_printf (out, "%s%s\n", i == 0 ? first_prefix : prefix, lines[i]);
    }
}

/**
 * attune_report_to_markdown:
 * @self: an #AttuneReport
 *
 * Writes the report as UTF-8 text that reads well as it is and is valid
 * Markdown: the same content, in the same order, as the PDF. The chart is
 * its summary in words.
 *
 * Returns: (transfer full): the text
 */
char *
attune_report_to_markdown (AttuneReport *self)
{
  GString *out;
  AttuneBlockKind previous = ATTUNE_BLOCK_TITLE;

  g_return_val_if_fail (ATTUNE_IS_REPORT (self), NULL);

  out = g_string_new (NULL);

  for (guint i = 0; i < self->blocks->len; i++)
    {
      const AttuneReportBlock *block = &g_array_index (self->blocks, AttuneReportBlock, i);

      if (block->kind == ATTUNE_BLOCK_RULE || block->kind == ATTUNE_BLOCK_CHART)
        continue;

      /* A blank line between blocks, except between the items of one list. */
      if (out->len > 0 && !(block->kind == ATTUNE_BLOCK_ITEM && previous == ATTUNE_BLOCK_ITEM))
        g_string_append_c (out, '\n');

      switch (block->kind)
        {
        case ATTUNE_BLOCK_TITLE:
          g_string_append_printf (out, "# %s\n", block->text);
          break;
        case ATTUNE_BLOCK_HEADING:
          g_string_append_printf (out, "## %s\n", block->text);
          break;
        case ATTUNE_BLOCK_SUBHEADING:
          g_string_append_printf (out, "### %s\n", block->text);
          break;
        case ATTUNE_BLOCK_META:
        case ATTUNE_BLOCK_DATE:
          g_string_append_printf (out, "*%s*\n", block->text);
          break;
        case ATTUNE_BLOCK_LABEL:
          g_string_append_printf (out, "**%s**\n", block->text);
          break;
        case ATTUNE_BLOCK_QUOTE:
          append_prefixed (out, block->text, "> ", "> ", ">");
          break;
        case ATTUNE_BLOCK_ITEM:
          {
            const char *marker = block->mark == ATTUNE_MARK_UNDONE ? "- [ ] " :
                                 block->mark == ATTUNE_MARK_DONE ? "- [x] " : "- ";

            append_prefixed (out, block->text, marker, marker[2] == '[' ? "      " : "  ", "");
          }
          break;
        case ATTUNE_BLOCK_PARAGRAPH:
        case ATTUNE_BLOCK_RULE:
        case ATTUNE_BLOCK_CHART:
        default:
          g_string_append_printf (out, "%s\n", block->text);
          break;
        }

      previous = block->kind;
    }

  return g_string_free (out, FALSE);
}

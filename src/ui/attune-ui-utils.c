/* attune-ui-utils.c
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "attune-entry.h"
#include "attune-ui-utils.h"

/* The local time zone, read again at most once a second. GLib 2.74 reads /etc/localtime
 * again at every g_time_zone_new_local() when TZ is unset, and every timeline row formats
 * its day: 3.8 % of a scroll through 10,000 entries went to that (issue #7). */
static GTimeZone *
local_time_zone (void)
{
  static GMutex lock;
  static GTimeZone *zone;
  static gint64 read_at;
  GTimeZone *result;
  gint64 now = g_get_monotonic_time ();

  g_mutex_lock (&lock);
  if (zone == NULL || now - read_at >= G_USEC_PER_SEC || now < read_at)
    {
      g_clear_pointer (&zone, g_time_zone_unref);
      zone = g_time_zone_new_local ();
      read_at = now;
    }
  result = g_time_zone_ref (zone);
  g_mutex_unlock (&lock);

  return result;
}

/**
 * attune_format_day:
 * @day: a calendar day as `YYYY-MM-DD`
 *
 * Formats a day for people: "Today", "Yesterday", the weekday and date, with the year only
 * when it is not this year.
 *
 * Returns: (transfer full): the text
 */
char *
attune_format_day (const char *day)
{
  g_autoptr(GTimeZone) zone = local_time_zone ();
  g_autoptr(GDateTime) now = g_date_time_new_now (zone);
  g_autoptr(GDateTime) then = NULL;
  int year, month, dom;
  GDate date, today_date;

  if (day == NULL || !attune_day_is_valid (day) || sscanf (day, "%d-%d-%d", &year, &month, &dom) != 3)
    return g_strdup (day != NULL ? day : "");

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, dom, month, year);
  g_date_clear (&today_date, 1);
  g_date_set_dmy (&today_date,
                  g_date_time_get_day_of_month (now),
                  g_date_time_get_month (now),
                  g_date_time_get_year (now));

  if (g_date_compare (&date, &today_date) == 0)
    return g_strdup (_("Today"));

  g_date_add_days (&date, 1);
  if (g_date_compare (&date, &today_date) == 0)
    return g_strdup (_("Yesterday"));

  then = g_date_time_new (zone, year, month, dom, 12, 0, 0);
  if (then == NULL)
    return g_strdup (day);

  if (year == g_date_time_get_year (now))
    /* Translators: a day in the timeline in this year, see strftime(3); %-d is the day
     * without padding. Weekday and month names come from the C library's locale. */
    return g_date_time_format (then, _("%A, %-d %B"));

  /* Translators: a day in the timeline in another year, see strftime(3) */
  return g_date_time_format (then, _("%A, %-d %B %Y"));
}

/**
 * attune_parse_tags:
 * @text: tags as a person types them, separated by commas
 *
 * Returns: (transfer full): the tags, stripped, empty ones dropped
 */
char **
attune_parse_tags (const char *text)
{
  g_autoptr(GPtrArray) tags = g_ptr_array_new ();
  g_auto(GStrv) parts = NULL;

  if (text == NULL)
    text = "";

  parts = g_strsplit (text, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *tag = g_strstrip (parts[i]);

      if (*tag != '\0')
        g_ptr_array_add (tags, g_strdup (tag));
    }
  g_ptr_array_add (tags, NULL);

  return (char **) g_ptr_array_free (g_steal_pointer (&tags), FALSE);
}

/**
 * attune_join_tags:
 * @tags: (nullable): tags
 *
 * Returns: (transfer full): the tags as one line, separated by commas
 */
char *
attune_join_tags (const char * const *tags)
{
  if (tags == NULL)
    return g_strdup ("");

  return g_strjoinv (", ", (char **) tags);
}

/**
 * attune_name_icon_buttons:
 * @widget: a widget that holds buttons it made itself
 * @name: what a screen reader should call them
 *
 * Names the buttons inside @widget that show only an icon and have no
 * accessible name, as libadwaita 1.2's password row does with its "show
 * the text" button.
 */
void
attune_name_icon_buttons (GtkWidget  *widget,
                          const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child) && gtk_button_get_label (GTK_BUTTON (child)) == NULL)
        gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                        -1);
      attune_name_icon_buttons (child, name);
    }
}

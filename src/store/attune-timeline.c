/* attune-timeline.c
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "attune-store-private.h"
#include "attune-timeline.h"
#include "attune-timeline-private.h"

/* The timeline never holds all entries: it reads pages of
 * ATTUNE_TIMELINE_PAGE_SIZE rows on demand and keeps the most recently used
 * ATTUNE_TIMELINE_MAX_PAGES of them. Its length comes from the store's
 * trigger-kept count, so creating it reads no entry at all. */

struct _AttuneTimeline
{
  GObject      parent_instance;

  AttuneStore *store;
  char        *query;
  char        *match;       /* FTS5 expression, or NULL for everything */

  guint        n_items;
  GHashTable  *pages;       /* page number → GPtrArray of AttuneEntry */
  GQueue       lru;         /* page numbers, most recently used first */
  guint64      rows_read;

  GError      *error;
};

static void attune_timeline_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AttuneTimeline, attune_timeline, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      attune_timeline_list_model_init))

enum {
  PROP_0,
  PROP_QUERY,
  PROP_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_error (AttuneTimeline *self,
           GError         *error)
{
  g_clear_error (&self->error);
  self->error = error;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static void
clear_pages (AttuneTimeline *self)
{
  g_hash_table_remove_all (self->pages);
  g_queue_clear (&self->lru);
}

/* Builds an FTS5 expression from what a person typed: each word becomes a
 * quoted prefix search ("word"*), all of them required. Words with no letter
 * or digit add nothing; NULL when no word is left. */
static char *
build_match (const char *query)
{
  g_autoptr(GString) match = g_string_new (NULL);
  const char *p = query;

  while (*p != '\0')
    {
      const char *start;
      gboolean has_alnum = FALSE;

      while (*p != '\0' && g_unichar_isspace (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);

      start = p;
      while (*p != '\0' && !g_unichar_isspace (g_utf8_get_char (p)))
        {
          gunichar c = g_utf8_get_char (p);

          if (g_unichar_isalnum (c) || g_unichar_ismark (c))
            has_alnum = TRUE;
          p = g_utf8_next_char (p);
        }

      if (!has_alnum)
        continue;

      if (match->len > 0)
        g_string_append (match, " AND ");

      g_string_append_c (match, '"');
      for (const char *q = start; q < p; q++)
        {
          if (*q == '"')
            g_string_append_c (match, '"');
          g_string_append_c (match, *q);
        }
      g_string_append (match, "\"*");
    }

  if (match->len == 0)
    return NULL;

  return g_strdup (match->str);
}

static gboolean
count_items (AttuneTimeline  *self,
             guint           *out_n,
             GError         **error)
{
  const char *context = _("The journal could not be read.");
  sqlite3 *db = _attune_store_get_db (self->store);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (self->match != NULL)
    rc = sqlite3_prepare_v2 (db,
                             "SELECT count(*) FROM entries_fts WHERE entries_fts MATCH ?1",
                             -1, &stmt, NULL);
  else
    rc = sqlite3_prepare_v2 (db, "SELECT n_entries FROM stats WHERE id = 1", -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      if (self->match != NULL)
        sqlite3_bind_text (stmt, 1, self->match, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
    }

  if (rc != SQLITE_ROW)
    {
      _attune_store_set_error (error, db, rc, context);
      return FALSE;
    }

  *out_n = (guint) CLAMP (sqlite3_column_int64 (stmt, 0), 0, G_MAXUINT - 1);

  return TRUE;
}

/* Counts the rows that come before the key (day, created_at, id) in the
 * unfiltered timeline, leaving out row @id itself. */
static gboolean
count_before (AttuneTimeline  *self,
              const char      *day,
              gint64           created_at,
              gint64           id,
              guint           *out_position,
              GError         **error)
{
  const char *context = _("The journal could not be read.");
  sqlite3 *db = _attune_store_get_db (self->store);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db,
                           "SELECT count(*) FROM entries AS e "
                           "WHERE (e.day, e.created_at, e.id) > (?1, ?2, ?3) AND e.id != ?3",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, day, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, created_at);
      sqlite3_bind_int64 (stmt, 3, id);
      rc = sqlite3_step (stmt);
    }

  if (rc != SQLITE_ROW)
    {
      _attune_store_set_error (error, db, rc, context);
      return FALSE;
    }

  *out_position = (guint) sqlite3_column_int64 (stmt, 0);

  return TRUE;
}

static GPtrArray *
load_page (AttuneTimeline  *self,
           guint            page,
           GError         **error)
{
  const char *context = _("The journal could not be read.");
  sqlite3 *db = _attune_store_get_db (self->store);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  GPtrArray *previous = NULL;
  int rc;

  if (page > 0)
    previous = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page - 1));

  if (self->match != NULL)
    {
      rc = sqlite3_prepare_v2 (db,
                               "SELECT " ATTUNE_ENTRY_COLUMNS " FROM entries AS e "
                               "WHERE e.id IN (SELECT rowid FROM entries_fts WHERE entries_fts MATCH ?1) "
                               "ORDER BY " ATTUNE_ENTRY_ORDER " LIMIT ?2 OFFSET ?3",
                               -1, &stmt, NULL);
      if (rc == SQLITE_OK)
        {
          sqlite3_bind_text (stmt, 1, self->match, -1, SQLITE_TRANSIENT);
          sqlite3_bind_int (stmt, 2, ATTUNE_TIMELINE_PAGE_SIZE);
          sqlite3_bind_int64 (stmt, 3, (gint64) page * ATTUNE_TIMELINE_PAGE_SIZE);
        }
    }
  else if (previous != NULL && previous->len == ATTUNE_TIMELINE_PAGE_SIZE)
    {
      /* Continue after the last row of the page before, through the index,
       * instead of skipping over every earlier row. */
      AttuneEntry *last = g_ptr_array_index (previous, previous->len - 1);

      rc = sqlite3_prepare_v2 (db,
                               "SELECT " ATTUNE_ENTRY_COLUMNS " FROM entries AS e "
                               "WHERE (e.day, e.created_at, e.id) < (?1, ?2, ?3) "
                               "ORDER BY " ATTUNE_ENTRY_ORDER " LIMIT ?4",
                               -1, &stmt, NULL);
      if (rc == SQLITE_OK)
        {
          sqlite3_bind_text (stmt, 1, attune_entry_get_day (last), -1, SQLITE_TRANSIENT);
          sqlite3_bind_int64 (stmt, 2, attune_entry_get_created_at (last));
          sqlite3_bind_int64 (stmt, 3, attune_entry_get_id (last));
          sqlite3_bind_int (stmt, 4, ATTUNE_TIMELINE_PAGE_SIZE);
        }
    }
  else
    {
      rc = sqlite3_prepare_v2 (db,
                               "SELECT " ATTUNE_ENTRY_COLUMNS " FROM entries AS e "
                               "ORDER BY " ATTUNE_ENTRY_ORDER " LIMIT ?1 OFFSET ?2",
                               -1, &stmt, NULL);
      if (rc == SQLITE_OK)
        {
          sqlite3_bind_int (stmt, 1, ATTUNE_TIMELINE_PAGE_SIZE);
          sqlite3_bind_int64 (stmt, 2, (gint64) page * ATTUNE_TIMELINE_PAGE_SIZE);
        }
    }

  if (rc == SQLITE_OK)
    {
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          g_ptr_array_add (rows, _attune_store_entry_from_row (stmt));
          self->rows_read++;
        }
    }

  if (rc != SQLITE_DONE)
    {
      _attune_store_set_error (error, db, rc, context);
      return NULL;
    }

  return g_steal_pointer (&rows);
}

static GPtrArray *
lookup_page (AttuneTimeline  *self,
             guint            page,
             GError         **error)
{
  GPtrArray *rows = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));

  if (rows != NULL)
    {
      GList *link = g_queue_find (&self->lru, GUINT_TO_POINTER (page));

      g_queue_unlink (&self->lru, link);
      g_queue_push_head_link (&self->lru, link);

      return rows;
    }

  rows = load_page (self, page, error);
  if (rows == NULL)
    return NULL;

  while (self->lru.length >= ATTUNE_TIMELINE_MAX_PAGES)
    {
      gpointer oldest = g_queue_pop_tail (&self->lru);

      g_hash_table_remove (self->pages, oldest);
    }

  g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), rows);
  g_queue_push_head (&self->lru, GUINT_TO_POINTER (page));

  return rows;
}

/* Re-reads the length and tells views everything changed. */
static void
reset (AttuneTimeline *self)
{
  g_autoptr(GError) error = NULL;
  guint old_n = self->n_items;
  guint new_n = 0;

  clear_pages (self);

  if (!count_items (self, &new_n, &error))
    set_error (self, g_steal_pointer (&error));

  /* Two emissions, not one items_changed (0, old_n, new_n): when a replacement
   * removes a row a list view tracks (its anchor or focus), GTK's
   * gtk_list_item_manager_model_items_changed_cb looks for that row's item
   * among *every* added position by g_list_model_get_item(), which here means
   * reading every page of the new result (issue #7: a search keystroke at
   * 10,000 entries read 33,551 rows and blocked the main loop for 10 s). With
   * nothing added in the first and nothing removed in the second, GTK reads
   * only the rows it shows. Both happen before returning to the main loop, so
   * no frame shows the empty list in between. */
  if (old_n > 0 && new_n > 0)
    {
      self->n_items = 0;
      g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, 0);
      self->n_items = new_n;
      g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, new_n);
      return;
    }

  self->n_items = new_n;

  if (old_n > 0 || new_n > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, new_n);
}

static GType
attune_timeline_get_item_type (GListModel *model)
{
  return ATTUNE_TYPE_ENTRY;
}

static guint
attune_timeline_get_n_items (GListModel *model)
{
  AttuneTimeline *self = ATTUNE_TIMELINE (model);

  return self->n_items;
}

static gpointer
attune_timeline_get_item (GListModel *model,
                          guint       position)
{
  AttuneTimeline *self = ATTUNE_TIMELINE (model);
  g_autoptr(GError) error = NULL;
  GPtrArray *rows;
  guint index;

  if (position >= self->n_items)
    return NULL;

  rows = lookup_page (self, position / ATTUNE_TIMELINE_PAGE_SIZE, &error);
  index = position % ATTUNE_TIMELINE_PAGE_SIZE;

  if (rows != NULL && index < rows->len)
    return g_object_ref (g_ptr_array_index (rows, index));

  /* GListModel cannot report errors and views expect an item for every
   * position: hand out an empty placeholder and keep the error for the UI. */
  if (error == NULL)
    g_set_error (&error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_FAILED,
                 _("The journal changed while it was being read."));
  set_error (self, g_steal_pointer (&error));

  return attune_entry_new ();
}

static void
attune_timeline_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = attune_timeline_get_item_type;
  iface->get_n_items = attune_timeline_get_n_items;
  iface->get_item = attune_timeline_get_item;
}

static void
attune_timeline_dispose (GObject *object)
{
  AttuneTimeline *self = (AttuneTimeline *) object;

  clear_pages (self);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (attune_timeline_parent_class)->dispose (object);
}

static void
attune_timeline_finalize (GObject *object)
{
  AttuneTimeline *self = (AttuneTimeline *) object;

  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_pointer (&self->query, g_free);
  g_clear_pointer (&self->match, g_free);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (attune_timeline_parent_class)->finalize (object);
}

static void
attune_timeline_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  AttuneTimeline *self = ATTUNE_TIMELINE (object);

  switch (prop_id)
    {
    case PROP_QUERY:
      g_value_set_string (value, attune_timeline_get_query (self));
      break;

    case PROP_ERROR:
      g_value_set_boxed (value, attune_timeline_get_error (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attune_timeline_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  AttuneTimeline *self = ATTUNE_TIMELINE (object);

  switch (prop_id)
    {
    case PROP_QUERY:
      attune_timeline_set_query (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attune_timeline_class_init (AttuneTimelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = attune_timeline_dispose;
  object_class->finalize = attune_timeline_finalize;
  object_class->get_property = attune_timeline_get_property;
  object_class->set_property = attune_timeline_set_property;

  /**
   * AttuneTimeline:query:
   *
   * The text to search for; empty to show every entry.
   */
  properties[PROP_QUERY] =
    g_param_spec_string ("query", NULL, NULL,
                         "",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * AttuneTimeline:error:
   *
   * The last error met while reading the journal, if any.
   */
  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL,
                        G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
attune_timeline_init (AttuneTimeline *self)
{
  self->query = g_strdup ("");
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  g_queue_init (&self->lru);
}

/* Private API */

AttuneTimeline *
_attune_timeline_new (AttuneStore *store)
{
  AttuneTimeline *self = g_object_new (ATTUNE_TYPE_TIMELINE, NULL);
  g_autoptr(GError) error = NULL;

  self->store = g_object_ref (store);

  if (!count_items (self, &self->n_items, &error))
    set_error (self, g_steal_pointer (&error));

  return self;
}

void
_attune_timeline_entry_changed (AttuneTimeline *self,
                                gint64          id,
                                gint64          created_at,
                                const char     *old_day,
                                const char     *new_day)
{
  g_autoptr(GError) error = NULL;
  guint old_n = self->n_items;
  guint new_n = 0;
  guint n_mid;
  guint old_position = 0;
  guint new_position = 0;

  g_return_if_fail (ATTUNE_IS_TIMELINE (self));
  g_return_if_fail (old_day != NULL || new_day != NULL);

  /* Search results can change in any way: start over. */
  if (self->match != NULL)
    {
      reset (self);
      return;
    }

  /* An edit that keeps the entry's day keeps its place: when the entry is in a
   * cached page (the open entry usually is), its position is known without
   * counting the rows before it, which costs O(position) (issue #7: an
   * autosave at 100,000 entries took 19 ms at the 95th percentile). */
  if (old_day != NULL && new_day != NULL && strcmp (old_day, new_day) == 0)
    {
      guint cached_position = G_MAXUINT;
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, self->pages);
      while (cached_position == G_MAXUINT && g_hash_table_iter_next (&iter, &key, &value))
        {
          GPtrArray *rows = value;

          for (guint i = 0; i < rows->len; i++)
            if (attune_entry_get_id (g_ptr_array_index (rows, i)) == id)
              {
                cached_position = GPOINTER_TO_UINT (key) * ATTUNE_TIMELINE_PAGE_SIZE + i;
                break;
              }
        }

      if (cached_position != G_MAXUINT)
        {
          clear_pages (self);
          if (count_items (self, &new_n, &error) && new_n == old_n && cached_position < old_n)
            {
              g_list_model_items_changed (G_LIST_MODEL (self), cached_position, 1, 1);
              return;
            }
          if (error != NULL)
            set_error (self, g_steal_pointer (&error));
          reset (self);
          return;
        }
    }

  clear_pages (self);

  if (!count_items (self, &new_n, &error) ||
      (old_day != NULL && !count_before (self, old_day, created_at, id, &old_position, &error)) ||
      (new_day != NULL && !count_before (self, new_day, created_at, id, &new_position, &error)))
    {
      set_error (self, g_steal_pointer (&error));
      reset (self);
      return;
    }

  n_mid = old_day != NULL ? old_n - 1 : old_n;

  /* Someone else changed the journal too: our arithmetic no longer holds. */
  if ((old_day != NULL && old_n == 0) ||
      new_n != n_mid + (new_day != NULL ? 1 : 0) ||
      (old_day != NULL && old_position >= old_n) ||
      (new_day != NULL && new_position > n_mid))
    {
      reset (self);
      return;
    }

  if (old_day != NULL && new_day != NULL && strcmp (old_day, new_day) == 0)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), new_position, 1, 1);
      return;
    }

  /* Rows show a day header when the row above has another day, so each
   * change also refreshes the row that ends up just after it. */
  if (old_day != NULL)
    {
      self->n_items = n_mid;
      if (old_position < n_mid)
        g_list_model_items_changed (G_LIST_MODEL (self), old_position, 2, 1);
      else
        g_list_model_items_changed (G_LIST_MODEL (self), old_position, 1, 0);
    }

  if (new_day != NULL)
    {
      self->n_items = n_mid + 1;
      if (new_position < n_mid)
        g_list_model_items_changed (G_LIST_MODEL (self), new_position, 1, 2);
      else
        g_list_model_items_changed (G_LIST_MODEL (self), new_position, 0, 1);
    }
}

/* Public API */

/**
 * attune_timeline_get_query:
 * @self: an #AttuneTimeline
 *
 * Gets the search text.
 *
 * Returns: (not nullable): the query, empty when every entry is shown
 */
const char *
attune_timeline_get_query (AttuneTimeline *self)
{
  g_return_val_if_fail (ATTUNE_IS_TIMELINE (self), NULL);

  return self->query;
}

/**
 * attune_timeline_set_query:
 * @self: an #AttuneTimeline
 * @query: (nullable): the text to search for
 *
 * Shows only the entries whose title, text or tags contain words starting
 * with every word of @query, ignoring case and accents, in the same order.
 * An empty query, or one without any letter or digit, shows every entry.
 */
void
attune_timeline_set_query (AttuneTimeline *self,
                           const char     *query)
{
  g_return_if_fail (ATTUNE_IS_TIMELINE (self));

  if (query == NULL)
    query = "";

  if (g_strcmp0 (self->query, query) == 0)
    return;

  g_free (self->query);
  self->query = g_strdup (query);
  g_free (self->match);
  self->match = build_match (query);

  reset (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUERY]);
}

/**
 * attune_timeline_find_entry:
 * @self: an #AttuneTimeline
 * @id: the id of an entry
 *
 * Finds where an entry is in the timeline, without reading the rows before
 * it.
 *
 * Returns: its position, or %G_MAXUINT if it is not shown
 */
guint
attune_timeline_find_entry (AttuneTimeline *self,
                            gint64          id)
{
  sqlite3 *db;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (ATTUNE_IS_TIMELINE (self), G_MAXUINT);

  db = _attune_store_get_db (self->store);

  if (self->match != NULL)
    rc = sqlite3_prepare_v2 (db,
                             "SELECT (SELECT count(*) FROM entries AS b "
                             "        WHERE (b.day, b.created_at, b.id) > (e.day, e.created_at, e.id) "
                             "        AND b.id IN (SELECT rowid FROM entries_fts WHERE entries_fts MATCH ?2)) "
                             "FROM entries AS e WHERE e.id = ?1 "
                             "AND e.id IN (SELECT rowid FROM entries_fts WHERE entries_fts MATCH ?2)",
                             -1, &stmt, NULL);
  else
    rc = sqlite3_prepare_v2 (db,
                             "SELECT (SELECT count(*) FROM entries AS b "
                             "        WHERE (b.day, b.created_at, b.id) > (e.day, e.created_at, e.id)) "
                             "FROM entries AS e WHERE e.id = ?1",
                             -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      if (self->match != NULL)
        sqlite3_bind_text (stmt, 2, self->match, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
    }

  if (rc == SQLITE_ROW)
    return (guint) sqlite3_column_int64 (stmt, 0);

  if (rc != SQLITE_DONE)
    {
      g_autoptr(GError) error = NULL;

      _attune_store_set_error (&error, db, rc, _("The journal could not be read."));
      set_error (self, g_steal_pointer (&error));
    }

  return G_MAXUINT;
}

/**
 * attune_timeline_get_rows_read:
 * @self: an #AttuneTimeline
 *
 * Counts the entry rows read from the journal since @self was created, to
 * check that it reads only what is shown.
 *
 * Returns: the number of rows read
 */
guint64
attune_timeline_get_rows_read (AttuneTimeline *self)
{
  g_return_val_if_fail (ATTUNE_IS_TIMELINE (self), 0);

  return self->rows_read;
}

/**
 * attune_timeline_get_error:
 * @self: an #AttuneTimeline
 *
 * Gets the last error met while reading the journal. Items of a page that
 * could not be read are shown as empty entries meanwhile.
 *
 * Returns: (nullable) (transfer none): the last error, or %NULL
 */
const GError *
attune_timeline_get_error (AttuneTimeline *self)
{
  g_return_val_if_fail (ATTUNE_IS_TIMELINE (self), NULL);

  return self->error;
}

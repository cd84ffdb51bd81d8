/* attune-timeline.c
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "attune-store-private.h"
#include "attune-timeline.h"
#include "attune-timeline-private.h"

/* The timeline never holds all entries: it reads pages of
 * ATTUNE_TIMELINE_PAGE_SIZE rows on demand and keeps the most recently used
 * ATTUNE_TIMELINE_MAX_PAGES of them. Its length comes from the store's
 * trigger-kept count, so creating it reads no entry at all.
 *
 * A page far from any cached one is read from the key of its first row
 * (keyset paging), not with OFFSET, which walks the index up to the offset
 * (issue #7: 4.7 ms at the 95th percentile at 100,000 entries). Those keys
 * come from one scan of the timeline index, made at the first such jump and
 * kept until an entry is added, removed or moves to another day. The same
 * scan keeps every id in timeline order (8 bytes an entry).
 *
 * A search reads the ids of every match, in timeline order, once: the
 * full-text index's matches, kept in the order of those ids. Its pages are
 * then read by id. attune_timeline_search_async() does that reading in a
 * worker thread on its own read-only connection, so typing never waits for
 * it; a newer search or a change of the journal discards an older result. */

/* The key of the first row of a page of the unfiltered timeline. */
typedef struct
{
  char   *day;
  gint64  created_at;
  gint64  id;
} PageKey;

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

  GArray      *keys;        /* PageKey of every page when known, else NULL */
  GArray      *order;       /* every id in timeline order, with the keys;
                             * never changed once read: workers share it */
  GArray      *matches;     /* ids of the search results, in timeline order */

  GCancellable *search_cancellable;  /* the search in a worker, if any */
  GMutex        search_mutex;        /* one worker at a time uses: */
  AttuneStore  *search_store;        /* the workers' read-only connection */
  guint         search_serial;       /* bumped by every search */
  guint         change_serial;       /* bumped by every change of the journal */

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

static void
clear_page_key (gpointer data)
{
  PageKey *key = data;

  g_clear_pointer (&key->day, g_free);
}

/* Forgets the page keys: an entry was added, removed or changed its day, so
 * rows moved from one page to another. */
static void
clear_keys (AttuneTimeline *self)
{
  g_clear_pointer (&self->keys, g_array_unref);
  g_clear_pointer (&self->order, g_array_unref);
}

/* Reads every id of the timeline index in order and, when @out_keys is not
 * NULL, the key of every ATTUNE_TIMELINE_PAGE_SIZE-th row: the index alone,
 * no entry row (about 10 ms at 100,000 entries). */
static GArray *
read_order (sqlite3  *db,
            GArray  **out_keys,
            int      *out_rc)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) keys = NULL;
  int rc;

  if (out_keys != NULL)
    {
      keys = g_array_new (FALSE, FALSE, sizeof (PageKey));
      g_array_set_clear_func (keys, clear_page_key);
    }

  rc = sqlite3_prepare_v2 (db,
                           "SELECT e.id, e.day, e.created_at FROM entries AS e "
                           "ORDER BY " ATTUNE_ENTRY_ORDER,
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);

          if (keys != NULL && ids->len % ATTUNE_TIMELINE_PAGE_SIZE == 0)
            {
              PageKey key = {
                g_strdup ((const char *) sqlite3_column_text (stmt, 1)),
                sqlite3_column_int64 (stmt, 2),
                id,
              };

              g_array_append_val (keys, key);
            }
          g_array_append_val (ids, id);
        }
    }

  *out_rc = rc;
  if (rc != SQLITE_DONE)
    return NULL;

  if (out_keys != NULL)
    *out_keys = g_steal_pointer (&keys);

  return g_steal_pointer (&ids);
}

static gboolean
read_keys (AttuneTimeline  *self,
           GError         **error)
{
  sqlite3 *db = _attune_store_get_db (self->store);
  g_autoptr(GArray) keys = NULL;
  GArray *order;
  int rc;

  order = read_order (db, &keys, &rc);
  if (order == NULL)
    {
      _attune_store_set_error (error, db, rc, _("The journal could not be read."));
      return FALSE;
    }

  clear_keys (self);
  self->keys = g_steal_pointer (&keys);
  self->order = order;

  return TRUE;
}

static int
search_progress_cb (gpointer data)
{
  return g_cancellable_is_cancelled (data) ? 1 : 0;
}

/* Reads the ids of the entries that match @match, in timeline order: the
 * matching rowids from the full-text index into a bit set, then @order (every
 * id in timeline order), keeping those in the set. Letting SQLite join them
 * instead (IN (subquery) with ORDER BY) sorts every match in a temporary
 * B-tree or looks each one up in a temporary index: 18 ms instead of 3 for a
 * query that matches a fifth of 100,000 entries. */
static GArray *
read_matches (sqlite3       *db,
              const char    *match,
              GArray        *order,
              GCancellable  *cancellable,
              GError       **error)
{
  const char *context = _("The journal could not be searched.");
  g_autoptr(sqlite3_stmt) max_stmt = NULL;
  g_autoptr(sqlite3_stmt) fts_stmt = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree guint8 *set = NULL;
  AttuneRowidSet marks = { NULL, 0 };   /* bound to fts_stmt until it is finalized */
  gboolean in_transaction = FALSE;
  gint64 max_id = 0;
  int rc;

  if (cancellable != NULL)
    sqlite3_progress_handler (db, 1000, search_progress_cb, cancellable);

  /* One snapshot for both reads. */
  rc = SQLITE_OK;
  if (sqlite3_get_autocommit (db))
    {
      rc = sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
      in_transaction = rc == SQLITE_OK;
    }

  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, "SELECT max(id) FROM entries", -1, &max_stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (max_stmt)) == SQLITE_ROW)
    {
      max_id = MAX (0, sqlite3_column_int64 (max_stmt, 0));
      rc = SQLITE_OK;
    }

  if (rc == SQLITE_OK)
    {
      set = g_malloc0 ((gsize) max_id / 8 + 1);
      rc = sqlite3_prepare_v2 (db,
                               "SELECT count(attune_mark_rowid(?2, rowid)) FROM entries_fts "
                               "WHERE entries_fts MATCH ?1",
                               -1, &fts_stmt, NULL);
    }
  if (rc == SQLITE_OK)
    {
      marks.bits = set;
      marks.max_id = max_id;
      sqlite3_bind_text (fts_stmt, 1, match, -1, SQLITE_TRANSIENT);
      sqlite3_bind_pointer (fts_stmt, 2, &marks, ATTUNE_ROWID_SET_TYPE, NULL);
      rc = sqlite3_step (fts_stmt);
      if (rc == SQLITE_ROW)
        rc = SQLITE_OK;
    }

  if (rc == SQLITE_OK)
    {
      for (guint i = 0; i < order->len; i++)
        {
          gint64 id = g_array_index (order, gint64, i);

          if (id > 0 && id <= max_id && (set[id / 8] & (1u << (id % 8))) != 0)
            g_array_append_val (ids, id);
        }
    }

  if (rc != SQLITE_OK)
    {
      if (rc == SQLITE_INTERRUPT && g_cancellable_is_cancelled (cancellable))
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The search was cancelled."));
      else
        _attune_store_set_error (error, db, rc, context);
    }

  g_clear_pointer (&max_stmt, sqlite3_finalize);
  g_clear_pointer (&fts_stmt, sqlite3_finalize);
  if (in_transaction)
    sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  if (cancellable != NULL)
    sqlite3_progress_handler (db, 0, NULL, NULL);

  if (rc != SQLITE_OK)
    return NULL;

  return g_steal_pointer (&ids);
}

/* Whether the full-text tokenizer (unicode61, remove_diacritics 2) keeps @c
 * in a word: letters, digits, private-use characters and, because it removes
 * diacritics, combining marks. Everything else separates words. */
static gboolean
is_token_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c) || g_unichar_type (c) == G_UNICODE_PRIVATE_USE;
}

/* Builds an FTS5 expression from what a person typed: every word must be
 * there, the last word of each space-separated group as a prefix, since it
 * may be one still being typed ("don't" is "don" AND "t"*, "th" is "th"*).
 * Words are split as the tokenizer splits them, so the expression never
 * holds a phrase, which the index (detail=none) cannot answer. NULL when
 * there is no word. */
static char *
build_match (const char *query)
{
  g_autoptr(GString) match = g_string_new (NULL);
  const char *p = query;

  while (*p != '\0')
    {
      const char *start;

      while (*p != '\0' && !is_token_char (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (*p == '\0')
        break;

      start = p;
      while (*p != '\0' && is_token_char (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);

      if (match->len > 0)
        g_string_append (match, " AND ");

      /* Tokens hold no quote, so quoting needs no escaping. */
      g_string_append_c (match, '"');
      g_string_append_len (match, start, p - start);
      g_string_append_c (match, '"');

      /* A prefix unless punctuation inside the same group follows it. */
      while (*p != '\0' && !is_token_char (g_utf8_get_char (p)) &&
             !g_unichar_isspace (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (*p == '\0' || g_unichar_isspace (g_utf8_get_char (p)))
        g_string_append_c (match, '*');
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

  /* The unfiltered length; a search's is its number of matches. */
  rc = sqlite3_prepare_v2 (db, "SELECT n_entries FROM stats WHERE id = 1", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);

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
      /* Search results: the page's ids are known, read each by its key. An
       * id that is gone (another program deleted it) leaves the page short. */
      guint start = page * ATTUNE_TIMELINE_PAGE_SIZE;
      guint end = self->matches != NULL ? MIN (self->matches->len, start + ATTUNE_TIMELINE_PAGE_SIZE) : 0;

      rc = sqlite3_prepare_v2 (db,
                               "SELECT " ATTUNE_ENTRY_COLUMNS " FROM entries AS e WHERE e.id = ?1",
                               -1, &stmt, NULL);
      for (guint i = start; rc == SQLITE_OK && i < end; i++)
        {
          sqlite3_bind_int64 (stmt, 1, g_array_index (self->matches, gint64, i));
          rc = sqlite3_step (stmt);
          if (rc == SQLITE_ROW)
            {
              g_ptr_array_add (rows, _attune_store_entry_from_row (stmt));
              self->rows_read++;
            }
          if (rc == SQLITE_ROW || rc == SQLITE_DONE)
            rc = sqlite3_reset (stmt);
        }

      if (rc != SQLITE_OK)
        {
          _attune_store_set_error (error, db, rc, context);
          return NULL;
        }

      return g_steal_pointer (&rows);
    }

  if (previous == NULL && page > 0 && self->keys == NULL)
    {
      /* A jump far from any cached page: learn where every page starts. On
       * failure, OFFSET below still works (and reports the error). */
      if (!read_keys (self, NULL))
        clear_keys (self);
    }

  if (previous != NULL && previous->len == ATTUNE_TIMELINE_PAGE_SIZE)
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
  else if (page > 0 && self->keys != NULL && page < self->keys->len)
    {
      /* Start at the page's first row, through the index. */
      const PageKey *key = &g_array_index (self->keys, PageKey, page);

      rc = sqlite3_prepare_v2 (db,
                               "SELECT " ATTUNE_ENTRY_COLUMNS " FROM entries AS e "
                               "WHERE (e.day, e.created_at, e.id) <= (?1, ?2, ?3) "
                               "ORDER BY " ATTUNE_ENTRY_ORDER " LIMIT ?4",
                               -1, &stmt, NULL);
      if (rc == SQLITE_OK)
        {
          sqlite3_bind_text (stmt, 1, key->day, -1, SQLITE_TRANSIENT);
          sqlite3_bind_int64 (stmt, 2, key->created_at);
          sqlite3_bind_int64 (stmt, 3, key->id);
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

/* Re-reads the length (or takes @matches, the ids of the search results
 * when known) and tells views everything changed. */
static void
reset_to (AttuneTimeline *self,
          GArray         *matches)
{
  g_autoptr(GError) error = NULL;
  guint old_n = self->n_items;
  guint new_n = 0;

  clear_pages (self);
  g_clear_pointer (&self->matches, g_array_unref);

  if (self->match != NULL)
    {
      if (matches == NULL && (self->order != NULL || read_keys (self, &error)))
        matches = read_matches (_attune_store_get_db (self->store), self->match, self->order, NULL, &error);
      if (matches != NULL)
        self->matches = matches;
      else
        set_error (self, g_steal_pointer (&error));
      new_n = self->matches != NULL ? self->matches->len : 0;
    }
  else
    {
      g_clear_pointer (&matches, g_array_unref);
      if (!count_items (self, &new_n, &error))
        set_error (self, g_steal_pointer (&error));
    }

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

static void
reset (AttuneTimeline *self)
{
  reset_to (self, NULL);
}

/* Forgets the search running in a worker, if any: its result will not show. */
static void
cancel_search (AttuneTimeline *self)
{
  self->search_serial++;
  if (self->search_cancellable != NULL)
    g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
}

/* Shows the results of @query, whose FTS5 expression is @match; @matches are
 * their ids when already read, else they are read now. */
static void
apply_query (AttuneTimeline *self,
             const char     *query,
             char           *match,
             GArray         *matches)
{
  g_free (self->query);
  self->query = g_strdup (query);
  g_free (self->match);
  self->match = match;

  reset_to (self, matches);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUERY]);
}

typedef struct
{
  char  *path;
  char  *query;
  char  *match;
  guint  search_serial;
  guint  change_serial;
  GArray *order;        /* the timeline's, or read by the worker */
  GArray *keys;         /* read by the worker with the order */
} SearchData;

static void
search_data_free (gpointer data)
{
  SearchData *search = data;

  g_free (search->path);
  g_free (search->query);
  g_free (search->match);
  g_clear_pointer (&search->order, g_array_unref);
  g_clear_pointer (&search->keys, g_array_unref);
  g_free (search);
}

static void
search_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  AttuneTimeline *self = source_object;
  SearchData *data = task_data;
  g_autoptr(GError) error = NULL;
  GArray *matches = NULL;
  sqlite3 *db = NULL;

  /* One read-only connection for every search of this timeline, opened by the first and
   * kept (with its page cache) for the next: opening one per keystroke, with the checks
   * attune_store_open_read_only() makes, cost more than most searches. A worker still
   * running for an older keystroke stops at its next progress check. */
  g_mutex_lock (&self->search_mutex);

  if (self->search_store == NULL)
    {
      if (data->path == NULL)
        g_set_error_literal (&error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_NOT_FOUND,
                             _("The journal has no file to search from another thread."));
      else
        self->search_store = attune_store_open_read_only (data->path, &error);
    }

  if (self->search_store != NULL && !g_cancellable_is_cancelled (cancellable))
    db = _attune_store_get_db (self->search_store);

  if (db != NULL && data->order == NULL)
    {
      int rc;

      data->order = read_order (db, &data->keys, &rc);
      if (data->order == NULL)
        _attune_store_set_error (&error, db, rc, _("The journal could not be read."));
    }

  if (db != NULL && data->order != NULL)
    matches = read_matches (db, data->match, data->order, cancellable, &error);

  g_mutex_unlock (&self->search_mutex);

#ifdef __GLIBC__
  /* glibc gives each worker thread its own heap and keeps what a search freed there (the
   * full-text index's merged doclists reach megabytes): give it back (issue #7, RSS). */
  malloc_trim (0);
#endif

  if (matches != NULL)
    g_task_return_pointer (task, matches, (GDestroyNotify) g_array_unref);
  else if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The search was cancelled."));
}

static void
search_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  AttuneTimeline *self = ATTUNE_TIMELINE (object);
  g_autoptr(GTask) task = user_data;
  SearchData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  GArray *matches = g_task_propagate_pointer (G_TASK (result), &error);

  if (data->search_serial != self->search_serial || self->store == NULL)
    {
      g_clear_pointer (&matches, g_array_unref);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               _("A newer search replaced this one."));
      return;
    }

  g_clear_object (&self->search_cancellable);

  if (g_task_return_error_if_cancelled (task))
    {
      g_clear_pointer (&matches, g_array_unref);
      return;
    }

  /* The worker could not read (a journal without a file, say), or the
   * journal changed since: read again here, on the main connection. */
  if (matches == NULL)
    g_debug ("Searching in a worker failed, searching here: %s", error->message);
  if (data->change_serial != self->change_serial)
    g_clear_pointer (&matches, g_array_unref);
  else if (self->order == NULL && data->keys != NULL)
    {
      /* Keep what the worker read of the timeline's order for the next searches. */
      self->keys = g_steal_pointer (&data->keys);
      self->order = g_array_ref (data->order);
    }

  apply_query (self, data->query, g_steal_pointer (&data->match), matches);
  g_task_return_boolean (task, TRUE);
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

  if (self->search_cancellable != NULL)
    g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
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
  g_clear_pointer (&self->keys, g_array_unref);
  g_clear_pointer (&self->order, g_array_unref);
  g_clear_pointer (&self->matches, g_array_unref);
  g_clear_error (&self->error);
  /* Every worker holds a reference to the timeline: none runs any more. */
  g_clear_object (&self->search_store);
  g_mutex_clear (&self->search_mutex);

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
  g_mutex_init (&self->search_mutex);
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

  /* A search running in a worker read the journal before this change. */
  self->change_serial++;

  /* Rows move between pages unless the entry keeps its day (and so its
   * place: its creation time and id never change). */
  if (old_day == NULL || new_day == NULL || strcmp (old_day, new_day) != 0)
    clear_keys (self);

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
          clear_keys (self);
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
      clear_keys (self);
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

  cancel_search (self);

  if (g_strcmp0 (self->query, query) == 0)
    return;

  apply_query (self, query, build_match (query), NULL);
}

/**
 * attune_timeline_search_async:
 * @self: an #AttuneTimeline
 * @query: (nullable): the text to search for
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the results show, or the search was
 *   replaced or cancelled
 * @user_data: data for @callback
 *
 * Like attune_timeline_set_query(), but reads the matches in a worker thread
 * on a read-only connection, so that the main loop goes on meanwhile; the
 * timeline shows the previous results until then, and then changes
 * #AttuneTimeline:query and its items at once. A later search, or
 * attune_timeline_set_query(), replaces this one: its results never show and
 * it finishes with %G_IO_ERROR_CANCELLED. Cancelling @cancellable keeps the
 * results from showing (the worker still runs to its end).
 */
void
attune_timeline_search_async (AttuneTimeline      *self,
                              const char          *query,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) worker = NULL;
  g_autofree char *match = NULL;
  SearchData *data;

  g_return_if_fail (ATTUNE_IS_TIMELINE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  if (query == NULL)
    query = "";

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, attune_timeline_search_async);

  cancel_search (self);
  match = build_match (query);

  /* Already shown, or nothing to search for: no need for a thread. */
  if (g_strcmp0 (self->query, query) == 0 || match == NULL)
    {
      if (g_strcmp0 (self->query, query) != 0)
        apply_query (self, query, g_steal_pointer (&match), NULL);
      g_task_return_boolean (task, TRUE);
      return;
    }

  data = g_new0 (SearchData, 1);
  data->path = g_strdup (attune_store_get_path (self->store));
  data->query = g_strdup (query);
  data->match = g_steal_pointer (&match);
  data->search_serial = self->search_serial;
  data->change_serial = self->change_serial;
  data->order = self->order != NULL ? g_array_ref (self->order) : NULL;

  self->search_cancellable = g_cancellable_new ();
  worker = g_task_new (self, self->search_cancellable, search_done_cb, g_steal_pointer (&task));
  g_task_set_source_tag (worker, attune_timeline_search_async);
  g_task_set_task_data (worker, data, search_data_free);
  g_task_run_in_thread (worker, search_thread);
}

/**
 * attune_timeline_search_finish:
 * @self: an #AttuneTimeline
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Finishes attune_timeline_search_async().
 *
 * Returns: %TRUE if the results of that search show, else %FALSE with
 *   @error set (%G_IO_ERROR_CANCELLED when it was replaced or cancelled)
 */
gboolean
attune_timeline_search_finish (AttuneTimeline  *self,
                               GAsyncResult    *result,
                               GError         **error)
{
  g_return_val_if_fail (ATTUNE_IS_TIMELINE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
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

  if (self->match != NULL)
    {
      for (guint i = 0; self->matches != NULL && i < self->matches->len; i++)
        if (g_array_index (self->matches, gint64, i) == id)
          return i;
      return G_MAXUINT;
    }

  db = _attune_store_get_db (self->store);

  rc = sqlite3_prepare_v2 (db,
                           "SELECT (SELECT count(*) FROM entries AS b "
                           "        WHERE (b.day, b.created_at, b.id) > (e.day, e.created_at, e.id)) "
                           "FROM entries AS e WHERE e.id = ?1",
                           -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, id);
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

/* attune-store-backup.c
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "attune-store.h"
#include "attune-store-private.h"

/* The whole journal as plain data and back, for the backup format
 * (src/export/attune-backup.c). Reading happens in one read transaction so
 * that the dump is one consistent snapshot even while the app writes;
 * writing happens in one BEGIN IMMEDIATE transaction so that an import is
 * either entirely there or not at all. Rows are read in an order that ends
 * with the local id and written in that same order, so that a journal
 * rebuilt from a dump dumps identically. */

/* Helpers */

static char *
dup_column_text (sqlite3_stmt *stmt,
                 int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return g_strdup (text != NULL ? text : "");
}

/* The same order as the timeline and the editor show tags. */
static int
compare_tags (gconstpointer a,
              gconstpointer b)
{
  const char *tag_a = *(const char * const *) a;
  const char *tag_b = *(const char * const *) b;
  g_autofree char *fold_a = g_utf8_casefold (tag_a, -1);
  g_autofree char *fold_b = g_utf8_casefold (tag_b, -1);
  int cmp = g_utf8_collate (fold_a, fold_b);

  return cmp != 0 ? cmp : strcmp (tag_a, tag_b);
}

/* Scales: skipped is NULL, "not sure" is 0, else 1 to 5 (see attune-store.c). */
static int
column_scale (sqlite3_stmt *stmt,
              int           column)
{
  int value;

  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return ATTUNE_SCALE_SKIPPED;

  value = sqlite3_column_int (stmt, column);
  if (value == 0)
    return ATTUNE_SCALE_NOT_SURE;

  return value;
}

static void
bind_scale (sqlite3_stmt *stmt,
            int           index,
            int           value)
{
  if (value == ATTUNE_SCALE_SKIPPED)
    sqlite3_bind_null (stmt, index);
  else if (value == ATTUNE_SCALE_NOT_SURE)
    sqlite3_bind_int (stmt, index, 0);
  else
    sqlite3_bind_int (stmt, index, value);
}

/* Plain data */

/**
 * attune_journal_data_new:
 *
 * Returns: (transfer full): empty journal data
 */
AttuneJournalData *
attune_journal_data_new (void)
{
  AttuneJournalData *data = g_new0 (AttuneJournalData, 1);

  data->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) attune_journal_entry_free);
  data->agenda = g_ptr_array_new_with_free_func ((GDestroyNotify) attune_journal_agenda_item_free);

  return data;
}

/**
 * attune_journal_data_free:
 * @data: (nullable): journal data
 *
 * Frees @data and everything in it.
 */
void
attune_journal_data_free (AttuneJournalData *data)
{
  if (data == NULL)
    return;

  g_clear_pointer (&data->entries, g_ptr_array_unref);
  g_clear_pointer (&data->agenda, g_ptr_array_unref);
  g_free (data);
}

/**
 * attune_journal_entry_new:
 *
 * Returns: (transfer full): an empty note with no tags and no check-in
 */
AttuneJournalEntry *
attune_journal_entry_new (void)
{
  AttuneJournalEntry *entry = g_new0 (AttuneJournalEntry, 1);

  entry->kind = ATTUNE_ENTRY_KIND_NOTE;
  entry->format = 1;
  entry->title = g_strdup ("");
  entry->body = g_strdup ("");
  entry->tags = g_new0 (char *, 1);

  return entry;
}

/**
 * attune_journal_entry_free:
 * @entry: (nullable): an entry
 *
 * Frees @entry and its check-in.
 */
void
attune_journal_entry_free (AttuneJournalEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->uuid);
  g_free (entry->day);
  g_free (entry->title);
  g_free (entry->body);
  g_strfreev (entry->tags);
  attune_journal_check_in_free (entry->check_in);
  g_free (entry);
}

/**
 * attune_journal_check_in_new:
 *
 * Returns: (transfer full): a check-in with every answer skipped and no history
 */
AttuneJournalCheckIn *
attune_journal_check_in_new (void)
{
  AttuneJournalCheckIn *check_in = g_new0 (AttuneJournalCheckIn, 1);

  check_in->other_kind = g_strdup ("");
  check_in->what_happened = g_strdup ("");
  check_in->felt = g_strdup ("");
  check_in->needed = g_strdup ("");
  check_in->message = g_strdup ("");
  check_in->history = g_ptr_array_new_with_free_func ((GDestroyNotify) attune_repair_event_free);

  return check_in;
}

/**
 * attune_journal_check_in_free:
 * @check_in: (nullable): a check-in
 *
 * Frees @check_in and its history.
 */
void
attune_journal_check_in_free (AttuneJournalCheckIn *check_in)
{
  if (check_in == NULL)
    return;

  g_free (check_in->other_kind);
  g_free (check_in->what_happened);
  g_free (check_in->felt);
  g_free (check_in->needed);
  g_free (check_in->message);
  g_clear_pointer (&check_in->history, g_ptr_array_unref);
  g_free (check_in);
}

/**
 * attune_journal_agenda_item_new:
 *
 * Returns: (transfer full): an empty item
 */
AttuneJournalAgendaItem *
attune_journal_agenda_item_new (void)
{
  return g_new0 (AttuneJournalAgendaItem, 1);
}

/**
 * attune_journal_agenda_item_free:
 * @item: (nullable): an item
 *
 * Frees @item.
 */
void
attune_journal_agenda_item_free (AttuneJournalAgendaItem *item)
{
  if (item == NULL)
    return;

  g_free (item->text);
  g_free (item->entry_uuid);
  g_free (item);
}

/* Reading */

/* @stmt is the history query, prepared once by read_entries(): preparing it
 * again for each check-in took a quarter of reading the journal. */
static gboolean
read_history (sqlite3_stmt          *stmt,
              gint64                 entry_id,
              AttuneJournalCheckIn  *check_in,
              const char            *context,
              GError               **error)
{
  int rc;

  sqlite3_reset (stmt);
  sqlite3_bind_int64 (stmt, 1, entry_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AttuneRepairEvent *event = g_new0 (AttuneRepairEvent, 1);

      event->at = sqlite3_column_int64 (stmt, 0);
      event->status = sqlite3_column_int (stmt, 1);
      if (sqlite3_column_type (stmt, 2) != SQLITE_NULL)
        event->note = dup_column_text (stmt, 2);
      g_ptr_array_add (check_in->history, event);
    }

  if (rc != SQLITE_DONE)
    {
      _attune_store_set_error (error, sqlite3_db_handle (stmt), rc, context);
      return FALSE;
    }

  return TRUE;
}

static gboolean
read_entries (sqlite3            *db,
              AttuneJournalData  *data,
              const char         *context,
              GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) history = NULL;
  int rc;

  history = _attune_store_prepare (db,
                  "SELECT at, status, note FROM repair_events WHERE entry_id = ?1 "
                  "ORDER BY at, id",
                  context, error);
  if (history == NULL)
    return FALSE;

  stmt = _attune_store_prepare (db,
                  "SELECT e.id, e.uuid, e.kind, e.day, e.created_at, e.updated_at, e.title, "
                  "e.body, e.format, e.mood, e.bring, "
                  "(SELECT group_concat(t.name, char(31)) FROM entry_tags AS et "
                  " JOIN tags AS t ON t.id = et.tag_id WHERE et.entry_id = e.id), "
                  "c.entry_id, c.session_at, c.mode, c.connected, c.heard, c.mattered, "
                  "c.suited, c.rupture, c.kinds, c.other_kind, c.intensity, c.what_happened, "
                  "c.felt, c.needed, c.resolved, c.spoke_up, c.plan, c.message, c.repair_status "
                  "FROM entries AS e LEFT JOIN check_ins AS c ON c.entry_id = e.id "
                  "ORDER BY e.day, e.created_at, e.id",
                  context, error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(AttuneJournalEntry) entry = g_new0 (AttuneJournalEntry, 1);
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *tag_list = (const char *) sqlite3_column_text (stmt, 11);

      entry->uuid = dup_column_text (stmt, 1);
      entry->kind = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 2), "check-in") == 0
                    ? ATTUNE_ENTRY_KIND_CHECK_IN : ATTUNE_ENTRY_KIND_NOTE;
      entry->day = dup_column_text (stmt, 3);
      entry->created_at = sqlite3_column_int64 (stmt, 4);
      entry->updated_at = sqlite3_column_int64 (stmt, 5);
      entry->title = dup_column_text (stmt, 6);
      entry->body = dup_column_text (stmt, 7);
      entry->format = sqlite3_column_int (stmt, 8);
      entry->mood = sqlite3_column_type (stmt, 9) == SQLITE_NULL ? ATTUNE_MOOD_NONE
                                                                  : sqlite3_column_int (stmt, 9);
      entry->bring = sqlite3_column_int (stmt, 10) != 0;

      if (tag_list != NULL && tag_list[0] != '\0')
        {
          entry->tags = g_strsplit (tag_list, "\x1f", -1);
          qsort (entry->tags, g_strv_length (entry->tags), sizeof (char *), compare_tags);
        }
      else
        entry->tags = g_new0 (char *, 1);

      if (sqlite3_column_type (stmt, 12) != SQLITE_NULL)
        {
          AttuneJournalCheckIn *check_in = attune_journal_check_in_new ();

          entry->check_in = check_in;
          check_in->session_at = sqlite3_column_int64 (stmt, 13);
          check_in->mode = sqlite3_column_int (stmt, 14);
          check_in->connected = column_scale (stmt, 15);
          check_in->heard = column_scale (stmt, 16);
          check_in->mattered = column_scale (stmt, 17);
          check_in->suited = column_scale (stmt, 18);
          check_in->rupture = sqlite3_column_int (stmt, 19);
          check_in->kinds = sqlite3_column_int (stmt, 20);
          g_free (check_in->other_kind);
          check_in->other_kind = dup_column_text (stmt, 21);
          check_in->intensity = column_scale (stmt, 22);
          g_free (check_in->what_happened);
          check_in->what_happened = dup_column_text (stmt, 23);
          g_free (check_in->felt);
          check_in->felt = dup_column_text (stmt, 24);
          g_free (check_in->needed);
          check_in->needed = dup_column_text (stmt, 25);
          check_in->resolved = column_scale (stmt, 26);
          check_in->spoke_up = sqlite3_column_int (stmt, 27);
          check_in->plan = sqlite3_column_int (stmt, 28);
          g_free (check_in->message);
          check_in->message = dup_column_text (stmt, 29);
          check_in->repair_status = sqlite3_column_int (stmt, 30);

          if (!read_history (history, id, check_in, context, error))
            return FALSE;
        }

      g_ptr_array_add (data->entries, g_steal_pointer (&entry));
    }

  if (rc != SQLITE_DONE)
    {
      _attune_store_set_error (error, db, rc, context);
      return FALSE;
    }

  return TRUE;
}

static gboolean
read_agenda (sqlite3            *db,
             AttuneJournalData  *data,
             const char         *context,
             GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _attune_store_prepare (db,
                  "SELECT a.text, e.uuid, a.position, a.done, a.done_at, a.created_at "
                  "FROM agenda AS a LEFT JOIN entries AS e ON e.id = a.entry_id "
                  "ORDER BY a.done, a.position, a.created_at, a.id",
                  context, error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AttuneJournalAgendaItem *item = attune_journal_agenda_item_new ();

      item->text = dup_column_text (stmt, 0);
      if (sqlite3_column_type (stmt, 1) != SQLITE_NULL)
        item->entry_uuid = dup_column_text (stmt, 1);
      item->position = (guint) CLAMP (sqlite3_column_int64 (stmt, 2), 0, G_MAXINT32);
      item->done = sqlite3_column_int (stmt, 3) != 0;
      item->done_at = sqlite3_column_int64 (stmt, 4);
      item->created_at = sqlite3_column_int64 (stmt, 5);
      g_ptr_array_add (data->agenda, item);
    }

  if (rc != SQLITE_DONE)
    {
      _attune_store_set_error (error, db, rc, context);
      return FALSE;
    }

  return TRUE;
}

/**
 * attune_store_export_journal:
 * @self: an #AttuneStore
 * @error: return location for a #GError
 *
 * Reads the whole journal as plain data, as one consistent snapshot: every
 * entry (oldest day first) with its tags, check-in and repair history, and
 * the list for next session. Drafts are not included.
 *
 * Returns: (transfer full) (nullable): the journal, or %NULL with @error set
 */
AttuneJournalData *
attune_store_export_journal (AttuneStore  *self,
                             GError      **error)
{
  const char *context = _("The journal could not be read for the backup.");
  g_autoptr(AttuneJournalData) data = NULL;
  sqlite3 *db;

  g_return_val_if_fail (ATTUNE_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  db = _attune_store_get_db (self);
  data = attune_journal_data_new ();

  /* A read transaction: one snapshot, however the app writes meanwhile. */
  if (!_attune_store_exec (db, "BEGIN", context, error))
    return NULL;

  if (!read_entries (db, data, context, error) ||
      !read_agenda (db, data, context, error))
    {
      _attune_store_rollback (db);
      return NULL;
    }

  _attune_store_rollback (db);

  return g_steal_pointer (&data);
}

/* Writing */

/* The statements of an import, prepared once: preparing them again for each
 * entry took a third of an import's instructions (issue #7). */
typedef struct
{
  sqlite3_stmt *find;
  sqlite3_stmt *entry;
  sqlite3_stmt *add_tag;
  sqlite3_stmt *link_tag;
  sqlite3_stmt *check_in;
  sqlite3_stmt *event;
} ImportStatements;

static void
clear_import_statements (ImportStatements *stmts)
{
  g_clear_pointer (&stmts->find, sqlite3_finalize);
  g_clear_pointer (&stmts->entry, sqlite3_finalize);
  g_clear_pointer (&stmts->add_tag, sqlite3_finalize);
  g_clear_pointer (&stmts->link_tag, sqlite3_finalize);
  g_clear_pointer (&stmts->check_in, sqlite3_finalize);
  g_clear_pointer (&stmts->event, sqlite3_finalize);
}

static gboolean
prepare_import_statements (sqlite3           *db,
                           ImportStatements  *stmts,
                           const char        *context,
                           GError           **error)
{
  if ((stmts->find = _attune_store_prepare (db, "SELECT id FROM entries WHERE uuid = ?1",
                                            context, error)) == NULL ||
      (stmts->entry = _attune_store_prepare (db,
                                             "INSERT INTO entries (uuid, kind, day, created_at, updated_at, title, body, "
                                             "format, mood, bring, tag_text) "
                                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                                             context, error)) == NULL ||
      (stmts->add_tag = _attune_store_prepare (db, "INSERT INTO tags (name) VALUES (?1) ON CONFLICT (name) DO NOTHING",
                                               context, error)) == NULL ||
      (stmts->link_tag = _attune_store_prepare (db,
                                                "INSERT OR IGNORE INTO entry_tags (entry_id, tag_id) "
                                                "SELECT ?1, id FROM tags WHERE name = ?2",
                                                context, error)) == NULL ||
      (stmts->check_in = _attune_store_prepare (db,
                                                "INSERT INTO check_ins (entry_id, session_at, mode, connected, heard, "
                                                "mattered, suited, rupture, kinds, other_kind, intensity, what_happened, "
                                                "felt, needed, resolved, spoke_up, plan, message, repair_status) "
                                                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
                                                "?15, ?16, ?17, ?18, ?19)",
                                                context, error)) == NULL ||
      (stmts->event = _attune_store_prepare (db,
                                             "INSERT INTO repair_events (entry_id, at, status, note) "
                                             "VALUES (?1, ?2, ?3, ?4)",
                                             context, error)) == NULL)
    {
      clear_import_statements (stmts);
      return FALSE;
    }

  return TRUE;
}

static gboolean
find_entry (sqlite3_stmt  *stmt,
            const char    *uuid,
            gint64        *out_id,
            const char    *context,
            GError       **error)
{
  sqlite3 *db = sqlite3_db_handle (stmt);
  int rc;

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    *out_id = sqlite3_column_int64 (stmt, 0);
  else if (rc == SQLITE_DONE)
    *out_id = 0;
  else
    {
      _attune_store_set_error (error, db, rc, context);
      return FALSE;
    }

  sqlite3_reset (stmt);

  return TRUE;
}

static gboolean
check_entry (const AttuneJournalEntry  *entry,
             guint                      index,
             GError                   **error)
{
  /* What SQLite's constraints would not catch; everything finer is the
   * backup reader's job, which names the place in the file. */
  if (entry->uuid == NULL || !g_uuid_string_is_valid (entry->uuid) ||
      entry->day == NULL || !attune_day_is_valid (entry->day) ||
      entry->title == NULL || !g_utf8_validate (entry->title, -1, NULL) ||
      entry->body == NULL || !g_utf8_validate (entry->body, -1, NULL) ||
      entry->tags == NULL ||
      (entry->check_in != NULL && entry->kind != ATTUNE_ENTRY_KIND_CHECK_IN))
    {
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_INVALID,
                   _("Entry %u of the backup is not valid. Nothing was imported."),
                   index + 1);
      return FALSE;
    }

  for (guint i = 0; entry->tags[i] != NULL; i++)
    {
      if (!g_utf8_validate (entry->tags[i], -1, NULL) || entry->tags[i][0] == '\0' ||
          strchr (entry->tags[i], '\x1f') != NULL)
        {
          g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_INVALID,
                       _("Entry %u of the backup has a tag that is not valid. Nothing was imported."),
                       index + 1);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
insert_entry (ImportStatements          *stmts,
              const AttuneJournalEntry  *entry,
              gint64                    *out_id,
              const char                *context,
              GError                   **error)
{
  sqlite3_stmt *stmt = stmts->entry;
  sqlite3_stmt *add_tag = stmts->add_tag;
  sqlite3_stmt *link_tag = stmts->link_tag;
  sqlite3 *db = sqlite3_db_handle (stmt);
  g_autofree char *tag_text = g_strjoinv (" ", entry->tags);
  gint64 id;

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  sqlite3_bind_text (stmt, 1, entry->uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, entry->kind == ATTUNE_ENTRY_KIND_CHECK_IN ? "check-in" : "note",
                     -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, entry->day, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, entry->created_at);
  sqlite3_bind_int64 (stmt, 5, entry->updated_at);
  sqlite3_bind_text (stmt, 6, entry->title, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, entry->body, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 8, entry->format);
  if (entry->mood == ATTUNE_MOOD_NONE)
    sqlite3_bind_null (stmt, 9);
  else
    sqlite3_bind_int (stmt, 9, entry->mood);
  sqlite3_bind_int (stmt, 10, entry->bring ? 1 : 0);
  sqlite3_bind_text (stmt, 11, tag_text, -1, SQLITE_TRANSIENT);

  if (!_attune_store_step_done (stmt, context, error))
    return FALSE;

  id = sqlite3_last_insert_rowid (db);

  /* Tag names are unique without regard to case: an imported "work" joins
   * an existing "Work", as when saving in the editor. */
  for (guint i = 0; entry->tags[i] != NULL; i++)
    {
      sqlite3_reset (add_tag);
      sqlite3_bind_text (add_tag, 1, entry->tags[i], -1, SQLITE_TRANSIENT);
      if (!_attune_store_step_done (add_tag, context, error))
        return FALSE;

      sqlite3_reset (link_tag);
      sqlite3_bind_int64 (link_tag, 1, id);
      sqlite3_bind_text (link_tag, 2, entry->tags[i], -1, SQLITE_TRANSIENT);
      if (!_attune_store_step_done (link_tag, context, error))
        return FALSE;
    }

  *out_id = id;

  return TRUE;
}

static gboolean
insert_check_in (ImportStatements            *stmts,
                 gint64                       entry_id,
                 const AttuneJournalCheckIn  *check_in,
                 const char                  *context,
                 GError                     **error)
{
  sqlite3_stmt *stmt = stmts->check_in;
  sqlite3_stmt *event_stmt = stmts->event;

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  sqlite3_bind_int64 (stmt, 1, entry_id);
  sqlite3_bind_int64 (stmt, 2, check_in->session_at);
  sqlite3_bind_int (stmt, 3, check_in->mode);
  bind_scale (stmt, 4, check_in->connected);
  bind_scale (stmt, 5, check_in->heard);
  bind_scale (stmt, 6, check_in->mattered);
  bind_scale (stmt, 7, check_in->suited);
  sqlite3_bind_int (stmt, 8, check_in->rupture);
  sqlite3_bind_int (stmt, 9, check_in->kinds);
  sqlite3_bind_text (stmt, 10, check_in->other_kind, -1, SQLITE_TRANSIENT);
  bind_scale (stmt, 11, check_in->intensity);
  sqlite3_bind_text (stmt, 12, check_in->what_happened, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 13, check_in->felt, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 14, check_in->needed, -1, SQLITE_TRANSIENT);
  bind_scale (stmt, 15, check_in->resolved);
  sqlite3_bind_int (stmt, 16, check_in->spoke_up);
  sqlite3_bind_int (stmt, 17, check_in->plan);
  sqlite3_bind_text (stmt, 18, check_in->message, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 19, check_in->repair_status);

  if (!_attune_store_step_done (stmt, context, error))
    return FALSE;

  if (check_in->history == NULL || check_in->history->len == 0)
    return TRUE;

  for (guint i = 0; i < check_in->history->len; i++)
    {
      const AttuneRepairEvent *event = g_ptr_array_index (check_in->history, i);

      sqlite3_reset (event_stmt);
      sqlite3_bind_int64 (event_stmt, 1, entry_id);
      sqlite3_bind_int64 (event_stmt, 2, event->at);
      sqlite3_bind_int (event_stmt, 3, event->status);
      if (event->note != NULL)
        sqlite3_bind_text (event_stmt, 4, event->note, -1, SQLITE_TRANSIENT);
      else
        sqlite3_bind_null (event_stmt, 4);

      if (!_attune_store_step_done (event_stmt, context, error))
        return FALSE;
    }

  return TRUE;
}

/* Agenda items have no identity across journals. The same text created at
 * the same microsecond is taken to be the same item, so that importing a
 * file twice does not double the list. */
static gboolean
insert_agenda (sqlite3                  *db,
               sqlite3_stmt             *find,
               const AttuneJournalData  *data,
               gboolean                 *out_changed,
               const char               *context,
               GError                  **error)
{
  g_autoptr(sqlite3_stmt) exists = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(sqlite3_stmt) offset_stmt = NULL;
  gint64 offset = 0;
  int rc;

  if (data->agenda == NULL || data->agenda->len == 0)
    return TRUE;

  /* Imported items go after those already there, in their own order; in an
   * empty journal they keep their positions exactly. */
  offset_stmt = _attune_store_prepare (db, "SELECT coalesce(max(position) + 1, 0) FROM agenda", context, error);
  exists = _attune_store_prepare (db, "SELECT 1 FROM agenda WHERE text = ?1 AND created_at = ?2", context, error);
  insert = _attune_store_prepare (db,
                    "INSERT INTO agenda (text, entry_id, position, done, done_at, created_at) "
                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    context, error);
  if (offset_stmt == NULL || exists == NULL || insert == NULL)
    return FALSE;

  rc = sqlite3_step (offset_stmt);
  if (rc != SQLITE_ROW)
    {
      _attune_store_set_error (error, db, rc, context);
      return FALSE;
    }
  offset = sqlite3_column_int64 (offset_stmt, 0);

  for (guint i = 0; i < data->agenda->len; i++)
    {
      const AttuneJournalAgendaItem *item = g_ptr_array_index (data->agenda, i);
      gint64 entry_id = 0;

      if (item->text == NULL || !g_utf8_validate (item->text, -1, NULL))
        {
          g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_INVALID,
                       _("Item %u of the list for next session is not valid. Nothing was imported."),
                       i + 1);
          return FALSE;
        }

      sqlite3_reset (exists);
      sqlite3_bind_text (exists, 1, item->text, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (exists, 2, item->created_at);
      rc = sqlite3_step (exists);
      if (rc == SQLITE_ROW)
        continue;
      if (rc != SQLITE_DONE)
        {
          _attune_store_set_error (error, db, rc, context);
          return FALSE;
        }

      if (item->entry_uuid != NULL)
        {
          if (!find_entry (find, item->entry_uuid, &entry_id, context, error))
            return FALSE;

          if (entry_id == 0)
            {
              g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_INVALID,
                           _("Item %u of the list for next session comes from an entry that is neither in the backup nor in the journal. Nothing was imported."),
                           i + 1);
              return FALSE;
            }
        }

      sqlite3_reset (insert);
      sqlite3_bind_text (insert, 1, item->text, -1, SQLITE_TRANSIENT);
      if (entry_id != 0)
        sqlite3_bind_int64 (insert, 2, entry_id);
      else
        sqlite3_bind_null (insert, 2);
      sqlite3_bind_int64 (insert, 3, offset + item->position);
      sqlite3_bind_int (insert, 4, item->done ? 1 : 0);
      if (item->done_at != 0)
        sqlite3_bind_int64 (insert, 5, item->done_at);
      else
        sqlite3_bind_null (insert, 5);
      sqlite3_bind_int64 (insert, 6, item->created_at);

      if (!_attune_store_step_done (insert, context, error))
        return FALSE;

      *out_changed = TRUE;
    }

  return TRUE;
}

typedef struct
{
  gint64      id;
  gint64      created_at;
  const char *day;
} AddedEntry;

/* The full-text trigger on new entries, as migration 1 → 2 created it. */
#define FTS_INSERT_TRIGGER \
  "CREATE TRIGGER entries_fts_insert AFTER INSERT ON entries BEGIN" \
  "  INSERT INTO entries_fts (rowid, title, body, tag_text)" \
  "    VALUES (new.id, new.title, new.body, new.tag_text);" \
  "END"

/* Indexing each new entry through its trigger costs far more than indexing
 * them all at once: SQLite opens a statement savepoint for every INSERT that
 * fires a trigger, and FTS5 writes its pending terms out as a new segment at
 * every savepoint, then merges those small segments again (40 % of an
 * import's instructions, issue #7). So an import drops the trigger, and
 * indexes its rows with one INSERT … SELECT before it creates the trigger
 * again, all inside its transaction. Only when the trigger is the one this
 * file knows; otherwise *out_dropped stays FALSE and the trigger works. */
static gboolean
drop_fts_trigger (sqlite3     *db,
                  gint64      *out_max_id,
                  gboolean    *out_dropped,
                  const char  *context,
                  GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  *out_dropped = FALSE;

  stmt = _attune_store_prepare (db,
                                "SELECT (SELECT sql FROM sqlite_schema "
                                "        WHERE type = 'trigger' AND name = 'entries_fts_insert'), "
                                "       (SELECT coalesce(max(id), 0) FROM entries)",
                                context, error);
  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _attune_store_set_error (error, db, rc, context);
      return FALSE;
    }

  if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), FTS_INSERT_TRIGGER) != 0)
    return TRUE;

  *out_max_id = sqlite3_column_int64 (stmt, 1);
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (!_attune_store_exec (db, "DROP TRIGGER entries_fts_insert", context, error))
    return FALSE;

  *out_dropped = TRUE;

  return TRUE;
}

static gboolean
restore_fts_trigger (sqlite3     *db,
                     gint64       max_id,
                     const char  *context,
                     GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  /* Rows added now have ids above every earlier one (INTEGER PRIMARY KEY). */
  stmt = _attune_store_prepare (db,
                                "INSERT INTO entries_fts (rowid, title, body, tag_text) "
                                "SELECT id, title, body, tag_text FROM entries WHERE id > ?1 ORDER BY id",
                                context, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, max_id);
  if (!_attune_store_step_done (stmt, context, error))
    return FALSE;

  return _attune_store_exec (db, FTS_INSERT_TRIGGER, context, error);
}

/**
 * attune_store_import_journal:
 * @self: an #AttuneStore
 * @data: the journal to add, as from attune_store_export_journal()
 * @n_added: (out) (optional): how many entries were added
 * @n_skipped: (out) (optional): how many entries were already in the journal
 * @error: return location for a #GError
 *
 * Adds @data to the journal in one transaction. Entries keep their uuid and
 * times; an entry whose uuid the journal already has is skipped together
 * with its check-in and history (the journal's copy wins). An item of the
 * list for next session is skipped when the journal has one with the same
 * text and creation time.
 *
 * @data is expected to be checked already (attune_backup_import_json() does,
 * naming the place of each problem); whatever still fails here, a broken
 * constraint or a full disk, rolls everything back and the journal is
 * unchanged.
 *
 * Returns: %TRUE on success
 */
gboolean
attune_store_import_journal (AttuneStore              *self,
                             const AttuneJournalData  *data,
                             guint                    *n_added,
                             guint                    *n_skipped,
                             GError                  **error)
{
  const char *context = _("The backup could not be imported. Nothing was changed.");
  g_autoptr(GArray) added = g_array_new (FALSE, FALSE, sizeof (AddedEntry));
  ImportStatements stmts = { NULL, };
  gboolean agenda_changed = FALSE;
  gboolean trigger_dropped = FALSE;
  gint64 max_id = 0;
  guint skipped = 0;
  sqlite3 *db;

  g_return_val_if_fail (ATTUNE_IS_STORE (self), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  db = _attune_store_get_db (self);

  if (data->entries != NULL)
    {
      for (guint i = 0; i < data->entries->len; i++)
        if (!check_entry (g_ptr_array_index (data->entries, i), i, error))
          return FALSE;
    }

  if (!_attune_store_exec (db, "BEGIN IMMEDIATE", context, error))
    return FALSE;

  if ((data->entries != NULL && data->entries->len > 0 &&
       !drop_fts_trigger (db, &max_id, &trigger_dropped, context, error)) ||
      !prepare_import_statements (db, &stmts, context, error))
    goto failed;

  for (guint i = 0; data->entries != NULL && i < data->entries->len; i++)
    {
      const AttuneJournalEntry *entry = g_ptr_array_index (data->entries, i);
      AddedEntry row = { 0, entry->created_at, entry->day };
      gint64 existing = 0;

      if (!find_entry (stmts.find, entry->uuid, &existing, context, error))
        goto failed;

      if (existing != 0)
        {
          skipped++;
          continue;
        }

      if (!insert_entry (&stmts, entry, &row.id, context, error))
        goto failed;

      if (entry->check_in != NULL &&
          !insert_check_in (&stmts, row.id, entry->check_in, context, error))
        goto failed;

      g_array_append_val (added, row);
    }

  if (!insert_agenda (db, stmts.find, data, &agenda_changed, context, error))
    goto failed;

  /* Finalized before COMMIT, so that no statement of ours is still active. */
  clear_import_statements (&stmts);

  if (trigger_dropped && !restore_fts_trigger (db, max_id, context, error))
    goto failed;

  if (!_attune_store_exec (db, "COMMIT", context, error))
    goto failed;

  for (guint i = 0; i < added->len; i++)
    {
      const AddedEntry *row = &g_array_index (added, AddedEntry, i);

      _attune_store_entry_added (self, row->id, row->created_at, row->day);
    }

  if (agenda_changed)
    _attune_store_agenda_changed (self);

  if (n_added != NULL)
    *n_added = added->len;
  if (n_skipped != NULL)
    *n_skipped = skipped;

  return TRUE;

failed:
  clear_import_statements (&stmts);
  _attune_store_rollback (db);
  return FALSE;
}

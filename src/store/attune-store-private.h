/* attune-store-private.h
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "attune-entry.h"
#include "attune-store.h"
#include "attune-timeline.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* The columns _attune_store_entry_from_row() reads, for a FROM entries AS e.
 * Tag names are joined with U+001F, which tags may not contain. The repair
 * status of a check-in is a lookup on check_ins' primary key, the same as a
 * LEFT JOIN (NULL for notes) but usable with a plain FROM entries AS e. */
#define ATTUNE_ENTRY_COLUMNS \
  "e.id, e.uuid, e.kind, e.day, e.created_at, e.updated_at, e.title, e.body, " \
  "e.mood, e.bring, " \
  "(SELECT group_concat(t.name, char(31)) FROM entry_tags AS et " \
  "JOIN tags AS t ON t.id = et.tag_id WHERE et.entry_id = e.id), " \
  "(SELECT c.repair_status FROM check_ins AS c WHERE c.entry_id = e.id), " \
  "e.text_sum, e.tag_text"

/* The columns _attune_store_check_in_from_row() reads, for a FROM check_ins AS c
 * JOIN entries AS e ON e.id = c.entry_id. */
#define ATTUNE_CHECK_IN_COLUMNS \
  "c.entry_id, e.uuid, c.session_at, c.mode, c.connected, c.heard, c.mattered, c.suited, " \
  "c.rupture, c.kinds, c.other_kind, c.intensity, c.what_happened, c.felt, c.needed, " \
  "c.resolved, c.spoke_up, c.plan, c.message, c.repair_status, c.text_sum"

/* PRAGMA application_id of every Attune journal: "Attu", so that other
 * programs' databases are not mistaken for ours. */
#define ATTUNE_APPLICATION_ID 0x41747475

/* The timeline order, newest first. */
#define ATTUNE_ENTRY_ORDER "e.day DESC, e.created_at DESC, e.id DESC"

void              _attune_store_set_error         (GError      **error,
                                                   sqlite3      *db,
                                                   int           rc,
                                                   const char   *context);
AttuneStoreError  _attune_store_error_from_sqlite (int           rc);

sqlite3          *_attune_store_get_db            (AttuneStore  *self);

/* SQL helpers shared by the store's files; errors through _attune_store_set_error(). */
gboolean          _attune_store_exec              (sqlite3      *db,
                                                   const char   *sql,
                                                   const char   *context,
                                                   GError      **error);
sqlite3_stmt     *_attune_store_prepare           (sqlite3      *db,
                                                   const char   *sql,
                                                   const char   *context,
                                                   GError      **error);
gboolean          _attune_store_step_done         (sqlite3_stmt *stmt,
                                                   const char   *context,
                                                   GError      **error);
void              _attune_store_rollback          (sqlite3      *db);

/* Files beside the journal (attune-snapshot.c), shared with attune-protection.c. */
void              _attune_store_set_errno_error   (GError      **error,
                                                   int           saved_errno,
                                                   const char   *what);
gboolean          _attune_store_sync_path         (const char   *path,
                                                   gboolean      is_folder,
                                                   const char   *what,
                                                   GError      **error);
gboolean          _attune_store_create_empty_private (const char *path,
                                                   const char   *what,
                                                   GError      **error);
void              _attune_store_set_busy_timeout  (AttuneStore  *self,
                                                   int           msec);
AttuneStore      *_attune_store_open_at_version   (const char   *path,
                                                   guint         version,
                                                   GError      **error);
AttuneEntry      *_attune_store_entry_from_row    (sqlite3_stmt *stmt);
/* After a commit that inserted entries or changed the list for next session
 * outside attune-store.c (the backup import). */
void              _attune_store_entry_added       (AttuneStore  *self,
                                                   gint64        id,
                                                   gint64        created_at,
                                                   const char   *day);
void              _attune_store_agenda_changed    (AttuneStore  *self);
AttuneCheckIn    *_attune_store_check_in_from_row (sqlite3_stmt *stmt);

/* The longest free text a check-in field may hold, in characters. */
#define ATTUNE_CHECK_IN_MAX_TEXT_CHARS 100000

void              _attune_check_in_set_saved      (AttuneCheckIn      *self,
                                                   gint64              entry_id,
                                                   const char         *uuid,
                                                   AttuneRepairStatus  repair_status);
char             *_attune_check_in_dup_agenda_text (AttuneCheckIn     *self,
                                                   const char         *day);

AttuneAgendaItem *_attune_agenda_item_new         (gint64              id,
                                                   const char         *text,
                                                   gint64              entry_id,
                                                   guint               position,
                                                   gboolean            done,
                                                   gint64              done_at,
                                                   gint64              created_at);
gboolean          _attune_agenda_item_equal       (AttuneAgendaItem   *a,
                                                   AttuneAgendaItem   *b);

void              _attune_entry_load              (AttuneEntry     *self,
                                                   gint64           id,
                                                   const char      *uuid,
                                                   AttuneEntryKind  kind,
                                                   const char      *day,
                                                   gint64           created_at,
                                                   gint64           updated_at,
                                                   const char      *title,
                                                   const char      *body,
                                                   int              mood,
                                                   gboolean         bring,
                                                   char           **tags);
void              _attune_entry_set_repair_status (AttuneEntry     *self,
                                                   int              repair_status);
void              _attune_entry_set_damaged       (AttuneEntry     *self);
void              _attune_check_in_set_damaged    (AttuneCheckIn   *self);

/* Per-row checksums of the text a person wrote (schema 4): a 64-bit FNV-1a
 * over each field's length and bytes, NULL fields marked apart from empty
 * ones. The same function is the SQL function attune_text_sum(...) that the
 * schema's triggers call, so every write path keeps it, and readers compare
 * it with what they read (_attune_store_entry_from_row()). */
gint64            _attune_text_sum                (guint            n_fields,
                                                   const char     **fields,
                                                   const int       *lengths);
/* The matches of a search as bits by rowid, filled by the SQL function
 * attune_mark_rowid(set, rowid) with the set bound by sqlite3_bind_pointer()
 * as ATTUNE_ROWID_SET_TYPE. bits holds max_id / 8 + 1 bytes. */
#define ATTUNE_ROWID_SET_TYPE "attune-rowid-set"

typedef struct
{
  guint8 *bits;
  gint64  max_id;
} AttuneRowidSet;

gboolean          _attune_store_register_functions (sqlite3        *db,
                                                   GError         **error);
gboolean          _attune_store_column_sum_ok     (sqlite3_stmt    *stmt,
                                                   int              sum_column,
                                                   guint            n_fields,
                                                   const int       *columns);
void              _attune_entry_set_saved         (AttuneEntry     *self,
                                                   gint64           id,
                                                   const char      *uuid,
                                                   gint64           created_at,
                                                   gint64           updated_at);

G_END_DECLS

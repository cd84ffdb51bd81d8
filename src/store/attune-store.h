/* attune-store.h
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "attune-agenda-item.h"
#include "attune-check-in.h"
#include "attune-entry.h"
#include "attune-timeline.h"

G_BEGIN_DECLS

#define ATTUNE_STORE_ERROR (attune_store_error_quark ())

/**
 * AttuneStoreError:
 * @ATTUNE_STORE_ERROR_FAILED: anything not covered below
 * @ATTUNE_STORE_ERROR_CORRUPT: the file is not an Attune database or is damaged
 * @ATTUNE_STORE_ERROR_NEWER_SCHEMA: the file was written by a newer Attune
 * @ATTUNE_STORE_ERROR_READ_ONLY: the file or its folder cannot be written
 * @ATTUNE_STORE_ERROR_DISK_FULL: there is no space left to save
 * @ATTUNE_STORE_ERROR_BUSY: another program holds the journal locked
 * @ATTUNE_STORE_ERROR_NOT_FOUND: no such entry
 * @ATTUNE_STORE_ERROR_INVALID: the data given is not valid (nothing was changed)
 * @ATTUNE_STORE_ERROR_IO: the operating system reported an input/output error
 * @ATTUNE_STORE_ERROR_LOCKED: the journal is protected and must be unlocked first
 * @ATTUNE_STORE_ERROR_WRONG_SECRET: the passphrase or recovery key is not the right one
 */
typedef enum
{
  ATTUNE_STORE_ERROR_FAILED,
  ATTUNE_STORE_ERROR_CORRUPT,
  ATTUNE_STORE_ERROR_NEWER_SCHEMA,
  ATTUNE_STORE_ERROR_READ_ONLY,
  ATTUNE_STORE_ERROR_DISK_FULL,
  ATTUNE_STORE_ERROR_BUSY,
  ATTUNE_STORE_ERROR_NOT_FOUND,
  ATTUNE_STORE_ERROR_INVALID,
  ATTUNE_STORE_ERROR_IO,
  ATTUNE_STORE_ERROR_LOCKED,
  ATTUNE_STORE_ERROR_WRONG_SECRET,
} AttuneStoreError;

#define ATTUNE_TYPE_STORE (attune_store_get_type ())

G_DECLARE_FINAL_TYPE (AttuneStore, attune_store, ATTUNE, STORE, GObject)

GQuark        attune_store_error_quark      (void);
char         *attune_store_dup_default_path (void);
AttuneStore  *attune_store_open             (const char   *path,
                                             GError      **error);
const char   *attune_store_get_path         (AttuneStore  *self);
guint         attune_store_get_schema_version (AttuneStore *self);
guint         attune_store_get_latest_schema_version (void);

gboolean      attune_store_save_entry       (AttuneStore  *self,
                                             AttuneEntry  *entry,
                                             GError      **error);
AttuneEntry  *attune_store_get_entry        (AttuneStore  *self,
                                             gint64        id,
                                             GError      **error);
AttuneEntry  *attune_store_get_entry_by_uuid(AttuneStore  *self,
                                             const char   *uuid,
                                             GError      **error);
gboolean      attune_store_delete_entry     (AttuneStore  *self,
                                             gint64        id,
                                             GError      **error);
gboolean      attune_store_restore_entry    (AttuneStore  *self,
                                             AttuneEntry  *entry,
                                             GError      **error);
gint64        attune_store_count_entries    (AttuneStore  *self,
                                             GError      **error);
char        **attune_store_list_tags        (AttuneStore  *self,
                                             GError      **error);

gboolean      attune_store_save_draft       (AttuneStore  *self,
                                             const char   *key,
                                             const char   *data,
                                             GError      **error);
char         *attune_store_load_draft       (AttuneStore  *self,
                                             const char   *key,
                                             GError      **error);
gboolean      attune_store_delete_draft     (AttuneStore  *self,
                                             const char   *key,
                                             GError      **error);

AttuneTimeline *attune_store_new_timeline   (AttuneStore  *self);

/* Check-ins and repair */
gboolean       attune_store_save_check_in        (AttuneStore     *self,
                                                  AttuneCheckIn   *check_in,
                                                  GError         **error);
AttuneCheckIn *attune_store_get_check_in         (AttuneStore     *self,
                                                  gint64           entry_id,
                                                  GError         **error);
GPtrArray     *attune_store_list_open_ruptures   (AttuneStore     *self,
                                                  GError         **error);
gboolean       attune_store_follow_up_rupture    (AttuneStore     *self,
                                                  gint64           entry_id,
                                                  AttuneFollowUp   answer,
                                                  const char      *note,
                                                  GError         **error);
GPtrArray     *attune_store_list_repair_events   (AttuneStore     *self,
                                                  gint64           entry_id,
                                                  GError         **error);
gboolean       attune_store_find_check_in_between (AttuneStore    *self,
                                                  gint64           from,
                                                  gint64           to,
                                                  gint64          *entry_id,
                                                  GError         **error);

/* The list for next session */
GListModel       *attune_store_get_agenda          (AttuneStore      *self);
AttuneAgendaItem *attune_store_add_agenda_item     (AttuneStore      *self,
                                                    const char       *text,
                                                    gint64            entry_id,
                                                    GError          **error);
gboolean          attune_store_set_agenda_item_text (AttuneStore     *self,
                                                    gint64            id,
                                                    const char       *text,
                                                    GError          **error);
gboolean          attune_store_set_agenda_item_done (AttuneStore     *self,
                                                    gint64            id,
                                                    gboolean          done,
                                                    GError          **error);
gboolean          attune_store_move_agenda_item    (AttuneStore      *self,
                                                    gint64            id,
                                                    guint             position,
                                                    GError          **error);
gboolean          attune_store_delete_agenda_item  (AttuneStore      *self,
                                                    gint64            id,
                                                    GError          **error);
gboolean          attune_store_restore_agenda_item (AttuneStore      *self,
                                                    AttuneAgendaItem *item,
                                                    GError          **error);

/* Reports and insights */
AttuneStore   *attune_store_open_read_only          (const char   *path,
                                                     GError      **error);
GPtrArray     *attune_store_list_entries_between    (AttuneStore  *self,
                                                     const char   *from_day,
                                                     const char   *to_day,
                                                     gboolean      only_marked,
                                                     GError      **error);
GPtrArray     *attune_store_list_check_ins_between  (AttuneStore  *self,
                                                     const char   *from_day,
                                                     const char   *to_day,
                                                     GError      **error);
char          *attune_store_dup_last_session_day    (AttuneStore  *self,
                                                     GError      **error);
gboolean       attune_store_count_ruptures          (AttuneStore  *self,
                                                     const char   *from_day,
                                                     const char   *to_day,
                                                     guint         counts_by_kind[10],
                                                     guint        *n_ruptures,
                                                     guint        *n_repaired,
                                                     GError      **error);

/* Backup: the whole journal as plain data, with exact values. Times are UTC
 * unix microseconds; days are "YYYY-MM-DD"; ids are local and never appear. */

/**
 * AttuneJournalCheckIn:
 * @session_at: when the session was
 * @connected: (and @heard, @mattered, @suited, @intensity, @resolved): 1..5,
 *   %ATTUNE_SCALE_SKIPPED or %ATTUNE_SCALE_NOT_SURE
 * @history: (element-type AttuneRepairEvent): the rupture's history, oldest first
 *
 * A check-in's answers, its repair status and every repair event.
 */
typedef struct
{
  gint64               session_at;
  AttuneSessionMode    mode;
  int                  connected;
  int                  heard;
  int                  mattered;
  int                  suited;
  AttuneRuptureAnswer  rupture;
  AttuneRuptureKind    kinds;
  char                *other_kind;
  int                  intensity;
  char                *what_happened;
  char                *felt;
  char                *needed;
  int                  resolved;
  AttuneSpokeUp        spoke_up;
  AttunePlan           plan;
  char                *message;
  AttuneRepairStatus   repair_status;
  GPtrArray           *history;
} AttuneJournalCheckIn;

/**
 * AttuneJournalEntry:
 * @uuid: the entry's identity across journals (lowercase)
 * @format: the content format version (1)
 * @mood: 1..5 or %ATTUNE_MOOD_NONE
 * @tags: (array zero-terminated=1): tag names, never %NULL
 * @check_in: (nullable): for check-ins
 */
typedef struct
{
  char                 *uuid;
  AttuneEntryKind       kind;
  char                 *day;
  gint64                created_at;
  gint64                updated_at;
  char                 *title;
  char                 *body;
  int                   format;
  int                   mood;
  gboolean              bring;
  char                **tags;
  AttuneJournalCheckIn *check_in;
} AttuneJournalEntry;

/**
 * AttuneJournalAgendaItem:
 * @entry_uuid: (nullable): the entry it came from
 * @done_at: when it was ticked off, 0 for never
 */
typedef struct
{
  char     *text;
  char     *entry_uuid;
  guint     position;
  gboolean  done;
  gint64    done_at;
  gint64    created_at;
} AttuneJournalAgendaItem;

/**
 * AttuneJournalData:
 * @entries: (element-type AttuneJournalEntry): oldest day first
 * @agenda: (element-type AttuneJournalAgendaItem): the list for next session
 */
typedef struct
{
  GPtrArray *entries;
  GPtrArray *agenda;
} AttuneJournalData;

AttuneJournalData       *attune_journal_data_new         (void);
void                     attune_journal_data_free        (AttuneJournalData       *data);
AttuneJournalEntry      *attune_journal_entry_new        (void);
void                     attune_journal_entry_free       (AttuneJournalEntry      *entry);
AttuneJournalCheckIn    *attune_journal_check_in_new     (void);
void                     attune_journal_check_in_free    (AttuneJournalCheckIn    *check_in);
AttuneJournalAgendaItem *attune_journal_agenda_item_new  (void);
void                     attune_journal_agenda_item_free (AttuneJournalAgendaItem *item);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttuneJournalData, attune_journal_data_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttuneJournalEntry, attune_journal_entry_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttuneJournalCheckIn, attune_journal_check_in_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttuneJournalAgendaItem, attune_journal_agenda_item_free)

AttuneJournalData *attune_store_export_journal   (AttuneStore              *self,
                                                  GError                  **error);
gboolean           attune_store_import_journal   (AttuneStore              *self,
                                                  const AttuneJournalData  *data,
                                                  guint                    *n_added,
                                                  guint                    *n_skipped,
                                                  GError                  **error);

G_END_DECLS

/* attune-snapshot.h
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * AttuneSnapshotKind:
 * @ATTUNE_SNAPSHOT_DAILY: taken at most once a day while Attune runs
 * @ATTUNE_SNAPSHOT_BEFORE_UPDATE: taken before the journal's format changed
 * @ATTUNE_SNAPSHOT_MANUAL: taken when the person asked for one
 * @ATTUNE_SNAPSHOT_SET_ASIDE: the journal as it was before a restore
 *
 * Why a snapshot exists; it decides how long it is kept.
 */
typedef enum
{
  ATTUNE_SNAPSHOT_DAILY,
  ATTUNE_SNAPSHOT_BEFORE_UPDATE,
  ATTUNE_SNAPSHOT_MANUAL,
  ATTUNE_SNAPSHOT_SET_ASIDE,
} AttuneSnapshotKind;

/* How many of each are kept (see attune_snapshots_rotate()). */
#define ATTUNE_SNAPSHOT_KEEP_DAILY 7
#define ATTUNE_SNAPSHOT_KEEP_WEEKLY 4
#define ATTUNE_SNAPSHOT_KEEP_BEFORE_UPDATE 2
#define ATTUNE_SNAPSHOT_KEEP_MANUAL 4

#define ATTUNE_TYPE_SNAPSHOT (attune_snapshot_get_type ())

G_DECLARE_FINAL_TYPE (AttuneSnapshot, attune_snapshot, ATTUNE, SNAPSHOT, GObject)

const char         *attune_snapshot_get_path        (AttuneSnapshot  *self);
AttuneSnapshotKind  attune_snapshot_get_kind        (AttuneSnapshot  *self);
GDateTime          *attune_snapshot_get_taken_at    (AttuneSnapshot  *self);
gint64              attune_snapshot_get_n_entries   (AttuneSnapshot  *self);
gboolean            attune_snapshot_get_readable    (AttuneSnapshot  *self);
guint               attune_snapshot_get_schema_version (AttuneSnapshot *self);

char               *attune_snapshots_dup_folder     (const char      *journal_path);
AttuneSnapshot     *attune_snapshots_take           (const char      *journal_path,
                                                     AttuneSnapshotKind kind,
                                                     GDateTime       *now,
                                                     GError         **error);
gboolean            attune_snapshots_take_daily     (const char      *journal_path,
                                                     GDateTime       *now,
                                                     AttuneSnapshot **out_snapshot,
                                                     GError         **error);
void                attune_snapshots_take_daily_async  (const char          *journal_path,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
gboolean            attune_snapshots_take_daily_finish (GAsyncResult        *result,
                                                        GError             **error);
GPtrArray          *attune_snapshots_list           (const char      *journal_path,
                                                     GError         **error);
guint               attune_snapshots_rotate         (const char      *journal_path,
                                                     GDateTime       *now,
                                                     GError         **error);
AttuneSnapshot     *attune_snapshots_lookup         (const char      *journal_path,
                                                     const char      *snapshot_path,
                                                     GError         **error);
AttuneSnapshot     *attune_snapshots_find_newest_good (const char    *journal_path,
                                                     GError         **error);
gboolean            attune_snapshots_restore        (const char      *journal_path,
                                                     AttuneSnapshot  *snapshot,
                                                     GDateTime       *now,
                                                     char           **out_set_aside,
                                                     GError         **error);

G_END_DECLS

/* attune-backup.h
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "attune-store.h"

G_BEGIN_DECLS

/* The whole journal as JSON, losslessly; see docs/backup-format.md. */

#define ATTUNE_BACKUP_FORMAT         "attune-journal"
#define ATTUNE_BACKUP_FORMAT_VERSION 1

char              *attune_backup_to_json     (AttuneStore  *store,
                                              gint64        exported_at,
                                              GError      **error);
char              *attune_backup_data_to_json (const AttuneJournalData *data,
                                              gint64        exported_at,
                                              GError      **error);
AttuneJournalData *attune_backup_parse       (const char   *json,
                                              gsize         length,
                                              GError      **error);
gboolean           attune_backup_import_json (AttuneStore  *store,
                                              const char   *json,
                                              gsize         length,
                                              guint        *n_added,
                                              guint        *n_skipped,
                                              GError      **error);

G_END_DECLS

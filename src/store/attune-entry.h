/* attune-entry.h
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * AttuneEntryKind:
 * @ATTUNE_ENTRY_KIND_NOTE: a journal entry
 * @ATTUNE_ENTRY_KIND_CHECK_IN: a session check-in
 */
typedef enum
{
  ATTUNE_ENTRY_KIND_NOTE,
  ATTUNE_ENTRY_KIND_CHECK_IN,
} AttuneEntryKind;

#define ATTUNE_TYPE_ENTRY_KIND (attune_entry_kind_get_type ())

GType attune_entry_kind_get_type (void);

#define ATTUNE_MOOD_NONE 0
#define ATTUNE_MOOD_MAX  5

#define ATTUNE_TYPE_ENTRY (attune_entry_get_type ())

G_DECLARE_FINAL_TYPE (AttuneEntry, attune_entry, ATTUNE, ENTRY, GObject)

AttuneEntry     *attune_entry_new             (void);
AttuneEntry     *attune_entry_copy            (AttuneEntry     *self);
gint64           attune_entry_get_id          (AttuneEntry     *self);
const char      *attune_entry_get_uuid        (AttuneEntry     *self);
AttuneEntryKind  attune_entry_get_kind        (AttuneEntry     *self);
void             attune_entry_set_kind        (AttuneEntry     *self,
                                               AttuneEntryKind  kind);
const char      *attune_entry_get_title       (AttuneEntry     *self);
void             attune_entry_set_title       (AttuneEntry     *self,
                                               const char      *title);
const char      *attune_entry_get_body        (AttuneEntry     *self);
void             attune_entry_set_body        (AttuneEntry     *self,
                                               const char      *body);
GDate           *attune_entry_dup_day         (AttuneEntry     *self);
const char      *attune_entry_get_day         (AttuneEntry     *self);
void             attune_entry_set_day         (AttuneEntry     *self,
                                               const char      *day);
int              attune_entry_get_mood        (AttuneEntry     *self);
void             attune_entry_set_mood        (AttuneEntry     *self,
                                               int              mood);
gboolean         attune_entry_get_bring       (AttuneEntry     *self);
void             attune_entry_set_bring       (AttuneEntry     *self,
                                               gboolean         bring);
const char * const *attune_entry_get_tags     (AttuneEntry     *self);
void             attune_entry_set_tags        (AttuneEntry     *self,
                                               const char * const *tags);
gint64           attune_entry_get_created_at  (AttuneEntry     *self);
gint64           attune_entry_get_updated_at  (AttuneEntry     *self);
gboolean         attune_entry_is_empty        (AttuneEntry     *self);
/* For check-ins: an AttuneRepairStatus (ATTUNE_REPAIR_NONE for notes), filled in by the
 * store when it reads the timeline, so rows can show a badge without another query. */
int              attune_entry_get_repair_status (AttuneEntry   *self);
gboolean         attune_entry_get_damaged     (AttuneEntry     *self);
char            *attune_entry_dup_display_title (AttuneEntry   *self);
char            *attune_entry_dup_excerpt     (AttuneEntry     *self,
                                               guint            max_chars);

char            *attune_day_today             (void);
gboolean         attune_day_is_valid          (const char      *day);

G_END_DECLS

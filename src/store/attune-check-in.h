/* attune-check-in.h
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Answers on a five-step scale: 1 to 5, or one of these. */
#define ATTUNE_SCALE_SKIPPED  0
#define ATTUNE_SCALE_NOT_SURE (-1)
#define ATTUNE_SCALE_MAX      5

typedef enum
{
  ATTUNE_SESSION_MODE_UNSET,
  ATTUNE_SESSION_MODE_IN_PERSON,
  ATTUNE_SESSION_MODE_VIDEO,
  ATTUNE_SESSION_MODE_PHONE,
} AttuneSessionMode;

/* "Was there a moment that felt off?" */
typedef enum
{
  ATTUNE_RUPTURE_UNSET,
  ATTUNE_RUPTURE_NO,
  ATTUNE_RUPTURE_YES,
  ATTUNE_RUPTURE_NOT_SURE,
} AttuneRuptureAnswer;

/* What it was like; several may apply. */
typedef enum /*< flags >*/
{
  ATTUNE_RUPTURE_KIND_NONE                   = 0,
  ATTUNE_RUPTURE_KIND_MISUNDERSTOOD          = 1 << 0,
  ATTUNE_RUPTURE_KIND_JUDGED                 = 1 << 1,
  ATTUNE_RUPTURE_KIND_CONCERNS_NOT_ADDRESSED = 1 << 2,
  ATTUNE_RUPTURE_KIND_MISMATCH               = 1 << 3,
  ATTUNE_RUPTURE_KIND_DISTRACTED             = 1 << 4,
  ATTUNE_RUPTURE_KIND_HELD_BACK              = 1 << 5,
  ATTUNE_RUPTURE_KIND_WENT_ALONG             = 1 << 6,
  ATTUNE_RUPTURE_KIND_CHANGED_SUBJECT        = 1 << 7,
  ATTUNE_RUPTURE_KIND_THOUGHT_OF_LEAVING     = 1 << 8,
  ATTUNE_RUPTURE_KIND_OTHER                  = 1 << 9,
} AttuneRuptureKind;

#define ATTUNE_RUPTURE_KIND_ALL ((1 << 10) - 1)

/* "Did I say something?" */
typedef enum
{
  ATTUNE_SPOKE_UP_UNSET,
  ATTUNE_SPOKE_UP_YES,
  ATTUNE_SPOKE_UP_PARTLY,
  ATTUNE_SPOKE_UP_NO,
} AttuneSpokeUp;

/* What I want to do now; several may apply. */
typedef enum /*< flags >*/
{
  ATTUNE_PLAN_NONE          = 0,
  ATTUNE_PLAN_BRING_UP      = 1 << 0,
  ATTUNE_PLAN_WRITE_MESSAGE = 1 << 1,
  ATTUNE_PLAN_WAIT          = 1 << 2,
  ATTUNE_PLAN_LET_GO        = 1 << 3,
} AttunePlan;

#define ATTUNE_PLAN_ALL ((1 << 4) - 1)

/* Where a rupture stands. NONE: the check-in had no rupture. */
typedef enum
{
  ATTUNE_REPAIR_NONE,
  ATTUNE_REPAIR_OPEN,
  ATTUNE_REPAIR_IN_PROGRESS,
  ATTUNE_REPAIR_REPAIRED,
  ATTUNE_REPAIR_LET_GO,
} AttuneRepairStatus;

/* Answers to "Did you raise it?" in a follow-up. */
typedef enum
{
  ATTUNE_FOLLOW_UP_NOT_YET,
  ATTUNE_FOLLOW_UP_BETTER,
  ATTUNE_FOLLOW_UP_UNRESOLVED,
  ATTUNE_FOLLOW_UP_LET_GO,
} AttuneFollowUp;

/**
 * AttuneRepairEvent:
 * @at: when, UTC unix microseconds
 * @status: the status from then on
 * @note: (nullable): what the person wrote
 *
 * One dated step in a rupture's history.
 */
typedef struct
{
  gint64              at;
  AttuneRepairStatus  status;
  char               *note;
} AttuneRepairEvent;

void attune_repair_event_free (AttuneRepairEvent *event);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttuneRepairEvent, attune_repair_event_free)

#define ATTUNE_TYPE_CHECK_IN (attune_check_in_get_type ())

G_DECLARE_FINAL_TYPE (AttuneCheckIn, attune_check_in, ATTUNE, CHECK_IN, GObject)

AttuneCheckIn      *attune_check_in_new                (void);
AttuneCheckIn      *attune_check_in_copy               (AttuneCheckIn      *self);

/* The entry in the timeline this check-in is (0 until saved). */
gint64              attune_check_in_get_entry_id       (AttuneCheckIn      *self);
const char         *attune_check_in_get_uuid           (AttuneCheckIn      *self);

/* 1. The session */
gint64              attune_check_in_get_session_at     (AttuneCheckIn      *self);
void                attune_check_in_set_session_at     (AttuneCheckIn      *self,
                                                        gint64              session_at);
AttuneSessionMode   attune_check_in_get_mode           (AttuneCheckIn      *self);
void                attune_check_in_set_mode           (AttuneCheckIn      *self,
                                                        AttuneSessionMode   mode);
/* 2. How it felt: each ATTUNE_SCALE_SKIPPED, ATTUNE_SCALE_NOT_SURE or 1..5 */
int                 attune_check_in_get_connected      (AttuneCheckIn      *self);
void                attune_check_in_set_connected      (AttuneCheckIn      *self,
                                                        int                 value);
int                 attune_check_in_get_heard          (AttuneCheckIn      *self);
void                attune_check_in_set_heard          (AttuneCheckIn      *self,
                                                        int                 value);
int                 attune_check_in_get_mattered       (AttuneCheckIn      *self);
void                attune_check_in_set_mattered       (AttuneCheckIn      *self,
                                                        int                 value);
int                 attune_check_in_get_suited         (AttuneCheckIn      *self);
void                attune_check_in_set_suited         (AttuneCheckIn      *self,
                                                        int                 value);
/* 3-4. The rupture */
AttuneRuptureAnswer attune_check_in_get_rupture        (AttuneCheckIn      *self);
void                attune_check_in_set_rupture        (AttuneCheckIn      *self,
                                                        AttuneRuptureAnswer rupture);
AttuneRuptureKind   attune_check_in_get_kinds          (AttuneCheckIn      *self);
void                attune_check_in_set_kinds          (AttuneCheckIn      *self,
                                                        AttuneRuptureKind   kinds);
const char         *attune_check_in_get_other_kind     (AttuneCheckIn      *self);
void                attune_check_in_set_other_kind     (AttuneCheckIn      *self,
                                                        const char         *text);
int                 attune_check_in_get_intensity      (AttuneCheckIn      *self);
void                attune_check_in_set_intensity      (AttuneCheckIn      *self,
                                                        int                 value);
/* 5. In my own words */
const char         *attune_check_in_get_what_happened  (AttuneCheckIn      *self);
void                attune_check_in_set_what_happened  (AttuneCheckIn      *self,
                                                        const char         *text);
const char         *attune_check_in_get_felt           (AttuneCheckIn      *self);
void                attune_check_in_set_felt           (AttuneCheckIn      *self,
                                                        const char         *text);
const char         *attune_check_in_get_needed         (AttuneCheckIn      *self);
void                attune_check_in_set_needed         (AttuneCheckIn      *self,
                                                        const char         *text);
/* 6. By the end */
int                 attune_check_in_get_resolved       (AttuneCheckIn      *self);
void                attune_check_in_set_resolved       (AttuneCheckIn      *self,
                                                        int                 value);
AttuneSpokeUp       attune_check_in_get_spoke_up       (AttuneCheckIn      *self);
void                attune_check_in_set_spoke_up       (AttuneCheckIn      *self,
                                                        AttuneSpokeUp       spoke_up);
/* 7. What next */
AttunePlan          attune_check_in_get_plan           (AttuneCheckIn      *self);
void                attune_check_in_set_plan           (AttuneCheckIn      *self,
                                                        AttunePlan          plan);
const char         *attune_check_in_get_message        (AttuneCheckIn      *self);
void                attune_check_in_set_message        (AttuneCheckIn      *self,
                                                        const char         *text);
/* Repair (kept by the store; read-only here) */
AttuneRepairStatus  attune_check_in_get_repair_status  (AttuneCheckIn      *self);
gboolean            attune_check_in_get_damaged        (AttuneCheckIn      *self);

/* Derived */
gboolean            attune_check_in_has_rupture        (AttuneCheckIn      *self);
AttuneRepairStatus  attune_repair_status_after         (AttuneRepairStatus  current,
                                                        AttuneFollowUp      answer);

/* Drafts: the whole state as text, for the drafts table */
char               *attune_check_in_serialize          (AttuneCheckIn      *self);
AttuneCheckIn      *attune_check_in_deserialize        (const char         *text,
                                                        GError            **error);

G_END_DECLS

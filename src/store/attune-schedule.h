/* attune-schedule.h
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define ATTUNE_SCHEDULE_ERROR (attune_schedule_error_quark ())

/**
 * AttuneScheduleError:
 * @ATTUNE_SCHEDULE_ERROR_INVALID_WEEKDAY: the weekday is not 1 (Monday) to 7 (Sunday)
 * @ATTUNE_SCHEDULE_ERROR_INVALID_TIME: the start time is not a time of day
 * @ATTUNE_SCHEDULE_ERROR_INVALID_LENGTH: the length is not 10 to 600 minutes
 * @ATTUNE_SCHEDULE_ERROR_INVALID_INTERVAL: the interval is not 1, 2 or 4 weeks
 * @ATTUNE_SCHEDULE_ERROR_INVALID_ANCHOR: the anchor is not a `YYYY-MM-DD` day, or is
 *   missing where every two or four weeks needs it
 *
 * Why a schedule could not be built.
 */
typedef enum
{
  ATTUNE_SCHEDULE_ERROR_INVALID_WEEKDAY,
  ATTUNE_SCHEDULE_ERROR_INVALID_TIME,
  ATTUNE_SCHEDULE_ERROR_INVALID_LENGTH,
  ATTUNE_SCHEDULE_ERROR_INVALID_INTERVAL,
  ATTUNE_SCHEDULE_ERROR_INVALID_ANCHOR,
} AttuneScheduleError;

#define ATTUNE_SCHEDULE_MIN_LENGTH 10
#define ATTUNE_SCHEDULE_MAX_LENGTH 600
#define ATTUNE_SCHEDULE_MAX_DELAY  1440

/* Sessions that ended longer ago than this are not reminded about. */
#define ATTUNE_SCHEDULE_DUE_WINDOW (3 * G_TIME_SPAN_DAY)

#define ATTUNE_TYPE_SCHEDULE (attune_schedule_get_type ())

typedef struct _AttuneSchedule AttuneSchedule;

GQuark           attune_schedule_error_quark          (void);
GType            attune_schedule_get_type             (void) G_GNUC_CONST;

AttuneSchedule  *attune_schedule_new                  (gboolean         regular,
                                                       GDateWeekday     weekday,
                                                       int              hour,
                                                       int              minute,
                                                       int              length_minutes,
                                                       int              interval_weeks,
                                                       const char      *anchor,
                                                       GTimeZone       *tz,
                                                       GError         **error);
AttuneSchedule  *attune_schedule_new_from_settings    (GSettings       *settings,
                                                       GTimeZone       *tz,
                                                       GDateTime       *now,
                                                       GError         **error);
AttuneSchedule  *attune_schedule_ref                  (AttuneSchedule  *self);
void             attune_schedule_unref                (AttuneSchedule  *self);

gboolean         attune_schedule_is_regular           (AttuneSchedule  *self);
GDateWeekday     attune_schedule_get_weekday          (AttuneSchedule  *self);
int              attune_schedule_get_hour             (AttuneSchedule  *self);
int              attune_schedule_get_minute           (AttuneSchedule  *self);
int              attune_schedule_get_length_minutes   (AttuneSchedule  *self);
int              attune_schedule_get_interval_weeks   (AttuneSchedule  *self);
const char      *attune_schedule_get_anchor           (AttuneSchedule  *self);
GTimeZone       *attune_schedule_get_timezone         (AttuneSchedule  *self);

GDateTime       *attune_schedule_next_start           (AttuneSchedule  *self,
                                                       GDateTime       *after);
GDateTime       *attune_schedule_previous_start       (AttuneSchedule  *self,
                                                       GDateTime       *before);
GDateTime       *attune_schedule_end                  (AttuneSchedule  *self,
                                                       GDateTime       *start);
GDateTime       *attune_schedule_due_check_in         (AttuneSchedule  *self,
                                                       GDateTime       *now,
                                                       int              delay_minutes);
char            *attune_schedule_describe             (AttuneSchedule  *self);

gboolean         attune_schedule_parse_time           (const char      *text,
                                                       int             *hour,
                                                       int             *minute);
char            *attune_schedule_dup_default_anchor   (GDateWeekday     weekday,
                                                       GDateTime       *now);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttuneSchedule, attune_schedule_unref)

G_END_DECLS

/* attune-reminder.h
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "attune-schedule.h"

G_BEGIN_DECLS

/**
 * AttuneReminderAction:
 * @ATTUNE_REMINDER_QUIET: nothing is due: hide the banner and withdraw any notification
 * @ATTUNE_REMINDER_BANNER: a session is due: show the banner, send nothing new
 * @ATTUNE_REMINDER_NOTIFY: a session is due and was never notified about: show the
 *   banner and send the notification now
 *
 * What the application should do after a reminder check.
 */
typedef enum
{
  ATTUNE_REMINDER_QUIET,
  ATTUNE_REMINDER_BANNER,
  ATTUNE_REMINDER_NOTIFY,
} AttuneReminderAction;

/**
 * AttuneReminderCheckInFunc:
 * @from: the start of the session
 * @to: the start of the session after it
 * @user_data: closure data
 * @error: return location for an error
 *
 * Returns: %TRUE when a check-in exists in [@from, @to); %FALSE with @error unset
 *   when there is none, %FALSE with @error set when that could not be found out
 */
typedef gboolean (*AttuneReminderCheckInFunc) (GDateTime  *from,
                                               GDateTime  *to,
                                               gpointer    user_data,
                                               GError    **error);

AttuneReminderAction attune_reminder_decide         (AttuneSchedule            *schedule,
                                                     GDateTime                 *now,
                                                     int                        delay_minutes,
                                                     gboolean                   reminders_enabled,
                                                     const char                *last_reminded,
                                                     AttuneReminderCheckInFunc  has_check_in,
                                                     gpointer                   user_data,
                                                     GDateTime                **session_start,
                                                     GError                   **error);
char                *attune_reminder_dup_session_id (GDateTime                 *session_start);
gboolean             attune_reminder_is_session     (const char                *session_id,
                                                     GDateTime                 *session_start);
char                *attune_reminder_dup_body       (GDateTime                 *session_start);

G_END_DECLS

/* attune-check-in-text.h
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "attune-check-in.h"

G_BEGIN_DECLS

const char *attune_session_mode_label   (AttuneSessionMode   mode);
const char *attune_rupture_answer_label (AttuneRuptureAnswer answer);
const char *attune_rupture_kind_label   (AttuneRuptureKind   kind);
const char *attune_spoke_up_label       (AttuneSpokeUp       spoke_up);
const char *attune_plan_label           (AttunePlan          plan);
const char *attune_repair_status_label  (AttuneRepairStatus  status);
const char *attune_follow_up_label      (AttuneFollowUp      answer);
char       *attune_format_instant       (gint64              instant);
char       *attune_check_in_dup_summary (AttuneCheckIn      *check_in);

G_END_DECLS

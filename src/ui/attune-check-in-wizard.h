/* attune-check-in-wizard.h
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "attune-check-in-flow.h"
#include "attune-store.h"

G_BEGIN_DECLS

#define ATTUNE_CHECK_IN_DRAFT_KEY "check-in"

#define ATTUNE_TYPE_CHECK_IN_WIZARD (attune_check_in_wizard_get_type ())

G_DECLARE_FINAL_TYPE (AttuneCheckInWizard, attune_check_in_wizard, ATTUNE, CHECK_IN_WIZARD, AdwWindow)

AttuneCheckInWizard *attune_check_in_wizard_new      (AttuneStore         *store,
                                                      AttuneCheckInFlow   *flow,
                                                      GError             **error);
AttuneCheckInFlow   *attune_check_in_wizard_get_flow (AttuneCheckInWizard *self);
AttuneCheckInFlow   *attune_check_in_wizard_create_flow (AttuneStore      *store,
                                                      GDateTime           *session_start,
                                                      GError             **error);

G_END_DECLS

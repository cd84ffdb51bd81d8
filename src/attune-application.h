/* attune-application.h
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "attune-store.h"

G_BEGIN_DECLS

#define ATTUNE_TYPE_APPLICATION (attune_application_get_type ())

G_DECLARE_FINAL_TYPE (AttuneApplication, attune_application, ATTUNE, APPLICATION, AdwApplication)

AttuneApplication *attune_application_new          (void);
AttuneStore       *attune_application_get_store    (AttuneApplication *self);
const GError      *attune_application_get_store_error (AttuneApplication *self);
GSettings         *attune_application_get_settings (AttuneApplication *self);

G_END_DECLS

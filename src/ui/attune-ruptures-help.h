/* attune-ruptures-help.h
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ATTUNE_TYPE_RUPTURES_HELP (attune_ruptures_help_get_type ())

G_DECLARE_FINAL_TYPE (AttuneRupturesHelp, attune_ruptures_help, ATTUNE, RUPTURES_HELP, AdwWindow)

GtkWindow *attune_ruptures_help_new (void);

G_END_DECLS

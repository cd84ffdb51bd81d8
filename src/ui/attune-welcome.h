/* attune-welcome.h
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define ATTUNE_TYPE_WELCOME (attune_welcome_get_type ())

G_DECLARE_FINAL_TYPE (AttuneWelcome, attune_welcome, ATTUNE, WELCOME, GtkWidget)

GtkWidget *attune_welcome_new (void);

G_END_DECLS

/* attune-lock-page.h
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define ATTUNE_TYPE_LOCK_PAGE (attune_lock_page_get_type ())

G_DECLARE_FINAL_TYPE (AttuneLockPage, attune_lock_page, ATTUNE, LOCK_PAGE, GtkWidget)

GtkWidget *attune_lock_page_new (const char *journal_path);

G_END_DECLS

/* attune-backups-page.h
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ATTUNE_TYPE_BACKUPS_PAGE (attune_backups_page_get_type ())

G_DECLARE_FINAL_TYPE (AttuneBackupsPage, attune_backups_page, ATTUNE, BACKUPS_PAGE, AdwPreferencesPage)

GtkWidget *attune_backups_page_new        (const char        *journal_path);
guint      attune_backups_page_get_n_rows (AttuneBackupsPage *self);

G_END_DECLS

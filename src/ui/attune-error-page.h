/* attune-error-page.h
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define ATTUNE_TYPE_ERROR_PAGE (attune_error_page_get_type ())

G_DECLARE_FINAL_TYPE (AttuneErrorPage, attune_error_page, ATTUNE, ERROR_PAGE, GtkWidget)

GtkWidget    *attune_error_page_new       (void);
void          attune_error_page_set_error (AttuneErrorPage *self,
                                           const GError    *error,
                                           const char      *path);
const char   *attune_error_page_get_title (AttuneErrorPage *self);

G_END_DECLS

/* attune-ui-utils.h
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

char  *attune_format_day       (const char *day);
char **attune_parse_tags       (const char *text);
char  *attune_join_tags        (const char * const *tags);
void   attune_name_icon_buttons (GtkWidget  *widget,
                                 const char *name);

G_END_DECLS

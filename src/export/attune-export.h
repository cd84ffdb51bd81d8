/* attune-export.h
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "attune-store.h"

G_BEGIN_DECLS

char *attune_export_entry_to_markdown (AttuneEntry *entry);

G_END_DECLS

/* attune-report-private.h
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "attune-report.h"

G_BEGIN_DECLS

/* A report is a flat list of blocks, built once from the store. The Markdown
 * writer and the page layout both walk the same list, so the text export and
 * the PDF have the same content in the same order. */
typedef enum
{
  ATTUNE_BLOCK_TITLE,       /* the document title (Markdown #) */
  ATTUNE_BLOCK_META,        /* muted lines under the title: range, date written */
  ATTUNE_BLOCK_RULE,        /* the thin rule under the title (not in Markdown) */
  ATTUNE_BLOCK_HEADING,     /* a section (##) */
  ATTUNE_BLOCK_SUBHEADING,  /* an entry or a session (###) */
  ATTUNE_BLOCK_DATE,        /* a muted line under a subheading */
  ATTUNE_BLOCK_LABEL,       /* a bold lead-in such as "What happened" */
  ATTUNE_BLOCK_PARAGRAPH,   /* running text; may hold several paragraphs */
  ATTUNE_BLOCK_QUOTE,       /* a message draft, set off */
  ATTUNE_BLOCK_ITEM,        /* one list item */
  ATTUNE_BLOCK_CHART,       /* the connection trend (the summary follows as a paragraph) */
} AttuneBlockKind;

typedef enum
{
  ATTUNE_MARK_BULLET,
  ATTUNE_MARK_UNDONE,       /* ☐, "- [ ]" */
  ATTUNE_MARK_DONE,         /* ☑, "- [x]" */
} AttuneItemMark;

typedef struct
{
  AttuneBlockKind  kind;
  AttuneItemMark   mark;
  char            *text;
} AttuneReportBlock;

const AttuneReportBlock *_attune_report_get_blocks (AttuneReport *self,
                                                   guint        *n_blocks);
gint64                   _attune_report_get_created_at (AttuneReport *self);

G_END_DECLS

/* attune-check-in-flow.h
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "attune-check-in.h"

G_BEGIN_DECLS

/* The wizard's pages, in order. Which of them show depends on the answers. */
typedef enum
{
  ATTUNE_CHECK_IN_PAGE_FOLLOW_UP,
  ATTUNE_CHECK_IN_PAGE_SESSION,
  ATTUNE_CHECK_IN_PAGE_FEELINGS,
  ATTUNE_CHECK_IN_PAGE_RUPTURE,
  ATTUNE_CHECK_IN_PAGE_KINDS,
  ATTUNE_CHECK_IN_PAGE_WORDS,
  ATTUNE_CHECK_IN_PAGE_ENDING,
  ATTUNE_CHECK_IN_PAGE_PLAN,
  ATTUNE_CHECK_IN_PAGE_SUMMARY,
  ATTUNE_CHECK_IN_N_PAGES
} AttuneCheckInPage;

#define ATTUNE_TYPE_CHECK_IN_FLOW (attune_check_in_flow_get_type ())

G_DECLARE_FINAL_TYPE (AttuneCheckInFlow, attune_check_in_flow, ATTUNE, CHECK_IN_FLOW, GObject)

AttuneCheckInFlow *attune_check_in_flow_new              (AttuneCheckIn      *check_in,
                                                          gboolean            has_follow_up);
AttuneCheckIn     *attune_check_in_flow_get_check_in     (AttuneCheckInFlow  *self);
gboolean           attune_check_in_flow_get_has_follow_up (AttuneCheckInFlow *self);
AttuneCheckInPage  attune_check_in_flow_get_page         (AttuneCheckInFlow  *self);
gboolean           attune_check_in_flow_page_is_shown    (AttuneCheckInFlow  *self,
                                                          AttuneCheckInPage   page);
guint              attune_check_in_flow_get_step         (AttuneCheckInFlow  *self);
guint              attune_check_in_flow_get_n_steps      (AttuneCheckInFlow  *self);
gboolean           attune_check_in_flow_can_go_back      (AttuneCheckInFlow  *self);
gboolean           attune_check_in_flow_is_last          (AttuneCheckInFlow  *self);
gboolean           attune_check_in_flow_next             (AttuneCheckInFlow  *self);
gboolean           attune_check_in_flow_back             (AttuneCheckInFlow  *self);

/* Answers about earlier ruptures and the list for this session (the follow-up page). */
void               attune_check_in_flow_set_follow_up    (AttuneCheckInFlow  *self,
                                                          gint64              entry_id,
                                                          AttuneFollowUp      answer,
                                                          const char         *note);
gboolean           attune_check_in_flow_get_follow_up    (AttuneCheckInFlow  *self,
                                                          gint64              entry_id,
                                                          AttuneFollowUp     *answer,
                                                          const char        **note);
GArray            *attune_check_in_flow_dup_follow_up_ids (AttuneCheckInFlow *self);
void               attune_check_in_flow_set_discussed    (AttuneCheckInFlow  *self,
                                                          gint64              agenda_id,
                                                          gboolean            discussed);
gboolean           attune_check_in_flow_get_discussed    (AttuneCheckInFlow  *self,
                                                          gint64              agenda_id);
GArray            *attune_check_in_flow_dup_discussed_ids (AttuneCheckInFlow *self);

/* Drafts */
char              *attune_check_in_flow_serialize        (AttuneCheckInFlow  *self);
AttuneCheckInFlow *attune_check_in_flow_deserialize      (const char         *text,
                                                          GError            **error);

G_END_DECLS

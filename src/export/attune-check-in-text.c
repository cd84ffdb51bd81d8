/* attune-check-in-text.c
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "attune-check-in-text.h"

/* The words for a check-in's answers, shared by the wizard's summary, the check-in's page
 * in the timeline and the reports a person takes to their session. */

const char *
attune_session_mode_label (AttuneSessionMode mode)
{
  switch (mode)
    {
    case ATTUNE_SESSION_MODE_IN_PERSON: return _("In person");
    case ATTUNE_SESSION_MODE_VIDEO: return _("Video call");
    case ATTUNE_SESSION_MODE_PHONE: return _("Phone call");
    case ATTUNE_SESSION_MODE_UNSET:
    default: return NULL;
    }
}

const char *
attune_rupture_answer_label (AttuneRuptureAnswer answer)
{
  switch (answer)
    {
    case ATTUNE_RUPTURE_YES: return C_("moment felt off", "Yes");
    case ATTUNE_RUPTURE_NO: return C_("moment felt off", "No");
    case ATTUNE_RUPTURE_NOT_SURE: return C_("moment felt off", "Not sure");
    case ATTUNE_RUPTURE_UNSET:
    default: return NULL;
    }
}

/**
 * attune_rupture_kind_label:
 * @kind: one kind (a single flag)
 *
 * Returns: (transfer none) (nullable): the words for @kind, in the first person
 */
const char *
attune_rupture_kind_label (AttuneRuptureKind kind)
{
  switch ((int) kind)
    {
    case ATTUNE_RUPTURE_KIND_MISUNDERSTOOD: return _("I felt misunderstood or unheard");
    case ATTUNE_RUPTURE_KIND_JUDGED: return _("I felt judged or criticized");
    case ATTUNE_RUPTURE_KIND_CONCERNS_NOT_ADDRESSED: return _("My concerns weren’t addressed");
    case ATTUNE_RUPTURE_KIND_MISMATCH: return _("Our styles or values didn’t match");
    case ATTUNE_RUPTURE_KIND_DISTRACTED: return _("My therapist seemed distracted");
    case ATTUNE_RUPTURE_KIND_HELD_BACK: return _("I held back or went quiet");
    case ATTUNE_RUPTURE_KIND_WENT_ALONG: return _("I went along with something I didn’t agree with");
    case ATTUNE_RUPTURE_KIND_CHANGED_SUBJECT: return _("I changed the subject");
    case ATTUNE_RUPTURE_KIND_THOUGHT_OF_LEAVING: return _("I thought about not coming back");
    case ATTUNE_RUPTURE_KIND_OTHER: return _("Something else");
    default: return NULL;
    }
}

const char *
attune_spoke_up_label (AttuneSpokeUp spoke_up)
{
  switch (spoke_up)
    {
    case ATTUNE_SPOKE_UP_YES: return C_("spoke up", "Yes");
    case ATTUNE_SPOKE_UP_PARTLY: return C_("spoke up", "Partly");
    case ATTUNE_SPOKE_UP_NO: return C_("spoke up", "No");
    case ATTUNE_SPOKE_UP_UNSET:
    default: return NULL;
    }
}

const char *
attune_plan_label (AttunePlan plan)
{
  switch ((int) plan)
    {
    case ATTUNE_PLAN_BRING_UP: return _("Bring it up next session");
    case ATTUNE_PLAN_WRITE_MESSAGE: return _("Write a message to my therapist");
    case ATTUNE_PLAN_WAIT: return _("Wait and see");
    case ATTUNE_PLAN_LET_GO: return _("Let it go");
    default: return NULL;
    }
}

/**
 * attune_repair_status_label:
 * @status: where a rupture stands
 *
 * Returns: (transfer none): the badge text for @status
 */
const char *
attune_repair_status_label (AttuneRepairStatus status)
{
  switch (status)
    {
    case ATTUNE_REPAIR_OPEN: return _("Open rupture");
    case ATTUNE_REPAIR_IN_PROGRESS: return _("Being repaired");
    case ATTUNE_REPAIR_REPAIRED: return _("Repaired");
    case ATTUNE_REPAIR_LET_GO: return _("Let go");
    case ATTUNE_REPAIR_NONE:
    default: return _("No rupture");
    }
}

const char *
attune_follow_up_label (AttuneFollowUp answer)
{
  switch (answer)
    {
    case ATTUNE_FOLLOW_UP_NOT_YET: return _("Not yet");
    case ATTUNE_FOLLOW_UP_BETTER: return _("Yes, and it feels better");
    case ATTUNE_FOLLOW_UP_UNRESOLVED: return _("Yes, but it still feels unresolved");
    case ATTUNE_FOLLOW_UP_LET_GO: return _("I’ve decided to let it go");
    default: return NULL;
    }
}

/**
 * attune_format_instant:
 * @instant: UTC unix microseconds
 *
 * Returns: (transfer full): @instant in local time, as a person reads a date and time
 */
char *
attune_format_instant (gint64 instant)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (instant / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup ("");

  local = g_date_time_to_local (utc);
  /* Translators: a session's date and time, see strftime(3) */
  return g_date_time_format (local, _("%A, %-d %B %Y at %H:%M"));
}

static void
append_scale (GString    *out,
              const char *question,
              int         value)
{
  static const char * const steps[] = { "", "1", "2", "3", "4", "5" };

  if (value == ATTUNE_SCALE_SKIPPED)
    return;

  if (value == ATTUNE_SCALE_NOT_SURE)
    g_string_append_printf (out, "%s %s\n", question, _("Not sure"));
  else
    /* Translators: a question, then an answer such as "4 of 5" */
    g_string_append_printf (out, _("%s %s of 5\n"), question, steps[value]);
}

static void
append_text (GString    *out,
             const char *heading,
             const char *text)
{
  if (text == NULL || *text == '\0')
    return;

  g_string_append_printf (out, "%s\n%s\n", heading, text);
}

/**
 * attune_check_in_dup_summary:
 * @check_in: a check-in
 *
 * Returns: (transfer full): what was answered, in plain text lines; skipped questions
 *   are left out
 */
char *
attune_check_in_dup_summary (AttuneCheckIn *check_in)
{
  GString *out;
  AttuneRuptureKind kinds;
  AttunePlan plan;
  const char *label;

  g_return_val_if_fail (ATTUNE_IS_CHECK_IN (check_in), NULL);

  out = g_string_new (NULL);

  if (attune_check_in_get_session_at (check_in) != 0)
    {
      g_autofree char *when = attune_format_instant (attune_check_in_get_session_at (check_in));
      g_string_append_printf (out, _("Session: %s"), when);
      if ((label = attune_session_mode_label (attune_check_in_get_mode (check_in))) != NULL)
        g_string_append_printf (out, " (%s)", label);
      g_string_append_c (out, '\n');
    }

  append_scale (out, _("Connected:"), attune_check_in_get_connected (check_in));
  append_scale (out, _("Heard and understood:"), attune_check_in_get_heard (check_in));
  append_scale (out, _("Worked on what mattered:"), attune_check_in_get_mattered (check_in));
  append_scale (out, _("The way we worked suited me:"), attune_check_in_get_suited (check_in));

  if ((label = attune_rupture_answer_label (attune_check_in_get_rupture (check_in))) != NULL)
    g_string_append_printf (out, _("A moment that felt off: %s\n"), label);

  if (attune_check_in_has_rupture (check_in))
    {
      kinds = attune_check_in_get_kinds (check_in);
      for (guint bit = 0; bit < 10; bit++)
        if (kinds & (1u << bit))
          {
            if ((1u << bit) == ATTUNE_RUPTURE_KIND_OTHER && *attune_check_in_get_other_kind (check_in) != '\0')
              g_string_append_printf (out, "• %s: %s\n", attune_rupture_kind_label (1u << bit),
                                      attune_check_in_get_other_kind (check_in));
            else
              g_string_append_printf (out, "• %s\n", attune_rupture_kind_label (1u << bit));
          }

      append_scale (out, _("How strong:"), attune_check_in_get_intensity (check_in));
      append_text (out, _("What happened:"), attune_check_in_get_what_happened (check_in));
      append_text (out, _("What I felt:"), attune_check_in_get_felt (check_in));
      append_text (out, _("What I needed:"), attune_check_in_get_needed (check_in));
      append_scale (out, _("Resolved by the end:"), attune_check_in_get_resolved (check_in));

      if ((label = attune_spoke_up_label (attune_check_in_get_spoke_up (check_in))) != NULL)
        g_string_append_printf (out, _("I said something: %s\n"), label);

      plan = attune_check_in_get_plan (check_in);
      for (guint bit = 0; bit < 4; bit++)
        if (plan & (1u << bit))
          g_string_append_printf (out, _("Plan: %s\n"), attune_plan_label (1u << bit));

      if (plan & ATTUNE_PLAN_WRITE_MESSAGE)
        append_text (out, _("My message:"), attune_check_in_get_message (check_in));
    }

  if (out->len == 0)
    g_string_append (out, _("Nothing answered yet. That’s fine: you can still save, or go back."));

  return g_string_free (out, FALSE);
}

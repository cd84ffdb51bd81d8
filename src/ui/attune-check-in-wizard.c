/* attune-check-in-wizard.c
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "attune-check-in-text.h"
#include "attune-check-in-wizard.h"
#include "attune-scale-chooser.h"
#include "attune-ui-utils.h"

/* The check-in after a session. The pages are fixed in the template; AttuneCheckInFlow
 * decides which of them show and keeps the answers, and after every page the whole state
 * is written to the drafts table so that a closed window or a crash loses nothing. */

static const char * const page_names[ATTUNE_CHECK_IN_N_PAGES] = {
  "follow_up", "session", "feelings", "rupture", "kinds", "words", "ending", "plan", "summary",
};

typedef struct
{
  AttuneRuptureKind  kind;
  const char        *widget;
} KindWidget;

static const KindWidget kind_widgets[] = {
  { ATTUNE_RUPTURE_KIND_MISUNDERSTOOD, "kind_misunderstood" },
  { ATTUNE_RUPTURE_KIND_JUDGED, "kind_judged" },
  { ATTUNE_RUPTURE_KIND_CONCERNS_NOT_ADDRESSED, "kind_concerns" },
  { ATTUNE_RUPTURE_KIND_MISMATCH, "kind_mismatch" },
  { ATTUNE_RUPTURE_KIND_DISTRACTED, "kind_distracted" },
  { ATTUNE_RUPTURE_KIND_HELD_BACK, "kind_held_back" },
  { ATTUNE_RUPTURE_KIND_WENT_ALONG, "kind_went_along" },
  { ATTUNE_RUPTURE_KIND_CHANGED_SUBJECT, "kind_changed_subject" },
  { ATTUNE_RUPTURE_KIND_THOUGHT_OF_LEAVING, "kind_leaving" },
  { ATTUNE_RUPTURE_KIND_OTHER, "kind_other" },
};

typedef struct
{
  AttunePlan  plan;
  const char *widget;
} PlanWidget;

static const PlanWidget plan_widgets[] = {
  { ATTUNE_PLAN_BRING_UP, "plan_bring_up" },
  { ATTUNE_PLAN_WRITE_MESSAGE, "plan_message" },
  { ATTUNE_PLAN_WAIT, "plan_wait" },
  { ATTUNE_PLAN_LET_GO, "plan_let_go" },
};

/* Gentle openings a person can insert into their message, in our own words. */
static const struct {
  const char *button;
  const char *text;
} starters[] = {
  { N_("Start gently"), N_("This isn’t easy for me to say, but I’d like to tell you about something from our last session. ") },
  { N_("Name the moment"), N_("When we were talking about …, I noticed something shifted for me. ") },
  { N_("Name the feeling"), N_("In that moment I felt … ") },
  { N_("Name the wish"), N_("What would help me is … ") },
};

struct _AttuneCheckInWizard
{
  AdwWindow           parent_instance;

  AttuneStore        *store;
  AttuneCheckInFlow  *flow;
  AttuneCheckIn      *check_in;
  guint               draft_timeout_id;
  GPtrArray          *open_ruptures;   /* AttuneCheckIn, asked about on the first page */
  GPtrArray          *agenda_items;    /* AttuneAgendaItem, undone when the check-in began */
  gboolean            loading;
  gboolean            saved;

  /* Template widgets */
  AdwWindowTitle     *window_title;
  GtkWidget          *back_button;
  GtkButton          *next_button;
  GtkStack           *stack;
  GtkWidget          *dots_box;
  GtkWidget          *follow_up_box;
  GtkMenuButton      *day_button;
  GtkPopover         *day_popover;
  GtkCalendar        *calendar;
  GtkSpinButton      *hour_spin;
  GtkSpinButton      *minute_spin;
  GtkCheckButton     *mode_in_person;
  GtkCheckButton     *mode_video;
  GtkCheckButton     *mode_phone;
  AttuneScaleChooser *connected_scale;
  AttuneScaleChooser *heard_scale;
  AttuneScaleChooser *mattered_scale;
  AttuneScaleChooser *suited_scale;
  GtkCheckButton     *rupture_yes;
  GtkCheckButton     *rupture_no;
  GtkCheckButton     *rupture_not_sure;
  GtkRevealer        *other_revealer;
  GtkEntry           *other_entry;
  AttuneScaleChooser *intensity_scale;
  GtkTextView        *happened_view;
  GtkTextView        *felt_view;
  GtkTextView        *needed_view;
  AttuneScaleChooser *resolved_scale;
  GtkCheckButton     *spoke_yes;
  GtkCheckButton     *spoke_partly;
  GtkCheckButton     *spoke_no;
  GtkRevealer        *message_revealer;
  GtkWidget          *starters_box;
  GtkTextView        *message_view;
  GtkLabel           *summary_label;
};

G_DEFINE_FINAL_TYPE (AttuneCheckInWizard, attune_check_in_wizard, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GtkCheckButton *
get_check (AttuneCheckInWizard *self,
           const char          *name)
{
  return GTK_CHECK_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (self), ATTUNE_TYPE_CHECK_IN_WIZARD, name));
}

static char *
dup_text_view (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
set_text_view (GtkTextView *view,
               const char  *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text != NULL ? text : "", -1);
}

static GDateTime *
dup_session_time (AttuneCheckInWizard *self)
{
  g_autoptr(GDateTime) day = gtk_calendar_get_date (self->calendar);

  return g_date_time_new_local (g_date_time_get_year (day),
                                g_date_time_get_month (day),
                                g_date_time_get_day_of_month (day),
                                gtk_spin_button_get_value_as_int (self->hour_spin),
                                gtk_spin_button_get_value_as_int (self->minute_spin),
                                0);
}

static void
update_day_button (AttuneCheckInWizard *self)
{
  g_autoptr(GDateTime) day = gtk_calendar_get_date (self->calendar);
  g_autofree char *iso = g_date_time_format (day, "%Y-%m-%d");
  g_autofree char *label = attune_format_day (iso);
  g_autofree char *accessible = g_strdup_printf (_("Day of the session: %s"), label);

  gtk_menu_button_set_label (self->day_button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->day_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

/* Copies every answer on screen into the check-in. */
static void
collect_answers (AttuneCheckInWizard *self)
{
  AttuneCheckIn *c = self->check_in;
  g_autoptr(GDateTime) when = dup_session_time (self);
  g_autofree char *happened = dup_text_view (self->happened_view);
  g_autofree char *felt = dup_text_view (self->felt_view);
  g_autofree char *needed = dup_text_view (self->needed_view);
  g_autofree char *message = dup_text_view (self->message_view);
  AttuneRuptureKind kinds = 0;
  AttunePlan plan = 0;

  if (when != NULL)
    attune_check_in_set_session_at (c, g_date_time_to_unix (when) * G_USEC_PER_SEC);

  if (gtk_check_button_get_active (self->mode_in_person))
    attune_check_in_set_mode (c, ATTUNE_SESSION_MODE_IN_PERSON);
  else if (gtk_check_button_get_active (self->mode_video))
    attune_check_in_set_mode (c, ATTUNE_SESSION_MODE_VIDEO);
  else if (gtk_check_button_get_active (self->mode_phone))
    attune_check_in_set_mode (c, ATTUNE_SESSION_MODE_PHONE);
  else
    attune_check_in_set_mode (c, ATTUNE_SESSION_MODE_UNSET);

  attune_check_in_set_connected (c, attune_scale_chooser_get_value (self->connected_scale));
  attune_check_in_set_heard (c, attune_scale_chooser_get_value (self->heard_scale));
  attune_check_in_set_mattered (c, attune_scale_chooser_get_value (self->mattered_scale));
  attune_check_in_set_suited (c, attune_scale_chooser_get_value (self->suited_scale));

  if (gtk_check_button_get_active (self->rupture_yes))
    attune_check_in_set_rupture (c, ATTUNE_RUPTURE_YES);
  else if (gtk_check_button_get_active (self->rupture_no))
    attune_check_in_set_rupture (c, ATTUNE_RUPTURE_NO);
  else if (gtk_check_button_get_active (self->rupture_not_sure))
    attune_check_in_set_rupture (c, ATTUNE_RUPTURE_NOT_SURE);
  else
    attune_check_in_set_rupture (c, ATTUNE_RUPTURE_UNSET);

  for (guint i = 0; i < G_N_ELEMENTS (kind_widgets); i++)
    if (gtk_check_button_get_active (get_check (self, kind_widgets[i].widget)))
      kinds |= kind_widgets[i].kind;
  attune_check_in_set_kinds (c, kinds);
  attune_check_in_set_other_kind (c, gtk_editable_get_text (GTK_EDITABLE (self->other_entry)));
  attune_check_in_set_intensity (c, attune_scale_chooser_get_value (self->intensity_scale));

  attune_check_in_set_what_happened (c, happened);
  attune_check_in_set_felt (c, felt);
  attune_check_in_set_needed (c, needed);

  attune_check_in_set_resolved (c, attune_scale_chooser_get_value (self->resolved_scale));
  if (gtk_check_button_get_active (self->spoke_yes))
    attune_check_in_set_spoke_up (c, ATTUNE_SPOKE_UP_YES);
  else if (gtk_check_button_get_active (self->spoke_partly))
    attune_check_in_set_spoke_up (c, ATTUNE_SPOKE_UP_PARTLY);
  else if (gtk_check_button_get_active (self->spoke_no))
    attune_check_in_set_spoke_up (c, ATTUNE_SPOKE_UP_NO);
  else
    attune_check_in_set_spoke_up (c, ATTUNE_SPOKE_UP_UNSET);

  for (guint i = 0; i < G_N_ELEMENTS (plan_widgets); i++)
    if (gtk_check_button_get_active (get_check (self, plan_widgets[i].widget)))
      plan |= plan_widgets[i].plan;
  attune_check_in_set_plan (c, plan);
  attune_check_in_set_message (c, message);
}

/* Shows the answers of a check-in (a new one, or a draft being resumed). */
static void
show_answers (AttuneCheckInWizard *self)
{
  AttuneCheckIn *c = self->check_in;
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) when = NULL;

  self->loading = TRUE;

  utc = g_date_time_new_from_unix_utc (attune_check_in_get_session_at (c) / G_USEC_PER_SEC);
  when = utc != NULL ? g_date_time_to_local (utc) : g_date_time_new_now_local ();
  gtk_calendar_select_day (self->calendar, when);
  gtk_spin_button_set_value (self->hour_spin, g_date_time_get_hour (when));
  gtk_spin_button_set_value (self->minute_spin, g_date_time_get_minute (when));

  gtk_check_button_set_active (self->mode_in_person, attune_check_in_get_mode (c) == ATTUNE_SESSION_MODE_IN_PERSON);
  gtk_check_button_set_active (self->mode_video, attune_check_in_get_mode (c) == ATTUNE_SESSION_MODE_VIDEO);
  gtk_check_button_set_active (self->mode_phone, attune_check_in_get_mode (c) == ATTUNE_SESSION_MODE_PHONE);

  attune_scale_chooser_set_value (self->connected_scale, attune_check_in_get_connected (c));
  attune_scale_chooser_set_value (self->heard_scale, attune_check_in_get_heard (c));
  attune_scale_chooser_set_value (self->mattered_scale, attune_check_in_get_mattered (c));
  attune_scale_chooser_set_value (self->suited_scale, attune_check_in_get_suited (c));

  gtk_check_button_set_active (self->rupture_yes, attune_check_in_get_rupture (c) == ATTUNE_RUPTURE_YES);
  gtk_check_button_set_active (self->rupture_no, attune_check_in_get_rupture (c) == ATTUNE_RUPTURE_NO);
  gtk_check_button_set_active (self->rupture_not_sure, attune_check_in_get_rupture (c) == ATTUNE_RUPTURE_NOT_SURE);

  for (guint i = 0; i < G_N_ELEMENTS (kind_widgets); i++)
    gtk_check_button_set_active (get_check (self, kind_widgets[i].widget),
                                 (attune_check_in_get_kinds (c) & kind_widgets[i].kind) != 0);
  gtk_editable_set_text (GTK_EDITABLE (self->other_entry), attune_check_in_get_other_kind (c));
  attune_scale_chooser_set_value (self->intensity_scale, attune_check_in_get_intensity (c));

  set_text_view (self->happened_view, attune_check_in_get_what_happened (c));
  set_text_view (self->felt_view, attune_check_in_get_felt (c));
  set_text_view (self->needed_view, attune_check_in_get_needed (c));

  attune_scale_chooser_set_value (self->resolved_scale, attune_check_in_get_resolved (c));
  gtk_check_button_set_active (self->spoke_yes, attune_check_in_get_spoke_up (c) == ATTUNE_SPOKE_UP_YES);
  gtk_check_button_set_active (self->spoke_partly, attune_check_in_get_spoke_up (c) == ATTUNE_SPOKE_UP_PARTLY);
  gtk_check_button_set_active (self->spoke_no, attune_check_in_get_spoke_up (c) == ATTUNE_SPOKE_UP_NO);

  for (guint i = 0; i < G_N_ELEMENTS (plan_widgets); i++)
    gtk_check_button_set_active (get_check (self, plan_widgets[i].widget),
                                 (attune_check_in_get_plan (c) & plan_widgets[i].plan) != 0);
  set_text_view (self->message_view, attune_check_in_get_message (c));

  self->loading = FALSE;

  update_day_button (self);
}

static gboolean
page_has_answer (AttuneCheckInWizard *self,
                 AttuneCheckInPage    page)
{
  AttuneCheckIn *c = self->check_in;

  switch (page)
    {
    case ATTUNE_CHECK_IN_PAGE_FOLLOW_UP:
      {
        g_autoptr(GArray) answered = attune_check_in_flow_dup_follow_up_ids (self->flow);
        g_autoptr(GArray) discussed = attune_check_in_flow_dup_discussed_ids (self->flow);
        return answered->len > 0 || discussed->len > 0;
      }
    case ATTUNE_CHECK_IN_PAGE_SESSION:
      return attune_check_in_get_mode (c) != ATTUNE_SESSION_MODE_UNSET;
    case ATTUNE_CHECK_IN_PAGE_FEELINGS:
      return attune_check_in_get_connected (c) != 0 || attune_check_in_get_heard (c) != 0 ||
             attune_check_in_get_mattered (c) != 0 || attune_check_in_get_suited (c) != 0;
    case ATTUNE_CHECK_IN_PAGE_RUPTURE:
      return attune_check_in_get_rupture (c) != ATTUNE_RUPTURE_UNSET;
    case ATTUNE_CHECK_IN_PAGE_KINDS:
      return attune_check_in_get_kinds (c) != 0 || attune_check_in_get_intensity (c) != 0;
    case ATTUNE_CHECK_IN_PAGE_WORDS:
      return *attune_check_in_get_what_happened (c) != '\0' || *attune_check_in_get_felt (c) != '\0' ||
             *attune_check_in_get_needed (c) != '\0';
    case ATTUNE_CHECK_IN_PAGE_ENDING:
      return attune_check_in_get_resolved (c) != 0 || attune_check_in_get_spoke_up (c) != ATTUNE_SPOKE_UP_UNSET;
    case ATTUNE_CHECK_IN_PAGE_PLAN:
      return attune_check_in_get_plan (c) != 0;
    case ATTUNE_CHECK_IN_PAGE_SUMMARY:
    case ATTUNE_CHECK_IN_N_PAGES:
    default:
      return TRUE;
    }
}

static void
update_dots (AttuneCheckInWizard *self)
{
  guint n = attune_check_in_flow_get_n_steps (self->flow);
  guint step = attune_check_in_flow_get_step (self->flow);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->dots_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->dots_box), child);

  for (guint i = 0; i < n; i++)
    {
      GtkWidget *dot = gtk_label_new (NULL);

      gtk_widget_add_css_class (dot, "progress-dot");
      if (i == step)
        gtk_widget_add_css_class (dot, "current");
      gtk_box_append (GTK_BOX (self->dots_box), dot);
    }
}

/* Header, step counter, dots and summary for the current page. */
static void
update_view (AttuneCheckInWizard *self)
{
  AttuneCheckInPage page = attune_check_in_flow_get_page (self->flow);
  g_autofree char *step = NULL;
  const char *next_label;

  gtk_stack_set_visible_child_name (self->stack, page_names[page]);

  /* Translators: the check-in's progress, e.g. "Step 2 of 8" */
  step = g_strdup_printf (_("Step %u of %u"),
                          attune_check_in_flow_get_step (self->flow) + 1,
                          attune_check_in_flow_get_n_steps (self->flow));
  adw_window_title_set_subtitle (self->window_title, step);

  gtk_widget_set_visible (self->back_button, attune_check_in_flow_can_go_back (self->flow));

  if (attune_check_in_flow_is_last (self->flow))
    next_label = _("Save");
  else if (page_has_answer (self, page))
    next_label = _("Next");
  else
    next_label = _("Skip");
  gtk_button_set_label (self->next_button, next_label);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->next_button),
                                  attune_check_in_flow_is_last (self->flow) ? "wizard.save" : "wizard.next");

  gtk_revealer_set_reveal_child (self->other_revealer,
                                 (attune_check_in_get_kinds (self->check_in) & ATTUNE_RUPTURE_KIND_OTHER) != 0);
  gtk_revealer_set_reveal_child (self->message_revealer,
                                 (attune_check_in_get_plan (self->check_in) & ATTUNE_PLAN_WRITE_MESSAGE) != 0);

  if (page == ATTUNE_CHECK_IN_PAGE_SUMMARY)
    {
      g_autofree char *summary = attune_check_in_dup_summary (self->check_in);
      gtk_label_set_text (self->summary_label, summary);
      gtk_label_select_region (self->summary_label, 0, 0);
    }

  update_dots (self);
}

/* The draft is the person's answers so far: written after every page, removed on save. */
static void
save_draft (AttuneCheckInWizard *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (self->saved)
    return;

  collect_answers (self);
  text = attune_check_in_flow_serialize (self->flow);

  if (!attune_store_save_draft (self->store, ATTUNE_CHECK_IN_DRAFT_KEY, text, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Your answers could not be kept for later: %s"), error->message);

      /* The wizard has no toast overlay of its own; say it in the title instead of nowhere. */
      adw_window_title_set_subtitle (self->window_title, message);
    }
}

static gboolean
draft_timeout_cb (gpointer user_data)
{
  AttuneCheckInWizard *self = user_data;

  self->draft_timeout_id = 0;
  save_draft (self);

  return G_SOURCE_REMOVE;
}

/* Answers on the page being filled in are kept too, a moment after the
 * last change, so that a crash loses at most that moment. */
static void
queue_draft (AttuneCheckInWizard *self)
{
  if (self->loading || self->saved || self->store == NULL)
    return;

  g_clear_handle_id (&self->draft_timeout_id, g_source_remove);
  self->draft_timeout_id = g_timeout_add (300, draft_timeout_cb, self);
}

static void
answer_changed_cb (AttuneCheckInWizard *self)
{
  if (self->loading)
    return;

  collect_answers (self);
  update_view (self);

  /* A choice is one event: kept at once. Typing is kept in queue_draft(). */
  if (!self->saved && self->store != NULL)
    {
      g_clear_handle_id (&self->draft_timeout_id, g_source_remove);
      save_draft (self);
    }
}

static void
session_time_changed_cb (AttuneCheckInWizard *self)
{
  if (self->loading)
    return;

  gtk_popover_popdown (self->day_popover);
  update_day_button (self);
  answer_changed_cb (self);
}

static gboolean
minute_output_cb (GtkSpinButton *spin,
                  gpointer       user_data)
{
  g_autofree char *text = g_strdup_printf ("%02d", gtk_spin_button_get_value_as_int (spin));

  gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static void
starter_clicked_cb (GtkButton           *button,
                    AttuneCheckInWizard *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->message_view);
  const char *text = g_object_get_data (G_OBJECT (button), "starter-text");

  gtk_text_buffer_insert_at_cursor (buffer, text, -1);
  gtk_widget_grab_focus (GTK_WIDGET (self->message_view));
}

static void
follow_up_toggled_cb (GtkCheckButton      *button,
                      AttuneCheckInWizard *self)
{
  GtkEditable *note = g_object_get_data (G_OBJECT (button), "note-row");
  gint64 entry_id = *(gint64 *) g_object_get_data (G_OBJECT (button), "entry-id");
  AttuneFollowUp answer = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "answer"));

  if (self->loading || !gtk_check_button_get_active (button))
    return;

  attune_check_in_flow_set_follow_up (self->flow, entry_id, answer, gtk_editable_get_text (note));
  update_view (self);
}

static void
follow_up_note_changed_cb (GtkEditable         *note,
                           AttuneCheckInWizard *self)
{
  gint64 entry_id = *(gint64 *) g_object_get_data (G_OBJECT (note), "entry-id");
  AttuneFollowUp answer;

  if (self->loading)
    return;

  /* A note without a choice counts as "not yet": it is still worth keeping. */
  if (!attune_check_in_flow_get_follow_up (self->flow, entry_id, &answer, NULL))
    answer = ATTUNE_FOLLOW_UP_NOT_YET;

  attune_check_in_flow_set_follow_up (self->flow, entry_id, answer, gtk_editable_get_text (note));
}

static void
discussed_toggled_cb (GtkCheckButton      *button,
                      AttuneCheckInWizard *self)
{
  gint64 agenda_id = *(gint64 *) g_object_get_data (G_OBJECT (button), "agenda-id");

  if (self->loading)
    return;

  attune_check_in_flow_set_discussed (self->flow, agenda_id, gtk_check_button_get_active (button));
  update_view (self);
}

static char *
describe_rupture (AttuneCheckIn *rupture)
{
  const char *happened = attune_check_in_get_what_happened (rupture);
  AttuneRuptureKind kinds = attune_check_in_get_kinds (rupture);

  if (*happened != '\0')
    return g_utf8_substring (happened, 0, MIN (g_utf8_strlen (happened, -1), 160));

  for (guint bit = 0; bit < 10; bit++)
    if (kinds & (1u << bit))
      return g_strdup (attune_rupture_kind_label (1u << bit));

  return g_strdup (_("You noted a moment that felt off."));
}

static gint64 *
keep_id (GObject    *object,
         const char *key,
         gint64      id)
{
  gint64 *copy = g_memdup2 (&id, sizeof id);

  g_object_set_data_full (object, key, copy, g_free);
  return copy;
}

/* One group per open rupture (raised? how did it go?) and one for the list for this session. */
static void
build_follow_up_page (AttuneCheckInWizard *self)
{
  self->loading = TRUE;

  for (guint i = 0; self->open_ruptures != NULL && i < self->open_ruptures->len; i++)
    {
      AttuneCheckIn *rupture = g_ptr_array_index (self->open_ruptures, i);
      gint64 entry_id = attune_check_in_get_entry_id (rupture);
      g_autofree char *when = attune_format_instant (attune_check_in_get_session_at (rupture));
      g_autofree char *title = g_strdup_printf (_("The moment from %s"), when);
      g_autofree char *description = describe_rupture (rupture);
      GtkWidget *group = adw_preferences_group_new ();
      GtkWidget *note = adw_entry_row_new ();
      GtkCheckButton *first = NULL;
      AttuneFollowUp chosen = ATTUNE_FOLLOW_UP_NOT_YET;
      const char *chosen_note = NULL;
      gboolean answered;

      answered = attune_check_in_flow_get_follow_up (self->flow, entry_id, &chosen, &chosen_note);

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (note), _("A note about it (optional)"));
      gtk_editable_set_text (GTK_EDITABLE (note), chosen_note != NULL ? chosen_note : "");
      keep_id (G_OBJECT (note), "entry-id", entry_id);
      g_signal_connect (note, "changed", G_CALLBACK (follow_up_note_changed_cb), self);

      for (AttuneFollowUp answer = ATTUNE_FOLLOW_UP_NOT_YET; answer <= ATTUNE_FOLLOW_UP_LET_GO; answer++)
        {
          GtkWidget *row = adw_action_row_new ();
          GtkWidget *check = gtk_check_button_new ();
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), attune_follow_up_label (answer));
          gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
          /* The row's title names the choice (AdwActionRow labels its activatable widget);
           * which moment it is about goes in the description. */
          gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                          GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, title, -1);
          if (first != NULL)
            gtk_check_button_set_group (GTK_CHECK_BUTTON (check), first);
          else
            first = GTK_CHECK_BUTTON (check);
          gtk_check_button_set_active (GTK_CHECK_BUTTON (check), answered && chosen == answer);

          g_object_set_data (G_OBJECT (check), "note-row", note);
          g_object_set_data (G_OBJECT (check), "answer", GINT_TO_POINTER (answer));
          keep_id (G_OBJECT (check), "entry-id", entry_id);
          g_signal_connect (check, "toggled", G_CALLBACK (follow_up_toggled_cb), self);

          adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
          adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
        }

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), note);
      gtk_box_append (GTK_BOX (self->follow_up_box), group);
    }

  if (self->agenda_items != NULL && self->agenda_items->len > 0)
    {
      GtkWidget *group = adw_preferences_group_new ();

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Your list for this session"));
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                             _("Tick what you talked about. The rest stays on the list."));

      for (guint i = 0; i < self->agenda_items->len; i++)
        {
          AttuneAgendaItem *item = g_ptr_array_index (self->agenda_items, i);
          gint64 agenda_id = attune_agenda_item_get_id (item);
          GtkWidget *row = adw_action_row_new ();
          GtkWidget *check = gtk_check_button_new ();

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), attune_agenda_item_get_text (item));
          adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
          gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
          gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                          GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("We talked about this"), -1);
          gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                       attune_check_in_flow_get_discussed (self->flow, agenda_id));
          keep_id (G_OBJECT (check), "agenda-id", agenda_id);
          g_signal_connect (check, "toggled", G_CALLBACK (discussed_toggled_cb), self);

          adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
          adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
        }

      gtk_box_append (GTK_BOX (self->follow_up_box), group);
    }

  self->loading = FALSE;
}

static void
build_starters (AttuneCheckInWizard *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (starters); i++)
    {
      GtkWidget *button = gtk_button_new_with_label (_(starters[i].button));
      g_autofree char *accessible = g_strdup_printf (_("Insert: %s"), _(starters[i].text));

      g_object_set_data (G_OBJECT (button), "starter-text", (gpointer) _(starters[i].text));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
      g_signal_connect (button, "clicked", G_CALLBACK (starter_clicked_cb), self);
      gtk_flow_box_append (GTK_FLOW_BOX (self->starters_box), button);
    }
}

static void
go (AttuneCheckInWizard *self,
    gboolean             forward)
{
  collect_answers (self);

  gtk_stack_set_transition_type (self->stack,
                                 forward ? GTK_STACK_TRANSITION_TYPE_SLIDE_LEFT
                                         : GTK_STACK_TRANSITION_TYPE_SLIDE_RIGHT);

  if (forward ? attune_check_in_flow_next (self->flow) : attune_check_in_flow_back (self->flow))
    {
      update_view (self);
      save_draft (self);
      gtk_widget_grab_focus (GTK_WIDGET (gtk_stack_get_visible_child (self->stack)));
      gtk_widget_child_focus (gtk_stack_get_visible_child (self->stack), GTK_DIR_TAB_FORWARD);
    }
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  go (ATTUNE_CHECK_IN_WIZARD (widget), TRUE);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  go (ATTUNE_CHECK_IN_WIZARD (widget), FALSE);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static gboolean
apply_follow_ups (AttuneCheckInWizard  *self,
                  GError              **error)
{
  g_autoptr(GArray) ruptures = attune_check_in_flow_dup_follow_up_ids (self->flow);
  g_autoptr(GArray) discussed = attune_check_in_flow_dup_discussed_ids (self->flow);

  for (guint i = 0; i < ruptures->len; i++)
    {
      gint64 entry_id = g_array_index (ruptures, gint64, i);
      AttuneFollowUp answer;
      const char *note;

      attune_check_in_flow_get_follow_up (self->flow, entry_id, &answer, &note);
      if (!attune_store_follow_up_rupture (self->store, entry_id, answer, note, error))
        return FALSE;
    }

  for (guint i = 0; i < discussed->len; i++)
    if (!attune_store_set_agenda_item_done (self->store, g_array_index (discussed, gint64, i), TRUE, error))
      return FALSE;

  return TRUE;
}

static gboolean
destroy_later_cb (gpointer data)
{
  gtk_window_destroy (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AttuneCheckInWizard *self = ATTUNE_CHECK_IN_WIZARD (widget);
  g_autoptr(GError) error = NULL;

  collect_answers (self);

  if (!attune_store_save_check_in (self->store, self->check_in, &error) ||
      !apply_follow_ups (self, &error))
    {
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("The Check-in Could Not Be Saved"), NULL);

      adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                      _("%s Your answers are still here, and kept for later."),
                                      error->message);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("OK"));
      gtk_window_present (GTK_WINDOW (dialog));
      save_draft (self);
      return;
    }

  self->saved = TRUE;
  /* Saved for good: the draft has done its job. A failure here only means the next
   * check-in offers to resume this one; the person can start over then. */
  attune_store_delete_draft (self->store, ATTUNE_CHECK_IN_DRAFT_KEY, NULL);

  g_signal_emit (self, signals[SAVED], 0, self->check_in);

  /* Hidden now, destroyed a moment later: GTK 4.8's AT-SPI root can answer a screen
   * reader's GetChildAtIndex with a window whose accessible is already gone, and crash. */
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  g_idle_add_full (G_PRIORITY_LOW, destroy_later_cb, g_object_ref (self), g_object_unref);
}

static gboolean
attune_check_in_wizard_close_request (GtkWindow *window)
{
  AttuneCheckInWizard *self = ATTUNE_CHECK_IN_WIZARD (window);

  /* Closing is not losing: the answers stay as a draft the next check-in offers to resume. */
  save_draft (self);

  return GTK_WINDOW_CLASS (attune_check_in_wizard_parent_class)->close_request (window);
}

static void
attune_check_in_wizard_dispose (GObject *object)
{
  AttuneCheckInWizard *self = ATTUNE_CHECK_IN_WIZARD (object);

  g_clear_handle_id (&self->draft_timeout_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), ATTUNE_TYPE_CHECK_IN_WIZARD);

  g_clear_object (&self->store);
  g_clear_object (&self->flow);
  g_clear_object (&self->check_in);
  g_clear_pointer (&self->open_ruptures, g_ptr_array_unref);
  g_clear_pointer (&self->agenda_items, g_ptr_array_unref);

  G_OBJECT_CLASS (attune_check_in_wizard_parent_class)->dispose (object);
}

static void
attune_check_in_wizard_class_init (AttuneCheckInWizardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = attune_check_in_wizard_dispose;
  window_class->close_request = attune_check_in_wizard_close_request;

  /**
   * AttuneCheckInWizard::saved:
   * @check_in: what was saved
   */
  signals[SAVED] = g_signal_new ("saved",
                                 G_TYPE_FROM_CLASS (klass),
                                 G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, ATTUNE_TYPE_CHECK_IN);

  g_type_ensure (ATTUNE_TYPE_SCALE_CHOOSER);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/attunejournal/Attune/ui/attune-check-in-wizard.ui");
  gtk_widget_class_bind_template_child (widget_class, AttuneCheckInWizard, window_title);
  gtk_widget_class_bind_template_child (widget_class, AttuneCheckInWizard, back_button);
  gtk_widget_class_bind_template_child (widget_class, AttuneCheckInWizard, next_button);
  gtk_widget_class_bind_template_child (widget_class, AttuneCheckInWizard, stack);
  gtk_widget_class_bind_template_child (widget_class, AttuneCheckInWizard, dots_box);
  gtk_widget_class_bind_template_child (widget_class, AttuneCheckInWizard, follow_up_box);
  gtk_widget_class_bind_template_child (widget_class, AttuneCheckInWizard, day_button);
  gtk_widget_class_bind_template_child (widget_class, AttuneCheckInWizard, day_popover);
  gtk_widget_class_bind_template_child (widget_class, AttuneCheckInWizard, calendar);
  gtk_widget_class_bind_template_child (widget_class, AttuneCheckInWizard, hour_spin);
  gtk_widget_class_bind_template_child (widget_class, AttuneCheckInWizard, minute_spin);
  gtk_widget_class_bind_template_child (widget_class, AttuneCheckInWizard, mode_in_person);
  gtk_widget_class_bind_template_child (widget_class, AttuneCheckInWizard, mode_video);
  gtk_widget_class_bind_template_child (widget_class, AttuneCheckInWizard, mode_phone);
  gtk_widget_class_bind_template_child (widget_class, AttuneCheckInWizard, connected_scale);
  gtk_widget_class_bind_template_child (widget_class, AttuneCheckInWizard, heard_scale);
  gtk_widget_class_bind_template_child (widget_class, AttuneCheckInWizard, mattered_scale);
  gtk_widget_class_bind_template_child (widget_class, AttuneCheckInWizard, suited_scale);
  gtk_widget_class_bind_template_child (widget_class, AttuneCheckInWizard, rupture_yes);
  gtk_widget_class_bind_template_child (widget_class, AttuneCheckInWizard, rupture_no);
  gtk_widget_class_bind_template_child (widget_class, AttuneCheckInWizard, rupture_not_sure);
  gtk_widget_class_bind_template_child (widget_class, AttuneCheckInWizard, other_revealer);
  gtk_widget_class_bind_template_child (widget_class, AttuneCheckInWizard, other_entry);
  gtk_widget_class_bind_template_child (widget_class, AttuneCheckInWizard, intensity_scale);
  gtk_widget_class_bind_template_child (widget_class, AttuneCheckInWizard, happened_view);
  gtk_widget_class_bind_template_child (widget_class, AttuneCheckInWizard, felt_view);
  gtk_widget_class_bind_template_child (widget_class, AttuneCheckInWizard, needed_view);
  gtk_widget_class_bind_template_child (widget_class, AttuneCheckInWizard, resolved_scale);
  gtk_widget_class_bind_template_child (widget_class, AttuneCheckInWizard, spoke_yes);
  gtk_widget_class_bind_template_child (widget_class, AttuneCheckInWizard, spoke_partly);
  gtk_widget_class_bind_template_child (widget_class, AttuneCheckInWizard, spoke_no);
  gtk_widget_class_bind_template_child (widget_class, AttuneCheckInWizard, message_revealer);
  gtk_widget_class_bind_template_child (widget_class, AttuneCheckInWizard, starters_box);
  gtk_widget_class_bind_template_child (widget_class, AttuneCheckInWizard, message_view);
  gtk_widget_class_bind_template_child (widget_class, AttuneCheckInWizard, summary_label);
  /* Looked up by name with gtk_widget_get_template_child(), which needs them bound. */
  for (guint i = 0; i < G_N_ELEMENTS (kind_widgets); i++)
    gtk_widget_class_bind_template_child_full (widget_class, kind_widgets[i].widget, FALSE, 0);
  for (guint i = 0; i < G_N_ELEMENTS (plan_widgets); i++)
    gtk_widget_class_bind_template_child_full (widget_class, plan_widgets[i].widget, FALSE, 0);
  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    {
      /* Interned: the class keeps the name for its lifetime. */
      g_autofree char *name = g_strdup_printf ("%s_page", page_names[i]);
      gtk_widget_class_bind_template_child_full (widget_class, g_intern_string (name), FALSE, 0);
    }
  gtk_widget_class_bind_template_callback (widget_class, answer_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, session_time_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, minute_output_cb);

  gtk_widget_class_install_action (widget_class, "wizard.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "wizard.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "wizard.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "wizard.save", NULL, save_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "wizard.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "wizard.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "wizard.back", NULL);
}

static void
attune_check_in_wizard_init (AttuneCheckInWizard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

#if DEVELOPMENT_BUILD
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif

  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    {
      g_autofree char *name = g_strdup_printf ("%s_page", page_names[i]);
      GtkWidget *page = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (self), ATTUNE_TYPE_CHECK_IN_WIZARD, name);

      gtk_widget_set_focusable (page, FALSE);
    }

  build_starters (self);

  /* Typing in the written answers keeps the draft too. */
  {
    GtkTextView *views[] = { self->happened_view, self->felt_view, self->needed_view, self->message_view };

    for (guint i = 0; i < G_N_ELEMENTS (views); i++)
      g_signal_connect_swapped (gtk_text_view_get_buffer (views[i]), "changed", G_CALLBACK (queue_draft), self);
    g_signal_connect_swapped (self->other_entry, "changed", G_CALLBACK (queue_draft), self);
  }
}

/**
 * attune_check_in_wizard_create_flow:
 * @store: the journal
 * @session_start: (nullable): when the session began; %NULL for now
 * @error: return location for a #GError
 *
 * Starts a new check-in, with the follow-up page when earlier ruptures are open or things
 * are on the list for this session.
 *
 * Returns: (transfer full) (nullable): the flow
 */
AttuneCheckInFlow *
attune_check_in_wizard_create_flow (AttuneStore  *store,
                                    GDateTime    *session_start,
                                    GError      **error)
{
  g_autoptr(AttuneCheckIn) check_in = attune_check_in_new ();
  g_autoptr(GPtrArray) ruptures = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GListModel *agenda;
  gboolean has_follow_up;
  gint64 when;

  g_return_val_if_fail (ATTUNE_IS_STORE (store), NULL);

  ruptures = attune_store_list_open_ruptures (store, error);
  if (ruptures == NULL)
    return NULL;

  agenda = attune_store_get_agenda (store);
  has_follow_up = ruptures->len > 0;
  for (guint i = 0; !has_follow_up && i < g_list_model_get_n_items (agenda); i++)
    {
      g_autoptr(AttuneAgendaItem) item = g_list_model_get_item (agenda, i);
      has_follow_up = !attune_agenda_item_get_done (item);
    }

  if (session_start != NULL)
    when = g_date_time_to_unix (session_start);
  else
    /* Now, to the five minutes before: people round times that way. */
    when = g_date_time_to_unix (now) - (g_date_time_get_minute (now) % 5) * 60 - g_date_time_get_second (now);

  attune_check_in_set_session_at (check_in, when * G_USEC_PER_SEC);

  return attune_check_in_flow_new (check_in, has_follow_up);
}

/**
 * attune_check_in_wizard_new:
 * @store: the journal
 * @flow: a new flow from attune_check_in_wizard_create_flow() or a resumed draft
 * @error: return location for a #GError
 *
 * Returns: (transfer none) (nullable): the wizard, owned by GTK like any toplevel, or
 *   %NULL when the earlier ruptures or the list could not be read
 */
AttuneCheckInWizard *
attune_check_in_wizard_new (AttuneStore        *store,
                            AttuneCheckInFlow  *flow,
                            GError            **error)
{
  AttuneCheckInWizard *self;
  GListModel *agenda;

  g_return_val_if_fail (ATTUNE_IS_STORE (store), NULL);
  g_return_val_if_fail (ATTUNE_IS_CHECK_IN_FLOW (flow), NULL);

  /* Like gtk_window_new(), GTK's list of toplevels owns the window. */
  self = g_object_new (ATTUNE_TYPE_CHECK_IN_WIZARD, NULL);
  self->store = g_object_ref (store);
  self->flow = g_object_ref (flow);
  self->check_in = g_object_ref (attune_check_in_flow_get_check_in (flow));

  if (attune_check_in_flow_get_has_follow_up (flow))
    {
      self->open_ruptures = attune_store_list_open_ruptures (store, error);
      if (self->open_ruptures == NULL)
        {
          gtk_window_destroy (GTK_WINDOW (self));
          return NULL;
        }

      self->agenda_items = g_ptr_array_new_with_free_func (g_object_unref);
      agenda = attune_store_get_agenda (store);
      for (guint i = 0; i < g_list_model_get_n_items (agenda); i++)
        {
          g_autoptr(AttuneAgendaItem) item = g_list_model_get_item (agenda, i);

          if (!attune_agenda_item_get_done (item))
            g_ptr_array_add (self->agenda_items, g_steal_pointer (&item));
        }

      build_follow_up_page (self);
    }

  show_answers (self);
  update_view (self);

  return self;
}

/**
 * attune_check_in_wizard_get_flow:
 * @self: the wizard
 *
 * Returns: (transfer none): the answers and the current page
 */
AttuneCheckInFlow *
attune_check_in_wizard_get_flow (AttuneCheckInWizard *self)
{
  g_return_val_if_fail (ATTUNE_IS_CHECK_IN_WIZARD (self), NULL);

  return self->flow;
}

/* test-check-in-wizard.c: a whole check-in driven through the wizard, checked in the store
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "attune-check-in-wizard.h"
#include "attune-scale-chooser.h"
#include "attune-test-utils.h"

typedef struct
{
  char        *dir;
  AttuneStore *store;
  gint64       earlier_id;
  gint64       agenda_id;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->store = attune_test_open_store (&f->dir);

  if (GPOINTER_TO_INT (data))
    {
      /* An earlier session with a moment that is still open, and one thing on the list. */
      g_autoptr(AttuneCheckIn) earlier = attune_check_in_new ();
      g_autoptr(AttuneAgendaItem) item = NULL;

      attune_check_in_set_session_at (earlier, (g_get_real_time () / G_USEC_PER_SEC - 7 * 86400) * G_USEC_PER_SEC);
      attune_check_in_set_rupture (earlier, ATTUNE_RUPTURE_YES);
      attune_check_in_set_what_happened (earlier, "She looked at the clock while I was talking.");
      g_assert_true (attune_store_save_check_in (f->store, earlier, &error));
      g_assert_no_error (error);
      f->earlier_id = attune_check_in_get_entry_id (earlier);

      item = attune_store_add_agenda_item (f->store, "Ask about homework", 0, &error);
      g_assert_no_error (error);
      f->agenda_id = attune_agenda_item_get_id (item);
    }
}


static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  attune_test_flush ();
  g_assert_finalize_object (f->store);
  attune_test_remove_dir (f->dir);
  g_free (f->dir);
}

static gpointer
child (AttuneCheckInWizard *wizard,
       const char          *name)
{
  gpointer object = gtk_widget_get_template_child (GTK_WIDGET (wizard), ATTUNE_TYPE_CHECK_IN_WIZARD, name);

  g_assert_nonnull (object);
  return object;
}

static void
activate (AttuneCheckInWizard *wizard,
          const char          *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), action, NULL));
  attune_test_flush ();
}

static const char *
visible_page (AttuneCheckInWizard *wizard)
{
  return gtk_stack_get_visible_child_name (child (wizard, "stack"));
}

static void
set_text (AttuneCheckInWizard *wizard,
          const char          *view,
          const char          *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (child (wizard, view)), text, -1);
}

/* Finds, below @widget, the check button the follow-up page made for @answer. */
static GtkCheckButton *
find_follow_up_button (GtkWidget *widget,
                       int        answer)
{
  if (GTK_IS_CHECK_BUTTON (widget) &&
      g_object_get_data (G_OBJECT (widget), "answer") != NULL &&
      GPOINTER_TO_INT (g_object_get_data (G_OBJECT (widget), "answer")) == answer)
    return GTK_CHECK_BUTTON (widget);

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkCheckButton *found = find_follow_up_button (c, answer);
      if (found != NULL)
        return found;
    }

  return NULL;
}

static AttuneCheckInWizard *
open_wizard (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttuneCheckInFlow) flow = attune_check_in_wizard_create_flow (f->store, NULL, &error);
  AttuneCheckInWizard *wizard;

  g_assert_no_error (error);
  wizard = attune_check_in_wizard_new (f->store, flow, &error);
  g_assert_no_error (error);
  g_object_ref (wizard);
  gtk_window_present (GTK_WINDOW (wizard));
  attune_test_flush ();

  return wizard;
}

static void
close_wizard (AttuneCheckInWizard *wizard)
{
  if (gtk_widget_get_visible (GTK_WIDGET (wizard)))
    gtk_window_destroy (GTK_WINDOW (wizard));
  attune_test_flush ();
  g_assert_finalize_object (wizard);
}

static void
saved_cb (AttuneCheckInWizard *wizard,
          AttuneCheckIn       *check_in,
          gint64              *id)
{
  *id = attune_check_in_get_entry_id (check_in);
}

static void
test_whole_check_in (Fixture       *f,
                     gconstpointer  data)
{
  AttuneCheckInWizard *wizard = open_wizard (f);
  GtkCheckButton *better;
  g_autoptr(AttuneCheckIn) saved = NULL;
  g_autoptr(AttuneCheckIn) earlier = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *draft = NULL;
  GListModel *agenda;
  gint64 saved_id = 0;
  gboolean found_bring_up = FALSE;

  g_signal_connect (wizard, "saved", G_CALLBACK (saved_cb), &saved_id);

  /* 1. The follow-up page asks about the open moment and the list. */
  g_assert_cmpstr (visible_page (wizard), ==, "follow_up");
  better = find_follow_up_button (child (wizard, "follow_up_box"), ATTUNE_FOLLOW_UP_BETTER);
  g_assert_nonnull (better);
  gtk_check_button_set_active (better, TRUE);
  activate (wizard, "wizard.next");

  /* Every page leaves a draft behind. */
  draft = attune_store_load_draft (f->store, ATTUNE_CHECK_IN_DRAFT_KEY, &error);
  g_assert_no_error (error);
  g_assert_nonnull (draft);

  /* 2. The session */
  g_assert_cmpstr (visible_page (wizard), ==, "session");
  gtk_check_button_set_active (child (wizard, "mode_video"), TRUE);
  activate (wizard, "wizard.next");

  /* 3. How it felt */
  g_assert_cmpstr (visible_page (wizard), ==, "feelings");
  attune_scale_chooser_set_value (child (wizard, "connected_scale"), 2);
  attune_scale_chooser_set_value (child (wizard, "heard_scale"), ATTUNE_SCALE_NOT_SURE);
  activate (wizard, "wizard.next");

  /* 4. The moment */
  g_assert_cmpstr (visible_page (wizard), ==, "rupture");
  gtk_check_button_set_active (child (wizard, "rupture_yes"), TRUE);
  attune_test_flush ();
  activate (wizard, "wizard.next");

  g_assert_cmpstr (visible_page (wizard), ==, "kinds");
  gtk_check_button_set_active (child (wizard, "kind_judged"), TRUE);
  gtk_check_button_set_active (child (wizard, "kind_held_back"), TRUE);
  attune_scale_chooser_set_value (child (wizard, "intensity_scale"), 4);
  activate (wizard, "wizard.next");

  g_assert_cmpstr (visible_page (wizard), ==, "words");
  set_text (wizard, "happened_view", "When I mentioned my mother she said I was overreacting.");
  set_text (wizard, "felt_view", "Small and stupid.");
  set_text (wizard, "needed_view", "To be asked what I meant.");
  activate (wizard, "wizard.next");

  g_assert_cmpstr (visible_page (wizard), ==, "ending");
  attune_scale_chooser_set_value (child (wizard, "resolved_scale"), 1);
  gtk_check_button_set_active (child (wizard, "spoke_no"), TRUE);
  activate (wizard, "wizard.next");

  /* 7. The plan: bring it up, and a message begun with a sentence starter. */
  g_assert_cmpstr (visible_page (wizard), ==, "plan");
  gtk_check_button_set_active (child (wizard, "plan_bring_up"), TRUE);
  gtk_check_button_set_active (child (wizard, "plan_message"), TRUE);
  {
    GtkWidget *starters = child (wizard, "starters_box");
    GtkWidget *first = gtk_flow_box_child_get_child (gtk_flow_box_get_child_at_index (GTK_FLOW_BOX (starters), 0));
    g_signal_emit_by_name (first, "clicked");
  }
  activate (wizard, "wizard.next");

  g_assert_cmpstr (visible_page (wizard), ==, "summary");
  g_assert_nonnull (strstr (gtk_label_get_text (child (wizard, "summary_label")), "overreacting"));
  activate (wizard, "wizard.save");
  g_assert_cmpint (saved_id, >, 0);
  close_wizard (wizard);

  /* What the store holds */
  saved = attune_store_get_check_in (f->store, saved_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (attune_check_in_get_mode (saved), ==, ATTUNE_SESSION_MODE_VIDEO);
  g_assert_cmpint (attune_check_in_get_connected (saved), ==, 2);
  g_assert_cmpint (attune_check_in_get_heard (saved), ==, ATTUNE_SCALE_NOT_SURE);
  g_assert_cmpint (attune_check_in_get_mattered (saved), ==, ATTUNE_SCALE_SKIPPED);
  g_assert_cmpint (attune_check_in_get_rupture (saved), ==, ATTUNE_RUPTURE_YES);
  g_assert_cmpint (attune_check_in_get_kinds (saved), ==, ATTUNE_RUPTURE_KIND_JUDGED | ATTUNE_RUPTURE_KIND_HELD_BACK);
  g_assert_cmpint (attune_check_in_get_intensity (saved), ==, 4);
  g_assert_cmpstr (attune_check_in_get_felt (saved), ==, "Small and stupid.");
  g_assert_cmpint (attune_check_in_get_spoke_up (saved), ==, ATTUNE_SPOKE_UP_NO);
  g_assert_cmpint (attune_check_in_get_plan (saved), ==, ATTUNE_PLAN_BRING_UP | ATTUNE_PLAN_WRITE_MESSAGE);
  g_assert_true (g_str_has_prefix (attune_check_in_get_message (saved), "This isn’t easy for me to say"));
  g_assert_cmpint (attune_check_in_get_repair_status (saved), ==, ATTUNE_REPAIR_OPEN);

  /* The earlier moment was followed up: raised, and it feels better. */
  earlier = attune_store_get_check_in (f->store, f->earlier_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (attune_check_in_get_repair_status (earlier), ==, ATTUNE_REPAIR_REPAIRED);
  events = attune_store_list_repair_events (f->store, f->earlier_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 2);

  /* The plan put the moment on the list for next session. */
  agenda = attune_store_get_agenda (f->store);
  for (guint i = 0; i < g_list_model_get_n_items (agenda); i++)
    {
      g_autoptr(AttuneAgendaItem) item = g_list_model_get_item (agenda, i);
      if (attune_agenda_item_get_entry_id (item) == saved_id)
        found_bring_up = TRUE;
    }
  g_assert_true (found_bring_up);

  /* Saved for good: no draft is left to offer. */
  g_clear_pointer (&draft, g_free);
  draft = attune_store_load_draft (f->store, ATTUNE_CHECK_IN_DRAFT_KEY, &error);
  g_assert_no_error (error);
  g_assert_null (draft);
}

static void
test_resume_after_crash (Fixture       *f,
                         gconstpointer  data)
{
  AttuneCheckInWizard *wizard = open_wizard (f);
  g_autoptr(AttuneCheckInFlow) resumed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *draft = NULL;

  g_assert_cmpstr (visible_page (wizard), ==, "session");
  gtk_check_button_set_active (child (wizard, "mode_phone"), TRUE);
  activate (wizard, "wizard.next");
  activate (wizard, "wizard.next");
  gtk_check_button_set_active (child (wizard, "rupture_not_sure"), TRUE);
  activate (wizard, "wizard.next");
  g_assert_cmpstr (visible_page (wizard), ==, "kinds");

  /* The app dies here: nothing closes the window properly. What is in the store is what
   * the next start offers. */
  draft = attune_store_load_draft (f->store, ATTUNE_CHECK_IN_DRAFT_KEY, &error);
  g_assert_no_error (error);
  g_assert_nonnull (draft);
  g_signal_handlers_disconnect_matched (wizard, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, NULL);
  gtk_window_destroy (GTK_WINDOW (wizard));
  attune_test_flush ();
  g_object_unref (wizard);

  resumed = attune_check_in_flow_deserialize (draft, &error);
  g_assert_no_error (error);
  wizard = attune_check_in_wizard_new (f->store, resumed, &error);
  g_assert_no_error (error);
  g_object_ref (wizard);
  gtk_window_present (GTK_WINDOW (wizard));
  attune_test_flush ();

  g_assert_cmpstr (visible_page (wizard), ==, "kinds");
  g_assert_true (gtk_check_button_get_active (child (wizard, "mode_phone")));
  g_assert_true (gtk_check_button_get_active (child (wizard, "rupture_not_sure")));

  /* Cancel keeps the answers for later too. */
  activate (wizard, "wizard.cancel");
  g_clear_pointer (&draft, g_free);
  draft = attune_store_load_draft (f->store, ATTUNE_CHECK_IN_DRAFT_KEY, &error);
  g_assert_nonnull (draft);
  close_wizard (wizard);
}

static void
test_no_follow_up_without_history (Fixture       *f,
                                   gconstpointer  data)
{
  AttuneCheckInWizard *wizard = open_wizard (f);

  g_assert_cmpstr (visible_page (wizard), ==, "session");
  g_assert_false (gtk_widget_get_visible (child (wizard, "back_button")));
  close_wizard (wizard);
}

int
main (int   argc,
      char *argv[])
{
  if (!attune_test_init_gtk (&argc, &argv))
    return 0;

  adw_init ();

  g_test_add ("/check-in-wizard/whole-check-in", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_whole_check_in, fixture_tear_down);
  g_test_add ("/check-in-wizard/resume-after-crash", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_resume_after_crash, fixture_tear_down);
  g_test_add ("/check-in-wizard/no-follow-up-without-history", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_no_follow_up_without_history, fixture_tear_down);

  return g_test_run ();
}

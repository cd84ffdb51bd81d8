/* attune-window.c
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "attune-agenda-view.h"
#include "attune-check-in-view.h"
#include "attune-check-in-wizard.h"
#include "attune-entry-editor.h"
#include "attune-entry-row.h"
#include "attune-schedule.h"
#include "attune-error-page.h"
#include "attune-insights-view.h"
#include "attune-lock-page.h"
#include "attune-prepare-dialog.h"
#include "attune-welcome.h"
#include "attune-window-private.h"

struct _AttuneWindow
{
  AdwApplicationWindow  parent_instance;

  AttuneStore          *store;
  GError               *store_error;
  AttuneTimeline       *timeline;
  /* The timeline as the list shows it: a screenful until the first frame. */
  GtkSliceListModel    *timeline_slice;
  GPtrArray            *row_pool;
  GSettings            *settings;
  /* What the last delete removed, kept in memory only for the Undo toast. */
  AttuneEntry          *deleted_entry;
  AdwToast             *undo_toast;
  /* The scheduled session the banner invites a check-in for, if any. */
  GDateTime            *reminder_start;
  gboolean              has_draft;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AttuneWelcome        *welcome;
  AttuneErrorPage      *error_page;
  AdwLeaflet           *leaflet;
  GtkWidget            *sidebar;
  AdwViewStack         *view_stack;
  GtkRevealer          *banner_revealer;
  GtkLabel             *banner_label;
  GtkButton            *banner_button;
  AttuneAgendaView     *agenda_view;
  AttuneCheckInView    *check_in_view;
  AttuneInsightsView   *insights_view;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkStack             *timeline_stack;
  GtkListView          *timeline_view;
  GtkStack             *content_stack;
  AttuneEntryEditor    *editor;
};

G_DEFINE_FINAL_TYPE (AttuneWindow, attune_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_STORE_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_toast (AttuneWindow *self,
            const char   *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

static void
update_actions (AttuneWindow *self)
{
  gboolean journal = self->store != NULL &&
                     g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "journal") == 0;
  const char *content = gtk_stack_get_visible_child_name (self->content_stack);
  gboolean editing = journal &&
                     (g_strcmp0 (content, "editor") == 0 || g_strcmp0 (content, "check-in") == 0);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-entry", journal);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", journal);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.check-in", journal);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.prepare", journal);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-entry", journal);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-timeline", journal);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-entry", editing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo-delete", journal && self->deleted_entry != NULL);
}

static void
update_timeline_state (AttuneWindow *self)
{
  const char *page = "list";

  if (self->timeline == NULL)
    return;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->timeline)) == 0)
    {
      const char *query = attune_timeline_get_query (self->timeline);
      page = (query != NULL && *query != '\0') ? "no-results" : "empty";
    }

  gtk_stack_set_visible_child_name (self->timeline_stack, page);
}

/* Pages that are not shown at start-up (welcome, error page, editor, check-in view) wait
 * invisible until first shown: GTK styles every visible widget of a stack's hidden pages
 * before the first frame, 3 % of start-up's instructions (issue #7). */
static void
set_stack_page (GtkStack   *stack,
                const char *name)
{
  GtkWidget *child = gtk_stack_get_child_by_name (stack, name);

  if (child != NULL)
    gtk_widget_set_visible (child, TRUE);
  gtk_stack_set_visible_child_name (stack, name);
}

static void
show_page (AttuneWindow *self,
           const char   *name)
{
  set_stack_page (self->main_stack, name);
  update_actions (self);
}

static void
damaged_entry_response_cb (AdwMessageDialog *dialog,
                           const char       *response,
                           AttuneWindow     *self)
{
  g_autoptr(GError) error = NULL;
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "entry-id"));

  if (g_strcmp0 (response, "delete") != 0 || id == 0)
    return;

  if (!attune_store_delete_entry (self->store, id, &error))
    {
      g_autofree char *text = g_strdup_printf (_("Could not delete the entry: %s"), error->message);
      show_toast (self, text);
      return;
    }

  show_toast (self, _("Damaged entry deleted"));
}

/* An entry whose words were altered on disk (its checksum did not match)
 * is not opened in the editor: its words are not shown, nor could they be
 * saved over by accident. */
static void
explain_damaged_entry (AttuneWindow *self,
                       AttuneEntry  *entry)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("This Entry Is Damaged"),
                                   _("Its words were altered on disk, so Attune does not show them as yours. "
                                     "A backup in Preferences, under Backups, may still hold them as you wrote them. "
                                     "If no backup does, you can delete the entry."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "close", _("_Close"),
                                    "delete", _("_Delete Entry"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  g_object_set_data (G_OBJECT (dialog), "entry-id", GSIZE_TO_POINTER ((gsize) attune_entry_get_id (entry)));
  g_signal_connect_object (dialog, "response", G_CALLBACK (damaged_entry_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
open_entry (AttuneWindow *self,
            AttuneEntry  *entry)
{
  if (attune_entry_get_damaged (entry))
    {
      explain_damaged_entry (self, entry);
      return;
    }

  if (attune_entry_get_kind (entry) == ATTUNE_ENTRY_KIND_CHECK_IN)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) flush_error = NULL;

      /* Leaving the editor saves it, as everywhere else. */
      if (!attune_entry_editor_flush (self->editor, &flush_error))
        {
          show_toast (self, flush_error->message);
          return;
        }

      if (!attune_check_in_view_show (self->check_in_view, self->store, attune_entry_get_id (entry), &error))
        {
          show_toast (self, error->message);
          return;
        }

      set_stack_page (self->content_stack, "check-in");
      adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->content_stack));
      update_actions (self);
      return;
    }

  /* Words that could not be saved stay in the editor rather than being
   * replaced by another entry. */
  {
    g_autoptr(GError) flush_error = NULL;

    if (!attune_entry_editor_flush (self->editor, &flush_error))
      {
        show_toast (self, flush_error->message);
        return;
      }
  }

  attune_entry_editor_edit (self->editor, entry);
  set_stack_page (self->content_stack, "editor");
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->content_stack));
  attune_entry_editor_focus_body (self->editor);
  update_actions (self);
}

static void
close_editor (AttuneWindow *self)
{
  g_autoptr(AttuneEntry) blank = attune_entry_new ();

  attune_entry_editor_edit (self->editor, blank);
  set_stack_page (self->content_stack, "nothing");
  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
  update_actions (self);
}

/* Rows for the timeline, kept for the next ones instead of destroyed. GTK 4.8's list view
 * replaces all of its ~200 rows when the list jumps further than that (dragging the scroll
 * bar through a long journal): building each row from its template and destroying it again
 * was a quarter of such a jump's instructions (issue #7). GTK 4.8 takes the row out of its
 * list item before the factory's "teardown", so a row joins the pool when it loses its
 * parent. */
#define ROW_POOL_MAX 256

static void
row_parent_cb (GtkWidget    *row,
               GParamSpec   *pspec,
               AttuneWindow *self)
{
  if (gtk_widget_get_parent (row) == NULL && self->row_pool != NULL &&
      self->row_pool->len < ROW_POOL_MAX)
    g_ptr_array_add (self->row_pool, g_object_ref (row));
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              AttuneWindow             *self)
{
  GtkWidget *row;

  if (self->row_pool != NULL && self->row_pool->len > 0)
    {
      /* The pool's reference goes to the list item. */
      row = g_ptr_array_steal_index_fast (self->row_pool, self->row_pool->len - 1);
      gtk_list_item_set_child (item, row);
      g_object_unref (row);
      return;
    }

  row = attune_entry_row_new ();
  g_signal_connect_object (row, "notify::parent", G_CALLBACK (row_parent_cb), self, 0);
  gtk_list_item_set_child (item, row);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             AttuneWindow             *self)
{
  AttuneEntryRow *row = ATTUNE_ENTRY_ROW (gtk_list_item_get_child (item));
  AttuneEntry *entry = gtk_list_item_get_item (item);
  guint position = gtk_list_item_get_position (item);
  gboolean show_day = TRUE;

  /* Rows are grouped by day: a row starts a group when the one above is another day. */
  if (position > 0 && position != GTK_INVALID_LIST_POSITION)
    {
      g_autoptr(AttuneEntry) above = g_list_model_get_item (G_LIST_MODEL (self->timeline), position - 1);

      if (above != NULL)
        show_day = g_strcmp0 (attune_entry_get_day (above), attune_entry_get_day (entry)) != 0;
    }

  attune_entry_row_set_entry (row, entry);
  attune_entry_row_set_show_day (row, show_day);

  /* GTK 4.8 names a list view's rows by nothing at all (gtk_list_item_set_accessible_label
   * is 4.12): give the row widget the entry row's words so screen readers announce them. */
  attune_entry_row_label_widget (row, gtk_widget_get_parent (GTK_WIDGET (row)));
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  attune_entry_row_set_entry (ATTUNE_ENTRY_ROW (gtk_list_item_get_child (item)), NULL);
}

static void
timeline_items_changed_cb (AttuneWindow *self)
{
  update_timeline_state (self);
}

static void
timeline_error_cb (AttuneWindow *self)
{
  const GError *error = attune_timeline_get_error (self->timeline);

  /* A list model cannot return errors, so the timeline reports them here. */
  if (error != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Some entries could not be read: %s"), error->message);
      show_toast (self, text);
    }
}

static void
timeline_activate_cb (AttuneWindow *self,
                      guint         position)
{
  g_autoptr(AttuneEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->timeline), position);

  if (entry != NULL)
    open_entry (self, entry);
}

static void
welcome_done_cb (AttuneWindow *self)
{
  g_settings_set_boolean (self->settings, "welcome-done", TRUE);
  show_page (self, "journal");
  gtk_widget_grab_focus (GTK_WIDGET (self->timeline_view));
}

static void
leaflet_folded_cb (AttuneWindow *self)
{
  /* When the window widens again, show the open entry beside the timeline. */
  update_actions (self);
}

/* GTK 4.8's list view keeps up to 200 rows (GTK_LIST_VIEW_MAX_LIST_ITEMS) around what it
 * shows, and creates, binds and measures them all in one frame: before the first frame (most
 * of what start-up did beyond a bare window) and again whenever search results replace the
 * list (issue #7). So the list sees as many rows as a tall window shows, then GROW_ROWS more
 * after each frame, so that no frame waits for all of them. */
#define FIRST_FRAME_ROWS_MAX 32
#define GROW_ROWS 16
/* A short row: a title and one line of mood or tags (a title alone is shorter: the rows
 * after those come a frame later). */
#define MIN_ROW_HEIGHT 48

/* As many rows as the window's height can show, from the size it opens at (a maximized
 * window gets the most). 15 at the default 640 pixels, instead of 32: 17 fewer rows made and
 * measured before the first frame. */
static guint
first_frame_rows (AttuneWindow *self)
{
  int width, height;

  if (gtk_window_is_maximized (GTK_WINDOW (self)) ||
      g_settings_get_boolean (self->settings, "window-maximized"))
    return FIRST_FRAME_ROWS_MAX;

  /* GTK 4.8 writes both without checking for NULL. */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  if (gtk_widget_get_height (GTK_WIDGET (self)) > height)
    height = gtk_widget_get_height (GTK_WIDGET (self));
  if (height <= 0)
    return FIRST_FRAME_ROWS_MAX;

  return CLAMP ((guint) height / MIN_ROW_HEIGHT + 2, 8, FIRST_FRAME_ROWS_MAX);
}

static void
first_frame_after_paint_cb (GdkFrameClock *clock,
                            AttuneWindow  *self)
{
  guint size;

  if (self->timeline_slice == NULL)
    {
      g_signal_handlers_disconnect_by_func (clock, first_frame_after_paint_cb, self);
      return;
    }

  size = gtk_slice_list_model_get_size (self->timeline_slice);
  if (size >= 256 || size >= g_list_model_get_n_items (G_LIST_MODEL (self->timeline)))
    {
      g_signal_handlers_disconnect_by_func (clock, first_frame_after_paint_cb, self);
      gtk_slice_list_model_set_size (self->timeline_slice, G_MAXUINT);
      return;
    }

  gtk_slice_list_model_set_size (self->timeline_slice, size + GROW_ROWS);
}

static void
first_frame_realize_cb (AttuneWindow *self)
{
  g_signal_handlers_disconnect_by_func (self, first_frame_realize_cb, NULL);
  g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (self)), "after-paint",
                           G_CALLBACK (first_frame_after_paint_cb), self, 0);
}

/* Before the list is replaced: back to a screenful, growing again frame by frame. */
static void
shrink_timeline_slice (AttuneWindow *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (self->timeline_slice == NULL || clock == NULL ||
      gtk_slice_list_model_get_size (self->timeline_slice) <= first_frame_rows (self))
    return;

  gtk_slice_list_model_set_size (self->timeline_slice, first_frame_rows (self));
  g_signal_handlers_disconnect_by_func (clock, first_frame_after_paint_cb, self);
  g_signal_connect_object (clock, "after-paint", G_CALLBACK (first_frame_after_paint_cb), self, 0);
}

static void
search_changed_cb (AttuneWindow *self)
{
  if (self->timeline == NULL)
    return;

  /* Searching reads every match: in a worker, so that typing never waits for it (issue #7).
   * The timeline drops results that a newer keystroke replaced, and notifies "query" with
   * the new items when the results show. */
  shrink_timeline_slice (self);
  attune_timeline_search_async (self->timeline, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)),
                                NULL, NULL, NULL);
}

static void
search_activate_cb (AttuneWindow *self)
{
  /* Enter in the search field opens the first result. */
  if (self->timeline != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->timeline)) > 0)
    timeline_activate_cb (self, 0);
}

static void
search_mode_cb (AttuneWindow *self)
{
  if (!gtk_search_bar_get_search_mode (self->search_bar))
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
new_entry_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AttuneWindow *self = ATTUNE_WINDOW (widget);
  g_autoptr(AttuneEntry) entry = attune_entry_new ();

  open_entry (self, entry);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AttuneWindow *self = ATTUNE_WINDOW (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
  adw_view_stack_set_visible_child_name (self->view_stack, "timeline");
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
show_timeline_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  AttuneWindow *self = ATTUNE_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!attune_entry_editor_flush (self->editor, &error))
    {
      /* Stay in the editor: the text is there and the problem is shown above it. */
      show_toast (self, error->message);
      return;
    }

  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
  gtk_widget_grab_focus (GTK_WIDGET (self->timeline_view));
}

static void
undo_toast_dismissed_cb (AttuneWindow *self,
                         AdwToast     *toast)
{
  if (self->undo_toast != toast)
    return;

  self->undo_toast = NULL;
  g_clear_object (&self->deleted_entry);
  g_clear_pointer (&self->reminder_start, g_date_time_unref);
  update_actions (self);
}

static void
delete_check_in_response_cb (AdwMessageDialog *dialog,
                             const char       *response,
                             AttuneWindow     *self)
{
  g_autoptr(GError) error = NULL;
  gint64 id = attune_check_in_view_get_entry_id (self->check_in_view);

  if (g_strcmp0 (response, "delete") != 0 || id == 0)
    return;

  if (!attune_store_delete_entry (self->store, id, &error))
    {
      g_autofree char *text = g_strdup_printf (_("Could not delete the check-in: %s"), error->message);
      show_toast (self, text);
      return;
    }

  close_editor (self);
  show_toast (self, _("Check-in deleted"));
}

/* A check-in carries its repair history, so it is deleted after a question rather than
 * with Undo. */
static void
confirm_delete_check_in (AttuneWindow *self)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Delete This Check-in?"),
                                   _("Its answers and the history of the moment it describes will be erased for good."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Keep It"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_check_in_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
delete_entry_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  AttuneWindow *self = ATTUNE_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(AttuneEntry) saved = NULL;
  AttuneEntry *entry;
  AdwToast *toast;
  gint64 id;

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "check-in") == 0)
    {
      confirm_delete_check_in (self);
      return;
    }

  /* Save first, so that Undo brings back exactly what was on screen. */
  if (!attune_entry_editor_flush (self->editor, &error))
    {
      show_toast (self, error->message);
      return;
    }

  entry = attune_entry_editor_get_entry (self->editor);
  id = attune_entry_get_id (entry);

  if (id == 0)
    {
      /* Never saved: there is nothing on disk to delete. */
      close_editor (self);
      return;
    }

  saved = attune_store_get_entry (self->store, id, &error);
  if (saved == NULL || !attune_store_delete_entry (self->store, id, &error))
    {
      g_autofree char *text = g_strdup_printf (_("Could not delete the entry: %s"), error->message);
      show_toast (self, text);
      return;
    }

  g_set_object (&self->deleted_entry, saved);
  close_editor (self);

  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);

  toast = adw_toast_new (_("Entry deleted"));
  adw_toast_set_button_label (toast, _("Undo"));
  adw_toast_set_action_name (toast, "win.undo-delete");
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  /* Longer than the default five seconds: losing an entry is not a small thing. */
  adw_toast_set_timeout (toast, 10);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (undo_toast_dismissed_cb), self, G_CONNECT_SWAPPED);
  self->undo_toast = toast;
  adw_toast_overlay_add_toast (self->toast_overlay, toast);

  update_actions (self);
}

static void
undo_delete_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AttuneWindow *self = ATTUNE_WINDOW (widget);
  g_autoptr(AttuneEntry) entry = g_steal_pointer (&self->deleted_entry);
  g_autoptr(GError) error = NULL;

  if (entry == NULL)
    return;

  if (!attune_store_restore_entry (self->store, entry, &error))
    {
      g_autofree char *text = g_strdup_printf (_("Could not bring the entry back: %s"), error->message);
      show_toast (self, text);
    }

  update_actions (self);
}

/* The banner under the header: a due check-in first, else an unfinished one. */
static void
update_banner (AttuneWindow *self)
{
  if (self->reminder_start != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (self->reminder_start);
      /* Translators: in the reminder banner, e.g. "Thursday at 17:00", see strftime(3) */
      g_autofree char *when = g_date_time_format (local, _("%A at %H:%M"));
      g_autofree char *text = g_strdup_printf (_("Your session on %s has ended. How did it go?"), when);

      gtk_label_set_text (self->banner_label, text);
      gtk_button_set_label (self->banner_button, _("Check In"));
      gtk_revealer_set_reveal_child (self->banner_revealer, TRUE);
    }
  else if (self->has_draft)
    {
      gtk_label_set_text (self->banner_label, _("You have an unfinished check-in."));
      gtk_button_set_label (self->banner_button, _("Continue"));
      gtk_revealer_set_reveal_child (self->banner_revealer, TRUE);
    }
  else
    {
      gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
    }
}

static void
check_draft (AttuneWindow *self)
{
  g_autofree char *draft = NULL;
  g_autoptr(GError) error = NULL;

  draft = attune_store_load_draft (self->store, ATTUNE_CHECK_IN_DRAFT_KEY, &error);
  if (error != NULL)
    show_toast (self, error->message);

  self->has_draft = draft != NULL;
  update_banner (self);
}

static void
wizard_saved_cb (AttuneWindow  *self,
                 AttuneCheckIn *check_in)
{
  self->has_draft = FALSE;
  g_clear_pointer (&self->reminder_start, g_date_time_unref);
  update_banner (self);
  show_toast (self, _("Check-in saved"));
}

static void
wizard_destroyed_cb (AttuneWindow *self)
{
  check_draft (self);
}

static void
open_wizard (AttuneWindow      *self,
             AttuneCheckInFlow *flow)
{
  g_autoptr(GError) error = NULL;
  AttuneCheckInWizard *wizard;

  wizard = attune_check_in_wizard_new (self->store, flow, &error);
  if (wizard == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Could not start a check-in: %s"), error->message);
      show_toast (self, text);
      return;
    }

  gtk_window_set_transient_for (GTK_WINDOW (wizard), GTK_WINDOW (self));
  /* Part of the application, so that app.* actions (About Ruptures) work inside it. */
  gtk_window_set_application (GTK_WINDOW (wizard), gtk_window_get_application (GTK_WINDOW (self)));

  /* On a narrow screen (a phone, a tiled half) the wizard is no wider than Attune itself. */
  {
    int width = gtk_widget_get_width (GTK_WIDGET (self));
    int height = gtk_widget_get_height (GTK_WIDGET (self));
    int default_width, default_height;

    gtk_window_get_default_size (GTK_WINDOW (wizard), &default_width, &default_height);
    if (width > 0 && width < default_width)
      gtk_window_set_default_size (GTK_WINDOW (wizard), width, MIN (default_height, MAX (height, 294)));
  }

  g_signal_connect_object (wizard, "saved", G_CALLBACK (wizard_saved_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (wizard, "destroy", G_CALLBACK (wizard_destroyed_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (wizard));
}

/* "Default: the scheduled session that just ended, else now." */
static GDateTime *
dup_default_session_start (AttuneWindow *self)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autoptr(GDateTime) now = g_date_time_new_now (tz);
  g_autoptr(AttuneSchedule) schedule = NULL;
  g_autoptr(GDateTime) start = NULL;

  schedule = attune_schedule_new_from_settings (self->settings, tz, now, NULL);
  if (schedule == NULL || !attune_schedule_is_regular (schedule))
    return NULL;

  start = attune_schedule_previous_start (schedule, now);
  if (start == NULL || g_date_time_difference (now, start) > 24 * G_TIME_SPAN_HOUR)
    return NULL;

  return g_steal_pointer (&start);
}

typedef struct
{
  AttuneWindow *self;
  GDateTime    *session_start;
  char         *draft;
} ResumeData;

static void
resume_data_free (gpointer data)
{
  ResumeData *resume = data;

  g_clear_object (&resume->self);
  g_clear_pointer (&resume->session_start, g_date_time_unref);
  g_clear_pointer (&resume->draft, g_free);
  g_free (resume);
}

static void
start_new_check_in (AttuneWindow *self,
                    GDateTime    *session_start)
{
  g_autoptr(AttuneCheckInFlow) flow = NULL;
  g_autoptr(GDateTime) fallback = NULL;
  g_autoptr(GError) error = NULL;

  if (session_start == NULL)
    session_start = fallback = dup_default_session_start (self);

  flow = attune_check_in_wizard_create_flow (self->store, session_start, &error);
  if (flow == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Could not start a check-in: %s"), error->message);
      show_toast (self, text);
      return;
    }

  open_wizard (self, flow);
}

static void
resume_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    ResumeData       *resume)
{
  AttuneWindow *self = resume->self;

  if (g_strcmp0 (response, "resume") == 0)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(AttuneCheckInFlow) flow = attune_check_in_flow_deserialize (resume->draft, &error);

      if (flow != NULL)
        {
          open_wizard (self, flow);
          return;
        }

      /* A damaged draft should not keep the person from checking in. */
      show_toast (self, error->message);
      start_new_check_in (self, resume->session_start);
    }
  else if (g_strcmp0 (response, "new") == 0)
    {
      start_new_check_in (self, resume->session_start);
    }
}

/**
 * attune_window_show_message:
 * @self: the window
 * @message: what to tell the person
 *
 * Shows @message for a while at the bottom of the window.
 */
void
attune_window_show_message (AttuneWindow *self,
                            const char   *message)
{
  AdwToast *toast;

  g_return_if_fail (ATTUNE_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, 10);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/**
 * attune_window_start_check_in:
 * @self: the window
 * @session_start: (nullable): the start of the session to check in about, or %NULL for
 *   the scheduled session that just ended, else now
 *
 * Opens the check-in wizard, first offering to continue an unfinished one.
 */
void
attune_window_start_check_in (AttuneWindow *self,
                              GDateTime    *session_start)
{
  g_autofree char *draft = NULL;
  g_autoptr(GError) error = NULL;
  ResumeData *resume;
  GtkWidget *dialog;

  g_return_if_fail (ATTUNE_IS_WINDOW (self));

  if (self->store == NULL)
    return;

  draft = attune_store_load_draft (self->store, ATTUNE_CHECK_IN_DRAFT_KEY, &error);
  if (draft == NULL)
    {
      if (error != NULL)
        show_toast (self, error->message);
      start_new_check_in (self, session_start);
      return;
    }

  resume = g_new0 (ResumeData, 1);
  resume->self = g_object_ref (self);
  resume->session_start = session_start != NULL ? g_date_time_ref (session_start) : NULL;
  resume->draft = g_steal_pointer (&draft);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Continue Your Check-in?"),
                                   _("You started a check-in and didn’t finish it. Your answers are still here."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "new", _("_Start Over"),
                                    "resume", _("C_ontinue"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "resume", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "resume");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (resume_response_cb),
                         resume, (GClosureNotify) (void (*) (void)) resume_data_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * attune_window_set_reminder:
 * @self: the window
 * @session_start: (nullable): a scheduled session that has ended without a check-in, or
 *   %NULL to hide the reminder
 *
 * Shows or hides the banner that invites a check-in for @session_start.
 */
void
attune_window_set_reminder (AttuneWindow *self,
                            GDateTime    *session_start)
{
  g_return_if_fail (ATTUNE_IS_WINDOW (self));

  g_clear_pointer (&self->reminder_start, g_date_time_unref);
  if (session_start != NULL)
    self->reminder_start = g_date_time_ref (session_start);

  update_banner (self);
}

/* The shortcuts window is made when asked for and destroyed when closed. GtkApplication's
 * automatic help overlay would keep a hidden toplevel alive all the time, and GTK 4.8's
 * AT-SPI root can hand a screen reader that hidden window's unrealized accessible, which
 * crashes the app (seen with a stale child count after a dialog closed). */
/* GTK 4.8's shortcuts window gives its search button (a toggle showing only
 * an icon) no accessible name: a screen reader would say "button". */
static void
name_search_button (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_TOGGLE_BUTTON (child) && gtk_button_get_label (GTK_BUTTON (child)) == NULL)
        gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, _("Search Shortcuts"),
                                        -1);
      name_search_button (child);
    }
}

static void
show_help_overlay_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  g_autoptr(GtkBuilder) builder = NULL;
  GtkWindow *shortcuts;

  builder = gtk_builder_new_from_resource ("/io/github/attunejournal/Attune/ui/attune-shortcuts-window.ui");
  shortcuts = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
  name_search_button (GTK_WIDGET (shortcuts));
  gtk_window_set_transient_for (shortcuts, GTK_WINDOW (widget));
  gtk_window_present (shortcuts);
}

static void
check_in_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  attune_window_start_check_in (ATTUNE_WINDOW (widget), NULL);
}

static void
prepare_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AttuneWindow *self = ATTUNE_WINDOW (widget);

  if (self->store == NULL)
    return;

  gtk_window_present (GTK_WINDOW (attune_prepare_dialog_new (GTK_WINDOW (self), self->store)));
}

static void
banner_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AttuneWindow *self = ATTUNE_WINDOW (widget);
  g_autoptr(GDateTime) start = self->reminder_start != NULL ? g_date_time_ref (self->reminder_start) : NULL;

  attune_window_start_check_in (self, start);
}

static void
open_entry_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  AttuneWindow *self = ATTUNE_WINDOW (widget);
  g_autoptr(AttuneEntry) entry = NULL;
  g_autoptr(GError) error = NULL;

  entry = attune_store_get_entry (self->store, g_variant_get_int64 (parameter), &error);
  if (entry == NULL)
    {
      show_toast (self, error->message);
      return;
    }

  open_entry (self, entry);
}

static void
discard_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     AttuneWindow     *self)
{
  if (g_strcmp0 (response, "discard") == 0)
    gtk_window_destroy (GTK_WINDOW (self));
}

static gboolean
attune_window_close_request (GtkWindow *window)
{
  AttuneWindow *self = ATTUNE_WINDOW (window);
  g_autoptr(GError) error = NULL;
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));

  if (!attune_entry_editor_flush (self->editor, &error))
    {
      GtkWidget *dialog;

      dialog = adw_message_dialog_new (window, _("Your Latest Changes Are Not Saved"), NULL);
      adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                      _("%s If you close now, the changes shown in the editor will be lost."),
                                      error->message);
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "cancel", _("_Keep Window Open"),
                                        "discard", _("_Close Without Saving"),
                                        NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                                  ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
      g_signal_connect_object (dialog, "response", G_CALLBACK (discard_response_cb), self, 0);
      gtk_window_present (GTK_WINDOW (dialog));
      return TRUE;
    }

  return GTK_WINDOW_CLASS (attune_window_parent_class)->close_request (window);
}

/* Benchmark hook (tests/bench/run.sh, README "Performance"). Inert unless asked for:
 *   ATTUNE_BENCH_FIRST_FRAME=1  print "first_frame_us=<CLOCK_MONOTONIC µs>" on stderr after the
 *                               window's first paint (and "rss_shown_kb=" then)
 *   ATTUNE_BENCH_EXIT=1         close the window after that first frame
 *   ATTUNE_BENCH_SCROLL=1       after the first frame, type into the search and clear it, then
 *                               scroll the timeline from top to bottom, and print the longest
 *                               main-loop stall seen meanwhile and VmRSS, then close */

#define BENCH_PROBE_MS 5

typedef struct
{
  AttuneWindow *window;
  gint64        last_probe;
  gint64        max_stall;
  gint64        last_cpu;
  gint64        max_stall_cpu;
  guint         probe_id;
  guint         step;
  guint         n_scroll_steps;
  double        scroll_step;
} BenchScroll;

static const char bench_typed[] = "therapy mor";

static long
bench_rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, "VmRSS:")) == NULL)
    return -1;
  return strtol (line + strlen ("VmRSS:"), NULL, 10);
}

static gint64
bench_thread_cpu_us (void)
{
  struct timespec ts;

  if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
    return 0;
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static gboolean
bench_probe_cb (gpointer data)
{
  BenchScroll *bench = data;
  gint64 now = g_get_monotonic_time ();

  /* How late this 5 ms timer ran: the main loop was blocked for that long. */
  bench->max_stall = MAX (bench->max_stall, now - bench->last_probe - BENCH_PROBE_MS * 1000);
  bench->last_probe = now;
  /* The main thread's own CPU time since the last tick: what it spent blocked in our work,
   * not waiting for a core (this machine is shared; the lateness above counts both). */
  bench->max_stall_cpu = MAX (bench->max_stall_cpu, bench_thread_cpu_us () - bench->last_cpu);
  bench->last_cpu = bench_thread_cpu_us ();
  return G_SOURCE_CONTINUE;
}

static gboolean
bench_step_cb (gpointer data)
{
  BenchScroll *bench = data;
  AttuneWindow *self = bench->window;
  GtkAdjustment *vadj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->timeline_view));
  guint n_typed = sizeof bench_typed - 1;

  bench->step++;

  /* Typing, a key every 200 ms (this runs every 20 ms) so that the search entry, which
   * applies text 150 ms after the last change, searches every prefix; then clearing it. */
  if (bench->step <= 10 * (n_typed + 3))
    {
      if (bench->step % 10 == 0 && bench->step / 10 <= n_typed)
        {
          g_autofree char *text = g_strndup (bench_typed, bench->step / 10);

          gtk_search_bar_set_search_mode (self->search_bar, TRUE);
          gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
        }
      else if (bench->step == 10 * (n_typed + 1))
        gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      return G_SOURCE_CONTINUE;
    }

  /* Scrolling, a step every 20 ms, at least a screen at a time, about 400 steps from top to
   * bottom (the list's height is an estimate that changes as rows are measured). */
  if (bench->n_scroll_steps == 0)
    {
      bench->n_scroll_steps = 1;
      g_printerr ("max_stall_typing_us=%" G_GINT64_FORMAT "\nmax_stall_typing_cpu_us=%" G_GINT64_FORMAT
                  "\nrows_read_typing=%" G_GUINT64_FORMAT "\n",
                  bench->max_stall, bench->max_stall_cpu, attune_timeline_get_rows_read (self->timeline));
      bench->max_stall = 0;
      bench->max_stall_cpu = 0;
    }

  if (gtk_adjustment_get_value (vadj) + gtk_adjustment_get_page_size (vadj) < gtk_adjustment_get_upper (vadj) - 1 &&
      bench->n_scroll_steps < 2000)
    {
      double range = gtk_adjustment_get_upper (vadj) - gtk_adjustment_get_page_size (vadj);

      bench->scroll_step = MAX (gtk_adjustment_get_page_size (vadj), range / 400.0);
      gtk_adjustment_set_value (vadj, gtk_adjustment_get_value (vadj) + bench->scroll_step);
      bench->n_scroll_steps++;
      return G_SOURCE_CONTINUE;
    }

  {
    g_autoptr(AttuneEntry) last = g_list_model_get_item (G_LIST_MODEL (self->timeline),
                                                          g_list_model_get_n_items (G_LIST_MODEL (self->timeline)) - 1);

    g_printerr ("max_stall_scroll_cpu_us=%" G_GINT64_FORMAT "\n", bench->max_stall_cpu);
    g_printerr ("scroll_steps=%u\nmax_stall_scroll_us=%" G_GINT64_FORMAT "\nrows_read=%" G_GUINT64_FORMAT
                "\nrss_scrolled_kb=%ld\nlast_day=%s\n",
                bench->n_scroll_steps, bench->max_stall, attune_timeline_get_rows_read (self->timeline),
                bench_rss_kb (), last != NULL ? attune_entry_get_day (last) : "");
  }
  g_source_remove (bench->probe_id);
  gtk_window_destroy (GTK_WINDOW (self));
  g_free (bench);
  return G_SOURCE_REMOVE;
}

static void
bench_after_paint_cb (GdkFrameClock *clock,
                      AttuneWindow  *self)
{
  g_printerr ("first_frame_us=%" G_GINT64_FORMAT "\nrss_shown_kb=%ld\n",
              g_get_monotonic_time (), bench_rss_kb ());
  g_signal_handlers_disconnect_by_func (clock, bench_after_paint_cb, self);

  if (g_strcmp0 (g_getenv ("ATTUNE_BENCH_SCROLL"), "1") == 0 && self->timeline != NULL)
    {
      BenchScroll *bench = g_new0 (BenchScroll, 1);

      bench->window = self;
      bench->last_probe = g_get_monotonic_time ();
      bench->last_cpu = bench_thread_cpu_us ();
      bench->probe_id = g_timeout_add_full (G_PRIORITY_HIGH, BENCH_PROBE_MS, bench_probe_cb, bench, NULL);
      g_timeout_add (20, bench_step_cb, bench);
    }
  else if (g_strcmp0 (g_getenv ("ATTUNE_BENCH_EXIT"), "1") == 0)
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
bench_realize_cb (AttuneWindow *self)
{
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (self)), "after-paint",
                    G_CALLBACK (bench_after_paint_cb), self);
}

static void
bench_hook (AttuneWindow *self)
{
  if (g_strcmp0 (g_getenv ("ATTUNE_BENCH_FIRST_FRAME"), "1") == 0)
    g_signal_connect (self, "realize", G_CALLBACK (bench_realize_cb), NULL);
}

/* End of the benchmark hook. */

static void
attune_window_constructed (GObject *object)
{
  AttuneWindow *self = ATTUNE_WINDOW (object);
  g_autoptr(GtkListItemFactory) factory = NULL;
  g_autoptr(GtkSelectionModel) selection = NULL;

  G_OBJECT_CLASS (attune_window_parent_class)->constructed (object);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  if (self->store == NULL)
    {
      g_autofree char *path = attune_store_dup_default_path ();
      g_autoptr(GError) unknown = NULL;

      if (self->store_error == NULL)
        unknown = g_error_new_literal (ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_FAILED,
                                       _("The journal was not opened."));

      /* A protected journal opens to its lock page, and to nothing else. */
      if (g_error_matches (self->store_error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_LOCKED))
        {
          GtkWidget *lock_page = attune_lock_page_new (path);

          gtk_window_set_title (GTK_WINDOW (self), _("Attune (Locked)"));
          adw_application_window_set_content (ADW_APPLICATION_WINDOW (self), lock_page);
          gtk_widget_grab_focus (lock_page);
          return;
        }

      attune_error_page_set_error (self->error_page,
                                   self->store_error != NULL ? self->store_error : unknown,
                                   path);
      show_page (self, "error");
      return;
    }

  attune_entry_editor_set_store (self->editor, self->store);

  self->timeline = attune_store_new_timeline (self->store);
  g_signal_connect_object (self->timeline, "items-changed",
                           G_CALLBACK (timeline_items_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->timeline, "notify::error",
                           G_CALLBACK (timeline_error_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->timeline, "notify::query",
                           G_CALLBACK (update_timeline_state), self, G_CONNECT_SWAPPED);

  factory = gtk_signal_list_item_factory_new ();
  self->row_pool = g_ptr_array_new_with_free_func (g_object_unref);
  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_row_cb), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_row_cb), self, 0);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), NULL);
  gtk_list_view_set_factory (self->timeline_view, factory);
  self->timeline_slice = gtk_slice_list_model_new (g_object_ref (G_LIST_MODEL (self->timeline)),
                                                   0, first_frame_rows (self));
  g_signal_connect (self, "realize", G_CALLBACK (first_frame_realize_cb), NULL);
  selection = GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->timeline_slice))));
  gtk_list_view_set_model (self->timeline_view, selection);
  update_timeline_state (self);

  gtk_search_bar_set_key_capture_widget (self->search_bar, self->sidebar);
  attune_agenda_view_set_store (self->agenda_view, self->store);
  attune_insights_view_set_store (self->insights_view, self->store);
  /* Check-ins come and go through the timeline; the view reads again when it is next shown. */
  g_signal_connect_object (self->timeline, "items-changed",
                           G_CALLBACK (attune_insights_view_refresh), self->insights_view, G_CONNECT_SWAPPED);
  check_draft (self);

  show_page (self, g_settings_get_boolean (self->settings, "welcome-done") ? "journal" : "welcome");
  bench_hook (self);
}

static void
attune_window_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  AttuneWindow *self = ATTUNE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_STORE_ERROR:
      g_value_set_boxed (value, self->store_error);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attune_window_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  AttuneWindow *self = ATTUNE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_STORE_ERROR:
      self->store_error = g_value_dup_boxed (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attune_window_dispose (GObject *object)
{
  AttuneWindow *self = ATTUNE_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATTUNE_TYPE_WINDOW);

  self->undo_toast = NULL;
  g_clear_object (&self->deleted_entry);
  g_clear_pointer (&self->reminder_start, g_date_time_unref);
  g_clear_object (&self->timeline_slice);
  g_clear_pointer (&self->row_pool, g_ptr_array_unref);
  g_clear_object (&self->timeline);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (attune_window_parent_class)->dispose (object);
}

static void
attune_window_finalize (GObject *object)
{
  AttuneWindow *self = ATTUNE_WINDOW (object);

  g_clear_error (&self->store_error);

  G_OBJECT_CLASS (attune_window_parent_class)->finalize (object);
}

static void
attune_window_class_init (AttuneWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = attune_window_constructed;
  object_class->dispose = attune_window_dispose;
  object_class->finalize = attune_window_finalize;
  object_class->get_property = attune_window_get_property;
  object_class->set_property = attune_window_set_property;

  window_class->close_request = attune_window_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         ATTUNE_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STORE_ERROR] =
    g_param_spec_boxed ("store-error", NULL, NULL,
                        G_TYPE_ERROR,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ATTUNE_TYPE_AGENDA_VIEW);
  g_type_ensure (ATTUNE_TYPE_CHECK_IN_VIEW);
  g_type_ensure (ATTUNE_TYPE_ENTRY_EDITOR);
  g_type_ensure (ATTUNE_TYPE_ERROR_PAGE);
  g_type_ensure (ATTUNE_TYPE_INSIGHTS_VIEW);
  g_type_ensure (ATTUNE_TYPE_WELCOME);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/attunejournal/Attune/ui/attune-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AttuneWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AttuneWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, AttuneWindow, welcome);
  gtk_widget_class_bind_template_child (widget_class, AttuneWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, AttuneWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, AttuneWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, AttuneWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, AttuneWindow, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, AttuneWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, AttuneWindow, banner_button);
  gtk_widget_class_bind_template_child (widget_class, AttuneWindow, agenda_view);
  gtk_widget_class_bind_template_child (widget_class, AttuneWindow, check_in_view);
  gtk_widget_class_bind_template_child (widget_class, AttuneWindow, insights_view);
  gtk_widget_class_bind_template_child (widget_class, AttuneWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, AttuneWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AttuneWindow, timeline_stack);
  gtk_widget_class_bind_template_child (widget_class, AttuneWindow, timeline_view);
  gtk_widget_class_bind_template_child (widget_class, AttuneWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, AttuneWindow, editor);
  gtk_widget_class_bind_template_callback (widget_class, welcome_done_cb);
  gtk_widget_class_bind_template_callback (widget_class, leaflet_folded_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_mode_cb);
  gtk_widget_class_bind_template_callback (widget_class, timeline_activate_cb);

  gtk_widget_class_install_action (widget_class, "win.new-entry", NULL, new_entry_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.show-timeline", NULL, show_timeline_action);
  gtk_widget_class_install_action (widget_class, "win.delete-entry", NULL, delete_entry_action);
  gtk_widget_class_install_action (widget_class, "win.undo-delete", NULL, undo_delete_action);
  gtk_widget_class_install_action (widget_class, "win.check-in", NULL, check_in_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, show_help_overlay_action);
  gtk_widget_class_install_action (widget_class, "win.prepare", NULL, prepare_action);
  gtk_widget_class_install_action (widget_class, "win.banner-action", NULL, banner_action);
  gtk_widget_class_install_action (widget_class, "win.open-entry", "x", open_entry_action);
}

static void
attune_window_init (AttuneWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (BASE_APP_ID);

#if DEVELOPMENT_BUILD
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif
}

/**
 * attune_window_get_store:
 * @self: the window
 *
 * Returns: (transfer none) (nullable): the store the window shows
 */
AttuneStore *
attune_window_get_store (AttuneWindow *self)
{
  g_return_val_if_fail (ATTUNE_IS_WINDOW (self), NULL);

  return self->store;
}

const char *
_attune_window_get_visible_page (AttuneWindow *self)
{
  return gtk_stack_get_visible_child_name (self->main_stack);
}

AttuneEntryEditor *
_attune_window_get_editor (AttuneWindow *self)
{
  return self->editor;
}

AttuneTimeline *
_attune_window_get_timeline (AttuneWindow *self)
{
  return self->timeline;
}

AttuneErrorPage *
_attune_window_get_error_page (AttuneWindow *self)
{
  return self->error_page;
}

GtkEditable *
_attune_window_get_search_entry (AttuneWindow *self)
{
  return GTK_EDITABLE (self->search_entry);
}

const char *
_attune_window_get_timeline_state (AttuneWindow *self)
{
  return gtk_stack_get_visible_child_name (self->timeline_stack);
}

/* attune-lock-page.c
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What a protected journal opens to: the passphrase (or the recovery key),
 * checked in a worker thread, since Argon2id takes a moment on purpose.
 * Once unlocked, app.retry-open opens the journal in a new window. */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "attune-lock-page.h"
#include "attune-protection.h"
#include "attune-ui-utils.h"
#include "attune-store.h"

struct _AttuneLockPage
{
  GtkWidget       parent_instance;

  char           *journal_path;
  gboolean        use_recovery;
  GCancellable   *cancellable;

  GtkWidget      *box;
  AdwStatusPage  *status_page;
  GtkWidget      *passphrase_row;
  GtkWidget      *recovery_row;
  GtkLabel       *error_label;
  GtkWidget      *unlock_button;
  GtkWidget      *switch_button;
  GtkWidget      *spinner;
};

G_DEFINE_FINAL_TYPE (AttuneLockPage, attune_lock_page, GTK_TYPE_WIDGET)

typedef struct
{
  char     *journal_path;
  char     *secret;
  gboolean  recovery;
} UnlockData;

static void
unlock_data_free (UnlockData *data)
{
  g_free (data->journal_path);
  if (data->secret != NULL)
    memset (data->secret, 0, strlen (data->secret));
  g_free (data->secret);
  g_free (data);
}

static void
unlock_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  UnlockData *data = task_data;
  GError *error = NULL;
  gboolean ok;

  if (data->recovery)
    ok = attune_protection_unlock_with_recovery_key (data->journal_path, data->secret, &error);
  else
    ok = attune_protection_unlock (data->journal_path, data->secret, &error);

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
set_busy (AttuneLockPage *self,
          gboolean        busy)
{
  gtk_widget_set_sensitive (self->passphrase_row, !busy);
  gtk_widget_set_sensitive (self->recovery_row, !busy);
  gtk_widget_set_sensitive (self->unlock_button, !busy);
  gtk_widget_set_sensitive (self->switch_button, !busy);
  gtk_widget_set_visible (self->spinner, busy);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), busy);
}

static void
unlock_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  AttuneLockPage *self = ATTUNE_LOCK_PAGE (source);
  g_autoptr(GError) error = NULL;
  GtkWidget *row = self->use_recovery ? self->recovery_row : self->passphrase_row;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      set_busy (self, FALSE);
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      /* Read with the field by screen readers, as GTK 4.8 cannot announce. */
      gtk_accessible_update_relation (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->error_label, NULL,
                                      -1);
      gtk_widget_grab_focus (row);
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->recovery_row), "");
  gtk_widget_activate_action (GTK_WIDGET (self), "app.retry-open", NULL);
}

static void
unlock (AttuneLockPage *self)
{
  GtkWidget *row = self->use_recovery ? self->recovery_row : self->passphrase_row;
  const char *secret = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autoptr(GTask) task = NULL;
  UnlockData *data;

  if (secret[0] == '\0')
    {
      gtk_widget_grab_focus (row);
      return;
    }

  data = g_new0 (UnlockData, 1);
  data->journal_path = g_strdup (self->journal_path);
  data->secret = g_strdup (secret);
  data->recovery = self->use_recovery;

  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  set_busy (self, TRUE);

  task = g_task_new (self, self->cancellable, unlock_done_cb, NULL);
  g_task_set_task_data (task, data, (GDestroyNotify) unlock_data_free);
  g_task_run_in_thread (task, unlock_thread);
}

static void
switch_clicked_cb (AttuneLockPage *self)
{
  self->use_recovery = !self->use_recovery;

  gtk_widget_set_visible (self->passphrase_row, !self->use_recovery);
  gtk_widget_set_visible (self->recovery_row, self->use_recovery);
  gtk_button_set_label (GTK_BUTTON (self->switch_button),
                        self->use_recovery ? _("Use My Passphrase Instead") : _("Use My Recovery Key Instead"));
  adw_status_page_set_description (self->status_page,
                                   self->use_recovery
                                     ? _("Type the recovery key you wrote down when you set up the passphrase. Dashes and capitals do not matter.")
                                     : _("Type your passphrase to open your journal."));
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_widget_grab_focus (self->use_recovery ? self->recovery_row : self->passphrase_row);
}

static void
attune_lock_page_dispose (GObject *object)
{
  AttuneLockPage *self = ATTUNE_LOCK_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (attune_lock_page_parent_class)->dispose (object);
}

static void
attune_lock_page_finalize (GObject *object)
{
  AttuneLockPage *self = ATTUNE_LOCK_PAGE (object);

  g_free (self->journal_path);

  G_OBJECT_CLASS (attune_lock_page_parent_class)->finalize (object);
}

static gboolean
attune_lock_page_grab_focus (GtkWidget *widget)
{
  AttuneLockPage *self = ATTUNE_LOCK_PAGE (widget);

  return gtk_widget_grab_focus (self->use_recovery ? self->recovery_row : self->passphrase_row);
}

static void
attune_lock_page_class_init (AttuneLockPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = attune_lock_page_dispose;
  object_class->finalize = attune_lock_page_finalize;
  widget_class->grab_focus = attune_lock_page_grab_focus;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
attune_lock_page_init (AttuneLockPage *self)
{
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  self->cancellable = g_cancellable_new ();

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0));
  gtk_widget_add_css_class (header, "flat");
  gtk_box_append (GTK_BOX (self->box), header);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (self->box), scrolled);

  self->status_page = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->status_page, "system-lock-screen-symbolic");
  adw_status_page_set_title (self->status_page, _("Your Journal Is Locked"));
  adw_status_page_set_description (self->status_page, _("Type your passphrase to open your journal."));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->status_page));

  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 400);
  adw_status_page_set_child (self->status_page, clamp);
  adw_clamp_set_child (ADW_CLAMP (clamp), content);

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_box_append (GTK_BOX (content), list);

  self->passphrase_row = adw_password_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->passphrase_row), _("Passphrase"));
  attune_name_icon_buttons (self->passphrase_row, _("Show the passphrase"));
  g_signal_connect_swapped (self->passphrase_row, "entry-activated", G_CALLBACK (unlock), self);
  gtk_list_box_append (GTK_LIST_BOX (list), self->passphrase_row);

  self->recovery_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->recovery_row), _("Recovery key"));
  g_signal_connect_swapped (self->recovery_row, "entry-activated", G_CALLBACK (unlock), self);
  gtk_widget_set_visible (self->recovery_row, FALSE);
  gtk_list_box_append (GTK_LIST_BOX (list), self->recovery_row);

  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_label_set_justify (self->error_label, GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->error_label));

  gtk_widget_set_halign (buttons, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (content), buttons);

  self->unlock_button = gtk_button_new_with_label (_("Unlock"));
  gtk_widget_add_css_class (self->unlock_button, "pill");
  gtk_widget_add_css_class (self->unlock_button, "suggested-action");
  g_signal_connect_swapped (self->unlock_button, "clicked", G_CALLBACK (unlock), self);
  gtk_box_append (GTK_BOX (buttons), self->unlock_button);

  self->spinner = gtk_spinner_new ();
  gtk_widget_set_visible (self->spinner, FALSE);
  gtk_box_append (GTK_BOX (buttons), self->spinner);

  self->switch_button = gtk_button_new_with_label (_("Use My Recovery Key Instead"));
  gtk_widget_add_css_class (self->switch_button, "flat");
  g_signal_connect_swapped (self->switch_button, "clicked", G_CALLBACK (switch_clicked_cb), self);
  gtk_box_append (GTK_BOX (buttons), self->switch_button);
}

/**
 * attune_lock_page_new:
 * @journal_path: (type filename): the protected journal
 *
 * Returns: (transfer full): a new lock page
 */
GtkWidget *
attune_lock_page_new (const char *journal_path)
{
  AttuneLockPage *self = g_object_new (ATTUNE_TYPE_LOCK_PAGE, NULL);

  self->journal_path = g_strdup (journal_path);

  return GTK_WIDGET (self);
}

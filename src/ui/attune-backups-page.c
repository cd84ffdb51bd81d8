/* attune-backups-page.c
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The Backups page of Preferences: the journal's snapshots with their dates
 * and entry counts, Back Up Now, and Restore (which the application does,
 * through app.restore-backup, since every window must let go of the
 * journal first). */

#include "config.h"

#include <glib/gi18n.h>

#include "attune-backups-page.h"
#include "attune-check-in-text.h"
#include "attune-snapshot.h"

struct _AttuneBackupsPage
{
  AdwPreferencesPage  parent_instance;

  char               *journal_path;
  GCancellable       *cancellable;

  AdwPreferencesGroup *list_group;
  GtkListBox         *list_box;
  GtkButton          *back_up_button;
};

G_DEFINE_FINAL_TYPE (AttuneBackupsPage, attune_backups_page, ADW_TYPE_PREFERENCES_PAGE)

static void refresh (AttuneBackupsPage *self);

static const char *
kind_label (AttuneSnapshotKind kind)
{
  switch (kind)
    {
    case ATTUNE_SNAPSHOT_BEFORE_UPDATE:
      return _("Before an update");
    case ATTUNE_SNAPSHOT_MANUAL:
      return _("Made by you");
    case ATTUNE_SNAPSHOT_SET_ASIDE:
      return _("Set aside when you restored a backup");
    case ATTUNE_SNAPSHOT_DAILY:
    default:
      return _("Daily");
    }
}

static char *
dup_when (AttuneSnapshot *snapshot)
{
  GDateTime *taken_at = attune_snapshot_get_taken_at (snapshot);

  return attune_format_instant (g_date_time_to_unix (taken_at) * G_USEC_PER_SEC);
}

static void
toast (AttuneBackupsPage *self,
       const char        *text)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (text));
}

static void
restore_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          user_data)
{
  const char *path = g_object_get_data (G_OBJECT (dialog), "snapshot-path");

  if (g_strcmp0 (response, "restore") != 0 || path == NULL)
    return;

  g_action_group_activate_action (G_ACTION_GROUP (g_application_get_default ()),
                                  "restore-backup", g_variant_new_string (path));
}

static void
restore_clicked_cb (GtkButton         *button,
                    AttuneBackupsPage *self)
{
  AttuneSnapshot *snapshot = g_object_get_data (G_OBJECT (button), "snapshot");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *when = dup_when (snapshot);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  gint64 n = attune_snapshot_get_n_entries (snapshot);

  /* Translators: %s is a date and time */
  heading = g_strdup_printf (_("Restore the Backup from %s?"), when);
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Your journal will be as it was then, with %d entry. "
                                       "Your journal as it is now is not deleted: it is set aside in the backups folder, "
                                       "and you can restore it the same way.",
                                       "Your journal will be as it was then, with %d entries. "
                                       "Your journal as it is now is not deleted: it is set aside in the backups folder, "
                                       "and you can restore it the same way.",
                                       (gulong) MAX (n, 0)),
                          (int) MAX (n, 0));

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (root), heading, body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "restore", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "snapshot-path",
                          g_strdup (attune_snapshot_get_path (snapshot)), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (restore_response_cb), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
create_row (AttuneBackupsPage *self,
            AttuneSnapshot    *snapshot)
{
  g_autofree char *when = dup_when (snapshot);
  g_autofree char *subtitle = NULL;
  g_autofree char *button_name = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button;

  if (attune_snapshot_get_readable (snapshot))
    {
      gint64 n = attune_snapshot_get_n_entries (snapshot);

      /* Translators: "Daily · 12 entries" */
      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %d entry", "%s · %d entries", (gulong) n),
                                  kind_label (attune_snapshot_get_kind (snapshot)), (int) n);
    }
  else
    subtitle = g_strdup_printf ("%s · %s", kind_label (attune_snapshot_get_kind (snapshot)),
                                _("Cannot be read"));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), when);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  button = gtk_button_new_with_label (_("Restore…"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_sensitive (button, attune_snapshot_get_readable (snapshot));
  /* Translators: %s is a date and time; read by screen readers */
  button_name = g_strdup_printf (_("Restore the backup from %s"), when);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, button_name,
                                  -1);
  g_object_set_data_full (G_OBJECT (button), "snapshot", g_object_ref (snapshot), g_object_unref);
  g_signal_connect (button, "clicked", G_CALLBACK (restore_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  return row;
}

static void
refresh (AttuneBackupsPage *self)
{
  g_autoptr(GPtrArray) snapshots = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);

  if (self->journal_path == NULL)
    return;

  snapshots = attune_snapshots_list (self->journal_path, &error);
  if (snapshots == NULL)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("The backups could not be listed"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), error->message);
      gtk_list_box_append (self->list_box, row);
      return;
    }

  if (snapshots->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No backups yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("The first is made today, a little after Attune starts."));
      gtk_list_box_append (self->list_box, row);
      return;
    }

  for (guint i = 0; i < snapshots->len; i++)
    gtk_list_box_append (self->list_box, create_row (self, g_ptr_array_index (snapshots, i)));
}

static void
take_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  AttuneSnapshot *snapshot = attune_snapshots_take (task_data, ATTUNE_SNAPSHOT_MANUAL, NULL, &error);

  if (snapshot == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  attune_snapshots_rotate (task_data, NULL, NULL);
  g_task_return_pointer (task, snapshot, g_object_unref);
}

static void
take_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  AttuneBackupsPage *self = ATTUNE_BACKUPS_PAGE (source);
  g_autoptr(AttuneSnapshot) snapshot = NULL;
  g_autoptr(GError) error = NULL;

  snapshot = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_widget_set_sensitive (GTK_WIDGET (self->back_up_button), TRUE);

  if (snapshot == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Could not back up: %s"), error->message);

      toast (self, text);
      return;
    }

  toast (self, _("Backed up your journal"));
  refresh (self);
}

static void
back_up_clicked_cb (AttuneBackupsPage *self)
{
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, take_done_cb, NULL);

  gtk_widget_set_sensitive (GTK_WIDGET (self->back_up_button), FALSE);
  g_task_set_task_data (task, g_strdup (self->journal_path), g_free);
  g_task_run_in_thread (task, take_thread);
}

static void
attune_backups_page_dispose (GObject *object)
{
  AttuneBackupsPage *self = ATTUNE_BACKUPS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (attune_backups_page_parent_class)->dispose (object);
}

static void
attune_backups_page_finalize (GObject *object)
{
  AttuneBackupsPage *self = ATTUNE_BACKUPS_PAGE (object);

  g_free (self->journal_path);

  G_OBJECT_CLASS (attune_backups_page_parent_class)->finalize (object);
}

static void
attune_backups_page_class_init (AttuneBackupsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = attune_backups_page_dispose;
  object_class->finalize = attune_backups_page_finalize;
}

static void
attune_backups_page_init (AttuneBackupsPage *self)
{
  AdwPreferencesGroup *about_group;
  GtkWidget *box;

  self->cancellable = g_cancellable_new ();

  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (self), _("Backups"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (self), "document-save-symbolic");

  about_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (about_group, _("Automatic Backups"));
  adw_preferences_group_set_description (about_group,
                                         _("Once a day Attune keeps a copy of your journal in its own folder: "
                                           "one for each of the last 7 days and 4 weeks, and one before each update. "
                                           "They are as private as your journal, and they still hold what you have "
                                           "deleted since they were made, until they are replaced."));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), about_group);

  self->list_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->list_group, _("Your Backups"));

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  self->back_up_button = GTK_BUTTON (gtk_button_new_with_label (_("Back Up Now")));
  gtk_widget_add_css_class (GTK_WIDGET (self->back_up_button), "flat");
  gtk_widget_set_valign (GTK_WIDGET (self->back_up_button), GTK_ALIGN_CENTER);
  g_signal_connect_swapped (self->back_up_button, "clicked", G_CALLBACK (back_up_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->back_up_button));
  adw_preferences_group_set_header_suffix (self->list_group, box);

  self->list_box = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list_box, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list_box), "boxed-list");
  adw_preferences_group_add (self->list_group, GTK_WIDGET (self->list_box));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), self->list_group);
}

/**
 * attune_backups_page_new:
 * @journal_path: (type filename): the journal whose backups to show
 *
 * Returns: (transfer full): a new page
 */
GtkWidget *
attune_backups_page_new (const char *journal_path)
{
  AttuneBackupsPage *self = g_object_new (ATTUNE_TYPE_BACKUPS_PAGE, NULL);

  self->journal_path = g_strdup (journal_path);
  refresh (self);

  return GTK_WIDGET (self);
}

/**
 * attune_backups_page_get_n_rows:
 * @self: the page
 *
 * Returns: how many rows the list shows; for tests
 */
guint
attune_backups_page_get_n_rows (AttuneBackupsPage *self)
{
  guint n = 0;

  g_return_val_if_fail (ATTUNE_IS_BACKUPS_PAGE (self), 0);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;

  return n;
}

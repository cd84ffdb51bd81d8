/* attune-error-page.c
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "attune-error-page.h"
#include "attune-snapshot.h"
#include "attune-store.h"

/* Shown instead of the journal when the database cannot be opened. It says what happened
 * and what the person can do; the file itself has been left exactly as it was. */
struct _AttuneErrorPage
{
  GtkWidget      parent_instance;

  char          *path;

  GtkWidget     *box;
  AdwStatusPage *status_page;
  GtkLabel      *advice_label;
  AdwActionRow  *path_row;
  AdwActionRow  *details_row;
  GtkWidget     *retry_button;
  GtkWidget     *restore_button;
};

G_DEFINE_FINAL_TYPE (AttuneErrorPage, attune_error_page, GTK_TYPE_WIDGET)

static void
copy_clicked_cb (AttuneErrorPage *self)
{
  if (self->path != NULL)
    gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), self->path);
}

static void
attune_error_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), ATTUNE_TYPE_ERROR_PAGE);

  G_OBJECT_CLASS (attune_error_page_parent_class)->dispose (object);
}

static void
attune_error_page_finalize (GObject *object)
{
  AttuneErrorPage *self = ATTUNE_ERROR_PAGE (object);

  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (attune_error_page_parent_class)->finalize (object);
}

static void
attune_error_page_class_init (AttuneErrorPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = attune_error_page_dispose;
  object_class->finalize = attune_error_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/attunejournal/Attune/ui/attune-error-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AttuneErrorPage, box);
  gtk_widget_class_bind_template_child (widget_class, AttuneErrorPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, AttuneErrorPage, advice_label);
  gtk_widget_class_bind_template_child (widget_class, AttuneErrorPage, path_row);
  gtk_widget_class_bind_template_child (widget_class, AttuneErrorPage, details_row);
  gtk_widget_class_bind_template_child (widget_class, AttuneErrorPage, retry_button);
  gtk_widget_class_bind_template_child (widget_class, AttuneErrorPage, restore_button);
  gtk_widget_class_bind_template_callback (widget_class, copy_clicked_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
attune_error_page_init (AttuneErrorPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
attune_error_page_new (void)
{
  return g_object_new (ATTUNE_TYPE_ERROR_PAGE, NULL);
}

/**
 * attune_error_page_set_error:
 * @self: the page
 * @error: why the journal could not be opened
 * @path: (nullable): the journal file
 *
 * Explains @error in words a person can act on.
 */
void
attune_error_page_set_error (AttuneErrorPage *self,
                             const GError    *error,
                             const char      *path)
{
  const char *title = _("Your Journal Could Not Be Opened");
  const char *description = _("Attune left the file exactly as it was.");
  const char *advice = _("Try again in a moment. If it keeps happening, keep a copy of the file before you change anything.");
  gboolean can_retry = TRUE;
  g_autofree char *restore_advice = NULL;

  g_return_if_fail (ATTUNE_IS_ERROR_PAGE (self));
  g_return_if_fail (error != NULL);

  if (error->domain == ATTUNE_STORE_ERROR)
    {
      switch ((AttuneStoreError) error->code)
        {
        case ATTUNE_STORE_ERROR_CORRUPT:
          title = _("Your Journal File Is Damaged");
          description = _("Attune cannot read it, so it did not open it and did not change it.");
          advice = _("Please keep a copy of the file somewhere safe. It may still be possible to recover it with SQLite tools, or from a backup of your computer.");
          can_retry = FALSE;
          break;

        case ATTUNE_STORE_ERROR_NEWER_SCHEMA:
          title = _("Your Journal Needs a Newer Attune");
          description = _("It was last used by a newer version of Attune. This version left it untouched so that nothing is lost.");
          advice = _("Update Attune to open it.");
          can_retry = FALSE;
          break;

        case ATTUNE_STORE_ERROR_READ_ONLY:
          title = _("Your Journal Cannot Be Written");
          description = _("The journal file or its folder is read-only, so Attune could not save anything there.");
          advice = _("Check that you own the file and its folder and may write to them, then try again.");
          break;

        case ATTUNE_STORE_ERROR_DISK_FULL:
          title = _("The Disk Is Full");
          description = _("There is no space left to open your journal safely.");
          advice = _("Free some space, then try again.");
          break;

        case ATTUNE_STORE_ERROR_BUSY:
          title = _("Your Journal Is in Use");
          description = _("Another program, perhaps another copy of Attune, is using the journal right now.");
          advice = _("Close the other program, then try again.");
          break;

        case ATTUNE_STORE_ERROR_FAILED:
        case ATTUNE_STORE_ERROR_NOT_FOUND:
        case ATTUNE_STORE_ERROR_INVALID:
        case ATTUNE_STORE_ERROR_IO:
        case ATTUNE_STORE_ERROR_LOCKED:        /* the lock screen, not this page */
        case ATTUNE_STORE_ERROR_WRONG_SECRET:
        default:
          break;
        }
    }

  g_free (self->path);
  self->path = g_strdup (path);

  /* A damaged journal: offer the newest backup that is whole. */
  gtk_widget_set_visible (self->restore_button, FALSE);
  if (path != NULL && error->domain == ATTUNE_STORE_ERROR &&
      (error->code == ATTUNE_STORE_ERROR_CORRUPT || error->code == ATTUNE_STORE_ERROR_IO))
    {
      g_autoptr(AttuneSnapshot) snapshot = attune_snapshots_find_newest_good (path, NULL);

      if (snapshot != NULL)
        {
          g_autoptr(GDateTime) local = g_date_time_to_local (attune_snapshot_get_taken_at (snapshot));
          /* Translators: a date and time, see strftime(3) */
          g_autofree char *when = g_date_time_format (local, _("%-d %B %Y, %H:%M"));
          gint64 n = attune_snapshot_get_n_entries (snapshot);

          restore_advice = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                         "Attune made a backup of your journal on %s, with %d entry. "
                                                         "Restoring it sets the damaged file aside in the backups folder: nothing is deleted.",
                                                         "Attune made a backup of your journal on %s, with %d entries. "
                                                         "Restoring it sets the damaged file aside in the backups folder: nothing is deleted.",
                                                         (gulong) MAX (n, 0)),
                                            when, (int) MAX (n, 0));
          advice = restore_advice;
          /* Name and target together: a name without its target warns. */
          gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->restore_button),
                                                  g_variant_new_string (attune_snapshot_get_path (snapshot)));
          gtk_actionable_set_action_name (GTK_ACTIONABLE (self->restore_button), "app.restore-backup");
          gtk_widget_set_visible (self->restore_button, TRUE);
        }
    }

  adw_status_page_set_title (self->status_page, title);
  adw_status_page_set_description (self->status_page, description);
  gtk_label_set_text (self->advice_label, advice);
  adw_action_row_set_subtitle (self->path_row, path != NULL ? path : "");
  gtk_widget_set_visible (GTK_WIDGET (self->path_row), path != NULL);
  adw_action_row_set_subtitle (self->details_row, error->message);
  gtk_widget_set_visible (self->retry_button, can_retry);
}

const char *
attune_error_page_get_title (AttuneErrorPage *self)
{
  g_return_val_if_fail (ATTUNE_IS_ERROR_PAGE (self), NULL);

  return adw_status_page_get_title (self->status_page);
}

/* attune-protect-dialog.c
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Choosing a passphrase (to protect the journal, or a new one), then, after
 * protecting, the recovery key, shown this once. Protecting needs every
 * window to let go of the journal, so the application does it
 * (app.protect) and reports back through attune_protect_dialog_done();
 * changing the passphrase only rewrites the key file and is done here. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "attune-keyfile.h"
#include "attune-protect-dialog.h"
#include "attune-protection.h"
#include "attune-ui-utils.h"

/* Below this many characters a passphrase is accepted, with a word of advice. */
#define SHORT_PASSPHRASE 10

struct _AttuneProtectDialog
{
  AdwWindow      parent_instance;

  char          *journal_path;
  gboolean       change;
  GCancellable  *cancellable;

  GtkStack      *stack;
  GtkWidget     *cancel_button;
  GtkWidget     *first_row;
  GtkWidget     *second_row;
  GtkLabel      *hint_label;
  GtkWidget     *apply_button;
  GtkLabel      *working_label;
  GtkLabel      *key_label;
  GtkWidget     *saved_check;
  GtkWidget     *done_button;
};

G_DEFINE_FINAL_TYPE (AttuneProtectDialog, attune_protect_dialog, ADW_TYPE_WINDOW)

static void
update_apply (AttuneProtectDialog *self)
{
  const char *first = gtk_editable_get_text (GTK_EDITABLE (self->first_row));
  const char *second = gtk_editable_get_text (GTK_EDITABLE (self->second_row));
  gboolean same = g_strcmp0 (first, second) == 0;
  const char *hint = "";

  if (first[0] != '\0' && second[0] != '\0' && !same)
    hint = _("The two passphrases are not the same yet.");
  else if (first[0] != '\0' && g_utf8_strlen (first, -1) < SHORT_PASSPHRASE)
    hint = _("A short passphrase is easy to guess. A few words that mean something only to you are stronger, and easier to remember.");

  gtk_label_set_text (self->hint_label, hint);
  gtk_widget_set_visible (GTK_WIDGET (self->hint_label), hint[0] != '\0');
  gtk_widget_set_sensitive (self->apply_button, first[0] != '\0' && same);
}

static void
show_error (AttuneProtectDialog *self,
            const char          *message)
{
  gtk_stack_set_visible_child_name (self->stack, "choose");
  gtk_widget_set_sensitive (self->cancel_button, TRUE);
  gtk_label_set_text (self->hint_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->hint_label), TRUE);
}

static void
change_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  AttuneProtectDialog *self = source_object;
  GError *error = NULL;

  if (attune_protection_change_passphrase (self->journal_path, task_data,
                                           ATTUNE_KEYFILE_OPSLIMIT, ATTUNE_KEYFILE_MEMLIMIT, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
change_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  AttuneProtectDialog *self = ATTUNE_PROTECT_DIALOG (source);
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error->message);
      return;
    }

  attune_protect_dialog_done (self, NULL, NULL);
}

static void
free_secret (gpointer secret)
{
  memset (secret, 0, strlen (secret));
  g_free (secret);
}

static void
apply_clicked_cb (AttuneProtectDialog *self)
{
  const char *passphrase = gtk_editable_get_text (GTK_EDITABLE (self->first_row));

  if (!gtk_widget_get_sensitive (self->apply_button))
    return;

  gtk_widget_set_sensitive (self->cancel_button, FALSE);
  gtk_stack_set_visible_child_name (self->stack, "working");

  if (self->change)
    {
      g_autoptr(GTask) task = g_task_new (self, self->cancellable, change_done_cb, NULL);

      g_task_set_task_data (task, g_strdup (passphrase), free_secret);
      g_task_run_in_thread (task, change_thread);
    }
  else
    g_action_group_activate_action (G_ACTION_GROUP (g_application_get_default ()),
                                    "protect", g_variant_new_string (passphrase));

  gtk_editable_set_text (GTK_EDITABLE (self->first_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->second_row), "");
}

static void
copy_clicked_cb (AttuneProtectDialog *self)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)),
                          gtk_label_get_text (self->key_label));
}

static void
saved_toggled_cb (AttuneProtectDialog *self)
{
  gtk_widget_set_sensitive (self->done_button,
                            gtk_check_button_get_active (GTK_CHECK_BUTTON (self->saved_check)));
}

static GtkWidget *
page_box (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);

  gtk_widget_set_margin_top (box, 24);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 24);
  gtk_widget_set_margin_end (box, 24);

  return box;
}

static GtkWidget *
wrapped_label (const char *text,
               const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  return label;
}

static void
attune_protect_dialog_dispose (GObject *object)
{
  AttuneProtectDialog *self = ATTUNE_PROTECT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (attune_protect_dialog_parent_class)->dispose (object);
}

static void
attune_protect_dialog_finalize (GObject *object)
{
  AttuneProtectDialog *self = ATTUNE_PROTECT_DIALOG (object);

  g_free (self->journal_path);

  G_OBJECT_CLASS (attune_protect_dialog_parent_class)->finalize (object);
}

static void
attune_protect_dialog_class_init (AttuneProtectDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = attune_protect_dialog_dispose;
  object_class->finalize = attune_protect_dialog_finalize;

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
attune_protect_dialog_init (AttuneProtectDialog *self)
{
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *choose = page_box ();
  GtkWidget *working = page_box ();
  GtkWidget *recovery = page_box ();
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *spinner = gtk_spinner_new ();
  GtkWidget *copy_button;
  GtkWidget *buttons;

  self->cancellable = g_cancellable_new ();

  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 480, 560);

  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  self->cancel_button = gtk_button_new_with_label (_("Cancel"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->cancel_button), "window.close");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), self->cancel_button);
  gtk_box_append (GTK_BOX (outer), header);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_transition_type (self->stack, GTK_STACK_TRANSITION_TYPE_CROSSFADE);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->stack));
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (outer), scrolled);
  adw_window_set_content (ADW_WINDOW (self), outer);

  /* Choosing the passphrase. */
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  self->first_row = adw_password_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->first_row), _("Passphrase"));
  attune_name_icon_buttons (self->first_row, _("Show the passphrase"));
  g_signal_connect_swapped (self->first_row, "changed", G_CALLBACK (update_apply), self);
  gtk_list_box_append (GTK_LIST_BOX (list), self->first_row);
  self->second_row = adw_password_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->second_row), _("The same passphrase again"));
  attune_name_icon_buttons (self->second_row, _("Show the passphrase"));
  g_signal_connect_swapped (self->second_row, "changed", G_CALLBACK (update_apply), self);
  g_signal_connect_swapped (self->second_row, "entry-activated", G_CALLBACK (apply_clicked_cb), self);
  gtk_list_box_append (GTK_LIST_BOX (list), self->second_row);

  self->hint_label = GTK_LABEL (wrapped_label ("", "dim-label"));
  gtk_widget_set_visible (GTK_WIDGET (self->hint_label), FALSE);

  self->apply_button = gtk_button_new_with_label (_("Protect My Journal"));
  gtk_widget_add_css_class (self->apply_button, "pill");
  gtk_widget_add_css_class (self->apply_button, "suggested-action");
  gtk_widget_set_halign (self->apply_button, GTK_ALIGN_CENTER);
  gtk_widget_set_sensitive (self->apply_button, FALSE);
  g_signal_connect_swapped (self->apply_button, "clicked", G_CALLBACK (apply_clicked_cb), self);

  gtk_box_append (GTK_BOX (choose), wrapped_label (_("Choose a Passphrase"), "title-2"));
  gtk_box_append (GTK_BOX (choose),
                  wrapped_label (_("From now on Attune will open only with this passphrase, and your journal "
                                   "and its backups will be stored scrambled, so that someone with your computer "
                                   "or a copy of its files cannot read them."), NULL));
  gtk_box_append (GTK_BOX (choose),
                  wrapped_label (_("If you forget the passphrase, only the recovery key you will see next can open "
                                   "your journal. Nobody else can, not even the people who make Attune."), NULL));
  gtk_box_append (GTK_BOX (choose), list);
  gtk_box_append (GTK_BOX (choose), GTK_WIDGET (self->hint_label));
  gtk_box_append (GTK_BOX (choose), self->apply_button);
  gtk_stack_add_named (self->stack, choose, "choose");

  /* Working. */
  gtk_widget_set_valign (working, GTK_ALIGN_CENTER);
  gtk_spinner_set_spinning (GTK_SPINNER (spinner), TRUE);
  gtk_widget_set_size_request (spinner, 32, 32);
  gtk_box_append (GTK_BOX (working), spinner);
  self->working_label = GTK_LABEL (gtk_label_new (_("Protecting your journal…")));
  gtk_box_append (GTK_BOX (working), GTK_WIDGET (self->working_label));
  gtk_stack_add_named (self->stack, working, "working");

  /* The recovery key. */
  self->key_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_selectable (self->key_label, TRUE);
  gtk_label_set_wrap (self->key_label, TRUE);
  gtk_label_set_wrap_mode (self->key_label, PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (GTK_WIDGET (self->key_label), "monospace");
  gtk_widget_add_css_class (GTK_WIDGET (self->key_label), "title-3");

  copy_button = gtk_button_new_with_label (_("Copy"));
  gtk_widget_set_halign (copy_button, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (copy_button, "clicked", G_CALLBACK (copy_clicked_cb), self);

  self->saved_check = gtk_check_button_new_with_label (_("I have written it down or saved it somewhere safe"));
  g_signal_connect_swapped (self->saved_check, "toggled", G_CALLBACK (saved_toggled_cb), self);

  self->done_button = gtk_button_new_with_label (_("Done"));
  gtk_widget_add_css_class (self->done_button, "pill");
  gtk_widget_add_css_class (self->done_button, "suggested-action");
  gtk_widget_set_sensitive (self->done_button, FALSE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->done_button), "window.close");

  buttons = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_halign (buttons, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (buttons), self->saved_check);
  gtk_box_append (GTK_BOX (buttons), self->done_button);

  gtk_box_append (GTK_BOX (recovery), wrapped_label (_("Your Recovery Key"), "title-2"));
  gtk_box_append (GTK_BOX (recovery),
                  wrapped_label (_("Your journal is protected. Write this key down, or print it, and keep it "
                                   "somewhere safe away from this computer. It is the only way back into your "
                                   "journal if you forget your passphrase, and Attune will not show it again."), NULL));
  gtk_box_append (GTK_BOX (recovery), GTK_WIDGET (self->key_label));
  gtk_box_append (GTK_BOX (recovery), copy_button);
  gtk_box_append (GTK_BOX (recovery), buttons);
  gtk_stack_add_named (self->stack, recovery, "recovery");
}

/**
 * attune_protect_dialog_new:
 * @journal_path: (type filename): the journal
 * @change: %TRUE to change the passphrase of a protected journal, %FALSE
 *   to protect it
 *
 * Returns: (transfer full): a new dialog
 */
AttuneProtectDialog *
attune_protect_dialog_new (const char *journal_path,
                           gboolean    change)
{
  AttuneProtectDialog *self = g_object_new (ATTUNE_TYPE_PROTECT_DIALOG, NULL);

  self->journal_path = g_strdup (journal_path);
  self->change = change;

  gtk_window_set_title (GTK_WINDOW (self), change ? _("Change Passphrase") : _("Protect With a Passphrase"));
  if (change)
    {
      gtk_button_set_label (GTK_BUTTON (self->apply_button), _("Change Passphrase"));
      gtk_label_set_text (self->working_label, _("Changing your passphrase…"));
    }

  return self;
}

/**
 * attune_protect_dialog_done:
 * @self: the dialog
 * @recovery_key: (nullable): the recovery key to show, after protecting
 * @error: (nullable): why it failed
 *
 * Shows the outcome: the recovery key, an error to try again from, or, for
 * a changed passphrase, closes.
 */
void
attune_protect_dialog_done (AttuneProtectDialog *self,
                            const char          *recovery_key,
                            const GError        *error)
{
  g_return_if_fail (ATTUNE_IS_PROTECT_DIALOG (self));

  if (error != NULL)
    {
      show_error (self, error->message);
      return;
    }

  if (recovery_key == NULL)
    {
      GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

      if (ADW_IS_PREFERENCES_WINDOW (parent))
        adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (parent),
                                          adw_toast_new (_("Your passphrase is changed")));
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  gtk_label_set_text (self->key_label, recovery_key);
  gtk_widget_set_visible (self->cancel_button, FALSE);
  gtk_stack_set_visible_child_name (self->stack, "recovery");
  gtk_widget_grab_focus (self->saved_check);
}

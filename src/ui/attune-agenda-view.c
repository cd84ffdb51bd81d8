/* attune-agenda-view.c
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "attune-agenda-view.h"

/* Long enough to notice a mistake and reach the button; the same as the window's Undo. */
#define UNDO_TIMEOUT_S 10

typedef enum
{
  UNDO_NONE,
  UNDO_DONE,
  UNDO_REMOVE,
} UndoKind;

/* What the last change did, kept in memory only while it can be undone. */
typedef struct
{
  UndoKind          kind;
  AttuneAgendaItem *item;
  gboolean          was_done;
} Undo;

typedef enum
{
  FOCUS_NONE,
  FOCUS_CHECK,
  FOCUS_MENU,
} FocusTarget;

/* "The list for next session": what a person wants to bring to their next therapy session. */
struct _AttuneAgendaView
{
  GtkWidget    parent_instance;

  AttuneStore *store;
  GListModel  *agenda;
  Undo        *undo;
  AdwToast    *undo_toast;

  /* Rows are rebuilt when the list changes; this puts keyboard focus back where it was. */
  guint        focus_idle_id;
  gint64       focus_id;
  guint        focus_index;
  FocusTarget  focus_target;

  /* Template widgets */
  GtkWidget   *box;
  GtkWidget   *message_box;
  GtkLabel    *message_label;
  GtkWidget   *message_undo_button;
  AdwEntryRow *add_row;
  GtkListBox  *list_box;
  GtkWidget   *empty_box;
};

G_DEFINE_FINAL_TYPE (AttuneAgendaView, attune_agenda_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
undo_free (Undo *undo)
{
  g_clear_object (&undo->item);
  g_free (undo);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Undo, undo_free)

static void
update_actions (AttuneAgendaView *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "agenda.undo", self->undo != NULL);
}

/* Dropping the undo also takes away its toast, or the fallback message's button. */
static void
clear_undo (AttuneAgendaView *self)
{
  AdwToast *toast = g_steal_pointer (&self->undo_toast);

  g_clear_pointer (&self->undo, undo_free);

  if (toast != NULL)
    adw_toast_dismiss (toast);

  /* Also called from dispose, after the template may be gone. */
  if (self->message_undo_button != NULL)
    gtk_widget_set_visible (self->message_undo_button, FALSE);
  update_actions (self);
}

static void
hide_message (AttuneAgendaView *self)
{
  gtk_widget_set_visible (self->message_box, FALSE);
  gtk_label_set_text (self->message_label, "");
}

static void undo_toast_dismissed_cb (AttuneAgendaView *self,
                                     AdwToast         *toast);
static void undo_toast_button_clicked_cb (AttuneAgendaView *self);

/* Shows @text as a toast on the nearest overlay, or, when the view is not inside one, in a
 * line at its top, so that no error is ever silent. With @undo, the message offers Undo. */
static void
show_message (AttuneAgendaView *self,
              const char       *text,
              Undo             *undo)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (undo != NULL)
    {
      clear_undo (self);
      self->undo = undo;
    }

  if (overlay != NULL)
    {
      /* Toast titles are Pango markup in libadwaita 1.2; error messages may hold "<" or "&". */
      g_autofree char *escaped = g_markup_escape_text (text, -1);
      /* No wrapping custom title: in GTK 4.8 a wrapping label inside a toast trips a
       * height-for-width critical; the titles here are short. */
      AdwToast *toast = adw_toast_new (escaped);

      if (undo != NULL)
        {
          adw_toast_set_button_label (toast, _("Undo"));
          adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
          adw_toast_set_timeout (toast, UNDO_TIMEOUT_S);
          g_signal_connect_object (toast, "button-clicked",
                                   G_CALLBACK (undo_toast_button_clicked_cb), self, G_CONNECT_SWAPPED);
          g_signal_connect_object (toast, "dismissed",
                                   G_CALLBACK (undo_toast_dismissed_cb), self, G_CONNECT_SWAPPED);
          self->undo_toast = toast;
        }

      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
    }
  else
    {
      gtk_label_set_text (self->message_label, text);
      gtk_widget_set_visible (self->message_undo_button, undo != NULL);
      gtk_widget_set_visible (self->message_box, TRUE);
    }

  update_actions (self);
}

static void
show_error (AttuneAgendaView *self,
            const char       *what,
            const GError     *error)
{
  g_autofree char *text = g_strdup_printf ("%s %s", what, error->message);

  show_message (self, text, NULL);
}

static Undo *
undo_new (UndoKind          kind,
          AttuneAgendaItem *item,
          gboolean          was_done)
{
  Undo *undo = g_new0 (Undo, 1);

  undo->kind = kind;
  undo->item = g_object_ref (item);
  undo->was_done = was_done;

  return undo;
}

/* Returns: (transfer full) (nullable): the item with @id, and its place in the list */
static AttuneAgendaItem *
find_item (AttuneAgendaView *self,
           gint64            id,
           guint            *position)
{
  guint n;

  if (self->agenda == NULL)
    return NULL;

  n = g_list_model_get_n_items (self->agenda);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AttuneAgendaItem) item = g_list_model_get_item (self->agenda, i);

      if (attune_agenda_item_get_id (item) == id)
        {
          if (position != NULL)
            *position = i;
          return g_steal_pointer (&item);
        }
    }

  return NULL;
}

static gboolean
focus_idle_cb (gpointer user_data)
{
  AttuneAgendaView *self = user_data;
  GtkListBoxRow *row = NULL;
  GtkWidget *target = NULL;
  guint n;

  self->focus_idle_id = 0;

  n = self->agenda != NULL ? g_list_model_get_n_items (self->agenda) : 0;

  if (self->focus_id != 0)
    {
      guint position;
      g_autoptr(AttuneAgendaItem) item = find_item (self, self->focus_id, &position);

      if (item != NULL)
        row = gtk_list_box_get_row_at_index (self->list_box, position);
    }
  else if (n > 0)
    {
      row = gtk_list_box_get_row_at_index (self->list_box, MIN (self->focus_index, n - 1));
    }

  if (row != NULL)
    target = g_object_get_data (G_OBJECT (row),
                                self->focus_target == FOCUS_CHECK ? "agenda-check" : "agenda-menu-button");

  if (target != NULL)
    gtk_widget_grab_focus (target);
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->add_row));

  return G_SOURCE_REMOVE;
}

/* Whether keyboard focus is in the view (or in a menu of one of its rows); asked before a
 * change, since the change may take the focused row away. */
static gboolean
has_focus_inside (AttuneAgendaView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus == NULL ||
         focus == GTK_WIDGET (self) ||
         gtk_widget_is_ancestor (focus, GTK_WIDGET (self));
}

/* Focus is moved in an idle: a menu that has just been used gives focus back to its button
 * when it closes, and that button belonged to a row the list has since replaced. Focus is
 * only taken back when it was in the view before the change. */
static void
focus_later (AttuneAgendaView *self,
             gboolean          had_focus,
             gint64            id,
             guint             index,
             FocusTarget       target)
{
  if (!had_focus)
    return;

  self->focus_id = id;
  self->focus_index = index;
  self->focus_target = target;

  if (self->focus_idle_id == 0)
    self->focus_idle_id = g_idle_add (focus_idle_cb, self);
}

static GMenuModel *
build_menu (AttuneAgendaItem *item,
            gboolean          can_move_up,
            gboolean          can_move_down)
{
  gint64 id = attune_agenda_item_get_id (item);
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) move = g_menu_new ();
  g_autoptr(GMenu) edit = g_menu_new ();
  g_autoptr(GMenu) remove = g_menu_new ();
  g_autoptr(GMenuItem) menu_item = NULL;

  if (can_move_up)
    {
      menu_item = g_menu_item_new (_("Move _Up"), NULL);
      g_menu_item_set_action_and_target_value (menu_item, "agenda.move-up", g_variant_new_int64 (id));
      g_menu_append_item (move, menu_item);
      g_clear_object (&menu_item);
    }

  if (can_move_down)
    {
      menu_item = g_menu_item_new (_("Move _Down"), NULL);
      g_menu_item_set_action_and_target_value (menu_item, "agenda.move-down", g_variant_new_int64 (id));
      g_menu_append_item (move, menu_item);
      g_clear_object (&menu_item);
    }

  menu_item = g_menu_item_new (_("_Edit…"), NULL);
  g_menu_item_set_action_and_target_value (menu_item, "agenda.edit", g_variant_new_int64 (id));
  g_menu_append_item (edit, menu_item);
  g_clear_object (&menu_item);

  if (attune_agenda_item_get_entry_id (item) != 0)
    {
      menu_item = g_menu_item_new (_("_Open Entry"), NULL);
      /* The window implements win.open-entry; the target is the entry's id. */
      g_menu_item_set_action_and_target_value (menu_item, "win.open-entry",
                                               g_variant_new_int64 (attune_agenda_item_get_entry_id (item)));
      g_menu_append_item (edit, menu_item);
      g_clear_object (&menu_item);
    }

  menu_item = g_menu_item_new (_("_Remove"), NULL);
  g_menu_item_set_action_and_target_value (menu_item, "agenda.remove", g_variant_new_int64 (id));
  g_menu_append_item (remove, menu_item);
  g_clear_object (&menu_item);

  if (g_menu_model_get_n_items (G_MENU_MODEL (move)) > 0)
    g_menu_append_section (menu, NULL, G_MENU_MODEL (move));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (edit));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (remove));

  return G_MENU_MODEL (g_steal_pointer (&menu));
}

/* Which moves make sense depends on the neighbours, so every menu is rebuilt when the list
 * changes, not only the rows the list box recreates. Done items keep their place at the end. */
static void
update_menus (AttuneAgendaView *self)
{
  guint n = self->agenda != NULL ? g_list_model_get_n_items (self->agenda) : 0;

  for (guint i = 0; i < n; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list_box, i);
      g_autoptr(AttuneAgendaItem) item = g_list_model_get_item (self->agenda, i);
      g_autoptr(AttuneAgendaItem) prev = i > 0 ? g_list_model_get_item (self->agenda, i - 1) : NULL;
      g_autoptr(AttuneAgendaItem) next = i + 1 < n ? g_list_model_get_item (self->agenda, i + 1) : NULL;
      g_autoptr(GMenuModel) menu = NULL;
      gboolean done;
      GtkMenuButton *button;

      if (row == NULL)
        continue;

      button = g_object_get_data (G_OBJECT (row), "agenda-menu-button");
      if (button == NULL)
        continue;

      done = attune_agenda_item_get_done (item);
      menu = build_menu (item,
                         !done && prev != NULL && !attune_agenda_item_get_done (prev),
                         !done && next != NULL && !attune_agenda_item_get_done (next));
      gtk_menu_button_set_menu_model (button, menu);
    }
}

static void
update_empty (AttuneAgendaView *self)
{
  gboolean empty = self->agenda == NULL || g_list_model_get_n_items (self->agenda) == 0;

  gtk_widget_set_visible (GTK_WIDGET (self->list_box), !empty);
  gtk_widget_set_visible (self->empty_box, empty);
}

static void
agenda_items_changed_cb (AttuneAgendaView *self)
{
  update_menus (self);
  update_empty (self);
}

static void
update_row (GtkWidget        *row,
            AttuneAgendaItem *item)
{
  const char *text = attune_agenda_item_get_text (item);
  GtkWidget *check = g_object_get_data (G_OBJECT (row), "agenda-check");
  GtkWidget *menu_button = g_object_get_data (G_OBJECT (row), "agenda-menu-button");
  g_autofree char *menu_label = g_strdup_printf (_("More for %s"), text);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  /* The row's title already names the check button (AdwActionRow's activatable widget);
   * a label here too would make GTK 4.8 read the text twice. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("Discussed"),
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (menu_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, menu_label,
                                  -1);

  if (attune_agenda_item_get_done (item))
    gtk_widget_add_css_class (row, "agenda-done");
  else
    gtk_widget_remove_css_class (row, "agenda-done");
}

static void
item_notify_cb (GtkWidget        *row,
                GParamSpec       *pspec,
                AttuneAgendaItem *item)
{
  update_row (row, item);
}

static void
check_toggled_cb (GtkCheckButton   *check,
                  AttuneAgendaView *self)
{
  AttuneAgendaItem *item = g_object_get_data (G_OBJECT (check), "agenda-item");
  g_autoptr(AttuneAgendaItem) keep = NULL;
  g_autoptr(GError) error = NULL;
  gboolean active = gtk_check_button_get_active (check);
  gboolean had_focus = has_focus_inside (self);
  gboolean was_done;
  guint position = 0;
  gint64 id;

  if (item == NULL || self->store == NULL)
    return;

  was_done = attune_agenda_item_get_done (item);
  if (active == was_done)
    return;

  /* The row, and the item attached to it, may go away while the store updates the list. */
  id = attune_agenda_item_get_id (item);
  keep = find_item (self, id, &position);
  if (keep == NULL)
    keep = g_object_ref (item);

  if (!attune_store_set_agenda_item_done (self->store, id, active, &error))
    {
      g_signal_handlers_block_by_func (check, check_toggled_cb, self);
      gtk_check_button_set_active (check, was_done);
      g_signal_handlers_unblock_by_func (check, check_toggled_cb, self);
      show_error (self, _("Could not change it:"), error);
      return;
    }

  if (active)
    show_message (self, _("Marked as discussed"), undo_new (UNDO_DONE, keep, was_done));
  else if (self->undo != NULL && self->undo->kind == UNDO_DONE && attune_agenda_item_get_id (self->undo->item) == id)
    clear_undo (self); /* Unchecked by hand: that was the undo. */

  focus_later (self, had_focus, id, position, FOCUS_CHECK);
}

static GtkWidget *
create_row_cb (gpointer item_ptr,
               gpointer user_data)
{
  AttuneAgendaView *self = user_data;
  AttuneAgendaItem *item = item_ptr;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *menu_button = gtk_menu_button_new ();

  /* People's own words, shown as they wrote them: not markup, never cut short. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  if (attune_agenda_item_get_entry_id (item) != 0)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("From your journal"));
  gtk_widget_add_css_class (row, "agenda-item");

  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (check, _("Discussed"));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), attune_agenda_item_get_done (item));
  g_object_set_data_full (G_OBJECT (check), "agenda-item", g_object_ref (item), g_object_unref);
  g_signal_connect_object (check, "toggled", G_CALLBACK (check_toggled_cb), self, 0);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu_button), "view-more-symbolic");
  gtk_widget_set_valign (menu_button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (menu_button, _("More"));
  gtk_widget_add_css_class (menu_button, "flat");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), menu_button);

  g_object_set_data (G_OBJECT (row), "agenda-check", check);
  g_object_set_data (G_OBJECT (row), "agenda-menu-button", menu_button);
  g_object_set_data_full (G_OBJECT (row), "agenda-item", g_object_ref (item), g_object_unref);

  update_row (row, item);
  /* In case the store changes an item in place instead of replacing it. */
  g_signal_connect_object (item, "notify", G_CALLBACK (item_notify_cb), row, G_CONNECT_SWAPPED);

  return row;
}

static void
add_row_applied_cb (AttuneAgendaView *self)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->add_row)));
  g_autoptr(AttuneAgendaItem) item = NULL;
  g_autoptr(GError) error = NULL;

  g_strstrip (text);
  if (self->store == NULL || text[0] == '\0')
    return;

  item = attune_store_add_agenda_item (self->store, text, 0, &error);
  if (item == NULL)
    {
      /* The typed text stays in the row, to try again. */
      show_error (self, _("Could not add it:"), error);
      return;
    }

  /* Turning the apply button off and on again hides it: the now empty row has nothing to apply. */
  adw_entry_row_set_show_apply_button (self->add_row, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->add_row), "");
  adw_entry_row_set_show_apply_button (self->add_row, TRUE);
}

static void
undo_run (AttuneAgendaView *self)
{
  g_autoptr(Undo) undo = g_steal_pointer (&self->undo);
  g_autoptr(GError) error = NULL;
  gboolean had_focus = has_focus_inside (self);
  gboolean ok = TRUE;
  gint64 id;

  /* Also takes the toast or message away: there is nothing left to undo. */
  clear_undo (self);

  if (undo == NULL || self->store == NULL)
    return;

  id = attune_agenda_item_get_id (undo->item);

  switch (undo->kind)
    {
    case UNDO_DONE:
      ok = attune_store_set_agenda_item_done (self->store, id, undo->was_done, &error);
      /* Back to where it was in the list, not only back on it. */
      if (ok && !undo->was_done)
        ok = attune_store_move_agenda_item (self->store, id, attune_agenda_item_get_position (undo->item), &error);
      break;

    case UNDO_REMOVE:
      ok = attune_store_restore_agenda_item (self->store, undo->item, &error);
      break;

    case UNDO_NONE:
    default:
      g_assert_not_reached ();
    }

  if (!ok)
    {
      show_error (self, _("Could not undo:"), error);
      return;
    }

  if (gtk_widget_get_visible (self->message_box))
    hide_message (self);

  focus_later (self, had_focus, id, 0, FOCUS_CHECK);
}

static void
undo_toast_button_clicked_cb (AttuneAgendaView *self)
{
  undo_run (self);
}

static void
undo_toast_dismissed_cb (AttuneAgendaView *self,
                         AdwToast         *toast)
{
  if (self->undo_toast != toast)
    return;

  /* Once the toast is gone, so is the chance to undo; do not keep removed text around. */
  self->undo_toast = NULL;
  clear_undo (self);
}

static void
message_dismiss_clicked_cb (AttuneAgendaView *self)
{
  hide_message (self);
  clear_undo (self);
}

static void
move_item (AttuneAgendaView *self,
           gint64            id,
           int               delta)
{
  g_autoptr(AttuneAgendaItem) item = NULL;
  g_autoptr(AttuneAgendaItem) other = NULL;
  g_autoptr(GError) error = NULL;
  gboolean had_focus = has_focus_inside (self);
  guint position;
  guint n;

  if (self->store == NULL)
    return;

  item = find_item (self, id, &position);
  if (item == NULL || attune_agenda_item_get_done (item))
    return;

  n = g_list_model_get_n_items (self->agenda);
  if ((delta < 0 && position == 0) || (delta > 0 && position + 1 >= n))
    return;

  other = g_list_model_get_item (self->agenda, position + delta);
  if (attune_agenda_item_get_done (other))
    return;

  /* Take the neighbour's place; the store shifts the others. */
  if (!attune_store_move_agenda_item (self->store, id, attune_agenda_item_get_position (other), &error))
    {
      show_error (self, _("Could not move it:"), error);
      return;
    }

  focus_later (self, had_focus, id, position + delta, FOCUS_MENU);
}

static void
move_up_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  move_item (ATTUNE_AGENDA_VIEW (widget), g_variant_get_int64 (parameter), -1);
}

static void
move_down_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  move_item (ATTUNE_AGENDA_VIEW (widget), g_variant_get_int64 (parameter), 1);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AttuneAgendaView *self = ATTUNE_AGENDA_VIEW (widget);
  gint64 id = g_variant_get_int64 (parameter);
  g_autoptr(AttuneAgendaItem) item = NULL;
  g_autoptr(GError) error = NULL;
  gboolean had_focus = has_focus_inside (self);
  guint position;

  if (self->store == NULL)
    return;

  item = find_item (self, id, &position);
  if (item == NULL)
    return;

  if (!attune_store_delete_agenda_item (self->store, id, &error))
    {
      show_error (self, _("Could not remove it:"), error);
      return;
    }

  show_message (self, _("Removed from the list"), undo_new (UNDO_REMOVE, item, FALSE));
  focus_later (self, had_focus, 0, position, FOCUS_MENU);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  undo_run (ATTUNE_AGENDA_VIEW (widget));
}

static void
edit_entry_changed_cb (GtkEditable      *editable,
                       AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (editable));

  adw_message_dialog_set_response_enabled (dialog, "save", g_strstrip (text)[0] != '\0');
}

static void open_edit_dialog (AttuneAgendaView *self,
                              gint64            id,
                              const char       *text);

static void
edit_dialog_response_cb (AttuneAgendaView *self,
                         const char       *response,
                         AdwMessageDialog *dialog)
{
  GtkEditable *editable = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  gint64 *id = g_object_get_data (G_OBJECT (dialog), "agenda-id");
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "save") != 0 || self->store == NULL)
    return;

  text = g_strdup (gtk_editable_get_text (editable));
  g_strstrip (text);
  if (text[0] == '\0')
    return;

  if (!attune_store_set_agenda_item_text (self->store, *id, text, &error))
    {
      show_error (self, _("Could not save the change:"), error);
      /* Never lose what was typed: ask again with it. */
      if (!g_error_matches (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_NOT_FOUND))
        open_edit_dialog (self, *id, text);
      return;
    }

  focus_later (self, TRUE, *id, 0, FOCUS_MENU);
}

static void
open_edit_dialog (AttuneAgendaView *self,
                  gint64            id,
                  const char       *text)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;
  GtkWidget *entry;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Edit"), NULL);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("What you want to bring"),
                                  -1);
  g_signal_connect_object (entry, "changed", G_CALLBACK (edit_entry_changed_cb), dialog, 0);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);

  g_object_set_data_full (G_OBJECT (dialog), "agenda-id", g_memdup2 (&id, sizeof id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (edit_dialog_response_cb), self, G_CONNECT_SWAPPED);

  gtk_window_present (GTK_WINDOW (dialog));
  /* Not selected: one stray key press must not replace what was written. */
  gtk_entry_grab_focus_without_selecting (GTK_ENTRY (entry));
  gtk_editable_set_position (GTK_EDITABLE (entry), -1);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AttuneAgendaView *self = ATTUNE_AGENDA_VIEW (widget);
  gint64 id = g_variant_get_int64 (parameter);
  g_autoptr(AttuneAgendaItem) item = find_item (self, id, NULL);

  if (item == NULL)
    return;

  open_edit_dialog (self, id, attune_agenda_item_get_text (item));
}

static void
attune_agenda_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  AttuneAgendaView *self = ATTUNE_AGENDA_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, attune_agenda_view_get_store (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attune_agenda_view_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  AttuneAgendaView *self = ATTUNE_AGENDA_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      attune_agenda_view_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attune_agenda_view_dispose (GObject *object)
{
  AttuneAgendaView *self = ATTUNE_AGENDA_VIEW (object);

  g_clear_handle_id (&self->focus_idle_id, g_source_remove);
  clear_undo (self);

  if (self->list_box != NULL)
    gtk_list_box_bind_model (self->list_box, NULL, NULL, NULL, NULL);
  if (self->agenda != NULL)
    g_signal_handlers_disconnect_by_func (self->agenda, agenda_items_changed_cb, self);
  g_clear_object (&self->agenda);
  g_clear_object (&self->store);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATTUNE_TYPE_AGENDA_VIEW);

  G_OBJECT_CLASS (attune_agenda_view_parent_class)->dispose (object);
}

static gboolean
attune_agenda_view_grab_focus (GtkWidget *widget)
{
  AttuneAgendaView *self = ATTUNE_AGENDA_VIEW (widget);

  return gtk_widget_grab_focus (GTK_WIDGET (self->add_row));
}

static void
attune_agenda_view_class_init (AttuneAgendaViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = attune_agenda_view_dispose;
  object_class->get_property = attune_agenda_view_get_property;
  object_class->set_property = attune_agenda_view_set_property;
  widget_class->grab_focus = attune_agenda_view_grab_focus;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         ATTUNE_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "agenda.move-up", "x", move_up_action);
  gtk_widget_class_install_action (widget_class, "agenda.move-down", "x", move_down_action);
  gtk_widget_class_install_action (widget_class, "agenda.edit", "x", edit_action);
  gtk_widget_class_install_action (widget_class, "agenda.remove", "x", remove_action);
  gtk_widget_class_install_action (widget_class, "agenda.undo", NULL, undo_action);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/attunejournal/Attune/ui/attune-agenda-view.ui");
  gtk_widget_class_bind_template_child (widget_class, AttuneAgendaView, box);
  gtk_widget_class_bind_template_child (widget_class, AttuneAgendaView, message_box);
  gtk_widget_class_bind_template_child (widget_class, AttuneAgendaView, message_label);
  gtk_widget_class_bind_template_child (widget_class, AttuneAgendaView, message_undo_button);
  gtk_widget_class_bind_template_child (widget_class, AttuneAgendaView, add_row);
  gtk_widget_class_bind_template_child (widget_class, AttuneAgendaView, list_box);
  gtk_widget_class_bind_template_child (widget_class, AttuneAgendaView, empty_box);
  gtk_widget_class_bind_template_callback (widget_class, add_row_applied_cb);
  gtk_widget_class_bind_template_callback (widget_class, message_dismiss_clicked_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "agendaview");
}

static void
attune_agenda_view_init (AttuneAgendaView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  update_empty (self);
  update_actions (self);
}

GtkWidget *
attune_agenda_view_new (AttuneStore *store)
{
  g_return_val_if_fail (!store || ATTUNE_IS_STORE (store), NULL);

  return g_object_new (ATTUNE_TYPE_AGENDA_VIEW, "store", store, NULL);
}

/**
 * attune_agenda_view_get_store:
 * @self: the view
 *
 * Returns: (transfer none) (nullable): the store whose list is shown
 */
AttuneStore *
attune_agenda_view_get_store (AttuneAgendaView *self)
{
  g_return_val_if_fail (ATTUNE_IS_AGENDA_VIEW (self), NULL);

  return self->store;
}

/**
 * attune_agenda_view_set_store:
 * @self: the view
 * @store: (nullable): the store whose list for next session to show
 */
void
attune_agenda_view_set_store (AttuneAgendaView *self,
                              AttuneStore      *store)
{
  g_return_if_fail (ATTUNE_IS_AGENDA_VIEW (self));
  g_return_if_fail (!store || ATTUNE_IS_STORE (store));

  if (self->store == store)
    return;

  /* Undo belongs to the old list. */
  clear_undo (self);

  if (self->agenda != NULL)
    g_signal_handlers_disconnect_by_func (self->agenda, agenda_items_changed_cb, self);
  g_clear_object (&self->agenda);

  g_set_object (&self->store, store);

  if (store != NULL)
    self->agenda = g_object_ref (attune_store_get_agenda (store));

  gtk_list_box_bind_model (self->list_box, self->agenda, create_row_cb, self, NULL);

  if (self->agenda != NULL)
    {
      /* Connected after the list box's own handler, so the rows exist when menus are built. */
      g_signal_connect_object (self->agenda, "items-changed",
                               G_CALLBACK (agenda_items_changed_cb), self, G_CONNECT_SWAPPED);
    }

  update_menus (self);
  update_empty (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/**
 * attune_agenda_view_focus_add_row:
 * @self: the view
 *
 * Puts the keyboard focus in the row where new things are typed.
 */
void
attune_agenda_view_focus_add_row (AttuneAgendaView *self)
{
  g_return_if_fail (ATTUNE_IS_AGENDA_VIEW (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->add_row));
}

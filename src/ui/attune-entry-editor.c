/* attune-entry-editor.c
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "attune-entry-editor-private.h"
#include "attune-mood-chooser.h"
#include "attune-ui-utils.h"

/* How long typing may pause before the entry is saved. What is typed meanwhile is already
 * on disk as a draft (below), so a crash inside this delay loses nothing. */
#define AUTOSAVE_DELAY_MS 500

/* While a save keeps failing, Attune tries again this often by itself as well, so that
 * freeing space is enough even when the person has stopped typing. */
#define RETRY_DELAY_S 10

/* What was typed since the last save, in the drafts table, so that a crash inside the
 * autosave delay loses nothing: written on every change (at the next idle moment), removed
 * by the next successful save, and saved as the entry on the next start. One key: the app
 * has one window and one editor. */
#define DRAFT_KEY "entry-editor"
#define DRAFT_TYPE "a{sv}"
#define DRAFT_VERSION 1

struct _AttuneEntryEditor
{
  GtkWidget          parent_instance;

  AttuneStore       *store;
  AttuneEntry       *entry;
  guint              autosave_id;
  guint              draft_id;
  guint              retry_id;
  gboolean           has_draft;
  AttuneSaveState    save_state;
  gboolean           folded;
  gboolean           loading;

  /* Template widgets */
  GtkWidget         *box;
  AdwWindowTitle    *window_title;
  GtkRevealer       *error_revealer;
  GtkLabel          *error_label;
  GtkEntry          *title_entry;
  GtkMenuButton     *day_button;
  GtkPopover        *day_popover;
  GtkCalendar       *calendar;
  GtkTextView       *body_view;
  GtkWidget         *body_placeholder;
  AttuneMoodChooser *mood_chooser;
  GtkSwitch         *bring_switch;
  AdwEntryRow       *tags_row;
};

G_DEFINE_FINAL_TYPE (AttuneEntryEditor, attune_entry_editor, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_ENTRY,
  PROP_SAVE_STATE,
  PROP_FOLDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Our own words for why a save failed; ifs rather than a switch, so that new store error
 * codes fall back to the general sentence instead of failing -Wswitch-enum. */
static const char *
describe_save_error (const GError *error)
{
  if (g_error_matches (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_DISK_FULL))
    return _("Could not save: the disk is full. Your words are still here. Make some room on the disk, and Attune will save them.");

  if (g_error_matches (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_IO))
    return _("Could not save: the disk could not be written to. Your words are still here, and Attune will keep trying.");

  if (g_error_matches (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_READ_ONLY))
    return _("Could not save: the journal cannot be changed right now. Your words are still here, and Attune will keep trying.");

  if (g_error_matches (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_BUSY))
    return _("Could not save: another program is using the journal. Your words are still here, and Attune will keep trying.");

  return _("Could not save. Your words are still here, and Attune will keep trying.");
}

static void
set_save_state (AttuneEntryEditor *self,
                AttuneSaveState    state,
                const GError      *error)
{
  const char *subtitle = "";

  switch (state)
    {
    case ATTUNE_SAVE_STATE_EMPTY:
      subtitle = "";
      break;
    case ATTUNE_SAVE_STATE_PENDING:
      subtitle = _("Editing…");
      break;
    case ATTUNE_SAVE_STATE_SAVED:
      subtitle = _("Saved");
      break;
    case ATTUNE_SAVE_STATE_FAILED:
      subtitle = _("Not saved");
      break;
    default:
      g_assert_not_reached ();
    }

  adw_window_title_set_subtitle (self->window_title, subtitle);

  if (state == ATTUNE_SAVE_STATE_FAILED && error != NULL)
    {
      /* The store's message names the technical cause; the person first needs to know that
       * nothing is lost and what helps. The technical words stay in the tooltip. */
      gtk_label_set_text (self->error_label, describe_save_error (error));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->error_label), error->message);
      gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
    }
  else
    {
      gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
    }

  if (self->save_state == state)
    return;

  self->save_state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAVE_STATE]);
}

static void
update_day_button (AttuneEntryEditor *self)
{
  g_autofree char *label = attune_format_day (attune_entry_get_day (self->entry));
  g_autofree char *accessible = g_strdup_printf (_("About the day: %s"), label);

  gtk_menu_button_set_label (self->day_button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->day_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
}

static void
update_title (AttuneEntryEditor *self)
{
  adw_window_title_set_title (self->window_title,
                              attune_entry_get_id (self->entry) == 0 ? _("New Entry") : _("Entry"));
}

static void
update_placeholder (AttuneEntryEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->body_view);

  gtk_widget_set_visible (self->body_placeholder, gtk_text_buffer_get_char_count (buffer) == 0);
}

/* Copies what the widgets show into the entry object. */
static void
collect_fields (AttuneEntryEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->body_view);
  GtkTextIter start, end;
  g_autofree char *body = NULL;
  g_auto(GStrv) tags = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  body = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  tags = attune_parse_tags (gtk_editable_get_text (GTK_EDITABLE (self->tags_row)));

  attune_entry_set_title (self->entry, gtk_editable_get_text (GTK_EDITABLE (self->title_entry)));
  attune_entry_set_body (self->entry, body);
  attune_entry_set_mood (self->entry, attune_mood_chooser_get_mood (self->mood_chooser));
  attune_entry_set_bring (self->entry, gtk_switch_get_active (self->bring_switch));
  attune_entry_set_tags (self->entry, (const char * const *) tags);
}

static char *
serialize_draft (AttuneEntry *entry)
{
  g_autoptr(GVariant) variant = NULL;
  GVariantBuilder builder;
  const char * const *tags = attune_entry_get_tags (entry);
  const char *empty[] = { NULL };

  g_variant_builder_init (&builder, G_VARIANT_TYPE (DRAFT_TYPE));
  g_variant_builder_add (&builder, "{sv}", "version", g_variant_new_uint32 (DRAFT_VERSION));
  g_variant_builder_add (&builder, "{sv}", "uuid",
                         g_variant_new_string (attune_entry_get_uuid (entry) != NULL ? attune_entry_get_uuid (entry) : ""));
  g_variant_builder_add (&builder, "{sv}", "day", g_variant_new_string (attune_entry_get_day (entry)));
  g_variant_builder_add (&builder, "{sv}", "title", g_variant_new_string (attune_entry_get_title (entry)));
  g_variant_builder_add (&builder, "{sv}", "body", g_variant_new_string (attune_entry_get_body (entry)));
  g_variant_builder_add (&builder, "{sv}", "mood", g_variant_new_int32 (attune_entry_get_mood (entry)));
  g_variant_builder_add (&builder, "{sv}", "bring", g_variant_new_boolean (attune_entry_get_bring (entry)));
  g_variant_builder_add (&builder, "{sv}", "tags", g_variant_new_strv (tags != NULL ? tags : empty, -1));
  variant = g_variant_ref_sink (g_variant_builder_end (&builder));

  return g_variant_print (variant, TRUE);
}

/* Puts a draft's fields into @entry; FALSE when the draft is not one this version wrote. */
static gboolean
apply_draft (AttuneEntry *entry,
             GVariant    *draft)
{
  const char *day, *title, *body;
  g_autofree const char **tags = NULL;
  guint32 version;
  gint32 mood;
  gboolean bring;

  if (!g_variant_lookup (draft, "version", "u", &version) || version != DRAFT_VERSION ||
      !g_variant_lookup (draft, "day", "&s", &day) ||
      !g_variant_lookup (draft, "title", "&s", &title) ||
      !g_variant_lookup (draft, "body", "&s", &body) ||
      !g_variant_lookup (draft, "mood", "i", &mood) ||
      !g_variant_lookup (draft, "bring", "b", &bring) ||
      !g_variant_lookup (draft, "tags", "^a&s", &tags))
    return FALSE;

  if (*day != '\0')
    attune_entry_set_day (entry, day);
  attune_entry_set_title (entry, title);
  attune_entry_set_body (entry, body);
  attune_entry_set_mood (entry, mood);
  attune_entry_set_bring (entry, bring);
  attune_entry_set_tags (entry, tags);

  return TRUE;
}

static void
delete_draft (AttuneEntryEditor *self)
{
  g_clear_handle_id (&self->draft_id, g_source_remove);

  /* Nothing to do when nothing was typed since the last save. A failure leaves a draft
   * equal to the saved entry, which the next start recognises and removes. */
  if (self->has_draft && self->store != NULL &&
      attune_store_delete_draft (self->store, DRAFT_KEY, NULL))
    self->has_draft = FALSE;
}

static void
write_draft_cb (gpointer user_data)
{
  AttuneEntryEditor *self = user_data;
  g_autofree char *text = NULL;

  self->draft_id = 0;

  if (self->store == NULL || self->entry == NULL || self->save_state == ATTUNE_SAVE_STATE_SAVED)
    return;

  collect_fields (self);
  text = serialize_draft (self->entry);

  /* When this fails the save will most likely fail too, and that one is shown. */
  if (attune_store_save_draft (self->store, DRAFT_KEY, text, NULL))
    self->has_draft = TRUE;
}

static void
retry_cb (gpointer user_data);

static gboolean
save_now (AttuneEntryEditor  *self,
          GError            **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean was_new;

  g_clear_handle_id (&self->autosave_id, g_source_remove);
  g_clear_handle_id (&self->retry_id, g_source_remove);

  if (self->entry == NULL || self->store == NULL)
    return TRUE;

  if (self->save_state != ATTUNE_SAVE_STATE_PENDING && self->save_state != ATTUNE_SAVE_STATE_FAILED)
    return TRUE;

  collect_fields (self);

  /* A new entry that is still blank is not worth a row in the journal. */
  was_new = attune_entry_get_id (self->entry) == 0;
  if (was_new && attune_entry_is_empty (self->entry))
    {
      delete_draft (self);
      set_save_state (self, ATTUNE_SAVE_STATE_EMPTY, NULL);
      return TRUE;
    }

  if (!attune_store_save_entry (self->store, self->entry, &local_error))
    {
      set_save_state (self, ATTUNE_SAVE_STATE_FAILED, local_error);
      self->retry_id = g_timeout_add_once (RETRY_DELAY_S * 1000, retry_cb, self);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  delete_draft (self);
  set_save_state (self, ATTUNE_SAVE_STATE_SAVED, NULL);

  if (was_new)
    {
      update_title (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENTRY]);
    }

  return TRUE;
}

static void
autosave_cb (gpointer user_data)
{
  AttuneEntryEditor *self = user_data;

  self->autosave_id = 0;
  /* A failure is shown in the editor itself and the text stays; nothing else to do here. */
  save_now (self, NULL);
}

static void
retry_cb (gpointer user_data)
{
  AttuneEntryEditor *self = user_data;

  self->retry_id = 0;
  save_now (self, NULL);
}

static void
retry_clicked_cb (AttuneEntryEditor *self)
{
  save_now (self, NULL);
}

static void
field_changed_cb (AttuneEntryEditor *self)
{
  if (self->loading || self->entry == NULL)
    return;

  update_placeholder (self);

  if (self->save_state != ATTUNE_SAVE_STATE_FAILED)
    set_save_state (self, ATTUNE_SAVE_STATE_PENDING, NULL);

  g_clear_handle_id (&self->autosave_id, g_source_remove);
  self->autosave_id = g_timeout_add_once (AUTOSAVE_DELAY_MS, autosave_cb, self);

  /* The draft goes to disk right away (after this key press is drawn), not after the
   * pause: a crash or a power cut while typing keeps everything up to the last key. */
  if (self->draft_id == 0 && self->store != NULL)
    self->draft_id = g_idle_add_once (write_draft_cb, self);
}

static void
calendar_day_selected_cb (AttuneEntryEditor *self)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (self->calendar);
  g_autofree char *day = g_date_time_format (date, "%Y-%m-%d");

  gtk_popover_popdown (self->day_popover);

  if (self->loading || g_strcmp0 (day, attune_entry_get_day (self->entry)) == 0)
    return;

  attune_entry_set_day (self->entry, day);
  update_day_button (self);
  field_changed_cb (self);
}

static void
load_entry (AttuneEntryEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->body_view);
  g_autofree char *tags = attune_join_tags (attune_entry_get_tags (self->entry));
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(GDate) day = attune_entry_dup_day (self->entry);

  self->loading = TRUE;

  gtk_editable_set_text (GTK_EDITABLE (self->title_entry), attune_entry_get_title (self->entry));
  gtk_text_buffer_set_text (buffer, attune_entry_get_body (self->entry), -1);
  attune_mood_chooser_set_mood (self->mood_chooser, attune_entry_get_mood (self->entry));
  gtk_switch_set_active (self->bring_switch, attune_entry_get_bring (self->entry));
  gtk_editable_set_text (GTK_EDITABLE (self->tags_row), tags);

  if (day != NULL)
    {
      date = g_date_time_new_local (g_date_get_year (day), g_date_get_month (day),
                                    g_date_get_day (day), 12, 0, 0);
      if (date != NULL)
        gtk_calendar_select_day (self->calendar, date);
    }

  self->loading = FALSE;

  update_day_button (self);
  update_title (self);
  update_placeholder (self);
  set_save_state (self,
                  attune_entry_get_id (self->entry) == 0 ? ATTUNE_SAVE_STATE_EMPTY : ATTUNE_SAVE_STATE_SAVED,
                  NULL);
}

/* A draft left behind means Attune stopped while something typed was not saved yet (a
 * crash, a power cut, a kill): save it now, as the autosave would have, and show it. */
static void
recover_draft (AttuneEntryEditor *self)
{
  g_autofree char *text = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GVariant) draft = NULL;
  g_autoptr(AttuneEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  const char *uuid = NULL;

  text = attune_store_load_draft (self->store, DRAFT_KEY, NULL);
  if (text == NULL)
    return;

  self->has_draft = TRUE;
  draft = g_variant_parse (G_VARIANT_TYPE (DRAFT_TYPE), text, NULL, NULL, NULL);
  if (draft != NULL && g_variant_lookup (draft, "uuid", "&s", &uuid) && *uuid != '\0')
    entry = attune_store_get_entry_by_uuid (self->store, uuid, NULL);
  /* Never saved, or deleted since: the words are kept as a new entry. */
  if (entry == NULL)
    entry = attune_entry_new ();

  before = serialize_draft (entry);
  if (draft == NULL || !apply_draft (entry, draft) ||
      (attune_entry_get_id (entry) == 0 && attune_entry_is_empty (entry)))
    {
      delete_draft (self);
      return;
    }

  /* The entry was saved after all; only removing the draft had not happened. */
  after = serialize_draft (entry);
  if (attune_entry_get_id (entry) != 0 && g_str_equal (before, after))
    {
      delete_draft (self);
      return;
    }

  g_clear_object (&self->entry);
  self->entry = g_steal_pointer (&entry);

  if (attune_store_save_entry (self->store, self->entry, &error))
    {
      load_entry (self);
      delete_draft (self);
    }
  else
    {
      /* The draft stays until a save works; the editor shows why and keeps trying. */
      load_entry (self);
      set_save_state (self, ATTUNE_SAVE_STATE_FAILED, error);
      self->retry_id = g_timeout_add_once (RETRY_DELAY_S * 1000, retry_cb, self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENTRY]);
}

static void
attune_entry_editor_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  AttuneEntryEditor *self = ATTUNE_ENTRY_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_ENTRY:
      g_value_set_object (value, self->entry);
      break;

    case PROP_SAVE_STATE:
      g_value_set_int (value, self->save_state);
      break;

    case PROP_FOLDED:
      g_value_set_boolean (value, self->folded);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attune_entry_editor_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  AttuneEntryEditor *self = ATTUNE_ENTRY_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      attune_entry_editor_set_store (self, g_value_get_object (value));
      break;

    case PROP_FOLDED:
      if (self->folded != g_value_get_boolean (value))
        {
          self->folded = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attune_entry_editor_dispose (GObject *object)
{
  AttuneEntryEditor *self = ATTUNE_ENTRY_EDITOR (object);

  /* Last chance to keep what was typed; errors were already shown while editing. */
  save_now (self, NULL);

  g_clear_handle_id (&self->autosave_id, g_source_remove);
  g_clear_handle_id (&self->draft_id, g_source_remove);
  g_clear_handle_id (&self->retry_id, g_source_remove);
  g_clear_object (&self->entry);
  g_clear_object (&self->store);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATTUNE_TYPE_ENTRY_EDITOR);

  G_OBJECT_CLASS (attune_entry_editor_parent_class)->dispose (object);
}

static void
attune_entry_editor_class_init (AttuneEntryEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = attune_entry_editor_dispose;
  object_class->get_property = attune_entry_editor_get_property;
  object_class->set_property = attune_entry_editor_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         ATTUNE_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ENTRY] =
    g_param_spec_object ("entry", NULL, NULL,
                         ATTUNE_TYPE_ENTRY,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SAVE_STATE] =
    g_param_spec_int ("save-state", NULL, NULL,
                      ATTUNE_SAVE_STATE_EMPTY, ATTUNE_SAVE_STATE_FAILED, ATTUNE_SAVE_STATE_EMPTY,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_FOLDED] =
    g_param_spec_boolean ("folded", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ATTUNE_TYPE_MOOD_CHOOSER);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/attunejournal/Attune/ui/attune-entry-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, AttuneEntryEditor, box);
  gtk_widget_class_bind_template_child (widget_class, AttuneEntryEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, AttuneEntryEditor, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, AttuneEntryEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, AttuneEntryEditor, title_entry);
  gtk_widget_class_bind_template_child (widget_class, AttuneEntryEditor, day_button);
  gtk_widget_class_bind_template_child (widget_class, AttuneEntryEditor, day_popover);
  gtk_widget_class_bind_template_child (widget_class, AttuneEntryEditor, calendar);
  gtk_widget_class_bind_template_child (widget_class, AttuneEntryEditor, body_view);
  gtk_widget_class_bind_template_child (widget_class, AttuneEntryEditor, body_placeholder);
  gtk_widget_class_bind_template_child (widget_class, AttuneEntryEditor, mood_chooser);
  gtk_widget_class_bind_template_child (widget_class, AttuneEntryEditor, bring_switch);
  gtk_widget_class_bind_template_child (widget_class, AttuneEntryEditor, tags_row);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, calendar_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, retry_clicked_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "entryeditor");
}

static void
attune_entry_editor_init (AttuneEntryEditor *self)
{
  GtkTextBuffer *buffer;

  gtk_widget_init_template (GTK_WIDGET (self));

  buffer = gtk_text_view_get_buffer (self->body_view);
  g_signal_connect_object (buffer, "changed", G_CALLBACK (field_changed_cb), self, G_CONNECT_SWAPPED);

  self->entry = attune_entry_new ();
  load_entry (self);
}

AttuneStore *
attune_entry_editor_get_store (AttuneEntryEditor *self)
{
  g_return_val_if_fail (ATTUNE_IS_ENTRY_EDITOR (self), NULL);

  return self->store;
}

void
attune_entry_editor_set_store (AttuneEntryEditor *self,
                               AttuneStore       *store)
{
  g_return_if_fail (ATTUNE_IS_ENTRY_EDITOR (self));
  g_return_if_fail (!store || ATTUNE_IS_STORE (store));

  if (g_set_object (&self->store, store))
    {
      if (store != NULL)
        recover_draft (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
    }
}

/**
 * attune_entry_editor_get_entry:
 * @self: the editor
 *
 * Returns: (transfer none): the entry being edited (its id is 0 until first saved)
 */
AttuneEntry *
attune_entry_editor_get_entry (AttuneEntryEditor *self)
{
  g_return_val_if_fail (ATTUNE_IS_ENTRY_EDITOR (self), NULL);

  return self->entry;
}

/**
 * attune_entry_editor_edit:
 * @self: the editor
 * @entry: (transfer none): the entry to edit; the editor works on its own copy
 *
 * Saves what was being edited, then shows @entry.
 */
void
attune_entry_editor_edit (AttuneEntryEditor *self,
                          AttuneEntry       *entry)
{
  g_return_if_fail (ATTUNE_IS_ENTRY_EDITOR (self));
  g_return_if_fail (ATTUNE_IS_ENTRY (entry));

  save_now (self, NULL);

  g_clear_object (&self->entry);
  self->entry = attune_entry_copy (entry);
  load_entry (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENTRY]);
}

/**
 * attune_entry_editor_flush:
 * @self: the editor
 * @error: return location for a #GError
 *
 * Writes pending changes now instead of waiting for the autosave.
 *
 * Returns: %TRUE when nothing is left unsaved
 */
gboolean
attune_entry_editor_flush (AttuneEntryEditor  *self,
                           GError            **error)
{
  g_return_val_if_fail (ATTUNE_IS_ENTRY_EDITOR (self), FALSE);

  return save_now (self, error);
}

AttuneSaveState
attune_entry_editor_get_save_state (AttuneEntryEditor *self)
{
  g_return_val_if_fail (ATTUNE_IS_ENTRY_EDITOR (self), ATTUNE_SAVE_STATE_EMPTY);

  return self->save_state;
}

void
attune_entry_editor_focus_body (AttuneEntryEditor *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter end;

  g_return_if_fail (ATTUNE_IS_ENTRY_EDITOR (self));

  /* Cursor at the end, so that writing goes on where it stopped and nothing is selected
   * that a key press could replace. */
  buffer = gtk_text_view_get_buffer (self->body_view);
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_place_cursor (buffer, &end);
  gtk_widget_grab_focus (GTK_WIDGET (self->body_view));
}

GtkEditable *
_attune_entry_editor_get_title_editable (AttuneEntryEditor *self)
{
  return GTK_EDITABLE (self->title_entry);
}

GtkTextBuffer *
_attune_entry_editor_get_body_buffer (AttuneEntryEditor *self)
{
  return gtk_text_view_get_buffer (self->body_view);
}

GtkEditable *
_attune_entry_editor_get_tags_editable (AttuneEntryEditor *self)
{
  return GTK_EDITABLE (self->tags_row);
}

AttuneMoodChooser *
_attune_entry_editor_get_mood_chooser (AttuneEntryEditor *self)
{
  return self->mood_chooser;
}

GtkSwitch *
_attune_entry_editor_get_bring_switch (AttuneEntryEditor *self)
{
  return self->bring_switch;
}

const char *
_attune_entry_editor_get_error_text (AttuneEntryEditor *self)
{
  if (!gtk_revealer_get_reveal_child (self->error_revealer))
    return NULL;

  return gtk_label_get_text (self->error_label);
}

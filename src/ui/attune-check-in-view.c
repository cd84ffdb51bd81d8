/* attune-check-in-view.c
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "attune-check-in-text.h"
#include "attune-check-in-view.h"

/* A saved check-in's page in the timeline: the answers, where the rupture stands, its
 * dated history, and a place to update it at any time. */
struct _AttuneCheckInView
{
  GtkWidget       parent_instance;

  AttuneStore    *store;
  AttuneCheckIn  *check_in;
  gboolean        folded;

  GtkWidget      *box;
  AdwWindowTitle *window_title;
  GtkLabel       *status_label;
  GtkLabel       *summary_label;
  GtkWidget      *history_group;
  GtkListBox     *history_list;
  GtkWidget      *update_group;
  GtkCheckButton *answer_not_yet;
  GtkCheckButton *answer_better;
  GtkCheckButton *answer_unresolved;
  GtkCheckButton *answer_let_go;
  GtkEditable    *note_row;
  GtkWidget      *update_button;
  GtkLabel       *error_label;
};

G_DEFINE_FINAL_TYPE (AttuneCheckInView, attune_check_in_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_FOLDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const status_classes[] = {
  "no-rupture", "open", "in-progress", "repaired", "let-go",
};

static void
show_error (AttuneCheckInView *self,
            const GError      *error)
{
  gtk_label_set_text (self->error_label, error != NULL ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);
}

static void
set_status_badge (GtkLabel           *label,
                  AttuneRepairStatus  status)
{
  for (guint i = 0; i < G_N_ELEMENTS (status_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (label), status_classes[i]);

  gtk_label_set_text (label, attune_repair_status_label (status));
  if ((guint) status < G_N_ELEMENTS (status_classes))
    gtk_widget_add_css_class (GTK_WIDGET (label), status_classes[status]);
}

static void
fill_history (AttuneCheckInView  *self,
              GPtrArray          *events)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->history_list))) != NULL)
    gtk_list_box_remove (self->history_list, child);

  for (guint i = 0; events != NULL && i < events->len; i++)
    {
      AttuneRepairEvent *event = g_ptr_array_index (events, i);
      g_autofree char *when = attune_format_instant (event->at);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), attune_repair_status_label (event->status));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), when);
      if (event->note != NULL && *event->note != '\0')
        {
          g_autofree char *subtitle = g_strdup_printf ("%s\n%s", when, event->note);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
        }
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      gtk_list_box_append (self->history_list, row);
    }

  gtk_widget_set_visible (self->history_group, events != NULL && events->len > 0);
}

static gboolean
reload (AttuneCheckInView  *self,
        gint64              entry_id,
        GError            **error)
{
  g_autoptr(AttuneCheckIn) check_in = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *when = NULL;
  AttuneRepairStatus status;

  check_in = attune_store_get_check_in (self->store, entry_id, error);
  if (check_in == NULL)
    return FALSE;

  events = attune_store_list_repair_events (self->store, entry_id, error);
  if (events == NULL)
    return FALSE;

  g_set_object (&self->check_in, check_in);
  status = attune_check_in_get_repair_status (check_in);

  when = attune_format_instant (attune_check_in_get_session_at (check_in));
  adw_window_title_set_subtitle (self->window_title, when);
  set_status_badge (self->status_label, status);

  summary = attune_check_in_dup_summary (check_in);
  if (attune_check_in_get_damaged (check_in))
    {
      /* Words altered on disk are left out, and the person is told why. */
      char *with_notice = g_strconcat (_("Some written answers of this check-in were altered on disk, so Attune does not show them. A backup in Preferences may still hold them."),
                                       "\n\n", summary, NULL);

      g_free (summary);
      summary = with_notice;
    }
  gtk_label_set_text (self->summary_label, summary);
  /* Selectable for copying, but nothing selected: focus may land here. */
  gtk_label_select_region (self->summary_label, 0, 0);

  fill_history (self, events);

  /* Only a rupture has something to repair. */
  gtk_widget_set_visible (self->update_group, status != ATTUNE_REPAIR_NONE);
  gtk_widget_set_visible (self->update_button, status != ATTUNE_REPAIR_NONE);
  gtk_check_button_set_active (self->answer_not_yet, FALSE);
  gtk_check_button_set_active (self->answer_better, FALSE);
  gtk_check_button_set_active (self->answer_unresolved, FALSE);
  gtk_check_button_set_active (self->answer_let_go, FALSE);
  gtk_editable_set_text (self->note_row, "");
  show_error (self, NULL);

  return TRUE;
}

static void
update_clicked_cb (AttuneCheckInView *self)
{
  g_autoptr(GError) error = NULL;
  AttuneFollowUp answer;

  if (gtk_check_button_get_active (self->answer_better))
    answer = ATTUNE_FOLLOW_UP_BETTER;
  else if (gtk_check_button_get_active (self->answer_unresolved))
    answer = ATTUNE_FOLLOW_UP_UNRESOLVED;
  else if (gtk_check_button_get_active (self->answer_let_go))
    answer = ATTUNE_FOLLOW_UP_LET_GO;
  else
    answer = ATTUNE_FOLLOW_UP_NOT_YET;

  if (!attune_check_in_view_update_repair (self, answer, gtk_editable_get_text (self->note_row), &error))
    show_error (self, error);
}

static void
attune_check_in_view_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  AttuneCheckInView *self = ATTUNE_CHECK_IN_VIEW (object);

  switch (prop_id)
    {
    case PROP_FOLDED:
      g_value_set_boolean (value, self->folded);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attune_check_in_view_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  AttuneCheckInView *self = ATTUNE_CHECK_IN_VIEW (object);

  switch (prop_id)
    {
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
attune_check_in_view_dispose (GObject *object)
{
  AttuneCheckInView *self = ATTUNE_CHECK_IN_VIEW (object);

  g_clear_object (&self->check_in);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), ATTUNE_TYPE_CHECK_IN_VIEW);

  G_OBJECT_CLASS (attune_check_in_view_parent_class)->dispose (object);
}

static void
attune_check_in_view_class_init (AttuneCheckInViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = attune_check_in_view_dispose;
  object_class->get_property = attune_check_in_view_get_property;
  object_class->set_property = attune_check_in_view_set_property;

  properties[PROP_FOLDED] =
    g_param_spec_boolean ("folded", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/attunejournal/Attune/ui/attune-check-in-view.ui");
  gtk_widget_class_bind_template_child (widget_class, AttuneCheckInView, box);
  gtk_widget_class_bind_template_child (widget_class, AttuneCheckInView, window_title);
  gtk_widget_class_bind_template_child (widget_class, AttuneCheckInView, status_label);
  gtk_widget_class_bind_template_child (widget_class, AttuneCheckInView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, AttuneCheckInView, history_group);
  gtk_widget_class_bind_template_child (widget_class, AttuneCheckInView, history_list);
  gtk_widget_class_bind_template_child (widget_class, AttuneCheckInView, update_group);
  gtk_widget_class_bind_template_child (widget_class, AttuneCheckInView, answer_not_yet);
  gtk_widget_class_bind_template_child (widget_class, AttuneCheckInView, answer_better);
  gtk_widget_class_bind_template_child (widget_class, AttuneCheckInView, answer_unresolved);
  gtk_widget_class_bind_template_child (widget_class, AttuneCheckInView, answer_let_go);
  gtk_widget_class_bind_template_child (widget_class, AttuneCheckInView, note_row);
  gtk_widget_class_bind_template_child (widget_class, AttuneCheckInView, update_button);
  gtk_widget_class_bind_template_child (widget_class, AttuneCheckInView, error_label);
  gtk_widget_class_bind_template_callback (widget_class, update_clicked_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "checkinview");
}

static void
attune_check_in_view_init (AttuneCheckInView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * attune_check_in_view_show:
 * @self: the view
 * @store: the journal
 * @entry_id: a check-in's entry
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the check-in could be read and is shown
 */
gboolean
attune_check_in_view_show (AttuneCheckInView  *self,
                           AttuneStore        *store,
                           gint64              entry_id,
                           GError            **error)
{
  g_return_val_if_fail (ATTUNE_IS_CHECK_IN_VIEW (self), FALSE);
  g_return_val_if_fail (ATTUNE_IS_STORE (store), FALSE);

  g_set_object (&self->store, store);

  return reload (self, entry_id, error);
}

gint64
attune_check_in_view_get_entry_id (AttuneCheckInView *self)
{
  g_return_val_if_fail (ATTUNE_IS_CHECK_IN_VIEW (self), 0);

  return self->check_in != NULL ? attune_check_in_get_entry_id (self->check_in) : 0;
}

/**
 * attune_check_in_view_update_repair:
 * @self: the view
 * @answer: whether the rupture was raised and how it went
 * @note: (nullable): what the person wants to remember about it
 * @error: return location for a #GError
 *
 * Records a dated step in the rupture's history and shows the new status.
 *
 * Returns: %TRUE on success
 */
gboolean
attune_check_in_view_update_repair (AttuneCheckInView  *self,
                                    AttuneFollowUp      answer,
                                    const char         *note,
                                    GError            **error)
{
  gint64 entry_id;

  g_return_val_if_fail (ATTUNE_IS_CHECK_IN_VIEW (self), FALSE);
  g_return_val_if_fail (self->check_in != NULL, FALSE);

  entry_id = attune_check_in_get_entry_id (self->check_in);

  if (!attune_store_follow_up_rupture (self->store, entry_id, answer, note, error))
    return FALSE;

  return reload (self, entry_id, error);
}

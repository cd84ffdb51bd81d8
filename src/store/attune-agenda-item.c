/* attune-agenda-item.c
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "attune-agenda-item.h"
#include "attune-store-private.h"

/* Items never change once made: the store replaces an item in its list
 * with a new one after every change, so views simply rebind rows. */
struct _AttuneAgendaItem
{
  GObject   parent_instance;

  gint64    id;
  char     *text;
  gint64    entry_id;
  guint     position;
  gboolean  done;
  gint64    done_at;
  gint64    created_at;
};

G_DEFINE_FINAL_TYPE (AttuneAgendaItem, attune_agenda_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TEXT,
  PROP_ENTRY_ID,
  PROP_POSITION,
  PROP_DONE,
  PROP_DONE_AT,
  PROP_CREATED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
attune_agenda_item_finalize (GObject *object)
{
  AttuneAgendaItem *self = (AttuneAgendaItem *) object;

  g_clear_pointer (&self->text, g_free);

  G_OBJECT_CLASS (attune_agenda_item_parent_class)->finalize (object);
}

static void
attune_agenda_item_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  AttuneAgendaItem *self = ATTUNE_AGENDA_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, attune_agenda_item_get_id (self));
      break;

    case PROP_TEXT:
      g_value_set_string (value, attune_agenda_item_get_text (self));
      break;

    case PROP_ENTRY_ID:
      g_value_set_int64 (value, attune_agenda_item_get_entry_id (self));
      break;

    case PROP_POSITION:
      g_value_set_uint (value, attune_agenda_item_get_position (self));
      break;

    case PROP_DONE:
      g_value_set_boolean (value, attune_agenda_item_get_done (self));
      break;

    case PROP_DONE_AT:
      g_value_set_int64 (value, attune_agenda_item_get_done_at (self));
      break;

    case PROP_CREATED_AT:
      g_value_set_int64 (value, attune_agenda_item_get_created_at (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attune_agenda_item_class_init (AttuneAgendaItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = attune_agenda_item_finalize;
  object_class->get_property = attune_agenda_item_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL,
                         "",
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_ENTRY_ID] =
    g_param_spec_int64 ("entry-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_POSITION] =
    g_param_spec_uint ("position", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_DONE] =
    g_param_spec_boolean ("done", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_DONE_AT] =
    g_param_spec_int64 ("done-at", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_CREATED_AT] =
    g_param_spec_int64 ("created-at", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
attune_agenda_item_init (AttuneAgendaItem *self)
{
}

/**
 * _attune_agenda_item_new:
 * @id: the row id
 * @text: what to bring
 * @entry_id: the entry it came from, or 0
 * @position: its place among the items not done yet
 * @done: whether it was discussed
 * @done_at: when it was checked off, or 0
 * @created_at: when it was added
 *
 * Creates an item as read from the store.
 *
 * Returns: (transfer full): a new #AttuneAgendaItem
 */
AttuneAgendaItem *
_attune_agenda_item_new (gint64      id,
                         const char *text,
                         gint64      entry_id,
                         guint       position,
                         gboolean    done,
                         gint64      done_at,
                         gint64      created_at)
{
  AttuneAgendaItem *self = g_object_new (ATTUNE_TYPE_AGENDA_ITEM, NULL);

  self->id = id;
  self->text = g_strdup (text != NULL ? text : "");
  self->entry_id = entry_id;
  self->position = position;
  self->done = !!done;
  self->done_at = done_at;
  self->created_at = created_at;

  return self;
}

/**
 * _attune_agenda_item_equal:
 * @a: an #AttuneAgendaItem
 * @b: an #AttuneAgendaItem
 *
 * Checks whether two items hold the same data, so that the store only
 * reports the rows that really changed.
 *
 * Returns: %TRUE if every field is equal
 */
gboolean
_attune_agenda_item_equal (AttuneAgendaItem *a,
                           AttuneAgendaItem *b)
{
  return a->id == b->id &&
         g_strcmp0 (a->text, b->text) == 0 &&
         a->entry_id == b->entry_id &&
         a->position == b->position &&
         a->done == b->done &&
         a->done_at == b->done_at &&
         a->created_at == b->created_at;
}

/**
 * attune_agenda_item_get_id:
 * @self: an #AttuneAgendaItem
 *
 * Gets the id of the item.
 *
 * Returns: the id
 */
gint64
attune_agenda_item_get_id (AttuneAgendaItem *self)
{
  g_return_val_if_fail (ATTUNE_IS_AGENDA_ITEM (self), 0);

  return self->id;
}

/**
 * attune_agenda_item_get_text:
 * @self: an #AttuneAgendaItem
 *
 * Gets what the person wants to bring.
 *
 * Returns: (not nullable): the text
 */
const char *
attune_agenda_item_get_text (AttuneAgendaItem *self)
{
  g_return_val_if_fail (ATTUNE_IS_AGENDA_ITEM (self), NULL);

  return self->text;
}

/**
 * attune_agenda_item_get_entry_id:
 * @self: an #AttuneAgendaItem
 *
 * Gets the entry or check-in the item came from.
 *
 * Returns: the entry id, or 0 when the item was typed in or its entry was
 *   deleted
 */
gint64
attune_agenda_item_get_entry_id (AttuneAgendaItem *self)
{
  g_return_val_if_fail (ATTUNE_IS_AGENDA_ITEM (self), 0);

  return self->entry_id;
}

/**
 * attune_agenda_item_get_position:
 * @self: an #AttuneAgendaItem
 *
 * Gets the place of the item among those not done yet, from 0. A done item
 * keeps the place it had, so that Undo puts it back there.
 *
 * Returns: the position
 */
guint
attune_agenda_item_get_position (AttuneAgendaItem *self)
{
  g_return_val_if_fail (ATTUNE_IS_AGENDA_ITEM (self), 0);

  return self->position;
}

/**
 * attune_agenda_item_get_done:
 * @self: an #AttuneAgendaItem
 *
 * Gets whether the item was checked off as discussed.
 *
 * Returns: %TRUE if done
 */
gboolean
attune_agenda_item_get_done (AttuneAgendaItem *self)
{
  g_return_val_if_fail (ATTUNE_IS_AGENDA_ITEM (self), FALSE);

  return self->done;
}

/**
 * attune_agenda_item_get_done_at:
 * @self: an #AttuneAgendaItem
 *
 * Gets when the item was checked off.
 *
 * Returns: UTC microseconds since the Unix epoch, or 0 if not done
 */
gint64
attune_agenda_item_get_done_at (AttuneAgendaItem *self)
{
  g_return_val_if_fail (ATTUNE_IS_AGENDA_ITEM (self), 0);

  return self->done_at;
}

/**
 * attune_agenda_item_get_created_at:
 * @self: an #AttuneAgendaItem
 *
 * Gets when the item was added.
 *
 * Returns: UTC microseconds since the Unix epoch
 */
gint64
attune_agenda_item_get_created_at (AttuneAgendaItem *self)
{
  g_return_val_if_fail (ATTUNE_IS_AGENDA_ITEM (self), 0);

  return self->created_at;
}

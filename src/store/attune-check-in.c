/* attune-check-in.c
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "attune-check-in.h"
#include "attune-store.h"
#include "attune-store-private.h"

/* How many characters of "what happened" an agenda line keeps. */
#define AGENDA_LINE_MAX_CHARS 80

struct _AttuneCheckIn
{
  GObject             parent_instance;

  gint64              entry_id;
  char               *uuid;

  gint64              session_at;
  AttuneSessionMode   mode;
  int                 connected;
  int                 heard;
  int                 mattered;
  int                 suited;
  AttuneRuptureAnswer rupture;
  AttuneRuptureKind   kinds;
  char               *other_kind;
  int                 intensity;
  char               *what_happened;
  char               *felt;
  char               *needed;
  int                 resolved;
  AttuneSpokeUp       spoke_up;
  AttunePlan          plan;
  char               *message;

  AttuneRepairStatus  repair_status;
  gboolean            damaged;
};

G_DEFINE_FINAL_TYPE (AttuneCheckIn, attune_check_in, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ENTRY_ID,
  PROP_UUID,
  PROP_SESSION_AT,
  PROP_MODE,
  PROP_CONNECTED,
  PROP_HEARD,
  PROP_MATTERED,
  PROP_SUITED,
  PROP_RUPTURE,
  PROP_KINDS,
  PROP_OTHER_KIND,
  PROP_INTENSITY,
  PROP_WHAT_HAPPENED,
  PROP_FELT,
  PROP_NEEDED,
  PROP_RESOLVED,
  PROP_SPOKE_UP,
  PROP_PLAN,
  PROP_MESSAGE,
  PROP_REPAIR_STATUS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The draft format: one a{sv} per check-in, each key typed as below. */
#define DRAFT_TYPE "a{sv}"

static gboolean
is_scale (int value)
{
  return value >= ATTUNE_SCALE_NOT_SURE && value <= ATTUNE_SCALE_MAX;
}

static void
set_scale (AttuneCheckIn *self,
           int           *field,
           int            value,
           guint          prop_id)
{
  if (*field == value)
    return;

  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
set_text (AttuneCheckIn  *self,
          char          **field,
          const char     *text,
          guint           prop_id)
{
  if (text == NULL)
    text = "";

  if (g_strcmp0 (*field, text) == 0)
    return;

  g_free (*field);
  *field = g_strdup (text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
attune_check_in_finalize (GObject *object)
{
  AttuneCheckIn *self = (AttuneCheckIn *) object;

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->other_kind, g_free);
  g_clear_pointer (&self->what_happened, g_free);
  g_clear_pointer (&self->felt, g_free);
  g_clear_pointer (&self->needed, g_free);
  g_clear_pointer (&self->message, g_free);

  G_OBJECT_CLASS (attune_check_in_parent_class)->finalize (object);
}

static void
attune_check_in_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  AttuneCheckIn *self = ATTUNE_CHECK_IN (object);

  switch (prop_id)
    {
    case PROP_ENTRY_ID:
      g_value_set_int64 (value, attune_check_in_get_entry_id (self));
      break;

    case PROP_UUID:
      g_value_set_string (value, attune_check_in_get_uuid (self));
      break;

    case PROP_SESSION_AT:
      g_value_set_int64 (value, attune_check_in_get_session_at (self));
      break;

    case PROP_MODE:
      g_value_set_int (value, attune_check_in_get_mode (self));
      break;

    case PROP_CONNECTED:
      g_value_set_int (value, attune_check_in_get_connected (self));
      break;

    case PROP_HEARD:
      g_value_set_int (value, attune_check_in_get_heard (self));
      break;

    case PROP_MATTERED:
      g_value_set_int (value, attune_check_in_get_mattered (self));
      break;

    case PROP_SUITED:
      g_value_set_int (value, attune_check_in_get_suited (self));
      break;

    case PROP_RUPTURE:
      g_value_set_int (value, attune_check_in_get_rupture (self));
      break;

    case PROP_KINDS:
      g_value_set_uint (value, attune_check_in_get_kinds (self));
      break;

    case PROP_OTHER_KIND:
      g_value_set_string (value, attune_check_in_get_other_kind (self));
      break;

    case PROP_INTENSITY:
      g_value_set_int (value, attune_check_in_get_intensity (self));
      break;

    case PROP_WHAT_HAPPENED:
      g_value_set_string (value, attune_check_in_get_what_happened (self));
      break;

    case PROP_FELT:
      g_value_set_string (value, attune_check_in_get_felt (self));
      break;

    case PROP_NEEDED:
      g_value_set_string (value, attune_check_in_get_needed (self));
      break;

    case PROP_RESOLVED:
      g_value_set_int (value, attune_check_in_get_resolved (self));
      break;

    case PROP_SPOKE_UP:
      g_value_set_int (value, attune_check_in_get_spoke_up (self));
      break;

    case PROP_PLAN:
      g_value_set_uint (value, attune_check_in_get_plan (self));
      break;

    case PROP_MESSAGE:
      g_value_set_string (value, attune_check_in_get_message (self));
      break;

    case PROP_REPAIR_STATUS:
      g_value_set_int (value, attune_check_in_get_repair_status (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attune_check_in_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  AttuneCheckIn *self = ATTUNE_CHECK_IN (object);

  switch (prop_id)
    {
    case PROP_SESSION_AT:
      attune_check_in_set_session_at (self, g_value_get_int64 (value));
      break;

    case PROP_MODE:
      attune_check_in_set_mode (self, g_value_get_int (value));
      break;

    case PROP_CONNECTED:
      attune_check_in_set_connected (self, g_value_get_int (value));
      break;

    case PROP_HEARD:
      attune_check_in_set_heard (self, g_value_get_int (value));
      break;

    case PROP_MATTERED:
      attune_check_in_set_mattered (self, g_value_get_int (value));
      break;

    case PROP_SUITED:
      attune_check_in_set_suited (self, g_value_get_int (value));
      break;

    case PROP_RUPTURE:
      attune_check_in_set_rupture (self, g_value_get_int (value));
      break;

    case PROP_KINDS:
      attune_check_in_set_kinds (self, g_value_get_uint (value));
      break;

    case PROP_OTHER_KIND:
      attune_check_in_set_other_kind (self, g_value_get_string (value));
      break;

    case PROP_INTENSITY:
      attune_check_in_set_intensity (self, g_value_get_int (value));
      break;

    case PROP_WHAT_HAPPENED:
      attune_check_in_set_what_happened (self, g_value_get_string (value));
      break;

    case PROP_FELT:
      attune_check_in_set_felt (self, g_value_get_string (value));
      break;

    case PROP_NEEDED:
      attune_check_in_set_needed (self, g_value_get_string (value));
      break;

    case PROP_RESOLVED:
      attune_check_in_set_resolved (self, g_value_get_int (value));
      break;

    case PROP_SPOKE_UP:
      attune_check_in_set_spoke_up (self, g_value_get_int (value));
      break;

    case PROP_PLAN:
      attune_check_in_set_plan (self, g_value_get_uint (value));
      break;

    case PROP_MESSAGE:
      attune_check_in_set_message (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
scale_pspec (const char *name)
{
  return g_param_spec_int (name, NULL, NULL,
                           ATTUNE_SCALE_NOT_SURE, ATTUNE_SCALE_MAX, ATTUNE_SCALE_SKIPPED,
                           G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
}

static GParamSpec *
text_pspec (const char *name)
{
  return g_param_spec_string (name, NULL, NULL,
                              "",
                              G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
}

static void
attune_check_in_class_init (AttuneCheckInClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = attune_check_in_finalize;
  object_class->get_property = attune_check_in_get_property;
  object_class->set_property = attune_check_in_set_property;

  properties[PROP_ENTRY_ID] =
    g_param_spec_int64 ("entry-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_UUID] =
    g_param_spec_string ("uuid", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_SESSION_AT] =
    g_param_spec_int64 ("session-at", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_MODE] =
    g_param_spec_int ("mode", NULL, NULL,
                      ATTUNE_SESSION_MODE_UNSET, ATTUNE_SESSION_MODE_PHONE, ATTUNE_SESSION_MODE_UNSET,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_CONNECTED] = scale_pspec ("connected");
  properties[PROP_HEARD] = scale_pspec ("heard");
  properties[PROP_MATTERED] = scale_pspec ("mattered");
  properties[PROP_SUITED] = scale_pspec ("suited");

  properties[PROP_RUPTURE] =
    g_param_spec_int ("rupture", NULL, NULL,
                      ATTUNE_RUPTURE_UNSET, ATTUNE_RUPTURE_NOT_SURE, ATTUNE_RUPTURE_UNSET,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_KINDS] =
    g_param_spec_uint ("kinds", NULL, NULL,
                       0, ATTUNE_RUPTURE_KIND_ALL, 0,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_OTHER_KIND] = text_pspec ("other-kind");
  properties[PROP_INTENSITY] = scale_pspec ("intensity");
  properties[PROP_WHAT_HAPPENED] = text_pspec ("what-happened");
  properties[PROP_FELT] = text_pspec ("felt");
  properties[PROP_NEEDED] = text_pspec ("needed");
  properties[PROP_RESOLVED] = scale_pspec ("resolved");

  properties[PROP_SPOKE_UP] =
    g_param_spec_int ("spoke-up", NULL, NULL,
                      ATTUNE_SPOKE_UP_UNSET, ATTUNE_SPOKE_UP_NO, ATTUNE_SPOKE_UP_UNSET,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_PLAN] =
    g_param_spec_uint ("plan", NULL, NULL,
                       0, ATTUNE_PLAN_ALL, 0,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_MESSAGE] = text_pspec ("message");

  properties[PROP_REPAIR_STATUS] =
    g_param_spec_int ("repair-status", NULL, NULL,
                      ATTUNE_REPAIR_NONE, ATTUNE_REPAIR_LET_GO, ATTUNE_REPAIR_NONE,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
attune_check_in_init (AttuneCheckIn *self)
{
  self->other_kind = g_strdup ("");
  self->what_happened = g_strdup ("");
  self->felt = g_strdup ("");
  self->needed = g_strdup ("");
  self->message = g_strdup ("");
}

/* Public API */

/**
 * attune_repair_event_free:
 * @event: (nullable): an #AttuneRepairEvent
 *
 * Frees @event and its note.
 */
void
attune_repair_event_free (AttuneRepairEvent *event)
{
  if (event == NULL)
    return;

  g_free (event->note);
  g_free (event);
}

/**
 * attune_check_in_new:
 *
 * Creates an empty, unsaved check-in (entry id 0): no session time, every
 * scale skipped, no rupture answer.
 *
 * Returns: (transfer full): a new #AttuneCheckIn
 */
AttuneCheckIn *
attune_check_in_new (void)
{
  return g_object_new (ATTUNE_TYPE_CHECK_IN, NULL);
}

/**
 * attune_check_in_copy:
 * @self: an #AttuneCheckIn
 *
 * Duplicates every field of @self, its entry id, uuid and repair status
 * included.
 *
 * Returns: (transfer full): a new #AttuneCheckIn
 */
AttuneCheckIn *
attune_check_in_copy (AttuneCheckIn *self)
{
  AttuneCheckIn *copy;

  g_return_val_if_fail (ATTUNE_IS_CHECK_IN (self), NULL);

  copy = attune_check_in_new ();
  copy->entry_id = self->entry_id;
  copy->uuid = g_strdup (self->uuid);
  copy->session_at = self->session_at;
  copy->mode = self->mode;
  copy->connected = self->connected;
  copy->heard = self->heard;
  copy->mattered = self->mattered;
  copy->suited = self->suited;
  copy->rupture = self->rupture;
  copy->kinds = self->kinds;
  g_free (copy->other_kind);
  copy->other_kind = g_strdup (self->other_kind);
  copy->intensity = self->intensity;
  g_free (copy->what_happened);
  copy->what_happened = g_strdup (self->what_happened);
  g_free (copy->felt);
  copy->felt = g_strdup (self->felt);
  g_free (copy->needed);
  copy->needed = g_strdup (self->needed);
  copy->resolved = self->resolved;
  copy->spoke_up = self->spoke_up;
  copy->plan = self->plan;
  g_free (copy->message);
  copy->message = g_strdup (self->message);
  copy->repair_status = self->repair_status;
  copy->damaged = self->damaged;

  return copy;
}

/**
 * attune_check_in_get_entry_id:
 * @self: an #AttuneCheckIn
 *
 * Gets the id of the timeline entry this check-in is.
 *
 * Returns: the entry id, or 0 when it was never saved
 */
gint64
attune_check_in_get_entry_id (AttuneCheckIn *self)
{
  g_return_val_if_fail (ATTUNE_IS_CHECK_IN (self), 0);

  return self->entry_id;
}

/**
 * attune_check_in_get_uuid:
 * @self: an #AttuneCheckIn
 *
 * Gets the uuid of the timeline entry this check-in is.
 *
 * Returns: (nullable): the uuid, or %NULL when it was never saved
 */
const char *
attune_check_in_get_uuid (AttuneCheckIn *self)
{
  g_return_val_if_fail (ATTUNE_IS_CHECK_IN (self), NULL);

  return self->uuid;
}

/**
 * attune_check_in_get_session_at:
 * @self: an #AttuneCheckIn
 *
 * Gets when the session took place.
 *
 * Returns: UTC microseconds since the Unix epoch, or 0 when not set
 */
gint64
attune_check_in_get_session_at (AttuneCheckIn *self)
{
  g_return_val_if_fail (ATTUNE_IS_CHECK_IN (self), 0);

  return self->session_at;
}

/**
 * attune_check_in_set_session_at:
 * @self: an #AttuneCheckIn
 * @session_at: UTC microseconds since the Unix epoch, positive
 *
 * Sets when the session took place. Its local calendar day becomes the day
 * of the check-in in the timeline.
 */
void
attune_check_in_set_session_at (AttuneCheckIn *self,
                                gint64         session_at)
{
  g_return_if_fail (ATTUNE_IS_CHECK_IN (self));
  g_return_if_fail (session_at >= 0);

  if (self->session_at == session_at)
    return;

  self->session_at = session_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION_AT]);
}

/**
 * attune_check_in_get_mode:
 * @self: an #AttuneCheckIn
 *
 * Gets how the session took place.
 *
 * Returns: the session mode
 */
AttuneSessionMode
attune_check_in_get_mode (AttuneCheckIn *self)
{
  g_return_val_if_fail (ATTUNE_IS_CHECK_IN (self), ATTUNE_SESSION_MODE_UNSET);

  return self->mode;
}

/**
 * attune_check_in_set_mode:
 * @self: an #AttuneCheckIn
 * @mode: how the session took place
 *
 * Sets how the session took place.
 */
void
attune_check_in_set_mode (AttuneCheckIn     *self,
                          AttuneSessionMode  mode)
{
  g_return_if_fail (ATTUNE_IS_CHECK_IN (self));
  g_return_if_fail (mode >= ATTUNE_SESSION_MODE_UNSET && mode <= ATTUNE_SESSION_MODE_PHONE);

  if (self->mode == mode)
    return;

  self->mode = mode;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODE]);
}

/**
 * attune_check_in_get_connected:
 * @self: an #AttuneCheckIn
 *
 * Gets how connected the person felt.
 *
 * Returns: 1 to %ATTUNE_SCALE_MAX, %ATTUNE_SCALE_NOT_SURE or %ATTUNE_SCALE_SKIPPED
 */
int
attune_check_in_get_connected (AttuneCheckIn *self)
{
  g_return_val_if_fail (ATTUNE_IS_CHECK_IN (self), ATTUNE_SCALE_SKIPPED);

  return self->connected;
}

/**
 * attune_check_in_set_connected:
 * @self: an #AttuneCheckIn
 * @value: 1 to %ATTUNE_SCALE_MAX, %ATTUNE_SCALE_NOT_SURE or %ATTUNE_SCALE_SKIPPED
 *
 * Sets how connected the person felt.
 */
void
attune_check_in_set_connected (AttuneCheckIn *self,
                               int            value)
{
  g_return_if_fail (ATTUNE_IS_CHECK_IN (self));
  g_return_if_fail (is_scale (value));

  set_scale (self, &self->connected, value, PROP_CONNECTED);
}

/**
 * attune_check_in_get_heard:
 * @self: an #AttuneCheckIn
 *
 * Gets how heard the person felt.
 *
 * Returns: 1 to %ATTUNE_SCALE_MAX, %ATTUNE_SCALE_NOT_SURE or %ATTUNE_SCALE_SKIPPED
 */
int
attune_check_in_get_heard (AttuneCheckIn *self)
{
  g_return_val_if_fail (ATTUNE_IS_CHECK_IN (self), ATTUNE_SCALE_SKIPPED);

  return self->heard;
}

/**
 * attune_check_in_set_heard:
 * @self: an #AttuneCheckIn
 * @value: 1 to %ATTUNE_SCALE_MAX, %ATTUNE_SCALE_NOT_SURE or %ATTUNE_SCALE_SKIPPED
 *
 * Sets how heard the person felt.
 */
void
attune_check_in_set_heard (AttuneCheckIn *self,
                           int            value)
{
  g_return_if_fail (ATTUNE_IS_CHECK_IN (self));
  g_return_if_fail (is_scale (value));

  set_scale (self, &self->heard, value, PROP_HEARD);
}

/**
 * attune_check_in_get_mattered:
 * @self: an #AttuneCheckIn
 *
 * Gets whether what mattered to the person was worked on.
 *
 * Returns: 1 to %ATTUNE_SCALE_MAX, %ATTUNE_SCALE_NOT_SURE or %ATTUNE_SCALE_SKIPPED
 */
int
attune_check_in_get_mattered (AttuneCheckIn *self)
{
  g_return_val_if_fail (ATTUNE_IS_CHECK_IN (self), ATTUNE_SCALE_SKIPPED);

  return self->mattered;
}

/**
 * attune_check_in_set_mattered:
 * @self: an #AttuneCheckIn
 * @value: 1 to %ATTUNE_SCALE_MAX, %ATTUNE_SCALE_NOT_SURE or %ATTUNE_SCALE_SKIPPED
 *
 * Sets whether what mattered to the person was worked on.
 */
void
attune_check_in_set_mattered (AttuneCheckIn *self,
                              int            value)
{
  g_return_if_fail (ATTUNE_IS_CHECK_IN (self));
  g_return_if_fail (is_scale (value));

  set_scale (self, &self->mattered, value, PROP_MATTERED);
}

/**
 * attune_check_in_get_suited:
 * @self: an #AttuneCheckIn
 *
 * Gets whether the approach suited the person.
 *
 * Returns: 1 to %ATTUNE_SCALE_MAX, %ATTUNE_SCALE_NOT_SURE or %ATTUNE_SCALE_SKIPPED
 */
int
attune_check_in_get_suited (AttuneCheckIn *self)
{
  g_return_val_if_fail (ATTUNE_IS_CHECK_IN (self), ATTUNE_SCALE_SKIPPED);

  return self->suited;
}

/**
 * attune_check_in_set_suited:
 * @self: an #AttuneCheckIn
 * @value: 1 to %ATTUNE_SCALE_MAX, %ATTUNE_SCALE_NOT_SURE or %ATTUNE_SCALE_SKIPPED
 *
 * Sets whether the approach suited the person.
 */
void
attune_check_in_set_suited (AttuneCheckIn *self,
                            int            value)
{
  g_return_if_fail (ATTUNE_IS_CHECK_IN (self));
  g_return_if_fail (is_scale (value));

  set_scale (self, &self->suited, value, PROP_SUITED);
}

/**
 * attune_check_in_get_rupture:
 * @self: an #AttuneCheckIn
 *
 * Gets the answer to "Was there a moment that felt off?".
 *
 * Returns: the answer
 */
AttuneRuptureAnswer
attune_check_in_get_rupture (AttuneCheckIn *self)
{
  g_return_val_if_fail (ATTUNE_IS_CHECK_IN (self), ATTUNE_RUPTURE_UNSET);

  return self->rupture;
}

/**
 * attune_check_in_set_rupture:
 * @self: an #AttuneCheckIn
 * @rupture: the answer
 *
 * Sets the answer to "Was there a moment that felt off?".
 */
void
attune_check_in_set_rupture (AttuneCheckIn       *self,
                             AttuneRuptureAnswer  rupture)
{
  g_return_if_fail (ATTUNE_IS_CHECK_IN (self));
  g_return_if_fail (rupture >= ATTUNE_RUPTURE_UNSET && rupture <= ATTUNE_RUPTURE_NOT_SURE);

  if (self->rupture == rupture)
    return;

  self->rupture = rupture;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUPTURE]);
}

/**
 * attune_check_in_get_kinds:
 * @self: an #AttuneCheckIn
 *
 * Gets what the strained moment was like.
 *
 * Returns: a set of #AttuneRuptureKind flags
 */
AttuneRuptureKind
attune_check_in_get_kinds (AttuneCheckIn *self)
{
  g_return_val_if_fail (ATTUNE_IS_CHECK_IN (self), ATTUNE_RUPTURE_KIND_NONE);

  return self->kinds;
}

/**
 * attune_check_in_set_kinds:
 * @self: an #AttuneCheckIn
 * @kinds: a set of #AttuneRuptureKind flags
 *
 * Sets what the strained moment was like.
 */
void
attune_check_in_set_kinds (AttuneCheckIn     *self,
                           AttuneRuptureKind  kinds)
{
  g_return_if_fail (ATTUNE_IS_CHECK_IN (self));
  g_return_if_fail (((guint) kinds & ~(guint) ATTUNE_RUPTURE_KIND_ALL) == 0);

  if (self->kinds == kinds)
    return;

  self->kinds = kinds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KINDS]);
}

/**
 * attune_check_in_get_other_kind:
 * @self: an #AttuneCheckIn
 *
 * Gets the person's words for a kind not in the list.
 *
 * Returns: (not nullable): the text, possibly empty
 */
const char *
attune_check_in_get_other_kind (AttuneCheckIn *self)
{
  g_return_val_if_fail (ATTUNE_IS_CHECK_IN (self), NULL);

  return self->other_kind;
}

/**
 * attune_check_in_set_other_kind:
 * @self: an #AttuneCheckIn
 * @text: (nullable): the text; %NULL means empty
 *
 * Sets the person's words for a kind not in the list. The store checks
 * the text when saving.
 */
void
attune_check_in_set_other_kind (AttuneCheckIn *self,
                                const char    *text)
{
  g_return_if_fail (ATTUNE_IS_CHECK_IN (self));

  set_text (self, &self->other_kind, text, PROP_OTHER_KIND);
}

/**
 * attune_check_in_get_intensity:
 * @self: an #AttuneCheckIn
 *
 * Gets how strong the strain felt.
 *
 * Returns: 1 to %ATTUNE_SCALE_MAX, %ATTUNE_SCALE_NOT_SURE or %ATTUNE_SCALE_SKIPPED
 */
int
attune_check_in_get_intensity (AttuneCheckIn *self)
{
  g_return_val_if_fail (ATTUNE_IS_CHECK_IN (self), ATTUNE_SCALE_SKIPPED);

  return self->intensity;
}

/**
 * attune_check_in_set_intensity:
 * @self: an #AttuneCheckIn
 * @value: 1 to %ATTUNE_SCALE_MAX, %ATTUNE_SCALE_NOT_SURE or %ATTUNE_SCALE_SKIPPED
 *
 * Sets how strong the strain felt.
 */
void
attune_check_in_set_intensity (AttuneCheckIn *self,
                               int            value)
{
  g_return_if_fail (ATTUNE_IS_CHECK_IN (self));
  g_return_if_fail (is_scale (value));

  set_scale (self, &self->intensity, value, PROP_INTENSITY);
}

/**
 * attune_check_in_get_what_happened:
 * @self: an #AttuneCheckIn
 *
 * Gets what happened, in the person's words.
 *
 * Returns: (not nullable): the text, possibly empty
 */
const char *
attune_check_in_get_what_happened (AttuneCheckIn *self)
{
  g_return_val_if_fail (ATTUNE_IS_CHECK_IN (self), NULL);

  return self->what_happened;
}

/**
 * attune_check_in_set_what_happened:
 * @self: an #AttuneCheckIn
 * @text: (nullable): the text; %NULL means empty
 *
 * Sets what happened, in the person's words.
 */
void
attune_check_in_set_what_happened (AttuneCheckIn *self,
                                   const char    *text)
{
  g_return_if_fail (ATTUNE_IS_CHECK_IN (self));

  set_text (self, &self->what_happened, text, PROP_WHAT_HAPPENED);
}

/**
 * attune_check_in_get_felt:
 * @self: an #AttuneCheckIn
 *
 * Gets what the person felt, in their words.
 *
 * Returns: (not nullable): the text, possibly empty
 */
const char *
attune_check_in_get_felt (AttuneCheckIn *self)
{
  g_return_val_if_fail (ATTUNE_IS_CHECK_IN (self), NULL);

  return self->felt;
}

/**
 * attune_check_in_set_felt:
 * @self: an #AttuneCheckIn
 * @text: (nullable): the text; %NULL means empty
 *
 * Sets what the person felt, in their words.
 */
void
attune_check_in_set_felt (AttuneCheckIn *self,
                          const char    *text)
{
  g_return_if_fail (ATTUNE_IS_CHECK_IN (self));

  set_text (self, &self->felt, text, PROP_FELT);
}

/**
 * attune_check_in_get_needed:
 * @self: an #AttuneCheckIn
 *
 * Gets what the person needed, in their words.
 *
 * Returns: (not nullable): the text, possibly empty
 */
const char *
attune_check_in_get_needed (AttuneCheckIn *self)
{
  g_return_val_if_fail (ATTUNE_IS_CHECK_IN (self), NULL);

  return self->needed;
}

/**
 * attune_check_in_set_needed:
 * @self: an #AttuneCheckIn
 * @text: (nullable): the text; %NULL means empty
 *
 * Sets what the person needed, in their words.
 */
void
attune_check_in_set_needed (AttuneCheckIn *self,
                            const char    *text)
{
  g_return_if_fail (ATTUNE_IS_CHECK_IN (self));

  set_text (self, &self->needed, text, PROP_NEEDED);
}

/**
 * attune_check_in_get_resolved:
 * @self: an #AttuneCheckIn
 *
 * Gets how resolved the moment felt by the end of the session.
 *
 * Returns: 1 to %ATTUNE_SCALE_MAX, %ATTUNE_SCALE_NOT_SURE or %ATTUNE_SCALE_SKIPPED
 */
int
attune_check_in_get_resolved (AttuneCheckIn *self)
{
  g_return_val_if_fail (ATTUNE_IS_CHECK_IN (self), ATTUNE_SCALE_SKIPPED);

  return self->resolved;
}

/**
 * attune_check_in_set_resolved:
 * @self: an #AttuneCheckIn
 * @value: 1 to %ATTUNE_SCALE_MAX, %ATTUNE_SCALE_NOT_SURE or %ATTUNE_SCALE_SKIPPED
 *
 * Sets how resolved the moment felt by the end of the session.
 */
void
attune_check_in_set_resolved (AttuneCheckIn *self,
                              int            value)
{
  g_return_if_fail (ATTUNE_IS_CHECK_IN (self));
  g_return_if_fail (is_scale (value));

  set_scale (self, &self->resolved, value, PROP_RESOLVED);
}

/**
 * attune_check_in_get_spoke_up:
 * @self: an #AttuneCheckIn
 *
 * Gets whether the person said something about it.
 *
 * Returns: the answer
 */
AttuneSpokeUp
attune_check_in_get_spoke_up (AttuneCheckIn *self)
{
  g_return_val_if_fail (ATTUNE_IS_CHECK_IN (self), ATTUNE_SPOKE_UP_UNSET);

  return self->spoke_up;
}

/**
 * attune_check_in_set_spoke_up:
 * @self: an #AttuneCheckIn
 * @spoke_up: the answer
 *
 * Sets whether the person said something about it.
 */
void
attune_check_in_set_spoke_up (AttuneCheckIn *self,
                              AttuneSpokeUp  spoke_up)
{
  g_return_if_fail (ATTUNE_IS_CHECK_IN (self));
  g_return_if_fail (spoke_up >= ATTUNE_SPOKE_UP_UNSET && spoke_up <= ATTUNE_SPOKE_UP_NO);

  if (self->spoke_up == spoke_up)
    return;

  self->spoke_up = spoke_up;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPOKE_UP]);
}

/**
 * attune_check_in_get_plan:
 * @self: an #AttuneCheckIn
 *
 * Gets what the person wants to do now.
 *
 * Returns: a set of #AttunePlan flags
 */
AttunePlan
attune_check_in_get_plan (AttuneCheckIn *self)
{
  g_return_val_if_fail (ATTUNE_IS_CHECK_IN (self), ATTUNE_PLAN_NONE);

  return self->plan;
}

/**
 * attune_check_in_set_plan:
 * @self: an #AttuneCheckIn
 * @plan: a set of #AttunePlan flags
 *
 * Sets what the person wants to do now. With %ATTUNE_PLAN_BRING_UP and a
 * rupture, saving adds the moment to the list for next session.
 */
void
attune_check_in_set_plan (AttuneCheckIn *self,
                          AttunePlan     plan)
{
  g_return_if_fail (ATTUNE_IS_CHECK_IN (self));
  g_return_if_fail (((guint) plan & ~(guint) ATTUNE_PLAN_ALL) == 0);

  if (self->plan == plan)
    return;

  self->plan = plan;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAN]);
}

/**
 * attune_check_in_get_message:
 * @self: an #AttuneCheckIn
 *
 * Gets the message the person might send their therapist.
 *
 * Returns: (not nullable): the text, possibly empty
 */
const char *
attune_check_in_get_message (AttuneCheckIn *self)
{
  g_return_val_if_fail (ATTUNE_IS_CHECK_IN (self), NULL);

  return self->message;
}

/**
 * attune_check_in_set_message:
 * @self: an #AttuneCheckIn
 * @text: (nullable): the text; %NULL means empty
 *
 * Sets the message the person might send their therapist.
 */
void
attune_check_in_set_message (AttuneCheckIn *self,
                             const char    *text)
{
  g_return_if_fail (ATTUNE_IS_CHECK_IN (self));

  set_text (self, &self->message, text, PROP_MESSAGE);
}

/**
 * attune_check_in_get_repair_status:
 * @self: an #AttuneCheckIn
 *
 * Gets where the rupture stands, as the store last read or wrote it.
 *
 * Returns: the repair status; %ATTUNE_REPAIR_NONE without a rupture
 */
AttuneRepairStatus
attune_check_in_get_repair_status (AttuneCheckIn *self)
{
  g_return_val_if_fail (ATTUNE_IS_CHECK_IN (self), ATTUNE_REPAIR_NONE);

  return self->repair_status;
}

/**
 * attune_check_in_has_rupture:
 * @self: an #AttuneCheckIn
 *
 * Checks whether the person marked a strained moment, or was not sure.
 *
 * Returns: %TRUE if the answer was yes or not sure
 */
gboolean
attune_check_in_has_rupture (AttuneCheckIn *self)
{
  g_return_val_if_fail (ATTUNE_IS_CHECK_IN (self), FALSE);

  return self->rupture == ATTUNE_RUPTURE_YES || self->rupture == ATTUNE_RUPTURE_NOT_SURE;
}

/**
 * attune_repair_status_after:
 * @current: where a rupture stands
 * @answer: the answer to a follow-up
 *
 * Computes where a rupture stands after a follow-up. "Not yet" keeps an
 * open or in-progress rupture as it is; "better" repairs it; "unresolved"
 * puts it in progress; "let go" lets it go. Without a rupture
 * (%ATTUNE_REPAIR_NONE) nothing changes.
 *
 * Returns: the new status
 */
AttuneRepairStatus
attune_repair_status_after (AttuneRepairStatus current,
                            AttuneFollowUp     answer)
{
  if (current == ATTUNE_REPAIR_NONE)
    return ATTUNE_REPAIR_NONE;

  switch (answer)
    {
    case ATTUNE_FOLLOW_UP_BETTER:
      return ATTUNE_REPAIR_REPAIRED;

    case ATTUNE_FOLLOW_UP_UNRESOLVED:
      return ATTUNE_REPAIR_IN_PROGRESS;

    case ATTUNE_FOLLOW_UP_LET_GO:
      return ATTUNE_REPAIR_LET_GO;

    case ATTUNE_FOLLOW_UP_NOT_YET:
    default:
      return current;
    }
}

static void
add_text (GVariantDict *dict,
          const char   *key,
          const char   *text)
{
  /* GVariant strings must be UTF-8; the store refuses anything else when
   * saving, so a draft keeps what it can rather than failing. */
  if (g_utf8_validate (text, -1, NULL))
    g_variant_dict_insert (dict, key, "s", text);
  else
    {
      g_autofree char *valid = g_utf8_make_valid (text, -1);

      g_variant_dict_insert (dict, key, "s", valid);
    }
}

/**
 * attune_check_in_serialize:
 * @self: an #AttuneCheckIn
 *
 * Writes the whole state of @self as text, for the drafts table (a GVariant
 * `a{sv}` in its text form). Read it back with attune_check_in_deserialize().
 *
 * Returns: (transfer full): the text
 */
char *
attune_check_in_serialize (AttuneCheckIn *self)
{
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
  g_autoptr(GVariant) variant = NULL;

  g_return_val_if_fail (ATTUNE_IS_CHECK_IN (self), NULL);

  if (self->entry_id > 0)
    g_variant_dict_insert (&dict, "entry-id", "x", self->entry_id);
  if (self->uuid != NULL)
    add_text (&dict, "uuid", self->uuid);
  g_variant_dict_insert (&dict, "session-at", "x", self->session_at);
  g_variant_dict_insert (&dict, "mode", "i", (gint32) self->mode);
  g_variant_dict_insert (&dict, "connected", "i", (gint32) self->connected);
  g_variant_dict_insert (&dict, "heard", "i", (gint32) self->heard);
  g_variant_dict_insert (&dict, "mattered", "i", (gint32) self->mattered);
  g_variant_dict_insert (&dict, "suited", "i", (gint32) self->suited);
  g_variant_dict_insert (&dict, "rupture", "i", (gint32) self->rupture);
  g_variant_dict_insert (&dict, "kinds", "u", (guint32) self->kinds);
  add_text (&dict, "other-kind", self->other_kind);
  g_variant_dict_insert (&dict, "intensity", "i", (gint32) self->intensity);
  add_text (&dict, "what-happened", self->what_happened);
  add_text (&dict, "felt", self->felt);
  add_text (&dict, "needed", self->needed);
  g_variant_dict_insert (&dict, "resolved", "i", (gint32) self->resolved);
  g_variant_dict_insert (&dict, "spoke-up", "i", (gint32) self->spoke_up);
  g_variant_dict_insert (&dict, "plan", "u", (guint32) self->plan);
  add_text (&dict, "message", self->message);

  variant = g_variant_ref_sink (g_variant_dict_end (&dict));

  return g_variant_print (variant, TRUE);
}

static gboolean
invalid_field (GError     **error,
               const char  *key)
{
  g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_INVALID,
               _("The saved check-in draft could not be read: its field “%s” is not valid."),
               key);
  return FALSE;
}

/* Looks up @key in @dict: TRUE with *out_value NULL when it is absent, FALSE
 * with @error set when it has another type than @type. */
static gboolean
lookup_field (GVariantDict        *dict,
              const char          *key,
              const GVariantType  *type,
              GVariant           **out_value,
              GError             **error)
{
  g_autoptr(GVariant) value = g_variant_dict_lookup_value (dict, key, NULL);

  *out_value = NULL;

  if (value == NULL)
    return TRUE;

  if (!g_variant_is_of_type (value, type))
    return invalid_field (error, key);

  *out_value = g_steal_pointer (&value);

  return TRUE;
}

static gboolean
read_int_field (GVariantDict  *dict,
                const char    *key,
                int            min,
                int            max,
                int           *out_value,
                GError       **error)
{
  g_autoptr(GVariant) value = NULL;
  gint32 v;

  if (!lookup_field (dict, key, G_VARIANT_TYPE_INT32, &value, error))
    return FALSE;

  if (value == NULL)
    return TRUE;

  v = g_variant_get_int32 (value);
  if (v < min || v > max)
    return invalid_field (error, key);

  *out_value = v;

  return TRUE;
}

static gboolean
read_flags_field (GVariantDict  *dict,
                  const char    *key,
                  guint          all,
                  guint         *out_value,
                  GError       **error)
{
  g_autoptr(GVariant) value = NULL;
  guint32 v;

  if (!lookup_field (dict, key, G_VARIANT_TYPE_UINT32, &value, error))
    return FALSE;

  if (value == NULL)
    return TRUE;

  v = g_variant_get_uint32 (value);
  if ((v & ~all) != 0)
    return invalid_field (error, key);

  *out_value = v;

  return TRUE;
}

static gboolean
read_text_field (GVariantDict  *dict,
                 const char    *key,
                 char         **out_text,
                 GError       **error)
{
  g_autoptr(GVariant) value = NULL;
  const char *text;

  if (!lookup_field (dict, key, G_VARIANT_TYPE_STRING, &value, error))
    return FALSE;

  if (value == NULL)
    return TRUE;

  text = g_variant_get_string (value, NULL);
  if (!g_utf8_validate (text, -1, NULL) ||
      g_utf8_strlen (text, -1) > ATTUNE_CHECK_IN_MAX_TEXT_CHARS)
    return invalid_field (error, key);

  g_free (*out_text);
  *out_text = g_strdup (text);

  return TRUE;
}

/**
 * attune_check_in_deserialize:
 * @text: what attune_check_in_serialize() wrote
 * @error: return location for a #GError
 *
 * Reads a check-in back from a draft. Every field is checked; a field of
 * the wrong type or out of range fails with %ATTUNE_STORE_ERROR_INVALID
 * naming it. Keys this version does not know are ignored, so drafts
 * written by a newer version still open.
 *
 * Returns: (transfer full) (nullable): a new #AttuneCheckIn, or %NULL with
 *   @error set
 */
AttuneCheckIn *
attune_check_in_deserialize (const char  *text,
                             GError     **error)
{
  g_autoptr(AttuneCheckIn) self = NULL;
  g_autoptr(GVariant) variant = NULL;
  g_autoptr(GVariant) value = NULL;
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(GVariantDict) dict = NULL;
  guint kinds = 0;
  guint plan = 0;
  int mode = 0, rupture = 0, spoke_up = 0;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_INVALID,
                   _("The saved check-in draft could not be read: it is not valid UTF-8."));
      return NULL;
    }

  variant = g_variant_parse (G_VARIANT_TYPE (DRAFT_TYPE), text, NULL, NULL, &parse_error);
  if (variant == NULL)
    {
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_INVALID,
                   _("The saved check-in draft could not be read: %s"),
                   parse_error->message);
      return NULL;
    }

  dict = g_variant_dict_new (variant);
  self = attune_check_in_new ();

  if (!lookup_field (dict, "entry-id", G_VARIANT_TYPE_INT64, &value, error))
    return NULL;
  if (value != NULL)
    {
      if (g_variant_get_int64 (value) < 0)
        return (invalid_field (error, "entry-id"), NULL);
      self->entry_id = g_variant_get_int64 (value);
    }
  g_clear_pointer (&value, g_variant_unref);

  if (!lookup_field (dict, "uuid", G_VARIANT_TYPE_STRING, &value, error))
    return NULL;
  if (value != NULL)
    {
      if (!g_uuid_string_is_valid (g_variant_get_string (value, NULL)))
        return (invalid_field (error, "uuid"), NULL);
      self->uuid = g_variant_dup_string (value, NULL);
    }
  g_clear_pointer (&value, g_variant_unref);

  /* An id and a uuid belong together: one without the other is damage. */
  if ((self->entry_id > 0) != (self->uuid != NULL))
    return (invalid_field (error, self->entry_id > 0 ? "uuid" : "entry-id"), NULL);

  if (!lookup_field (dict, "session-at", G_VARIANT_TYPE_INT64, &value, error))
    return NULL;
  if (value != NULL)
    {
      if (g_variant_get_int64 (value) < 0)
        return (invalid_field (error, "session-at"), NULL);
      self->session_at = g_variant_get_int64 (value);
    }

  if (!read_int_field (dict, "mode", ATTUNE_SESSION_MODE_UNSET, ATTUNE_SESSION_MODE_PHONE, &mode, error) ||
      !read_int_field (dict, "connected", ATTUNE_SCALE_NOT_SURE, ATTUNE_SCALE_MAX, &self->connected, error) ||
      !read_int_field (dict, "heard", ATTUNE_SCALE_NOT_SURE, ATTUNE_SCALE_MAX, &self->heard, error) ||
      !read_int_field (dict, "mattered", ATTUNE_SCALE_NOT_SURE, ATTUNE_SCALE_MAX, &self->mattered, error) ||
      !read_int_field (dict, "suited", ATTUNE_SCALE_NOT_SURE, ATTUNE_SCALE_MAX, &self->suited, error) ||
      !read_int_field (dict, "rupture", ATTUNE_RUPTURE_UNSET, ATTUNE_RUPTURE_NOT_SURE, &rupture, error) ||
      !read_flags_field (dict, "kinds", ATTUNE_RUPTURE_KIND_ALL, &kinds, error) ||
      !read_text_field (dict, "other-kind", &self->other_kind, error) ||
      !read_int_field (dict, "intensity", ATTUNE_SCALE_NOT_SURE, ATTUNE_SCALE_MAX, &self->intensity, error) ||
      !read_text_field (dict, "what-happened", &self->what_happened, error) ||
      !read_text_field (dict, "felt", &self->felt, error) ||
      !read_text_field (dict, "needed", &self->needed, error) ||
      !read_int_field (dict, "resolved", ATTUNE_SCALE_NOT_SURE, ATTUNE_SCALE_MAX, &self->resolved, error) ||
      !read_int_field (dict, "spoke-up", ATTUNE_SPOKE_UP_UNSET, ATTUNE_SPOKE_UP_NO, &spoke_up, error) ||
      !read_flags_field (dict, "plan", ATTUNE_PLAN_ALL, &plan, error) ||
      !read_text_field (dict, "message", &self->message, error))
    return NULL;

  self->mode = mode;
  self->rupture = rupture;
  self->spoke_up = spoke_up;
  self->kinds = kinds;
  self->plan = plan;

  return g_steal_pointer (&self);
}

/**
 * attune_check_in_get_damaged:
 * @self: an #AttuneCheckIn
 *
 * Gets whether the store found the written answers of this check-in altered
 * on disk when it read them. Its free-text answers are then read as empty,
 * so that altered words are never shown or exported as the person's own;
 * the choices (scales, kinds, plan) are still there.
 *
 * Returns: %TRUE if the check-in's text could not be read intact
 */
gboolean
attune_check_in_get_damaged (AttuneCheckIn *self)
{
  g_return_val_if_fail (ATTUNE_IS_CHECK_IN (self), FALSE);

  return self->damaged;
}

/* Private API for the store */

void
_attune_check_in_set_damaged (AttuneCheckIn *self)
{
  /* Only on fresh objects, right after reading them. */
  self->damaged = TRUE;
  g_free (self->other_kind);
  self->other_kind = g_strdup ("");
  g_free (self->what_happened);
  self->what_happened = g_strdup ("");
  g_free (self->felt);
  self->felt = g_strdup ("");
  g_free (self->needed);
  self->needed = g_strdup ("");
  g_free (self->message);
  self->message = g_strdup ("");
}

/**
 * _attune_check_in_set_saved:
 * @self: an #AttuneCheckIn
 * @entry_id: its entry id
 * @uuid: its entry uuid
 * @repair_status: where its rupture stands
 *
 * Records what the store gave @self when saving or reading it.
 */
void
_attune_check_in_set_saved (AttuneCheckIn      *self,
                            gint64              entry_id,
                            const char         *uuid,
                            AttuneRepairStatus  repair_status)
{
  g_return_if_fail (ATTUNE_IS_CHECK_IN (self));

  g_object_freeze_notify (G_OBJECT (self));

  if (self->entry_id != entry_id)
    {
      self->entry_id = entry_id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENTRY_ID]);
    }

  if (g_strcmp0 (self->uuid, uuid) != 0)
    {
      g_free (self->uuid);
      self->uuid = g_strdup (uuid);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UUID]);
    }

  if (self->repair_status != repair_status)
    {
      self->repair_status = repair_status;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPAIR_STATUS]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

/* Turns every run of white space (new lines included) into one space. */
static char *
flatten_text (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean in_space = FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          in_space = TRUE;
          continue;
        }

      if (in_space && out->len > 0)
        g_string_append_c (out, ' ');
      in_space = FALSE;
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

/**
 * _attune_check_in_dup_agenda_text:
 * @self: an #AttuneCheckIn
 * @day: the `YYYY-MM-DD` local day of the session
 *
 * Builds the line the list for next session shows for this check-in's
 * rupture: the start of "what happened" on one line, or a sentence naming
 * the day when the person wrote nothing.
 *
 * Returns: (transfer full): the line
 */
char *
_attune_check_in_dup_agenda_text (AttuneCheckIn *self,
                                  const char    *day)
{
  g_autofree char *flat = NULL;

  g_return_val_if_fail (ATTUNE_IS_CHECK_IN (self), NULL);

  flat = flatten_text (self->what_happened);

  if (flat[0] == '\0')
    /* Translators: %s is a date written YYYY-MM-DD. */
    return g_strdup_printf (_("A moment in the session on %s"), day);

  if (g_utf8_strlen (flat, -1) > AGENDA_LINE_MAX_CHARS)
    {
      const char *end = g_utf8_offset_to_pointer (flat, AGENDA_LINE_MAX_CHARS - 1);
      g_autofree char *head = g_strndup (flat, end - flat);

      g_strchomp (head);
      return g_strconcat (head, "…", NULL);
    }

  return g_steal_pointer (&flat);
}

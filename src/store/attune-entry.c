/* attune-entry.c
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "attune-check-in.h"
#include "attune-entry.h"
#include "attune-store-private.h"

/* How many characters of the body's first line a display title keeps. */
#define DISPLAY_TITLE_MAX_CHARS 60

struct _AttuneEntry
{
  GObject          parent_instance;

  gint64           id;
  char            *uuid;
  AttuneEntryKind  kind;
  char            *title;
  char            *body;
  char            *day;
  int              mood;
  gboolean         bring;
  char           **tags;
  gint64           created_at;
  gint64           updated_at;
  int              repair_status;
  gboolean         damaged;
};

G_DEFINE_FINAL_TYPE (AttuneEntry, attune_entry, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_UUID,
  PROP_KIND,
  PROP_TITLE,
  PROP_BODY,
  PROP_DAY,
  PROP_MOOD,
  PROP_BRING,
  PROP_TAGS,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  PROP_REPAIR_STATUS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const empty_strv[] = { NULL };

/**
 * attune_entry_kind_get_type:
 *
 * Registers the #AttuneEntryKind enumeration.
 *
 * Returns: the #GType of #AttuneEntryKind
 */
GType
attune_entry_kind_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      static const GEnumValue values[] = {
        { ATTUNE_ENTRY_KIND_NOTE, "ATTUNE_ENTRY_KIND_NOTE", "note" },
        { ATTUNE_ENTRY_KIND_CHECK_IN, "ATTUNE_ENTRY_KIND_CHECK_IN", "check-in" },
        { 0, NULL, NULL },
      };
      GType type = g_enum_register_static (g_intern_static_string ("AttuneEntryKind"), values);

      g_once_init_leave (&type_id, type);
    }

  return type_id;
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (!g_unichar_isspace (g_utf8_get_char (p)))
        return FALSE;
    }

  return TRUE;
}

/* Cuts @text to at most @max_chars characters, ending in "…" when it was cut.
 * @max_chars of 0 means no limit. */
static char *
ellipsize_text (const char *text,
                guint       max_chars)
{
  glong len = g_utf8_strlen (text, -1);
  const char *end;

  if (max_chars == 0 || len <= (glong) max_chars)
    return g_strdup (text);

  if (max_chars == 1)
    return g_strdup ("…");

  end = g_utf8_offset_to_pointer (text, max_chars - 1);

  {
    g_autofree char *head = g_strndup (text, end - text);

    g_strchomp (head);
    return g_strconcat (head, "…", NULL);
  }
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

static void
attune_entry_finalize (GObject *object)
{
  AttuneEntry *self = (AttuneEntry *) object;

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->body, g_free);
  g_clear_pointer (&self->day, g_free);
  g_clear_pointer (&self->tags, g_strfreev);

  G_OBJECT_CLASS (attune_entry_parent_class)->finalize (object);
}

static void
attune_entry_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  AttuneEntry *self = ATTUNE_ENTRY (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, attune_entry_get_id (self));
      break;

    case PROP_UUID:
      g_value_set_string (value, attune_entry_get_uuid (self));
      break;

    case PROP_KIND:
      g_value_set_enum (value, attune_entry_get_kind (self));
      break;

    case PROP_TITLE:
      g_value_set_string (value, attune_entry_get_title (self));
      break;

    case PROP_BODY:
      g_value_set_string (value, attune_entry_get_body (self));
      break;

    case PROP_DAY:
      g_value_set_string (value, attune_entry_get_day (self));
      break;

    case PROP_MOOD:
      g_value_set_int (value, attune_entry_get_mood (self));
      break;

    case PROP_BRING:
      g_value_set_boolean (value, attune_entry_get_bring (self));
      break;

    case PROP_TAGS:
      g_value_set_boxed (value, attune_entry_get_tags (self));
      break;

    case PROP_CREATED_AT:
      g_value_set_int64 (value, attune_entry_get_created_at (self));
      break;

    case PROP_UPDATED_AT:
      g_value_set_int64 (value, attune_entry_get_updated_at (self));
      break;

    case PROP_REPAIR_STATUS:
      g_value_set_int (value, attune_entry_get_repair_status (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attune_entry_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  AttuneEntry *self = ATTUNE_ENTRY (object);

  switch (prop_id)
    {
    case PROP_KIND:
      attune_entry_set_kind (self, g_value_get_enum (value));
      break;

    case PROP_TITLE:
      attune_entry_set_title (self, g_value_get_string (value));
      break;

    case PROP_BODY:
      attune_entry_set_body (self, g_value_get_string (value));
      break;

    case PROP_DAY:
      attune_entry_set_day (self, g_value_get_string (value));
      break;

    case PROP_MOOD:
      attune_entry_set_mood (self, g_value_get_int (value));
      break;

    case PROP_BRING:
      attune_entry_set_bring (self, g_value_get_boolean (value));
      break;

    case PROP_TAGS:
      attune_entry_set_tags (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attune_entry_class_init (AttuneEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = attune_entry_finalize;
  object_class->get_property = attune_entry_get_property;
  object_class->set_property = attune_entry_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_UUID] =
    g_param_spec_string ("uuid", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       ATTUNE_TYPE_ENTRY_KIND, ATTUNE_ENTRY_KIND_NOTE,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         "",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_BODY] =
    g_param_spec_string ("body", NULL, NULL,
                         "",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_DAY] =
    g_param_spec_string ("day", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_MOOD] =
    g_param_spec_int ("mood", NULL, NULL,
                      ATTUNE_MOOD_NONE, ATTUNE_MOOD_MAX, ATTUNE_MOOD_NONE,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_BRING] =
    g_param_spec_boolean ("bring", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_TAGS] =
    g_param_spec_boxed ("tags", NULL, NULL,
                        G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_CREATED_AT] =
    g_param_spec_int64 ("created-at", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_UPDATED_AT] =
    g_param_spec_int64 ("updated-at", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * AttuneEntry:repair-status:
   *
   * For a check-in, where its rupture stands (an #AttuneRepairStatus);
   * %ATTUNE_REPAIR_NONE for notes.
   */
  properties[PROP_REPAIR_STATUS] =
    g_param_spec_int ("repair-status", NULL, NULL,
                      ATTUNE_REPAIR_NONE, ATTUNE_REPAIR_LET_GO, ATTUNE_REPAIR_NONE,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
attune_entry_init (AttuneEntry *self)
{
  self->kind = ATTUNE_ENTRY_KIND_NOTE;
  self->title = g_strdup ("");
  self->body = g_strdup ("");
  self->tags = g_new0 (char *, 1);
}

/**
 * attune_entry_new:
 *
 * Creates a new, unsaved entry (id 0) dated today in local time.
 *
 * Returns: (transfer full): a new #AttuneEntry
 */
AttuneEntry *
attune_entry_new (void)
{
  AttuneEntry *self = g_object_new (ATTUNE_TYPE_ENTRY, NULL);

  self->day = attune_day_today ();

  return self;
}

/**
 * attune_entry_copy:
 * @self: an #AttuneEntry
 *
 * Duplicates every field of @self, its id and uuid included.
 *
 * Returns: (transfer full): a new #AttuneEntry
 */
AttuneEntry *
attune_entry_copy (AttuneEntry *self)
{
  AttuneEntry *copy;

  g_return_val_if_fail (ATTUNE_IS_ENTRY (self), NULL);

  copy = g_object_new (ATTUNE_TYPE_ENTRY, NULL);
  _attune_entry_load (copy,
                      self->id, self->uuid, self->kind, self->day,
                      self->created_at, self->updated_at,
                      self->title, self->body, self->mood, self->bring,
                      g_strdupv (self->tags));
  copy->repair_status = self->repair_status;
  copy->damaged = self->damaged;

  return copy;
}

/**
 * attune_entry_get_id:
 * @self: an #AttuneEntry
 *
 * Gets the database id of @self.
 *
 * Returns: the id, or 0 when the entry was never saved
 */
gint64
attune_entry_get_id (AttuneEntry *self)
{
  g_return_val_if_fail (ATTUNE_IS_ENTRY (self), 0);

  return self->id;
}

/**
 * attune_entry_get_uuid:
 * @self: an #AttuneEntry
 *
 * Gets the stable unique identifier of @self.
 *
 * Returns: (nullable): the uuid, or %NULL when the entry was never saved
 */
const char *
attune_entry_get_uuid (AttuneEntry *self)
{
  g_return_val_if_fail (ATTUNE_IS_ENTRY (self), NULL);

  return self->uuid;
}

/**
 * attune_entry_get_kind:
 * @self: an #AttuneEntry
 *
 * Gets whether @self is a note or a session check-in.
 *
 * Returns: the kind of entry
 */
AttuneEntryKind
attune_entry_get_kind (AttuneEntry *self)
{
  g_return_val_if_fail (ATTUNE_IS_ENTRY (self), ATTUNE_ENTRY_KIND_NOTE);

  return self->kind;
}

/**
 * attune_entry_set_kind:
 * @self: an #AttuneEntry
 * @kind: the kind of entry
 *
 * Sets whether @self is a note or a session check-in.
 */
void
attune_entry_set_kind (AttuneEntry     *self,
                       AttuneEntryKind  kind)
{
  g_return_if_fail (ATTUNE_IS_ENTRY (self));
  g_return_if_fail (kind == ATTUNE_ENTRY_KIND_NOTE || kind == ATTUNE_ENTRY_KIND_CHECK_IN);

  if (self->kind == kind)
    return;

  self->kind = kind;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

/**
 * attune_entry_get_title:
 * @self: an #AttuneEntry
 *
 * Gets the title, which may be empty.
 *
 * Returns: (not nullable): the title
 */
const char *
attune_entry_get_title (AttuneEntry *self)
{
  g_return_val_if_fail (ATTUNE_IS_ENTRY (self), NULL);

  return self->title;
}

/**
 * attune_entry_set_title:
 * @self: an #AttuneEntry
 * @title: (nullable): the new title; %NULL means empty
 *
 * Sets the title. The store checks that it is valid UTF-8 when saving.
 */
void
attune_entry_set_title (AttuneEntry *self,
                        const char  *title)
{
  g_return_if_fail (ATTUNE_IS_ENTRY (self));

  if (title == NULL)
    title = "";

  if (g_strcmp0 (self->title, title) == 0)
    return;

  g_free (self->title);
  self->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

/**
 * attune_entry_get_body:
 * @self: an #AttuneEntry
 *
 * Gets the text of the entry, which may be empty.
 *
 * Returns: (not nullable): the body
 */
const char *
attune_entry_get_body (AttuneEntry *self)
{
  g_return_val_if_fail (ATTUNE_IS_ENTRY (self), NULL);

  return self->body;
}

/**
 * attune_entry_set_body:
 * @self: an #AttuneEntry
 * @body: (nullable): the new text; %NULL means empty
 *
 * Sets the text of the entry. The store checks that it is valid UTF-8 when
 * saving.
 */
void
attune_entry_set_body (AttuneEntry *self,
                       const char  *body)
{
  g_return_if_fail (ATTUNE_IS_ENTRY (self));

  if (body == NULL)
    body = "";

  if (g_strcmp0 (self->body, body) == 0)
    return;

  g_free (self->body);
  self->body = g_strdup (body);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BODY]);
}

/**
 * attune_entry_dup_day:
 * @self: an #AttuneEntry
 *
 * Gets the local calendar day of the entry as a #GDate.
 *
 * Returns: (transfer full) (nullable): a new #GDate to free with g_date_free(),
 *   or %NULL if the day is not a valid `YYYY-MM-DD` date
 */
GDate *
attune_entry_dup_day (AttuneEntry *self)
{
  guint year, month, day;

  g_return_val_if_fail (ATTUNE_IS_ENTRY (self), NULL);

  if (!attune_day_is_valid (self->day))
    return NULL;

  year = (guint) g_ascii_strtoull (self->day, NULL, 10);
  month = (guint) g_ascii_strtoull (self->day + 5, NULL, 10);
  day = (guint) g_ascii_strtoull (self->day + 8, NULL, 10);

  return g_date_new_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

/**
 * attune_entry_get_day:
 * @self: an #AttuneEntry
 *
 * Gets the local calendar day the entry belongs to, as `YYYY-MM-DD`.
 *
 * Returns: (nullable): the day
 */
const char *
attune_entry_get_day (AttuneEntry *self)
{
  g_return_val_if_fail (ATTUNE_IS_ENTRY (self), NULL);

  return self->day;
}

/**
 * attune_entry_set_day:
 * @self: an #AttuneEntry
 * @day: (nullable): a `YYYY-MM-DD` local calendar day
 *
 * Sets the day the entry belongs to. The store rejects invalid days when
 * saving (see attune_day_is_valid()).
 */
void
attune_entry_set_day (AttuneEntry *self,
                      const char  *day)
{
  g_return_if_fail (ATTUNE_IS_ENTRY (self));

  if (g_strcmp0 (self->day, day) == 0)
    return;

  g_free (self->day);
  self->day = g_strdup (day);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DAY]);
}

/**
 * attune_entry_get_mood:
 * @self: an #AttuneEntry
 *
 * Gets the mood, from 1 to %ATTUNE_MOOD_MAX.
 *
 * Returns: the mood, or %ATTUNE_MOOD_NONE if none was chosen
 */
int
attune_entry_get_mood (AttuneEntry *self)
{
  g_return_val_if_fail (ATTUNE_IS_ENTRY (self), ATTUNE_MOOD_NONE);

  return self->mood;
}

/**
 * attune_entry_set_mood:
 * @self: an #AttuneEntry
 * @mood: %ATTUNE_MOOD_NONE, or 1 to %ATTUNE_MOOD_MAX
 *
 * Sets the mood. Out-of-range values are kept as given so that the store can
 * refuse them with %ATTUNE_STORE_ERROR_INVALID.
 */
void
attune_entry_set_mood (AttuneEntry *self,
                       int          mood)
{
  g_return_if_fail (ATTUNE_IS_ENTRY (self));

  if (self->mood == mood)
    return;

  self->mood = mood;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MOOD]);
}

/**
 * attune_entry_get_bring:
 * @self: an #AttuneEntry
 *
 * Gets whether the person wants to bring this entry up in their next session.
 *
 * Returns: %TRUE if the entry is marked to bring to the session
 */
gboolean
attune_entry_get_bring (AttuneEntry *self)
{
  g_return_val_if_fail (ATTUNE_IS_ENTRY (self), FALSE);

  return self->bring;
}

/**
 * attune_entry_set_bring:
 * @self: an #AttuneEntry
 * @bring: whether to bring the entry to the next session
 *
 * Marks or unmarks the entry for the next session.
 */
void
attune_entry_set_bring (AttuneEntry *self,
                        gboolean     bring)
{
  g_return_if_fail (ATTUNE_IS_ENTRY (self));

  bring = !!bring;

  if (self->bring == bring)
    return;

  self->bring = bring;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BRING]);
}

/**
 * attune_entry_get_tags:
 * @self: an #AttuneEntry
 *
 * Gets the tag names of the entry.
 *
 * Returns: (transfer none) (array zero-terminated=1) (not nullable): the tags
 */
const char * const *
attune_entry_get_tags (AttuneEntry *self)
{
  g_return_val_if_fail (ATTUNE_IS_ENTRY (self), empty_strv);

  return (const char * const *) self->tags;
}

/**
 * attune_entry_set_tags:
 * @self: an #AttuneEntry
 * @tags: (nullable) (array zero-terminated=1): the tag names
 *
 * Sets the tag names. The store strips, checks and deduplicates them when
 * saving.
 */
void
attune_entry_set_tags (AttuneEntry        *self,
                       const char * const *tags)
{
  g_return_if_fail (ATTUNE_IS_ENTRY (self));

  if (tags == NULL)
    tags = empty_strv;

  if (g_strv_equal ((const char * const *) self->tags, tags))
    return;

  g_strfreev (self->tags);
  self->tags = g_strdupv ((char **) tags);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TAGS]);
}

/**
 * attune_entry_get_created_at:
 * @self: an #AttuneEntry
 *
 * Gets when the entry was first saved.
 *
 * Returns: UTC microseconds since the Unix epoch, or 0 if never saved
 */
gint64
attune_entry_get_created_at (AttuneEntry *self)
{
  g_return_val_if_fail (ATTUNE_IS_ENTRY (self), 0);

  return self->created_at;
}

/**
 * attune_entry_get_updated_at:
 * @self: an #AttuneEntry
 *
 * Gets when the entry was last saved.
 *
 * Returns: UTC microseconds since the Unix epoch, or 0 if never saved
 */
gint64
attune_entry_get_updated_at (AttuneEntry *self)
{
  g_return_val_if_fail (ATTUNE_IS_ENTRY (self), 0);

  return self->updated_at;
}

/**
 * attune_entry_is_empty:
 * @self: an #AttuneEntry
 *
 * Checks whether the entry holds nothing worth keeping: no title, no text and
 * no tags. White space alone counts as empty.
 *
 * Returns: %TRUE if the entry is empty
 */
gboolean
attune_entry_is_empty (AttuneEntry *self)
{
  g_return_val_if_fail (ATTUNE_IS_ENTRY (self), TRUE);

  if (!is_blank (self->title) || !is_blank (self->body))
    return FALSE;

  for (guint i = 0; self->tags[i] != NULL; i++)
    {
      if (!is_blank (self->tags[i]))
        return FALSE;
    }

  return TRUE;
}

/**
 * attune_entry_get_repair_status:
 * @self: an #AttuneEntry
 *
 * Gets where the rupture of a check-in stands, as read with the entry.
 *
 * Returns: an #AttuneRepairStatus; %ATTUNE_REPAIR_NONE for notes and
 *   check-ins without a rupture
 */
int
attune_entry_get_repair_status (AttuneEntry *self)
{
  g_return_val_if_fail (ATTUNE_IS_ENTRY (self), ATTUNE_REPAIR_NONE);

  return self->repair_status;
}

/**
 * attune_entry_get_damaged:
 * @self: an #AttuneEntry
 *
 * Gets whether the store found the entry's text altered on disk (its
 * checksum did not match) when it read it. A damaged entry is read with
 * its title, text and tags left empty, so that altered words are never
 * shown or exported as if they were the person's own.
 *
 * Returns: %TRUE if the entry's text could not be read intact
 */
gboolean
attune_entry_get_damaged (AttuneEntry *self)
{
  g_return_val_if_fail (ATTUNE_IS_ENTRY (self), FALSE);

  return self->damaged;
}

/**
 * attune_entry_dup_display_title:
 * @self: an #AttuneEntry
 *
 * Gets a title to show for the entry: its title, else the first line of its
 * text (shortened), else "Untitled entry".
 *
 * Returns: (transfer full): a title to display
 */
char *
attune_entry_dup_display_title (AttuneEntry *self)
{
  g_autofree char *title = NULL;

  g_return_val_if_fail (ATTUNE_IS_ENTRY (self), NULL);

  if (self->damaged)
    return g_strdup (_("Damaged entry"));

  title = g_strstrip (g_strdup (self->title));
  if (title[0] != '\0')
    return g_steal_pointer (&title);

  {
    g_auto(GStrv) lines = g_strsplit (self->body, "\n", -1);

    for (guint i = 0; lines[i] != NULL; i++)
      {
        g_autofree char *line = flatten_text (lines[i]);

        if (line[0] != '\0')
          return ellipsize_text (line, DISPLAY_TITLE_MAX_CHARS);
      }
  }

  return g_strdup (_("Untitled entry"));
}

/**
 * attune_entry_dup_excerpt:
 * @self: an #AttuneEntry
 * @max_chars: the longest excerpt wanted, in characters; 0 for no limit
 *
 * Gets the text of the entry flattened to one line, ending in "…" when it
 * had to be shortened.
 *
 * Returns: (transfer full): the excerpt, possibly empty
 */
char *
attune_entry_dup_excerpt (AttuneEntry *self,
                          guint        max_chars)
{
  g_autofree char *flat = NULL;

  g_return_val_if_fail (ATTUNE_IS_ENTRY (self), NULL);

  flat = flatten_text (self->body);

  return ellipsize_text (flat, max_chars);
}

/**
 * attune_day_today:
 *
 * Gets today's local calendar day.
 *
 * Returns: (transfer full): today as `YYYY-MM-DD`
 */
char *
attune_day_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

/**
 * attune_day_is_valid:
 * @day: (nullable): a string
 *
 * Checks that @day is a real calendar day written `YYYY-MM-DD`.
 *
 * Returns: %TRUE if @day is valid
 */
gboolean
attune_day_is_valid (const char *day)
{
  guint year, month, mday;

  if (day == NULL || strlen (day) != 10)
    return FALSE;

  for (guint i = 0; i < 10; i++)
    {
      if (i == 4 || i == 7)
        {
          if (day[i] != '-')
            return FALSE;
        }
      else if (!g_ascii_isdigit (day[i]))
        return FALSE;
    }

  year = (guint) g_ascii_strtoull (day, NULL, 10);
  month = (guint) g_ascii_strtoull (day + 5, NULL, 10);
  mday = (guint) g_ascii_strtoull (day + 8, NULL, 10);

  return year >= 1 && g_date_valid_dmy ((GDateDay) mday, (GDateMonth) month, (GDateYear) year);
}

/* Private API for the store. */

void
_attune_entry_load (AttuneEntry     *self,
                    gint64           id,
                    const char      *uuid,
                    AttuneEntryKind  kind,
                    const char      *day,
                    gint64           created_at,
                    gint64           updated_at,
                    const char      *title,
                    const char      *body,
                    int              mood,
                    gboolean         bring,
                    char           **tags)
{
  /* Only used on fresh objects nobody watches yet: no notifications. */
  self->id = id;
  g_free (self->uuid);
  self->uuid = g_strdup (uuid);
  self->kind = kind;
  g_free (self->day);
  self->day = g_strdup (day);
  self->created_at = created_at;
  self->updated_at = updated_at;
  g_free (self->title);
  self->title = g_strdup (title != NULL ? title : "");
  g_free (self->body);
  self->body = g_strdup (body != NULL ? body : "");
  self->mood = mood;
  self->bring = !!bring;
  g_strfreev (self->tags);
  self->tags = tags != NULL ? tags : g_new0 (char *, 1);
}

void
_attune_entry_set_repair_status (AttuneEntry *self,
                                 int          repair_status)
{
  if (self->repair_status == repair_status)
    return;

  self->repair_status = repair_status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPAIR_STATUS]);
}

void
_attune_entry_set_saved (AttuneEntry *self,
                         gint64       id,
                         const char  *uuid,
                         gint64       created_at,
                         gint64       updated_at)
{
  g_object_freeze_notify (G_OBJECT (self));

  if (self->id != id)
    {
      self->id = id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
    }

  if (g_strcmp0 (self->uuid, uuid) != 0)
    {
      g_free (self->uuid);
      self->uuid = g_strdup (uuid);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UUID]);
    }

  if (self->created_at != created_at)
    {
      self->created_at = created_at;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED_AT]);
    }

  if (self->updated_at != updated_at)
    {
      self->updated_at = updated_at;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED_AT]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

void
_attune_entry_set_damaged (AttuneEntry *self)
{
  /* Only on fresh objects, right after _attune_entry_load(). */
  self->damaged = TRUE;
  g_free (self->title);
  self->title = g_strdup ("");
  g_free (self->body);
  self->body = g_strdup ("");
  g_strfreev (self->tags);
  self->tags = g_new0 (char *, 1);
}

/* attune-backup.c
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include <string.h>

#include "attune-backup.h"

/* Limits, in characters. Entry text has no limit in the editor, so these are
 * far above anything a person writes by hand: a backup of a real journal
 * must always import again. Check-in answers and the list for next session
 * use the store's own limits. */
#define MAX_TITLE_CHARS       10000
#define MAX_BODY_CHARS        1000000
#define MAX_TAG_CHARS         64
#define MAX_TAGS              32
#define MAX_AGENDA_CHARS      2000
#define MAX_CONTENT_FORMAT    1
#define MAX_CHECK_IN_CHARS    100000  /* ATTUNE_CHECK_IN_MAX_TEXT_CHARS in the store */

static const char * const entry_kinds[] = { "note", "check-in", NULL };
static const char * const session_modes[] = { NULL, "in-person", "video", "phone", NULL };
static const char * const rupture_answers[] = { NULL, "no", "yes", "not-sure", NULL };
static const char * const spoke_up_answers[] = { NULL, "yes", "partly", "no", NULL };
static const char * const repair_statuses[] = { "none", "open", "in-progress", "repaired", "let-go", NULL };
static const char * const rupture_kinds[] = {
  "misunderstood", "judged", "concerns-not-addressed", "mismatch", "distracted",
  "held-back", "went-along", "changed-subject", "thought-of-leaving", "other", NULL
};
static const char * const plans[] = { "bring-up", "write-message", "wait", "let-go", NULL };

G_STATIC_ASSERT (G_N_ELEMENTS (rupture_kinds) - 1 == 10);
G_STATIC_ASSERT (G_N_ELEMENTS (plans) - 1 == 4);

/* Writing
 *
 * The text is written straight into a GString: building a JsonNode tree with
 * JsonBuilder, generating it and freeing it took three quarters of an
 * export's instructions. The bytes are exactly those json-glib 1.6's
 * JsonGenerator wrote for that tree (pretty, a two-space indent), so that
 * backups stay byte for byte what they were; tests/test-backup.c holds an
 * expected text for every character that is escaped. */

#define WRITER_MAX_DEPTH 8

typedef struct
{
  GString  *out;
  guint     depth;
  gboolean  has_items[WRITER_MAX_DEPTH];
} Writer;

/* g_string_append_len() without a call when the text fits, as GLib 2.76
 * inlines it: most pieces are a few bytes. */
static inline void
append (GString    *out,
        const char *text,
        gsize       length)
{
  if (G_LIKELY (out->len + length < out->allocated_len))
    {
      memcpy (out->str + out->len, text, length);
      out->len += length;
      out->str[out->len] = '\0';
    }
  else
    g_string_append_len (out, text, length);
}

static void
write_indent (GString *out,
              guint    depth)
{
  static const char spaces[] = "                ";  /* 2 × WRITER_MAX_DEPTH */

  G_STATIC_ASSERT (sizeof spaces - 1 == 2 * WRITER_MAX_DEPTH);
  append (out, spaces, 2 * depth);
}

/* Before each member or element: the separator, a new line and the indent. */
static void
write_next (Writer *w)
{
  if (w->has_items[w->depth])
    append (w->out, ",\n", 2);
  else
    g_string_append_c (w->out, '\n');
  w->has_items[w->depth] = TRUE;
  write_indent (w->out, w->depth);
}

static void
write_open (Writer *w,
            char    bracket)
{
  g_assert (w->depth + 1 < WRITER_MAX_DEPTH);

  g_string_append_c (w->out, bracket);
  w->depth++;
  w->has_items[w->depth] = FALSE;
}

/* An empty object or array stays on one line: "[]". */
static void
write_close (Writer *w,
             char    bracket)
{
  if (w->has_items[w->depth])
    {
      g_string_append_c (w->out, '\n');
      write_indent (w->out, w->depth - 1);
    }
  g_string_append_c (w->out, bracket);
  w->depth--;
}

/* @member is one of ours: plain ASCII that needs no escaping. */
static void
write_member (Writer     *w,
              const char *member)
{
  write_next (w);
  g_string_append_c (w->out, '"');
  append (w->out, member, strlen (member));
  append (w->out, "\" : ", 4);
}

/* Escaped: '"', '\\', U+007F and every control character U+0001 to U+001F,
 * as \b \f \n \r \t or \u00xx in lowercase, as json-glib 1.6 writes them,
 * except that json-glib leaves U+001F raw (its test is "< 0x1f"), which is
 * not JSON: strict readers such as Python's refuse it. All other bytes, also
 * non-ASCII and bytes that are not UTF-8, are copied as they are. Those
 * bytes, and the NUL that ends the text, end a run of bytes that is copied as
 * it is. */
static inline gboolean
ends_run (guchar c)
{
  /* Bit c % 32 of word c / 32. */
  static const guint32 escaped[8] = {
    0xffffffff,                     /* 0x00 to 0x1f */
    (1u << ('"' - 32)),
    (1u << ('\\' - 64)),
    (1u << (0x7f - 96)),
  };

  return (escaped[c >> 5] >> (c & 31)) & 1;
}

static void
write_escaped (GString    *out,
               const char *text)
{
  const guchar *p = (const guchar *) text;

  g_string_append_c (out, '"');
  for (;;)
    {
      const guchar *run = p;

      while (!ends_run (*p))
        p++;
      append (out, (const char *) run, p - run);

      if (*p == '\0')
        break;

      switch (*p)
        {
        case '"':
          append (out, "\\\"", 2);
          break;
        case '\\':
          append (out, "\\\\", 2);
          break;
        case '\b':
          append (out, "\\b", 2);
          break;
        case '\f':
          append (out, "\\f", 2);
          break;
        case '\n':
          append (out, "\\n", 2);
          break;
        case '\r':
          append (out, "\\r", 2);
          break;
        case '\t':
          append (out, "\\t", 2);
          break;
        default:
          {
            static const char hex[] = "0123456789abcdef";
            char escape[6] = { '\\', 'u', '0', '0', hex[*p >> 4], hex[*p & 0xf] };

            append (out, escape, sizeof escape);
          }
          break;
        }
      p++;
    }
  g_string_append_c (out, '"');
}

static void
write_string (Writer     *w,
              const char *member,
              const char *value)
{
  write_member (w, member);
  if (value != NULL)
    write_escaped (w->out, value);
  else
    append (w->out, "null", 4);
}

static void
write_null (Writer     *w,
            const char *member)
{
  write_member (w, member);
  append (w->out, "null", 4);
}

/* As "%" G_GINT64_FORMAT, without printf. */
static void
write_int (Writer     *w,
           const char *member,
           gint64      value)
{
  char digits[24];
  char *p = digits + sizeof digits;
  guint64 magnitude = value < 0 ? -(guint64) value : (guint64) value;

  do
    {
      *--p = (char) ('0' + magnitude % 10);
      magnitude /= 10;
    }
  while (magnitude != 0);
  if (value < 0)
    *--p = '-';

  write_member (w, member);
  append (w->out, p, digits + sizeof digits - p);
}

static void
write_boolean (Writer     *w,
               const char *member,
               gboolean    value)
{
  write_member (w, member);
  if (value)
    append (w->out, "true", 4);
  else
    append (w->out, "false", 5);
}

/* The first and the last second that GDateTime can hold: 0001-01-01T00:00:00Z
 * and 9999-12-31T23:59:59Z. */
#define FIRST_INSTANT_SECONDS G_GINT64_CONSTANT (-62135596800)
#define LAST_INSTANT_SECONDS  G_GINT64_CONSTANT (253402300799)

static void
put_digits (char  *p,
            guint  value,
            guint  n_digits)
{
  while (n_digits-- > 0)
    {
      p[n_digits] = (char) ('0' + value % 10);
      value /= 10;
    }
}

/* Writes "YYYY-MM-DDTHH:MM:SS.ffffffZ" and its NUL into @text, the same as
 * formatting a GDateTime; FALSE for an instant that GDateTime cannot hold. A
 * GDateTime and two printf calls per instant took a seventh of an export. */
static gboolean
format_instant (gint64 usec,
                char   text[28])
{
  gint64 seconds = usec / G_USEC_PER_SEC;
  gint64 micro = usec % G_USEC_PER_SEC;
  gint64 days, era;
  guint second_of_day, day_of_era, year_of_era, day_of_year, shifted_month;
  guint year, month, day;

  if (micro < 0)
    {
      micro += G_USEC_PER_SEC;
      seconds--;
    }

  if (seconds < FIRST_INSTANT_SECONDS || seconds > LAST_INSTANT_SECONDS)
    return FALSE;

  /* The proleptic Gregorian calendar, as GDateTime's; the civil-from-days
   * algorithm of Howard Hinnant, with years starting on March 1st. */
  days = seconds / 86400;
  second_of_day = (guint) (seconds % 86400);
  if (seconds % 86400 < 0)
    {
      days--;
      second_of_day = (guint) (seconds % 86400 + 86400);
    }
  days += 719468;
  era = (days >= 0 ? days : days - 146096) / 146097;
  day_of_era = (guint) (days - era * 146097);
  year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  shifted_month = (5 * day_of_year + 2) / 153;
  day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
  month = shifted_month < 10 ? shifted_month + 3 : shifted_month - 9;
  year = (guint) (year_of_era + era * 400 + (month <= 2));

  /* Four digits always: the reader wants "0049", not "49" (found by
   * tests/fuzz/fuzz-backup.c). */
  memcpy (text, "0000-00-00T00:00:00.000000Z", 28);
  put_digits (text, year, 4);
  put_digits (text + 5, month, 2);
  put_digits (text + 8, day, 2);
  put_digits (text + 11, second_of_day / 3600, 2);
  put_digits (text + 14, second_of_day / 60 % 60, 2);
  put_digits (text + 17, second_of_day % 60, 2);
  put_digits (text + 20, (guint) micro, 6);

  return TRUE;
}

static gboolean
write_instant (Writer      *w,
               const char  *member,
               gint64       usec,
               GError     **error)
{
  char text[28];

  if (!format_instant (usec, text))
    {
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_FAILED,
                   _("The journal holds a time that cannot be written down (%s). Nothing was exported."),
                   member);
      return FALSE;
    }

  write_member (w, member);
  g_string_append_c (w->out, '"');
  append (w->out, text, 27);
  g_string_append_c (w->out, '"');

  return TRUE;
}

static void
write_enum (Writer             *w,
            const char         *member,
            const char * const *names,
            guint               n_names,
            int                 value)
{
  if (value >= 0 && (guint) value < n_names && names[value] != NULL)
    write_string (w, member, names[value]);
  else
    write_null (w, member);
}

static void
write_flags (Writer             *w,
             const char         *member,
             const char * const *names,
             guint               value)
{
  write_member (w, member);
  write_open (w, '[');
  for (guint i = 0; names[i] != NULL; i++)
    if (value & (1u << i))
      {
        write_next (w);
        write_escaped (w->out, names[i]);
      }
  write_close (w, ']');
}

static void
write_scale (Writer     *w,
             const char *member,
             int         value)
{
  if (value == ATTUNE_SCALE_NOT_SURE)
    write_string (w, member, "not-sure");
  else if (value >= 1 && value <= ATTUNE_SCALE_MAX)
    write_int (w, member, value);
  else
    write_null (w, member);
}

static gboolean
write_check_in (Writer                      *w,
                const AttuneJournalCheckIn  *check_in,
                GError                     **error)
{
  write_open (w, '{');
  if (!write_instant (w, "session-at", check_in->session_at, error))
    return FALSE;
  write_enum (w, "mode", session_modes, G_N_ELEMENTS (session_modes) - 1, check_in->mode);
  write_scale (w, "connected", check_in->connected);
  write_scale (w, "heard", check_in->heard);
  write_scale (w, "mattered", check_in->mattered);
  write_scale (w, "suited", check_in->suited);
  write_enum (w, "rupture", rupture_answers, G_N_ELEMENTS (rupture_answers) - 1, check_in->rupture);
  write_flags (w, "kinds", rupture_kinds, check_in->kinds);
  write_string (w, "other-kind", check_in->other_kind);
  write_scale (w, "intensity", check_in->intensity);
  write_string (w, "what-happened", check_in->what_happened);
  write_string (w, "felt", check_in->felt);
  write_string (w, "needed", check_in->needed);
  write_scale (w, "resolved", check_in->resolved);
  write_enum (w, "spoke-up", spoke_up_answers, G_N_ELEMENTS (spoke_up_answers) - 1, check_in->spoke_up);
  write_flags (w, "plan", plans, check_in->plan);
  write_string (w, "message", check_in->message);

  write_member (w, "repair");
  write_open (w, '{');
  write_enum (w, "status", repair_statuses, G_N_ELEMENTS (repair_statuses) - 1, check_in->repair_status);
  write_member (w, "history");
  write_open (w, '[');
  for (guint i = 0; check_in->history != NULL && i < check_in->history->len; i++)
    {
      const AttuneRepairEvent *event = g_ptr_array_index (check_in->history, i);

      write_next (w);
      write_open (w, '{');
      if (!write_instant (w, "at", event->at, error))
        return FALSE;
      write_enum (w, "status", repair_statuses, G_N_ELEMENTS (repair_statuses) - 1, event->status);
      write_string (w, "note", event->note);
      write_close (w, '}');
    }
  write_close (w, ']');
  write_close (w, '}');

  write_close (w, '}');

  return TRUE;
}

static gboolean
write_entry (Writer                    *w,
             const AttuneJournalEntry  *entry,
             GError                   **error)
{
  write_open (w, '{');
  write_string (w, "uuid", entry->uuid);
  write_enum (w, "kind", entry_kinds, G_N_ELEMENTS (entry_kinds) - 1, entry->kind);
  write_string (w, "day", entry->day);
  if (!write_instant (w, "created-at", entry->created_at, error) ||
      !write_instant (w, "updated-at", entry->updated_at, error))
    return FALSE;
  write_string (w, "title", entry->title);
  write_string (w, "body", entry->body);
  write_int (w, "content-format", entry->format);
  if (entry->mood >= 1 && entry->mood <= ATTUNE_MOOD_MAX)
    write_int (w, "mood", entry->mood);
  else
    write_null (w, "mood");
  write_boolean (w, "bring", entry->bring);
  write_member (w, "tags");
  write_open (w, '[');
  for (guint i = 0; entry->tags != NULL && entry->tags[i] != NULL; i++)
    {
      write_next (w);
      write_escaped (w->out, entry->tags[i]);
    }
  write_close (w, ']');
  if (entry->check_in != NULL)
    {
      write_member (w, "check-in");
      if (!write_check_in (w, entry->check_in, error))
        return FALSE;
    }
  else
    write_null (w, "check-in");
  write_close (w, '}');

  return TRUE;
}

static gboolean
write_agenda_item (Writer                         *w,
                   const AttuneJournalAgendaItem  *item,
                   GError                        **error)
{
  write_open (w, '{');
  write_string (w, "text", item->text);
  write_string (w, "entry", item->entry_uuid);
  write_int (w, "position", item->position);
  write_boolean (w, "done", item->done);
  if (item->done_at != 0)
    {
      if (!write_instant (w, "done-at", item->done_at, error))
        return FALSE;
    }
  else
    write_null (w, "done-at");
  if (!write_instant (w, "created-at", item->created_at, error))
    return FALSE;
  write_close (w, '}');

  return TRUE;
}

/**
 * attune_backup_data_to_json:
 * @data: journal data
 * @exported_at: the instant to record as "exported-at", UTC unix
 *   microseconds; 0 means now. Tests pass a fixed value.
 * @error: return location for a #GError
 *
 * Writes @data in the backup format: deterministic, pretty-printed with a
 * two-space indent and ending in a newline.
 *
 * Returns: (transfer full) (nullable): UTF-8 JSON, or %NULL with @error set
 */
char *
attune_backup_data_to_json (const AttuneJournalData  *data,
                            gint64                    exported_at,
                            GError                  **error)
{
  g_autoptr(GString) out = NULL;
  Writer w = { NULL, 0, { FALSE, } };

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (exported_at == 0)
    exported_at = g_get_real_time ();

  out = g_string_sized_new (64 * 1024);
  w.out = out;

  write_open (&w, '{');
  write_string (&w, "format", ATTUNE_BACKUP_FORMAT);
  write_int (&w, "version", ATTUNE_BACKUP_FORMAT_VERSION);
  if (!write_instant (&w, "exported-at", exported_at, error))
    return NULL;

  write_member (&w, "entries");
  write_open (&w, '[');
  for (guint i = 0; data->entries != NULL && i < data->entries->len; i++)
    {
      write_next (&w);
      if (!write_entry (&w, g_ptr_array_index (data->entries, i), error))
        return NULL;
    }
  write_close (&w, ']');

  write_member (&w, "agenda");
  write_open (&w, '[');
  for (guint i = 0; data->agenda != NULL && i < data->agenda->len; i++)
    {
      write_next (&w);
      if (!write_agenda_item (&w, g_ptr_array_index (data->agenda, i), error))
        return NULL;
    }
  write_close (&w, ']');
  write_close (&w, '}');
  g_string_append_c (out, '\n');

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * attune_backup_to_json:
 * @store: an #AttuneStore
 * @exported_at: the instant to record as "exported-at", UTC unix
 *   microseconds; 0 means now
 * @error: return location for a #GError
 *
 * Writes the whole journal in the backup format (docs/backup-format.md):
 * one consistent snapshot, deterministic, so that the same journal always
 * gives the same bytes for the same @exported_at.
 *
 * Returns: (transfer full) (nullable): UTF-8 JSON, or %NULL with @error set
 */
char *
attune_backup_to_json (AttuneStore  *store,
                       gint64        exported_at,
                       GError      **error)
{
  g_autoptr(AttuneJournalData) data = NULL;

  g_return_val_if_fail (ATTUNE_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = attune_store_export_journal (store, error);
  if (data == NULL)
    return NULL;

  return attune_backup_data_to_json (data, exported_at, error);
}

/* Reading: every check names the place in the file, as a path like
 * entries[12].check-in.kinds[1]. */

/* A place in the file: a member of its parent's object, or an element of
 * its parent's list. They live on the stack of the functions that read
 * them; the text, like entries[12].check-in.kinds[1], is only made for an
 * error message. */
typedef struct _Path Path;
struct _Path
{
  const Path *parent;
  const char *member;  /* NULL for an element */
  guint       index;
};

#define PATH_MEMBER(parent, member) { (parent), (member), 0 }
#define PATH_INDEX(parent, index)   { (parent), NULL, (index) }

/* The top of the file, "". */
static const Path root_path = { NULL, NULL, 0 };

static void
append_path (GString    *text,
             const Path *path)
{
  if (path->parent == NULL)
    return;

  append_path (text, path->parent);
  if (path->member != NULL)
    {
      if (text->len > 0)
        g_string_append_c (text, '.');
      g_string_append (text, path->member);
    }
  else
    g_string_append_printf (text, "[%u]", path->index);
}

static gboolean G_GNUC_PRINTF (3, 4)
invalid (GError     **error,
         const Path  *path,
         const char  *format,
         ...)
{
  g_autoptr(GString) where = g_string_new (NULL);
  g_autofree char *message = NULL;
  va_list args;

  append_path (where, path);

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_INVALID,
               /* Translators: the first %s is a place in the file, like
                * entries[12].check-in.kinds[1]; the second says what is wrong. */
               _("%s: %s. Nothing was imported."), where->str, message);
  return FALSE;
}

static const char *
describe_node (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return _("an object");

    case JSON_NODE_ARRAY:
      return _("a list");

    case JSON_NODE_NULL:
      return _("null");

    case JSON_NODE_VALUE:
    default:
      break;
    }

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return _("text");

    case G_TYPE_BOOLEAN:
      return _("true or false");

    case G_TYPE_INT64:
      return _("a whole number");

    case G_TYPE_DOUBLE:
      return _("a fractional number");

    default:
      return _("something else");
    }
}

/* Checks that @object has exactly the members in @members. */
static gboolean
check_members (JsonObject         *object,
               const Path         *path,
               const char * const *members,
               GError            **error)
{
  g_autoptr(GList) names = NULL;
  guint n_members = 0;

  /* As many members as expected and each of them there: nothing is missing
   * and nothing else is there. Only an object that fails this is looked at
   * again, to name the problem. */
  for (; members[n_members] != NULL; n_members++)
    if (json_object_get_member (object, members[n_members]) == NULL)
      break;
  if (members[n_members] == NULL && json_object_get_size (object) == n_members)
    return TRUE;

  for (guint i = 0; members[i] != NULL; i++)
    {
      if (!json_object_has_member (object, members[i]))
        {
          const Path where = PATH_MEMBER (path, members[i]);

          return invalid (error, &where, _("this field is missing"));
        }
    }

  names = json_object_get_members (object);
  for (GList *l = names; l != NULL; l = l->next)
    {
      if (!g_strv_contains (members, l->data))
        {
          const Path where = PATH_MEMBER (path, l->data);

          return invalid (error, &where, _("this field is not part of the format"));
        }
    }

  return TRUE;
}

static JsonObject *
get_object (JsonNode    *node,
            const Path  *path,
            GError     **error)
{
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      invalid (error, path, _("expected an object, found %s"), describe_node (node));
      return NULL;
    }

  return json_node_get_object (node);
}

static JsonArray *
get_array (JsonNode    *node,
           const Path  *path,
           GError     **error)
{
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      invalid (error, path, _("expected a list, found %s"), describe_node (node));
      return NULL;
    }

  return json_node_get_array (node);
}

static const char *
get_string (JsonNode    *node,
            const Path  *path,
            glong        max_chars,
            GError     **error)
{
  const char *text;
  const char *end;
  glong n_chars;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      invalid (error, path, _("expected text, found %s"), describe_node (node));
      return NULL;
    }

  text = json_node_get_string (node);

  /* A \ud800 escape without its pair decodes to something that is not UTF-8. */
  if (!g_utf8_validate (text, -1, &end))
    {
      invalid (error, path, _("the text is not valid UTF-8"));
      return NULL;
    }

  /* No more characters than bytes: most texts need no counting. */
  if (end - text <= max_chars)
    return text;

  n_chars = g_utf8_strlen (text, end - text);
  if (n_chars > max_chars)
    {
      invalid (error, path, _("the text is %ld characters long; at most %ld are allowed"),
               n_chars, max_chars);
      return NULL;
    }

  return text;
}

static gboolean
get_int (JsonNode    *node,
         const Path  *path,
         gint64       min,
         gint64       max,
         gint64      *out_value,
         GError     **error)
{
  gint64 value;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return invalid (error, path, _("expected a whole number, found %s"), describe_node (node));

  value = json_node_get_int (node);
  if (value < min || value > max)
    return invalid (error, path, _("%lld is not between %lld and %lld"),
                    (long long) value, (long long) min, (long long) max);

  *out_value = value;

  return TRUE;
}

static gboolean
get_boolean (JsonNode    *node,
             const Path  *path,
             gboolean    *out_value,
             GError     **error)
{
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return invalid (error, path, _("expected true or false, found %s"), describe_node (node));

  *out_value = json_node_get_boolean (node);

  return TRUE;
}

static gboolean
parse_digits (const char *text,
              guint       n,
              int        *out_value)
{
  int value = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      value = value * 10 + (text[i] - '0');
    }

  *out_value = value;

  return TRUE;
}

/* Days from 1970-01-01 to a day of the proleptic Gregorian calendar, as
 * GDateTime counts them: the days-from-civil algorithm of Howard Hinnant. */
static gint64
days_from_civil (int year,
                 int month,
                 int day)
{
  gint64 y = year - (month <= 2);
  gint64 era = (y >= 0 ? y : y - 399) / 400;
  gint64 year_of_era = y - era * 400;
  gint64 day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  gint64 day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;

  return era * 146097 + day_of_era - 719468;
}

/* Exactly "YYYY-MM-DDTHH:MM:SS.ffffffZ", as written. */
static gboolean
get_instant (JsonNode    *node,
             const Path  *path,
             gint64      *out_usec,
             GError     **error)
{
  const char *text = get_string (node, path, 64, error);
  int year, month, day, hour, minute, second, micro;

  if (text == NULL)
    return FALSE;

  if (strlen (text) != 27 ||
      !parse_digits (text, 4, &year) || text[4] != '-' ||
      !parse_digits (text + 5, 2, &month) || text[7] != '-' ||
      !parse_digits (text + 8, 2, &day) || text[10] != 'T' ||
      !parse_digits (text + 11, 2, &hour) || text[13] != ':' ||
      !parse_digits (text + 14, 2, &minute) || text[16] != ':' ||
      !parse_digits (text + 17, 2, &second) || text[19] != '.' ||
      !parse_digits (text + 20, 6, &micro) || text[26] != 'Z' ||
      year < 1 || month < 1 || month > 12 || day < 1 || day > 31 ||
      hour > 23 || minute > 59 || second > 59 ||
      day > g_date_get_days_in_month ((GDateMonth) month, (GDateYear) year))
    return invalid (error, path,
                    _("“%s” is not a time in the form 2026-11-26T01:02:03.123456Z"), text);

  /* Without a GDateTime for each of them: as format_instant(), backwards. */
  *out_usec = ((days_from_civil (year, month, day) * 24 + hour) * 60 + minute) * (gint64) 60 + second;
  *out_usec = *out_usec * G_USEC_PER_SEC + micro;

  return TRUE;
}

static const char *
get_day (JsonNode    *node,
         const Path  *path,
         GError     **error)
{
  const char *text = get_string (node, path, 64, error);

  if (text == NULL)
    return NULL;

  if (!attune_day_is_valid (text))
    {
      invalid (error, path, _("“%s” is not a day in the form 2026-11-26"), text);
      return NULL;
    }

  return text;
}

static char *
get_uuid (JsonNode    *node,
          const Path  *path,
          GError     **error)
{
  const char *text = get_string (node, path, 64, error);

  if (text == NULL)
    return NULL;

  if (!g_uuid_string_is_valid (text))
    {
      invalid (error, path, _("“%s” is not a uuid"), text);
      return NULL;
    }

  /* Attune writes them in lowercase; compare them that way too. */
  return g_ascii_strdown (text, -1);
}

/* A string from @names, or null for index 0 when @names[0] is NULL. */
static gboolean
get_enum (JsonNode           *node,
          const Path         *path,
          const char * const *names,
          guint               n_names,
          const char         *what,
          int                *out_value,
          GError            **error)
{
  const char *text;

  if (JSON_NODE_HOLDS_NULL (node) && names[0] == NULL)
    {
      *out_value = 0;
      return TRUE;
    }

  text = get_string (node, path, 1000, error);
  if (text == NULL)
    return FALSE;

  for (guint i = 0; i < n_names; i++)
    {
      if (names[i] != NULL && strcmp (names[i], text) == 0)
        {
          *out_value = (int) i;
          return TRUE;
        }
    }

  /* Translators: the second %s is e.g. "a mode" or "a status". */
  return invalid (error, path, _("“%s” is not %s Attune knows"), text, what);
}

static gboolean
get_flags (JsonNode           *node,
           const Path         *path,
           const char * const *names,
           const char         *what,
           guint              *out_value,
           GError            **error)
{
  JsonArray *array = get_array (node, path, error);
  guint value = 0;

  if (array == NULL)
    return FALSE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const Path where = PATH_INDEX (path, i);
      int bit = 0;

      if (!get_enum (json_array_get_element (array, i), &where, names, g_strv_length ((char **) names),
                     what, &bit, error))
        return FALSE;

      if (value & (1u << bit))
        return invalid (error, &where, _("“%s” is listed twice"), names[bit]);

      value |= 1u << bit;
    }

  *out_value = value;

  return TRUE;
}

/* null (skipped), "not-sure", or 1 to 5. */
static gboolean
get_scale (JsonNode    *node,
           const Path  *path,
           int         *out_value,
           GError     **error)
{
  gint64 value;

  if (JSON_NODE_HOLDS_NULL (node))
    {
      *out_value = ATTUNE_SCALE_SKIPPED;
      return TRUE;
    }

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
      g_strcmp0 (json_node_get_string (node), "not-sure") == 0)
    {
      *out_value = ATTUNE_SCALE_NOT_SURE;
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return invalid (error, path, _("expected 1 to 5, “not-sure” or null, found %s"),
                    describe_node (node));

  if (!get_int (node, path, 1, ATTUNE_SCALE_MAX, &value, error))
    return FALSE;

  *out_value = (int) value;

  return TRUE;
}

/* A string member (a copy), or NULL for null when @nullable. */
static gboolean
dup_string_member (JsonObject   *object,
                   const Path   *path,
                   const char   *member,
                   glong         max_chars,
                   gboolean      nullable,
                   char        **out_value,
                   GError      **error)
{
  const Path where = PATH_MEMBER (path, member);
  JsonNode *node = json_object_get_member (object, member);
  const char *text;

  if (nullable && JSON_NODE_HOLDS_NULL (node))
    {
      *out_value = NULL;
      return TRUE;
    }

  text = get_string (node, &where, max_chars, error);
  if (text == NULL)
    return FALSE;

  g_free (*out_value);
  *out_value = g_strdup (text);

  return TRUE;
}

static gboolean
scale_member (JsonObject  *object,
              const Path  *path,
              const char  *member,
              int         *out_value,
              GError     **error)
{
  const Path where = PATH_MEMBER (path, member);

  return get_scale (json_object_get_member (object, member), &where, out_value, error);
}

static gboolean
instant_member (JsonObject  *object,
                const Path  *path,
                const char  *member,
                gint64      *out_value,
                GError     **error)
{
  const Path where = PATH_MEMBER (path, member);

  return get_instant (json_object_get_member (object, member), &where, out_value, error);
}

static gboolean
enum_member (JsonObject         *object,
             const Path         *path,
             const char         *member,
             const char * const *names,
             guint               n_names,
             const char         *what,
             int                *out_value,
             GError            **error)
{
  const Path where = PATH_MEMBER (path, member);

  return get_enum (json_object_get_member (object, member), &where, names, n_names, what,
                   out_value, error);
}

static AttuneRepairEvent *
parse_event (JsonNode    *node,
             const Path  *path,
             GError     **error)
{
  static const char * const members[] = { "at", "status", "note", NULL };
  g_autoptr(AttuneRepairEvent) event = g_new0 (AttuneRepairEvent, 1);
  JsonObject *object = get_object (node, path, error);
  int status;

  if (object == NULL || !check_members (object, path, members, error) ||
      !instant_member (object, path, "at", &event->at, error) ||
      !enum_member (object, path, "status", repair_statuses, G_N_ELEMENTS (repair_statuses) - 1,
                    _("a repair status"), &status, error) ||
      !dup_string_member (object, path, "note", MAX_CHECK_IN_CHARS, TRUE,
                          &event->note, error))
    return NULL;

  event->status = status;

  return g_steal_pointer (&event);
}

static AttuneJournalCheckIn *
parse_check_in (JsonNode    *node,
                const Path  *path,
                GError     **error)
{
  static const char * const members[] = {
    "session-at", "mode", "connected", "heard", "mattered", "suited", "rupture", "kinds",
    "other-kind", "intensity", "what-happened", "felt", "needed", "resolved", "spoke-up",
    "plan", "message", "repair", NULL
  };
  static const char * const repair_members[] = { "status", "history", NULL };
  g_autoptr(AttuneJournalCheckIn) check_in = attune_journal_check_in_new ();
  const Path repair_path = PATH_MEMBER (path, "repair");
  const Path history_path = PATH_MEMBER (&repair_path, "history");
  const Path kinds_path = PATH_MEMBER (path, "kinds");
  const Path plan_path = PATH_MEMBER (path, "plan");
  JsonObject *object = get_object (node, path, error);
  JsonObject *repair;
  JsonArray *history;
  int mode, rupture, spoke_up, status;
  guint kinds, plan;

  if (object == NULL || !check_members (object, path, members, error) ||
      !instant_member (object, path, "session-at", &check_in->session_at, error) ||
      !enum_member (object, path, "mode", session_modes, G_N_ELEMENTS (session_modes) - 1,
                    _("a kind of session"), &mode, error) ||
      !scale_member (object, path, "connected", &check_in->connected, error) ||
      !scale_member (object, path, "heard", &check_in->heard, error) ||
      !scale_member (object, path, "mattered", &check_in->mattered, error) ||
      !scale_member (object, path, "suited", &check_in->suited, error) ||
      !enum_member (object, path, "rupture", rupture_answers, G_N_ELEMENTS (rupture_answers) - 1,
                    _("an answer"), &rupture, error) ||
      !get_flags (json_object_get_member (object, "kinds"), &kinds_path, rupture_kinds,
                  _("a kind"), &kinds, error) ||
      !dup_string_member (object, path, "other-kind", MAX_CHECK_IN_CHARS, FALSE,
                          &check_in->other_kind, error) ||
      !scale_member (object, path, "intensity", &check_in->intensity, error) ||
      !dup_string_member (object, path, "what-happened", MAX_CHECK_IN_CHARS, FALSE,
                          &check_in->what_happened, error) ||
      !dup_string_member (object, path, "felt", MAX_CHECK_IN_CHARS, FALSE,
                          &check_in->felt, error) ||
      !dup_string_member (object, path, "needed", MAX_CHECK_IN_CHARS, FALSE,
                          &check_in->needed, error) ||
      !scale_member (object, path, "resolved", &check_in->resolved, error) ||
      !enum_member (object, path, "spoke-up", spoke_up_answers, G_N_ELEMENTS (spoke_up_answers) - 1,
                    _("an answer"), &spoke_up, error) ||
      !get_flags (json_object_get_member (object, "plan"), &plan_path, plans,
                  _("a plan"), &plan, error) ||
      !dup_string_member (object, path, "message", MAX_CHECK_IN_CHARS, FALSE,
                          &check_in->message, error))
    return NULL;

  check_in->mode = mode;
  check_in->rupture = rupture;
  check_in->kinds = kinds;
  check_in->spoke_up = spoke_up;
  check_in->plan = plan;

  repair = get_object (json_object_get_member (object, "repair"), &repair_path, error);
  if (repair == NULL || !check_members (repair, &repair_path, repair_members, error) ||
      !enum_member (repair, &repair_path, "status", repair_statuses,
                    G_N_ELEMENTS (repair_statuses) - 1, _("a repair status"), &status, error))
    return NULL;

  check_in->repair_status = status;

  history = get_array (json_object_get_member (repair, "history"), &history_path, error);
  if (history == NULL)
    return NULL;

  for (guint i = 0; i < json_array_get_length (history); i++)
    {
      const Path where = PATH_INDEX (&history_path, i);
      AttuneRepairEvent *event = parse_event (json_array_get_element (history, i), &where, error);

      if (event == NULL)
        return NULL;
      g_ptr_array_add (check_in->history, event);
    }

  return g_steal_pointer (&check_in);
}

static gboolean
is_control_free (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      return FALSE;

  return TRUE;
}

static gboolean
parse_tags (JsonNode            *node,
            const Path          *path,
            AttuneJournalEntry  *entry,
            GError             **error)
{
  JsonArray *array = get_array (node, path, error);
  g_autoptr(GPtrArray) tags = NULL;
  /* Each tag casefolded, to find one listed twice: a few tags need no
   * hash table. */
  char *folded[MAX_TAGS];
  guint n_folded = 0;
  gboolean ok = FALSE;
  guint n;

  if (array == NULL)
    return FALSE;

  n = json_array_get_length (array);
  if (n > MAX_TAGS)
    return invalid (error, path, g_dngettext (GETTEXT_PACKAGE, "an entry can have at most %d tag",
                                              "an entry can have at most %d tags", MAX_TAGS), MAX_TAGS);

  tags = g_ptr_array_new_full (n + 1, g_free);

  for (guint i = 0; i < n; i++)
    {
      const Path where = PATH_INDEX (path, i);
      const char *tag = get_string (json_array_get_element (array, i), &where, MAX_TAG_CHARS, error);
      gsize length;
      char *tag_folded;

      if (tag == NULL)
        goto out;

      /* What g_strstrip() would remove: ASCII spaces at either end. */
      length = strlen (tag);
      if (length == 0 || g_ascii_isspace (tag[0]) || g_ascii_isspace (tag[length - 1]) ||
          !is_control_free (tag))
        {
          invalid (error, &where, _("a tag cannot be empty, start or end with spaces, or contain control characters"));
          goto out;
        }

      tag_folded = g_utf8_casefold (tag, (gssize) length);
      for (guint j = 0; j < n_folded; j++)
        {
          if (strcmp (folded[j], tag_folded) == 0)
            {
              g_free (tag_folded);
              invalid (error, &where, _("the tag “%s” is listed twice"), tag);
              goto out;
            }
        }
      folded[n_folded++] = tag_folded;

      g_ptr_array_add (tags, g_strndup (tag, length));
    }

  g_ptr_array_add (tags, NULL);
  g_strfreev (entry->tags);
  entry->tags = (char **) g_ptr_array_free (g_steal_pointer (&tags), FALSE);
  ok = TRUE;

out:
  for (guint j = 0; j < n_folded; j++)
    g_free (folded[j]);

  return ok;
}

static AttuneJournalEntry *
parse_entry (JsonNode    *node,
             const Path  *path,
             GError     **error)
{
  static const char * const members[] = {
    "uuid", "kind", "day", "created-at", "updated-at", "title", "body", "content-format",
    "mood", "bring", "tags", "check-in", NULL
  };
  g_autoptr(AttuneJournalEntry) entry = attune_journal_entry_new ();
  const Path uuid_path = PATH_MEMBER (path, "uuid");
  const Path day_path = PATH_MEMBER (path, "day");
  const Path format_path = PATH_MEMBER (path, "content-format");
  const Path mood_path = PATH_MEMBER (path, "mood");
  const Path bring_path = PATH_MEMBER (path, "bring");
  const Path tags_path = PATH_MEMBER (path, "tags");
  const Path check_in_path = PATH_MEMBER (path, "check-in");
  JsonObject *object = get_object (node, path, error);
  JsonNode *mood, *check_in;
  const char *day;
  gint64 format;
  int kind = 0;

  if (object == NULL || !check_members (object, path, members, error))
    return NULL;

  entry->uuid = get_uuid (json_object_get_member (object, "uuid"), &uuid_path, error);
  if (entry->uuid == NULL ||
      !enum_member (object, path, "kind", entry_kinds, G_N_ELEMENTS (entry_kinds) - 1,
                    _("a kind of entry"), &kind, error))
    return NULL;
  entry->kind = kind;

  day = get_day (json_object_get_member (object, "day"), &day_path, error);
  if (day == NULL)
    return NULL;
  entry->day = g_strdup (day);

  if (!instant_member (object, path, "created-at", &entry->created_at, error) ||
      !instant_member (object, path, "updated-at", &entry->updated_at, error) ||
      !dup_string_member (object, path, "title", MAX_TITLE_CHARS, FALSE, &entry->title, error) ||
      !dup_string_member (object, path, "body", MAX_BODY_CHARS, FALSE, &entry->body, error))
    return NULL;

  if (!get_int (json_object_get_member (object, "content-format"), &format_path,
                G_MININT64, G_MAXINT64, &format, error))
    return NULL;
  if (format < 1 || format > MAX_CONTENT_FORMAT)
    {
      invalid (error, &format_path,
               _("content format %lld is not one this Attune knows; update Attune to import it"),
               (long long) format);
      return NULL;
    }
  entry->format = (int) format;

  mood = json_object_get_member (object, "mood");
  if (!JSON_NODE_HOLDS_NULL (mood))
    {
      gint64 value;

      if (!get_int (mood, &mood_path, 1, ATTUNE_MOOD_MAX, &value, error))
        return NULL;
      entry->mood = (int) value;
    }

  if (!get_boolean (json_object_get_member (object, "bring"), &bring_path, &entry->bring, error) ||
      !parse_tags (json_object_get_member (object, "tags"), &tags_path, entry, error))
    return NULL;

  check_in = json_object_get_member (object, "check-in");
  if (!JSON_NODE_HOLDS_NULL (check_in))
    {
      if (entry->kind != ATTUNE_ENTRY_KIND_CHECK_IN)
        {
          invalid (error, &check_in_path, _("a note cannot have a check-in; use null"));
          return NULL;
        }

      entry->check_in = parse_check_in (check_in, &check_in_path, error);
      if (entry->check_in == NULL)
        return NULL;
    }

  return g_steal_pointer (&entry);
}

static AttuneJournalAgendaItem *
parse_agenda_item (JsonNode    *node,
                   const Path  *path,
                   GHashTable  *uuids,
                   GError     **error)
{
  static const char * const members[] = {
    "text", "entry", "position", "done", "done-at", "created-at", NULL
  };
  g_autoptr(AttuneJournalAgendaItem) item = attune_journal_agenda_item_new ();
  const Path text_path = PATH_MEMBER (path, "text");
  const Path entry_path = PATH_MEMBER (path, "entry");
  const Path position_path = PATH_MEMBER (path, "position");
  const Path done_path = PATH_MEMBER (path, "done");
  JsonObject *object = get_object (node, path, error);
  JsonNode *entry, *done_at;
  gint64 position;

  if (object == NULL || !check_members (object, path, members, error) ||
      !dup_string_member (object, path, "text", MAX_AGENDA_CHARS, FALSE, &item->text, error))
    return NULL;

  if (item->text[0] == '\0')
    {
      invalid (error, &text_path, _("an item of the list cannot be empty"));
      return NULL;
    }

  entry = json_object_get_member (object, "entry");
  if (!JSON_NODE_HOLDS_NULL (entry))
    {
      item->entry_uuid = get_uuid (entry, &entry_path, error);
      if (item->entry_uuid == NULL)
        return NULL;

      if (!g_hash_table_contains (uuids, item->entry_uuid))
        {
          invalid (error, &entry_path, _("no entry in this file has the uuid “%s”"), item->entry_uuid);
          return NULL;
        }
    }

  if (!get_int (json_object_get_member (object, "position"), &position_path, 0, G_MAXINT32,
                &position, error) ||
      !get_boolean (json_object_get_member (object, "done"), &done_path, &item->done, error))
    return NULL;
  item->position = (guint) position;

  done_at = json_object_get_member (object, "done-at");
  if (!JSON_NODE_HOLDS_NULL (done_at) &&
      !instant_member (object, path, "done-at", &item->done_at, error))
    return NULL;

  if (!instant_member (object, path, "created-at", &item->created_at, error))
    return NULL;

  return g_steal_pointer (&item);
}

/* Where byte @offset of @text is, as a line number for people. */
static guint
line_of (const char *text,
         gsize       offset)
{
  guint line = 1;

  for (gsize i = 0; i < offset; i++)
    if (text[i] == '\n')
      line++;

  return line;
}

static gboolean
is_json_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* json-glib 1.6 reads several values one after another ("[1] {}") and leaks all
 * but the last (found by tests/fuzz/fuzz-backup.c). A backup is one object:
 * refuse anything after its closing brace before json-glib sees it. Brackets
 * inside strings do not count; an object that never closes is left to
 * json-glib, which names the problem. */
static gboolean
check_single_value (const char  *json,
                    gsize        length,
                    GError     **error)
{
  gsize depth = 0;
  gsize i = 0;

  while (i < length && is_json_space (json[i]))
    i++;

  /* Find the byte after the first value: a number, true, false or null ends at
   * the first byte that cannot be part of it. */
  if (i < length && json[i] != '{' && json[i] != '[' && json[i] != '"')
    {
      while (i < length && !is_json_space (json[i]) && strchr (",:{}[]\"", json[i]) == NULL)
        i++;
      goto rest;
    }

  for (; i < length; i++)
    {
      char c = json[i];

      if (c == '"')
        {
          for (i++; i < length && json[i] != '"'; i++)
            if (json[i] == '\\')
              i++;
          if (i >= length)
            return TRUE;
          if (depth == 0)
            {
              i++;
              break;
            }
        }
      else if (c == '{' || c == '[')
        depth++;
      else if (c == '}' || c == ']')
        {
          if (depth == 0)
            break;
          if (--depth == 0)
            {
              i++;
              break;
            }
        }
    }

  if (depth > 0)
    return TRUE;

rest:
  for (; i < length; i++)
    {
      if (!is_json_space (json[i]))
        {
          g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_INVALID,
                       _("The file is not valid JSON (more follows the end of the backup at byte %zu, line %u). Nothing was imported."),
                       (size_t) i, line_of (json, i));
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
read_hex4 (const char *text,
           guint      *out_value)
{
  guint value = 0;

  for (guint i = 0; i < 4; i++)
    {
      if (!g_ascii_isxdigit (text[i]))
        return FALSE;
      value = value << 4 | (guint) g_ascii_xdigit_value (text[i]);
    }

  *out_value = value;

  return TRUE;
}

static gboolean
broken_escape (const char  *json,
               gsize        offset,
               GError     **error)
{
  g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_INVALID,
               _("The file is not valid JSON (a broken escape at byte %zu, line %u). Nothing was imported."),
               (size_t) offset, line_of (json, offset));
  return FALSE;
}

/* json-glib 1.6 leaks the string it is reading when an escape in it is broken:
 * "\ud80.", or half of a surrogate pair followed by another \u escape, as in
 * "\ud800\u00e9" or "\udc00\udc00" (found by tests/fuzz/fuzz-backup.c).
 * Refuse those before json-glib reads the file. A lone half on its own
 * decodes to text that is not UTF-8, which get_string() names. */
static gboolean
check_escapes (const char  *json,
               gsize        length,
               GError     **error)
{
  for (gsize i = 0; i < length; i++)
    {
      guint code, low;

      if (json[i] != '\\')
        continue;

      if (i + 1 < length && json[i + 1] != '\0' && strchr ("\"\\/bfnrt", json[i + 1]) != NULL)
        {
          i++;
          continue;
        }

      if (i + 6 > length || json[i + 1] != 'u' || !read_hex4 (json + i + 2, &code))
        return broken_escape (json, i, error);

      /* A pair: both halves at once. */
      if (code >= 0xd800 && code <= 0xdbff && i + 12 <= length &&
          json[i + 6] == '\\' && json[i + 7] == 'u' && read_hex4 (json + i + 8, &low) &&
          low >= 0xdc00 && low <= 0xdfff)
        {
          i += 11;
          continue;
        }

      /* Half of a pair, then another \u escape. */
      if (code >= 0xd800 && code <= 0xdfff &&
          i + 8 <= length && json[i + 6] == '\\' && json[i + 7] == 'u')
        return broken_escape (json, i, error);

      i += 5;
    }

  return TRUE;
}

static gboolean
check_bytes (const char  *json,
             gsize        length,
             GError     **error)
{
  const char *end = NULL;
  const char *nul = memchr (json, '\0', length);

  if (nul != NULL)
    {
      gsize offset = nul - json;

      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_INVALID,
                   _("The file contains a NUL byte at byte %zu (line %u); it is not an Attune backup or it is damaged. Nothing was imported."),
                   (size_t) offset, line_of (json, offset));
      return FALSE;
    }

  if (!g_utf8_validate_len (json, length, &end))
    {
      gsize offset = end - json;

      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_INVALID,
                   _("The file is not valid UTF-8 at byte %zu (line %u); it is not an Attune backup or it is damaged. Nothing was imported."),
                   (size_t) offset, line_of (json, offset));
      return FALSE;
    }

  /* An escaped NUL ("\u0000") would silently cut a text short: json-glib
   * hands strings over as C strings. A backslash starts an escape when an
   * even number of backslashes come before it. */
  for (gsize i = 0; i + 6 <= length; i++)
    {
      gsize n_before = 0;

      if (json[i] != '\\' || g_ascii_strncasecmp (json + i + 1, "u0000", 5) != 0)
        continue;

      while (n_before < i && json[i - 1 - n_before] == '\\')
        n_before++;

      if (n_before % 2 == 0)
        {
          g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_INVALID,
                       _("The file contains a NUL character (\\u0000) at byte %zu (line %u), which no text in Attune can hold. Nothing was imported."),
                       (size_t) i, line_of (json, i));
          return FALSE;
        }
    }

  return TRUE;
}

/**
 * attune_backup_parse:
 * @json: (array length=length): the backup file's bytes
 * @length: the number of bytes in @json
 * @error: return location for a #GError
 *
 * Reads and checks a backup completely without touching any journal. Every
 * problem is an %ATTUNE_STORE_ERROR_INVALID error whose message names the
 * place, like `entries[12].check-in.kinds[1]: “angry” is not a kind Attune
 * knows`.
 *
 * Returns: (transfer full) (nullable): the journal data, or %NULL with @error set
 */
AttuneJournalData *
attune_backup_parse (const char  *json,
                     gsize        length,
                     GError     **error)
{
  static const char * const members[] = {
    "format", "version", "exported-at", "entries", "agenda", NULL
  };
  static const Path version_path = PATH_MEMBER (&root_path, "version");
  static const Path entries_path = PATH_MEMBER (&root_path, "entries");
  static const Path agenda_path = PATH_MEMBER (&root_path, "agenda");
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(AttuneJournalData) data = NULL;
  g_autoptr(GHashTable) uuids = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root, *node;
  JsonObject *object;
  JsonArray *entries, *agenda;
  gint64 version, exported_at;

  g_return_val_if_fail (json != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_bytes (json, length, error) ||
      !check_single_value (json, length, error) ||
      !check_escapes (json, length, error))
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, json, (gssize) length, &local_error))
    {
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_INVALID,
                   _("The file is not valid JSON (%s). Nothing was imported."),
                   local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_INVALID,
                   _("The file is not an Attune journal backup. Nothing was imported."));
      return NULL;
    }

  object = json_node_get_object (root);

  /* The format and version first: a newer file may well have fields this
   * Attune has never heard of, and that is what the person should be told. */
  node = json_object_get_member (object, "format");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING ||
      g_strcmp0 (json_node_get_string (node), ATTUNE_BACKUP_FORMAT) != 0)
    {
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_INVALID,
                   _("The file is not an Attune journal backup (its “format” is not “%s”). Nothing was imported."),
                   ATTUNE_BACKUP_FORMAT);
      return NULL;
    }

  node = json_object_get_member (object, "version");
  if (node == NULL)
    {
      invalid (error, &version_path, _("this field is missing"));
      return NULL;
    }
  if (!get_int (node, &version_path, 1, G_MAXINT64, &version, error))
    return NULL;
  if (version > ATTUNE_BACKUP_FORMAT_VERSION)
    {
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_INVALID,
                   _("This backup was made by a newer Attune (format version %lld); update Attune to import it. Nothing was imported."),
                   (long long) version);
      return NULL;
    }

  if (!check_members (object, &root_path, members, error) ||
      !instant_member (object, &root_path, "exported-at", &exported_at, error))
    return NULL;

  entries = get_array (json_object_get_member (object, "entries"), &entries_path, error);
  agenda = entries != NULL ? get_array (json_object_get_member (object, "agenda"), &agenda_path, error) : NULL;
  if (entries == NULL || agenda == NULL)
    return NULL;

  data = attune_journal_data_new ();
  /* The keys are the entries' own uuids: @data outlives @uuids. */
  uuids = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      const Path where = PATH_INDEX (&entries_path, i);
      AttuneJournalEntry *entry = parse_entry (json_array_get_element (entries, i), &where, error);
      gpointer first;

      if (entry == NULL)
        return NULL;
      g_ptr_array_add (data->entries, entry);

      if (g_hash_table_lookup_extended (uuids, entry->uuid, NULL, &first))
        {
          const Path uuid_path = PATH_MEMBER (&where, "uuid");

          invalid (error, &uuid_path, _("entries[%u] has the same uuid"), GPOINTER_TO_UINT (first));
          return NULL;
        }
      g_hash_table_insert (uuids, entry->uuid, GUINT_TO_POINTER (i));
    }

  for (guint i = 0; i < json_array_get_length (agenda); i++)
    {
      const Path where = PATH_INDEX (&agenda_path, i);
      AttuneJournalAgendaItem *item = parse_agenda_item (json_array_get_element (agenda, i),
                                                         &where, uuids, error);

      if (item == NULL)
        return NULL;
      g_ptr_array_add (data->agenda, item);
    }

  return g_steal_pointer (&data);
}

/**
 * attune_backup_import_json:
 * @store: an #AttuneStore
 * @json: (array length=length): the backup file's bytes
 * @length: the number of bytes in @json
 * @n_added: (out) (optional): how many entries were added
 * @n_skipped: (out) (optional): how many were already in the journal
 * @error: return location for a #GError
 *
 * Checks the whole backup first (see attune_backup_parse()), then adds it
 * to the journal in one transaction (see attune_store_import_journal()).
 * On any error the journal is unchanged.
 *
 * Returns: %TRUE on success
 */
gboolean
attune_backup_import_json (AttuneStore  *store,
                           const char   *json,
                           gsize         length,
                           guint        *n_added,
                           guint        *n_skipped,
                           GError      **error)
{
  g_autoptr(AttuneJournalData) data = NULL;

  g_return_val_if_fail (ATTUNE_IS_STORE (store), FALSE);
  g_return_val_if_fail (json != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  data = attune_backup_parse (json, length, error);
  if (data == NULL)
    return FALSE;

  return attune_store_import_journal (store, data, n_added, n_skipped, error);
}

/* test-backup.c
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <string.h>

#include "attune-backup.h"

#define EXPORTED_AT G_GINT64_CONSTANT (1795482123123456) /* 2026-11-24T01:02:03.123456Z */

/* A small valid backup: a check-in with a rupture and its history, a note,
 * and one item of the list linked to the check-in. */
#define UUID_A "0b6c9a52-4f0e-4a57-9d2c-3f1f7c9f2b10"
#define UUID_B "5d1e2f3a-8b7c-4d6e-9f01-23456789abcd"
static const char valid_json[] =
  "{\"format\":\"attune-journal\",\"version\":1,\"exported-at\":\"2026-11-26T01:02:03.123456Z\","
  "\"entries\":["
  "{\"uuid\":\"" UUID_A "\",\"kind\":\"check-in\",\"day\":\"2026-11-24\","
  "\"created-at\":\"2026-11-24T18:00:00.000001Z\",\"updated-at\":\"2026-11-24T18:05:00.000002Z\","
  "\"title\":\"\",\"body\":\"It felt rushed\",\"content-format\":1,\"mood\":null,\"bring\":false,"
  "\"tags\":[\"session\"],\"check-in\":{\"session-at\":\"2026-11-24T17:00:00.000000Z\","
  "\"mode\":\"video\",\"connected\":2,\"heard\":\"not-sure\",\"mattered\":null,\"suited\":3,"
  "\"rupture\":\"yes\",\"kinds\":[\"judged\",\"held-back\"],\"other-kind\":\"\",\"intensity\":4,"
  "\"what-happened\":\"It felt rushed\",\"felt\":\"\",\"needed\":\"\",\"resolved\":null,"
  "\"spoke-up\":\"no\",\"plan\":[\"bring-up\"],\"message\":\"\",\"repair\":{\"status\":\"open\","
  "\"history\":[{\"at\":\"2026-11-24T18:00:00.000001Z\",\"status\":\"open\",\"note\":null}]}}},"
  "{\"uuid\":\"" UUID_B "\",\"kind\":\"note\",\"day\":\"2026-11-25\","
  "\"created-at\":\"2026-11-25T08:00:00.000000Z\",\"updated-at\":\"2026-11-25T08:00:00.000000Z\","
  "\"title\":\"Morning\",\"body\":\"Slept well. \\u00e9\\n\",\"content-format\":1,\"mood\":4,\"bring\":false,"
  "\"tags\":[],\"check-in\":null}],"
  "\"agenda\":[{\"text\":\"Bring up the rush\",\"entry\":\"" UUID_A "\",\"position\":0,"
  "\"done\":false,\"done-at\":null,\"created-at\":\"2026-11-24T18:00:00.000001Z\"}]}";

/* Helpers */

static char *
make_db_path (void)
{
  g_autofree char *dir = g_dir_make_tmp ("attune-backup-XXXXXX", NULL);

  g_assert_nonnull (dir);

  return g_build_filename (dir, "attune.db", NULL);
}

static AttuneStore *
open_new_store (char **out_path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = make_db_path ();
  AttuneStore *store = attune_store_open (path, &error);

  g_assert_no_error (error);
  if (out_path != NULL)
    *out_path = g_steal_pointer (&path);

  return store;
}

static AttuneEntry *
add_note (AttuneStore *store,
          const char  *day,
          const char  *title,
          const char  *body,
          int          mood,
          gboolean     bring,
          const char * const *tags)
{
  g_autoptr(GError) error = NULL;
  AttuneEntry *entry = attune_entry_new ();

  attune_entry_set_day (entry, day);
  attune_entry_set_title (entry, title);
  attune_entry_set_body (entry, body);
  attune_entry_set_mood (entry, mood);
  attune_entry_set_bring (entry, bring);
  if (tags != NULL)
    attune_entry_set_tags (entry, tags);
  attune_store_save_entry (store, entry, &error);
  g_assert_no_error (error);

  return entry;
}

/* A journal with every kind of thing in it. */
static void
fill_journal (AttuneStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttuneCheckIn) check_in = attune_check_in_new ();
  g_autoptr(AttuneCheckIn) calm = attune_check_in_new ();
  g_autoptr(AttuneEntry) a = NULL;
  g_autoptr(AttuneEntry) b = NULL;
  g_autoptr(AttuneEntry) c = NULL;
  g_autoptr(AttuneAgendaItem) typed = NULL;
  g_autoptr(AttuneAgendaItem) done = NULL;
  const char *tags_a[] = { "work", "Sleep", "ünïcode", NULL };
  const char *tags_b[] = { "work", NULL };

  a = add_note (store, "2026-11-20", "Before Thursday", "Ask about the pause.\n\n“Quotes” and emoji 🙂",
                3, TRUE, tags_a);
  b = add_note (store, "2026-11-20", "", "Same day, no title", ATTUNE_MOOD_NONE, FALSE, tags_b);
  c = add_note (store, "2026-11-22", "Tabs\tand\nnewlines", "Body \\ backslash \"quote\"", 5, FALSE, NULL);

  attune_check_in_set_session_at (check_in, G_GINT64_CONSTANT (1795420800000000));
  attune_check_in_set_mode (check_in, ATTUNE_SESSION_MODE_IN_PERSON);
  attune_check_in_set_connected (check_in, 2);
  attune_check_in_set_heard (check_in, ATTUNE_SCALE_NOT_SURE);
  attune_check_in_set_suited (check_in, 5);
  attune_check_in_set_rupture (check_in, ATTUNE_RUPTURE_NOT_SURE);
  attune_check_in_set_kinds (check_in, ATTUNE_RUPTURE_KIND_JUDGED | ATTUNE_RUPTURE_KIND_HELD_BACK |
                                       ATTUNE_RUPTURE_KIND_OTHER);
  attune_check_in_set_other_kind (check_in, "Something about the clock");
  attune_check_in_set_intensity (check_in, 4);
  attune_check_in_set_what_happened (check_in, "She looked at the clock.");
  attune_check_in_set_felt (check_in, "Small");
  attune_check_in_set_needed (check_in, "Time");
  attune_check_in_set_resolved (check_in, 1);
  attune_check_in_set_spoke_up (check_in, ATTUNE_SPOKE_UP_PARTLY);
  attune_check_in_set_plan (check_in, ATTUNE_PLAN_BRING_UP | ATTUNE_PLAN_WRITE_MESSAGE);
  attune_check_in_set_message (check_in, "Can we talk about the end of last session?");
  attune_store_save_check_in (store, check_in, &error);
  g_assert_no_error (error);

  attune_store_follow_up_rupture (store, attune_check_in_get_entry_id (check_in),
                                  ATTUNE_FOLLOW_UP_NOT_YET, "Not yet, next week", &error);
  g_assert_no_error (error);
  attune_store_follow_up_rupture (store, attune_check_in_get_entry_id (check_in),
                                  ATTUNE_FOLLOW_UP_BETTER, NULL, &error);
  g_assert_no_error (error);

  attune_check_in_set_session_at (calm, G_GINT64_CONSTANT (1796025600000000));
  attune_check_in_set_rupture (calm, ATTUNE_RUPTURE_NO);
  attune_check_in_set_connected (calm, 5);
  attune_store_save_check_in (store, calm, &error);
  g_assert_no_error (error);

  typed = attune_store_add_agenda_item (store, "Ask about holidays", 0, &error);
  g_assert_no_error (error);
  done = attune_store_add_agenda_item (store, "Done already", attune_entry_get_id (c), &error);
  g_assert_no_error (error);
  attune_store_set_agenda_item_done (store, attune_agenda_item_get_id (done), TRUE, &error);
  g_assert_no_error (error);
}

/* Everything in the journal, read through a separate raw connection: what
 * is committed, whatever the store's connection holds. */
static char *
dump_database (const char *path)
{
  static const char * const queries[] = {
    "SELECT id, uuid, kind, day, created_at, updated_at, title, body, format, mood, bring, tag_text FROM entries ORDER BY id",
    "SELECT id, name FROM tags ORDER BY id",
    "SELECT entry_id, tag_id FROM entry_tags ORDER BY entry_id, tag_id",
    "SELECT * FROM check_ins ORDER BY entry_id",
    "SELECT * FROM repair_events ORDER BY id",
    "SELECT * FROM agenda ORDER BY id",
    "SELECT * FROM stats",
    "SELECT count(*) FROM entries_fts WHERE entries_fts MATCH 'rushed OR work OR clock'",
    /* An import drops the full-text trigger for its duration and creates it again. */
    "SELECT type, name, sql FROM sqlite_schema ORDER BY type, name",
  };
  GString *dump = g_string_new (NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, queries[q], -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int i = 0; i < sqlite3_column_count (stmt); i++)
            {
              const char *text = (const char *) sqlite3_column_text (stmt, i);

              g_string_append_printf (dump, "%s|", text != NULL ? text : "NULL");
            }
          g_string_append_c (dump, '\n');
        }
      sqlite3_finalize (stmt);
      g_string_append (dump, "--\n");
    }

  sqlite3_close (db);

  return g_string_free (dump, FALSE);
}

/* The file's bytes, after moving everything committed out of the WAL. */
static char *
hash_database (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static char *
export_json (AttuneStore *store)
{
  g_autoptr(GError) error = NULL;
  char *json = attune_backup_to_json (store, EXPORTED_AT, &error);

  g_assert_no_error (error);
  g_assert_nonnull (json);

  return json;
}

static char *
replace_once (const char *text,
              const char *find,
              const char *replacement)
{
  const char *at = strstr (text, find);

  g_assert_nonnull (at);

  return g_strdup_printf ("%.*s%s%s", (int) (at - text), text, replacement, at + strlen (find));
}

/* Tests */

static void
test_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttuneStore) a = open_new_store (NULL);
  g_autoptr(AttuneStore) b = open_new_store (NULL);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  guint n_added = 0, n_skipped = 99;

  fill_journal (a);
  first = export_json (a);

  /* Spot checks of the format itself. */
  g_assert_true (g_str_has_suffix (first, "}\n"));
  g_assert_nonnull (strstr (first, "\"format\" : \"attune-journal\""));
  g_assert_nonnull (strstr (first, "\"exported-at\" : \"2026-11-24T01:02:03.123456Z\""));
  g_assert_nonnull (strstr (first, "\"heard\" : \"not-sure\""));
  g_assert_nonnull (strstr (first, "\"rupture\" : \"not-sure\""));
  g_assert_nonnull (strstr (first, "\"judged\",\n"));
  g_assert_nonnull (strstr (first, "\"held-back\""));
  g_assert_nonnull (strstr (first, "\"status\" : \"repaired\""));
  g_assert_nonnull (strstr (first, "\"note\" : \"Not yet, next week\""));
  g_assert_nonnull (strstr (first, "\"mattered\" : null"));

  attune_backup_import_json (b, first, strlen (first), &n_added, &n_skipped, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_added, ==, 5);
  g_assert_cmpuint (n_skipped, ==, 0);
  g_assert_cmpint (attune_store_count_entries (b, NULL), ==, 5);

  second = export_json (b);
  g_assert_cmpstr (first, ==, second);
}

static void
test_import_twice (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttuneStore) a = open_new_store (NULL);
  g_autofree char *path = NULL;
  g_autoptr(AttuneStore) b = open_new_store (&path);
  g_autofree char *json = NULL;
  g_autofree char *once = NULL;
  g_autofree char *twice = NULL;
  g_autofree char *dump = NULL;
  guint n_added = 0, n_skipped = 0;

  fill_journal (a);
  json = export_json (a);

  attune_backup_import_json (b, json, strlen (json), &n_added, &n_skipped, &error);
  g_assert_no_error (error);
  once = export_json (b);
  dump = dump_database (path);

  attune_backup_import_json (b, json, strlen (json), &n_added, &n_skipped, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_added, ==, 0);
  g_assert_cmpuint (n_skipped, ==, 5);

  twice = export_json (b);
  g_assert_cmpstr (once, ==, twice);
  {
    g_autofree char *dump2 = dump_database (path);
    g_assert_cmpstr (dump, ==, dump2);
  }

  /* Into a journal that has its own entries: both are kept, the list grows
   * after the journal's own items. */
  {
    g_autoptr(AttuneStore) c = open_new_store (NULL);
    g_autoptr(AttuneEntry) own = add_note (c, "2026-12-01", "Mine", "", 0, TRUE, NULL);
    g_autoptr(GListModel) agenda = NULL;

    attune_backup_import_json (c, json, strlen (json), &n_added, &n_skipped, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (n_added, ==, 5);
    g_assert_cmpint (attune_store_count_entries (c, NULL), ==, 6);
    agenda = g_object_ref (attune_store_get_agenda (c));
    g_assert_cmpuint (g_list_model_get_n_items (agenda), ==, 5);
  }
}

typedef struct
{
  const char *name;
  const char *find;        /* NULL: use the replacement as the whole file */
  const char *replacement;
  const char *expected;    /* in the message */
} BadCase;

static const BadCase bad_cases[] = {
  { "not-json", NULL, "{\"format\": \"attune-journal\", ", "not valid JSON" },
  { "not-object", NULL, "[]", "not an Attune journal backup" },
  { "wrong-format", "\"attune-journal\"", "\"other-app\"", "not an Attune journal backup" },
  { "future-version", "\"version\":1", "\"version\":3",
    "This backup was made by a newer Attune (format version 3); update Attune to import it." },
  { "version-type", "\"version\":1", "\"version\":\"1\"", "version: expected a whole number, found text" },
  { "mood-type", "\"mood\":null", "\"mood\":\"high\"", "entries[0].mood: expected a whole number, found text" },
  { "mood-range", "\"mood\":4", "\"mood\":6", "entries[1].mood: 6 is not between 1 and 5" },
  { "bring-type", "\"bring\":false", "\"bring\":0", "entries[0].bring: expected true or false" },
  { "tag-type", "\"tags\":[\"session\"]", "\"tags\":[1]", "entries[0].tags[0]: expected text" },
  { "tag-dup", "\"tags\":[\"session\"]", "\"tags\":[\"session\",\"Session\"]", "entries[0].tags[1]" },
  { "entries-type", NULL, "{\"format\":\"attune-journal\",\"version\":1,"
    "\"exported-at\":\"2026-11-26T01:02:03.123456Z\",\"entries\":{},\"agenda\":[]}",
    "entries: expected a list, found an object" },
  { "position-type", "\"position\":0", "\"position\":\"0\"", "agenda[0].position: expected a whole number" },
  { "position-float", "\"position\":0", "\"position\":0.5", "agenda[0].position: expected a whole number, found a fractional number" },
  { "bad-kind", "\"judged\"", "\"angry\"", "entries[0].check-in.kinds[0]: “angry” is not a kind Attune knows" },
  { "kind-twice", "\"held-back\"", "\"judged\"", "entries[0].check-in.kinds[1]: “judged” is listed twice" },
  { "bad-mode", "\"video\"", "\"carrier-pigeon\"", "entries[0].check-in.mode" },
  { "bad-status", "\"status\":\"open\",\"note\"", "\"status\":\"closed\",\"note\"",
    "entries[0].check-in.repair.history[0].status: “closed” is not a repair status Attune knows" },
  { "bad-scale", "\"intensity\":4", "\"intensity\":7", "entries[0].check-in.intensity: 7 is not between 1 and 5" },
  { "bad-scale-text", "\"heard\":\"not-sure\"", "\"heard\":\"unsure\"", "entries[0].check-in.heard" },
  { "bad-day", "\"day\":\"2026-11-25\"", "\"day\":\"2026-02-30\"", "entries[1].day: “2026-02-30” is not a day" },
  { "bad-instant", "\"created-at\":\"2026-11-25T08:00:00.000000Z\"", "\"created-at\":\"2026-11-25 08:00\"",
    "entries[1].created-at: “2026-11-25 08:00” is not a time" },
  { "bad-uuid", "\"uuid\":\"" UUID_B "\"", "\"uuid\":\"not-a-uuid\"", "entries[1].uuid: “not-a-uuid” is not a uuid" },
  { "dup-uuid", "\"uuid\":\"" UUID_B "\"", "\"uuid\":\"" UUID_A "\"", "entries[1].uuid: entries[0] has the same uuid" },
  { "missing-field", "\"title\":\"Morning\",", "", "entries[1].title: this field is missing" },
  { "unknown-field", "\"title\":\"Morning\",", "\"title\":\"Morning\",\"colour\":\"red\",",
    "entries[1].colour: this field is not part of the format" },
  { "note-check-in", "\"kind\":\"check-in\"", "\"kind\":\"note\"", "entries[0].check-in: a note cannot have a check-in" },
  { "dangling-link", "\"entry\":\"" UUID_A "\"", "\"entry\":\"11111111-2222-4333-8444-555555555555\"",
    "agenda[0].entry: no entry in this file has the uuid" },
  { "empty-agenda", "\"text\":\"Bring up the rush\"", "\"text\":\"\"", "agenda[0].text" },
  { "content-format", "\"content-format\":1,\"mood\":4", "\"content-format\":2,\"mood\":4",
    "entries[1].content-format: content format 2" },
  { "invalid-utf8", "Slept well.", "Slept \xff well.", "not valid UTF-8 at byte" },
  { "escaped-nul", "Slept well.", "Slept \\u0000 well.", "NUL character" },
  { "lone-surrogate", "Slept well.", "Slept \\ud800 well.", "entries[1].body" },
};

static void
assert_import_fails (const char *json,
                     gsize       length,
                     const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(AttuneStore) store = open_new_store (&path);
  g_autofree char *dump_before = NULL;
  g_autofree char *hash_before = NULL;
  g_autofree char *dump_after = NULL;
  g_autofree char *hash_after = NULL;
  guint n_added = 7, n_skipped = 7;

  fill_journal (store);
  dump_before = dump_database (path);
  hash_before = hash_database (path);

  g_assert_false (attune_backup_import_json (store, json, length, &n_added, &n_skipped, &error));
  g_assert_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_INVALID);
  g_test_message ("%s", error->message);
  if (strstr (error->message, expected) == NULL)
    g_error ("“%s” does not contain “%s”", error->message, expected);
  g_assert_cmpuint (n_added, ==, 7);

  dump_after = dump_database (path);
  hash_after = hash_database (path);
  g_assert_cmpstr (dump_before, ==, dump_after);
  g_assert_cmpstr (hash_before, ==, hash_after);
}

static void
test_valid_template (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttuneStore) store = open_new_store (NULL);
  g_autofree char *json = NULL;
  guint n_added = 0;

  attune_backup_import_json (store, valid_json, strlen (valid_json), &n_added, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_added, ==, 2);

  json = export_json (store);
  g_assert_nonnull (strstr (json, "\"created-at\" : \"2026-11-24T18:00:00.000001Z\""));
  g_assert_nonnull (strstr (json, "\"body\" : \"Slept well. é\\n\""));
}

static void
test_bad_case (gconstpointer data)
{
  const BadCase *bad = data;
  g_autofree char *json = NULL;

  if (bad->find == NULL)
    json = g_strdup (bad->replacement);
  else
    json = replace_once (valid_json, bad->find, bad->replacement);

  assert_import_fails (json, strlen (json), bad->expected);
}

static void
test_nul_byte (void)
{
  gsize length = strlen (valid_json);
  g_autofree char *json = g_memdup2 (valid_json, length + 1);
  const char *at = strstr (json, "Slept");

  json[at - json + 2] = '\0';
  assert_import_fails (json, length, "NUL byte at byte");
}

static void
test_too_long (void)
{
  g_autofree char *body = g_strnfill (1000001, 'x');
  g_autofree char *title = g_strnfill (10001, 'z');
  g_autofree char *body_json = replace_once (valid_json, "Slept well.", body);
  g_autofree char *title_json = replace_once (valid_json, "Morning", title);

  assert_import_fails (body_json, strlen (body_json),
                       "entries[1].body: the text is 1000004 characters long; at most 1000000 are allowed");
  assert_import_fails (title_json, strlen (title_json), "entries[1].title: the text is 10001 characters long");
}

static void
test_check_in_text_too_long (void)
{
  g_autofree char *answer = g_strnfill (100001, 'y');
  g_autofree char *replacement = g_strdup_printf ("\"what-happened\":\"%s\"", answer);
  g_autofree char *json = replace_once (valid_json, "\"what-happened\":\"It felt rushed\"", replacement);

  assert_import_fails (json, strlen (json), "entries[0].check-in.what-happened: the text is 100001 characters long");
}

/* An import indexes its entries for search in one go at its end (issue #7): they are
 * found, the journal's own entries still are, and entries saved afterwards are too. */
static void
test_import_indexes (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttuneStore) source = open_new_store (NULL);
  g_autoptr(AttuneStore) store = open_new_store (NULL);
  g_autoptr(AttuneTimeline) timeline = NULL;
  g_autoptr(AttuneEntry) own = NULL;
  g_autoptr(AttuneEntry) later = NULL;
  g_autofree char *json = NULL;

  own = add_note (store, "2026-10-01", "Mine", "A walk by the river", 0, FALSE, NULL);
  g_clear_object (&own);
  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *day = g_strdup_printf ("2026-09-%02u", 1 + i);
      g_autoptr(AttuneEntry) entry = add_note (source, day, "Imported", i % 3 == 0 ? "zebra crossing" : "plain",
                                               0, FALSE, NULL);
    }
  json = export_json (source);
  attune_backup_import_json (store, json, strlen (json), NULL, NULL, &error);
  g_assert_no_error (error);

  timeline = attune_store_new_timeline (store);
  attune_timeline_set_query (timeline, "zebra");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (timeline)), ==, 10);
  attune_timeline_set_query (timeline, "river");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (timeline)), ==, 1);

  later = add_note (store, "2026-11-01", "Later", "zebra again", 0, FALSE, NULL);
  attune_timeline_set_query (timeline, "zebra");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (timeline)), ==, 11);
  g_assert_null (attune_timeline_get_error (timeline));
}

/* Failures that pass every check of the file but break in the middle of
 * writing roll everything back. */
static void
test_store_rollback (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttuneStore) source = open_new_store (NULL);
  g_autofree char *path = NULL;
  g_autoptr(AttuneStore) store = open_new_store (&path);
  g_autoptr(AttuneJournalData) data = NULL;
  g_autofree char *json = NULL;
  g_autofree char *dump_before = NULL;
  g_autofree char *hash_before = NULL;
  g_autofree char *dump_after = NULL;
  g_autofree char *hash_after = NULL;
  AttuneJournalAgendaItem *item;
  AttuneJournalEntry *entry;

  fill_journal (source);
  json = export_json (source);
  add_note (store, "2026-10-01", "Already here", "", 0, FALSE, NULL);
  dump_before = dump_database (path);
  hash_before = hash_database (path);

  /* 1. The last item of the list breaks a CHECK after every entry is written. */
  data = attune_backup_parse (json, strlen (json), &error);
  g_assert_no_error (error);
  item = g_ptr_array_index (data->agenda, data->agenda->len - 1);
  g_free (item->text);
  item->text = g_strnfill (2001, 'x');

  g_assert_false (attune_store_import_journal (store, data, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  dump_after = dump_database (path);
  hash_after = hash_database (path);
  g_assert_cmpstr (dump_before, ==, dump_after);
  g_assert_cmpstr (hash_before, ==, hash_after);
  g_clear_pointer (&dump_after, g_free);
  g_clear_pointer (&hash_after, g_free);
  g_clear_pointer (&data, attune_journal_data_free);

  /* 2. A mood out of range in the last entry. */
  data = attune_backup_parse (json, strlen (json), &error);
  g_assert_no_error (error);
  entry = g_ptr_array_index (data->entries, data->entries->len - 1);
  entry->mood = 9;

  g_assert_false (attune_store_import_journal (store, data, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  dump_after = dump_database (path);
  hash_after = hash_database (path);
  g_assert_cmpstr (dump_before, ==, dump_after);
  g_assert_cmpstr (hash_before, ==, hash_after);
  g_assert_cmpint (attune_store_count_entries (store, NULL), ==, 1);

  /* The comparison does see a real import. */
  g_clear_pointer (&data, attune_journal_data_free);
  attune_backup_import_json (store, json, strlen (json), NULL, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&dump_after, g_free);
  dump_after = dump_database (path);
  g_assert_cmpstr (dump_before, !=, dump_after);
}

/* Every character json-glib 1.6's generator escapes, and those it copies as
 * they are: '/', non-ASCII, U+2028, a character beyond the BMP; and U+001F,
 * which json-glib copies too (its test is "< 0x1f") but JSON does not allow
 * raw, so Attune escapes it. Backups keep the bytes json-glib wrote
 * otherwise. */
static const char escapes_text[] =
  "\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f"
  "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f"
  " \"quoted\" back\\slash \\u0041 /solidus/ del\x7f"
  " \xe2\x80\xa8 \xe2\x80\xa9 caf\xc3\xa9 \xf0\x9f\x98\x80 \xf4\x8f\xbf\xbf";

static AttuneJournalData *
make_escapes_data (void)
{
  AttuneJournalData *data = attune_journal_data_new ();
  AttuneJournalEntry *entry = attune_journal_entry_new ();
  AttuneJournalCheckIn *check_in = attune_journal_check_in_new ();
  AttuneJournalAgendaItem *item = attune_journal_agenda_item_new ();
  AttuneRepairEvent *event = NULL;

  entry->uuid = g_strdup (UUID_A);
  entry->kind = ATTUNE_ENTRY_KIND_CHECK_IN;
  entry->day = g_strdup ("2026-11-24");
  entry->created_at = G_GINT64_CONSTANT (-62135596800000000);  /* 0001-01-01T00:00:00Z */
  entry->updated_at = G_GINT64_CONSTANT (253402300799999999);  /* 9999-12-31T23:59:59.999999Z */
  g_free (entry->title);
  entry->title = g_strdup (escapes_text);
  g_free (entry->body);
  entry->body = g_strconcat ("Line\n", escapes_text, "\n", NULL);
  entry->format = -12;
  entry->mood = 5;
  entry->bring = TRUE;
  g_strfreev (entry->tags);
  entry->tags = g_new0 (char *, 3);
  entry->tags[0] = g_strdup ("caf\xc3\xa9 \"q\"");
  entry->tags[1] = g_strdup ("\xf0\x9f\x98\x80\\");
  entry->check_in = check_in;

  check_in->session_at = -1;  /* 1969-12-31T23:59:59.999999Z */
  check_in->mode = ATTUNE_SESSION_MODE_VIDEO;
  check_in->connected = ATTUNE_SCALE_NOT_SURE;
  check_in->heard = 1;
  check_in->mattered = ATTUNE_SCALE_SKIPPED;
  check_in->suited = 9;
  check_in->rupture = ATTUNE_RUPTURE_YES;
  check_in->kinds = ATTUNE_RUPTURE_KIND_ALL;
  g_free (check_in->other_kind);
  check_in->other_kind = g_strdup (escapes_text);
  check_in->intensity = 5;
  g_free (check_in->message);
  check_in->message = g_strdup ("/");
  check_in->plan = ATTUNE_PLAN_ALL;
  check_in->spoke_up = 99;
  check_in->repair_status = ATTUNE_REPAIR_IN_PROGRESS;
  event = g_new0 (AttuneRepairEvent, 1);
  event->at = 1;
  event->status = ATTUNE_REPAIR_OPEN;
  event->note = g_strdup (escapes_text);
  g_ptr_array_add (check_in->history, event);
  event = g_new0 (AttuneRepairEvent, 1);
  event->at = G_GINT64_CONSTANT (1795482123123456);
  event->status = ATTUNE_REPAIR_IN_PROGRESS;
  g_ptr_array_add (check_in->history, event);
  g_ptr_array_add (data->entries, entry);

  entry = attune_journal_entry_new ();
  entry->uuid = g_strdup (UUID_B);
  entry->day = g_strdup ("2026-11-25");
  g_ptr_array_add (data->entries, entry);

  item->text = g_strdup (escapes_text);
  item->position = G_MAXUINT;
  item->done = TRUE;
  item->done_at = G_GINT64_CONSTANT (951782400000000);  /* 2000-02-29T00:00:00Z */
  item->created_at = 0;
  g_ptr_array_add (data->agenda, item);

  return data;
}

/* escapes_text as json-glib 1.6's generator wrote it (the text below is its
 * output), but for U+001F, escaped as JSON requires: U+0001 to U+001F
 * escaped, everything else as it is. */
#define ESCAPES_JSON \
  "\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000b\\f\\r\\u000e\\u000f" \
  "\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001a\\u001b\\u001c\\u001d\\u001e\\u001f" \
  " \\\"quoted\\\" back\\\\slash \\\\u0041 /solidus/ del\\u007f" \
  " \xe2\x80\xa8 \xe2\x80\xa9 caf\xc3\xa9 \xf0\x9f\x98\x80 \xf4\x8f\xbf\xbf"

static const char escapes_json[] =
  "{\n"
  "  \"format\" : \"attune-journal\",\n"
  "  \"version\" : 1,\n"
  "  \"exported-at\" : \"2026-11-24T01:02:03.123456Z\",\n"
  "  \"entries\" : [\n"
  "    {\n"
  "      \"uuid\" : \"0b6c9a52-4f0e-4a57-9d2c-3f1f7c9f2b10\",\n"
  "      \"kind\" : \"check-in\",\n"
  "      \"day\" : \"2026-11-24\",\n"
  "      \"created-at\" : \"0001-01-01T00:00:00.000000Z\",\n"
  "      \"updated-at\" : \"9999-12-31T23:59:59.999999Z\",\n"
  "      \"title\" : \"" ESCAPES_JSON "\",\n"
  "      \"body\" : \"Line\\n" ESCAPES_JSON "\\n\",\n"
  "      \"content-format\" : -12,\n"
  "      \"mood\" : 5,\n"
  "      \"bring\" : true,\n"
  "      \"tags\" : [\n"
  "        \"caf\xc3\xa9 \\\"q\\\"\",\n"
  "        \"\xf0\x9f\x98\x80\\\\\"\n"
  "      ],\n"
  "      \"check-in\" : {\n"
  "        \"session-at\" : \"1969-12-31T23:59:59.999999Z\",\n"
  "        \"mode\" : \"video\",\n"
  "        \"connected\" : \"not-sure\",\n"
  "        \"heard\" : 1,\n"
  "        \"mattered\" : null,\n"
  "        \"suited\" : null,\n"
  "        \"rupture\" : \"yes\",\n"
  "        \"kinds\" : [\n"
  "          \"misunderstood\",\n"
  "          \"judged\",\n"
  "          \"concerns-not-addressed\",\n"
  "          \"mismatch\",\n"
  "          \"distracted\",\n"
  "          \"held-back\",\n"
  "          \"went-along\",\n"
  "          \"changed-subject\",\n"
  "          \"thought-of-leaving\",\n"
  "          \"other\"\n"
  "        ],\n"
  "        \"other-kind\" : \"" ESCAPES_JSON "\",\n"
  "        \"intensity\" : 5,\n"
  "        \"what-happened\" : \"\",\n"
  "        \"felt\" : \"\",\n"
  "        \"needed\" : \"\",\n"
  "        \"resolved\" : null,\n"
  "        \"spoke-up\" : null,\n"
  "        \"plan\" : [\n"
  "          \"bring-up\",\n"
  "          \"write-message\",\n"
  "          \"wait\",\n"
  "          \"let-go\"\n"
  "        ],\n"
  "        \"message\" : \"/\",\n"
  "        \"repair\" : {\n"
  "          \"status\" : \"in-progress\",\n"
  "          \"history\" : [\n"
  "            {\n"
  "              \"at\" : \"1970-01-01T00:00:00.000001Z\",\n"
  "              \"status\" : \"open\",\n"
  "              \"note\" : \"" ESCAPES_JSON "\"\n"
  "            },\n"
  "            {\n"
  "              \"at\" : \"2026-11-24T01:02:03.123456Z\",\n"
  "              \"status\" : \"in-progress\",\n"
  "              \"note\" : null\n"
  "            }\n"
  "          ]\n"
  "        }\n"
  "      }\n"
  "    },\n"
  "    {\n"
  "      \"uuid\" : \"5d1e2f3a-8b7c-4d6e-9f01-23456789abcd\",\n"
  "      \"kind\" : \"note\",\n"
  "      \"day\" : \"2026-11-25\",\n"
  "      \"created-at\" : \"1970-01-01T00:00:00.000000Z\",\n"
  "      \"updated-at\" : \"1970-01-01T00:00:00.000000Z\",\n"
  "      \"title\" : \"\",\n"
  "      \"body\" : \"\",\n"
  "      \"content-format\" : 1,\n"
  "      \"mood\" : null,\n"
  "      \"bring\" : false,\n"
  "      \"tags\" : [],\n"
  "      \"check-in\" : null\n"
  "    }\n"
  "  ],\n"
  "  \"agenda\" : [\n"
  "    {\n"
  "      \"text\" : \"" ESCAPES_JSON "\",\n"
  "      \"entry\" : null,\n"
  "      \"position\" : 4294967295,\n"
  "      \"done\" : true,\n"
  "      \"done-at\" : \"2000-02-29T00:00:00.000000Z\",\n"
  "      \"created-at\" : \"1970-01-01T00:00:00.000000Z\"\n"
  "    }\n"
  "  ]\n"
  "}\n";

static void
test_escapes (void)
{
  g_autoptr(AttuneJournalData) data = make_escapes_data ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *json = attune_backup_data_to_json (data, EXPORTED_AT, &error);
  JsonObject *root;
  JsonObject *entry;
  JsonObject *check_in;
  JsonObject *event;
  JsonObject *item;
  JsonArray *tags;

  g_assert_no_error (error);
  g_assert_cmpstr (json, ==, escapes_json);

  /* Strict JSON: no control character but the layout's new lines. */
  for (const char *p = json; *p != '\0'; p++)
    g_assert_true ((guchar) *p >= 0x20 || *p == '\n');

  /* json-glib reads every text back as it was. */
  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  entry = json_array_get_object_element (json_object_get_array_member (root, "entries"), 0);
  check_in = json_object_get_object_member (entry, "check-in");
  event = json_array_get_object_element (json_object_get_array_member (json_object_get_object_member (check_in, "repair"),
                                                                       "history"), 0);
  item = json_array_get_object_element (json_object_get_array_member (root, "agenda"), 0);
  tags = json_object_get_array_member (entry, "tags");
  g_assert_cmpstr (json_object_get_string_member (entry, "title"), ==, escapes_text);
  g_assert_cmpstr (json_object_get_string_member (entry, "body"), ==, ((AttuneJournalEntry *) g_ptr_array_index (data->entries, 0))->body);
  g_assert_cmpstr (json_object_get_string_member (check_in, "other-kind"), ==, escapes_text);
  g_assert_cmpstr (json_object_get_string_member (event, "note"), ==, escapes_text);
  g_assert_cmpstr (json_object_get_string_member (item, "text"), ==, escapes_text);
  g_assert_cmpstr (json_array_get_string_element (tags, 0), ==, "caf\xc3\xa9 \"q\"");
  g_assert_cmpstr (json_array_get_string_element (tags, 1), ==, "\xf0\x9f\x98\x80\\");
  g_assert_cmpint (json_object_get_int_member (item, "position"), ==, G_MAXUINT);
}

/* The same text through a journal: export, import, export gives the same bytes. */
static void
test_escapes_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttuneStore) a = open_new_store (NULL);
  g_autoptr(AttuneStore) b = open_new_store (NULL);
  g_autoptr(AttuneEntry) entry = NULL;
  g_autofree char *body = g_strconcat ("Line\n", escapes_text, "\n", NULL);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  entry = add_note (a, "2026-11-24", escapes_text, body, 3, FALSE, NULL);
  first = export_json (a);
  g_assert_nonnull (strstr (first, "\"title\" : \"" ESCAPES_JSON "\",\n"));
  g_assert_nonnull (strstr (first, "\"body\" : \"Line\\n" ESCAPES_JSON "\\n\",\n"));

  attune_backup_import_json (b, first, strlen (first), NULL, NULL, &error);
  g_assert_no_error (error);
  second = export_json (b);
  g_assert_cmpstr (first, ==, second);
}

/* GDateTime's range, 0001-01-01 to 9999-12-31, and not a microsecond more. */
static void
test_instant_out_of_range (void)
{
  static const gint64 instants[] = {
    G_GINT64_CONSTANT (253402300800000000),
    G_GINT64_CONSTANT (-62135596800000001),
    G_MAXINT64,
    G_MININT64,
  };

  for (guint i = 0; i < G_N_ELEMENTS (instants); i++)
    {
      g_autoptr(AttuneJournalData) data = make_escapes_data ();
      AttuneJournalEntry *entry = g_ptr_array_index (data->entries, 1);
      g_autoptr(GError) error = NULL;
      g_autofree char *json = NULL;

      entry->updated_at = instants[i];
      json = attune_backup_data_to_json (data, EXPORTED_AT, &error);
      g_assert_null (json);
      g_assert_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_FAILED);
      g_assert_nonnull (strstr (error->message, "(updated-at)"));
    }
}

static void
test_empty_journal (void)
{
  g_autoptr(AttuneStore) store = open_new_store (NULL);
  g_autofree char *json = export_json (store);

  g_assert_cmpstr (json, ==,
                   "{\n"
                   "  \"format\" : \"attune-journal\",\n"
                   "  \"version\" : 1,\n"
                   "  \"exported-at\" : \"2026-11-24T01:02:03.123456Z\",\n"
                   "  \"entries\" : [],\n"
                   "  \"agenda\" : []\n"
                   "}\n");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/backup/empty-journal", test_empty_journal);
  g_test_add_func ("/backup/round-trip", test_round_trip);
  g_test_add_func ("/backup/import-twice", test_import_twice);
  g_test_add_func ("/backup/valid-template", test_valid_template);
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/backup/invalid/%s", bad_cases[i].name);

      g_test_add_data_func (name, &bad_cases[i], test_bad_case);
    }
  g_test_add_func ("/backup/invalid/nul-byte", test_nul_byte);
  g_test_add_func ("/backup/invalid/too-long", test_too_long);
  g_test_add_func ("/backup/invalid/check-in-text-too-long", test_check_in_text_too_long);
  g_test_add_func ("/backup/import-indexes", test_import_indexes);
  g_test_add_func ("/backup/store-rollback", test_store_rollback);
  g_test_add_func ("/backup/escapes", test_escapes);
  g_test_add_func ("/backup/escapes-round-trip", test_escapes_round_trip);
  g_test_add_func ("/backup/instant-out-of-range", test_instant_out_of_range);

  return g_test_run ();
}

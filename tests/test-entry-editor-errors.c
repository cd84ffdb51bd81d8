/* test-entry-editor-errors.c: the editor when saving fails, and after a crash
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The disk is made to fail from inside this process through SQLite's own hook for it
 * (sqlite3_vfs.xSetSystemCall): every write then fails with ENOSPC or EIO, as on a full or
 * failing disk. With ATTUNE_TEST_SCREENSHOTS=DIR the failed state is also written as PNG. */

#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <adwaita.h>
#include <sqlite3.h>

#include "attune-entry-editor-private.h"
#include "attune-test-utils.h"

/* The failing disk. */
static int fault_errno;
static sqlite3_syscall_ptr real_pwrite64;
static sqlite3_syscall_ptr real_pwrite;

static ssize_t
failing_pwrite64 (int fd, const void *buf, size_t count, off_t offset)
{
  if (fault_errno != 0)
    {
      errno = fault_errno;
      return -1;
    }
  return ((ssize_t (*) (int, const void *, size_t, off_t)) real_pwrite64) (fd, buf, count, offset);
}

static ssize_t
failing_pwrite (int fd, const void *buf, size_t count, off_t offset)
{
  if (fault_errno != 0)
    {
      errno = fault_errno;
      return -1;
    }
  return ((ssize_t (*) (int, const void *, size_t, off_t)) real_pwrite) (fd, buf, count, offset);
}

static void
install_failing_disk (void)
{
  sqlite3_vfs *vfs = sqlite3_vfs_find ("unix");
  gboolean installed = FALSE;

  g_assert_nonnull (vfs);
  g_assert_cmpint (vfs->iVersion, >=, 3);

  /* Debian's SQLite writes with pwrite64; other builds with pwrite. */
  real_pwrite64 = vfs->xGetSystemCall (vfs, "pwrite64");
  if (real_pwrite64 != NULL)
    installed |= vfs->xSetSystemCall (vfs, "pwrite64", (sqlite3_syscall_ptr) failing_pwrite64) == SQLITE_OK;
  real_pwrite = vfs->xGetSystemCall (vfs, "pwrite");
  if (real_pwrite != NULL)
    installed |= vfs->xSetSystemCall (vfs, "pwrite", (sqlite3_syscall_ptr) failing_pwrite) == SQLITE_OK;
  g_assert_true (installed);
}

typedef struct
{
  char        *dir;
  AttuneStore *store;
  GtkWidget   *window;
  AttuneEntryEditor *editor;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->store = attune_test_open_store (&f->dir);
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 640, 560);
  f->editor = g_object_new (ATTUNE_TYPE_ENTRY_EDITOR, "store", f->store, NULL);
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->editor));
  gtk_window_present (GTK_WINDOW (f->window));
  attune_test_flush ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  fault_errno = 0;
  gtk_window_destroy (GTK_WINDOW (f->window));
  attune_test_flush ();
  g_assert_finalize_object (f->store);
  attune_test_remove_dir (f->dir);
  g_free (f->dir);
}

static char *
dup_body (AttuneEntryEditor *editor)
{
  GtkTextBuffer *buffer = _attune_entry_editor_get_body_buffer (editor);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
type_at_end (AttuneEntryEditor *editor,
             const char        *text)
{
  GtkTextBuffer *buffer = _attune_entry_editor_get_body_buffer (editor);
  GtkTextIter end;

  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, text, -1);
}

static GtkWidget *
find_window_title (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (ADW_IS_WINDOW_TITLE (child))
        return child;
      if ((found = find_window_title (child)) != NULL)
        return found;
    }

  return NULL;
}

/* The subtitle under the title: "Saved", "Not saved", "Editing…". */
static const char *
get_subtitle (AttuneEntryEditor *editor)
{
  GtkWidget *title = find_window_title (GTK_WIDGET (editor));

  g_assert_nonnull (title);
  return adw_window_title_get_subtitle (ADW_WINDOW_TITLE (title));
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), label) == 0)
        return child;
      if ((found = find_button (child, label)) != NULL)
        return found;
    }

  return NULL;
}

static void
save_screenshot (GtkWidget  *window,
                 const char *name)
{
  const char *dir = g_getenv ("ATTUNE_TEST_SCREENSHOTS");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  int width, height;

  if (dir == NULL)
    return;

  /* Let the revealer finish its animation first. */
  for (int i = 0; i < 60; i++)
    {
      attune_test_flush ();
      g_usleep (10000);
    }

  width = gtk_widget_get_width (window);
  height = gtk_widget_get_height (window);
  paintable = gtk_widget_paintable_new (window);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_mkdir_with_parents (dir, 0700);
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

static void
wait_for_state (AttuneEntryEditor *editor,
                AttuneSaveState    state)
{
  attune_test_wait_until (attune_entry_editor_get_save_state (editor) == state, 5000);
}

static void
check_disk_error (Fixture    *f,
                  int         err,
                  const char *words,
                  const char *screenshot)
{
  g_autoptr(AttuneEntry) saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  const char *typed = " Then the disk said no, and these words must not vanish. Ünïcödé 🌱";
  GtkWidget *retry;
  gint64 id;

  gtk_editable_set_text (_attune_entry_editor_get_title_editable (f->editor), "Before the disk filled up");
  type_at_end (f->editor, "The first words were saved.");
  wait_for_state (f->editor, ATTUNE_SAVE_STATE_SAVED);
  g_assert_cmpstr (get_subtitle (f->editor), ==, "Saved");
  g_assert_null (_attune_entry_editor_get_error_text (f->editor));
  id = attune_entry_get_id (attune_entry_editor_get_entry (f->editor));

  /* The disk fails while the person goes on writing. */
  fault_errno = err;
  type_at_end (f->editor, typed);
  wait_for_state (f->editor, ATTUNE_SAVE_STATE_FAILED);

  g_assert_nonnull (_attune_entry_editor_get_error_text (f->editor));
  g_assert_nonnull (strstr (_attune_entry_editor_get_error_text (f->editor), words));
  g_assert_nonnull (strstr (_attune_entry_editor_get_error_text (f->editor), "Your words are still here"));
  g_assert_cmpstr (get_subtitle (f->editor), ==, "Not saved");
  body = dup_body (f->editor);
  g_assert_true (g_str_has_suffix (body, typed));
  retry = find_button (GTK_WIDGET (f->editor), "Try Again");
  g_assert_nonnull (retry);
  g_assert_true (gtk_widget_is_visible (retry));
  save_screenshot (f->window, screenshot);

  /* Writing on retries; still failing, it still says so and keeps the text. */
  type_at_end (f->editor, " More.");
  g_usleep (600 * 1000);
  attune_test_flush ();
  attune_test_wait_until (attune_entry_editor_get_save_state (f->editor) == ATTUNE_SAVE_STATE_FAILED, 2000);
  g_assert_cmpstr (get_subtitle (f->editor), ==, "Not saved");

  /* Try Again, with the problem gone: saved, and the message goes away. */
  fault_errno = 0;
  g_signal_emit_by_name (retry, "clicked");
  attune_test_flush ();
  g_assert_cmpint (attune_entry_editor_get_save_state (f->editor), ==, ATTUNE_SAVE_STATE_SAVED);
  g_assert_cmpstr (get_subtitle (f->editor), ==, "Saved");
  g_assert_null (_attune_entry_editor_get_error_text (f->editor));

  g_clear_pointer (&body, g_free);
  body = dup_body (f->editor);
  saved = attune_store_get_entry (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (attune_entry_get_body (saved), ==, body);
  g_assert_true (g_str_has_suffix (body, " More."));
}

static void
test_disk_full (Fixture       *f,
                gconstpointer  data)
{
  check_disk_error (f, ENOSPC, "Could not save: the disk is full.", "editor-disk-full.png");
}

static void
test_io_error (Fixture       *f,
               gconstpointer  data)
{
  check_disk_error (f, EIO, "Could not save: the disk could not be written to.", "editor-io-error.png");
}

/* A new entry whose first save fails: the next change retries by itself. */
static void
test_retry_on_change (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fault_errno = ENOSPC;
  type_at_end (f->editor, "Written on a full disk.");
  wait_for_state (f->editor, ATTUNE_SAVE_STATE_FAILED);
  g_assert_cmpint (attune_store_count_entries (f->store, &error), ==, 0);
  g_assert_nonnull (strstr (_attune_entry_editor_get_error_text (f->editor), "the disk is full"));

  fault_errno = 0;
  type_at_end (f->editor, " Space again.");
  wait_for_state (f->editor, ATTUNE_SAVE_STATE_SAVED);
  g_assert_cmpint (attune_store_count_entries (f->store, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_null (_attune_entry_editor_get_error_text (f->editor));
}

/* Typing is in the drafts table before the autosave: a second start of the app (another
 * store and editor on the same file, while the first never saves) shows it and saves it. */
static void
test_draft_recovered (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttuneStore) store2 = NULL;
  g_autofree char *draft = NULL;
  g_autofree char *path = NULL;
  g_autofree char *body = NULL;
  GtkWidget *editor2;
  AttuneEntry *entry;

  /* An entry saved once, then more typed that the autosave has not written yet. */
  gtk_editable_set_text (_attune_entry_editor_get_title_editable (f->editor), "Kept");
  type_at_end (f->editor, "Saved part.");
  wait_for_state (f->editor, ATTUNE_SAVE_STATE_SAVED);
  type_at_end (f->editor, " Typed just before the crash: ça va, 日記 🌱");
  for (int i = 0; i < 5; i++)
    attune_test_flush ();
  g_assert_cmpint (attune_entry_editor_get_save_state (f->editor), ==, ATTUNE_SAVE_STATE_PENDING);

  draft = attune_store_load_draft (f->store, "entry-editor", &error);
  g_assert_no_error (error);
  g_assert_nonnull (draft);

  /* The crash: this editor never writes again. */
  attune_entry_editor_set_store (f->editor, NULL);

  path = g_build_filename (f->dir, "attune.db", NULL);
  store2 = attune_store_open (path, &error);
  g_assert_no_error (error);
  editor2 = g_object_ref_sink (g_object_new (ATTUNE_TYPE_ENTRY_EDITOR, "store", store2, NULL));

  entry = attune_entry_editor_get_entry (ATTUNE_ENTRY_EDITOR (editor2));
  g_assert_cmpint (attune_entry_get_id (entry), !=, 0);
  g_assert_cmpstr (attune_entry_get_title (entry), ==, "Kept");
  g_assert_cmpstr (attune_entry_get_body (entry), ==, "Saved part. Typed just before the crash: ça va, 日記 🌱");
  body = dup_body (ATTUNE_ENTRY_EDITOR (editor2));
  g_assert_cmpstr (body, ==, attune_entry_get_body (entry));
  g_assert_cmpint (attune_entry_editor_get_save_state (ATTUNE_ENTRY_EDITOR (editor2)), ==, ATTUNE_SAVE_STATE_SAVED);
  g_assert_cmpint (attune_store_count_entries (store2, &error), ==, 1);

  /* Recovered and saved: the draft is gone, and a third start finds nothing to do. */
  g_clear_pointer (&draft, g_free);
  draft = attune_store_load_draft (store2, "entry-editor", &error);
  g_assert_no_error (error);
  g_assert_null (draft);

  g_object_unref (editor2);
  g_assert_finalize_object (g_steal_pointer (&store2));
}

/* A new entry typed and never saved: it comes back as a new entry. */
static void
test_draft_recovered_new (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttuneStore) store2 = NULL;
  g_autofree char *path = NULL;
  GtkWidget *editor2;
  AttuneEntry *entry;

  type_at_end (f->editor, "Never autosaved.");
  for (int i = 0; i < 5; i++)
    attune_test_flush ();
  g_assert_cmpint (attune_store_count_entries (f->store, &error), ==, 0);
  attune_entry_editor_set_store (f->editor, NULL);

  path = g_build_filename (f->dir, "attune.db", NULL);
  store2 = attune_store_open (path, &error);
  g_assert_no_error (error);
  editor2 = g_object_ref_sink (g_object_new (ATTUNE_TYPE_ENTRY_EDITOR, "store", store2, NULL));
  entry = attune_entry_editor_get_entry (ATTUNE_ENTRY_EDITOR (editor2));
  g_assert_cmpstr (attune_entry_get_body (entry), ==, "Never autosaved.");
  g_assert_cmpint (attune_store_count_entries (store2, &error), ==, 1);

  g_object_unref (editor2);
  g_assert_finalize_object (g_steal_pointer (&store2));
}

int
main (int   argc,
      char *argv[])
{
  if (!attune_test_init_gtk (&argc, &argv))
    return 0;
  adw_init ();
  install_failing_disk ();

  /* What AdwApplication would load, so that screenshots look like the app. */
  {
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, "/io/github/attunejournal/Attune/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }

  g_test_add ("/entry-editor-errors/disk-full", Fixture, NULL, fixture_set_up, test_disk_full, fixture_tear_down);
  g_test_add ("/entry-editor-errors/io-error", Fixture, NULL, fixture_set_up, test_io_error, fixture_tear_down);
  g_test_add ("/entry-editor-errors/retry-on-change", Fixture, NULL, fixture_set_up, test_retry_on_change, fixture_tear_down);
  g_test_add ("/entry-editor-errors/draft-recovered", Fixture, NULL, fixture_set_up, test_draft_recovered, fixture_tear_down);
  g_test_add ("/entry-editor-errors/draft-recovered-new", Fixture, NULL, fixture_set_up, test_draft_recovered_new, fixture_tear_down);

  return g_test_run ();
}

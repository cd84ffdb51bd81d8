/* attune-prepare-dialog.c
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <adwaita.h>

#include "attune-prepare-dialog.h"
#include "attune-report.h"
#include "attune-schedule.h"
#include "attune-ui-utils.h"

typedef enum
{
  RANGE_SINCE_LAST_SESSION,
  RANGE_FOUR_WEEKS,
  RANGE_EVERYTHING,
  RANGE_CUSTOM,
} Range;

typedef enum
{
  ENTRIES_MARKED,
  ENTRIES_ALL,
  ENTRIES_NONE,
} EntriesChoice;

typedef enum
{
  OUTPUT_PDF,
  OUTPUT_TEXT,
  OUTPUT_PRINT,
  OUTPUT_EMAIL,
} Output;

/* What the worker needs: plain data only, copied from the dialog before the thread starts. */
typedef struct
{
  char                *db_path;
  AttuneReportOptions  options;
  Output               output;
  char                *path;
  gboolean             hold;
} Job;

/* What comes back to the main thread. */
typedef struct
{
  AttuneReport *report;
  char         *markdown;
} Result;

/* "Prepare for my session": choose a time span and what to include, then save, print or email
 * the notes. The report is built off the main thread on a read-only connection of its own. */
struct _AttunePrepareDialog
{
  AdwWindow             parent_instance;

  AttuneStore          *store;
  GSettings            *settings;
  GCancellable         *cancellable;
  GtkFileChooserNative *chooser;
  char                 *last_session_day;
  guint                 pulse_id;

  /* Test hooks */
  char                 *test_path;
  gboolean              test_hold;
  char                 *test_uri;
  char                 *error_text;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  AdwPreferencesPage   *options_page;
  GtkLabel             *error_label;
  AdwPreferencesGroup  *range_group;
  AdwComboRow          *range_row;
  AdwActionRow         *from_row;
  AdwActionRow         *to_row;
  GtkMenuButton        *from_button;
  GtkMenuButton        *to_button;
  GtkCalendar          *from_calendar;
  GtkCalendar          *to_calendar;
  GtkSwitch            *agenda_switch;
  GtkSwitch            *check_ins_switch;
  GtkWidget            *messages_row;
  GtkSwitch            *messages_switch;
  AdwComboRow          *entries_row;
  GtkSwitch            *chart_switch;
  GtkLabel             *progress_label;
  GtkProgressBar       *progress_bar;
};

G_DEFINE_FINAL_TYPE (AttunePrepareDialog, attune_prepare_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
job_free (Job *job)
{
  g_free (job->db_path);
  g_free (job->options.from_day);
  g_free (job->options.to_day);
  g_free (job->options.therapist_name);
  g_free (job->options.session_day);
  g_free (job->path);
  g_free (job);
}

static void
result_free (Result *result)
{
  g_clear_object (&result->report);
  g_free (result->markdown);
  g_free (result);
}

static char *
format_day_of (GDateTime *dt)
{
  return g_date_time_format (dt, "%Y-%m-%d");
}

static char *
day_of_calendar (GtkCalendar *calendar)
{
  g_autoptr(GDateTime) dt = gtk_calendar_get_date (calendar);

  return format_day_of (dt);
}

static char *
day_weeks_ago (int weeks)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_weeks (now, -weeks);

  return format_day_of (then);
}

static void
select_calendar_day (GtkCalendar *calendar,
                     const char  *day)
{
  int year, month, dom;
  g_autoptr(GDateTime) dt = NULL;

  if (day == NULL || sscanf (day, "%d-%d-%d", &year, &month, &dom) != 3)
    return;

  dt = g_date_time_new_local (year, month, dom, 12, 0, 0);
  if (dt != NULL)
    gtk_calendar_select_day (calendar, dt);
}

/* The time span chosen, as inclusive days; %NULL is open-ended. */
static void
get_range (AttunePrepareDialog  *self,
           char                **from_day,
           char                **to_day)
{
  *from_day = NULL;
  *to_day = NULL;

  switch ((Range) adw_combo_row_get_selected (self->range_row))
    {
    case RANGE_SINCE_LAST_SESSION:
      if (self->last_session_day != NULL)
        {
          *from_day = g_strdup (self->last_session_day);
          break;
        }
      G_GNUC_FALLTHROUGH;

    case RANGE_FOUR_WEEKS:
      *from_day = day_weeks_ago (4);
      break;

    case RANGE_CUSTOM:
      {
        g_autofree char *a = day_of_calendar (self->from_calendar);
        g_autofree char *b = day_of_calendar (self->to_calendar);

        /* Dates picked the wrong way round still mean the days between them. */
        if (strcmp (a, b) <= 0)
          {
            *from_day = g_steal_pointer (&a);
            *to_day = g_steal_pointer (&b);
          }
        else
          {
            *from_day = g_steal_pointer (&b);
            *to_day = g_steal_pointer (&a);
          }
      }
      break;

    case RANGE_EVERYTHING:
    default:
      break;
    }
}

static AttuneReportInclude
get_include (AttunePrepareDialog *self)
{
  AttuneReportInclude include = ATTUNE_REPORT_INCLUDE_NONE;

  if (gtk_switch_get_active (self->agenda_switch))
    include |= ATTUNE_REPORT_INCLUDE_AGENDA;
  if (gtk_switch_get_active (self->check_ins_switch))
    {
      include |= ATTUNE_REPORT_INCLUDE_CHECK_INS;
      if (gtk_switch_get_active (self->messages_switch))
        include |= ATTUNE_REPORT_INCLUDE_MESSAGES;
    }
  switch ((EntriesChoice) adw_combo_row_get_selected (self->entries_row))
    {
    case ENTRIES_MARKED:
      include |= ATTUNE_REPORT_INCLUDE_MARKED_ENTRIES;
      break;
    case ENTRIES_ALL:
      include |= ATTUNE_REPORT_INCLUDE_ALL_ENTRIES;
      break;
    case ENTRIES_NONE:
    default:
      break;
    }
  if (gtk_switch_get_active (self->chart_switch))
    include |= ATTUNE_REPORT_INCLUDE_CHART;

  return include;
}

static void
set_include (AttunePrepareDialog *self,
             AttuneReportInclude  include)
{
  gtk_switch_set_active (self->agenda_switch, (include & ATTUNE_REPORT_INCLUDE_AGENDA) != 0);
  gtk_switch_set_active (self->check_ins_switch, (include & ATTUNE_REPORT_INCLUDE_CHECK_INS) != 0);
  gtk_switch_set_active (self->messages_switch, (include & ATTUNE_REPORT_INCLUDE_MESSAGES) != 0);
  gtk_switch_set_active (self->chart_switch, (include & ATTUNE_REPORT_INCLUDE_CHART) != 0);
  if (include & ATTUNE_REPORT_INCLUDE_ALL_ENTRIES)
    adw_combo_row_set_selected (self->entries_row, ENTRIES_ALL);
  else if (include & ATTUNE_REPORT_INCLUDE_MARKED_ENTRIES)
    adw_combo_row_set_selected (self->entries_row, ENTRIES_MARKED);
  else
    adw_combo_row_set_selected (self->entries_row, ENTRIES_NONE);
}

/* The next scheduled session, for the title, when the person keeps a schedule. */
static char *
dup_next_session_day (AttunePrepareDialog *self)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autoptr(GDateTime) now = g_date_time_new_now (tz);
  g_autoptr(AttuneSchedule) schedule = NULL;
  g_autoptr(GDateTime) next = NULL;

  if (!g_settings_get_boolean (self->settings, "session-schedule"))
    return NULL;

  schedule = attune_schedule_new_from_settings (self->settings, tz, now, NULL);
  if (schedule == NULL || !attune_schedule_is_regular (schedule))
    return NULL;

  next = attune_schedule_next_start (schedule, now);
  return next != NULL ? format_day_of (next) : NULL;
}

static char *
make_file_name (AttunePrepareDialog *self,
                Output               output)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *day = format_day_of (now);

  /* Translators: a suggested file name; %s is a date like 2026-03-10 */
  return g_strdup_printf (output == OUTPUT_PDF ? _("Notes for my session %s.pdf") : _("Notes for my session %s.txt"),
                          day);
}

static void
update_range_row (AttunePrepareDialog *self)
{
  Range range = adw_combo_row_get_selected (self->range_row);
  g_autofree char *from_day = NULL;
  g_autofree char *to_day = NULL;
  g_autofree char *from_calendar_day = day_of_calendar (self->from_calendar);
  g_autofree char *to_calendar_day = day_of_calendar (self->to_calendar);
  g_autofree char *from_text = attune_format_day (from_calendar_day);
  g_autofree char *to_text = attune_format_day (to_calendar_day);
  g_autofree char *subtitle = NULL;

  get_range (self, &from_day, &to_day);

  gtk_menu_button_set_label (self->from_button, from_text);
  gtk_menu_button_set_label (self->to_button, to_text);

  gtk_widget_set_visible (GTK_WIDGET (self->from_row), range == RANGE_CUSTOM);
  gtk_widget_set_visible (GTK_WIDGET (self->to_row), range == RANGE_CUSTOM);

  if (range == RANGE_SINCE_LAST_SESSION && self->last_session_day == NULL)
    subtitle = g_strdup (_("No session check-ins yet, so the last 4 weeks"));
  else if (range == RANGE_EVERYTHING)
    subtitle = g_strdup (_("Everything you have written"));
  else if (range != RANGE_CUSTOM && from_day != NULL)
    {
      g_autofree char *text = attune_format_day (from_day);
      /* Translators: %s is a day, like "Tuesday, 3 March" or "Yesterday" */
      subtitle = g_strdup_printf (_("From %s until today"), text);
    }

  /* The row shows the choice itself (use-subtitle); the days it means go under the heading. */
  adw_preferences_group_set_description (self->range_group, subtitle);
}

static void
hide_error (AttunePrepareDialog *self)
{
  g_clear_pointer (&self->error_text, g_free);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
}

/* Errors stay in the dialog, at its top, until the next try: never only in a log. */
static void
show_error (AttunePrepareDialog *self,
            const char          *what,
            const GError        *error)
{
  g_free (self->error_text);
  if (error == NULL)
    self->error_text = g_strdup (what);
  else if (what == NULL || *what == '\0')
    self->error_text = g_strdup (error->message);
  else
    self->error_text = g_strdup_printf ("%s %s", what, error->message);

  gtk_label_set_text (self->error_label, self->error_text);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

static void
update_actions (AttunePrepareDialog *self)
{
  gboolean busy = self->cancellable != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prepare.save-pdf", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prepare.save-text", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prepare.print", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prepare.email", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prepare.cancel", busy);
}

static gboolean
pulse_cb (gpointer user_data)
{
  AttunePrepareDialog *self = user_data;

  gtk_progress_bar_pulse (self->progress_bar);
  return G_SOURCE_CONTINUE;
}

static void
set_busy (AttunePrepareDialog *self,
          GCancellable        *cancellable,
          const char          *what)
{
  gboolean was_busy = self->cancellable != NULL;

  if (cancellable == NULL && self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_set_object (&self->cancellable, cancellable);
  g_clear_handle_id (&self->pulse_id, g_source_remove);

  if (cancellable != NULL)
    {
      gtk_label_set_text (self->progress_label, what);
      gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
      self->pulse_id = g_timeout_add (100, pulse_cb, self);
      gtk_stack_set_visible_child_name (self->stack, "working");
    }
  else
    {
      gtk_stack_set_visible_child_name (self->stack, "options");
    }

  update_actions (self);
  if (was_busy != (cancellable != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(AttuneStore) store = NULL;
  g_autoptr(AttuneReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *markdown = NULL;
  Result *result;

  /* Tests hold the worker here to press Cancel while it runs. */
  if (job->hold)
    {
      gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

      while (!g_cancellable_is_cancelled (cancellable) && g_get_monotonic_time () < deadline)
        g_usleep (2000);
    }

  if (g_task_return_error_if_cancelled (task))
    return;

  store = attune_store_open_read_only (job->db_path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  report = attune_report_build (store, &job->options, cancellable, &error);
  if (report == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (attune_report_is_empty (report))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s",
                               _("There is nothing to include for this time span. Try a longer one, or include more."));
      return;
    }

  switch (job->output)
    {
    case OUTPUT_PDF:
      if (!attune_report_write_pdf (report, job->path, cancellable, &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      break;

    case OUTPUT_TEXT:
      markdown = attune_report_to_markdown (report);
      /* 0600: these are private notes, readable by the person only. */
      if (!g_file_set_contents_full (job->path, markdown, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      break;

    case OUTPUT_EMAIL:
      markdown = attune_report_to_markdown (report);
      break;

    case OUTPUT_PRINT:
    default:
      break;
    }

  /* Cancelled while the file was being written: leave nothing half-wanted behind. */
  if (g_cancellable_is_cancelled (cancellable))
    {
      if (job->path != NULL && (job->output == OUTPUT_PDF || job->output == OUTPUT_TEXT))
        g_unlink (job->path);
      g_task_return_error_if_cancelled (task);
      return;
    }

  result = g_new0 (Result, 1);
  result->report = g_steal_pointer (&report);
  result->markdown = g_steal_pointer (&markdown);
  g_task_return_pointer (task, result, (GDestroyNotify) result_free);
}

static void
show_uri_done_cb (GObject      *source,
                  GAsyncResult *res,
                  gpointer      user_data)
{
  g_autoptr(AttunePrepareDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!gtk_show_uri_full_finish (GTK_WINDOW (source), res, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      self->error_label != NULL)
    show_error (self, _("Could not open it:"), error);
}

static void
open_uri (AttunePrepareDialog *self,
          const char          *uri)
{
  if (self->test_path != NULL)
    {
      g_free (self->test_uri);
      self->test_uri = g_strdup (uri);
      return;
    }

  /* Uses the OpenURI portal inside Flatpak. */
  gtk_show_uri_full (GTK_WINDOW (self), uri, GDK_CURRENT_TIME, NULL,
                     show_uri_done_cb, g_object_ref (self));
}

static void
send_email (AttunePrepareDialog *self,
            Result              *result)
{
  g_autofree char *subject = g_uri_escape_string (attune_report_get_title (result->report), NULL, FALSE);
  g_autofree char *body = g_uri_escape_string (result->markdown, NULL, FALSE);
  g_autofree char *uri = g_strdup_printf ("mailto:?subject=%s&body=%s", subject, body);

  open_uri (self, uri);
}

typedef struct
{
  AttuneReport       *report;
  PangoContext       *context;
  AttuneReportLayout *layout;
} PrintData;

static void
print_data_free (PrintData *data)
{
  g_clear_pointer (&data->layout, attune_report_layout_free);
  g_clear_object (&data->context);
  g_clear_object (&data->report);
  g_free (data);
}

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                PrintData         *data)
{
  g_clear_pointer (&data->layout, attune_report_layout_free);
  g_clear_object (&data->context);

  /* The same pages as the PDF, laid out for the printer's paper and resolution. */
  data->context = gtk_print_context_create_pango_context (context);
  data->layout = attune_report_layout_new (data->report, data->context,
                                           gtk_print_context_get_width (context),
                                           gtk_print_context_get_height (context));
  gtk_print_operation_set_n_pages (operation, MAX (1, attune_report_layout_get_n_pages (data->layout)));
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              PrintData         *data)
{
  if (data->layout != NULL)
    attune_report_layout_draw_page (data->layout, gtk_print_context_get_cairo_context (context), page);
}

static void
print_done_cb (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               AttunePrepareDialog     *self)
{
  g_autoptr(GError) error = NULL;

  if (result != GTK_PRINT_OPERATION_RESULT_ERROR)
    return;

  gtk_print_operation_get_error (operation, &error);
  show_error (self, _("Could not print:"), error);
}

static void
print_report (AttunePrepareDialog *self,
              AttuneReport        *report)
{
  g_autoptr(GtkPrintOperation) operation = gtk_print_operation_new ();
  g_autoptr(GError) error = NULL;
  GtkPrintOperationAction action = GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG;
  GtkPrintOperationResult result;
  PrintData *data = g_new0 (PrintData, 1);

  data->report = g_object_ref (report);
  g_object_set_data_full (G_OBJECT (operation), "attune-print-data", data, (GDestroyNotify) print_data_free);

  gtk_print_operation_set_job_name (operation, attune_report_get_title (report));
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), data);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), data);
  g_signal_connect_object (operation, "done", G_CALLBACK (print_done_cb), self, 0);

  if (self->test_path != NULL)
    {
      gtk_print_operation_set_export_filename (operation, self->test_path);
      action = GTK_PRINT_OPERATION_ACTION_EXPORT;
    }

  result = gtk_print_operation_run (operation, action, GTK_WINDOW (self), &error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    show_error (self, _("Could not print:"), error);
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *res,
                gpointer      user_data)
{
  AttunePrepareDialog *self = ATTUNE_PREPARE_DIALOG (source);
  Job *job = g_task_get_task_data (G_TASK (res));
  g_autoptr(GError) error = NULL;
  Result *result;

  result = g_task_propagate_pointer (G_TASK (res), &error);

  /* Cancelled: by the person (the dialog is already back to its options), by a newer export,
   * or because the dialog is closing. Nothing to show either way. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, NULL, NULL);

  if (result == NULL)
    {
      const char *what;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        what = "";
      else if (job->output == OUTPUT_PDF || job->output == OUTPUT_TEXT)
        what = _("Could not save your notes:");
      else
        what = _("Could not gather your notes:");
      show_error (self, what, error);
      return;
    }

  switch (job->output)
    {
    case OUTPUT_PDF:
    case OUTPUT_TEXT:
      {
        g_autoptr(GFile) file = g_file_new_for_path (job->path);
        g_autofree char *name = g_file_get_basename (file);
        g_autofree char *escaped = g_markup_escape_text (name, -1);
        g_autofree char *uri = g_file_get_uri (file);
        AdwToast *toast;

        /* Translators: %s is a file name */
        toast = adw_toast_new_format (_("Saved “%s”"), escaped);
        adw_toast_set_button_label (toast, _("_Open"));
        adw_toast_set_action_name (toast, "prepare.open-file");
        adw_toast_set_action_target_value (toast, g_variant_new_string (uri));
        adw_toast_overlay_add_toast (self->toast_overlay, toast);
      }
      break;

    case OUTPUT_PRINT:
      print_report (self, result->report);
      break;

    case OUTPUT_EMAIL:
      send_email (self, result);
      break;

    default:
      g_assert_not_reached ();
    }

  result_free (result);
}

static void
start_export (AttunePrepareDialog *self,
              Output               output,
              const char          *path)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *therapist = g_settings_get_string (self->settings, "therapist-name");
  Job *job = g_new0 (Job, 1);
  const char *what;

  g_assert (self->store != NULL);

  hide_error (self);

  job->db_path = g_strdup (attune_store_get_path (self->store));
  get_range (self, &job->options.from_day, &job->options.to_day);
  job->options.include = get_include (self);
  g_strstrip (therapist);
  job->options.therapist_name = *therapist != '\0' ? g_steal_pointer (&therapist) : NULL;
  job->options.session_day = dup_next_session_day (self);
  job->output = output;
  job->path = g_strdup (path);
  job->hold = self->test_hold;

  switch (output)
    {
    case OUTPUT_PDF:
      what = _("Writing your PDF…");
      break;
    case OUTPUT_TEXT:
      what = _("Writing your notes…");
      break;
    case OUTPUT_PRINT:
    case OUTPUT_EMAIL:
    default:
      what = _("Gathering your notes…");
      break;
    }

  set_busy (self, cancellable, what);

  task = g_task_new (self, cancellable, export_done_cb, NULL);
  g_task_set_source_tag (task, start_export);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, export_thread);
}

static void
chooser_response_cb (GtkNativeDialog     *chooser,
                     int                  response,
                     AttunePrepareDialog *self)
{
  Output output = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "attune-output"));
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  g_clear_object (&self->chooser);

  if (file == NULL)
    return;

  path = g_file_get_path (file);
  if (path == NULL)
    {
      show_error (self, _("Notes can only be saved in a folder on this computer. Please choose another place."), NULL);
      return;
    }

  start_export (self, output, path);
}

static void
choose_file (AttunePrepareDialog *self,
             Output               output)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = make_file_name (self, output);

  if (self->test_path != NULL)
    {
      start_export (self, output, self->test_path);
      return;
    }

  if (self->chooser != NULL)
    g_clear_object (&self->chooser);

  /* Native: the file chooser portal inside Flatpak, so no file system access is needed. */
  self->chooser = gtk_file_chooser_native_new (output == OUTPUT_PDF ? _("Save as PDF") : _("Save as Text"),
                                               GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Save"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);

  if (output == OUTPUT_PDF)
    {
      gtk_file_filter_set_name (filter, _("PDF documents"));
      gtk_file_filter_add_mime_type (filter, "application/pdf");
    }
  else
    {
      gtk_file_filter_set_name (filter, _("Text files"));
      gtk_file_filter_add_mime_type (filter, "text/plain");
      gtk_file_filter_add_mime_type (filter, "text/markdown");
    }
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);

  g_object_set_data (G_OBJECT (self->chooser), "attune-output", GINT_TO_POINTER (output));
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
save_pdf_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  choose_file (ATTUNE_PREPARE_DIALOG (widget), OUTPUT_PDF);
}

static void
save_text_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  choose_file (ATTUNE_PREPARE_DIALOG (widget), OUTPUT_TEXT);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  start_export (ATTUNE_PREPARE_DIALOG (widget), OUTPUT_PRINT, NULL);
}

static void
email_response_cb (AdwMessageDialog    *dialog,
                   const char          *response,
                   AttunePrepareDialog *self)
{
  if (g_strcmp0 (response, "open") == 0)
    start_export (self, OUTPUT_EMAIL, NULL);
}

static void
email_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  AttunePrepareDialog *self = ATTUNE_PREPARE_DIALOG (widget);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Email Is Not Private"),
                                   _("Email can be read by others along the way, and copies stay in mailboxes. "
                                     "Your notes will be put into a new message as text; some mail programs cut very long notes short.\n\n"
                                     "If you would rather send a PDF, save one first and attach it to the message yourself."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "open", _("_Open Mail Program"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "open", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (email_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  set_busy (ATTUNE_PREPARE_DIALOG (widget), NULL, NULL);
}

static void
open_file_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  open_uri (ATTUNE_PREPARE_DIALOG (widget), g_variant_get_string (parameter, NULL));
}

static void
range_changed_cb (AttunePrepareDialog *self)
{
  update_range_row (self);
}

static void
custom_day_selected_cb (AttunePrepareDialog *self)
{
  update_range_row (self);
}

static void
include_changed_cb (AttunePrepareDialog *self)
{
  gtk_widget_set_sensitive (self->messages_row, gtk_switch_get_active (self->check_ins_switch));
}

/* Closing or destroying the dialog stops its export: nobody is left to see the result. */
static void
attune_prepare_dialog_unrealize (GtkWidget *widget)
{
  AttunePrepareDialog *self = ATTUNE_PREPARE_DIALOG (widget);

  if (self->cancellable != NULL)
    set_busy (self, NULL, NULL);

  GTK_WIDGET_CLASS (attune_prepare_dialog_parent_class)->unrealize (widget);
}

static void
attune_prepare_dialog_constructed (GObject *object)
{
  AttunePrepareDialog *self = ATTUNE_PREPARE_DIALOG (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *four_weeks_ago = day_weeks_ago (4);

  G_OBJECT_CLASS (attune_prepare_dialog_parent_class)->constructed (object);

  g_return_if_fail (self->store != NULL);

  self->last_session_day = attune_store_dup_last_session_day (self->store, &error);
  if (error != NULL)
    show_error (self, _("Could not find your last session:"), error);

  /* Custom dates start where "since my last session" would, so the person adjusts from there. */
  select_calendar_day (self->from_calendar, self->last_session_day != NULL ? self->last_session_day : four_weeks_ago);

  adw_combo_row_set_selected (self->range_row, RANGE_SINCE_LAST_SESSION);
  set_include (self, ATTUNE_REPORT_INCLUDE_DEFAULT);
  include_changed_cb (self);
  update_range_row (self);
  update_actions (self);
}

static void
attune_prepare_dialog_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  AttunePrepareDialog *self = ATTUNE_PREPARE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, attune_prepare_dialog_get_busy (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attune_prepare_dialog_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  AttunePrepareDialog *self = ATTUNE_PREPARE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attune_prepare_dialog_dispose (GObject *object)
{
  AttunePrepareDialog *self = ATTUNE_PREPARE_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATTUNE_TYPE_PREPARE_DIALOG);

  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (attune_prepare_dialog_parent_class)->dispose (object);
}

static void
attune_prepare_dialog_finalize (GObject *object)
{
  AttunePrepareDialog *self = ATTUNE_PREPARE_DIALOG (object);

  g_clear_pointer (&self->last_session_day, g_free);
  g_clear_pointer (&self->test_path, g_free);
  g_clear_pointer (&self->test_uri, g_free);
  g_clear_pointer (&self->error_text, g_free);

  G_OBJECT_CLASS (attune_prepare_dialog_parent_class)->finalize (object);
}

static void
attune_prepare_dialog_class_init (AttunePrepareDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = attune_prepare_dialog_constructed;
  object_class->dispose = attune_prepare_dialog_dispose;
  object_class->finalize = attune_prepare_dialog_finalize;
  object_class->get_property = attune_prepare_dialog_get_property;
  object_class->set_property = attune_prepare_dialog_set_property;
  widget_class->unrealize = attune_prepare_dialog_unrealize;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         ATTUNE_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/attunejournal/Attune/ui/attune-prepare-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AttunePrepareDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AttunePrepareDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, AttunePrepareDialog, options_page);
  gtk_widget_class_bind_template_child (widget_class, AttunePrepareDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, AttunePrepareDialog, range_group);
  gtk_widget_class_bind_template_child (widget_class, AttunePrepareDialog, range_row);
  gtk_widget_class_bind_template_child (widget_class, AttunePrepareDialog, from_row);
  gtk_widget_class_bind_template_child (widget_class, AttunePrepareDialog, to_row);
  gtk_widget_class_bind_template_child (widget_class, AttunePrepareDialog, from_button);
  gtk_widget_class_bind_template_child (widget_class, AttunePrepareDialog, to_button);
  gtk_widget_class_bind_template_child (widget_class, AttunePrepareDialog, from_calendar);
  gtk_widget_class_bind_template_child (widget_class, AttunePrepareDialog, to_calendar);
  gtk_widget_class_bind_template_child (widget_class, AttunePrepareDialog, agenda_switch);
  gtk_widget_class_bind_template_child (widget_class, AttunePrepareDialog, check_ins_switch);
  gtk_widget_class_bind_template_child (widget_class, AttunePrepareDialog, messages_row);
  gtk_widget_class_bind_template_child (widget_class, AttunePrepareDialog, messages_switch);
  gtk_widget_class_bind_template_child (widget_class, AttunePrepareDialog, entries_row);
  gtk_widget_class_bind_template_child (widget_class, AttunePrepareDialog, chart_switch);
  gtk_widget_class_bind_template_child (widget_class, AttunePrepareDialog, progress_label);
  gtk_widget_class_bind_template_child (widget_class, AttunePrepareDialog, progress_bar);
  gtk_widget_class_bind_template_callback (widget_class, range_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, custom_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, include_changed_cb);

  gtk_widget_class_install_action (widget_class, "prepare.save-pdf", NULL, save_pdf_action);
  gtk_widget_class_install_action (widget_class, "prepare.save-text", NULL, save_text_action);
  gtk_widget_class_install_action (widget_class, "prepare.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "prepare.email", NULL, email_action);
  gtk_widget_class_install_action (widget_class, "prepare.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "prepare.open-file", "s", open_file_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
attune_prepare_dialog_init (AttunePrepareDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (BASE_APP_ID);
}

/**
 * attune_prepare_dialog_new:
 * @parent: (nullable): the window to stay above
 * @store: the journal
 *
 * Returns: (transfer floating): a new dialog, not yet shown
 */
GtkWidget *
attune_prepare_dialog_new (GtkWindow   *parent,
                           AttuneStore *store)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ATTUNE_IS_STORE (store), NULL);

  return g_object_new (ATTUNE_TYPE_PREPARE_DIALOG,
                       "transient-for", parent,
                       "store", store,
                       NULL);
}

/**
 * attune_prepare_dialog_get_store:
 * @self: the dialog
 *
 * Returns: (transfer none): the journal the notes come from
 */
AttuneStore *
attune_prepare_dialog_get_store (AttunePrepareDialog *self)
{
  g_return_val_if_fail (ATTUNE_IS_PREPARE_DIALOG (self), NULL);

  return self->store;
}

/**
 * attune_prepare_dialog_get_busy:
 * @self: the dialog
 *
 * Returns: whether notes are being gathered or written right now
 */
gboolean
attune_prepare_dialog_get_busy (AttunePrepareDialog *self)
{
  g_return_val_if_fail (ATTUNE_IS_PREPARE_DIALOG (self), FALSE);

  return self->cancellable != NULL;
}

void
_attune_prepare_dialog_set_test_path (AttunePrepareDialog *self,
                                      const char          *path)
{
  g_return_if_fail (ATTUNE_IS_PREPARE_DIALOG (self));

  g_free (self->test_path);
  self->test_path = g_strdup (path);
}

void
_attune_prepare_dialog_set_test_hold (AttunePrepareDialog *self,
                                      gboolean             hold)
{
  g_return_if_fail (ATTUNE_IS_PREPARE_DIALOG (self));

  self->test_hold = hold;
}

const char *
_attune_prepare_dialog_get_test_uri (AttunePrepareDialog *self)
{
  g_return_val_if_fail (ATTUNE_IS_PREPARE_DIALOG (self), NULL);

  return self->test_uri;
}

const char *
_attune_prepare_dialog_get_error (AttunePrepareDialog *self)
{
  g_return_val_if_fail (ATTUNE_IS_PREPARE_DIALOG (self), NULL);

  return self->error_text;
}

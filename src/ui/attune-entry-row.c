/* attune-entry-row.c
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "attune-check-in-text.h"
#include "attune-entry-row.h"
#include "attune-mood-chooser.h"
#include "attune-ui-utils.h"

#define EXCERPT_CHARS 160

/* AttuneRowText: the holder of a row's day, title or tags, whose width asks nothing of its
 * text. GTK 4.8's list view measures the width of every row it makes, for its own natural
 * width, and a label measures its width by laying out its whole text, twice when it
 * ellipsizes: that was half of the instructions of scrolling through a long journal (issue
 * #7). Each of these texts ellipsizes, so the row needs no minimum width for it; its
 * natural width is a fixed number of average characters (the excerpt's too, see
 * AttuneRowExcerpt), which also keeps the timeline as wide whichever rows it shows. */
#define ROW_TEXT_NATURAL_CHARS 52

#define ATTUNE_TYPE_ROW_TEXT (attune_row_text_get_type ())
G_DECLARE_FINAL_TYPE (AttuneRowText, attune_row_text, ATTUNE, ROW_TEXT, GtkWidget)

struct _AttuneRowText
{
  GtkWidget parent_instance;

  /* The width of an average character, and the height of one line of text, in the
   * child's font (see approximate_char_width() and measure_one_line()); 0 until known. */
  guint     char_key;
  int       char_width;
  guint     line_key;
  int       line_height[2];
  int       line_baseline[2];
};

G_DEFINE_FINAL_TYPE (AttuneRowText, attune_row_text, GTK_TYPE_WIDGET)

/* A key for the font @child draws with: its description and the screen's resolution. */
static guint
font_key (GtkWidget *child)
{
  PangoContext *context = gtk_widget_get_pango_context (child);
  double resolution = pango_cairo_context_get_resolution (context);

  return pango_font_description_hash (pango_context_get_font_description (context)) ^
         (guint) (resolution * 1000);
}

/* The width of an average character in @widget's font, in pixels, looked up again only
 * when the font changes (*key and *width keep it). */
static int
approximate_char_width (guint     *key,
                        int       *width,
                        GtkWidget *widget)
{
  guint current = font_key (widget);

  if (*width == 0 || current != *key)
    {
      PangoFontMetrics *metrics = pango_context_get_metrics (gtk_widget_get_pango_context (widget), NULL, NULL);

      *width = PANGO_PIXELS_CEIL (MAX (pango_font_metrics_get_approximate_char_width (metrics),
                                       pango_font_metrics_get_approximate_digit_width (metrics)));
      *key = current;
      pango_font_metrics_unref (metrics);
    }

  return *width;
}

/* Whether @text needs nothing but the base font of a Latin-script locale: Latin letters,
 * digits and punctuation, no new line. Emoji, other scripts and other fallback fonts may
 * make a line taller. */
static gboolean
is_plain_latin (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\n' || !(c < 0x250 || (c >= 0x2010 && c <= 0x205e)))
        return FALSE;
    }

  return TRUE;
}

/* The height of a label of one line (it ellipsizes and does not wrap) whose text is plain
 * Latin does not depend on the text: measured once per holder and font, it saves laying out
 * every new row's title, day and tags a second time (the label lays them out again to draw
 * them). Returns FALSE when the label must be measured. */
static gboolean
measure_one_line (AttuneRowText *self,
                  GtkWidget     *child,
                  int           *minimum,
                  int           *natural,
                  int           *minimum_baseline,
                  int           *natural_baseline)
{
  GtkLabel *label;
  guint key;

  if (!GTK_IS_LABEL (child))
    return FALSE;

  label = GTK_LABEL (child);
  if (gtk_label_get_wrap (label) || gtk_label_get_ellipsize (label) == PANGO_ELLIPSIZE_NONE ||
      !is_plain_latin (gtk_label_get_text (label)))
    return FALSE;

  key = font_key (child);
  if (self->line_height[1] == 0 || key != self->line_key)
    {
      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, -1,
                          &self->line_height[0], &self->line_height[1],
                          &self->line_baseline[0], &self->line_baseline[1]);
      self->line_key = key;
    }

  *minimum = self->line_height[0];
  *natural = self->line_height[1];
  *minimum_baseline = self->line_baseline[0];
  *natural_baseline = self->line_baseline[1];

  return TRUE;
}

static void
attune_row_text_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  if (child == NULL || !gtk_widget_should_layout (child))
    {
      *minimum = *natural = 0;
      return;
    }

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 0;
      *natural = approximate_char_width (&ATTUNE_ROW_TEXT (widget)->char_key, &ATTUNE_ROW_TEXT (widget)->char_width,
                                         child) * ROW_TEXT_NATURAL_CHARS;
      return;
    }

  if (!measure_one_line (ATTUNE_ROW_TEXT (widget), child, minimum, natural, minimum_baseline, natural_baseline))
    gtk_widget_measure (child, orientation, for_size, minimum, natural, minimum_baseline, natural_baseline);
}

/* For the holders and the excerpt. Without this, GTK takes a widget for one of constant size
 * and measures its height without a width: a text of two lines would get the height of one. */
static GtkSizeRequestMode
height_for_width_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
attune_row_text_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  if (child != NULL && gtk_widget_should_layout (child))
    gtk_widget_allocate (child, width, height, baseline, NULL);
}

static void
attune_row_text_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (attune_row_text_parent_class)->dispose (object);
}

static void
attune_row_text_class_init (AttuneRowTextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = attune_row_text_dispose;
  widget_class->get_request_mode = height_for_width_request_mode;
  widget_class->measure = attune_row_text_measure;
  widget_class->size_allocate = attune_row_text_size_allocate;
}

static void
attune_row_text_init (AttuneRowText *self)
{
}

/* AttuneRowExcerpt: a row's excerpt, at most two lines, drawn from one PangoLayout kept at
 * the width it was last laid out at. A wrapping, ellipsizing GtkLabel (GTK 4.8) lays its text
 * out again for its height and again for its allocation, and the excerpt was two thirds of
 * what a far jump through the timeline cost: the longest stall at 100,000 entries was
 * 40-75 ms with it and 16-19 ms with no excerpt at all (issue #7). */
#define EXCERPT_LINES 2

#define ATTUNE_TYPE_ROW_EXCERPT (attune_row_excerpt_get_type ())
G_DECLARE_FINAL_TYPE (AttuneRowExcerpt, attune_row_excerpt, ATTUNE, ROW_EXCERPT, GtkWidget)

struct _AttuneRowExcerpt
{
  GtkWidget    parent_instance;

  char        *text;
  PangoLayout *layout;
  int          layout_width;   /* in pixels; -1 for no limit */
  guint        char_key;
  int          char_width;
};

G_DEFINE_FINAL_TYPE (AttuneRowExcerpt, attune_row_excerpt, GTK_TYPE_WIDGET)

static PangoLayout *
excerpt_layout_at (AttuneRowExcerpt *self,
                   int               width)
{
  if (self->layout == NULL)
    {
      self->layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), self->text);
      pango_layout_set_wrap (self->layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_ellipsize (self->layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_height (self->layout, -EXCERPT_LINES);
      /* As a GtkLabel with xalign 0: at the start of the line in the window's direction. */
      pango_layout_set_alignment (self->layout,
                                  gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL
                                  ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
      self->layout_width = G_MININT;
    }

  if (width != self->layout_width)
    {
      pango_layout_set_width (self->layout, width < 0 ? -1 : width * PANGO_SCALE);
      self->layout_width = width;
    }

  return self->layout;
}

/* The font, the direction or a setting changed: lay the text out again. */
static void
excerpt_forget_layout (AttuneRowExcerpt *self)
{
  g_clear_object (&self->layout);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
attune_row_excerpt_set_text (AttuneRowExcerpt *self,
                             const char       *text)
{
  if (g_strcmp0 (self->text, text) == 0)
    return;

  g_free (self->text);
  self->text = g_strdup (text);
  if (self->layout != NULL)
    {
      pango_layout_set_text (self->layout, self->text, -1);
      self->layout_width = G_MININT;
    }
  gtk_widget_queue_resize (GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, self->text, -1);
}

static void
attune_row_excerpt_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  AttuneRowExcerpt *self = ATTUNE_ROW_EXCERPT (widget);
  PangoLayout *layout;
  int height;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* Like AttuneRowText: the width asks nothing of the text. */
      *minimum = 0;
      *natural = approximate_char_width (&self->char_key, &self->char_width, widget) * ROW_TEXT_NATURAL_CHARS;
      return;
    }

  layout = excerpt_layout_at (self, for_size);
  pango_layout_get_pixel_size (layout, NULL, &height);
  *minimum = *natural = height;
  *minimum_baseline = *natural_baseline = PANGO_PIXELS (pango_layout_get_baseline (layout));
}

static void
attune_row_excerpt_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  excerpt_layout_at (ATTUNE_ROW_EXCERPT (widget), width);
}

static void
attune_row_excerpt_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  AttuneRowExcerpt *self = ATTUNE_ROW_EXCERPT (widget);
  GdkRGBA color;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  gtk_snapshot_append_layout (snapshot, excerpt_layout_at (self, gtk_widget_get_width (widget)), &color);
}

static void
attune_row_excerpt_css_changed (GtkWidget         *widget,
                                GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (attune_row_excerpt_parent_class)->css_changed (widget, change);
  excerpt_forget_layout (ATTUNE_ROW_EXCERPT (widget));
}

static void
attune_row_excerpt_direction_changed (GtkWidget        *widget,
                                      GtkTextDirection  previous_direction)
{
  GTK_WIDGET_CLASS (attune_row_excerpt_parent_class)->direction_changed (widget, previous_direction);
  excerpt_forget_layout (ATTUNE_ROW_EXCERPT (widget));
}

static void
attune_row_excerpt_system_setting_changed (GtkWidget        *widget,
                                           GtkSystemSetting  setting)
{
  GTK_WIDGET_CLASS (attune_row_excerpt_parent_class)->system_setting_changed (widget, setting);
  excerpt_forget_layout (ATTUNE_ROW_EXCERPT (widget));
}

static void
attune_row_excerpt_finalize (GObject *object)
{
  AttuneRowExcerpt *self = ATTUNE_ROW_EXCERPT (object);

  g_clear_object (&self->layout);
  g_clear_pointer (&self->text, g_free);

  G_OBJECT_CLASS (attune_row_excerpt_parent_class)->finalize (object);
}

static void
attune_row_excerpt_class_init (AttuneRowExcerptClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = attune_row_excerpt_finalize;
  widget_class->get_request_mode = height_for_width_request_mode;
  widget_class->measure = attune_row_excerpt_measure;
  widget_class->size_allocate = attune_row_excerpt_size_allocate;
  widget_class->snapshot = attune_row_excerpt_snapshot;
  widget_class->css_changed = attune_row_excerpt_css_changed;
  widget_class->direction_changed = attune_row_excerpt_direction_changed;
  widget_class->system_setting_changed = attune_row_excerpt_system_setting_changed;
  gtk_widget_class_set_css_name (widget_class, "label");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
attune_row_excerpt_init (AttuneRowExcerpt *self)
{
  self->text = g_strdup ("");
  self->layout_width = G_MININT;
}

struct _AttuneEntryRow
{
  GtkWidget    parent_instance;

  AttuneEntry *entry;
  gboolean     show_day;
  char        *accessible_label;
  char        *accessible_description;

  GtkWidget   *box;
  GtkWidget   *day_text;
  GtkLabel    *day_label;
  GtkLabel    *title_label;
  GtkWidget   *excerpt_text;
  GtkWidget   *meta_box;
  GtkLabel    *status_label;
  GtkLabel    *mood_label;
  GtkWidget   *bring_label;
  GtkWidget   *tags_text;
  GtkLabel    *tags_label;
};

G_DEFINE_FINAL_TYPE (AttuneEntryRow, attune_entry_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ENTRY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_row (AttuneEntryRow *self)
{
  g_autofree char *title = NULL;
  g_autofree char *excerpt = NULL;
  g_autofree char *day = NULL;
  g_autofree char *tags = NULL;
  g_autofree char *mood = NULL;
  GString *accessible = g_string_new (NULL);
  static const char * const status_classes[] = { "no-rupture", "open", "in-progress", "repaired", "let-go" };
  const char *mood_name;
  const char *status = NULL;
  gboolean check_in;
  gboolean bring;

  if (self->entry == NULL)
    {
      gtk_label_set_text (self->title_label, "");
      gtk_widget_set_visible (self->excerpt_text, FALSE);
      gtk_widget_set_visible (self->meta_box, FALSE);
      g_clear_pointer (&self->accessible_label, g_free);
      g_clear_pointer (&self->accessible_description, g_free);
      return;
    }

  check_in = attune_entry_get_kind (self->entry) == ATTUNE_ENTRY_KIND_CHECK_IN;
  if (check_in)
    {
      int repair = attune_entry_get_repair_status (self->entry);

      title = g_strdup (_("Check-in after a session"));
      status = attune_repair_status_label (repair);
      for (guint i = 0; i < G_N_ELEMENTS (status_classes); i++)
        gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), status_classes[i]);
      if (repair >= 0 && (guint) repair < G_N_ELEMENTS (status_classes))
        gtk_widget_add_css_class (GTK_WIDGET (self->status_label), status_classes[repair]);
    }
  else
    title = attune_entry_dup_display_title (self->entry);
  day = attune_format_day (attune_entry_get_day (self->entry));
  tags = attune_join_tags (attune_entry_get_tags (self->entry));
  mood_name = attune_mood_get_label (attune_entry_get_mood (self->entry));
  bring = attune_entry_get_bring (self->entry);

  /* Without a title, the display title is the body's first line: don't repeat it. */
  if (check_in || attune_entry_get_title (self->entry)[0] != '\0')
    excerpt = attune_entry_dup_excerpt (self->entry, EXCERPT_CHARS);

  /* Words altered on disk are never shown as the person's own. */
  if (attune_entry_get_damaged (self->entry))
    {
      g_free (title);
      title = g_strdup (_("Damaged entry"));
      g_free (excerpt);
      excerpt = g_strdup (_("Its words were altered on disk, so Attune does not show them. A backup in Preferences may still hold them."));
    }

  gtk_label_set_text (self->day_label, day);
  gtk_widget_set_visible (self->day_text, self->show_day);
  gtk_label_set_text (self->title_label, title);
  attune_row_excerpt_set_text (ATTUNE_ROW_EXCERPT (self->excerpt_text), excerpt != NULL ? excerpt : "");
  gtk_widget_set_visible (self->excerpt_text, excerpt != NULL && *excerpt != '\0');

  if (mood_name != NULL)
    {
      /* Translators: shown on a timeline row, %s is a mood such as "Good" */
      mood = g_strdup_printf (_("Mood: %s"), mood_name);
      gtk_label_set_text (self->mood_label, mood);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->mood_label), mood != NULL);
  gtk_label_set_text (self->status_label, status != NULL ? status : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), status != NULL);
  gtk_widget_set_visible (self->bring_label, bring);
  gtk_label_set_text (self->tags_label, tags);
  gtk_widget_set_visible (self->tags_text, *tags != '\0');
  gtk_widget_set_visible (self->meta_box, status != NULL || mood != NULL || bring || *tags != '\0');

  /* One sentence for screen readers instead of a row of separate labels. */
  g_string_append (accessible, title);
  g_string_append_printf (accessible, ", %s", day);
  if (status != NULL)
    g_string_append_printf (accessible, ", %s", status);
  if (mood != NULL)
    g_string_append_printf (accessible, ", %s", mood);
  if (bring)
    g_string_append_printf (accessible, ", %s", _("for next session"));
  if (*tags != '\0')
    g_string_append_printf (accessible, ", %s %s", _("tags:"), tags);

  g_free (self->accessible_label);
  self->accessible_label = g_string_free (g_steal_pointer (&accessible), FALSE);
  g_free (self->accessible_description);
  self->accessible_description = g_strdup (excerpt != NULL ? excerpt : "");

  attune_entry_row_label_widget (self, GTK_WIDGET (self));
}

static void
attune_entry_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  AttuneEntryRow *self = ATTUNE_ENTRY_ROW (object);

  switch (prop_id)
    {
    case PROP_ENTRY:
      g_value_set_object (value, self->entry);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attune_entry_row_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  AttuneEntryRow *self = ATTUNE_ENTRY_ROW (object);

  switch (prop_id)
    {
    case PROP_ENTRY:
      attune_entry_row_set_entry (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attune_entry_row_dispose (GObject *object)
{
  AttuneEntryRow *self = ATTUNE_ENTRY_ROW (object);

  g_clear_object (&self->entry);
  gtk_widget_dispose_template (GTK_WIDGET (self), ATTUNE_TYPE_ENTRY_ROW);

  G_OBJECT_CLASS (attune_entry_row_parent_class)->dispose (object);
}

static void
attune_entry_row_finalize (GObject *object)
{
  AttuneEntryRow *self = ATTUNE_ENTRY_ROW (object);

  g_clear_pointer (&self->accessible_label, g_free);
  g_clear_pointer (&self->accessible_description, g_free);

  G_OBJECT_CLASS (attune_entry_row_parent_class)->finalize (object);
}

static void
attune_entry_row_class_init (AttuneEntryRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = attune_entry_row_dispose;
  object_class->finalize = attune_entry_row_finalize;
  object_class->get_property = attune_entry_row_get_property;
  object_class->set_property = attune_entry_row_set_property;

  properties[PROP_ENTRY] =
    g_param_spec_object ("entry", NULL, NULL,
                         ATTUNE_TYPE_ENTRY,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ATTUNE_TYPE_ROW_TEXT);
  g_type_ensure (ATTUNE_TYPE_ROW_EXCERPT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/attunejournal/Attune/ui/attune-entry-row.ui");
  gtk_widget_class_bind_template_child (widget_class, AttuneEntryRow, box);
  gtk_widget_class_bind_template_child (widget_class, AttuneEntryRow, day_text);
  gtk_widget_class_bind_template_child (widget_class, AttuneEntryRow, day_label);
  gtk_widget_class_bind_template_child (widget_class, AttuneEntryRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, AttuneEntryRow, excerpt_text);
  gtk_widget_class_bind_template_child (widget_class, AttuneEntryRow, meta_box);
  gtk_widget_class_bind_template_child (widget_class, AttuneEntryRow, status_label);
  gtk_widget_class_bind_template_child (widget_class, AttuneEntryRow, mood_label);
  gtk_widget_class_bind_template_child (widget_class, AttuneEntryRow, bring_label);
  gtk_widget_class_bind_template_child (widget_class, AttuneEntryRow, tags_text);
  gtk_widget_class_bind_template_child (widget_class, AttuneEntryRow, tags_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "entryrow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
attune_entry_row_init (AttuneEntryRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
attune_entry_row_new (void)
{
  return g_object_new (ATTUNE_TYPE_ENTRY_ROW, NULL);
}

/**
 * attune_entry_row_get_entry:
 * @self: the row
 *
 * Returns: (transfer none) (nullable): the entry shown
 */
AttuneEntry *
attune_entry_row_get_entry (AttuneEntryRow *self)
{
  g_return_val_if_fail (ATTUNE_IS_ENTRY_ROW (self), NULL);

  return self->entry;
}

void
attune_entry_row_set_entry (AttuneEntryRow *self,
                            AttuneEntry    *entry)
{
  g_return_if_fail (ATTUNE_IS_ENTRY_ROW (self));
  g_return_if_fail (!entry || ATTUNE_IS_ENTRY (entry));

  if (!g_set_object (&self->entry, entry))
    return;

  update_row (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENTRY]);
}

/**
 * attune_entry_row_set_show_day:
 * @self: the row
 * @show_day: whether this row starts a new day in the timeline
 */
void
attune_entry_row_set_show_day (AttuneEntryRow *self,
                               gboolean        show_day)
{
  g_return_if_fail (ATTUNE_IS_ENTRY_ROW (self));

  self->show_day = !!show_day;
  gtk_widget_set_visible (self->day_text, self->show_day);
}

/**
 * attune_entry_row_label_widget:
 * @self: the row
 * @widget: (nullable): a widget that stands for the row, such as the list item holding it
 *
 * Gives @widget the row's accessible name (title, day, mood, tags) and description (the excerpt).
 */
void
attune_entry_row_label_widget (AttuneEntryRow *self,
                               GtkWidget      *widget)
{
  g_return_if_fail (ATTUNE_IS_ENTRY_ROW (self));

  if (widget == NULL || self->accessible_label == NULL)
    return;

  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->accessible_label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->accessible_description,
                                  -1);
}

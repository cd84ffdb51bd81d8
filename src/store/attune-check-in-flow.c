/* attune-check-in-flow.c
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "attune-check-in-flow.h"
#include "attune-store.h"

/* The check-in wizard's state, without any widgets: which pages show for which answers,
 * where the person is, their answers about earlier ruptures, and how all of it becomes a
 * draft that survives a crash. The wizard window only draws it. */

#define DRAFT_VERSION 1

typedef struct
{
  AttuneFollowUp  answer;
  char           *note;
} FollowUp;

struct _AttuneCheckInFlow
{
  GObject            parent_instance;

  AttuneCheckIn     *check_in;
  gboolean           has_follow_up;
  AttuneCheckInPage  page;
  GHashTable        *follow_ups;   /* gint64* entry id → FollowUp* */
  GHashTable        *discussed;    /* gint64* agenda id → itself, a set */
};

G_DEFINE_FINAL_TYPE (AttuneCheckInFlow, attune_check_in_flow, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
free_follow_up (gpointer data)
{
  FollowUp *follow_up = data;

  g_free (follow_up->note);
  g_free (follow_up);
}

static gint64 *
dup_id (gint64 id)
{
  return g_memdup2 (&id, sizeof id);
}

static void
set_page (AttuneCheckInFlow *self,
          AttuneCheckInPage  page)
{
  if (self->page == page)
    return;

  self->page = page;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static GArray *
dup_sorted_keys (GHashTable *table)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_array_append_val (ids, *(gint64 *) key);
  g_array_sort (ids, compare_ids);

  return ids;
}

static void
attune_check_in_flow_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  AttuneCheckInFlow *self = ATTUNE_CHECK_IN_FLOW (object);

  switch (prop_id)
    {
    case PROP_PAGE:
      g_value_set_int (value, self->page);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attune_check_in_flow_finalize (GObject *object)
{
  AttuneCheckInFlow *self = ATTUNE_CHECK_IN_FLOW (object);

  g_clear_object (&self->check_in);
  g_clear_pointer (&self->follow_ups, g_hash_table_unref);
  g_clear_pointer (&self->discussed, g_hash_table_unref);

  G_OBJECT_CLASS (attune_check_in_flow_parent_class)->finalize (object);
}

static void
attune_check_in_flow_class_init (AttuneCheckInFlowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = attune_check_in_flow_finalize;
  object_class->get_property = attune_check_in_flow_get_property;

  properties[PROP_PAGE] =
    g_param_spec_int ("page", NULL, NULL,
                      0, ATTUNE_CHECK_IN_N_PAGES - 1, 0,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
attune_check_in_flow_init (AttuneCheckInFlow *self)
{
  self->follow_ups = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, free_follow_up);
  self->discussed = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

/**
 * attune_check_in_flow_new:
 * @check_in: (transfer none): the check-in the answers go into
 * @has_follow_up: whether to start with questions about earlier ruptures and the list
 *
 * Returns: (transfer full): a flow on its first page
 */
AttuneCheckInFlow *
attune_check_in_flow_new (AttuneCheckIn *check_in,
                          gboolean       has_follow_up)
{
  AttuneCheckInFlow *self;

  g_return_val_if_fail (ATTUNE_IS_CHECK_IN (check_in), NULL);

  self = g_object_new (ATTUNE_TYPE_CHECK_IN_FLOW, NULL);
  self->check_in = g_object_ref (check_in);
  self->has_follow_up = !!has_follow_up;
  self->page = has_follow_up ? ATTUNE_CHECK_IN_PAGE_FOLLOW_UP : ATTUNE_CHECK_IN_PAGE_SESSION;

  return self;
}

/**
 * attune_check_in_flow_get_check_in:
 * @self: the flow
 *
 * Returns: (transfer none): the check-in being answered
 */
AttuneCheckIn *
attune_check_in_flow_get_check_in (AttuneCheckInFlow *self)
{
  g_return_val_if_fail (ATTUNE_IS_CHECK_IN_FLOW (self), NULL);

  return self->check_in;
}

gboolean
attune_check_in_flow_get_has_follow_up (AttuneCheckInFlow *self)
{
  g_return_val_if_fail (ATTUNE_IS_CHECK_IN_FLOW (self), FALSE);

  return self->has_follow_up;
}

AttuneCheckInPage
attune_check_in_flow_get_page (AttuneCheckInFlow *self)
{
  g_return_val_if_fail (ATTUNE_IS_CHECK_IN_FLOW (self), ATTUNE_CHECK_IN_PAGE_SESSION);

  return self->page;
}

/**
 * attune_check_in_flow_page_is_shown:
 * @self: the flow
 * @page: a page
 *
 * The questions about the moment itself only follow a "yes" or "not sure" to "was there a
 * moment that felt off?"; the follow-up only shows when there is something to follow up.
 *
 * Returns: whether @page is part of the check-in with the answers given so far
 */
gboolean
attune_check_in_flow_page_is_shown (AttuneCheckInFlow *self,
                                    AttuneCheckInPage  page)
{
  g_return_val_if_fail (ATTUNE_IS_CHECK_IN_FLOW (self), FALSE);

  switch (page)
    {
    case ATTUNE_CHECK_IN_PAGE_FOLLOW_UP:
      return self->has_follow_up;

    case ATTUNE_CHECK_IN_PAGE_SESSION:
    case ATTUNE_CHECK_IN_PAGE_FEELINGS:
    case ATTUNE_CHECK_IN_PAGE_RUPTURE:
    case ATTUNE_CHECK_IN_PAGE_SUMMARY:
      return TRUE;

    case ATTUNE_CHECK_IN_PAGE_KINDS:
    case ATTUNE_CHECK_IN_PAGE_WORDS:
    case ATTUNE_CHECK_IN_PAGE_ENDING:
    case ATTUNE_CHECK_IN_PAGE_PLAN:
      return attune_check_in_has_rupture (self->check_in);

    case ATTUNE_CHECK_IN_N_PAGES:
    default:
      return FALSE;
    }
}

/**
 * attune_check_in_flow_get_step:
 * @self: the flow
 *
 * Returns: the current page's place among the pages shown, from 0
 */
guint
attune_check_in_flow_get_step (AttuneCheckInFlow *self)
{
  guint step = 0;

  g_return_val_if_fail (ATTUNE_IS_CHECK_IN_FLOW (self), 0);

  for (int page = 0; page < (int) self->page; page++)
    if (attune_check_in_flow_page_is_shown (self, page))
      step++;

  return step;
}

/**
 * attune_check_in_flow_get_n_steps:
 * @self: the flow
 *
 * Returns: how many pages the check-in has with the answers given so far
 */
guint
attune_check_in_flow_get_n_steps (AttuneCheckInFlow *self)
{
  guint n = 0;

  g_return_val_if_fail (ATTUNE_IS_CHECK_IN_FLOW (self), 0);

  for (int page = 0; page < ATTUNE_CHECK_IN_N_PAGES; page++)
    if (attune_check_in_flow_page_is_shown (self, page))
      n++;

  return n;
}

gboolean
attune_check_in_flow_can_go_back (AttuneCheckInFlow *self)
{
  g_return_val_if_fail (ATTUNE_IS_CHECK_IN_FLOW (self), FALSE);

  return attune_check_in_flow_get_step (self) > 0;
}

gboolean
attune_check_in_flow_is_last (AttuneCheckInFlow *self)
{
  g_return_val_if_fail (ATTUNE_IS_CHECK_IN_FLOW (self), FALSE);

  return self->page == ATTUNE_CHECK_IN_PAGE_SUMMARY;
}

/**
 * attune_check_in_flow_next:
 * @self: the flow
 *
 * Moves to the next page shown. Nothing on a page is required, so this is also "skip".
 *
 * Returns: %FALSE when already on the last page
 */
gboolean
attune_check_in_flow_next (AttuneCheckInFlow *self)
{
  g_return_val_if_fail (ATTUNE_IS_CHECK_IN_FLOW (self), FALSE);

  for (int page = self->page + 1; page < ATTUNE_CHECK_IN_N_PAGES; page++)
    if (attune_check_in_flow_page_is_shown (self, page))
      {
        set_page (self, page);
        return TRUE;
      }

  return FALSE;
}

/**
 * attune_check_in_flow_back:
 * @self: the flow
 *
 * Returns: %FALSE when already on the first page
 */
gboolean
attune_check_in_flow_back (AttuneCheckInFlow *self)
{
  g_return_val_if_fail (ATTUNE_IS_CHECK_IN_FLOW (self), FALSE);

  for (int page = (int) self->page - 1; page >= 0; page--)
    if (attune_check_in_flow_page_is_shown (self, page))
      {
        set_page (self, page);
        return TRUE;
      }

  return FALSE;
}

/**
 * attune_check_in_flow_set_follow_up:
 * @self: the flow
 * @entry_id: the check-in with the earlier rupture
 * @answer: whether it was raised and how it went
 * @note: (nullable): what the person wrote about it
 */
void
attune_check_in_flow_set_follow_up (AttuneCheckInFlow *self,
                                    gint64             entry_id,
                                    AttuneFollowUp     answer,
                                    const char        *note)
{
  FollowUp *follow_up;

  g_return_if_fail (ATTUNE_IS_CHECK_IN_FLOW (self));
  g_return_if_fail (answer >= ATTUNE_FOLLOW_UP_NOT_YET && answer <= ATTUNE_FOLLOW_UP_LET_GO);

  follow_up = g_new0 (FollowUp, 1);
  follow_up->answer = answer;
  follow_up->note = g_strdup (note != NULL && *note != '\0' ? note : NULL);
  g_hash_table_replace (self->follow_ups, dup_id (entry_id), follow_up);
}

/**
 * attune_check_in_flow_get_follow_up:
 * @self: the flow
 * @entry_id: the check-in with the earlier rupture
 * @answer: (out) (optional): the answer
 * @note: (out) (optional) (transfer none) (nullable): the note
 *
 * Returns: whether the person answered about @entry_id
 */
gboolean
attune_check_in_flow_get_follow_up (AttuneCheckInFlow  *self,
                                    gint64              entry_id,
                                    AttuneFollowUp     *answer,
                                    const char        **note)
{
  FollowUp *follow_up;

  g_return_val_if_fail (ATTUNE_IS_CHECK_IN_FLOW (self), FALSE);

  follow_up = g_hash_table_lookup (self->follow_ups, &entry_id);
  if (follow_up == NULL)
    return FALSE;

  if (answer != NULL)
    *answer = follow_up->answer;
  if (note != NULL)
    *note = follow_up->note;

  return TRUE;
}

/**
 * attune_check_in_flow_dup_follow_up_ids:
 * @self: the flow
 *
 * Returns: (transfer full) (element-type gint64): the ruptures answered about, sorted
 */
GArray *
attune_check_in_flow_dup_follow_up_ids (AttuneCheckInFlow *self)
{
  g_return_val_if_fail (ATTUNE_IS_CHECK_IN_FLOW (self), NULL);

  return dup_sorted_keys (self->follow_ups);
}

void
attune_check_in_flow_set_discussed (AttuneCheckInFlow *self,
                                    gint64             agenda_id,
                                    gboolean           discussed)
{
  g_return_if_fail (ATTUNE_IS_CHECK_IN_FLOW (self));

  if (discussed)
    g_hash_table_add (self->discussed, dup_id (agenda_id));
  else
    g_hash_table_remove (self->discussed, &agenda_id);
}

gboolean
attune_check_in_flow_get_discussed (AttuneCheckInFlow *self,
                                    gint64             agenda_id)
{
  g_return_val_if_fail (ATTUNE_IS_CHECK_IN_FLOW (self), FALSE);

  return g_hash_table_contains (self->discussed, &agenda_id);
}

/**
 * attune_check_in_flow_dup_discussed_ids:
 * @self: the flow
 *
 * Returns: (transfer full) (element-type gint64): the list items marked discussed, sorted
 */
GArray *
attune_check_in_flow_dup_discussed_ids (AttuneCheckInFlow *self)
{
  g_return_val_if_fail (ATTUNE_IS_CHECK_IN_FLOW (self), NULL);

  return dup_sorted_keys (self->discussed);
}

/**
 * attune_check_in_flow_serialize:
 * @self: the flow
 *
 * Returns: (transfer full): everything answered so far and the current page, as text for
 *   the drafts table
 */
char *
attune_check_in_flow_serialize (AttuneCheckInFlow *self)
{
  g_autofree char *check_in = NULL;
  g_autoptr(GArray) follow_up_ids = NULL;
  g_autoptr(GArray) discussed_ids = NULL;
  g_autoptr(GVariant) variant = NULL;
  GVariantBuilder builder, follow_ups, discussed;

  g_return_val_if_fail (ATTUNE_IS_CHECK_IN_FLOW (self), NULL);

  check_in = attune_check_in_serialize (self->check_in);
  follow_up_ids = dup_sorted_keys (self->follow_ups);
  discussed_ids = dup_sorted_keys (self->discussed);

  g_variant_builder_init (&follow_ups, G_VARIANT_TYPE ("a(xus)"));
  for (guint i = 0; i < follow_up_ids->len; i++)
    {
      gint64 id = g_array_index (follow_up_ids, gint64, i);
      FollowUp *follow_up = g_hash_table_lookup (self->follow_ups, &id);

      g_variant_builder_add (&follow_ups, "(xus)", id, (guint32) follow_up->answer,
                             follow_up->note != NULL ? follow_up->note : "");
    }

  g_variant_builder_init (&discussed, G_VARIANT_TYPE ("ax"));
  for (guint i = 0; i < discussed_ids->len; i++)
    g_variant_builder_add (&discussed, "x", g_array_index (discussed_ids, gint64, i));

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&builder, "{sv}", "version", g_variant_new_uint32 (DRAFT_VERSION));
  g_variant_builder_add (&builder, "{sv}", "check-in", g_variant_new_string (check_in));
  g_variant_builder_add (&builder, "{sv}", "page", g_variant_new_uint32 (self->page));
  g_variant_builder_add (&builder, "{sv}", "has-follow-up", g_variant_new_boolean (self->has_follow_up));
  g_variant_builder_add (&builder, "{sv}", "follow-ups", g_variant_builder_end (&follow_ups));
  g_variant_builder_add (&builder, "{sv}", "discussed", g_variant_builder_end (&discussed));

  variant = g_variant_ref_sink (g_variant_builder_end (&builder));

  return g_variant_print (variant, TRUE);
}

static AttuneCheckInFlow *
fail_invalid (GError    **error,
              const char *what)
{
  g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_INVALID,
               _("The unfinished check-in could not be read back (%s)."), what);
  return NULL;
}

/**
 * attune_check_in_flow_deserialize:
 * @text: what attune_check_in_flow_serialize() wrote
 * @error: return location for a #GError
 *
 * Reads a draft back, checking every value; a draft from a newer Attune or a damaged one is
 * an %ATTUNE_STORE_ERROR_INVALID error, never a crash.
 *
 * Returns: (transfer full) (nullable): the flow where the person left it
 */
AttuneCheckInFlow *
attune_check_in_flow_deserialize (const char  *text,
                                  GError     **error)
{
  g_autoptr(GVariant) variant = NULL;
  g_autoptr(GVariant) follow_ups = NULL;
  g_autoptr(GVariant) discussed = NULL;
  g_autoptr(AttuneCheckIn) check_in = NULL;
  g_autoptr(AttuneCheckInFlow) self = NULL;
  g_autoptr(GError) parse_error = NULL;
  const char *check_in_text = NULL;
  guint32 version = 0, page = 0;
  gboolean has_follow_up = FALSE;
  GVariantIter iter;
  gint64 id;
  guint32 answer;
  const char *note;

  g_return_val_if_fail (text != NULL, NULL);

  if (!g_utf8_validate (text, -1, NULL))
    return fail_invalid (error, "UTF-8");

  variant = g_variant_parse (G_VARIANT_TYPE_VARDICT, text, NULL, NULL, &parse_error);
  if (variant == NULL)
    return fail_invalid (error, parse_error->message);

  if (!g_variant_lookup (variant, "version", "u", &version) || version != DRAFT_VERSION)
    return fail_invalid (error, "version");

  if (!g_variant_lookup (variant, "check-in", "&s", &check_in_text) ||
      !g_variant_lookup (variant, "page", "u", &page) ||
      !g_variant_lookup (variant, "has-follow-up", "b", &has_follow_up) ||
      page >= ATTUNE_CHECK_IN_N_PAGES)
    return fail_invalid (error, "page");

  check_in = attune_check_in_deserialize (check_in_text, error);
  if (check_in == NULL)
    return NULL;

  self = attune_check_in_flow_new (check_in, has_follow_up);

  follow_ups = g_variant_lookup_value (variant, "follow-ups", G_VARIANT_TYPE ("a(xus)"));
  if (follow_ups != NULL)
    {
      g_variant_iter_init (&iter, follow_ups);
      while (g_variant_iter_next (&iter, "(xu&s)", &id, &answer, &note))
        {
          if (answer > ATTUNE_FOLLOW_UP_LET_GO)
            return fail_invalid (error, "follow-up");
          attune_check_in_flow_set_follow_up (self, id, answer, note);
        }
    }

  discussed = g_variant_lookup_value (variant, "discussed", G_VARIANT_TYPE ("ax"));
  if (discussed != NULL)
    {
      g_variant_iter_init (&iter, discussed);
      while (g_variant_iter_next (&iter, "x", &id))
        attune_check_in_flow_set_discussed (self, id, TRUE);
    }

  /* Resume where the person was, or on the nearest page before it that still applies. */
  self->page = page;
  while (!attune_check_in_flow_page_is_shown (self, self->page) && self->page > 0)
    self->page--;
  if (!attune_check_in_flow_page_is_shown (self, self->page))
    attune_check_in_flow_next (self);

  return g_steal_pointer (&self);
}

/* attune-store-queries.c
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "attune-store.h"
#include "attune-store-private.h"

/* Reads for reports and insights. They only read, so they work on the
 * read-only connection of attune_store_open_read_only() in a worker thread.
 * Day bounds are "YYYY-MM-DD" or NULL for no bound, compared as text (ISO
 * days sort as text). */

static sqlite3_stmt *
prepare (AttuneStore  *self,
         const char   *sql,
         const char   *context,
         GError      **error)
{
  return _attune_store_prepare (_attune_store_get_db (self), sql, context, error);
}

static void
bind_day (sqlite3_stmt *stmt,
          int           index,
          const char   *day)
{
  if (day != NULL)
    sqlite3_bind_text (stmt, index, day, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

static gboolean
check_days (const char  *from_day,
            const char  *to_day,
            GError     **error)
{
  if ((from_day != NULL && !attune_day_is_valid (from_day)) ||
      (to_day != NULL && !attune_day_is_valid (to_day)))
    {
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_INVALID,
                   _("The dates to read are not valid."));
      return FALSE;
    }

  return TRUE;
}

/**
 * attune_store_list_entries_between:
 * @self: an #AttuneStore
 * @from_day: (nullable): the first day, "YYYY-MM-DD", or %NULL for no lower bound
 * @to_day: (nullable): the last day (inclusive), or %NULL for no upper bound
 * @only_marked: only the entries marked "bring to my next session"
 * @error: return location for a #GError
 *
 * Lists the notes (not check-ins) written on the days from @from_day to
 * @to_day, oldest first, as a report reads forwards.
 *
 * Returns: (transfer full) (element-type AttuneEntry) (nullable): the
 *   entries, or %NULL with @error set
 */
GPtrArray *
attune_store_list_entries_between (AttuneStore  *self,
                                   const char   *from_day,
                                   const char   *to_day,
                                   gboolean      only_marked,
                                   GError      **error)
{
  const char *context = _("The entries could not be read.");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  int rc;

  g_return_val_if_fail (ATTUNE_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_days (from_day, to_day, error))
    return NULL;

  stmt = prepare (self,
                  "SELECT " ATTUNE_ENTRY_COLUMNS " FROM entries AS e "
                  "WHERE e.kind = 'note' "
                  "AND (?1 IS NULL OR e.day >= ?1) AND (?2 IS NULL OR e.day <= ?2) "
                  "AND (?3 = 0 OR e.bring = 1) "
                  "ORDER BY e.day, e.created_at, e.id",
                  context, error);
  if (stmt == NULL)
    return NULL;

  bind_day (stmt, 1, from_day);
  bind_day (stmt, 2, to_day);
  sqlite3_bind_int (stmt, 3, only_marked ? 1 : 0);

  entries = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (entries, _attune_store_entry_from_row (stmt));

  if (rc != SQLITE_DONE)
    {
      _attune_store_set_error (error, sqlite3_db_handle (stmt), rc, context);
      return NULL;
    }

  return g_steal_pointer (&entries);
}

/**
 * attune_store_list_check_ins_between:
 * @self: an #AttuneStore
 * @from_day: (nullable): the first session day, or %NULL for no lower bound
 * @to_day: (nullable): the last session day (inclusive), or %NULL for no upper bound
 * @error: return location for a #GError
 *
 * Lists the check-ins of the sessions on the days from @from_day to @to_day
 * (local days, as their timeline entries show them), oldest session first.
 *
 * Returns: (transfer full) (element-type AttuneCheckIn) (nullable): the
 *   check-ins, or %NULL with @error set
 */
GPtrArray *
attune_store_list_check_ins_between (AttuneStore  *self,
                                     const char   *from_day,
                                     const char   *to_day,
                                     GError      **error)
{
  const char *context = _("The check-ins could not be read.");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) check_ins = NULL;
  int rc;

  g_return_val_if_fail (ATTUNE_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_days (from_day, to_day, error))
    return NULL;

  stmt = prepare (self,
                  "SELECT " ATTUNE_CHECK_IN_COLUMNS " FROM check_ins AS c "
                  "JOIN entries AS e ON e.id = c.entry_id "
                  "WHERE (?1 IS NULL OR e.day >= ?1) AND (?2 IS NULL OR e.day <= ?2) "
                  "ORDER BY c.session_at, c.entry_id",
                  context, error);
  if (stmt == NULL)
    return NULL;

  bind_day (stmt, 1, from_day);
  bind_day (stmt, 2, to_day);

  check_ins = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (check_ins, _attune_store_check_in_from_row (stmt));

  if (rc != SQLITE_DONE)
    {
      _attune_store_set_error (error, sqlite3_db_handle (stmt), rc, context);
      return NULL;
    }

  return g_steal_pointer (&check_ins);
}

/**
 * attune_store_dup_last_session_day:
 * @self: an #AttuneStore
 * @error: return location for a #GError
 *
 * Gets the day of the most recent session with a check-in, for reports
 * "since my last session".
 *
 * Returns: (transfer full) (nullable): the day, "YYYY-MM-DD", or %NULL
 *   if there is no check-in (@error unset) or on error (@error set)
 */
char *
attune_store_dup_last_session_day (AttuneStore  *self,
                                   GError      **error)
{
  const char *context = _("The check-ins could not be read.");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (ATTUNE_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = prepare (self,
                  "SELECT e.day FROM check_ins AS c JOIN entries AS e ON e.id = c.entry_id "
                  "ORDER BY c.session_at DESC, c.entry_id DESC LIMIT 1",
                  context, error);
  if (stmt == NULL)
    return NULL;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return g_strdup ((const char *) sqlite3_column_text (stmt, 0));

  if (rc != SQLITE_DONE)
    _attune_store_set_error (error, sqlite3_db_handle (stmt), rc, context);

  return NULL;
}

/**
 * attune_store_count_ruptures:
 * @self: an #AttuneStore
 * @from_day: (nullable): the first session day, or %NULL for no lower bound
 * @to_day: (nullable): the last session day (inclusive), or %NULL for no upper bound
 * @counts_by_kind: (out caller-allocates) (array fixed-size=10) (optional):
 *   for each bit of #AttuneRuptureKind, how many ruptures had that kind
 * @n_ruptures: (out) (optional): how many check-ins had a rupture (a "yes"
 *   or "not sure" to "was there a moment that felt off?")
 * @n_repaired: (out) (optional): how many of those are repaired
 * @error: return location for a #GError
 *
 * Counts the ruptures of the sessions in a range, for insights.
 *
 * Returns: %TRUE on success, %FALSE with @error set (the outputs are then 0)
 */
gboolean
attune_store_count_ruptures (AttuneStore  *self,
                             const char   *from_day,
                             const char   *to_day,
                             guint         counts_by_kind[10],
                             guint        *n_ruptures,
                             guint        *n_repaired,
                             GError      **error)
{
  const char *context = _("The check-ins could not be read.");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint counts[10] = { 0, };
  guint total = 0, repaired = 0;
  int rc;

  g_return_val_if_fail (ATTUNE_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (counts_by_kind != NULL)
    memset (counts_by_kind, 0, sizeof counts);
  if (n_ruptures != NULL)
    *n_ruptures = 0;
  if (n_repaired != NULL)
    *n_repaired = 0;

  if (!check_days (from_day, to_day, error))
    return FALSE;

  /* rupture 2 is "yes", 3 "not sure": attune_check_in_has_rupture(). */
  stmt = prepare (self,
                  "SELECT c.kinds, c.repair_status FROM check_ins AS c "
                  "JOIN entries AS e ON e.id = c.entry_id "
                  "WHERE c.rupture IN (2, 3) "
                  "AND (?1 IS NULL OR e.day >= ?1) AND (?2 IS NULL OR e.day <= ?2)",
                  context, error);
  if (stmt == NULL)
    return FALSE;

  bind_day (stmt, 1, from_day);
  bind_day (stmt, 2, to_day);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint kinds = (guint) sqlite3_column_int (stmt, 0) & ATTUNE_RUPTURE_KIND_ALL;

      total++;
      if (sqlite3_column_int (stmt, 1) == ATTUNE_REPAIR_REPAIRED)
        repaired++;
      for (guint bit = 0; bit < G_N_ELEMENTS (counts); bit++)
        if (kinds & (1u << bit))
          counts[bit]++;
    }

  if (rc != SQLITE_DONE)
    {
      _attune_store_set_error (error, sqlite3_db_handle (stmt), rc, context);
      return FALSE;
    }

  if (counts_by_kind != NULL)
    memcpy (counts_by_kind, counts, sizeof counts);
  if (n_ruptures != NULL)
    *n_ruptures = total;
  if (n_repaired != NULL)
    *n_repaired = repaired;

  return TRUE;
}

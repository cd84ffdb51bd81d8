/* main.c
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "attune-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AttuneApplication) app = NULL;
  const char *localedir;

  setlocale (LC_ALL, "");
  /* ATTUNE_LOCALEDIR: catalogues from elsewhere than the install prefix, for running from
   * the build tree (meson devenv) and for tests; the layout is LANG/LC_MESSAGES/attune.mo. */
  localedir = g_getenv ("ATTUNE_LOCALEDIR");
  if (localedir == NULL || *localedir == '\0')
    localedir = LOCALEDIR;
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("Attune"));

  app = attune_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}

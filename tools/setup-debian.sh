#!/usr/bin/env bash
# Install what Attune needs to build, run and test on Debian 12 (the floor) or newer.
# Quick no-op when everything is already installed; uses sudo when not run as root.
#
# Usage: tools/setup-debian.sh

set -euo pipefail

packages=(
  # build
  meson ninja-build gcc pkg-config gettext libxml2-utils
  libgtk-4-dev libadwaita-1-dev libsqlite3-dev sqlite3 libpoppler-glib-dev libjson-glib-dev libsodium-dev
  libportal-gtk4-dev  # optional: the Background portal for reminders inside Flatpak
  # runtime data the app and its UI tests load
  librsvg2-common gsettings-desktop-schemas adwaita-icon-theme
  fonts-cantarell fonts-dejavu-core
  # validators (data suite)
  desktop-file-utils appstream python3
  # headless test session
  xvfb xauth x11-utils xdotool dbus dbus-daemon at-spi2-core
  python3-pyatspi python3-dogtail imagemagick poppler-utils
  # fuzzing, leak checks and the no-network test (tests/fuzz/run.sh, tests/run-all.sh)
  clang valgrind strace
  # the German and Spanish locales below
  locales
)

# tests/e2e/test-languages.py runs Attune in German and Spanish with these locales: weekday and
# month names come from the C library's locale (LC_TIME), not from Attune's catalogues.
locales=(de_DE.UTF-8 es_ES.UTF-8)

as_root() {
  if (( EUID == 0 )); then
    "$@"
  elif command -v sudo >/dev/null; then
    sudo "$@"
  else
    echo "setup-debian: run as root or install sudo to run: $*" >&2
    return 1
  fi
}

# Uncomments (or adds) each missing locale in /etc/locale.gen and runs locale-gen; nothing to
# do when they are all there.
generate_locales() {
  local have wanted=() l
  # locale -a spells de_DE.UTF-8 as de_DE.utf8
  have=" $(locale -a 2>/dev/null | tr '\n' ' ') "
  for l in "${locales[@]}"; do
    [[ $have == *" ${l%.UTF-8}.utf8 "* ]] || wanted+=("$l")
  done
  (( ${#wanted[@]} > 0 )) || return 0
  echo "setup-debian: generating locales ${wanted[*]}"
  for l in "${wanted[@]}"; do
    if grep -qx "# *${l//./\\.} UTF-8" /etc/locale.gen; then
      as_root sed -i "s/^# *\(${l//./\\.} UTF-8\)$/\1/" /etc/locale.gen
    elif ! grep -qx "${l//./\\.} UTF-8" /etc/locale.gen; then
      echo "$l UTF-8" | as_root tee -a /etc/locale.gen >/dev/null
    fi
  done
  as_root locale-gen
}

# libFuzzer's runtime is only a recommendation of clang: name the one for Debian's clang.
clang_rt=$(apt-cache depends clang 2>/dev/null | sed -n 's/.*Depends: clang-\([0-9]*\)$/libclang-rt-\1-dev/p' | head -n 1)
packages+=("${clang_rt:-libclang-rt-14-dev}")

missing=()
for p in "${packages[@]}"; do
  if [[ $(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null) != installed ]]; then
    missing+=("$p")
  fi
done

if (( ${#missing[@]} == 0 )); then
  echo "setup-debian: all ${#packages[@]} packages are installed"
  generate_locales
  exit 0
fi

echo "setup-debian: installing ${missing[*]}"
if (( EUID == 0 )); then
  sudo=()
elif command -v sudo >/dev/null; then
  sudo=(sudo)
else
  echo "setup-debian: run as root or install sudo to install: ${missing[*]}" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y --no-install-recommends "${missing[@]}"
generate_locales

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
)
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

#!/bin/sh
# Put the Mentoring Workbench in this user's desktop menu, with its icon, and make
# it open a double-clicked package (.wbpack); it is offered under "Open with" for
# Word files (.docx). Nothing outside the user's own folders is touched.
#
#   ./install-desktop.sh [PROGRAM]    install; PROGRAM starts the workbench (default:
#                                     the mentoring-workbench program beside this script)
#   ./install-desktop.sh --uninstall  take it out of the menu again
set -eu

slug=mentoring-workbench
here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}

# The files: in the bundle beside this script (under _internal/), or in the source tree.
if [ -d "$here/_internal/resources" ]; then
  resources="$here/_internal/resources"
else
  resources="$here/../../resources"
fi

refresh() {
  if command -v update-mime-database >/dev/null 2>&1; then
    update-mime-database "$data/mime" >/dev/null 2>&1 || true
  fi
  if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database "$data/applications" >/dev/null 2>&1 || true
  fi
  if command -v gtk-update-icon-cache >/dev/null 2>&1; then
    gtk-update-icon-cache -q -t "$data/icons/hicolor" >/dev/null 2>&1 || true
  fi
}

if [ "${1:-}" = "--uninstall" ]; then
  rm -f "$data/applications/$slug.desktop" "$data/mime/packages/$slug.xml"
  rm -f "$data/icons/hicolor/scalable/apps/$slug.svg"
  for size in 16 24 32 48 64 128 256; do
    rm -f "$data/icons/hicolor/${size}x${size}/apps/$slug.png"
  done
  refresh
  echo "The Mentoring Workbench is no longer in your menu. Your portfolios are untouched."
  exit 0
fi

program=${1:-$here/$slug}
if [ ! -x "$program" ]; then
  echo "Cannot find the workbench program at $program: give its path, e.g. $0 /opt/$slug/$slug" >&2
  exit 1
fi
program=$(cd "$(dirname "$program")" && pwd)/$(basename "$program")

mkdir -p "$data/applications" "$data/mime/packages" "$data/icons/hicolor/scalable/apps"
# Exec and TryExec name the program by its full path, quoted for spaces.
quoted=$(printf '%s' "$program" | sed 's/\\/\\\\\\\\/g; s/"/\\\\"/g')
sed -e "s|^Exec=.*|Exec=\"$quoted\" %f|" -e "s|^TryExec=.*|TryExec=$program|" \
  "$resources/linux/$slug.desktop" >"$data/applications/$slug.desktop"
chmod 644 "$data/applications/$slug.desktop"
cp "$resources/linux/$slug-mime.xml" "$data/mime/packages/$slug.xml"
cp "$resources/icons/$slug.svg" "$data/icons/hicolor/scalable/apps/$slug.svg"
for size in 16 24 32 48 64 128 256; do
  mkdir -p "$data/icons/hicolor/${size}x${size}/apps"
  cp "$resources/icons/$slug-$size.png" "$data/icons/hicolor/${size}x${size}/apps/$slug.png"
done
refresh
if command -v xdg-mime >/dev/null 2>&1; then
  xdg-mime default "$slug.desktop" application/x-wbpack || true
fi
echo "The Mentoring Workbench is in your menu (Office), and opens .wbpack packages."

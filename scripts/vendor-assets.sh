#!/usr/bin/env bash
# Copies the front-end packages (DSFR for public pages, Bootstrap and FullCalendar for the back-office) from npm into
# src/Web/wwwroot/lib, so that pages never load anything from a CDN. Called by the Web build when
# the folder is missing; idempotent.
set -euo pipefail
cd "$(dirname "$0")/../src/Web"
if [ ! -d node_modules/@gouvfr/dsfr ] || [ ! -d node_modules/bootstrap ] || [ ! -d node_modules/@fullcalendar/timegrid ]; then
  npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
fi
dest=wwwroot/lib
rm -rf "$dest.tmp" && mkdir -p "$dest.tmp/dsfr" "$dest.tmp/bootstrap" "$dest.tmp/fullcalendar"
dsfr=node_modules/@gouvfr/dsfr/dist
cp "$dsfr/dsfr.min.css" "$dsfr/dsfr.module.min.js" "$dsfr/dsfr.nomodule.min.js" "$dest.tmp/dsfr/"
cp -r "$dsfr/fonts" "$dsfr/icons" "$dsfr/utility" "$dsfr/favicon" "$dest.tmp/dsfr/"
cp node_modules/bootstrap/dist/css/bootstrap.min.css node_modules/bootstrap/dist/js/bootstrap.bundle.min.js "$dest.tmp/bootstrap/"
fc=node_modules/@fullcalendar
cp "$fc/core/index.global.min.js" "$dest.tmp/fullcalendar/core.min.js"
cp "$fc/core/locales/fr.global.min.js" "$dest.tmp/fullcalendar/locale-fr.min.js"
for plugin in daygrid timegrid list interaction; do cp "$fc/$plugin/index.global.min.js" "$dest.tmp/fullcalendar/$plugin.min.js"; done
rm -rf "$dest" && mv "$dest.tmp" "$dest"
echo "Front-end assets vendored into src/Web/$dest"

#!/usr/bin/env bash
# Copies the front-end packages (DSFR for public pages, Bootstrap for the back-office) from npm into
# src/Web/wwwroot/lib, so that pages never load anything from a CDN. Called by the Web build when
# the folder is missing; idempotent.
set -euo pipefail
cd "$(dirname "$0")/../src/Web"
if [ ! -d node_modules/@gouvfr/dsfr ] || [ ! -d node_modules/bootstrap ]; then
  npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
fi
dest=wwwroot/lib
rm -rf "$dest.tmp" && mkdir -p "$dest.tmp/dsfr" "$dest.tmp/bootstrap"
dsfr=node_modules/@gouvfr/dsfr/dist
cp "$dsfr/dsfr.min.css" "$dsfr/dsfr.module.min.js" "$dsfr/dsfr.nomodule.min.js" "$dest.tmp/dsfr/"
cp -r "$dsfr/fonts" "$dsfr/icons" "$dsfr/utility" "$dsfr/favicon" "$dest.tmp/dsfr/"
cp node_modules/bootstrap/dist/css/bootstrap.min.css node_modules/bootstrap/dist/js/bootstrap.bundle.min.js "$dest.tmp/bootstrap/"
rm -rf "$dest" && mv "$dest.tmp" "$dest"
echo "Front-end assets vendored into src/Web/$dest"

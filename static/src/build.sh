#!/usr/bin/env bash
# Rebuild the vendored GOV.UK Frontend for PACE into ../govuk/ (committed).
# Needs node + npm. Usage: bash static/src/build.sh   (from anywhere)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"

if [[ -f package-lock.json ]]; then
  npm ci --no-audit --no-fund --ignore-scripts
else
  npm install --no-audit --no-fund --ignore-scripts
fi

pkg=node_modules/govuk-frontend/dist/govuk
out=../govuk

rm -rf "$out"
mkdir -p "$out/assets"

# CSS: recompiled from Sass with Arial and no GDS Transport @font-face.
npx sass --quiet-deps --no-source-map --style=compressed --load-path=node_modules \
  pace.scss "$out/govuk-frontend.min.css"

# JavaScript (ES module, loaded by static/js/init.mjs), with its source map:
# the .js ends in a sourceMappingURL comment, and Django's
# ManifestStaticFilesStorage fails collectstatic if that file is missing.
cp "$pkg/govuk-frontend.min.js" "$out/govuk-frontend.min.js"
cp "$pkg/govuk-frontend.min.js.map" "$out/govuk-frontend.min.js.map"

# Images and manifest only: NOT assets/fonts (GDS Transport is for GOV.UK only).
cp -R "$pkg/assets/images" "$out/assets/images"
if [[ -f "$pkg/assets/manifest.json" ]]; then
  cp "$pkg/assets/manifest.json" "$out/assets/manifest.json"
fi

# Licence: the npm package does not ship its LICENSE file, so fall back to the
# copy of the upstream MIT licence kept beside this script.
licence=""
for f in node_modules/govuk-frontend/LICEN[CS]E*; do
  [[ -f "$f" ]] && licence="$f" && break
done
cp "${licence:-govuk-frontend-LICENCE.txt}" "$out/LICENCE.txt"

# Checks: no GDS Transport, no font files, every url() resolves to a copied file.
css="$out/govuk-frontend.min.css"
if grep -qi "GDS Transport\|/assets/fonts\|@font-face" "$css"; then
  echo "build.sh: compiled CSS still refers to GDS Transport or fonts" >&2
  exit 1
fi
status=0
while IFS= read -r url; do
  file="$out/assets/${url#/static/govuk/assets/}"
  if [[ "$url" != /static/govuk/assets/* || ! -f "$file" ]]; then
    echo "build.sh: url($url) in CSS has no file under $out/assets/" >&2
    status=1
  fi
done < <(grep -o 'url([^)]*)' "$css" | sed -E 's/^url\(["'\'']?//; s/["'\'']?\)$//' | grep -v '^data:' | sort -u)
[[ $status -eq 0 ]] || exit 1

echo "Built $out: $(wc -c < "$css") bytes of CSS"

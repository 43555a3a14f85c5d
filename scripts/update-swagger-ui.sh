#!/usr/bin/env bash
# Replaces the Swagger UI assets embedded in generated servers
# (runtime/swaggerui/dist) with those of the swagger-ui-dist npm package at
# the given version, keeping only the files the page loads and the licence
# texts. Usage: scripts/update-swagger-ui.sh 5.36.0
set -euo pipefail
version="${1:?usage: $0 VERSION (of the swagger-ui-dist npm package)}"
cd "$(dirname "$0")/.."
dest=runtime/swaggerui/dist
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

(cd "$work" && npm pack --silent "swagger-ui-dist@${version}" >/dev/null && tar xzf swagger-ui-dist-*.tgz)
files=(
  index.html index.css swagger-ui.css swagger-ui-bundle.js swagger-ui-standalone-preset.js
  favicon-16x16.png favicon-32x32.png
  LICENSE NOTICE swagger-ui-bundle.js.LICENSE.txt swagger-ui-standalone-preset.js.LICENSE.txt
)
rm -rf "$dest"
mkdir -p "$dest"
for f in "${files[@]}"; do
  cp "$work/package/$f" "$dest/$f"
done
# The stylesheet names a source map that is not kept.
sed -i '/sourceMappingURL=/d' "$dest/swagger-ui.css"
echo "$version" >"$dest/VERSION"
echo "swagger-ui-dist $version -> $dest"

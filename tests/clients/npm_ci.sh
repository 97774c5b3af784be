#!/usr/bin/env bash
# Installs the npm packages of PACKAGE_DIR (its package.json + package-lock.json, exactly)
# into DEST_DIR/node_modules, never into the source tree. Downloads are cached under
# build/.cache/npm; a DEST_DIR installed from the same lock file is left as it is.
#   tests/clients/npm_ci.sh PACKAGE_DIR DEST_DIR
set -euo pipefail
src=$1 dest=$2
if ! command -v npm >/dev/null; then
  echo "SKIP: npm is not installed (scripts/install-deps.sh installs it)"
  exit 77
fi
cache="$(cd "$(dirname "$0")/../.." && pwd)/build/.cache/npm"
stamp="$dest/node_modules/.installed-from"
lock_sum=$(sha256sum "$src/package-lock.json" | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$lock_sum" ]; then
  exit 0
fi
mkdir -p "$dest"
cp "$src/package.json" "$src/package-lock.json" "$dest/"
# --ignore-scripts: nothing we use needs an install script, so none runs.
(cd "$dest" && npm ci --no-audit --no-fund --ignore-scripts --cache "$cache" --loglevel=error)
echo "$lock_sum" > "$stamp"

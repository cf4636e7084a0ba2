#!/usr/bin/env bash
# Installs what is missing: npm packages (from the lock file) and, when asked, Debian's Chromium for the
# browser tests. Safe to run again: it does nothing when everything is in place.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "mcuflash: installing npm packages..."
  # Exactly the lock file, never rewriting it: the lock lists every platform's optional packages (rollup's,
  # esbuild's, cbor-extract's), and package.json's allowScripts names the install scripts that may run.
  npm ci --no-audit --no-fund
fi

# Chromium, and a CJK font so the Chinese screens are drawn (and measured for overflow) with real glyphs.
if [ "${1:-}" = "--browser" ] && { [ ! -x /usr/bin/chromium ] || [ ! -d /usr/share/fonts/truetype/wqy ]; }; then
  echo "mcuflash: installing Debian's chromium and a Chinese font for the browser tests..."
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null
fi

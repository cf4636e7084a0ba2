#!/usr/bin/env bash
# `npm test`: lint, type-check, every unit/property/golden/simulator test, then the browser end-to-end tests
# against a production build in Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh --browser

echo "== lint =="
npx eslint .
npx prettier --check . >/dev/null || { npx prettier --check .; exit 1; }
echo "== type-check =="
npx tsc -p tsconfig.json --noEmit
npx tsc -p tsconfig.core.json --noEmit
echo "== build =="
npx vite build --logLevel warn
npx vite build -c vite.embed.config.ts --logLevel warn
echo "== tests =="
npx vitest run
npx vitest run --config vitest.e2e.config.ts --passWithNoTests

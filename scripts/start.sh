#!/usr/bin/env bash
# `npm start`: installs what is missing, builds the app and serves it on localhost. The app has a built-in
# simulated device ("Demo device"), so the whole update flow can be tried without hardware.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
npx vite build --logLevel warn
npx vite build -c vite.embed.config.ts --logLevel warn
PORT="${PORT:-4173}"
echo "mcuflash: open http://localhost:${PORT}/ and choose \"Demo device\" (Ctrl+C stops the server)."
exec npx vite preview --port "$PORT" --strictPort --host 127.0.0.1

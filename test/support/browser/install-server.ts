// A small static server on 127.0.0.1 for the install tests: the built app (dist/), the embed bundle, the test
// harness, and a vendor's files (manifests, firmware, keys, a plain HTML page) from a temp dir. The vendor part
// can be taken down (503) to show what still works offline, and every request is logged.

import { createServer, type Server } from "node:http";
import { existsSync, readFileSync, statSync } from "node:fs";
import { extname, join, normalize, sep } from "node:path";

const TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".pem": "text/plain; charset=utf-8",
  ".bin": "application/octet-stream",
};

export interface Mount {
  /** URL path prefix, e.g. "/vendor/". */
  readonly prefix: string;
  /** Directory served under the prefix. */
  readonly dir: string;
  /** Serve index.html for unknown paths (the app's navigation fallback). */
  readonly fallback?: boolean;
}

export interface InstallServer {
  readonly origin: string;
  /** Every request path, in order. */
  readonly requests: string[];
  /** Paths under these prefixes answer 503 while set (the vendor's server is gone). */
  down: readonly string[];
  close(): Promise<void>;
}

function fileFor(mount: Mount, path: string): string | undefined {
  const relative = decodeURIComponent(path.slice(mount.prefix.length));
  const full = normalize(join(mount.dir, relative));
  if (!full.startsWith(normalize(mount.dir + sep)) && full !== normalize(mount.dir)) return undefined;
  if (existsSync(full) && statSync(full).isFile()) return full;
  if (existsSync(join(full, "index.html"))) return join(full, "index.html");
  if (mount.fallback && extname(full) === "") return join(mount.dir, "index.html");
  return undefined;
}

export async function startInstallServer(mounts: readonly Mount[]): Promise<InstallServer> {
  const requests: string[] = [];
  const state = { down: [] as readonly string[] };
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
    requests.push(path);
    if (state.down.some((prefix) => path.startsWith(prefix))) {
      res.writeHead(503, { "content-type": "text/plain" }).end("down for the test");
      return;
    }
    // Longest prefix first, so "/vendor/" wins over "/".
    const mount = [...mounts]
      .sort((a, b) => b.prefix.length - a.prefix.length)
      .find((m) => path.startsWith(m.prefix));
    const file = mount ? fileFor(mount, path) : undefined;
    if (!file) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    res.writeHead(200, {
      "content-type": TYPES[extname(file)] ?? "application/octet-stream",
      "cache-control": "no-cache",
    });
    res.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string")
    throw new Error("the install server did not bind a port");
  return {
    origin: `http://127.0.0.1:${address.port}`,
    requests,
    get down() {
      return state.down;
    },
    set down(prefixes: readonly string[]) {
      state.down = prefixes;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// Trusted keys: added by paste and from a file, named, refused when invalid or already there, removed, and
// kept in IndexedDB across reloads.

import { readFileSync } from "node:fs";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchChromium, serveBuiltApp, type ServedApp } from "../support/browser/launch.js";
import { vectorPath } from "../support/vectors.js";

let browser: Browser;
let app: ServedApp;

beforeAll(async () => {
  [browser, app] = await Promise.all([launchChromium(), serveBuiltApp()]);
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const keyList = (page: Page) => page.getByRole("list", { name: "Trusted keys" });

async function keyNames(page: Page): Promise<string[]> {
  if ((await keyList(page).count()) === 0) return [];
  return keyList(page).locator(".key-name").allTextContents();
}

test("keys are added by paste and by file, validated, removed, and persist across reloads", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(app.url);
  const keys = page.getByRole("region", { name: "Trusted keys" });
  await keys.getByText("No keys yet").waitFor();

  // Paste a PEM public key with a name.
  await keys
    .getByLabel("Add a public key")
    .fill(readFileSync(vectorPath("mcuboot", "keys", "ed25519.pub.pem"), "utf8"));
  await keys.getByLabel("Name (optional)").fill("Production key");
  await keys.getByRole("button", { name: "Add key" }).click();
  await keys.getByText("Added “Production key” (ed25519).").waitFor();

  // The same key again is refused, naming the existing entry.
  await keys
    .getByLabel("Add a public key")
    .fill(readFileSync(vectorPath("mcuboot", "keys", "ed25519.pub.pem"), "utf8"));
  await keys.getByRole("button", { name: "Add key" }).click();
  await expect(keys.getByRole("alert").textContent()).resolves.toContain(
    "already trusted, as “Production key”",
  );

  // Garbage is refused with the importer's explanation.
  await keys.getByLabel("Add a public key").fill("this is not a key");
  await keys.getByRole("button", { name: "Add key" }).click();
  await expect(keys.getByRole("alert").textContent()).resolves.toMatch(/neither PEM/);

  // A key file (imgtool C array): named after the file.
  await keys.getByLabel("Add a public key").fill("");
  await page.setInputFiles('[data-testid="key-file"]', vectorPath("mcuboot", "keys", "ecdsa-p256.pub.c"));
  await keys.getByText("Added “ecdsa-p256” (ecdsa-p256).").waitFor();
  expect(await keyNames(page)).toEqual(["Production key", "ecdsa-p256"]);

  await page.reload();
  await keyList(page).waitFor();
  expect(await keyNames(page)).toEqual(["Production key", "ecdsa-p256"]);

  await page.getByRole("button", { name: "Remove key Production key" }).click();
  await expect.poll(() => keyNames(page)).toEqual(["ecdsa-p256"]);
  await page.reload();
  await keyList(page).waitFor();
  expect(await keyNames(page)).toEqual(["ecdsa-p256"]);
  await context.close();
});

test("a pasted private key is kept as its public part only", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(app.url);
  const keys = page.getByRole("region", { name: "Trusted keys" });
  const privatePem = readFileSync(vectorPath("mcuboot", "keys", "ed25519.pem"), "utf8");
  await keys.getByLabel("Add a public key").fill(privatePem);
  await keys.getByRole("button", { name: "Add key" }).click();
  await keys.getByText(/public part of a private key/).waitFor();
  const stored = await page.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        const open = indexedDB.open("mcuflash");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction("keys").objectStore("keys").getAll();
          all.onsuccess = () =>
            resolve(JSON.stringify(all.result, (_k, v: unknown) => (v instanceof Uint8Array ? [...v] : v)));
        };
      }),
  );
  expect(stored).not.toContain("PRIVATE");
  // 44 bytes: the SubjectPublicKeyInfo of an ed25519 key, nothing more.
  const records = JSON.parse(stored) as { material: number[] }[];
  expect(records[0]?.material).toHaveLength(44);
  await context.close();
});

test("keys added while the stored ones are still being read: a duplicate is refused, a new one stays listed", async () => {
  // The service worker would serve the app's files itself, past the route below.
  const context = await browser.newContext({ serviceWorkers: "block" });
  const page = await context.newPage();
  await page.goto(app.url);
  const keys = page.getByRole("region", { name: "Trusted keys" });
  const paste = async (file: string, name: string) => {
    await keys.getByLabel("Add a public key").fill(readFileSync(vectorPath("mcuboot", "keys", file), "utf8"));
    await keys.getByLabel("Name (optional)").fill(name);
    await keys.getByRole("button", { name: "Add key" }).click();
  };
  await paste("ed25519.pub.pem", "Stored key");
  await keys.getByText("Added “Stored key” (ed25519).").waitFor();

  // A slow disk, as on a loaded machine: the stored records' reader arrives three seconds late after a reload.
  let delayed = 0;
  await page.route(/\/record-schemas-[^/]*\.js$/, async (route) => {
    delayed += 1;
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    await route.continue();
  });
  await page.reload();
  await paste("ed25519.pub.pem", "Same again");
  await expect(keys.getByRole("alert").textContent()).resolves.toContain("already trusted, as “Stored key”");
  await paste("ecdsa-p256.pub.pem", "Added early");
  await keys.getByText("Added “Added early” (ecdsa-p256).").waitFor();
  await expect.poll(() => keyNames(page)).toEqual(["Stored key", "Added early"]);
  expect(delayed).toBeGreaterThan(0);
  await context.close();
});

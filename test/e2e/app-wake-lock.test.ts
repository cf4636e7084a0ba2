// On a phone the screen stays on during an update (Screen Wake Lock, released at the end); where the browser
// has no wake lock, the page says so. The wake lock is a recording stand-in: headless Chromium grants none.

import { afterAll, beforeAll, expect, test } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchChromium, serveBuiltApp, type ServedApp } from "../support/browser/launch.js";

let browser: Browser;
let app: ServedApp;

beforeAll(async () => {
  [browser, app] = await Promise.all([launchChromium(), serveBuiltApp()]);
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } as const;

async function updateWithDemo(page: Page): Promise<void> {
  await page.goto(app.url);
  await page.getByRole("button", { name: "Demo device" }).click();
  await page.getByRole("button", { name: "Load demo firmware" }).click();
  await page.getByRole("button", { name: "Start update" }).click();
}

test("the screen is kept on while updating and let go when the update ends", async () => {
  const page = await browser.newPage(PHONE);
  await page.addInitScript(() => {
    const log: string[] = [];
    Reflect.set(window, "wakeLog", log);
    Object.defineProperty(navigator, "wakeLock", {
      value: {
        request: (type: string) => {
          log.push(`request ${type}`);
          const sentinel = {
            released: false,
            release: () => {
              sentinel.released = true;
              log.push("release");
              return Promise.resolve();
            },
          };
          return Promise.resolve(sentinel);
        },
      },
    });
  });
  const log = () => page.evaluate(() => Reflect.get(window, "wakeLog") as string[]);
  await updateWithDemo(page);
  await page.getByTestId("wake-lock").getByText("The screen stays on until the update ends.").waitFor();
  await expect(log()).resolves.toEqual(["request screen"]);
  await page.getByTestId("end-state").waitFor({ timeout: 90_000 });
  await expect.poll(log).toEqual(["request screen", "release"]);
  await expect(page.getByTestId("wake-lock").count()).resolves.toBe(0);
  await page.close();
});

test("without Screen Wake Lock the page asks the user to keep the device awake", async () => {
  const page = await browser.newPage(PHONE);
  await page.addInitScript(() => {
    Object.defineProperty(navigator, "wakeLock", { value: undefined });
  });
  await updateWithDemo(page);
  await page
    .getByTestId("wake-lock")
    .getByText(/This browser cannot keep the screen on/)
    .waitFor();
  await page.getByTestId("end-state").waitFor({ timeout: 90_000 });
  await page.close();
});

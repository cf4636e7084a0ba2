// The app shell at laptop and phone size: every panel renders, nothing overflows sideways on a phone, every
// control is a usable touch target, and the page is free of console errors (a CSP violation is one).

import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
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

const SIZES = {
  desktop: { viewport: { width: 1366, height: 900 }, isMobile: false, hasTouch: false },
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
} as const;

const PANELS = ["Connect", "Device", "Firmware", "Update", "Trusted keys", "History"];

async function open(
  size: keyof typeof SIZES,
): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext(SIZES[size]);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console: ${message.text()}`);
  });
  await page.goto(app.url);
  await page.getByRole("heading", { level: 1, name: "McuFlash" }).waitFor();
  // The browser support check is asynchronous: wait until the connect options are listed.
  await page.getByRole("list", { name: "Ways to connect" }).waitFor();
  return { context, page, problems };
}

describe.each(["desktop", "phone"] as const)("at %s size", (size) => {
  test("every panel renders and the page has no errors", async () => {
    const { context, page, problems } = await open(size);
    for (const name of PANELS) {
      await expect(page.getByRole("region", { name }).isVisible()).resolves.toBe(true);
    }
    await expect(page.getByRole("button", { name: "Demo device" }).count()).resolves.toBe(1);
    await expect(page.getByRole("button", { name: "Start update" }).isDisabled()).resolves.toBe(true);
    // Every control has an accessible name (a role without a quoted name in the tree is unlabelled).
    const tree = await page.locator("body").ariaSnapshot();
    expect(
      tree
        .split("\n")
        .filter((line) => /- (button|textbox|checkbox|combobox|radio)(\s*\[.*\])?:?\s*$/.test(line)),
    ).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  test("nothing is wider than the screen and controls are big enough to touch", async () => {
    const { context, page } = await open(size);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    if (size === "phone") {
      const small = await page.evaluate(() =>
        [
          ...document.querySelectorAll<HTMLElement>(
            "button, select, input:not([type=file]), textarea, summary",
          ),
        ]
          .filter((el) => el.offsetParent !== null && !el.closest(".visually-hidden"))
          .map((el) => ({ el, box: el.getBoundingClientRect() }))
          .filter(({ box }) => box.height < 44 || box.width < 44)
          .map(({ el, box }) => `${el.tagName} "${el.textContent?.trim() ?? ""}" ${box.width}x${box.height}`),
      );
      expect(small).toEqual([]);
    }
    await context.close();
  });
});

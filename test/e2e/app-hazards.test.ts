// The hazards a field technician met: Start pressed twice cancelled the update, the phone page put the
// firmware step 2,600 px down, and focus fell to the page body after Connect, the demo firmware and the end.

import { afterAll, beforeAll, expect, test } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchChromium, serveBuiltApp, type ServedApp } from "../support/browser/launch.js";
import { connectDemo, openVectorImage, trustVectorKey } from "../support/browser/app-steps.js";

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
const DESKTOP = { viewport: { width: 1366, height: 800 } } as const;

/** What has focus, as "TAG#id" or "TAG text": the page body is what focus falls to when nobody moves it. */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return "BODY";
    return `${el.tagName}#${el.id} ${(el.textContent ?? "").trim().slice(0, 60)}`;
  });
}

/** Whether the element's box lies (at least partly) inside the visible viewport. */
function inView(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((sel) => {
    const box = document.querySelector(sel)?.getBoundingClientRect();
    return box !== undefined && box.bottom > 0 && box.top < window.innerHeight;
  }, selector);
}

test("a second Enter on Start, once the page shows the update running, never cancels; cancelling asks first", async () => {
  const page = await browser.newPage(DESKTOP);
  await page.goto(app.url);
  await connectDemo(page);
  await trustVectorKey(page);
  await openVectorImage(page, "ed25519-300k.bin");
  const update = page.getByRole("region", { name: "Update" });
  const start = update.getByRole("button", { name: "Start update" });
  // Start stays disabled while the app still reads the device after connecting (slow on a loaded machine),
  // and a disabled button cannot take focus: wait for it to be usable, then check focus really is on it.
  await expect.poll(() => start.isEnabled()).toBe(true);
  await start.focus();
  await expect(focused(page)).resolves.toContain("Start update");
  await page.keyboard.press("Enter");
  // The second press lands after the page has reacted (the worst moment: whatever replaced Start is under focus),
  // waited for by that change itself rather than by a fixed delay.
  await update.getByRole("button", { name: "Updating…" }).waitFor();
  await page.keyboard.press("Enter");

  // The start control stays where it was, reads "Updating…" and does nothing.
  const starting = update.getByRole("button", { name: "Updating…" });
  await expect(starting.isDisabled()).resolves.toBe(true);
  await expect.poll(() => page.getByTestId("update-live").textContent()).toMatch(/^Uploading: [1-9]\d?%$/);
  await expect(update.getByText("Cancelled").count()).resolves.toBe(0);
  await expect(update.getByRole("alertdialog").count()).resolves.toBe(0);

  // Cancel asks in the page; the safe answer has focus, so a stray Enter keeps the update going.
  await update.getByRole("button", { name: "Cancel update…" }).click();
  const question = update.getByRole("alertdialog", { name: "Stop this update?" });
  await question.waitFor();
  await expect(focused(page)).resolves.toContain("Keep updating");
  await page.keyboard.press("Enter");
  await expect(question.count()).resolves.toBe(0);
  await expect(starting.count()).resolves.toBe(1);

  await update.getByRole("button", { name: "Cancel update…" }).click();
  await question.getByRole("button", { name: "Stop the update" }).click();
  await page.getByTestId("end-state").getByText("Cancelled").waitFor();
  // The end has focus, so a keyboard or screen-reader user lands on how it ended.
  await expect(
    page.evaluate(() => document.activeElement?.closest("[data-testid=end-state]") !== null),
  ).resolves.toBe(true);
  await page.close();
});

test("on a phone: task order, firmware step near the top, focus moved on, two taps on Start never cancel", async () => {
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  await page.goto(app.url);
  await page.getByRole("list", { name: "Ways to connect" }).waitFor();
  // The task first (Connect → Firmware → Update), the rest after it and folded.
  const order = await page.evaluate(() =>
    [...document.querySelectorAll("main section.panel h2")].map((h) => h.textContent?.replace(/^\d/, "")),
  );
  expect(order.slice(0, 3)).toEqual(["Connect", "Firmware", "Update"]);
  for (const name of ["Device", "Trusted keys", "History"]) {
    const toggle = page.getByRole("region", { name }).getByRole("button", { name, exact: true });
    await expect(toggle.getAttribute("aria-expanded")).resolves.toBe("false");
  }

  await page.getByRole("button", { name: "Demo device" }).click();
  await page.getByText(/^Connected · /).waitFor();
  await page.getByRole("button", { name: "Load demo firmware" }).waitFor();
  // Connect moves focus to the next step, and that step starts within 1.5 screen heights.
  await expect.poll(() => focused(page)).toContain("Firmware");
  const firmwareTop = await page.evaluate(
    () => document.getElementById("firmware")!.getBoundingClientRect().top + window.scrollY,
  );
  expect(firmwareTop).toBeLessThanOrEqual(1.5 * 844);

  await page.getByRole("button", { name: "Load demo firmware" }).click();
  await page.getByTestId("verification-report").waitFor({ timeout: 20_000 });
  // Loading the demo firmware moves focus to what comes next: starting the update.
  await expect.poll(() => focused(page)).toContain("Start update");

  const start = page.getByRole("region", { name: "Update" }).getByRole("button", { name: "Start update" });
  await start.scrollIntoViewIfNeeded();
  const box = (await start.boundingBox())!;
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.touchscreen.tap(x, y);
  // The second tap hits the same spot once the page shows the update running (not after a fixed delay).
  await page.getByRole("region", { name: "Update" }).getByRole("button", { name: "Updating…" }).waitFor();
  await page.touchscreen.tap(x, y);
  await expect
    .poll(() => page.getByTestId("update-live").textContent())
    .toMatch(/^(Uploading|Reset|Mark|Check|Reconnect)/);
  // Progress is brought into view as the update starts.
  await expect.poll(() => inView(page, "#update progress, #update .steps")).toBe(true);

  await page.getByTestId("end-state").waitFor({ timeout: 90_000 });
  await expect(page.getByTestId("end-state").textContent()).resolves.toMatch(/Now running 1\.1\.0/);
  await expect.poll(() => inView(page, "[data-testid=end-state]")).toBe(true);
  await expect(
    page.evaluate(() => document.activeElement?.closest("[data-testid=end-state]") !== null),
  ).resolves.toBe(true);
  await context.close();
});

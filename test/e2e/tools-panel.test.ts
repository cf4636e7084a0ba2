// The Tools panel in Debian's Chromium, inside the real app under its own Content-Security-Policy: the app
// connects over its real Web Serial transport (only navigator.serial is a fake, installed by the browser as an
// init script) to a simulated Zephyr device in this process, and shows the panel as a user would see it.
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { SimulatedDevice } from "../../src/sim/index.js";
import type { GroupName } from "../../src/sim/device-options.js";
import {
  collectPageErrors,
  launchChromium,
  serveBuiltApp,
  type ServedApp,
} from "../support/browser/launch.js";
import { FAKE_SERIAL_ID, installFakeWebApis } from "../support/fake-web-apis/install.js";

let browser: Browser;
let app: ServedApp;

beforeAll(async () => {
  [browser, app] = await Promise.all([launchChromium(), serveBuiltApp()]);
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

interface OpenPanel {
  readonly page: Page;
  readonly tools: Locator;
  readonly device: SimulatedDevice;
  /** Page errors, console errors and CSP violations. */
  readonly errors: string[];
}

async function openPanel(options: { groups?: Partial<Record<GroupName, boolean>> } = {}): Promise<OpenPanel> {
  const text = (s: string) => new TextEncoder().encode(s);
  const device = await SimulatedDevice.create({
    transport: "serial",
    processingMs: 0,
    flash: { writeBytesPerMs: 1e6 },
    fs: { files: { "/lfs1/log.txt": text("boot ok\nready\n") } },
    settings: { roots: ["app"], storage: true, values: { "app/name": text("pump-7") } },
    rtc: "2020-01-01T00:00:00Z",
    ...(options.groups ? { groups: options.groups } : {}),
  });
  // No bypassCSP: the app's policy stays on, and a violation would show up in `errors`.
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  const errors = await collectPageErrors(page);
  const fakes = await installFakeWebApis(page, { device });
  await page.goto(app.url);
  fakes.hub.chooseNext(FAKE_SERIAL_ID);
  await page.getByRole("button", { name: "USB serial" }).click();
  await page.getByText(/^Connected · /).waitFor();
  const tools = page.locator("#device-tools");
  await tools.getByRole("tablist", { name: "Device tools" }).waitFor();
  return { page, tools, device, errors };
}

describe("Tools panel", () => {
  test("shows the tabs the device supports and moves between them with the keyboard", async () => {
    const { page, tools, errors } = await openPanel();
    const tabs = tools.getByRole("tab");
    await expect(tabs.allTextContents()).resolves.toEqual(["Files", "Shell", "Statistics", "Settings", "OS"]);
    await tabs.first().focus();
    await page.keyboard.press("ArrowRight");
    await expect
      .poll(() => tools.getByRole("tab", { name: "Shell" }).getAttribute("aria-selected"))
      .toBe("true");
    await page.keyboard.press("End");
    await expect
      .poll(() => tools.getByRole("tab", { name: "OS" }).getAttribute("aria-selected"))
      .toBe("true");
    for (const box of await Promise.all(
      (await tools.locator("button:visible").all()).map((b) => b.boundingBox()),
    )) {
      expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
    }
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test("hides tabs the device does not support", async () => {
    const { page, tools, errors } = await openPanel({ groups: { fs: false, shell: false, stat: false } });
    await expect(tools.getByRole("tab").allTextContents()).resolves.toEqual(["Settings", "OS"]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test("shell: runs a command, shows its output, recalls it with the up arrow", async () => {
    const { page, tools } = await openPanel();
    await tools.getByRole("tab", { name: "Shell" }).click();
    const input = tools.getByLabel("Command");
    await input.fill("kernel version");
    await input.press("Enter");
    await expect(tools.getByRole("log", { name: "Shell output" }).textContent()).resolves.toBeTruthy();
    await tools.getByRole("log", { name: "Shell output" }).getByText("Zephyr version 4.4.0").waitFor();
    await input.fill("nosuchcmd");
    await input.press("Enter");
    await tools.getByText("returned -8").waitFor();
    await input.press("ArrowUp");
    await expect(input.inputValue()).resolves.toBe("nosuchcmd");
    await input.press("ArrowUp");
    await expect(input.inputValue()).resolves.toBe("kernel version");
    await page.context().close();
  });

  test("files: send a file with progress, check its hash, download one", async () => {
    const { page, tools, device, errors } = await openPanel();
    const bytes = Array.from({ length: 6000 }, (_, i) => (i * 13) & 0xff);
    await tools.getByLabel("File on this computer").setInputFiles({
      name: "blob.bin",
      mimeType: "application/octet-stream",
      buffer: Buffer.from(bytes),
    });
    await expect
      .poll(() => tools.getByLabel("Path on the device").first().inputValue())
      .toBe("/lfs1/blob.bin");
    await tools.getByRole("button", { name: "Send" }).click();
    await tools.getByText(/^Sent 5\.9 KB to \/lfs1\/blob\.bin/).waitFor();
    expect(Array.from(device.files().get("/lfs1/blob.bin") ?? [])).toEqual(bytes);

    await tools.getByLabel("Path on the device").nth(2).fill("/lfs1/log.txt");
    await tools.getByRole("button", { name: "Size and hash" }).click();
    await tools.getByText("14 bytes (14 B)").waitFor();

    await tools.getByLabel("Path on the device").nth(1).fill("/lfs1/log.txt");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      tools.getByRole("button", { name: "Download" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("log.txt");
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test("settings: read as text, write hex, see it as hex", async () => {
    const { page, tools, device } = await openPanel();
    await tools.getByRole("tab", { name: "Settings" }).click();
    await tools.getByLabel("Name").fill("app/name");
    await tools.getByRole("button", { name: "Read", exact: true }).click();
    await tools.getByText("text, 6 bytes").waitFor();
    await expect.poll(() => tools.getByLabel("Value", { exact: true }).inputValue()).toBe("pump-7");
    await tools.getByLabel("Name").fill("app/level");
    await tools.getByLabel("Value", { exact: true }).fill("0x0a00");
    await tools.getByLabel("Value is").selectOption("auto");
    await tools.getByRole("button", { name: "Write" }).click();
    await tools.getByText("Wrote app/level (2 bytes)").waitFor();
    expect(Array.from(device.settingsValues().runtime.get("app/level") ?? [])).toEqual([0x0a, 0x00]);
    await tools.getByRole("button", { name: "Read", exact: true }).click();
    await tools.getByText("hex, 2 bytes").waitFor();
    await tools.getByText("10, little-endian").waitFor();
    await page.context().close();
  });

  test("statistics and OS: read a group, set the clock, read threads and groups", async () => {
    const { page, tools } = await openPanel();
    await tools.getByRole("tab", { name: "Statistics" }).click();
    await tools.getByLabel("Group").selectOption("smp_svr_stats");
    await tools.getByRole("button", { name: "Read", exact: true }).click();
    await tools.getByRole("rowheader", { name: "ticks" }).waitFor();
    await tools.getByRole("tab", { name: "OS" }).click();
    await tools.getByRole("button", { name: "Set from this computer" }).click();
    await tools.getByText(/in step with this computer/).waitFor();
    const threads = tools.locator(".tools-section", { has: page.getByRole("heading", { name: "Threads" }) });
    await threads.getByRole("button", { name: "Read" }).click();
    await threads.getByRole("rowheader", { name: "mcumgr smp" }).waitFor();
    await tools.getByRole("button", { name: "Ask the device" }).click();
    await tools.getByText("· 5 commands").waitFor();
    await page.context().close();
  });
});

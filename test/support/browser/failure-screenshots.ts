// Screenshots only when a test fails, into that test's own output folder (test-results/<test file>/<test
// name>/), so a failure can be looked at afterwards and a passing run writes nothing. launchChromium() attaches
// this to every page the tests open.

import { mkdirSync } from "node:fs";
import { join, relative } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { onTestFailed, type TestContext } from "vitest";

function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 80) || "test"
  );
}

/** test-results/<file without .test.ts>/<test name>, under the repository root. */
export function testOutputFolder(root: string, context: TestContext): string {
  const file = relative(root, context.task.file.filepath).replace(/\.test\.tsx?$/, "");
  return join(root, "test-results", file, slug(context.task.name));
}

function screenshotOnFailure(root: string, page: Page, index: number): void {
  try {
    onTestFailed(async (context) => {
      if (page.isClosed()) return;
      const folder = testOutputFolder(root, context);
      mkdirSync(folder, { recursive: true });
      await page
        .screenshot({ path: join(folder, `page-${index}.png`), fullPage: true })
        .catch(() => undefined);
    });
  } catch {
    // Opened outside a test (a beforeAll): no test to fail, so nothing to attach to.
  }
}

/** Every page opened through `browser` (new contexts and browser.newPage alike) is shot if its test fails. */
export function watchPagesForFailures(browser: Browser, root: string): void {
  let pages = 0;
  const watch = (context: BrowserContext): void => {
    context.on("page", (page) => screenshotOnFailure(root, page, ++pages));
  };
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (...args: Parameters<Browser["newContext"]>) => {
    const context = await newContext(...args);
    watch(context);
    return context;
  };
}

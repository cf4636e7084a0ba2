// Steps several app suites share: connect the Demo device, trust the vectors' Ed25519 key, and open a
// signed vector image, waiting until its verification report is on screen.

import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { vectorPath } from "../vectors.js";

export async function connectDemo(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Demo device" }).click();
  await page.getByText(/^Connected · /).waitFor();
}

/** Opens a folding panel (Device, Trusted keys, Tools, History start folded on a phone). */
export async function unfold(page: Page, name: string): Promise<void> {
  const toggle = page.getByRole("region", { name }).getByRole("button", { name, exact: true });
  if ((await toggle.getAttribute("aria-expanded")) === "false") await toggle.click();
}

export async function trustVectorKey(page: Page): Promise<void> {
  const keys = page.getByRole("region", { name: "Trusted keys" });
  await unfold(page, "Trusted keys");
  await keys
    .getByLabel("Add a public key")
    .fill(readFileSync(vectorPath("mcuboot", "keys", "ed25519.pub.pem"), "utf8"));
  await keys.getByLabel("Name (optional)").fill("Demo key");
  await keys.getByRole("button", { name: "Add key" }).click();
  await keys.getByText("Added “Demo key”").waitFor();
}

export async function openVectorImage(page: Page, image: string): Promise<void> {
  await page.setInputFiles('[data-testid="firmware-file"]', vectorPath("mcuboot", "images", "signed", image));
  await page.getByTestId("verification-report").getByText(image).waitFor();
}

import { type ErrorParams, McuFlashError } from "../../core/errors.js";
import { i18n } from "../../i18n/browser-i18n.js";
// Downloads a firmware file from an address the user typed (or a vendor page pre-filled and the user
// confirmed). It is the only request to another site the app ever makes, and the CSP's connect-src allows
// https: for exactly this. URL checks and name extraction are pure and unit-tested.

export const MAX_FIRMWARE_BYTES = 64 * 1024 * 1024;

export type UrlCheck =
  { readonly ok: true; readonly url: URL } | { readonly ok: false; readonly error: string };

export function checkFirmwareUrl(input: string, pageUrl: string): UrlCheck {
  const text = input.trim();
  if (text.length === 0)
    return { ok: false, error: i18n._("app.firmware-download.type-address-firmware-file") };
  let url: URL;
  try {
    url = new URL(text, pageUrl);
  } catch {
    return {
      ok: false,
      error: i18n._("app.firmware-download.not-web-address-should"),
    };
  }
  const page = new URL(pageUrl);
  if (url.origin === page.origin) return { ok: true, url };
  if (url.protocol !== "https:") {
    return {
      ok: false,
      error: i18n._("app.firmware-download.only-https-addresses-can"),
    };
  }
  return { ok: true, url };
}

/** The file name from Content-Disposition, else the last path segment, else "firmware.bin". */
export function firmwareNameOf(url: URL, contentDisposition: string | null): string {
  const star = contentDisposition ? /filename\*\s*=\s*(?:UTF-8'')?([^;]+)/i.exec(contentDisposition) : null;
  const plain = contentDisposition ? /filename\s*=\s*"?([^";]+)"?/i.exec(contentDisposition) : null;
  const raw = star?.[1] ?? plain?.[1] ?? url.pathname.split("/").pop() ?? "";
  let name = raw.trim();
  try {
    name = decodeURIComponent(name);
  } catch {
    // Keep it as sent.
  }
  name = name.replace(/[\\/]/g, "_");
  return name.length > 0 ? name : "firmware.bin";
}

/** A firmware download the user asked for failed; the variant names what went wrong. */
export class FirmwareDownloadError extends McuFlashError {
  constructor(variant: string, params: ErrorParams = {}, options: { cause?: unknown } = {}) {
    super("firmware-download-failed", params, { variant, ...options });
  }
}

export async function downloadFirmware(
  url: URL,
  signal?: AbortSignal,
): Promise<{ bytes: Uint8Array; name: string }> {
  let response: Response;
  try {
    // No cookies or credentials: a firmware file must be public, and we do not want to leak a session.
    response = await fetch(url, { credentials: "omit", cache: "no-store", ...(signal ? { signal } : {}) });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new FirmwareDownloadError(
      navigator.onLine ? "unreachable" : "offline",
      { host: url.host },
      { cause: error },
    );
  }
  if (!response.ok) {
    throw new FirmwareDownloadError("server-answered-check-address", {
      status: response.status,
      statusText: response.statusText,
    });
  }
  const declared = Number(response.headers.get("content-length") ?? "0");
  if (declared > MAX_FIRMWARE_BYTES) {
    throw new FirmwareDownloadError("file-bytes-too-large", { declared });
  }
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.length > MAX_FIRMWARE_BYTES) {
    throw new FirmwareDownloadError("file-too-large-firmware");
  }
  return { bytes, name: firmwareNameOf(url, response.headers.get("content-disposition")) };
}

// Runs in the browser page (bundled by Vite into the global `McuFlashHarness`): drives the real Web Serial and
// Web Bluetooth transports, the real SMP client and the real upload engine, as the app will, against whatever
// navigator.serial / navigator.bluetooth the page has (the fakes, in the end-to-end tests). Every function
// returns plain data: errors come back as {name, code, message}, since a rejection loses its class on the way
// to the test.

import { fromBase64 } from "../../../src/core/bytes.js";
import { McuFlashError } from "../../../src/core/errors.js";
import { SmpClient, osEcho } from "../../../src/core/smp/index.js";
import type { Transport, TransportFactory } from "../../../src/core/transport.js";
import { SAFE_DEFAULT_BUF_COUNT, SAFE_DEFAULT_BUF_SIZE } from "../../../src/core/update/chunk-size.js";
import type { SlotState } from "../../../src/core/update/flow-types.js";
import { SmpDeviceSession, classifyFailure } from "../../../src/core/update/smp-device-session.js";
import { uploadImage } from "../../../src/core/update/upload.js";
import { detectTransportCapabilities, readCapabilityInput } from "../../../src/transports/capabilities.js";
import type { TransportCapabilities } from "../../../src/transports/capabilities.js";
import { requestWebBluetoothLink } from "../../../src/transports/web-bluetooth/index.js";
import { requestWebSerialLink } from "../../../src/transports/web-serial/index.js";

export interface HarnessError {
  readonly name: string;
  readonly code: string;
  readonly message: string;
}

export type HarnessResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: HarnessError };

export interface LinkInfo {
  readonly label: string;
  readonly maxPacketSize: number;
}

export interface UploadSummary {
  readonly bytes: number;
  readonly resumedFrom: number;
  readonly requests: number;
  readonly chunkDataSize: number;
  /** Acknowledged offsets, in the order the progress callback reported them. */
  readonly progress: readonly number[];
}

let factory: TransportFactory | undefined;
let transport: Transport | undefined;
let session: SmpDeviceSession | undefined;
let consoleLog = "";

function describeError(error: unknown): HarnessError {
  if (error instanceof McuFlashError) return { name: error.name, code: error.code, message: error.message };
  if (error instanceof Error) return { name: error.name, code: "", message: error.message };
  return { name: "", code: "", message: String(error) };
}

async function attempt<T>(work: () => Promise<T>): Promise<HarnessResult<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    return { ok: false, error: describeError(error) };
  }
}

async function openSession(): Promise<LinkInfo> {
  if (factory === undefined) throw new Error("Connect first.");
  const link = await factory.open();
  transport = link;
  session = new SmpDeviceSession(new SmpClient(link), link);
  return { label: link.label, maxPacketSize: link.maxPacketSize };
}

function current(): SmpDeviceSession {
  if (session === undefined) throw new Error("Not connected.");
  return session;
}

export function connectSerial(
  options: { usbVendorId?: number; baudRate?: number; reopenWindowMs?: number } = {},
): Promise<HarnessResult<LinkInfo>> {
  return attempt(async () => {
    factory = await requestWebSerialLink({
      ...(options.usbVendorId !== undefined ? { filters: [{ usbVendorId: options.usbVendorId }] } : {}),
      ...(options.baudRate !== undefined ? { baudRate: options.baudRate } : {}),
      ...(options.reopenWindowMs !== undefined ? { reopenWindowMs: options.reopenWindowMs } : {}),
      onConsoleText: (text) => {
        consoleLog += text;
      },
    });
    return openSession();
  });
}

export function connectBluetooth(
  options: { namePrefix?: string; writeSize?: number; reconnectWindowMs?: number } = {},
): Promise<HarnessResult<LinkInfo>> {
  return attempt(async () => {
    factory = await requestWebBluetoothLink({
      ...(options.namePrefix !== undefined ? { namePrefix: options.namePrefix } : {}),
      ...(options.writeSize !== undefined ? { writeSize: options.writeSize } : {}),
      ...(options.reconnectWindowMs !== undefined ? { reconnectWindowMs: options.reconnectWindowMs } : {}),
    });
    return openSession();
  });
}

/** Opens the same port/device again through the factory (after an unplug or a reset). */
export function reconnect(): Promise<HarnessResult<LinkInfo>> {
  return attempt(async () => {
    session?.client.dispose();
    await transport?.close();
    return openSession();
  });
}

export function readImages(): Promise<HarnessResult<SlotState[]>> {
  return attempt(() => current().readImageState());
}

export function echo(text: string, timeoutMs = 2000): Promise<HarnessResult<string>> {
  return attempt(async () => (await current().client.request(osEcho, { d: text }, { timeoutMs })).r);
}

export function upload(imageBase64: string): Promise<HarnessResult<UploadSummary>> {
  return attempt(async () => {
    const image = fromBase64(imageBase64);
    if (image === undefined) throw new Error("The image is not base64.");
    const active = current();
    const params = (await active.readParams()) ?? {
      bufSize: SAFE_DEFAULT_BUF_SIZE,
      bufCount: SAFE_DEFAULT_BUF_COUNT,
    };
    const sha256 = new Uint8Array(await crypto.subtle.digest("SHA-256", new Uint8Array(image)));
    const progress: number[] = [];
    const result = await uploadImage(active.upload, image, {
      sha256,
      bufSize: params.bufSize,
      bufCount: params.bufCount,
      transportMaxPacket: active.maxPacketSize,
      classifyFailure,
      onProgress: (p) => progress.push(p.bytes),
      timeouts: { chunkMs: 2000, firstChunkMs: 5000, lastChunkMs: 5000 },
      maxRetries: 3,
    });
    return {
      bytes: result.bytes,
      resumedFrom: result.resumedFrom,
      requests: result.requests,
      chunkDataSize: result.chunkDataSize,
      progress,
    };
  });
}

/** How the current link ended, once it has: "user", or "lost" with the error's code. */
export async function closedReason(): Promise<{ kind: string; code: string }> {
  if (transport === undefined) throw new Error("Not connected.");
  const reason = await transport.closed;
  return { kind: reason.kind, code: reason.kind === "lost" ? describeError(reason.error).code : "" };
}

export async function disconnect(): Promise<void> {
  session?.client.dispose();
  await transport?.close();
  session = undefined;
  transport = undefined;
}

export function consoleText(): string {
  return consoleLog;
}

export async function capabilities(): Promise<TransportCapabilities> {
  return detectTransportCapabilities(await readCapabilityInput({ isSecureContext, navigator }));
}

// What every device tool needs around a request: recognising "this build does not have that command" (Zephyr
// answers a missing group or command with the v1 `rc` 8, MGMT_ERR_ENOTSUP), and the device's SMP buffers,
// which size the transfer windows and chunks.

import { MgmtRc, SmpDeviceError, osMcumgrParams, type SmpClient } from "../smp/index.js";
import { SAFE_DEFAULT_BUF_COUNT, SAFE_DEFAULT_BUF_SIZE } from "../update/chunk-size.js";

/** The device answered "not supported" (MGMT_ERR_ENOTSUP as a v1 `rc`): the group or command is not built in. */
export function isNotSupported(error: unknown): boolean {
  return error instanceof SmpDeviceError && error.style === "rc" && error.rc === MgmtRc.ENOTSUP;
}

/** Runs a request a build may leave out: "not supported" becomes undefined, any other failure still throws. */
export async function unlessNotSupported<T>(request: () => Promise<T>): Promise<T | undefined> {
  try {
    return await request();
  } catch (error) {
    if (isNotSupported(error)) return undefined;
    throw error;
  }
}

export interface DeviceBuffers {
  /** Size of one SMP buffer on the device, header included. */
  readonly bufSize: number;
  /** How many such buffers it has. */
  readonly bufCount: number;
  /** False when the device did not report them and safe defaults are used. */
  readonly reported: boolean;
}

/** Options most tool functions take. */
export interface ToolRequestOptions {
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
}

/** The request options for SmpClient, leaving out what was not given (exactOptionalPropertyTypes). */
export function requestOptions(options: ToolRequestOptions): { signal?: AbortSignal; timeoutMs?: number } {
  return {
    ...(options.signal !== undefined ? { signal: options.signal } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
  };
}

/** The device's SMP buffers (os mcumgr params), or Zephyr's smallest common configuration when not reported. */
export async function readDeviceBuffers(
  client: SmpClient,
  options: ToolRequestOptions = {},
): Promise<DeviceBuffers> {
  const params = await unlessNotSupported(() => client.request(osMcumgrParams, {}, requestOptions(options)));
  if (params === undefined || params.buf_size <= 0 || params.buf_count <= 0) {
    return { bufSize: SAFE_DEFAULT_BUF_SIZE, bufCount: SAFE_DEFAULT_BUF_COUNT, reported: false };
  }
  return { bufSize: params.buf_size, bufCount: params.buf_count, reported: true };
}

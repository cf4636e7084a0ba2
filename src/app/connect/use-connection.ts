// The link to the device and the device panel's view of it: connect through the browser's chooser, read
// the slots and device info, notice a lost link, and step aside (suspend) while the update flow owns the
// link, which it opens and reopens itself across resets.

import { AppError } from "../shared/app-error.js";
import { i18n } from "../../i18n/browser-i18n.js";
import { modeFromSlots } from "../../core/device/running-mode.js";
import { useCallback, useEffect, useRef, useState } from "react";
import type { SmpClient } from "../../core/smp/index.js";
import type { TransportFactory } from "../../core/transport.js";
import type { LinkKind } from "../../web/capabilities.js";
import type { SlotState } from "../../core/update/flow-types.js";
import { openDevice, type DeviceControl, type DeviceSnapshot, type SlotAction } from "../services/device.js";
import { requestLink, type LinkFactory, type LinkRequestOptions } from "../services/links.js";
import { errorCode, errorText, isAbort } from "../shared/error-text.js";

/** Transport error codes that mean "the user closed the browser's device chooser". */
const CHOOSER_CLOSED: ReadonlySet<string> = new Set(["no-port-chosen", "no-device-chosen"]);

export type ConnectionStatus =
  "idle" | "choosing" | "connecting" | "connected" | "restarting" | "lost" | "lent";

export interface ConnectionState {
  readonly status: ConnectionStatus;
  readonly kind: LinkKind | undefined;
  readonly label: string | undefined;
  /** The serial port's baud rate as the link opens it; undefined for Bluetooth and the demo. */
  readonly baudRate: number | undefined;
  readonly factory: TransportFactory | undefined;
  readonly snapshot: DeviceSnapshot | undefined;
  readonly reading: boolean;
  readonly error: string | undefined;
  /** A remark that is not a failure (e.g. the chooser was closed). */
  readonly notice: string | undefined;
  /** The SMP client of the open session (for the Tools panel); undefined while not connected or lent. */
  readonly client: SmpClient | undefined;
  connect(kind: LinkKind, options?: LinkRequestOptions): void;
  reconnect(): void;
  disconnect(): void;
  refresh(): void;
  echo(text: string): Promise<{ reply: string; ms: number }>;
  reset(): void;
  /**
   * Restarts the device asking it to stay in MCUboot's serial recovery (Zephyr's os reset boot_mode 1), then
   * reconnects; the notice says if the application came back instead (firmware without boot mode support).
   */
  restartIntoBootloader(): void;
  /** After restartIntoBootloader: whether MCUboot's serial recovery answered, or the application came back. */
  readonly bootloaderOutcome: "entered" | "not-entered" | undefined;
  /** Confirms the image running on trial (its hash as listed), then reads the slots again. */
  keepRunning(hash: string): Promise<void>;
  /** Test, confirm or erase one slot as listed, then reads the slots again. */
  slotAction(action: SlotAction, slot: SlotState): Promise<void>;
  /** Closes the panel's session so the update flow can open the link; `resume` reopens it. */
  lend(): Promise<TransportFactory | undefined>;
  resume(): void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function useConnection(): ConnectionState {
  const [status, setStatus] = useState<ConnectionStatus>("idle");
  const [kind, setKind] = useState<LinkKind | undefined>();
  const [factory, setFactory] = useState<LinkFactory | undefined>();
  const [snapshot, setSnapshot] = useState<DeviceSnapshot | undefined>();
  const [reading, setReading] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [client, setClient] = useState<SmpClient | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  const control = useRef<DeviceControl | undefined>(undefined);
  const closingOnPurpose = useRef(false);

  const read = useCallback(async (device: DeviceControl) => {
    setReading(true);
    try {
      setSnapshot(await device.read());
      setError(undefined);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setReading(false);
    }
  }, []);

  const attach = useCallback(
    async (source: TransportFactory, attempts = 1) => {
      setStatus((s) => (s === "restarting" ? s : "connecting"));
      let lastError: unknown;
      for (let attempt = 0; attempt < attempts; attempt++) {
        if (attempt > 0) await sleep(1000 * 2 ** (attempt - 1));
        try {
          const device = await openDevice(source);
          control.current = device;
          setClient(device.client);
          closingOnPurpose.current = false;
          void device.closed.then((reason) => {
            if (control.current !== device || closingOnPurpose.current) return;
            control.current = undefined;
            setClient(undefined);
            setStatus("lost");
            setError(
              reason.kind === "lost"
                ? i18n._("app.use-connection.link-device-lost-reconnect", {
                    errorMessage: errorText(reason.error),
                  })
                : i18n._("app.use-connection.link-closed"),
            );
          });
          setStatus("connected");
          await read(device);
          return;
        } catch (e) {
          lastError = e;
        }
      }
      setStatus("lost");
      setError(errorText(lastError));
    },
    [read],
  );

  const closeControl = useCallback(async () => {
    const device = control.current;
    control.current = undefined;
    setClient(undefined);
    if (!device) return;
    closingOnPurpose.current = true;
    await device.close().catch(() => undefined);
  }, []);

  const connect = useCallback(
    (linkKind: LinkKind, options?: LinkRequestOptions) => {
      void (async () => {
        await closeControl();
        setError(undefined);
        setNotice(undefined);
        setSnapshot(undefined);
        setKind(linkKind);
        setStatus("choosing");
        try {
          const chosen = await requestLink(linkKind, options);
          setFactory(chosen);
          await attach(chosen);
        } catch (e) {
          setStatus("idle");
          setFactory(undefined);
          // Closing the browser's chooser is a choice, not an error: say it quietly, with the transport's tip
          // for when the device was not listed.
          if (isAbort(e)) return;
          if (CHOOSER_CLOSED.has(errorCode(e) ?? "")) setNotice(errorText(e));
          else setError(errorText(e));
        }
      })();
    },
    [attach, closeControl],
  );

  const reconnect = useCallback(() => {
    if (factory) void attach(factory, 3);
  }, [attach, factory]);

  const disconnect = useCallback(() => {
    void closeControl().then(() => {
      setStatus("idle");
      setFactory(undefined);
      setKind(undefined);
      setSnapshot(undefined);
      setError(undefined);
    });
  }, [closeControl]);

  const refresh = useCallback(() => {
    if (control.current) void read(control.current);
  }, [read]);

  const echo = useCallback(async (text: string) => {
    if (!control.current) throw new AppError("connect-first");
    return control.current.echo(text);
  }, []);

  const reset = useCallback(() => {
    const device = control.current;
    if (!device || !factory) return;
    void (async () => {
      setStatus("restarting");
      // The device may reset before its answer gets out; the reconnect below tells whether it did.
      await device.reset().catch(() => undefined);
      await closeControl();
      await sleep(1500);
      await attach(factory, 4);
    })();
  }, [attach, closeControl, factory]);

  // Set while a restart into the bootloader waits for the device to answer again.
  const bootloaderAsked = useRef(false);
  const [bootloaderOutcome, setBootloaderOutcome] = useState<"entered" | "not-entered" | undefined>();
  const restartIntoBootloader = useCallback(() => {
    const device = control.current;
    if (!device || !factory) return;
    void (async () => {
      setStatus("restarting");
      setBootloaderOutcome(undefined);
      bootloaderAsked.current = true;
      await device.reset({ bootMode: 1 }).catch(() => undefined);
      await closeControl();
      await sleep(1500);
      await attach(factory, 4);
    })();
  }, [attach, closeControl, factory]);

  useEffect(() => {
    if (!bootloaderAsked.current || !snapshot) return;
    bootloaderAsked.current = false;
    setBootloaderOutcome(
      snapshot.slots.length > 0 && modeFromSlots(snapshot.slots) === "application"
        ? "not-entered"
        : "entered",
    );
  }, [snapshot]);

  const keepRunning = useCallback(
    async (hash: string) => {
      const device = control.current;
      if (!device) throw new AppError("connect-first");
      await device.confirmRunning(hash);
      await read(device);
    },
    [read],
  );

  const slotAction = useCallback(
    async (action: SlotAction, slot: SlotState) => {
      const device = control.current;
      if (!device) throw new AppError("connect-first");
      try {
        await device.slotAction(action, slot);
      } finally {
        await read(device);
      }
    },
    [read],
  );

  const lend = useCallback(async () => {
    await closeControl();
    if (factory) setStatus("lent");
    return factory;
  }, [closeControl, factory]);

  const resume = useCallback(() => {
    if (factory) void attach(factory, 3);
  }, [attach, factory]);

  useEffect(() => () => void closeControl(), [closeControl]);

  return {
    status,
    kind,
    label: factory?.label,
    baudRate: kind === "serial" ? factory?.baudRate : undefined,
    factory,
    snapshot,
    reading,
    error,
    notice,
    client,
    connect,
    reconnect,
    disconnect,
    refresh,
    echo,
    reset,
    restartIntoBootloader,
    bootloaderOutcome,
    keepRunning,
    slotAction,
    lend,
    resume,
  };
}

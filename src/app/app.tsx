// The page: connect (1), firmware (2), update (3). On a laptop the device side (connect, device, keys) is on
// the left and the firmware side (firmware, update, history) on the right; a phone shows one column.
// Holds no protocol logic: each panel talks to a hook, each hook to a service adapter or the storage.

import { i18n } from "../i18n/browser-i18n.js";
import { useLingui } from "@lingui/react";
import { Suspense, lazy, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { AppHeader } from "./app-header.js";
import { ConnectPanel } from "./connect/connect-panel.js";
import { useConnection } from "./connect/use-connection.js";
import { DevicePanel } from "./device/device-panel.js";
import { FirmwarePanel } from "./firmware/firmware-panel.js";
import { packageGate } from "./firmware/send-gate.js";
import { useFirmware } from "./firmware/use-firmware.js";
import { HistoryPanel } from "./history/history-panel.js";
import { useHistory } from "./history/use-history.js";
import { KeysPanel } from "./keys/keys-panel.js";
import { useKeys } from "./keys/use-keys.js";
import { activateWaitingVersion } from "./pwa/service-worker.js";
import { usePwaStatus } from "./pwa/use-pwa-status.js";
import { loadDeviceControl } from "./services/device.js";
import { warmUpLinks } from "./services/links.js";
import { useLinkSupport } from "./services/use-link-support.js";
import { describeKey, loadVerifier, type KeyMaterial } from "./services/verifier.js";
import type { HistoryEntry } from "./storage/records.js";
import { ConsentPrompt } from "./update/consent-prompt.js";
import { ResumeOfferList } from "./update/resume-offer-list.js";
import { startBlocker } from "./update/start-readiness.js";
import { UpdatePanel } from "./update/update-panel.js";
import { useBeforeUnload } from "./update/use-before-unload.js";
import { useConsent } from "./update/use-consent.js";
import { useUpdate } from "./update/use-update.js";
import { useNextStepFocus } from "./use-next-step-focus.js";
import { useOnline } from "./use-online.js";

// The device tools (files, shell, statistics, settings, OS) are a lazy chunk: most visits only update firmware.
const DeviceToolsPanel = lazy(() =>
  import("./tools/index.js").then((module) => ({ default: module.DeviceToolsPanel })),
);

/** Loads the lazy chunks once the page is idle, so the first click on Connect or a file pick is instant. */
function useWarmUp(): void {
  useEffect(() => {
    const warm = () => {
      void loadVerifier().catch(() => undefined);
      void loadDeviceControl().catch(() => undefined);
      warmUpLinks(["demo", "serial", "bluetooth"]);
    };
    if ("requestIdleCallback" in window) {
      const handle = window.requestIdleCallback(warm, { timeout: 3000 });
      return () => window.cancelIdleCallback(handle);
    }
    const timer = setTimeout(warm, 1000);
    return () => clearTimeout(timer);
  }, []);
}

export function App() {
  // Re-renders the whole app when the language changes (panels read words through i18n._).
  useLingui();
  const pwa = usePwaStatus();
  const online = useOnline();
  const support = useLinkSupport();
  const keys = useKeys();
  const connection = useConnection();
  // By the link's kind, not its label: the label is worded in the active language.
  const onDemoDevice = connection.status === "connected" && connection.kind === "demo";
  // The demo key is kept apart from the user's trusted keys: it counts only for this visit, and only while
  // the Demo device is connected, so it never changes a verdict for a real device.
  const [demoKey, setDemoKey] = useState<KeyMaterial | undefined>();
  const demoKeyActive = demoKey !== undefined && connection.kind === "demo";
  const keyMaterial = useMemo(() => {
    const trusted = keys.keys.map((k) => ({ name: k.name, material: k.material }));
    return demoKey && demoKeyActive ? [...trusted, demoKey] : trusted;
  }, [keys.keys, demoKey, demoKeyActive]);
  const firmware = useFirmware(keyMaterial);
  const history = useHistory();
  const [generation, setGeneration] = useState(0);
  const { record } = history;
  const onRecorded = useCallback(
    (entry: HistoryEntry) => {
      record(entry);
      setGeneration((g) => g + 1);
    },
    [record],
  );
  const { openFile } = firmware;
  // The demo file is opened once the demo key is among the keys it is verified with (the next render).
  const pendingDemoFile = useRef<File | undefined>(undefined);
  useEffect(() => {
    const file = pendingDemoFile.current;
    if (!file || !demoKey || !keyMaterial.includes(demoKey)) return;
    pendingDemoFile.current = undefined;
    openFile(file);
  }, [demoKey, keyMaterial, openFile]);
  const loadDemoFirmware = useCallback(() => {
    void (async () => {
      const { nextDemoFirmware } = await import("./services/demo-firmware.js");
      const demo = await nextDemoFirmware();
      // The same import as a trusted key's (PEM → the key the verifier uses), kept in memory only.
      const key = await describeKey(demo.keyPem, demo.keyName);
      pendingDemoFile.current = demo.file;
      setDemoKey({
        name: i18n._("app.app.demo-key-name", { name: demo.keyName }),
        material: key.publicMaterial,
      });
    })();
  }, []);
  const consent = useConsent();
  const update = useUpdate(connection, onRecorded, consent.ask, history.persistStart);
  const running = update.state.phase === "running";
  useBeforeUnload(running);
  useWarmUp();

  const image = firmware.current?.check.images[firmware.selected];
  // Everything a Start sends passes the gate: a package's images go together, so the worst one decides.
  const verdict = firmware.current
    ? packageGate(firmware.current.check.images, firmware.selected, keyMaterial.length)
    : undefined;
  const blocker = startBlocker({
    connected: connection.status === "connected",
    hasImage: image !== undefined,
    verdict,
    overrideAccepted: firmware.override,
    running,
    readingDevice: connection.status === "connected" && !connection.snapshot && connection.reading,
  });
  const { expectFirmware } = useNextStepFocus(
    connection.status,
    image !== undefined,
    blocker === undefined,
    connection.reading,
  );
  const target =
    image && connection.label
      ? `${image.version ?? i18n._("app.app.target-image")} → ${connection.label}`
      : undefined;

  const onStart = () => {
    if (!image || !firmware.current) return;
    update.start({
      image,
      packageImages: firmware.current.check.images,
      firmwareName: firmware.current.check.fileName,
      keys: keyMaterial,
      overrideAccepted: firmware.override,
    });
  };

  return (
    <>
      <a className="skip-link" href="#main">
        {i18n._("app.app.skip-panels")}
      </a>
      <AppHeader
        pwa={pwa}
        online={online}
        updateRunning={running}
        onActivateVersion={activateWaitingVersion}
      />
      <main id="main" className="layout">
        {/* The task first (connect, firmware, update); what a technician looks at beside it after. */}
        <div className="column">
          <ConnectPanel connection={connection} support={support} locked={running} />
          <FirmwarePanel
            state={firmware}
            verdict={verdict}
            locked={running}
            onDemoFirmware={
              onDemoDevice
                ? () => {
                    expectFirmware();
                    loadDemoFirmware();
                  }
                : undefined
            }
          />
          <UpdatePanel
            state={update.state}
            mode={update.mode}
            onMode={update.setMode}
            blocker={blocker}
            target={target}
            onStart={onStart}
            onCancel={() => {
              // A question still on screen is answered "no", so the flow can stop.
              consent.answer(false);
              update.cancel();
            }}
            consent={
              consent.question && <ConsentPrompt question={consent.question} onAnswer={consent.answer} />
            }
            resumeOffers={
              <ResumeOfferList
                saved={firmware.saved}
                generation={generation}
                disabled={running}
                openFirmwareId={firmware.current?.check.fileSha256}
                onOpen={firmware.openSaved}
              />
            }
          />
        </div>
        <div className="column">
          <DevicePanel connection={connection} locked={running} />
          <KeysPanel state={keys} disabled={running} />
          {connection.client && !running ? (
            <Suspense fallback={null}>
              <DeviceToolsPanel client={connection.client} />
            </Suspense>
          ) : null}
          <HistoryPanel history={history} locked={running} />
        </div>
      </main>
      <footer className="app-footer">
        <p>{i18n._("app.app.mcuflash-runs-entirely-browser")}</p>
      </footer>
    </>
  );
}

// Renders the install session's state inside the element's shadow root with plain DOM. The panel is rebuilt
// only when the step changes; progress updates patch the bar and the text, so focus stays where it is.

import type { InstallLinkKind, InstallState } from "../core/manifest/index.js";
import {
  DEVELOPER_DETAIL,
  problemText,
  endState,
  liveText,
  manifestProblemText,
  progressNumbers,
  relationText,
} from "../web/install-text.js";
import { percentOf } from "../web/format.js";
import { button, h, nodes, slot, type Child } from "./embed-dom.js";

export interface EmbedModel {
  readonly state: InstallState;
  readonly demo: boolean;
  /** Links the manifest allows and this browser can use (in demo mode: only "demo"); undefined while unknown. */
  readonly usable: readonly InstallLinkKind[] | undefined;
  /** Why no link can be used, for the default "unsupported" text. */
  readonly unsupportedReason: string | undefined;
  /** The user pressed the button and must now pick how to connect. */
  readonly choosing: boolean;
}

export interface EmbedActions {
  activate(): void;
  connect(kind: InstallLinkKind): void;
  install(): void;
  cancel(): void;
  next(): void;
  retry(): void;
}

const QUIET_CODES = new Set(["no-port-chosen", "no-device-chosen"]);

const LINK_LABELS: Readonly<Record<InstallLinkKind, string>> = {
  bluetooth: "Bluetooth",
  serial: "USB serial",
  demo: "Demo device",
};

export function isUnsupported(model: EmbedModel): boolean {
  return model.usable !== undefined && model.usable.length === 0 && model.state.phase === "ready";
}

function structureKey(model: EmbedModel): string {
  const s = model.state;
  return JSON.stringify([
    s.phase,
    model.choosing,
    model.usable,
    s.error?.message,
    s.device?.label,
    s.blocker?.message,
    s.result?.index,
    s.activity?.imageIndex,
  ]);
}

export class EmbedView {
  private key = "";
  private readonly content = h("div", { class: "panel", part: "panel" });
  private readonly live = h("p", { class: "sr", attrs: { role: "status", "aria-live": "polite" } });
  private progress: HTMLProgressElement | undefined;
  private status: HTMLParagraphElement | undefined;
  private numbers: HTMLParagraphElement | undefined;

  constructor(
    root: ShadowRoot,
    private readonly actions: EmbedActions,
  ) {
    root.append(this.content, this.live);
  }

  render(model: EmbedModel): void {
    const live = liveText(model.state);
    if (this.live.textContent !== live) this.live.textContent = live;
    const key = structureKey(model);
    if (key === this.key) {
      this.patch(model.state);
      return;
    }
    this.key = key;
    this.progress = undefined;
    this.status = undefined;
    this.numbers = undefined;
    this.content.replaceChildren(...nodes(this.build(model)));
    this.patch(model.state);
  }

  private patch(state: InstallState): void {
    const activity = state.activity;
    if (this.status && activity) this.status.textContent = activity.message;
    if (this.progress && activity?.progress) {
      this.progress.max = activity.progress.total;
      this.progress.value = activity.progress.bytes;
      this.progress.setAttribute(
        "aria-valuetext",
        `${percentOf(activity.progress.bytes, activity.progress.total)}%`,
      );
    }
    if (this.numbers) this.numbers.textContent = activity?.progress ? progressNumbers(activity.progress) : "";
  }

  private build(model: EmbedModel): Child[] {
    const state = model.state;
    const actions = this.actions;
    const manifest = state.manifest;
    const product = manifest?.product ?? "your device";
    switch (state.phase) {
      case "loading":
        return [h("p", { class: "muted" }, "Loading the firmware information…")];
      case "load-failed":
        return [
          h("p", { class: "bad" }, "This update is not available right now."),
          h("p", {}, manifestProblemText(state.error?.code)),
          h(
            "details",
            { class: "muted" },
            h("summary", {}, DEVELOPER_DETAIL),
            h("p", {}, state.error ? problemText(state.error) : ""),
          ),
        ];
      case "ready": {
        const newest = manifest?.releases[0];
        const head = [
          h("p", { class: "title" }, product),
          newest &&
            h(
              "p",
              { class: "muted" },
              `Latest firmware: ${newest.version}${model.demo ? " · demo device" : ""}`,
            ),
        ];
        if (isUnsupported(model)) {
          return [
            ...head,
            slot(
              "unsupported",
              h(
                "p",
                {},
                `This browser cannot reach the ${product}. ${model.unsupportedReason ?? "Use Chrome or Edge on a computer."}`,
              ),
            ),
          ];
        }
        // Closing the browser's chooser without picking a device is a choice, not a failure.
        const error =
          state.error &&
          (QUIET_CODES.has(state.error.code)
            ? h("p", { class: "muted" }, state.error.message)
            : h("p", { class: "bad", attrs: { role: "alert" } }, state.error.message));
        if (model.choosing && model.usable) {
          return [
            ...head,
            h("p", {}, "How is the device connected?"),
            h(
              "div",
              { class: "row" },
              ...model.usable.map((kind) => button(LINK_LABELS[kind], () => actions.connect(kind))),
            ),
            error,
          ];
        }
        const trigger = slot(
          "activate",
          button(`Update ${product}`, () => undefined),
        );
        trigger.addEventListener("click", () => actions.activate());
        return [...head, h("div", { class: "row" }, trigger), error];
      }
      case "connecting":
        return [
          h("p", {}, model.demo ? "Starting the demo device…" : "Pick the device in the browser's window…"),
        ];
      case "checking":
        return [h("p", {}, "Checking the device…")];
      case "checked":
        return this.checked(model);
      case "installing": {
        const activity = state.activity;
        this.status = h("p", {}, activity?.message ?? "Installing…");
        this.progress = h("progress", { part: "progress", attrs: { "aria-label": "Upload progress" } });
        this.numbers = h("p", { class: "numbers", part: "progress-numbers" });
        return [
          h("p", { class: "title" }, `Installing ${state.selection?.release.version ?? ""}`),
          activity &&
            activity.imageCount > 1 &&
            h("p", { class: "muted" }, `Image ${activity.imageIndex + 1} of ${activity.imageCount}`),
          this.status,
          this.progress,
          this.numbers,
          h("p", { class: "muted" }, "Keep the device powered and close by."),
          h(
            "div",
            { class: "row" },
            button("Cancel", () => actions.cancel(), "secondary"),
          ),
        ];
      }
      case "done": {
        const result = state.result;
        if (!result) return [];
        const end = endState(result, product);
        return [
          h(
            "p",
            { class: end.tone === "success" ? "ok" : "bad" },
            `${end.tone === "success" ? "✓ " : ""}${end.title}`,
          ),
          h("p", { class: "muted" }, end.detail),
          h(
            "div",
            { class: "row" },
            end.tone !== "success" && button("Try again", () => actions.retry()),
            button(
              "Update another device",
              () => actions.next(),
              end.tone === "success" ? "primary" : "secondary",
            ),
          ),
        ];
      }
    }
  }

  private checked(model: EmbedModel): Child[] {
    const { state } = model;
    const actions = this.actions;
    const device = state.device;
    const selection = state.selection;
    const checks = state.match?.checks ?? [];
    const lines = [
      h(
        "p",
        { class: "title" },
        `${device?.label ?? "The device"} runs ${device?.runningVersion ?? "an unknown version"}`,
      ),
      checks.length > 0 &&
        h(
          "ul",
          { class: "checks", attrs: { "aria-label": "Product checks" } },
          ...checks.map((c) =>
            h(
              "li",
              { class: c.ok ? "" : "bad" },
              h(
                "span",
                { class: c.ok ? "ok-mark" : "", attrs: { "aria-hidden": "true" } },
                c.ok ? "✓ " : "✕ ",
              ),
              h("span", { class: "sr" }, c.ok ? "Passed: " : "Failed: "),
              c.message,
            ),
          ),
        ),
    ];
    if (state.blocker || !selection) {
      return [
        ...lines,
        h(
          "p",
          { class: "bad", attrs: { role: "alert" } },
          state.blocker?.message ?? "No release for this device.",
        ),
        h(
          "div",
          { class: "row" },
          button("Try another device", () => actions.next(), "secondary"),
        ),
      ];
    }
    return [
      ...lines,
      h("p", {}, relationText(selection.relation, selection.runningVersion, selection.release.version)),
      selection.release.notes && h("p", { class: "muted notes" }, selection.release.notes),
      h(
        "div",
        { class: "row" },
        button(`Install ${selection.release.version}`, () => actions.install()),
        button("Cancel", () => actions.next(), "secondary"),
      ),
    ];
  }
}

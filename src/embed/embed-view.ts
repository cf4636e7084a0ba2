// Renders the install session's state inside the element's shadow root with plain DOM. The panel is rebuilt
// only when the step changes; progress updates patch the bar and the text, so focus stays where it is.

import type { InstallLinkKind, InstallState } from "../core/manifest/index.js";
import { i18n } from "../i18n/browser-i18n.js";
import { LINK_NAMES } from "../web/capabilities.js";
import {
  activityText,
  checkText,
  developerDetailText,
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

export function isUnsupported(state: InstallState, usable: EmbedModel["usable"]): boolean {
  return usable !== undefined && usable.length === 0 && state.phase === "ready";
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

  /** Shows the model in the active language (`lang`: its tag, so screen readers pronounce it right). */
  render(model: EmbedModel, lang: string): void {
    this.content.setAttribute("lang", lang);
    this.live.setAttribute("lang", lang);
    const live = liveText(model.state);
    if (this.live.textContent !== live) this.live.textContent = live;
    const key = `${lang} ${structureKey(model)}`;
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
    if (this.status && activity) this.status.textContent = activityText(activity);
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
    const product = manifest?.product ?? i18n._("install.embed.your-device");
    switch (state.phase) {
      case "loading":
        return [h("p", { class: "muted" }, i18n._("install.embed.loading"))];
      case "load-failed":
        return [
          h("p", { class: "bad" }, i18n._("install.embed.not-available")),
          h("p", {}, manifestProblemText(state.error?.code)),
          h(
            "details",
            { class: "muted" },
            h("summary", {}, developerDetailText()),
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
              i18n._(model.demo ? "install.embed.latest-demo" : "install.embed.latest", {
                version: newest.version,
              }),
            ),
        ];
        if (isUnsupported(model.state, model.usable)) {
          return [
            ...head,
            slot(
              "unsupported",
              h(
                "p",
                {},
                i18n._("install.embed.unsupported", {
                  product,
                  reason: model.unsupportedReason ?? i18n._("install.embed.use-chrome"),
                }),
              ),
            ),
          ];
        }
        // Closing the browser's chooser without picking a device is a choice, not a failure.
        const error =
          state.error &&
          (QUIET_CODES.has(state.error.code)
            ? h("p", { class: "muted" }, problemText(state.error))
            : h("p", { class: "bad", attrs: { role: "alert" } }, problemText(state.error)));
        if (model.choosing && model.usable) {
          return [
            ...head,
            h("p", {}, i18n._("install.embed.how-connected")),
            h(
              "div",
              { class: "row" },
              ...model.usable.map((kind) => button(i18n._(LINK_NAMES[kind]), () => actions.connect(kind))),
            ),
            error,
          ];
        }
        const trigger = slot(
          "activate",
          button(i18n._("install.embed.update-product", { product }), () => undefined),
        );
        trigger.addEventListener("click", () => actions.activate());
        return [...head, h("div", { class: "row" }, trigger), error];
      }
      case "connecting":
        return [h("p", {}, i18n._(model.demo ? "install.embed.starting-demo" : "install.live.connecting"))];
      case "checking":
        return [h("p", {}, i18n._("install.embed.checking"))];
      case "checked":
        return this.checked(model);
      case "installing": {
        const activity = state.activity;
        this.status = h("p", {}, activityText(activity));
        this.progress = h("progress", {
          part: "progress",
          attrs: { "aria-label": i18n._("install.embed.upload-progress") },
        });
        this.numbers = h("p", { class: "numbers", part: "progress-numbers" });
        return [
          h(
            "p",
            { class: "title" },
            i18n._("install.embed.installing", { version: state.selection?.release.version ?? "" }),
          ),
          activity &&
            activity.imageCount > 1 &&
            h(
              "p",
              { class: "muted" },
              i18n._("install.step.image-of", { index: activity.imageIndex + 1, count: activity.imageCount }),
            ),
          this.status,
          this.progress,
          this.numbers,
          h("p", { class: "muted" }, i18n._("install.embed.keep-powered")),
          h(
            "div",
            { class: "row" },
            button(i18n._("install.step.cancel"), () => actions.cancel(), "secondary"),
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
            end.tone !== "success" && button(i18n._("install.flow.try-again"), () => actions.retry()),
            button(
              i18n._("install.results.update-another"),
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
        device?.runningVersion === undefined
          ? i18n._("install.embed.device-runs-unknown", {
              device: device?.label ?? i18n._("install.embed.the-device"),
            })
          : i18n._("install.embed.device-runs", {
              device: device.label,
              version: device.runningVersion,
            }),
      ),
      checks.length > 0 &&
        h(
          "ul",
          { class: "checks", attrs: { "aria-label": i18n._("install.match.product-checks") } },
          ...checks.map((c) =>
            h(
              "li",
              { class: c.ok ? "" : "bad" },
              h(
                "span",
                { class: c.ok ? "ok-mark" : "", attrs: { "aria-hidden": "true" } },
                c.ok ? "✓ " : "✕ ",
              ),
              h("span", { class: "sr" }, i18n._(c.ok ? "install.match.passed" : "install.match.failed")),
              checkText(c),
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
          state.blocker ? problemText(state.blocker) : i18n._("install.embed.no-release"),
        ),
        h(
          "div",
          { class: "row" },
          button(i18n._("install.embed.try-another"), () => actions.next(), "secondary"),
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
        button(i18n._("install.step.install", { version: selection.release.version }), () =>
          actions.install(),
        ),
        button(i18n._("install.step.cancel"), () => actions.next(), "secondary"),
      ),
    ];
  }
}

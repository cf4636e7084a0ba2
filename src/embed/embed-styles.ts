// The element's styles, scoped by its shadow root. Adopted as a constructed stylesheet where the browser can
// (a page's strict CSP does not block those), else as a <style> element. Pages theme it with
// --mcuflash-* custom properties and ::part(button), ::part(panel), ::part(progress).

const CSS = `
:host {
  --accent: var(--mcuflash-accent, #0e6470);
  --accent-text: var(--mcuflash-accent-text, #ffffff);
  --text: var(--mcuflash-text, #1a2327);
  --muted: var(--mcuflash-muted, #56656b);
  --surface: var(--mcuflash-surface, #ffffff);
  --border: var(--mcuflash-border, #d5dde0);
  --ok: var(--mcuflash-ok, #17703a);
  --bad: var(--mcuflash-bad, #b42318);
  --radius: var(--mcuflash-radius, 10px);
  display: block;
  max-width: 32rem;
  color: var(--text);
  font: var(--mcuflash-font, inherit);
  line-height: 1.45;
}
:host([hidden]) { display: none; }
* { box-sizing: border-box; }
.panel {
  border: 1px solid var(--border);
  border-radius: var(--radius);
  background: var(--surface);
  padding: 1rem;
  display: flex;
  flex-direction: column;
  gap: 0.6rem;
}
.title { margin: 0; font-weight: 700; font-size: 1.05em; }
p { margin: 0; }
.muted { color: var(--muted); font-size: 0.92em; }
.numbers { margin: 0.25rem 0 0; font-variant-numeric: tabular-nums; font-weight: 600; }
.row { display: flex; flex-wrap: wrap; gap: 0.5rem; }
.btn {
  min-height: 44px;
  min-width: 44px;
  padding: 0.55rem 1.1rem;
  border-radius: 8px;
  border: 1px solid transparent;
  font: inherit;
  font-weight: 600;
  cursor: pointer;
}
.btn.primary { background: var(--accent); color: var(--accent-text); }
.btn.secondary { background: transparent; color: var(--accent); border-color: var(--border); }
.btn:focus-visible, ::slotted(:focus-visible) { outline: 3px solid #1b8fff; outline-offset: 2px; }
.btn:disabled { opacity: 0.5; cursor: not-allowed; }
progress { width: 100%; height: 0.9rem; accent-color: var(--accent); }
.ok { color: var(--ok); font-weight: 700; }
.bad { color: var(--bad); font-weight: 700; }
.checks { margin: 0; padding: 0; list-style: none; display: flex; flex-direction: column; gap: 0.2rem; }
.checks .ok-mark { color: var(--ok); font-weight: 700; }
.notes { white-space: pre-line; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;

export function applyStyles(root: ShadowRoot): void {
  if (
    "adoptedStyleSheets" in root &&
    typeof CSSStyleSheet === "function" &&
    "replaceSync" in CSSStyleSheet.prototype
  ) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    root.adoptedStyleSheets = [sheet];
    return;
  }
  const style = document.createElement("style");
  style.textContent = CSS;
  root.append(style);
}

// A value shown short with a button that copies the whole of it (hashes, fingerprints). The full value is
// also in the accessible name and the tooltip: nothing is hidden, it is only abbreviated.

import { i18n } from "../../i18n/browser-i18n.js";
import { useId, useState } from "react";
import { shortHash } from "../../web/format.js";

export function CopyValue(props: {
  readonly value: string | undefined;
  readonly label: string;
  readonly length?: number;
}) {
  const [copied, setCopied] = useState(false);
  const codeId = useId();
  const { value } = props;
  if (!value) return <span className="muted">—</span>;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      // Clipboard refused (permissions): select the text so Ctrl+C works.
      const selection = window.getSelection();
      const node = document.getElementById(codeId);
      if (selection && node) selection.selectAllChildren(node);
    }
  };
  return (
    <span className="copy-value">
      <code id={codeId} title={value} data-full={value}>
        {shortHash(value, props.length ?? 12)}
      </code>
      <button
        type="button"
        className="button small ghost"
        onClick={() => void copy()}
        aria-label={i18n._("app.copy-button.copy", { propsLabel: props.label, value })}
      >
        {copied ? i18n._("app.copy-button.copied") : i18n._("app.copy-button.copy-2")}
      </button>
    </span>
  );
}

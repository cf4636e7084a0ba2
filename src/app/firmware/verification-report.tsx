// The verification report, shown before anything can be sent: what the image is (version, size, hash),
// who signed it (a trusted key's name, or "untrusted"), the outcome and its reason, and what could not be
// checked. An untrusted image needs an explicit, warned override; a refused one cannot be sent at all.

import { i18n } from "../../i18n/browser-i18n.js";
import { say } from "../../i18n/describe-error.js";
import { useId } from "react";
import type { FirmwareCheck, ImageCheck } from "../services/verifier.js";
import { CopyValue } from "../shared/copy-button.js";
import { formatByteCount, formatBytes } from "../../web/format.js";
import type { GateVerdict } from "./send-gate.js";

const VERDICT_TITLE: Readonly<Record<GateVerdict["kind"], string>> = {
  allowed: "app.verification-report.verdict.allowed",
  "needs-override": "app.verification-report.verdict.needs-override",
  refused: "app.verification-report.verdict.refused",
};

function formatName(format: string): string {
  const key = FORMAT_NAME[format];
  return key === undefined ? format : i18n._(key);
}

const FORMAT_NAME: Readonly<Record<string, string>> = {
  binary: "app.verification-report.format.binary",
  "intel-hex": "app.verification-report.format.intel-hex",
  "dfu-zip": "app.verification-report.format.dfu-zip",
};

function imageLabel(image: ImageCheck): string {
  return i18n._("app.verification-report.image", {
    imageNumber: image.imageNumber,
    value: image.name ? ` (${image.name})` : "",
    value2: image.version ? i18n._("app.verification-report.version-2", { imageVersion: image.version }) : "",
  });
}

/** What the choice above the report means: which image goes, or which one's report shows (all go together). */
function choiceLegend(images: readonly ImageCheck[]): string {
  if (new Set(images.map((i) => i.imageNumber)).size > 1)
    return "app.verification-report.package-sent-together";
  if (images.some((i) => i.slot !== undefined)) return "app.verification-report.package-slot-builds";
  return "app.verification-report.package-holds-images-send";
}

export function VerificationReport(props: {
  readonly check: FirmwareCheck;
  readonly selected: number;
  readonly verdict: GateVerdict;
  readonly override: boolean;
  readonly onSelect: (index: number) => void;
  readonly onOverride: (value: boolean) => void;
  readonly disabled: boolean;
}) {
  const { check, verdict } = props;
  const image = check.images[props.selected];
  const overrideId = useId();
  if (!image) return null;
  return (
    <div className="report" data-testid="verification-report">
      <p className="report-file">
        <strong>{check.fileName}</strong> · {formatBytes(check.fileSize)} · {formatName(check.format)}
      </p>

      {check.images.length > 1 && (
        <fieldset className="image-choice">
          <legend>{i18n._(choiceLegend(check.images), { imagesLength: check.images.length })}</legend>
          {check.images.map((candidate, index) => (
            <label key={`${candidate.imageNumber}-${candidate.name}`} className="radio-row">
              <input
                type="radio"
                name="package-image"
                checked={index === props.selected}
                disabled={props.disabled}
                onChange={() => props.onSelect(index)}
              />
              {imageLabel(candidate)}
            </label>
          ))}
        </fieldset>
      )}

      <div className={`verdict verdict-${verdict.kind}`} role="status" data-testid="verdict">
        <strong className="verdict-title">{i18n._(VERDICT_TITLE[verdict.kind])}</strong>
        <span>{verdict.summary}</span>
        {verdict.kind === "refused" && <span className="verdict-advice">{verdict.advice}</span>}
      </div>

      <dl className="facts">
        <dt>{i18n._("app.verification-report.version")}</dt>
        <dd>{image.version ?? "—"}</dd>
        <dt>{i18n._("app.verification-report.size")}</dt>
        <dd>{formatByteCount(image.size)}</dd>
        <dt>
          {i18n._("app.verification-report.image-hash")}
          {image.hashAlgorithm ? ` (${image.hashAlgorithm})` : ""}
        </dt>
        <dd>
          <CopyValue value={image.imageHash} label={i18n._("app.verification-report.image-hash-label")} />
        </dd>
        <dt>{i18n._("app.verification-report.signed")}</dt>
        <dd data-testid="signer">
          {image.signedBy ? (
            <strong>{image.signedBy}</strong>
          ) : (
            <span className="badge warning">{i18n._("app.verification-report.untrusted")}</span>
          )}
        </dd>
        {image.encrypted && (
          <>
            <dt>{i18n._("app.verification-report.encrypted")}</dt>
            <dd>{image.encrypted}</dd>
          </>
        )}
        {image.board && (
          <>
            <dt>{i18n._("app.verification-report.board")}</dt>
            <dd>{image.board}</dd>
          </>
        )}
      </dl>

      {/* The verifier's own words: one click away, so the plain verdict above is said once. */}
      <details className="report-technical">
        <summary>{i18n._("app.verification-report.technical-detail")}</summary>
        <dl className="facts">
          <dt>{i18n._("app.verification-report.signature")}</dt>
          <dd>
            {image.signatureType ?? i18n._("app.verification-report.no-signature")}
            <span className="muted"> — {say(i18n, image.signatureDetail)}</span>
          </dd>
          <dt>{i18n._("app.verification-report.outcome")}</dt>
          <dd data-testid="outcome">
            {/* The verifier's outcome code, as the CLI's --json names it (the verdict above says it in words). */}
            <code className={`badge ${image.outcome === "valid" ? "ok" : "bad"}`}>{image.outcome}</code>
          </dd>
          <dt>{i18n._("app.verification-report.reason")}</dt>
          <dd data-testid="reason">{say(i18n, image.reason)}</dd>
        </dl>
        {(image.warnings.length > 0 || image.notChecked.length > 0 || check.keyProblems.length > 0) && (
          <ul className="report-notes">
            {[...[...image.notChecked, ...image.warnings].map((m) => say(i18n, m)), ...check.keyProblems].map(
              (note) => (
                <li key={note}>{note}</li>
              ),
            )}
          </ul>
        )}
      </details>

      {verdict.kind === "needs-override" && (
        <div className="override">
          <p className="notice warning">{verdict.warning}</p>
          <label htmlFor={overrideId} className="check-row">
            <input
              id={overrideId}
              type="checkbox"
              checked={props.override}
              disabled={props.disabled}
              onChange={(e) => props.onOverride(e.target.checked)}
            />
            {i18n._("app.verification-report.i-understand-risk-send")}
          </label>
        </div>
      )}
    </div>
  );
}

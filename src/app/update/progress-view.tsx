// Upload progress: a native <progress> (announced by screen readers with its value text), and the numbers a
// technician watches: percent, bytes, rate and time left.

import type { PackageProgress } from "../../core/update/flow-types.js";
import { i18n } from "../../i18n/browser-i18n.js";
import type { UploadProgress } from "../../core/update/progress.js";
import { formatBytes, formatDuration, formatRate, percentOf } from "../../web/format.js";

export function progressText(p: UploadProgress): string {
  return i18n._("app.progress-view.text", {
    bytes: percentOf(p.bytes, p.total),
    bytes2: formatBytes(p.bytes),
    total: formatBytes(p.total),
  });
}

/** The average rate of a finished upload, over the bytes this run sent (not those an earlier run sent). */
export function averageRate(p: UploadProgress): number {
  const sent = p.total - (p.resumedFrom ?? 0);
  return p.elapsedMs > 0 && sent > 0 ? (sent * 1000) / p.elapsedMs : 0;
}

/** For a package: "Image 2 of 2 (image 1) · 63% of all images". */
export function packageProgressText(p: PackageProgress): string {
  return i18n._("app.progress-view.package", {
    position: p.index + 1,
    count: p.count,
    image: p.imageNumber,
    percent: percentOf(p.bytes, p.total),
  });
}

export function ProgressView(props: {
  readonly progress: UploadProgress;
  readonly paused: boolean;
  /** The run ended (cancelled or failed): a rate and time left would describe nothing. */
  readonly stopped?: boolean;
  readonly packageProgress?: PackageProgress | undefined;
}) {
  const { progress, packageProgress } = props;
  const percent = percentOf(progress.bytes, progress.total);
  const done = progress.total > 0 && progress.bytes >= progress.total;
  return (
    <div className="progress">
      {packageProgress && packageProgress.count > 1 && (
        <p className="progress-package" data-testid="package-progress">
          {packageProgressText(packageProgress)}
        </p>
      )}
      <progress
        max={progress.total}
        value={progress.bytes}
        aria-label={i18n._("app.progress-view.upload-progress")}
        aria-valuetext={`${percent}%`}
      />
      <div className="progress-numbers">
        <strong className="progress-percent">{percent}%</strong>
        <span>
          {" "}
          {i18n._("app.progress-view.text-2", {
            bytes: formatBytes(progress.bytes),
            total: formatBytes(progress.total),
          })}{" "}
        </span>
        {props.stopped && !done ? (
          <span>{i18n._("app.progress-view.stopped")}</span>
        ) : props.paused && !done ? (
          // The link dropped: the last rate and ETA would be fiction until the device is back.
          <span className="progress-paused">{i18n._("app.progress-view.paused-waiting-device")}</span>
        ) : done ? (
          // Finished: the average over the whole upload says more than the last few seconds' rate.
          <span>
            {i18n._("app.progress-view.done", {
              rate: formatRate(averageRate(progress)),
              duration: formatDuration(progress.elapsedMs / 1000),
            })}
          </span>
        ) : (
          <>
            <span>{formatRate(progress.bytesPerSecond)}</span>
            <span>
              {progress.etaSeconds === undefined
                ? i18n._("app.progress-view.estimating")
                : i18n._("app.progress-view.left", { duration: formatDuration(progress.etaSeconds) })}
            </span>
          </>
        )}
      </div>
    </div>
  );
}

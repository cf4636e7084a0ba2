// Upload progress: a native <progress> (announced by screen readers with its value text), and the numbers a
// technician watches: percent, bytes, rate and time left.

import type { PackageProgress } from "../../core/update/flow-types.js";
import type { UploadProgress } from "../../core/update/progress.js";
import { UPDATE_TEXT } from "./update-text.js";
import { formatBytes, formatDuration, formatRate, percentOf } from "../../web/format.js";

export function progressText(p: UploadProgress): string {
  return `${percentOf(p.bytes, p.total)}% · ${formatBytes(p.bytes)} of ${formatBytes(p.total)}`;
}

/** The average rate of a finished upload, over the bytes this run sent (not those an earlier run sent). */
export function averageRate(p: UploadProgress): number {
  const sent = p.total - (p.resumedFrom ?? 0);
  return p.elapsedMs > 0 && sent > 0 ? (sent * 1000) / p.elapsedMs : 0;
}

/** For a package: "Image 2 of 2 (image 1) · 63% of all images". */
export function packageProgressText(p: PackageProgress): string {
  return `Image ${p.index + 1} of ${p.count} (image ${p.imageNumber}) · ${percentOf(p.bytes, p.total)}% of all images`;
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
        aria-label="Upload progress"
        aria-valuetext={`${percent}%`}
      />
      <div className="progress-numbers">
        <strong className="progress-percent">{percent}%</strong>
        <span>
          {formatBytes(progress.bytes)} of {formatBytes(progress.total)}
        </span>
        {props.stopped && !done ? (
          <span>{UPDATE_TEXT.uploadStopped}</span>
        ) : props.paused && !done ? (
          // The link dropped: the last rate and ETA would be fiction until the device is back.
          <span className="progress-paused">paused: waiting for the device</span>
        ) : done ? (
          // Finished: the average over the whole upload says more than the last few seconds' rate.
          <span>
            {formatRate(averageRate(progress))} · done in {formatDuration(progress.elapsedMs / 1000)}
          </span>
        ) : (
          <>
            <span>{formatRate(progress.bytesPerSecond)}</span>
            <span>
              {progress.etaSeconds === undefined
                ? "estimating…"
                : `${formatDuration(progress.etaSeconds)} left`}
            </span>
          </>
        )}
      </div>
    </div>
  );
}

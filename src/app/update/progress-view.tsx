// Upload progress: a native <progress> (announced by screen readers with its value text), and the numbers a
// technician watches: percent, bytes, rate and time left.

import type { UploadProgress } from "../../core/update/progress.js";
import { formatBytes, formatDuration, formatRate, percentOf } from "../../web/format.js";

export function progressText(p: UploadProgress): string {
  return `${percentOf(p.bytes, p.total)}% · ${formatBytes(p.bytes)} of ${formatBytes(p.total)}`;
}

export function ProgressView(props: { readonly progress: UploadProgress; readonly paused: boolean }) {
  const { progress } = props;
  const percent = percentOf(progress.bytes, progress.total);
  const done = progress.total > 0 && progress.bytes >= progress.total;
  return (
    <div className="progress">
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
        {props.paused && !done ? (
          // The link dropped: the last rate and ETA would be fiction until the device is back.
          <span className="progress-paused">paused: waiting for the device</span>
        ) : done ? (
          // Finished: the average over the whole upload says more than the last few seconds' rate.
          <span>
            {formatRate(progress.elapsedMs > 0 ? (progress.total * 1000) / progress.elapsedMs : 0)} · done in{" "}
            {formatDuration(progress.elapsedMs / 1000)}
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

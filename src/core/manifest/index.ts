// Public API of core/manifest: vendor install manifests (docs/manifest.md) — parse and validate, match a device,
// pick a release, fetch and check its files, install on one device or a batch, and the install flow's state.

export { parseManifest, parseManifestText, MAX_MANIFEST_BYTES } from "./parse-manifest.js";
export {
  issueMessage,
  MANIFEST_ISSUE_KEYS,
  type ManifestIssue,
  type ManifestIssueCode,
} from "./manifest-issues.js";
export {
  MANIFEST_SCHEMA_VERSION,
  MAX_IMAGE_BYTES,
  type BluetoothRule,
  type DeviceRules,
  type Manifest,
  type ManifestImage,
  type ManifestKey,
  type ManifestPattern,
  type MatchRules,
  type Release,
  type SerialRule,
  type ServiceDataRule,
  type UpdatePolicy,
} from "./manifest-types.js";
export {
  FirmwareFetchError,
  ManifestError,
  ManifestErrorCode,
  ManifestFlowError,
  NoMatchingReleaseError,
  rejectionMessage,
  type ReleaseRejection,
  type ReleaseRejectionCode,
} from "./manifest-errors.js";
export { isAllowedUrl, resolveUrl } from "./resolve-url.js";
export {
  INSTALL_LINK_KINDS,
  readDeviceFacts,
  runningVersionOf,
  type DeviceFacts,
  type InstallLinkKind,
  type LinkFacts,
} from "./device-facts.js";
export { allowedLinks, matchDevice, type DeviceMatch, type MatchCheck } from "./match-device.js";
export {
  releaseRejection,
  relationTo,
  selectRelease,
  type ReleaseRelation,
  type SelectedRelease,
} from "./select-release.js";
export {
  checkImageBytes,
  fetchFirmware,
  memoryFirmwareCache,
  sha256Hex,
  type CachedFirmwareMeta,
  type FetchedImage,
  type Fetcher,
  type FetchOptions,
  type FirmwareCache,
} from "./fetch-firmware.js";
export { loadManifestKeys } from "./manifest-keys.js";
export { manifestVerifier } from "./manifest-verifier.js";
export {
  DEVICE_RESULTS,
  DeviceMismatchError,
  errorWords,
  inspectTarget,
  installBlocker,
  installImages,
  type DeviceResult,
  type ErrorWords,
  type DeviceResultKind,
  type FlowSettings,
  type InstallEvent,
  type InstallPlan,
  type InstallTarget,
} from "./install-device.js";
export { installOnTarget, isSuccess, runBatch, type BatchOptions, type BatchReport } from "./batch.js";
export {
  BATCH_AUDIT_FORMAT,
  batchAuditFileName,
  batchAuditJson,
  buildBatchAudit,
  type BatchAudit,
} from "./batch-audit.js";
export {
  INSTALL_PHASES,
  checkDevice,
  initialInstallState,
  type DeviceVerdict,
  type InstallActivity,
  type InstallPhase,
  type InstallProblem,
  type InstallState,
} from "./install-state.js";
export { InstallSession, type InstallSessionOptions } from "./install-session.js";
export {
  DEFAULT_OFFLINE_BUDGET_BYTES,
  offlinePlan,
  releaseBytes,
  upgradePath,
  type OfflinePlan,
} from "./offline-plan.js";
export { loadManifest } from "./load-manifest.js";

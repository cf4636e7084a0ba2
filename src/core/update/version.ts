// MCUboot versions as the device and the image header print them: "major.minor.revision" with an optional
// "+build" (or ".build"). Compared numerically, field by field, build included, as MCUboot's downgrade check does.

export interface ImageVersion {
  readonly major: number;
  readonly minor: number;
  readonly revision: number;
  readonly build: number;
}

export function parseVersion(text: string): ImageVersion | undefined {
  const match = /^\s*(\d+)\.(\d+)\.(\d+)(?:[+.](\d+))?\s*$/.exec(text);
  if (!match) return undefined;
  return {
    major: Number(match[1]),
    minor: Number(match[2]),
    revision: Number(match[3]),
    build: Number(match[4] ?? 0),
  };
}

export function compareVersions(a: ImageVersion, b: ImageVersion): number {
  return a.major - b.major || a.minor - b.minor || a.revision - b.revision || a.build - b.build;
}

export function formatVersion(v: ImageVersion): string {
  return `${v.major}.${v.minor}.${v.revision}${v.build ? `+${v.build}` : ""}`;
}

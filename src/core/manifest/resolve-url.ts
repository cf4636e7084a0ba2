// Resolves the manifest's image and key addresses against the manifest's own URL (RFC 3986 section 5.2,
// reference resolution) and applies the transport rule: https only, plain http only on this machine
// (localhost, for development). core/ has no URL class (it is not in ES2022), hence this small resolver.

interface UrlParts {
  scheme: string | undefined;
  authority: string | undefined;
  path: string;
  query: string | undefined;
}

// RFC 3986 appendix B: splits any URI reference into its five components.
const PARTS = /^(?:([^:/?#]+):)?(?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#.*)?$/;
const SCHEME = /^[a-zA-Z][a-zA-Z0-9+.-]*$/;

function split(text: string): UrlParts | undefined {
  const match = PARTS.exec(text);
  if (!match) return undefined;
  const scheme = match[1];
  if (scheme !== undefined && !SCHEME.test(scheme)) return undefined;
  return { scheme: scheme?.toLowerCase(), authority: match[2], path: match[3] ?? "", query: match[4] };
}

/** RFC 3986 5.2.4: removes "." and ".." segments. */
function removeDotSegments(path: string): string {
  const output: string[] = [];
  const segments = path.split("/");
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] ?? "";
    const last = i === segments.length - 1;
    if (segment === ".") {
      if (last) output.push("");
    } else if (segment === "..") {
      if (output.length > 1 || (output.length === 1 && output[0] !== "")) output.pop();
      if (last) output.push("");
    } else {
      output.push(segment);
    }
  }
  return output.join("/");
}

function merge(base: UrlParts, path: string): string {
  if (base.authority !== undefined && base.path === "") return `/${path}`;
  const slash = base.path.lastIndexOf("/");
  return slash < 0 ? path : `${base.path.slice(0, slash + 1)}${path}`;
}

function join(parts: UrlParts): string {
  return (
    `${parts.scheme ?? ""}:` +
    (parts.authority !== undefined ? `//${parts.authority}` : "") +
    parts.path +
    (parts.query !== undefined ? `?${parts.query}` : "")
  );
}

/** Why an address may not be used; the catalog words each ("manifest-issue.<problem>"). */
export type UrlProblem = "url-characters" | "url-invalid" | "url-base" | "url-credentials" | "url-not-https";

export type ResolvedUrl =
  | { readonly ok: true; readonly url: string }
  | { readonly ok: false; readonly problem: UrlProblem; readonly resolved?: string };

function hostOf(authority: string): string {
  const hostPort = authority.slice(authority.lastIndexOf("@") + 1);
  if (hostPort.startsWith("[")) return hostPort.slice(0, hostPort.indexOf("]") + 1).toLowerCase();
  const colon = hostPort.indexOf(":");
  return (colon < 0 ? hostPort : hostPort.slice(0, colon)).toLowerCase();
}

export function isLoopbackHost(host: string): boolean {
  return host === "localhost" || host === "[::1]" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** True for an absolute https: URL, or http: on a loopback host. */
export function isAllowedUrl(text: string): boolean {
  const parts = split(text);
  if (!parts?.scheme || parts.authority === undefined || parts.authority.length === 0) return false;
  if (parts.scheme === "https") return true;
  return parts.scheme === "http" && isLoopbackHost(hostOf(parts.authority));
}

/**
 * Resolves `reference` against the absolute `base` and checks the result may be downloaded. Whitespace,
 * backslashes and credentials are refused: browsers and servers disagree about them.
 */
export function resolveUrl(reference: string, base: string): ResolvedUrl {
  if (/[\s\\]/.test(reference) || [...reference].some((c) => c.charCodeAt(0) < 0x20 || c === "\u007f")) {
    return { ok: false, problem: "url-characters" };
  }
  const ref = split(reference);
  const root = split(base);
  if (!ref) return { ok: false, problem: "url-invalid" };
  if (!root?.scheme) return { ok: false, problem: "url-base" };
  let target: UrlParts;
  if (ref.scheme !== undefined) {
    target = { ...ref, path: removeDotSegments(ref.path) };
  } else if (ref.authority !== undefined) {
    target = { ...ref, scheme: root.scheme, path: removeDotSegments(ref.path) };
  } else if (ref.path === "") {
    target = { ...root, query: ref.query ?? root.query };
  } else {
    const path = ref.path.startsWith("/") ? ref.path : merge(root, ref.path);
    target = {
      scheme: root.scheme,
      authority: root.authority,
      path: removeDotSegments(path),
      query: ref.query,
    };
  }
  if (target.authority !== undefined && target.authority.includes("@")) {
    return { ok: false, problem: "url-credentials" };
  }
  const url = join(target);
  if (!isAllowedUrl(url)) {
    return { ok: false, problem: "url-not-https", resolved: url };
  }
  return { ok: true, url };
}

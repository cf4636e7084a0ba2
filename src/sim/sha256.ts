// SHA-256 through the platform (crypto.subtle), available in browsers, workers and Node alike.

export async function sha256(data: Uint8Array): Promise<Uint8Array> {
  // A fresh copy: subtle.digest wants a buffer it can read without surprises (no shared or detached memory).
  return new Uint8Array(await crypto.subtle.digest("SHA-256", data.slice()));
}

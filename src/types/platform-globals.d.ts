// The few standard globals core/ may use. They exist in every modern browser, in workers and in Node >= 20,
// but TypeScript only declares them in the DOM or Node libraries, which core/ must not see.

declare global {
  interface AbortSignal {
    readonly aborted: boolean;
    readonly reason: unknown;
    addEventListener(type: "abort", listener: () => void, options?: { once?: boolean }): void;
    removeEventListener(type: "abort", listener: () => void): void;
    throwIfAborted(): void;
  }
  var AbortSignal: {
    prototype: AbortSignal;
    timeout(ms: number): AbortSignal;
    any(signals: AbortSignal[]): AbortSignal;
    abort(reason?: unknown): AbortSignal;
  };
  interface AbortController {
    readonly signal: AbortSignal;
    abort(reason?: unknown): void;
  }
  var AbortController: { prototype: AbortController; new (): AbortController };

  class TextEncoder {
    encode(input?: string): Uint8Array;
  }
  class TextDecoder {
    constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
    decode(input?: ArrayBufferView | ArrayBuffer, options?: { stream?: boolean }): string;
  }

  type CoreBufferSource = ArrayBufferView | ArrayBuffer;
  interface CoreCryptoKey {
    readonly type: string;
    readonly algorithm: { name: string };
  }
  interface CoreSubtleCrypto {
    digest(algorithm: string | { name: string }, data: CoreBufferSource): Promise<ArrayBuffer>;
    importKey(
      format: "spki" | "raw" | "pkcs8" | "jwk",
      keyData: CoreBufferSource | object,
      algorithm: object,
      extractable: boolean,
      usages: string[],
    ): Promise<CoreCryptoKey>;
    exportKey(format: "spki" | "raw" | "pkcs8" | "jwk", key: CoreCryptoKey): Promise<ArrayBuffer | object>;
    verify(
      algorithm: object,
      key: CoreCryptoKey,
      signature: CoreBufferSource,
      data: CoreBufferSource,
    ): Promise<boolean>;
    // Used by core/mcuboot to decrypt encrypted MCUboot images (ECIES, RSA-OAEP, AES-KW, AES-CTR).
    decrypt(algorithm: object, key: CoreCryptoKey, data: CoreBufferSource): Promise<ArrayBuffer>;
    deriveBits(algorithm: object, baseKey: CoreCryptoKey, length: number): Promise<ArrayBuffer>;
    unwrapKey(
      format: "raw",
      wrappedKey: CoreBufferSource,
      unwrappingKey: CoreCryptoKey,
      unwrapAlgorithm: object,
      unwrappedKeyAlgorithm: object,
      extractable: boolean,
      keyUsages: string[],
    ): Promise<CoreCryptoKey>;
  }
  var crypto: { readonly subtle: CoreSubtleCrypto; getRandomValues<T extends ArrayBufferView>(array: T): T };

  function setTimeout(handler: () => void, timeout?: number): unknown;
  function clearTimeout(id: unknown): void;
  function queueMicrotask(callback: () => void): void;
  function atob(data: string): string;
  function btoa(data: string): string;

  interface Console {
    log(...data: unknown[]): void;
    warn(...data: unknown[]): void;
    error(...data: unknown[]): void;
  }
  var console: Console;
  var performance: { now(): number };
}

export {};

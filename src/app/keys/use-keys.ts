// Trusted keys: loaded from IndexedDB at start, added after the verifier accepted them, removed on request.

import { AppError } from "../shared/app-error.js";
import { i18n } from "../../i18n/browser-i18n.js";
import { useCallback, useEffect, useRef, useState } from "react";
import { newId } from "../storage/database.js";
import { listKeys, removeKey, saveKey } from "../storage/key-store.js";
import { mergeLoaded } from "../storage/merge-loaded.js";
import type { StoredKey } from "../storage/records.js";
import { describeKey } from "../services/verifier.js";
import { errorText } from "../shared/error-text.js";

export interface KeysState {
  readonly keys: readonly StoredKey[];
  readonly loaded: boolean;
  readonly storageProblem: string | undefined;
  /** Resolves with the stored key, or throws an error whose message is shown to the user. */
  add(material: string | Uint8Array, name: string | undefined): Promise<StoredKey>;
  remove(id: string): Promise<void>;
}

export function useKeys(): KeysState {
  const [keys, setKeys] = useState<readonly StoredKey[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [storageProblem, setStorageProblem] = useState<string | undefined>();

  // The keys as stored at start: a key added before they are read is checked against them too.
  const storedAtStart = useRef<Promise<readonly StoredKey[]>>(Promise.resolve([]));

  useEffect(() => {
    let live = true;
    const reading = listKeys();
    storedAtStart.current = reading.catch(() => []);
    reading
      .then((stored) => live && setKeys((current) => mergeLoaded(stored, current, "oldest-first")))
      .catch((error: unknown) => live && setStorageProblem(errorText(error)))
      .finally(() => live && setLoaded(true));
    return () => {
      live = false;
    };
  }, []);

  const add = useCallback(
    async (material: string | Uint8Array, name: string | undefined): Promise<StoredKey> => {
      const details = await describeKey(material, name);
      const known = mergeLoaded(await storedAtStart.current, keys, "oldest-first");
      const duplicate = known.find((k) => k.fingerprint === details.fingerprint);
      if (duplicate) throw new AppError("key-already-trusted", { duplicateName: duplicate.name });
      // A pasted PEM carries no name: say what it is instead of the importer's generic "key".
      const keyName =
        name ??
        (details.name === "key" ? `${details.type} ${details.fingerprint.slice(0, 8)}` : details.name);
      const key: StoredKey = {
        id: newId(),
        name: keyName,
        material: details.publicMaterial,
        type: details.type,
        format: details.fromPrivateKey
          ? i18n._("app.use-keys.public-part-private-key", { format: details.format })
          : details.format,
        fingerprint: details.fingerprint,
        addedAt: new Date().toISOString(),
      };
      await saveKey(key);
      setKeys((current) => [...current, key]);
      return key;
    },
    [keys],
  );

  const remove = useCallback(async (id: string) => {
    await removeKey(id);
    setKeys((current) => current.filter((k) => k.id !== id));
  }, []);

  return { keys, loaded, storageProblem, add, remove };
}

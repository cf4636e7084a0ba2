// A list read from storage at start can come back after the user already added to it (a quick paste, a slow
// disk on a loaded machine): taking the stored list as it is would drop what was added meanwhile from the
// screen. What is in memory wins over its stored copy (it is newer); the rest keeps its place.

interface Identified {
  readonly id: string;
}

/** The stored list with what was added while it was being read; `newestFirst` lists those added first. */
export function mergeLoaded<T extends Identified>(
  stored: readonly T[],
  inMemory: readonly T[],
  order: "oldest-first" | "newest-first",
): T[] {
  const added = inMemory.filter((m) => !stored.some((s) => s.id === m.id));
  const kept = stored.map((s) => inMemory.find((m) => m.id === s.id) ?? s);
  return order === "newest-first" ? [...added, ...kept] : [...kept, ...added];
}

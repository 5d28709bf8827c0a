/**
 * Collects items and writes them with `flush`, one flush at a time: the first item goes at once, and
 * whatever arrives while a flush is under way goes together in the next one. Alone, an item waits one
 * write; under load, many share it. `drain` waits for everything added so far and reports a failed flush.
 */
export const createBatcher = <T>(flush: (items: T[]) => Promise<void>) => {
  let waiting: T[] = [];
  let flushing: Promise<void> | null = null;
  let failure: { error: unknown } | null = null;
  const kick = () => {
    if (flushing || waiting.length === 0) return;
    const items = waiting;
    waiting = [];
    flushing = flush(items)
      .catch((error: unknown) => void (failure ??= { error }))
      .finally(() => {
        flushing = null;
        kick();
      });
  };
  return {
    add(item: T) {
      waiting.push(item);
      kick();
    },
    async drain() {
      while (flushing || waiting.length > 0) {
        kick();
        await flushing;
      }
      if (failure) throw failure.error;
    },
  };
};

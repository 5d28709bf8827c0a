/**
 * Runs `work` on every item with at most `limit` of them in flight, and settles when all have. A failure
 * of one item rejects the whole run only after the others finished, so nothing is left running behind it.
 */
export const forEachConcurrently = async <T>({ items, limit, work }: { items: readonly T[]; limit: number; work: (item: T) => Promise<void> }): Promise<void> => {
  let next = 0;
  let firstError: { error: unknown } | null = null;
  const lane = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      try {
        await work(item);
      } catch (error) {
        firstError ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
  if (firstError) throw (firstError as { error: unknown }).error;
};

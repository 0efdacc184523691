// Insert-once under a business key: the insert does nothing on a conflict, and the row already
// stored under the key is read back, so a repeat (or a concurrent duplicate that lost the race)
// answers with the first one's row.

export interface Inserted<Row> {
  row: Row;
  /** false: the key was taken and `row` is the one stored under it */
  created: boolean;
}

/** `inserting`: an insert … on conflict do nothing returning; `stored`: the row under the key. */
export async function insertOnce<Row>(
  inserting: PromiseLike<Row[]>,
  stored: () => PromiseLike<Row | null | undefined>,
  what: string,
): Promise<Inserted<Row>> {
  const [inserted] = await inserting;
  if (inserted) return { row: inserted, created: true };
  const row = await stored();
  if (!row) throw new Error(`${what} vanished after a conflicting insert`);
  return { row, created: false };
}

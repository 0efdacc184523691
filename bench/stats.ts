// Small statistics for side-by-side benchmarks: A and B are always measured in one run,
// interleaved (A, B, A, B ...), and compared as a ratio of medians.
import { readFile, writeFile } from 'node:fs/promises';

export const median = (xs: number[]): number => percentile(xs, 50);

export function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return Number.NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

/** Runs each side `rounds` times, alternating, and returns every side's samples. */
export async function interleave<K extends string>(
  rounds: number,
  sides: Record<K, (round: number) => Promise<number>>,
): Promise<Record<K, number[]>> {
  const names = Object.keys(sides) as K[];
  const samples = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<K, number[]>;
  for (let round = 0; round < rounds; round++) {
    for (const n of names) samples[n].push(await sides[n](round));
  }
  return samples;
}

/** Runs `count` calls of `fn` with at most `concurrency` in flight; returns the seconds taken. */
export async function pool(count: number, concurrency: number, fn: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) await fn(next++);
    }),
  );
  return (performance.now() - started) / 1000;
}

/** Milliseconds one call takes. */
export async function timed(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

export const round = (x: number, digits = 2): number => Number(x.toFixed(digits));

/** Writes `patch` into a results file, keeping the keys other benchmarks wrote there. */
export async function mergeResults(file: string, patch: Record<string, unknown>): Promise<void> {
  const existing = JSON.parse(await readFile(file, 'utf8').catch(() => '{}')) as Record<string, unknown>;
  await writeFile(file, `${JSON.stringify({ ...existing, ...patch }, null, 2)}\n`);
}

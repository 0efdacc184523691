import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { ROOT } from './paths';

/** Recorded histories the replay test checks on every run (test/workflows/replay.test.ts). */
export const HISTORIES_DIR = path.join(ROOT, 'test/workflows/histories');

/**
 * `RECORD_HISTORIES=1 npm test -- test/workflows` records the finished workflow's history as
 * `<name>.json`; otherwise this does nothing. Record again only for a deliberate change of a
 * workflow, guarded by patched(): the files are what running workflows look like.
 */
export async function recordHistory(handle: WorkflowHandle, name: string): Promise<void> {
  if (!process.env.RECORD_HISTORIES) return;
  await writeFile(path.join(HISTORIES_DIR, `${name}.json`), `${historyToJSON(await handle.fetchHistory())}\n`);
}

export async function recordedHistories(): Promise<{ name: string; history: unknown }[]> {
  const files = (await readdir(HISTORIES_DIR)).filter((f) => f.endsWith('.json')).sort();
  return Promise.all(
    files.map(async (f) => ({ name: f.replace(/\.json$/, ''), history: JSON.parse(await readFile(path.join(HISTORIES_DIR, f), 'utf8')) })),
  );
}

import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { temporal } from '@temporalio/proto';
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

const { EventType } = temporal.api.enums.v1;
const UPDATE_EVENTS = new Set([
  EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ADMITTED,
  EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED,
  EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_REJECTED,
  EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED,
]);

/** The update events in a workflow's history, by enum name: an update its validator refused leaves none. */
export async function updateEventsOf(handle: WorkflowHandle): Promise<string[]> {
  const events = (await handle.fetchHistory()).events ?? [];
  return events.flatMap((e) => (e.eventType != null && UPDATE_EVENTS.has(e.eventType) ? [EventType[e.eventType]] : []));
}

interface RecordedEvent {
  markerRecordedEventAttributes?: { markerName?: string; details?: Record<string, { payloads?: { data?: string }[] }> };
}

/** The patch ids a recorded history's markers carry: which side of each patched() it took. */
export function patchesOf(history: unknown): string[] {
  return ((history as { events: RecordedEvent[] }).events ?? []).flatMap(({ markerRecordedEventAttributes: m }) => {
    const data = m?.markerName === 'core_patch' ? m.details?.['patch-data']?.payloads?.[0]?.data : undefined;
    return data ? [(JSON.parse(Buffer.from(data, 'base64').toString('utf8')) as { id: string }).id] : [];
  });
}

// SPEC §5, 第四十八条: histories outlive the engine. The archiver (workflows/history-archive.workflow.ts)
// finds closed processes in the registry without an archive and stores each full history.
import { heartbeat, log } from '@temporalio/activity';
import { type Client, isGrpcServiceError, WorkflowNotFoundError } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { Db } from '../db/client';
import { listClosedWithoutArchive, saveHistoryArchive } from '../db/repositories/history-archives.repo';

export interface HistoryArchiveDeps {
  db: Db;
  client: Client;
}

export interface ArchiveRound {
  archived: string[];
  /** closed in the registry, its workflow still finishing: archived by a later round */
  running: string[];
  /** gone from the engine before it was archived (closed before archiving existed, retention passed) */
  missing: string[];
}

const notFound = (err: unknown) => err instanceof WorkflowNotFoundError || (isGrpcServiceError(err) && err.code === 5);

export function createHistoryArchiveActivities({ db, client }: HistoryArchiveDeps) {
  return {
    /**
     * Archives up to `limit` closed processes. A process's registry row closes in the workflow's
     * last activity, before the workflow completes: only a closed execution has its whole
     * history, so one still running waits for the next round. Idempotent: the archive is keyed by
     * workflow id, a retried round writes each archive (and its audit entry) once.
     */
    async archiveClosedHistories(input: { limit: number }): Promise<ArchiveRound> {
      const round: ArchiveRound = { archived: [], running: [], missing: [] };
      for (const { workflowId } of await listClosedWithoutArchive(db, input.limit)) {
        try {
          const handle = client.workflow.getHandle(workflowId);
          const description = await handle.describe();
          if (description.status.name === 'RUNNING') {
            round.running.push(workflowId);
            continue;
          }
          const history = await client.workflow.getHandle(workflowId, description.runId).fetchHistory();
          const json = historyToJSON(history);
          await saveHistoryArchive(db, { workflowId, runId: description.runId, events: history.events?.length ?? 0, json });
          round.archived.push(workflowId);
        } catch (err) {
          if (!notFound(err)) throw err;
          log.warn('引擎中已无该流程的历史，无法归档 (HISTORY_GONE_BEFORE_ARCHIVE)', { workflowId });
          round.missing.push(workflowId);
        }
        heartbeat(workflowId);
      }
      return round;
    },
  };
}

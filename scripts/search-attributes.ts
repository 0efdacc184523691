// Registers the workflows' search attributes (workflows/options.ts) on a dev or test server.
// Production registers the same four in docker-compose's temporal-admin-tools step.
import type { Connection } from '@temporalio/client';
import { SearchAttributeType } from '@temporalio/common';
// CommonJS package: under Node's ESM loader only its default export is there.
import proto, { type temporal } from '@temporalio/proto';
import { SEARCH_ATTRIBUTES } from '../workflows/options';

const { IndexedValueType } = proto.temporal.api.enums.v1;
const INDEXED: Partial<Record<SearchAttributeType, temporal.api.enums.v1.IndexedValueType>> = {
  [SearchAttributeType.KEYWORD]: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  [SearchAttributeType.DATETIME]: IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
};

/** Idempotent: adding an attribute that exists with the same type is accepted by the server. */
export async function registerSearchAttributes(connection: Connection, namespace: string): Promise<void> {
  const searchAttributes = Object.fromEntries(SEARCH_ATTRIBUTES.map((k) => [k.name, INDEXED[k.type]!]));
  try {
    await connection.operatorService.addSearchAttributes({ namespace, searchAttributes });
  } catch (err) {
    if (!/already exists/i.test(String(err))) throw err;
  }
}

/**
 * Waits until the frontend validates queries on the four attributes: on the real server a newly
 * added attribute reaches its namespace cache some seconds later, and a start that uses it before
 * then is refused (INVALID_ARGUMENT: no mapping defined for search attribute).
 */
export async function searchAttributesReady(connection: Connection, namespace: string, timeoutMs = 60_000): Promise<void> {
  const query = SEARCH_ATTRIBUTES.map((k) =>
    k.type === SearchAttributeType.DATETIME ? `${k.name} > '2000-01-01T00:00:00Z'` : `${k.name} = 'probe'`,
  ).join(' AND ');
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      await connection.workflowService.countWorkflowExecutions({ namespace, query });
      return;
    } catch (err) {
      if (Date.now() > until) throw err;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

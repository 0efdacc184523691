// Every string an API caller sends passes domain/text.ts before validation: refused with one
// 400 TEXT_INVALID naming the field, or normalised to NFC in place. Checked here, at the edge,
// because such text would otherwise reach a workflow whose activity can never store it (a NUL
// makes PostgreSQL refuse the row) and retry for good.
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { normalizeText, TEXT_PROBLEM_MESSAGES, type TextProblem, textProblem } from '../../domain/text';
import { httpError } from '../errors';

type Found = { path: string; problem: TextProblem };

/** A place in the body: its key and its parent, so a path is spelled only for the string refused. */
type Place = { key: string; parent: Place | null };
function pathOf(place: Place): string {
  const keys: string[] = [];
  for (let p: Place | null = place; p; p = p.parent) keys.push(p.key);
  return keys.reverse().join('.');
}

/**
 * Walks a parsed JSON value, normalising strings in place; returns the first bad string found.
 * Iterative, with paths spelled only on refusal: a hostile body nested 10 000 deep must reach
 * validation (and its 400), not overflow the stack.
 */
function check(root: unknown, rootKey: string): Found | null {
  const pending: { value: unknown; place: Place; set: (v: string) => void }[] = [
    { value: root, place: { key: rootKey, parent: null }, set: () => {} },
  ];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { value, place, set } = next;
    if (typeof value === 'string') {
      const problem = textProblem(value);
      if (problem) return { path: pathOf(place), problem };
      const normal = normalizeText(value);
      if (normal !== value) set(normal);
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => {
        pending.push({ value: item, place: { key: String(i), parent: place }, set: (v) => (value[i] = v) });
      });
    } else if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        const keyProblem = textProblem(key);
        if (keyProblem) return { path: `${pathOf(place)}.${key}`, problem: keyProblem };
        pending.push({ value: record[key], place: { key, parent: place }, set: (v) => (record[key] = v) });
      }
    }
  }
  return null;
}

export default fp(
  async (app) => {
    app.addHook('preValidation', async (request: FastifyRequest) => {
      const parts = { body: request.body, querystring: request.query, params: request.params } as const;
      for (const [name, value] of Object.entries(parts)) {
        const found = check(value, name);
        if (found) {
          const message = TEXT_PROBLEM_MESSAGES[found.problem];
          throw httpError(400, 'TEXT_INVALID', `请求不合法：${found.path} ${message}`, [{ path: found.path, message }]);
        }
      }
    });
  },
  { name: 'text-guard', dependencies: ['error-handler'] },
);

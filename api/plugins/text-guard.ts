// Every string an API caller sends passes domain/text.ts before validation: refused with one
// 400 TEXT_INVALID naming the field, or normalised to NFC in place. Checked here, at the edge,
// because such text would otherwise reach a workflow whose activity can never store it (a NUL
// makes PostgreSQL refuse the row) and retry for good.
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { normalizeText, TEXT_PROBLEM_MESSAGES, type TextProblem, textProblem } from '../../domain/text';
import { httpError } from '../errors';

type Found = { path: string; problem: TextProblem };

/** Walks a parsed JSON value, normalising strings in place; the first bad string found is returned. */
function check(value: unknown, path: string, set: (v: string) => void): Found | null {
  if (typeof value === 'string') {
    const problem = textProblem(value);
    if (problem) return { path, problem };
    const normal = normalizeText(value);
    if (normal !== value) set(normal);
    return null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = check(value[i], `${path}.${i}`, (v) => {
        value[i] = v;
      });
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const keyProblem = textProblem(key);
      if (keyProblem) return { path: `${path}.${key}`, problem: keyProblem };
      const found = check(record[key], `${path}.${key}`, (v) => {
        record[key] = v;
      });
      if (found) return found;
    }
  }
  return null;
}

export default fp(
  async (app) => {
    app.addHook('preValidation', async (request: FastifyRequest) => {
      const parts = { body: request.body, querystring: request.query, params: request.params } as const;
      for (const [name, value] of Object.entries(parts)) {
        const found = check(value, name, () => {});
        if (found) {
          const message = TEXT_PROBLEM_MESSAGES[found.problem];
          throw httpError(400, 'TEXT_INVALID', `请求不合法：${found.path} ${message}`, [{ path: found.path, message }]);
        }
      }
    });
  },
  { name: 'text-guard', dependencies: ['error-handler'] },
);

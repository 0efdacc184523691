// Fault: malformed and hostile requests. Each is refused with a 4xx, a stable code and a
// Chinese message, never a 5xx, and leaves the tables as they were. Free-text fields are the
// exception by design: hostile text there is a valid filing, stored and returned verbatim as
// JSON data (parameterised SQL, no HTML rendering), and the tables stay intact.
import { randomUUID } from 'node:crypto';
import { count, eq, notLike } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corrections, processEvents, processes } from '../../db/schema';
import { servedStack, type Stack } from '../helpers/stack';

let stack: Stack;
let baseUrl: string;

beforeAll(async () => {
  ({ stack, url: baseUrl } = await servedStack());
});
afterAll(async () => stack?.close());

const SQL = "x'; DROP TABLE corrections; --";
const SCRIPT = '<script>alert(document.cookie)</script>';
const valid = () => ({
  requestId: randomUUID(),
  departmentCode: 'market',
  resourceCode: 'MKT-001',
  dataItems: ['住所'],
  description: '住所有误',
  subject: { kind: 'organisation', idNumber: '91350100M000100Y43', name: '某某商贸有限公司' },
});

/** Raw request: the body is sent as given (a string is not re-encoded). */
async function send(method: string, url: string, body?: string, contentType = 'application/json') {
  const res = await fetch(`${baseUrl}${url}`, {
    method,
    headers: { authorization: 'Bearer demo-market-staff', ...(body !== undefined && { 'content-type': contentType }) },
    body,
  });
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text) as { code?: string; message?: string } };
}

// The worker opens the reporting year by itself when it starts in December or January (第四十六条):
// those rows are its own, written while the requests below run, and not theirs.
const notAnnualReport = (workflowId: typeof processes.workflowId | typeof processEvents.workflowId) =>
  notLike(workflowId, 'annual-report-%');
const rowCounts = async () => {
  const db = stack.database.db;
  const [[c], [p], [e]] = await Promise.all([
    db.select({ n: count() }).from(corrections),
    db.select({ n: count() }).from(processes).where(notAnnualReport(processes.workflowId)),
    db.select({ n: count() }).from(processEvents).where(notAnnualReport(processEvents.workflowId)),
  ]);
  return { corrections: c!.n, processes: p!.n, events: e!.n };
};

describe('malformed and hostile input', () => {
  it('every case: 4xx with a code and a message, no row written', async () => {
    const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
    const withField = (patch: Record<string, unknown>) => JSON.stringify({ ...valid(), ...patch });
    const cases: [string, string, string, string | undefined, number, string?][] = [
      ['oversized body (300 KB)', 'POST', '/v1/corrections', withField({ description: 'x'.repeat(300 * 1024) }), 413],
      ['not JSON', 'POST', '/v1/corrections', '{"requestId": ', 400],
      ['wrong content type', 'POST', '/v1/corrections', 'requestId=1', 415, 'application/x-www-form-urlencoded'],
      // Scalars are coerced, not refused: ajv runs with coerceTypes 'array' for query strings, so a
      // number requestId becomes its string and a lone dataItems string a one-item array.
      ['requestId an object', 'POST', '/v1/corrections', withField({ requestId: { $gt: '' } }), 400],
      ['description null', 'POST', '/v1/corrections', withField({ description: null }), 400],
      ['dataItems an object', 'POST', '/v1/corrections', withField({ dataItems: { 0: '住所' } }), 400],
      ['subject an array', 'POST', '/v1/corrections', withField({ subject: [] }), 400],
      ['receivedOn not a date', 'POST', '/v1/corrections', withField({ receivedOn: '2025-02-30' }), 400],
      ['unknown top-level field', 'POST', '/v1/corrections', withField({ isAdmin: true }), 400],
      ['unknown nested field', 'POST', '/v1/corrections', withField({ subject: { ...valid().subject, role: 'admin' } }), 400],
      ['prototype pollution', 'POST', '/v1/corrections', `{"__proto__": {"role": "admin"}, ${withField({}).slice(1)}`, 400],
      ['deeply nested (10 000)', 'POST', '/v1/corrections', withField({ subject: '__N__' }).replace('"__N__"', nested(10_000)), 400],
      ['deeply nested (40 000, just under the body limit)', 'POST', '/v1/corrections', nested(40_000), 400],
      ['SQL in requestId', 'POST', '/v1/corrections', withField({ requestId: SQL }), 400],
      ['SQL in departmentCode', 'POST', '/v1/corrections', withField({ departmentCode: "market' OR '1'='1" }), 400],
      ['script in resourceCode', 'POST', '/v1/corrections', withField({ resourceCode: SCRIPT }), 400],
      ['SQL in dataItems', 'POST', '/v1/corrections', withField({ dataItems: [SQL] }), 400],
      ['SQL in idNumber', 'POST', '/v1/corrections', withField({ subject: { kind: 'person', idNumber: SQL, name: '张三' } }), 400],
      [
        'script in kind',
        'POST',
        '/v1/corrections',
        withField({ subject: { kind: SCRIPT, idNumber: '11010519491231002X', name: '张三' } }),
        400,
      ],
      ['SQL in receivedOn', 'POST', '/v1/corrections', withField({ receivedOn: SQL }), 400],
      ['script in path id', 'GET', `/v1/corrections/${encodeURIComponent(SCRIPT)}`, undefined, 400],
      [
        'SQL in path id',
        'POST',
        `/v1/corrections/${encodeURIComponent(SQL)}/verification`,
        JSON.stringify({ outcome: 'confirmed', summary: 's', changes: [] }),
        400,
      ],
      ['SQL in query', 'GET', `/v1/processes?departmentCode=${encodeURIComponent("market' OR '1'='1")}`, undefined, 400],
      ['limit not a number', 'GET', '/v1/processes?limit=abc', undefined, 400],
      ['days a string', 'POST', '/v1/corrections/JZ20250101DEADBEEF/extensions', JSON.stringify({ days: 'five', reason: SQL }), 400],
    ];
    const before = await rowCounts();
    for (const [name, method, url, body, status, contentType] of cases) {
      const res = await send(method, url, body, contentType);
      expect({ name, status: res.status }).toEqual({ name, status });
      expect(res.body.code, name).toMatch(/^[A-Z_]+$/);
      expect(res.body.message, name).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(await rowCounts()).toEqual(before);
  });

  it('hostile text in free-text fields is stored and returned verbatim; the tables stay', async () => {
    const body = {
      ...valid(),
      description: `${SQL} ${SCRIPT}`,
      evidence: SQL,
      contact: SCRIPT,
      subject: { ...valid().subject, name: `${SCRIPT}${SQL}` },
    };
    const created = await send('POST', '/v1/corrections', JSON.stringify(body));
    expect(created.status).toBe(201);
    const { id } = created.body as unknown as { id: string };
    const [row] = await stack.database.db.select().from(corrections).where(eq(corrections.id, id));
    expect(row).toMatchObject({ description: body.description, evidence: SQL, contact: SCRIPT, subjectName: body.subject.name });
    const read = await fetch(`${baseUrl}/v1/corrections/${id}`, { headers: { authorization: 'Bearer demo-market-staff' } });
    expect(read.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await read.json()).toMatchObject({ description: body.description, subject: { name: body.subject.name } });
    expect((await rowCounts()).corrections).toBeGreaterThan(0);
  });
});

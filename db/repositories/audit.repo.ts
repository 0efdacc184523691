// SPEC §5: the audit log as an RFC 6962 transparency log. A request appends its entry with one
// INSERT (no lock); sequenceAudit gives pending entries consecutive leaves in batches under one
// advisory lock per batch; makeHead signs the tree's root; verifyAuditLog checks bodies, leaves
// and roots against the signed heads, and names what it finds.
import { and, asc, desc, eq, gte, inArray, lt, ne, sql } from 'drizzle-orm';
import {
  AUDIT_ATTEMPT,
  AUDIT_FINDINGS,
  AUDIT_PURGE_ACTION,
  type AuditFinding,
  type AuditHashAlgorithm,
  type SignedHead,
} from '../../domain/audit-log';
import { leafHash, MerkleTree } from '../../domain/merkle';
import { type AuditKeys, hashOf, keyring, verifySignature } from '../audit-keys';
import type { DbOrTx } from '../client';
import { auditHead, auditLeaf, auditLog, departments, users } from '../schema';

export interface AuditEntry {
  userId: string | null;
  role: string | null;
  departmentCode: string | null;
  action: string;
  target: string;
  result: string;
  detail?: Record<string, unknown>;
}

/** JSON with object keys sorted at every depth: jsonb reorders keys, the hash must not care. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

type AuditRow = typeof auditLog.$inferSelect;

/**
 * The bytes a leaf covers (RFC 6962's entry): every column of the row. An entry of the old hash
 * chain brings its chain hash along, so the chain is sealed into the tree as it was.
 */
export const entryBytes = (r: AuditRow): Uint8Array =>
  new TextEncoder().encode(
    canonical({
      id: r.id,
      at: new Date(r.at).toISOString(),
      userId: r.userId,
      role: r.role,
      departmentCode: r.departmentCode,
      action: r.action,
      target: r.target,
      result: r.result,
      detail: r.detail ?? null,
      ...(r.hash && { chainHash: r.hash }),
    }),
  );

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const bytes = (h: string): Uint8Array => Buffer.from(h, 'hex');

/** One INSERT, no lock: the call every audited request, activity and archive makes. */
export async function appendAudit(db: DbOrTx, e: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({ ...e, at: new Date().toISOString(), detail: e.detail ?? null });
}

/** The hash of the log: the one its first head was signed with, else the configured one. */
async function treeHashAlgorithm(db: DbOrTx, configured: AuditHashAlgorithm): Promise<AuditHashAlgorithm> {
  const [first] = await db.select({ a: auditHead.hashAlgorithm }).from(auditHead).orderBy(asc(auditHead.id)).limit(1);
  return (first?.a as AuditHashAlgorithm | undefined) ?? configured;
}

export const SEQUENCE_BATCH = 1000;

/**
 * Gives up to `batch` pending entries (oldest id first) the next consecutive leaves, in one
 * transaction under one advisory lock: two sequencers never hand out the same index, and
 * writers never wait for either. Returns how many it sequenced.
 */
export async function sequenceAudit(db: DbOrTx, algorithm: AuditHashAlgorithm, batch = SEQUENCE_BATCH): Promise<number> {
  const h = hashOf(algorithm);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('audit_sequencer'))`);
    const [{ next } = { next: 0 }] = await tx.select({ next: sql<number>`coalesce(max(${auditLeaf.seq}) + 1, 0)::int` }).from(auditLeaf);
    const pending = await tx
      .select()
      .from(auditLog)
      .where(sql`not exists (select 1 from ${auditLeaf} where ${auditLeaf.entryId} = ${auditLog.id})`)
      .orderBy(asc(auditLog.id))
      .limit(batch);
    if (pending.length === 0) return 0;
    await tx.insert(auditLeaf).values(pending.map((r, i) => ({ seq: next + i, entryId: r.id, leafHash: hex(leafHash(h, entryBytes(r))) })));
    return pending.length;
  });
}

/** What a head's signature covers, one field a line. */
export const headMessage = (h: Omit<SignedHead, 'signature' | 'keyId'>): string =>
  ['county-audit-tree-head/v1', h.hashAlgorithm, h.treeSize, h.rootHash, h.at, h.purgedBelow].join('\n');

async function loadTree(
  db: DbOrTx,
  algorithm: AuditHashAlgorithm,
): Promise<{ tree: MerkleTree; leaves: { seq: number; entryId: number; leafHash: string }[] }> {
  const leaves = await db.select().from(auditLeaf).orderBy(asc(auditLeaf.seq));
  return {
    tree: new MerkleTree(
      hashOf(algorithm),
      leaves.map((l) => bytes(l.leafHash)),
    ),
    leaves,
  };
}

const headOf = (r: typeof auditHead.$inferSelect): SignedHead => ({
  treeSize: r.treeSize,
  rootHash: r.rootHash,
  at: new Date(r.at).toISOString(),
  hashAlgorithm: r.hashAlgorithm as AuditHashAlgorithm,
  keyId: r.keyId,
  signature: r.signature,
  purgedBelow: r.purgedBelow,
});

export async function latestHead(db: DbOrTx): Promise<SignedHead | null> {
  const [r] = await db.select().from(auditHead).orderBy(desc(auditHead.treeSize), desc(auditHead.id)).limit(1);
  return r ? headOf(r) : null;
}

/** Where the purges have reached: leaves below it may have no body. */
async function purgedBelow(db: DbOrTx): Promise<number> {
  const [r] = await db
    .select({ through: sql<number | null>`max((${auditLog.detail}->>'purgedBelow')::bigint)::int` })
    .from(auditLog)
    .where(eq(auditLog.action, AUDIT_PURGE_ACTION));
  const fromHeads = (await latestHead(db))?.purgedBelow ?? 0;
  return Math.max(r?.through ?? 0, fromHeads);
}

/**
 * Sequences every pending entry, then signs a head over the whole tree at `now` and stores it.
 * A tree that has not grown keeps its latest head (no new row). Returns the head.
 */
export async function makeHead(db: DbOrTx, keys: AuditKeys, now: Date = new Date()): Promise<SignedHead> {
  const algorithm = await treeHashAlgorithm(db, keys.hash);
  while ((await sequenceAudit(db, algorithm)) === SEQUENCE_BATCH) {}
  const { tree } = await loadTree(db, algorithm);
  const latest = await latestHead(db);
  const below = await purgedBelow(db);
  if (latest && latest.treeSize === tree.size && latest.purgedBelow === below) return latest;
  const unsigned = { treeSize: tree.size, rootHash: hex(tree.root()), at: now.toISOString(), hashAlgorithm: algorithm, purgedBelow: below };
  const head: SignedHead = { ...unsigned, keyId: keys.signer.keyId, signature: keys.signer.sign(headMessage(unsigned)) };
  await db.insert(auditHead).values(head);
  return head;
}

export interface InclusionProof {
  seq: number;
  leafHash: string;
  /** the audit path, leaf side first (RFC 6962 §2.1.1), hex */
  path: string[];
  head: SignedHead;
}

/** The inclusion proof of leaf `seq` against the latest head that contains it; null before it is sealed. */
export async function inclusionProof(db: DbOrTx, seq: number): Promise<InclusionProof | null> {
  const head = await latestHead(db);
  if (!head || seq >= head.treeSize) return null;
  const { tree, leaves } = await loadTree(db, head.hashAlgorithm);
  if (tree.size < head.treeSize) return null;
  return { seq, leafHash: leaves[seq]!.leafHash, path: tree.inclusionProof(seq, head.treeSize).map(hex), head };
}

/** RFC 6962 §2.1.2: that the tree of head `first` is a prefix of the tree of head `second`. */
export async function consistencyProof(db: DbOrTx, first: number, second: number): Promise<string[] | null> {
  const head = await latestHead(db);
  if (!head || first < 1 || first > second || second > head.treeSize) return null;
  const { tree } = await loadTree(db, head.hashAlgorithm);
  return tree.consistencyProof(first, second).map(hex);
}

export interface AuditProblem {
  reason: AuditFinding;
  /** the Chinese statement of what was found */
  message: string;
  /** the first leaf index concerned */
  firstSeq?: number;
  /** how many entries it concerns */
  count?: number;
}

export interface AuditVerification {
  ok: boolean;
  /** leaves in the tree */
  treeSize: number;
  /** entries whose body is still there (sequenced or not) */
  entries: number;
  /** entries written but not yet given a leaf */
  pending: number;
  purgedBelow: number;
  /** the signed head checked against: the largest of the sealed ones and the database's */
  head: SignedHead | null;
  /** whether heads sealed outside the database (the seal workflow's history) took part */
  sealed: boolean;
  problems: AuditProblem[];
}

const problem = (reason: AuditFinding, firstSeq?: number, count?: number): AuditProblem => ({
  reason,
  message: AUDIT_FINDINGS[reason],
  ...(firstSeq !== undefined && { firstSeq }),
  ...(count !== undefined && { count }),
});

/** Consecutive runs [first, first+count) of the sorted indexes. */
const runs = (seqs: number[]): { first: number; count: number }[] => {
  const out: { first: number; count: number }[] = [];
  for (const s of seqs) {
    const last = out.at(-1);
    if (last && last.first + last.count === s) last.count++;
    else out.push({ first: s, count: 1 });
  }
  return out;
};

/**
 * Checks the log against the signed heads: those in the database and `sealedHeads`, the ones
 * the seal workflow keeps in its history (what the database cannot rewrite). Every body must
 * hash to its leaf; every leaf from the last purge on must have its body; the tree must hold as
 * many leaves as the largest head and hash to each head's root; every head's signature must
 * hold under the key its key id names, one of `publicKeys` (the current key and the retired ones).
 */
export async function verifyAuditLog(
  db: DbOrTx,
  opts: { publicKeys: readonly string[]; sealedHeads?: SignedHead[] | null },
): Promise<AuditVerification> {
  const problems: AuditProblem[] = [];
  const dbHeads = (await db.select().from(auditHead).orderBy(asc(auditHead.id))).map(headOf);
  const sealed = opts.sealedHeads ?? [];
  const keys = keyring(opts.publicKeys);
  const signed = (h: SignedHead) => {
    const pem = keys.get(h.keyId);
    return !!pem && verifySignature(pem, headMessage(h), h.signature);
  };
  const heads = [...dbHeads, ...sealed].filter((h) => {
    if (signed(h)) return true;
    problems.push(problem('HEAD_SIGNATURE_INVALID', undefined, h.treeSize));
    return false;
  });
  const key = (h: SignedHead) => `${h.treeSize}/${h.rootHash}/${h.at}`;
  const inDb = new Set(dbHeads.map(key));
  if (sealed.some((h) => !inDb.has(key(h)))) problems.push(problem('HEAD_NOT_IN_DATABASE'));
  const head = heads.reduce<SignedHead | null>((a, h) => (!a || h.treeSize > a.treeSize ? h : a), null);
  const algorithm = head?.hashAlgorithm ?? (await treeHashAlgorithm(db, 'sm3'));
  const h = hashOf(algorithm);

  const { tree, leaves } = await loadTree(db, algorithm);
  const rows = await db.select().from(auditLog);
  const bodies = new Map(rows.map((r) => [r.id, r]));
  const below = Math.max(0, ...heads.map((x) => x.purgedBelow), await purgedBelow(db));

  const gap = leaves.findIndex((l, i) => l.seq !== i);
  if (gap >= 0) problems.push(problem('LEAF_MISSING', gap, leaves[gap]!.seq - gap));
  const missing: number[] = [];
  const sequenced = new Set<number>();
  let survivors = 0;
  for (const l of leaves) {
    sequenced.add(l.entryId);
    const body = bodies.get(l.entryId);
    if (body && l.seq >= below && l.seq < (head?.treeSize ?? 0)) survivors++;
    if (!body) {
      if (l.seq >= below) missing.push(l.seq);
    } else if (hex(leafHash(h, entryBytes(body))) !== l.leafHash) {
      problems.push(problem('ENTRY_EDITED', l.seq, 1));
    }
  }
  const size = head?.treeSize ?? 0;
  if (size > below && survivors === 0) {
    problems.push(problem('TRUNCATED', below, size - below));
  } else {
    const tail = runs(missing);
    const last = tail.at(-1);
    // bodies gone up to the end of the tree, and leaves gone beyond it: one tail deletion
    const tailFromBodies = last && last.first + last.count === leaves.length ? tail.pop() : undefined;
    for (const r of tail) problems.push(problem('ENTRY_DELETED', r.first, r.count));
    const first = tailFromBodies?.first ?? leaves.length;
    if (tailFromBodies || leaves.length < size) problems.push(problem('TAIL_DELETED', first, Math.max(size, leaves.length) - first));
  }
  if (leaves.length >= size) {
    for (const x of heads) {
      if (hex(tree.root(x.treeSize)) !== x.rootHash) {
        problems.push(problem('TREE_REWRITTEN', undefined, x.treeSize));
        break;
      }
    }
  }
  return {
    ok: problems.length === 0,
    treeSize: leaves.length,
    entries: rows.length,
    pending: rows.filter((r) => !sequenced.has(r.id)).length,
    purgedBelow: below,
    head,
    sealed: opts.sealedHeads != null,
    problems,
  };
}

export const listAuditForTarget = (db: DbOrTx, target: string) =>
  db.select().from(auditLog).where(eq(auditLog.target, target)).orderBy(asc(auditLog.id));

/**
 * 第二十七条: removes the bodies of the entries older than `cutoff`, only sequenced ones (their
 * leaves stay, so every head still verifies) and only up to the first younger one, and logs the
 * purge as an entry in the same transaction: a purge is never unrecorded.
 */
export async function purgeAudit(
  db: DbOrTx,
  opts: { cutoff: Date; retentionMonths: number },
): Promise<{ purgedBelow: number; removed: number }> {
  const { cutoff } = opts;
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('audit_sequencer'))`);
    const [younger] = await tx
      .select({ seq: sql<number | null>`min(${auditLeaf.seq})::int` })
      .from(auditLeaf)
      .innerJoin(auditLog, eq(auditLog.id, auditLeaf.entryId))
      .where(gte(auditLog.at, cutoff.toISOString()));
    const [all] = await tx.select({ size: sql<number>`count(*)::int` }).from(auditLeaf);
    const bound = younger?.seq ?? all?.size ?? 0;
    await tx.execute(sql`set local county.audit_purge = 'on'`);
    const removed = await tx
      .delete(auditLog)
      .where(
        and(
          lt(auditLog.at, cutoff.toISOString()),
          sql`${auditLog.id} in (select ${auditLeaf.entryId} from ${auditLeaf} where ${auditLeaf.seq} < ${bound})`,
        ),
      )
      .returning({ id: auditLog.id });
    const outcome = { purgedBelow: bound, removed: removed.length };
    await appendAudit(tx, {
      userId: null,
      role: null,
      departmentCode: null,
      action: AUDIT_PURGE_ACTION,
      target: 'audit-log',
      result: 'ok',
      detail: { ...outcome, cutoff: cutoff.toISOString(), retentionMonths: opts.retentionMonths },
    });
    return outcome;
  });
}

export interface AuditFilters {
  actor?: string;
  role?: string;
  department?: string;
  action?: string;
  target?: string;
  result?: string;
  /** ISO instants, from inclusive, to exclusive */
  from?: string;
  to?: string;
}

/**
 * 第二十七条: what a department reads of the log: the entries its own people made (data it
 * obtained) and those about its processes and its sharing, as provider or requester (data it
 * provided or obtained).
 */
const aboutDepartment = (code: string) => sql`(
  ${auditLog.departmentCode} = ${code}
  or ${auditLog.target} in (select workflow_id from processes where department_code = ${code})
  or ${auditLog.target} in (select workflow_id from sharing_requests where requester_department = ${code} or provider_department = ${code})
  or ${auditLog.target} in (select id::text from sharing_grants where requester_department = ${code} or provider_department = ${code})
)`;

/** An entry with its leaf index and the names a page shows instead of ids and codes. */
export type AuditEntryRow = AuditRow & { seq: number | null; userName: string | null; departmentName: string | null };

/**
 * Newest first, `limit` after the entry `before` (its id: the cursor); `scope` a department's own
 * view; `roles` the only roles whose entries the reader sees (the operation log: the administrators');
 * `outcomes` leaves out the write-ahead attempts, for a reader who wants what each request came to.
 */
export async function listAuditEntries(
  db: DbOrTx,
  f: AuditFilters,
  opts: { scope?: string; roles?: readonly string[]; outcomes?: boolean; before?: number; seq?: number; limit: number },
): Promise<AuditEntryRow[]> {
  const where = and(
    f.actor ? eq(auditLog.userId, f.actor) : undefined,
    f.role ? eq(auditLog.role, f.role) : undefined,
    f.department ? eq(auditLog.departmentCode, f.department) : undefined,
    f.action ? eq(auditLog.action, f.action) : undefined,
    f.target ? eq(auditLog.target, f.target) : undefined,
    f.result ? eq(auditLog.result, f.result) : undefined,
    f.from ? gte(auditLog.at, f.from) : undefined,
    f.to ? lt(auditLog.at, f.to) : undefined,
    opts.before !== undefined ? lt(auditLog.id, opts.before) : undefined,
    opts.scope !== undefined ? aboutDepartment(opts.scope) : undefined,
    opts.roles ? inArray(auditLog.role, [...opts.roles]) : undefined,
    opts.outcomes ? ne(auditLog.result, AUDIT_ATTEMPT) : undefined,
    opts.seq !== undefined ? eq(auditLeaf.seq, opts.seq) : undefined,
  );
  const rows = await db
    .select({ entry: auditLog, seq: auditLeaf.seq, userName: users.displayName, departmentName: departments.name })
    .from(auditLog)
    .leftJoin(auditLeaf, eq(auditLeaf.entryId, auditLog.id))
    .leftJoin(users, sql`${users.id}::text = ${auditLog.userId}`)
    .leftJoin(departments, eq(departments.code, auditLog.departmentCode))
    .where(where)
    .orderBy(desc(auditLog.id))
    .limit(opts.limit);
  return rows.map((r) => ({ ...r.entry, seq: r.seq, userName: r.userName, departmentName: r.departmentName }));
}

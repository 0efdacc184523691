// SPEC §3.6: findings as the API registers and reads them. A registered finding is its own
// process: its registry row and its violations row are written together under its case number.
import { and, eq } from 'drizzle-orm';
import { responsibilityOf } from '../../domain/responsibility';
import type { Actor } from '../../domain/roles';
import type { RegistrableFindingKind } from '../../domain/vocabulary';
import type { Db } from '../client';
import { type Inserted, insertOnce } from '../insert-once';
import { departments, processes, violations } from '../schema';

export type ViolationRow = typeof violations.$inferSelect;

export interface RegisteredFinding {
  caseId: string;
  workflowId: string;
  departmentCode: string;
  kind: RegistrableFindingKind;
  facts: string;
  evidence: string[];
  basis: string;
  registeredBy: Actor;
  registeredAt: Date;
}

/** The process row and the finding, once under the case number. */
export function insertRegisteredFinding(db: Db, f: RegisteredFinding): Promise<Inserted<ViolationRow>> {
  const r = responsibilityOf(f.kind);
  if (!r) throw new Error(`not a finding kind: ${f.kind}`);
  return db.transaction(async (tx) => {
    await tx
      .insert(processes)
      .values({
        workflowId: f.workflowId,
        type: 'finding',
        departmentCode: f.departmentCode,
        subjectId: f.caseId,
        stage: 'statement_period',
        status: 'open',
        startedAt: f.registeredAt,
        updatedAt: f.registeredAt,
      })
      .onConflictDoNothing();
    return insertOnce(
      tx
        .insert(violations)
        .values({
          workflowId: f.workflowId,
          departmentCode: f.departmentCode,
          kind: f.kind,
          article: r.article,
          partyKind: r.partyKind,
          supervisor: r.supervisor,
          findingClass: r.findingClass,
          status: 'notified',
          dueDate: null,
          detail: {
            caseId: f.caseId,
            facts: f.facts,
            evidence: f.evidence,
            basis: f.basis,
            registeredBy: f.registeredBy.userId,
          },
          occurredAt: f.registeredAt,
        })
        .onConflictDoNothing()
        .returning(),
      async () => {
        const [row] = await tx
          .select()
          .from(violations)
          .where(and(eq(violations.workflowId, f.workflowId), eq(violations.kind, f.kind)));
        return row;
      },
      'registered finding',
    );
  });
}

export async function getDepartment(db: Db, code: string) {
  const [row] = await db.select().from(departments).where(eq(departments.code, code));
  return row ?? null;
}

// 第十六条: starting a compilation, one way for the JSON route and the spreadsheet import. The
// changes are checked with the domain (each change, its kind, the catalog as it stands) before
// anything is written; then the row and its workflow, which receives the list as its first
// application.
import type { FastifyRequest } from 'fastify';
import { type CatalogChange, checkAgainstCatalog, checkChanges } from '../domain/catalog';
import { checkCompilationChanges, checkFirstCompilation, type CompilationKind } from '../domain/catalog-compilation';
import type { DomainError } from '../domain/errors';
import { entriesByCode, getAuthorityDepartment } from '../db/repositories/catalog.repo';
import { activeEntryCount, type CatalogCompilationRow, insertCompilationOnce } from '../db/repositories/catalog-compilations.repo';
import { catalogCompilationWorkflowId } from '../workflows/options';
import { domainRefusal } from './errors';
import { callerOf } from './plugins/auth';
import { mintCaseId, ownedBy, startProcess } from './start-process';
import { beijingDate } from '../domain/working-days';

export interface CompilationRequest {
  requestId: string;
  kind: CompilationKind;
  description: string;
  changes: CatalogChange[];
}

/** A domain breach found in the changes, answered with its code's status and the change it names. */
export const changeRefusal = (err: DomainError & { index?: number }) =>
  domainRefusal({ code: err.code, message: err.message, fields: [{ path: `changes.${err.index ?? 0}`, message: err.message }] });

/** The breach the changes commit against the rules and the catalog, or null; `starting`: a new compilation, not a resubmission. */
export async function compilationRefusal(
  request: FastifyRequest,
  departmentCode: string,
  c: Pick<CompilationRequest, 'kind' | 'changes'>,
  starting: boolean,
): Promise<(DomainError & { index?: number }) | null> {
  const { db } = request.server.deps;
  return (
    checkChanges(c.changes) ??
    checkCompilationChanges(c.kind, c.changes) ??
    (starting ? checkFirstCompilation(c.kind, await activeEntryCount(db, departmentCode)) : null) ??
    checkAgainstCatalog(
      departmentCode,
      c.changes,
      await entriesByCode(
        db,
        c.changes.map((x) => x.code),
      ),
    )
  );
}

/** The caller's department compiles its list: checked, then the row once, then its workflow. */
export async function startCompilation(request: FastifyRequest, c: CompilationRequest) {
  const { db } = request.server.deps;
  const actor = callerOf(request);
  const departmentCode = actor.departmentCode!;
  const refused = await compilationRefusal(request, departmentCode, c, true);
  if (refused) throw changeRefusal(refused);
  // 第六条: a late review is recorded against the authority.
  const authority = await getAuthorityDepartment(db);
  if (!authority) throw new Error('no department of kind authority is configured');
  const { row, created } = await startProcess<CatalogCompilationRow>(request.server.deps, {
    insert: () =>
      insertCompilationOnce(db, {
        id: mintCaseId('MB', beijingDate(Date.now())),
        requestId: c.requestId,
        workflowId: catalogCompilationWorkflowId(c.requestId),
        departmentCode,
        kind: c.kind,
        description: c.description,
        registeredByUserId: actor.userId,
      }),
    onRepeat: ownedBy(request, (r) => r.registeredByUserId),
    workflow: (r) => ({
      workflow: 'catalogCompilationWorkflow',
      workflowId: r.workflowId,
      args: [{ compilationId: r.id, departmentCode, authorityCode: authority.code, kind: r.kind, changes: c.changes, submittedBy: actor }],
      process: { type: 'catalog_compilation', departmentCode },
    }),
  });
  request.auditTarget = row.workflowId;
  return { id: row.id, workflowId: row.workflowId, created };
}

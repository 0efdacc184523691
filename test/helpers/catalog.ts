import { randomUUID } from 'node:crypto';
import type { CatalogChange, CatalogMetadata } from '../../domain/catalog';
import type { Actor } from '../../domain/roles';
import type { Db } from '../../db/client';
import { insertChangeOnce } from '../../db/repositories/catalog-changes.repo';
import { DEMO_CATALOG } from '../../db/seed';
import { catalogUpdateWorkflowId } from '../../workflows/options';

/** A registered change row as the API writes it before starting the workflow. */
export async function insertCatalogChange(db: Db, registeredBy: Actor, changeDate: string, departmentCode = 'market') {
  const requestId = randomUUID();
  const { row } = await insertChangeOnce(db, {
    id: `ML-${requestId.slice(0, 8)}`,
    requestId,
    workflowId: catalogUpdateWorkflowId(requestId),
    departmentCode,
    trigger: 'law_amended',
    changeDate,
    legalBasis: '《市场主体登记管理条例》修订',
    description: '登记事项调整',
    registeredByUserId: registeredBy.userId,
    registeredByRole: registeredBy.role,
  });
  return row;
}

/** The seeded entry's metadata, without its code and department. */
export function seededMetadata(code: string): CatalogMetadata {
  const e = DEMO_CATALOG.find((d) => d.code === code);
  if (!e) throw new Error(`no seeded entry ${code}`);
  const { code: _c, departmentCode: _d, ...metadata } = e;
  return metadata;
}

export const addEntry = (code: string, over: Partial<CatalogMetadata> = {}): CatalogChange => ({
  action: 'add',
  code,
  entry: { ...seededMetadata('MKT-001'), name: '食品经营许可信息', dataItems: ['许可证编号', '经营者名称'], baseDatabase: null, ...over },
});

export const changeEntry = (code: string, baseVersion: number, over: Partial<CatalogMetadata>): CatalogChange => ({
  action: 'change',
  code,
  baseVersion,
  entry: { ...seededMetadata(code), ...over },
});

// Registered parties and penalty cases for the workflow tests (第五十二条, 第五十三条).
import type { Db } from '../../db/client';
import { insertCaseOnce, insertServiceUnit, insertViolator } from '../../db/repositories/penalties.repo';
import type { BreachItem, Conduct } from '../../domain/penalty';
import type { Actor } from '../../domain/roles';
import { penaltyCaseWorkflowId } from '../../workflows/options';

/** GB 32100-2015 and GB 11643-1999 examples with correct check characters. */
export const VALID_CREDIT_CODE = '91350100M000100Y43';
export const OTHER_CREDIT_CODE = '91500235MA5U00000X';
export const VALID_RESIDENT_ID = '11010519491231002X';

let seq = 0;
const unique = () => `${process.pid}-${++seq}`;

export const ALL_DUTIES_MET = {
  securitySystem: true,
  securityOrganisation: true,
  encryptionAuthentication: true,
  monitoringEmergency: true,
};

export async function seedServiceUnit(db: Db, by: Actor, creditCode = VALID_CREDIT_CODE): Promise<number> {
  const row = await insertServiceUnit(db, {
    name: '云阳数据运维服务有限公司',
    creditCode,
    services: '云数据中心运行维护',
    duties: { ...ALL_DUTIES_MET, encryptionAuthentication: false },
    checkedOn: '2025-09-20',
    recordedBy: by.userId,
    recordedAt: new Date('2025-09-20T10:00:00+08:00'),
  });
  return row!.id;
}

export async function seedViolator(db: Db, by: Actor): Promise<number> {
  const row = await insertViolator(db, {
    kind: 'natural_person',
    name: '刘某',
    documentKind: 'resident_id',
    identifier: VALID_RESIDENT_ID,
    recordedBy: by.userId,
    recordedAt: new Date('2025-09-20T10:00:00+08:00'),
  });
  return row!.id;
}

/** A case row as the API inserts it before the workflow starts. */
export async function seedCase(
  db: Db,
  by: Actor,
  party: { serviceUnitId: number } | { violatorId: number; conduct: Conduct },
  breaches: BreachItem[],
  openedAt: string,
) {
  const id = `CF-test-${unique()}`;
  const { row } = await insertCaseOnce(db, {
    id,
    requestId: `req-${id}`,
    workflowId: penaltyCaseWorkflowId(id),
    partyType: 'serviceUnitId' in party ? 'service_unit' : 'violator',
    ...party,
    breaches,
    facts: '检查发现未对政务数据采取加密措施',
    openedBy: by.userId,
    openedAt: new Date(openedAt),
  });
  return row;
}

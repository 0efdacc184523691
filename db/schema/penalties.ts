import { sql } from 'drizzle-orm';
import { bigint, bigserial, check, date, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import {
  type BreachItem,
  CONDUCTS,
  type Conduct,
  type DutyChecklist,
  PENALTY_PARTY_TYPES,
  type PenaltyPartyType,
  VIOLATOR_KINDS,
  type ViolatorKind,
} from '../../domain/penalty';
import { type DocumentKind, STAGES_OF, type StageOf } from '../../domain/vocabulary';
import { users } from './identity';

const quoted = (codes: readonly string[]) => sql.raw(codes.map((c) => `'${c}'`).join(', '));

// 第三十八条, 第五十二条: the units that build, run and maintain the county's government-data
// systems, each with the 第三十八条 duties as the checklist the authority last recorded.
export const serviceUnits = pgTable('service_units', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  name: text('name').notNull(),
  creditCode: text('credit_code').notNull().unique(),
  services: text('services').notNull(),
  duties: jsonb('duties').$type<DutyChecklist>().notNull(),
  checkedOn: date('checked_on', { mode: 'string' }).notNull(),
  recordedBy: uuid('recorded_by')
    .notNull()
    .references(() => users.id),
  recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
});

// 第五十三条: citizens (by resident ID number) and organisations (by unified social credit code)
// against whom the authority has opened a case. Personal data: read through audited routes only,
// never sent to the workflow engine.
export const violators = pgTable(
  'violators',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: text('kind').$type<ViolatorKind>().notNull(),
    name: text('name').notNull(),
    /** 第五十五条: the document the identifier belongs to (DOCUMENT_KINDS) */
    documentKind: text('document_kind').$type<DocumentKind>().notNull(),
    /** a natural person's document number (resident ID, passport, permit), an organisation's credit code */
    identifier: text('identifier').notNull(),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => users.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('violators_identifier_idx').on(t.kind, t.identifier),
    check('violators_kind_check', sql`kind in (${quoted(VIOLATOR_KINDS)})`),
  ],
);

// 第五十二条, 第五十三条: one case per breach, a workflow of its own. The API inserts the case; the
// workflow's activities write each decision on it together with its timeline step.
export const penaltyCases = pgTable(
  'penalty_cases',
  {
    id: text('id').primaryKey(),
    requestId: text('request_id').notNull().unique(),
    workflowId: text('workflow_id').notNull().unique(),
    partyType: text('party_type').$type<PenaltyPartyType>().notNull(),
    serviceUnitId: bigint('service_unit_id', { mode: 'number' }).references(() => serviceUnits.id),
    violatorId: bigint('violator_id', { mode: 'number' }).references(() => violators.id),
    conduct: text('conduct').$type<Conduct>(),
    breaches: jsonb('breaches').$type<BreachItem[]>().notNull(),
    facts: text('facts').notNull(),
    evidence: text('evidence'),
    stage: text('stage').$type<StageOf<'penalty_case'>>().notNull().default('penalty_filed'),
    openedBy: uuid('opened_by')
      .notNull()
      .references(() => users.id),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
    noticeContent: text('notice_content'),
    notifiedOn: date('notified_on', { mode: 'string' }),
    statementDue: date('statement_due', { mode: 'string' }),
    statements: jsonb('statements').$type<{ statement: string; by: string; at: string }[]>().notNull().default(sql`'[]'::jsonb`),
    requirement: text('requirement'),
    periodWorkingDays: integer('period_working_days'),
    orderedOn: date('ordered_on', { mode: 'string' }),
    rectificationDue: date('rectification_due', { mode: 'string' }),
    rectificationReport: text('rectification_report'),
    rectifiedAt: timestamp('rectified_at', { withTimezone: true }),
    warnedAt: timestamp('warned_at', { withTimezone: true }),
    fineYuan: integer('fine_yuan'),
    consequences: text('consequences'),
    finedAt: timestamp('fined_at', { withTimezone: true }),
    conclusion: text('conclusion'),
    referredTo: text('referred_to'),
    referralReason: text('referral_reason'),
    referredAt: timestamp('referred_at', { withTimezone: true }),
    decidedBy: text('decided_by'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  () => [
    check('penalty_cases_party_type_check', sql`party_type in (${quoted(PENALTY_PARTY_TYPES)})`),
    check('penalty_cases_conduct_check', sql`conduct is null or conduct in (${quoted(CONDUCTS)})`),
    check('penalty_cases_stage_check', sql`stage in (${quoted(STAGES_OF.penalty_case)})`),
    check(
      'penalty_cases_party_check',
      sql`(party_type = 'service_unit' and service_unit_id is not null and violator_id is null and conduct is null) or (party_type = 'violator' and violator_id is not null and service_unit_id is null and conduct is not null)`,
    ),
  ],
);

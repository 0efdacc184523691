import { sql } from 'drizzle-orm';
import { bigserial, boolean, check, date, index, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import {
  FINDING_CLASSES,
  FINDING_STATUSES,
  type FindingClass,
  type FindingStatus,
  PARTY_KINDS,
  type PartyKind,
  SUPERVISORS,
  type Supervisor,
} from '../../domain/responsibility';
import { PROCESS_TYPES, type ProcessType, STAGES_OF, STORED_FINDING_PATTERN, type Stage } from '../../domain/vocabulary';
import { deadlineLevelEnum, processStatusEnum, roleEnum } from './enums';
import { departments } from './identity';

// The vocabulary is held by check constraints, not pgEnum: adding a type or stage is then one
// regenerated constraint rather than ALTER TYPE ... ADD VALUE (which cannot run inside the
// migration's transaction and can never drop a value), and a stage is checked against its type.
const quoted = (codes: readonly string[]) => sql.raw(codes.map((c) => `'${c}'`).join(', '));
const stageOfType = sql.join(
  Object.entries(STAGES_OF).map(([type, stages]) => sql`(type = '${sql.raw(type)}' and stage in (${quoted(stages)}))`),
  sql` or `,
);

// The process registry: one row per workflow, written only by activities, read by the API so
// that listing never scans Temporal.
export const processes = pgTable(
  'processes',
  {
    workflowId: text('workflow_id').primaryKey(),
    type: text('type').$type<ProcessType>().notNull(),
    departmentCode: text('department_code')
      .notNull()
      .references(() => departments.code),
    subjectId: text('subject_id').notNull(),
    stage: text('stage').$type<Stage>().notNull(),
    status: processStatusEnum('status').notNull().default('open'),
    dueDate: date('due_date', { mode: 'string' }),
    endsAt: timestamp('ends_at', { withTimezone: true }),
    warningAt: timestamp('warning_at', { withTimezone: true }),
    level: deadlineLevelEnum('level').notNull().default('normal'),
    provisional: boolean('provisional').notNull().default(false),
    calendarVersion: text('calendar_version'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [
    index('processes_open_deadline_idx').on(t.status, t.endsAt),
    index('processes_department_idx').on(t.departmentCode, t.status, t.stage),
    // the calendar change's keyset pages over the open processes, in workflow id order
    index('processes_open_idx').on(t.status, t.workflowId),
    check('processes_type_check', sql`type in (${quoted(PROCESS_TYPES)})`),
    check('processes_stage_check', stageOfType),
  ],
);

// The domain timeline of a process. (workflow_id, event_key) makes every activity write
// idempotent: a retried activity finds its row and writes nothing.
export const processEvents = pgTable(
  'process_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    workflowId: text('workflow_id')
      .notNull()
      .references(() => processes.workflowId),
    eventKey: text('event_key').notNull(),
    kind: text('kind').notNull(),
    actorUserId: text('actor_user_id'),
    actorRole: roleEnum('actor_role'),
    actorDepartment: text('actor_department'),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('process_events_key_idx').on(t.workflowId, t.eventKey)],
);

// SPEC §6: each finding (a missed deadline or a breach) against the party charged with it, the
// duty it breached and the supervisor it is reported to, all from domain/responsibility.ts.
// `department_code` is the party's department (the authority and the county government are
// departments too). Only `confirmed` rows count anywhere.
export const violations = pgTable(
  'violations',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    workflowId: text('workflow_id')
      .notNull()
      .references(() => processes.workflowId),
    departmentCode: text('department_code')
      .notNull()
      .references(() => departments.code),
    article: text('article').notNull(),
    kind: text('kind').notNull(),
    partyKind: text('party_kind').$type<PartyKind>().notNull(),
    supervisor: text('supervisor').$type<Supervisor>().notNull(),
    findingClass: text('finding_class').$type<FindingClass>().notNull(),
    status: text('status').$type<FindingStatus>().notNull(),
    dueDate: date('due_date', { mode: 'string' }),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('violations_once_idx').on(t.workflowId, t.kind),
    index('violations_department_idx').on(t.departmentCode, t.occurredAt),
    check('violations_kind_check', sql`kind ~ ${sql.raw(`'${STORED_FINDING_PATTERN}'`)}`),
    check('violations_party_kind_check', sql`party_kind in (${quoted(PARTY_KINDS)})`),
    check('violations_supervisor_check', sql`supervisor in (${quoted(SUPERVISORS)})`),
    check('violations_finding_class_check', sql`finding_class in (${quoted(FINDING_CLASSES)})`),
    check('violations_status_check', sql`status in (${quoted(FINDING_STATUSES)})`),
  ],
);

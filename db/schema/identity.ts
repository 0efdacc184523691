import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { departmentKindEnum, roleEnum } from './enums';

// 第六条/第七条: every record belongs to a department; the authority and the county government are departments too.
export const departments = pgTable('departments', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  kind: departmentKindEnum('kind').notNull().default('department'),
  active: boolean('active').notNull().default(true),
});

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    username: text('username').notNull().unique(),
    displayName: text('display_name').notNull(),
    role: roleEnum('role').notNull(),
    departmentCode: text('department_code').references(() => departments.code),
    /** an applicant's own resident ID number or credit code, as the identity platform verified it (SPEC §7); null for officials */
    identityNumber: text('identity_number'),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** argon2id (PHC string); null: no local password (token-only or single sign-on accounts) */
    passwordHash: text('password_hash'),
    /** set on creation and on a reset: the next sign-in must choose a new password */
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    failedSignIns: integer('failed_sign_ins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true }),
    lastSignInIp: text('last_sign_in_ip'),
  },
  // SPEC §7: exactly one active 主要负责人 per department.
  (t) => [uniqueIndex('users_one_head_idx').on(t.departmentCode).where(sql`${t.role} = 'department_head' and ${t.active}`)],
);

// Only the SHA-256 of a bearer token is stored: a leaked table grants nothing.
export const apiTokens = pgTable(
  'api_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    /** the handle a person sees and revokes by; the token itself is shown once */
    id: uuid('id').notNull().unique().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    label: text('label').notNull(),
    /** the roles it acts in: it works only while its user holds one of them; null: the demo tokens, any role */
    roles: roleEnum('roles').array(),
    /** the security administrator who issued it; null for seeded tokens */
    issuedBy: uuid('issued_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('api_tokens_user_idx').on(t.userId)],
);

// The console's server-side sessions (@fastify/session's store). The key is the SHA-256 of the
// session id, as for tokens: the table alone signs no one in.
export const sessions = pgTable(
  'sessions',
  {
    idHash: text('id_hash').primaryKey(),
    userId: uuid('user_id').references(() => users.id),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

// SPEC §7: a dated deputy (代理) acts as the department's 主要负责人 between its dates.
export const departmentDeputies = pgTable(
  'department_deputies',
  {
    id: serial('id').primaryKey(),
    departmentCode: text('department_code')
      .notNull()
      .references(() => departments.code),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    appointedBy: uuid('appointed_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** ended early by the security administrator */
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('department_deputies_user_idx').on(t.userId)],
);

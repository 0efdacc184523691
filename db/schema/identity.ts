import { boolean, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { departmentKindEnum, roleEnum } from './enums';

// 第六条/第七条: every record belongs to a department; the authority and the county government are departments too.
export const departments = pgTable('departments', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  kind: departmentKindEnum('kind').notNull().default('department'),
  active: boolean('active').notNull().default(true),
});

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  role: roleEnum('role').notNull(),
  departmentCode: text('department_code').references(() => departments.code),
  /** an applicant's own resident ID number or credit code, as the identity platform verified it (SPEC §7); null for officials */
  identityNumber: text('identity_number'),
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

// Only the SHA-256 of a bearer token is stored: a leaked table grants nothing.
export const apiTokens = pgTable(
  'api_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    label: text('label').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('api_tokens_user_idx').on(t.userId)],
);

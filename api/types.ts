import type { Client } from '@temporalio/client';
import type { Role } from '../domain/roles';
import type { ReceiptPolicy } from '../domain/working-days';
import type { Db } from '../db/client';
import type { AuthenticatedUser } from '../db/repositories/identity.repo';
import type { AuthCache } from './auth-cache';
import type { Account } from '../db/repositories/accounts.repo';

export interface AppDeps {
  db: Db;
  temporal: Client;
  taskQueue: string;
  /** SPEC §2: a deadline turns yellow this many working days before it ends */
  warningWorkingDays: number;
  /** SPEC §2: the receipt policy the worker counts with, so the API's preview counts the same; default 顺延 */
  receiptPolicy?: ReceiptPolicy;
  /** HMAC key of the applicants' query codes (api/query-code.ts) */
  queryCodeSecret: string;
  /** readiness of the workflow engine, for /health */
  temporalReady(): Promise<boolean>;
  /** the wall clock (ms) for rules keyed on today's date; Date.now unless a test runs on the engine's time */
  clock?: () => number;
  /** SPEC §5: the public keys (SPKI PEM) that check the audit log's signed heads: the current signing key's first, then the retired ones */
  auditPublicKeys?: readonly string[];
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** who may call the route; omitted only together with `public: true` */
    roles?: readonly Role[];
    public?: boolean;
    /** reads that the audit log records (auditors reading processes, SPEC §5) */
    auditRead?: boolean;
    /** starts a workflow: counted against the caller's start quota (api/plugins/start-quota.ts) */
    startsProcess?: boolean;
    /** callable by a session whose password must be changed first (sign-out, who am I, the change itself) */
    beforePasswordChange?: boolean;
  }
  interface FastifyRequest {
    user: AuthenticatedUser | null;
    /** the object a request acted on, for the audit log */
    auditTarget?: string;
    /** how the caller signed in: a personal access token, or the console's session cookie */
    authVia?: 'token' | 'session';
    /** the caller's account as the auth plugin found it */
    account?: Account;
  }
  interface FastifyInstance {
    deps: AppDeps;
    /** what the auth plugin has looked up lately; whatever changes an account forgets its entry */
    authCache: AuthCache;
  }
}

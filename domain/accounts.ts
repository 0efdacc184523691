// Accounts of the people who sign in (SPEC §7), held to GB/T 22239-2019 (网络安全等级保护基本要求),
// level 3, 8.1.4.1 身份鉴别: a) unique identities and passwords with complexity requirements,
// b) a failed-sign-in policy (limited attempts, lockout) and sessions that end when idle.
// The standard names no figures: the ones below are the usual reading of a 等保 assessment,
// each a named setting (env.ts) or bound, and written in the README.
import type { IsoDate } from './working-days';

/** GB/T 22239-2019 8.1.4.1 a): 身份鉴别信息具有复杂度要求. */
export const PASSWORD_RULE = {
  minLength: 8,
  /** a bound on the hash's work, not a rule people meet */
  maxLength: 128,
  /** of upper case, lower case, digits and other characters */
  minClasses: 3,
} as const;

const CLASSES: { test: RegExp; label: string }[] = [
  { test: /[A-Z]/, label: '大写字母' },
  { test: /[a-z]/, label: '小写字母' },
  { test: /[0-9]/, label: '数字' },
  { test: /[^A-Za-z0-9]/, label: '其他字符' },
];

/** What is wrong with a new password, in Chinese; null when it meets the rule. */
export function passwordProblem(password: string, username: string): string | null {
  const length = [...password].length;
  if (length < PASSWORD_RULE.minLength) return `长度不少于 ${PASSWORD_RULE.minLength} 个字符`;
  if (length > PASSWORD_RULE.maxLength) return `长度不超过 ${PASSWORD_RULE.maxLength} 个字符`;
  const classes = CLASSES.filter((c) => c.test.test(password)).length;
  if (classes < PASSWORD_RULE.minClasses) return `应至少包含${CLASSES.map((c) => c.label).join('、')}中的 ${PASSWORD_RULE.minClasses} 类`;
  if (username && password.toLowerCase().includes(username.toLowerCase())) return '不得包含用户名';
  return null;
}

/** GB/T 22239-2019 8.1.4.1 b): 限制非法登录次数. Settings (env.ts SIGN_IN_*). */
export interface LockoutPolicy {
  /** consecutive failures that lock the account */
  maxFailures: number;
  /** minutes the account stays locked */
  lockMinutes: number;
}

export const DEFAULT_LOCKOUT: LockoutPolicy = { maxFailures: 5, lockMinutes: 15 };

/** GB/T 22239-2019 8.1.4.1 b): 登录连接超时自动退出. Setting SESSION_IDLE_MINUTES. */
export const DEFAULT_SESSION_IDLE_MINUTES = 30;

export interface SignInState {
  failedSignIns: number;
  lockedUntil: Date | null;
}

export const isLocked = (state: SignInState, now: Date): boolean => !!state.lockedUntil && state.lockedUntil > now;

/** The state after a wrong password: the N-th consecutive failure locks the account for the policy's minutes. */
export function afterFailure(state: SignInState, policy: LockoutPolicy, now: Date): SignInState {
  const failedSignIns = state.failedSignIns + 1;
  if (failedSignIns < policy.maxFailures) return { failedSignIns, lockedUntil: null };
  return { failedSignIns: 0, lockedUntil: new Date(now.getTime() + policy.lockMinutes * 60_000) };
}

/** A session not used for the idle minutes has ended. */
export const sessionIdle = (lastSeenAt: Date, idleMinutes: number, now: Date): boolean =>
  now.getTime() - lastSeenAt.getTime() >= idleMinutes * 60_000;

/**
 * SPEC §7, 第七条: a 代理 (deputy) acts as the department's 主要负责人 only on the days of its
 * appointment, both ends included (Beijing dates).
 */
export const deputyActs = (deputy: { startsOn: IsoDate; endsOn: IsoDate }, today: IsoDate): boolean =>
  deputy.startsOn <= today && today <= deputy.endsOn;

export const DEPUTY_STATES = ['upcoming', 'acting', 'ended'] as const;
export type DeputyState = (typeof DEPUTY_STATES)[number];

/** Where an appointment stands on `today`: not begun, acting (deputyActs), or past its last day. */
export const deputyState = (deputy: { startsOn: IsoDate; endsOn: IsoDate }, today: IsoDate): DeputyState =>
  today < deputy.startsOn ? 'upcoming' : deputyActs(deputy, today) ? 'acting' : 'ended';

/** SPEC §7: a personal access token expires; a year at most. */
export const TOKEN_MAX_DAYS = 365;

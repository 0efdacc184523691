// Issue 18 item 2: the lookups behind every authenticated request (token → user, session → user,
// user → role and department) kept for a few seconds in this process. Whatever changes a user,
// a token or a session forgets the entry here, so in the process that made the change the next
// request sees it. Another API process keeps its copy for at most `ttlMs` (AUTH_CACHE_TTL_MS):
// that is the bound across processes.
export class AuthCache {
  private readonly entries = new Map<string, { value: unknown; until: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  async get<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && hit.until > this.now()) return hit.value as T;
    const value = await load();
    // a miss is not kept: a token or user created a moment later must work at once
    if (value !== null && value !== undefined && this.ttlMs > 0) this.entries.set(key, { value, until: this.now() + this.ttlMs });
    else this.entries.delete(key);
    return value;
  }

  forget(key: string): void {
    this.entries.delete(key);
  }
}

export const userKey = (userId: string) => `user:${userId}`;
export const tokenKey = (tokenHash: string) => `token:${tokenHash}`;
export const sessionKey = (idHash: string) => `session:${idHash}`;

// A unique index refusing a write (SQLSTATE 23505) names the index: postgres.js as
// `constraint_name`, PGlite as `constraint`; Drizzle wraps either in its own error's `cause`.

/** The unique index `err` (or an error it wraps) violated, if it is a unique violation. */
export function violatedUniqueIndex(err: unknown): string | null {
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, constraint, constraint_name } = e as { code?: unknown; constraint?: string; constraint_name?: string };
    if (code === '23505') return constraint_name ?? constraint ?? null;
  }
  return null;
}

/**
 * Polls `check` until it stops throwing. For results that another process writes (a worker's
 * activity, the server's timer firing): it waits for work to happen, never for time to pass.
 */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > until) throw err;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

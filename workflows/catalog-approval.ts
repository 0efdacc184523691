// The authority's approval of a catalog application (第十六条, 第十八条), shared by the catalog
// update and compilation workflows: an entry edited since the application's base version is
// refused by the activity (domain/catalog.ts checkAgainstCatalog), nothing written, the
// application kept under review; the refusal is recorded and answered with its domain code.
import { ActivityFailure, ApplicationFailure } from '@temporalio/workflow';
import { isDomainErrorCode } from '../domain/errors';

export async function approvedOrRefused<T>(
  approve: () => Promise<T>,
  onRefused: (refusal: ApplicationFailure) => Promise<void>,
): Promise<T> {
  try {
    return await approve();
  } catch (err) {
    const cause = err instanceof ActivityFailure ? err.cause : undefined;
    if (!(cause instanceof ApplicationFailure) || !isDomainErrorCode(cause.type)) throw err;
    await onRefused(cause);
    throw ApplicationFailure.create({ type: cause.type, message: cause.message, nonRetryable: true });
  }
}

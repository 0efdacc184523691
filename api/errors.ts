// The errors routes throw: an HTTP refusal with its status, code and Chinese message, and a
// domain refusal carrying a DomainError from domain/ unchanged.
import type { DomainError } from '../domain/errors';

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: { path: string; message: string }[],
  ) {
    super(message);
  }
}

export const httpError = (status: number, code: string, message: string, details?: { path: string; message: string }[]) =>
  new HttpError(status, code, message, details);

export const notFound = (what = '事项') => httpError(404, 'NOT_FOUND', `${what}不存在或无权查看`);

/** A domain refusal on its way to the error handler, which answers it with its code's status. */
export class DomainRefusal extends Error {
  constructor(readonly refusal: DomainError) {
    super(refusal.message);
  }
}

export const domainRefusal = (err: DomainError) => new DomainRefusal(err);

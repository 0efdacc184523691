// The errors routes throw: an HTTP refusal with its code and Chinese message, and a domain
// refusal (a DomainError from domain/) answered with the status its code carries.
import { DOMAIN_ERRORS, type DomainError } from '../domain/errors';

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

export const domainRefusal = (err: DomainError, details?: { path: string; message: string }[]) =>
  httpError(DOMAIN_ERRORS[err.code].status, err.code, err.message, details);

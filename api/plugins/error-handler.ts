// One error shape for every failure: { statusCode, code, error, message, details? }. Domain
// refusals raised in workflow validators come back with their own status; 5xx are masked.
import { STATUS_CODES } from 'node:http';
import {
  isGrpcServiceError,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { FastifyError, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import { DOMAIN_ERRORS, type DomainError, type DomainErrorCode, domainError, isDomainErrorCode } from '../../domain/errors';
import { DomainRefusal, HttpError } from '../errors';
import { DOMAIN_ERROR_KEYWORD } from '../schemas/common';

type AjvIssue = {
  instancePath?: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
  parentSchema?: Record<string, unknown>;
};

/** ajv's findings in Chinese, one per field. */
function describe(issue: AjvIssue, context: string): { path: string; message: string } {
  const p = issue.params;
  const base = `${context}${issue.instancePath ?? ''}`.replace(/\//g, '.');
  switch (issue.keyword) {
    case 'required':
      return { path: `${base}.${p.missingProperty}`, message: '缺少必填字段' };
    case 'additionalProperties':
      return { path: `${base}.${p.additionalProperty}`, message: '不允许的字段' };
    case 'type':
      return { path: base, message: `类型应为 ${p.type}` };
    case 'format':
      return { path: base, message: p.format === 'date' ? '日期格式应为 YYYY-MM-DD，且为真实日期' : `格式应为 ${p.format}` };
    case 'pattern':
      return { path: base, message: '格式不正确' };
    case 'enum':
    case 'const':
      return { path: base, message: `取值应为 ${JSON.stringify(p.allowedValues ?? p.allowedValue)}` };
    case 'anyOf':
      return { path: base, message: '取值不在允许范围内' };
    case 'minimum':
    case 'maximum':
      return { path: base, message: `数值应${issue.keyword === 'minimum' ? '不小于' : '不大于'} ${p.limit}` };
    case 'minLength':
    case 'maxLength':
      return { path: base, message: `长度应${issue.keyword === 'minLength' ? '不少于' : '不超过'} ${p.limit} 个字符` };
    case 'minItems':
    case 'maxItems':
      return { path: base, message: `元素个数应${issue.keyword === 'minItems' ? '不少于' : '不超过'} ${p.limit}` };
    default:
      return { path: base, message: issue.message ?? '不合法' };
  }
}

function send(reply: FastifyReply, status: number, code: string, message: string, details?: { path: string; message: string }[]) {
  if (status === 503) reply.header('retry-after', '5');
  return reply
    .status(status)
    .send({ statusCode: status, code, error: STATUS_CODES[status] ?? 'Error', message, ...(details && { details }) });
}

/** The one place a domain refusal gets its status: raised in a route or in a workflow's validator. */
const refuse = (reply: FastifyReply, e: DomainError) =>
  send(
    reply,
    DOMAIN_ERRORS[e.code].status,
    e.code,
    e.message,
    e.fields?.map((f) => ({ path: `body.${f.path}`, message: f.message })),
  );

/** The gRPC status error itself, or the one the client wrapped (`ServiceError: Failed to start Workflow`, cause). */
function grpcError(err: unknown) {
  return [err, (err as { cause?: unknown }).cause].find(isGrpcServiceError);
}

function unavailable(err: unknown): 'TEMPORAL_UNAVAILABLE' | 'DATABASE_UNAVAILABLE' | null {
  const grpc = grpcError(err);
  if (grpc && (grpc.code === 14 || grpc.code === 4)) return 'TEMPORAL_UNAVAILABLE';
  const code = (err as { code?: string; cause?: { code?: string } }).code ?? (err as { cause?: { code?: string } }).cause?.code;
  if (code === 'ECONNREFUSED' || code === 'CONNECTION_CLOSED' || code === 'CONNECT_TIMEOUT' || code === '57P01')
    return 'DATABASE_UNAVAILABLE';
  return null;
}

export default fp(
  async (app) => {
    app.setNotFoundHandler((request, reply) =>
      send(reply, 404, 'ROUTE_NOT_FOUND', `接口不存在：${request.method} ${request.url.split('?')[0]}`),
    );

    app.setErrorHandler((err: FastifyError | Error, request, reply) => {
      if (err instanceof HttpError) return send(reply, err.statusCode, err.code, err.message, err.details);
      if (err instanceof DomainRefusal) return refuse(reply, err.refusal);

      const validation = (err as FastifyError).validation as AjvIssue[] | undefined;
      if (validation) {
        const details = validation.map((v) => describe(v, (err as FastifyError).validationContext ?? ''));
        // A value outside a domain bound: the bound's own code and answer (domain/bounds.ts).
        const malformed = new Set(validation.filter((v) => v.keyword === 'format').map((v) => v.instancePath));
        const bounded = validation
          // a malformed date keeps the format message; only a well-formed value out of range takes the bound's
          .filter((v) => !malformed.has(v.instancePath))
          .map((v) => v.parentSchema?.[DOMAIN_ERROR_KEYWORD])
          .find((c): c is DomainErrorCode => typeof c === 'string' && isDomainErrorCode(c));
        if (bounded) return send(reply, DOMAIN_ERRORS[bounded].status, bounded, DOMAIN_ERRORS[bounded].message, details);
        return send(reply, 400, 'VALIDATION_FAILED', `请求不合法：${details.map((d) => `${d.path} ${d.message}`).join('；')}`, details);
      }

      if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure && isDomainErrorCode(err.cause.type)) {
        return refuse(reply, { code: err.cause.type, message: err.cause.message });
      }
      if (err instanceof WorkflowNotFoundError) return send(reply, 404, 'PROCESS_NOT_FOUND', '流程不存在');
      if (err instanceof WorkflowExecutionAlreadyStartedError) return send(reply, 409, 'PROCESS_EXISTS', '该流程已存在');
      if (isGrpcServiceError(err) && /already completed|already been completed/i.test(err.details ?? err.message)) {
        return refuse(reply, domainError('PROCESS_CLOSED'));
      }
      const down = unavailable(err);
      if (down) {
        request.log.warn({ err }, down);
        return send(reply, 503, down, down === 'TEMPORAL_UNAVAILABLE' ? '流程引擎暂不可用，请稍后重试' : '数据库暂不可用，请稍后重试');
      }

      const status = (err as FastifyError).statusCode ?? 500;
      if (status >= 400 && status < 500) {
        // Fastify's own refusals: malformed JSON, wrong content type, body too large.
        const messages: Record<number, string> = {
          413: '请求体过大',
          415: '不支持的内容类型，请使用 application/json',
          429: '请求过于频繁，请稍后再试',
        };
        return send(reply, status, (err as FastifyError).code ?? 'BAD_REQUEST', messages[status] ?? `请求格式不正确：${err.message}`);
      }
      request.log.error({ err }, 'unhandled error');
      return send(reply, 500, 'INTERNAL_ERROR', '服务器内部错误，已记录，请联系管理员');
    });
  },
  { name: 'error-handler' },
);

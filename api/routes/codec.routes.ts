// SPEC §5: the codec server the Temporal UI calls (its codec-server protocol: POST {payloads}
// → {payloads}, metadata values and data in base64), so auditors, and only they, see payloads
// decoded. Each call is an audit entry (api/plugins/audit.ts: every POST is). The UI calls from
// its own origin: CORS for the origins in CODEC_CORS_ORIGINS only. No /encode: the UI needs it
// only to send signals or start workflows, which auditors do not do.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { decodeWith, PayloadDecryptionError, payloadFromJson, payloadToJson } from '../../payload-codec';
import { httpError } from '../errors';
import { errors } from '../schemas/common';

/** A history page's payloads in one call; more is not a UI request. */
const MAX_PAYLOADS = 1000;
const Base64 = Type.String({ maxLength: 4 * 1024 * 1024, pattern: '^[A-Za-z0-9+/]*={0,2}$' });
const JsonPayload = Type.Object(
  { metadata: Type.Optional(Type.Record(Type.String({ maxLength: 100 }), Base64)), data: Type.Optional(Base64) },
  { additionalProperties: false },
);
const Payloads = Type.Object({ payloads: Type.Array(JsonPayload, { maxItems: MAX_PAYLOADS }) }, { additionalProperties: false });

const routes: FastifyPluginAsyncTypebox<{ corsOrigins: readonly string[] }> = async (app, { corsOrigins }) => {
  function cors(request: FastifyRequest, reply: FastifyReply) {
    const origin = request.headers.origin;
    if (!origin || !corsOrigins.includes(origin)) return;
    reply
      .header('access-control-allow-origin', origin)
      .header('access-control-allow-credentials', 'true')
      .header('access-control-allow-methods', 'POST, OPTIONS')
      .header('access-control-allow-headers', 'authorization, content-type, x-namespace')
      .header('vary', 'Origin');
  }

  app.options('/codec/decode', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
    cors(request, reply);
    return reply.status(204).send();
  });

  app.post(
    '/codec/decode',
    {
      config: { roles: ['auditor'] },
      onSend: async (request, reply, payload) => {
        cors(request, reply);
        return payload;
      },
      schema: {
        summary: '审计：为 Temporal UI 解密流程载荷（codec server 协议）',
        tags: ['audit'],
        body: Payloads,
        response: { 200: Payloads, ...errors(422) },
      },
    },
    async (request) => {
      try {
        const decoded = await decodeWith(
          app.deps.temporal.options.loadedDataConverter.payloadCodecs,
          request.body.payloads.map(payloadFromJson),
        );
        return { payloads: decoded.map(payloadToJson) };
      } catch (err) {
        if (err instanceof PayloadDecryptionError) throw httpError(422, err.code, err.message);
        throw err;
      }
    },
  );
};

export default routes;

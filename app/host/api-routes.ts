// POST /api/<method> for every method of the contract (docs/ARCHITECTURE.md, "The host's HTTP
// protocol"), generated from PUNCHBRIDGE_API_METHODS so the host can never lag behind the contract.
import type { FastifyInstance } from 'fastify';
import { FILE_UPLOAD_MAX_REQUEST_BYTES, FILE_UPLOAD_METHODS, PUNCHBRIDGE_API_METHODS, type ApiError, type PunchbridgeApi } from '../api/contract';
import type { Logger } from '../log';
import { callApiMethod, INTERNAL_ERROR } from '../api';

const BODY_NOT_AN_OBJECT: ApiError = {
  code: 'invalid-argument',
  message: 'The request body must be a JSON object such as {"input": ...}.',
  action: 'Send the argument as {"input": <argument>}, or {} for methods without one.',
};

export function registerApiRoutes(app: FastifyInstance, api: PunchbridgeApi, log: Logger): void {
  for (const method of PUNCHBRIDGE_API_METHODS) {
    const bodyLimit = FILE_UPLOAD_METHODS.includes(method) ? FILE_UPLOAD_MAX_REQUEST_BYTES : undefined;
    app.post(`/api/${method}`, { bodyLimit }, async (request, reply) => {
      const body: unknown = request.body;
      if (body !== undefined && body !== null && (typeof body !== 'object' || Array.isArray(body))) {
        return reply.code(400).send({ error: BODY_NOT_AN_OBJECT });
      }
      try {
        const outcome = await callApiMethod(api, method, (body as { input?: unknown } | null | undefined)?.input);
        if (!outcome.ok) return reply.code(400).send({ error: outcome.error });
        return reply.send({ result: outcome.result ?? null });
      } catch (error) {
        log.error(`${method} failed`, error);
        return reply.code(500).send({ error: INTERNAL_ERROR });
      }
    });
  }
}

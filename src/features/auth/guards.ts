import type { FastifyReply, FastifyRequest } from 'fastify';
import { authorize, policy } from './policy.ts';

/** Refuses anyone but an administrator before the request's body is read, parsed or validated. */
export async function administratorsOnly(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (policy.administer(request.actor)) return;
  // The body is never read: closing the connection afterwards spares receiving the rest of it.
  if (request.headers['content-length'] !== undefined || request.headers['transfer-encoding'] !== undefined) {
    reply.header('connection', 'close');
  }
  authorize(request.actor, false);
}

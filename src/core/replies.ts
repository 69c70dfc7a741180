import type { FastifyReply } from 'fastify';

/** Sends JSON that a read model already serialized; the route's schema still documents its shape. */
export function sendSerialized(reply: FastifyReply, body: string | Buffer): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(body);
}

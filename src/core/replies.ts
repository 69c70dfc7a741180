import type { FastifyReply } from 'fastify';

/** Sends JSON (or another type) that a read model already serialized; the route's schema still documents its shape. */
export function sendSerialized(
  reply: FastifyReply,
  body: string | Buffer,
  type = 'application/json; charset=utf-8',
): FastifyReply {
  return reply.type(type).send(body);
}

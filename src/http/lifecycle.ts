import type { FastifyInstance } from 'fastify';
import type { Lifecycle } from '../core/context.ts';
import { AppError } from '../core/errors.ts';

/**
 * From the moment the app starts closing, `draining` is true: /api/ready answers 503 so that load balancers
 * stop sending requests, requests already in flight finish, and requests that still arrive on open connections
 * answer 503 SHUTTING_DOWN (in the error shape, with Connection: close) instead of starting new work.
 */
export function registerLifecycle(app: FastifyInstance): Lifecycle {
  const lifecycle: Lifecycle = { draining: false };
  app.addHook('preClose', async () => {
    lifecycle.draining = true;
  });
  app.addHook('onRequest', async (request, reply) => {
    if (!lifecycle.draining || request.url.startsWith('/api/ready')) return;
    reply.header('connection', 'close');
    throw new AppError('SHUTTING_DOWN', 'This server is shutting down; try again');
  });
  return lifecycle;
}

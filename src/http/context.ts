import type { FastifyReply } from 'fastify';
import type { Db } from '../db/client.ts';
import type { ReadModels } from '../features/registry/read-models.ts';
import type { Lifecycle } from './lifecycle.ts';

/** What every feature's routes are given: passed explicitly, no container. */
export interface RouteContext {
  db: Db;
  readModels: ReadModels;
  /** Whether a shutdown has begun. */
  lifecycle: Lifecycle;
  /** The address users reach the app at, for one-time links; the request's own address without one. */
  publicUrl?: string;
  /** Where uploaded documents are kept. */
  documentsDir?: string;
  /** How many bytes of documents each organisation may keep; 1 GB without one. */
  documentQuotaBytes?: number;
}

/** Today's date in UTC as YYYY-MM-DD, part of cache keys of responses that show ages. */
export function todayKey(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** Sends JSON that a read model already serialized; the route's schema still documents its shape. */
export function sendSerialized(reply: FastifyReply, body: string | Buffer): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(body);
}

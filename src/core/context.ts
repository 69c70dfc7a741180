import type { Db } from '../db/client.ts';

/**
 * What every feature's routes are given, passed explicitly (no container). Features that need more (the read
 * models, the lifecycle) say so in their own options type; the app composes one object that has it all.
 */
export interface RouteContext {
  db: Db;
  /** The address users reach the app at, for one-time links; the request's own address without one. */
  publicUrl?: string;
  /** Where uploaded documents are kept. */
  documentsDir?: string;
  /** How many bytes of documents each organisation may keep; 1 GB without one. */
  documentQuotaBytes?: number;
}

/** Where the process is in its life: draining once a shutdown has begun. */
export interface Lifecycle {
  draining: boolean;
}

import type { Database } from '../../db/client.ts';
import { REGISTRY_CHANNEL } from '../imports/imports.repo.ts';

/** Above this many cached entries the cache starts afresh, so memory stays bounded. */
const MAX_ENTRIES = 20_000;

/**
 * In-memory read models of hot public reads (the world network, a place's partners, statistics), built from
 * the database on first use and dropped whenever the registry changes. Changes are announced with PostgreSQL
 * NOTIFY in the writing transaction, so every instance on the same database hears of them; the database stays
 * the only source of truth.
 */
export class ReadModels {
  private readonly entries = new Map<string, Promise<unknown>>();
  private unsubscribe: (() => Promise<void>) | undefined;
  /** Bumped on every invalidation; a build that started before one is not kept. */
  private generation = 0;

  /** Starts listening for registry changes. */
  async start(database: Database): Promise<void> {
    this.unsubscribe = await database.listen(REGISTRY_CHANNEL, () => this.invalidate());
  }

  async stop(): Promise<void> {
    await this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  invalidate(): void {
    this.generation += 1;
    this.entries.clear();
  }

  /** The cached value for `key`, built once by `build` (concurrent callers share one build). */
  get<T>(key: string, build: () => Promise<T>): Promise<T> {
    const cached = this.entries.get(key);
    if (cached) return cached as Promise<T>;
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    const generation = this.generation;
    const pending = build().catch((error: unknown) => {
      if (this.entries.get(key) === pending) this.entries.delete(key);
      throw error;
    });
    this.entries.set(key, pending);
    void pending.then(
      () => {
        if (generation !== this.generation && this.entries.get(key) === pending) this.entries.delete(key);
      },
      () => {},
    );
    return pending;
  }
}

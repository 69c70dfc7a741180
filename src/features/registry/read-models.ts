import { setTimeout as sleep } from 'node:timers/promises';
import type { Database } from '../../db/client.ts';
import {
  decodeNotice,
  onCommitted,
  type RegistryChange,
  type RegistryNotice,
  tagsOf,
} from './registry.changes.ts';
import { REGISTRY_CHANNEL, readRegistryRevision } from './registry.service.ts';

/** A cached read: its key, what it shows, and how to build it from the database. */
export interface ReadModel<T> {
  key: string;
  /** What the model shows (`MODEL_TAGS`): a change that touches one of them drops it. */
  tags: readonly string[];
  /**
   * Keep serving the previous value while a new one builds: for models that are expensive to build. Other models
   * make their readers wait for the rebuild, so a change is seen at once.
   */
  staleWhileRebuilding?: boolean;
  build: () => Promise<T>;
}

export interface ReadModelsOptions {
  /** At most this many models are kept; the least recently read go first. 20,000 without one. */
  maxEntries?: number;
  /** How often the registry revision is compared with the database, in ms (0: never). 15 s without one. */
  revisionCheckMs?: number;
  /**
   * A stale-while-rebuilding model that took d ms to build is rebuilt again no sooner than this many times d
   * later, so that a steady stream of writes cannot keep the process busy rebuilding. 3 without one.
   */
  rebuildPauseFactor?: number;
}

/** What the models of one kind did since the start; a model's kind is its key up to the first `:`. */
export interface ReadModelCounts {
  /** Reads answered from memory: a fresh value, or a stale one while it rebuilds. */
  hits: number;
  /** Reads that waited for a build, their own or one already running. */
  misses: number;
  /** Builds started: first builds and rebuilds after a change. */
  builds: number;
}

interface Build {
  promise: Promise<unknown>;
  /** The entry's epoch when the build started. */
  epoch: number;
}

interface Entry {
  key: string;
  tags: readonly string[];
  staleWhileRebuilding: boolean;
  /** Warmed at start: never evicted. */
  pinned: boolean;
  /** The last value built; `fresh` while no change has touched the entry since that build started. */
  held?: { value: unknown; epoch: number; bytes: number };
  fresh: boolean;
  /** Counts the changes that touched the entry. */
  epoch: number;
  building?: Build;
  /** A stale-while-rebuilding entry is not rebuilt before this time (performance.now()). */
  notBefore: number;
}

/**
 * About how many bytes a value takes in memory: its buffers and strings (as UTF-16), 8 bytes a number, 16 an object
 * or array slot. An estimate for the metrics, not V8's count, which no API gives for one value.
 */
export function approximateBytes(value: unknown, depth = 0): number {
  if (typeof value === 'string') return 2 * value.length;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return 8;
  if (value === null || typeof value !== 'object' || depth > 8) return 0;
  if (ArrayBuffer.isView(value)) return value.byteLength;
  if (value instanceof ArrayBuffer) return value.byteLength;
  let total = 0;
  if (Array.isArray(value)) {
    for (const item of value) total += 16 + approximateBytes(item, depth + 1);
    return total;
  }
  for (const item of Object.values(value)) total += 16 + approximateBytes(item, depth + 1);
  return total;
}

/** After a failed background rebuild the stale value is served this long before the next try. */
const RETRY_PAUSE_MS = 1000;
/** A revision that skips this many revisions is not tracked one by one: everything is dropped instead. */
const MAX_GAP = 1000;

/**
 * In-memory read models of hot public reads (the world network, a place's partners, statistics), built from the
 * database on first use. Each registry write announces what it changed with PostgreSQL NOTIFY in its transaction
 * (`bumpRegistryRevision`), so every instance on the same database drops exactly the models that show it; the
 * database stays the only source of truth.
 *
 * - A model is built once however many readers wait; a build that a change overtook is not kept as fresh.
 * - Expensive models serve their previous value while they rebuild, one build at a time, paced.
 * - A lost LISTEN connection drops everything, and so does a revision in the database that no notification
 *   announced: after every reconnection and on a timer, as a safety net.
 */
export class ReadModels {
  private readonly entries = new Map<string, Entry>();
  private readonly byTag = new Map<string, Set<Entry>>();
  private readonly maxEntries: number;
  private readonly revisionCheckMs: number;
  private readonly rebuildPauseFactor: number;
  private readonly warmKeys = new Set<string>();
  private readonly counts = new Map<string, ReadModelCounts>();
  private stopListening: (() => Promise<void>) | undefined;
  private stopHearingCommits: (() => void) | undefined;
  /** Ends the waits of `warm`: the builds it has not begun are not begun once the models stop. */
  private readonly stopping = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private checking: Promise<void> | undefined;
  private queuedCheck: Promise<void> | undefined;

  /** The highest revision heard of (undefined until the first check or notice). */
  private revision: number | undefined;
  /** Revisions already applied, from their NOTIFY or from this process's own commit, whichever came first. */
  private readonly applied = new Set<number>();
  /** Revisions below `revision` that no notice has announced yet. */
  private missing = new Set<number>();
  /** `missing` at the last check: still missing at the next one means a notification was lost. */
  private suspects = new Set<number>();

  constructor(options: ReadModelsOptions = {}) {
    this.maxEntries = options.maxEntries ?? 20_000;
    this.revisionCheckMs = options.revisionCheckMs ?? 15_000;
    this.rebuildPauseFactor = options.rebuildPauseFactor ?? 3;
  }

  /** Starts listening for registry changes, and checking the revision. */
  async start(database: Database): Promise<void> {
    this.stopListening = await database.listen(REGISTRY_CHANNEL, (payload) => this.hear(payload), {
      onReconnect: () => {
        // Revisions still missing now were announced while nobody listened: they will never be heard.
        if (this.missing.size > 0) this.invalidateAll();
        this.checkRevision(database).catch(() => {});
      },
    });
    this.stopHearingCommits = onCommitted(database.db, (notice) => this.receive(notice));
    await this.checkRevision(database);
    if (this.revisionCheckMs > 0) {
      this.timer = setInterval(() => void this.checkRevision(database).catch(() => {}), this.revisionCheckMs);
      this.timer.unref();
    }
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    clearInterval(this.timer);
    this.timer = undefined;
    this.stopHearingCommits?.();
    this.stopHearingCommits = undefined;
    await this.stopListening?.();
    this.stopListening = undefined;
  }

  /** The model's value: cached, built once for every concurrent reader, or stale while it rebuilds. */
  get<T>(model: ReadModel<T>): Promise<T> {
    const entry = this.entryFor(model);
    const { held } = entry;
    const counts = this.countsOf(model.key);
    if (held && (entry.fresh || entry.staleWhileRebuilding)) {
      counts.hits += 1;
      if (!entry.fresh && !entry.building && performance.now() >= entry.notBefore) {
        this.build(entry, model).catch(() => {});
      }
      return Promise.resolve(held.value as T);
    }
    counts.misses += 1;
    // Without a value to serve, wait for a build; one that a change overtook will not do, except for models that
    // would serve it stale anyway.
    const { building } = entry;
    if (building && (entry.staleWhileRebuilding || building.epoch === entry.epoch)) {
      return building.promise as Promise<T>;
    }
    return this.build(entry, model);
  }

  /**
   * Builds the given models in the background, after `afterMs`; `isWarm()` answers whether they are built, and says
   * no from the call on. Nothing is built once the models have stopped.
   */
  async warm(models: readonly ReadModel<unknown>[], afterMs = 0): Promise<void> {
    for (const model of models) {
      this.warmKeys.add(model.key);
      this.entryFor(model).pinned = true;
    }
    if (afterMs > 0) {
      const waited = await sleep(afterMs, true, { signal: this.stopping.signal, ref: false }).catch(
        () => false,
      );
      if (!waited) return;
    }
    // One at a time: the process keeps serving between the builds.
    for (const model of models) {
      if (this.stopping.signal.aborted) return;
      await this.get(model);
    }
  }

  /** True when every model given to `warm` has a value to serve. */
  isWarm(): boolean {
    for (const key of this.warmKeys) if (!this.entries.get(key)?.held) return false;
    return true;
  }

  /** Drops the models that show what `change` touched. */
  invalidate(change: RegistryChange): void {
    const tags = tagsOf(change);
    if (tags === 'all') {
      this.invalidateAll();
      return;
    }
    const touched = new Set<Entry>();
    for (const tag of tags) for (const entry of this.byTag.get(tag) ?? []) touched.add(entry);
    for (const entry of touched) this.markChanged(entry);
  }

  /** How many models are cached. */
  get size(): number {
    return this.entries.size;
  }

  /**
   * The reads and builds of each kind of model since the start (`partners` for `partners:12:…`): a few kinds,
   * however many models. For the metrics, which read them when scraped.
   */
  counted(): ReadonlyMap<string, Readonly<ReadModelCounts>> {
    return this.counts;
  }

  /** About how many bytes the values held take: the figure of the metrics' memory breakdown. */
  heldBytes(): number {
    let total = 0;
    for (const entry of this.entries.values()) total += entry.held?.bytes ?? 0;
    return total;
  }

  private countsOf(key: string): ReadModelCounts {
    const kind = key.split(':', 1)[0]!;
    let counts = this.counts.get(kind);
    if (!counts) {
      counts = { hits: 0, misses: 0, builds: 0 };
      this.counts.set(kind, counts);
    }
    return counts;
  }

  private invalidateAll(): void {
    this.missing.clear();
    this.suspects.clear();
    for (const entry of [...this.entries.values()]) this.markChanged(entry);
  }

  /** A change touched the entry: its value is no longer fresh, and only a build started from now on will be. */
  private markChanged(entry: Entry): void {
    entry.epoch += 1;
    entry.fresh = false;
    if (entry.staleWhileRebuilding) return;
    // Not served stale: nothing is worth keeping. A build in flight finds the entry gone and keeps nothing.
    entry.held = undefined;
    if (!entry.pinned) this.remove(entry);
  }

  private entryFor(model: ReadModel<unknown>): Entry {
    const existing = this.entries.get(model.key);
    if (existing) {
      // Most recently read last, so that eviction takes the least recently read.
      this.entries.delete(model.key);
      this.entries.set(model.key, existing);
      return existing;
    }
    const entry: Entry = {
      key: model.key,
      tags: model.tags,
      staleWhileRebuilding: model.staleWhileRebuilding ?? false,
      pinned: false,
      fresh: false,
      epoch: 0,
      notBefore: 0,
    };
    this.entries.set(model.key, entry);
    for (const tag of entry.tags) {
      const tagged = this.byTag.get(tag) ?? new Set();
      this.byTag.set(tag, tagged);
      tagged.add(entry);
    }
    if (this.entries.size > this.maxEntries) {
      for (const oldest of this.entries.values()) {
        if (oldest.pinned || oldest === entry) continue;
        this.remove(oldest);
        break;
      }
    }
    return entry;
  }

  private remove(entry: Entry): void {
    if (this.entries.get(entry.key) !== entry) return;
    this.entries.delete(entry.key);
    for (const tag of entry.tags) {
      const tagged = this.byTag.get(tag);
      tagged?.delete(entry);
      if (tagged?.size === 0) this.byTag.delete(tag);
    }
  }

  private build<T>(entry: Entry, model: ReadModel<T>): Promise<T> {
    this.countsOf(entry.key).builds += 1;
    const epoch = entry.epoch;
    const started = performance.now();
    const pause = (minimum: number) => {
      entry.notBefore =
        performance.now() + Math.max(minimum, this.rebuildPauseFactor * (performance.now() - started));
    };
    const build: Build = { epoch, promise: Promise.resolve() };
    const promise = (async () => model.build())().then(
      (value) => {
        if (entry.building === build) entry.building = undefined;
        pause(0);
        const current = this.entries.get(entry.key) === entry;
        if (current && (!entry.held || entry.held.epoch <= epoch)) {
          entry.held = { value, epoch, bytes: approximateBytes(value) };
          entry.fresh = epoch === entry.epoch;
        }
        return value;
      },
      (error: unknown) => {
        if (entry.building === build) entry.building = undefined;
        pause(RETRY_PAUSE_MS);
        if (!entry.held && !entry.pinned && !entry.building) this.remove(entry);
        throw error;
      },
    );
    build.promise = promise;
    entry.building = build;
    return promise;
  }

  /** A NOTIFY payload: a notice, or anything else (a lost connection) that says everything may have changed. */
  private hear(payload: string): void {
    const notice = decodeNotice(payload);
    if (notice) this.receive(notice);
    else this.invalidateAll();
  }

  private receive(notice: RegistryNotice): void {
    // Each revision once: this process's own commits arrive both from the commit and as a NOTIFY.
    if (this.applied.has(notice.revision)) return;
    this.applied.add(notice.revision);
    if (this.applied.size > 2 * MAX_GAP) {
      for (const revision of this.applied) {
        this.applied.delete(revision);
        if (this.applied.size <= MAX_GAP) break;
      }
    }
    this.track(notice.revision);
    this.invalidate(notice.change);
  }

  private track(revision: number): void {
    if (this.revision === undefined) {
      this.revision = revision;
    } else if (revision > this.revision) {
      if (revision - this.revision > MAX_GAP) this.invalidateAll();
      else for (let skipped = this.revision + 1; skipped < revision; skipped += 1) this.missing.add(skipped);
      this.revision = revision;
    } else {
      this.missing.delete(revision);
    }
  }

  /**
   * Compares the revision with the database's: a newer one there, or a revision skipped since the last check,
   * means a notification was missed, and everything is dropped. A check asked for while one runs follows it, so
   * that it reads the revision as it is now.
   */
  checkRevision(database: Database): Promise<void> {
    if (!this.checking) {
      this.checking = this.compareRevision(database).finally(() => {
        this.checking = undefined;
      });
      return this.checking;
    }
    this.queuedCheck ??= this.checking
      .catch(() => {})
      .then(() => {
        this.queuedCheck = undefined;
        return this.checkRevision(database);
      });
    return this.queuedCheck;
  }

  private async compareRevision(database: Database): Promise<void> {
    const current = await readRegistryRevision(database.db);
    if (this.revision === undefined || current > this.revision) {
      if (this.revision !== undefined) this.invalidateAll();
      this.revision = current;
    }
    if ([...this.suspects].some((revision) => this.missing.has(revision))) this.invalidateAll();
    this.suspects = new Set(this.missing);
  }
}

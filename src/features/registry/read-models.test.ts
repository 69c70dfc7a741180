import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import type { DbOrTx } from '../../db/client.ts';
import { type ReadModel, ReadModels, type ReadModelsOptions } from './read-models.ts';
import { announceCommitted, MODEL_TAGS } from './registry.changes.ts';
import { bumpRegistryRevision, REGISTRY_CHANNEL } from './registry.service.ts';

/** A build the test finishes when it wants, counting how often it ran. */
function controlledModel(key: string, tags: string[], staleWhileRebuilding = false) {
  const pending: ((value: string) => void)[] = [];
  let builds = 0;
  const model: ReadModel<string> = {
    key,
    tags,
    staleWhileRebuilding,
    build: () => {
      builds += 1;
      return new Promise<string>((resolve) => pending.push(resolve));
    },
  };
  return {
    model,
    builds: () => builds,
    /** Finishes the oldest unfinished build with `value`. */
    finish: async (value: string) => {
      pending.shift()!(value);
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

/** A model that builds at once, `<key> #<n>` on its n-th build. */
function countingModel(key: string, tags: string[], staleWhileRebuilding = false) {
  let builds = 0;
  const model: ReadModel<string> = {
    key,
    tags,
    staleWhileRebuilding,
    build: async () => {
      builds += 1;
      return `${key} #${builds}`;
    },
  };
  return { model, builds: () => builds };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('ReadModels', () => {
  it('counts, per kind of model, the reads served from memory, the reads that waited and the builds', async () => {
    const models = new ReadModels({ rebuildPauseFactor: 0 });
    const partnersOf1 = controlledModel('partners:1:2026-01-01', [MODEL_TAGS.partnersOf(1)]);
    const partnersOf2 = controlledModel('partners:2:2026-01-01', [MODEL_TAGS.partnersOf(2)]);
    const network = controlledModel('network', [MODEL_TAGS.ties], true);
    // Two readers wait for one build.
    const waiting = [models.get(partnersOf1.model), models.get(partnersOf1.model)];
    await partnersOf1.finish('one');
    await Promise.all(waiting);
    expect(await models.get(partnersOf1.model)).toBe('one');
    const other = models.get(partnersOf2.model);
    await partnersOf2.finish('two');
    await other;
    const first = models.get(network.model);
    await network.finish('v1');
    await first;
    models.invalidate({ ties: true });
    // Stale while it rebuilds: served from memory, and a rebuild starts.
    expect(await models.get(network.model)).toBe('v1');
    await network.finish('v2');
    expect(Object.fromEntries(models.counted())).toEqual({
      partners: { hits: 1, misses: 3, builds: 2 },
      network: { hits: 1, misses: 1, builds: 2 },
    });
  });

  it('builds a model once for every reader waiting for it', async () => {
    const models = new ReadModels();
    const partners = controlledModel('partners:1', [MODEL_TAGS.partnersOf(1)]);
    const readers = Array.from({ length: 50 }, () => models.get(partners.model));
    await partners.finish('one');
    expect(await Promise.all(readers)).toEqual(Array(50).fill('one'));
    expect(await models.get(partners.model)).toBe('one');
    expect(partners.builds()).toBe(1);
  });

  it('rebuilds a stale-while-rebuilding model once, serving the previous value meanwhile', async () => {
    const models = new ReadModels({ rebuildPauseFactor: 0 });
    const network = controlledModel('network', [MODEL_TAGS.ties], true);
    const first = models.get(network.model);
    await network.finish('v1');
    expect(await first).toBe('v1');

    models.invalidate({ ties: true });
    const during = await Promise.all(Array.from({ length: 20 }, () => models.get(network.model)));
    expect(during).toEqual(Array(20).fill('v1'));
    expect(network.builds()).toBe(2);
    await network.finish('v2');
    expect(await models.get(network.model)).toBe('v2');
    expect(network.builds()).toBe(2);
  });

  it('makes readers of other models wait for the rebuild', async () => {
    const models = new ReadModels();
    const partners = controlledModel('partners:1', [MODEL_TAGS.partnersOf(1)]);
    const first = models.get(partners.model);
    await partners.finish('before');
    await first;
    models.invalidate({ partnersOf: [1] });
    const after = models.get(partners.model);
    await partners.finish('after');
    expect(await after).toBe('after');
  });

  it('does not keep a build that a change overtook as fresh', async () => {
    const models = new ReadModels({ rebuildPauseFactor: 0 });
    const partners = controlledModel('partners:1', [MODEL_TAGS.partnersOf(1)]);
    const early = models.get(partners.model);
    models.invalidate({ partnersOf: [1] });
    // A reader after the change does not join the build that started before it.
    const late = models.get(partners.model);
    expect(partners.builds()).toBe(2);
    await partners.finish('old');
    await partners.finish('new');
    expect(await early).toBe('old');
    expect(await late).toBe('new');
    expect(await models.get(partners.model)).toBe('new');
    expect(partners.builds()).toBe(2);

    const network = controlledModel('network', [MODEL_TAGS.ties], true);
    const first = models.get(network.model);
    models.invalidate({ ties: true });
    await network.finish('old');
    expect(await first).toBe('old');
    // Served while the next build runs, which the next reader starts.
    expect(await models.get(network.model)).toBe('old');
    expect(network.builds()).toBe(2);
    await network.finish('new');
    expect(await models.get(network.model)).toBe('new');
    expect(network.builds()).toBe(2);
  });

  it('drops only the models a change touched', async () => {
    const models = new ReadModels({ rebuildPauseFactor: 0 });
    const partnersOf1 = countingModel('partners:1', [MODEL_TAGS.partnersOf(1), MODEL_TAGS.places]);
    const partnersOf2 = countingModel('partners:2', [MODEL_TAGS.partnersOf(2), MODEL_TAGS.places]);
    const network = countingModel('network', [MODEL_TAGS.ties, MODEL_TAGS.places], true);
    const names = countingModel('names:sv', [MODEL_TAGS.places], true);
    const readAll = async () => {
      const values = [];
      for (const { model } of [partnersOf1, partnersOf2, network, names])
        values.push(await models.get(model));
      await settle();
      return values;
    };
    await readAll();

    models.invalidate({});
    await readAll();
    expect([partnersOf1, partnersOf2, network, names].map(({ builds }) => builds())).toEqual([1, 1, 1, 1]);

    models.invalidate({ ties: true, partnersOf: [1] });
    expect(await readAll()).toEqual(['partners:1 #2', 'partners:2 #1', 'network #1', 'names:sv #1']);
    expect(await readAll()).toEqual(['partners:1 #2', 'partners:2 #1', 'network #2', 'names:sv #1']);

    models.invalidate({ all: true });
    await readAll();
    expect(await readAll()).toEqual(['partners:1 #3', 'partners:2 #2', 'network #3', 'names:sv #2']);
  });

  it('keeps at most the given number of models, dropping the least recently read', async () => {
    const models = new ReadModels({ maxEntries: 3 });
    const model = (id: number) => countingModel(`partners:${id}`, [MODEL_TAGS.partnersOf(id)]);
    const [one, two, three, four, five] = [1, 2, 3, 4, 5].map(model);
    for (const { model } of [one!, two!, three!]) await models.get(model);
    await models.get(one!.model);
    await models.get(four!.model);
    expect(models.size).toBe(3);
    // Two was read least recently: it went, one stayed.
    await models.get(one!.model);
    await models.get(two!.model);
    expect([one!.builds(), two!.builds()]).toEqual([1, 2]);

    for (let id = 10; id < 1000; id += 1) await models.get(model(id).model);
    expect(models.size).toBe(3);
    await models.get(five!.model);
    expect(models.size).toBe(3);
  });

  it('warms models in the background and keeps them however many others come and go', async () => {
    const models = new ReadModels({ maxEntries: 2 });
    expect(models.isWarm()).toBe(true);
    const network = controlledModel('network', [MODEL_TAGS.ties], true);
    const warming = models.warm([network.model]);
    expect(models.isWarm()).toBe(false);
    await network.finish('map');
    await warming;
    expect(models.isWarm()).toBe(true);
    for (let id = 1; id < 10; id += 1) {
      await models.get(countingModel(`partners:${id}`, [MODEL_TAGS.partnersOf(id)]).model);
    }
    expect(await models.get(network.model)).toBe('map');
    expect(network.builds()).toBe(1);
    models.invalidate({ all: true });
    expect(models.isWarm()).toBe(true);
  });

  it('warms after a wait, not warm meanwhile, and builds nothing once stopped', async () => {
    const models = new ReadModels();
    const network = controlledModel('network', [MODEL_TAGS.ties], true);
    const warming = models.warm([network.model], 50);
    expect(models.isWarm()).toBe(false);
    expect(network.builds()).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(network.builds()).toBe(1);
    await network.finish('map');
    await warming;
    expect(models.isWarm()).toBe(true);

    const stopped = new ReadModels();
    const names = countingModel('names', [MODEL_TAGS.ties], true);
    const waiting = stopped.warm([names.model], 50);
    await stopped.stop();
    await waiting;
    expect(names.builds()).toBe(0);
    expect(stopped.isWarm()).toBe(false);
  });

  it('lets a reader retry after a failed build', async () => {
    const models = new ReadModels();
    let fail = true;
    const model: ReadModel<string> = {
      key: 'partners:1',
      tags: [],
      build: async () => {
        if (fail) throw new Error('database unavailable');
        return 'ok';
      },
    };
    await expect(models.get(model)).rejects.toThrow('database unavailable');
    fail = false;
    expect(await models.get(model)).toBe('ok');
  });
});

describe('ReadModels listening to the registry', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.destroy());

  /** Takes the next revision by hand, without a notification. */
  const bumpSilently = (db: Pick<DbOrTx, 'execute'> = database.db) =>
    db.execute(
      sql`insert into data_revisions (name, revision) values ('registry', 1)
        on conflict (name) do update set revision = data_revisions.revision + 1`,
    );
  const notify = (payload: string) =>
    database.db.execute(sql`select pg_notify(${REGISTRY_CHANNEL}, ${payload})`);

  /**
   * Runs `check` with models listening to the database, the partners of place `placeId` already read once, and
   * stops the models after.
   */
  async function whileListening(
    options: ReadModelsOptions,
    placeId: number,
    check: (models: ReadModels, partners: ReturnType<typeof countingModel>) => Promise<void>,
  ) {
    const models = new ReadModels(options);
    await models.start(database);
    try {
      const partners = countingModel(`partners:${placeId}`, [MODEL_TAGS.partnersOf(placeId)]);
      await models.get(partners.model);
      await check(models, partners);
    } finally {
      await models.stop();
    }
  }

  it('applies each revision once, whether it is heard from the commit or from NOTIFY first', async () => {
    await whileListening({ revisionCheckMs: 0, rebuildPauseFactor: 0 }, 7, async (models, partners) => {
      const notice = await bumpRegistryRevision(database.db, { ties: true, partnersOf: [7] });
      announceCommitted(database.db, notice);
      await expect.poll(() => models.get(partners.model)).toBe('partners:7 #2');
      // The same revision again (its NOTIFY arriving after the commit was announced) changes nothing.
      await notify(JSON.stringify({ revision: notice.revision, ties: true, partnersOf: [7] }));
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await models.get(partners.model)).toBe('partners:7 #2');
    });
  });

  it('drops everything on a payload it cannot read', async () => {
    await whileListening({ revisionCheckMs: 0 }, 8, async (models, partners) => {
      await notify('registry');
      await expect.poll(() => models.get(partners.model)).toBe('partners:8 #2');
      await notify(JSON.stringify({ revision: 10_000_000, ties: true, cities: [8] }));
      await expect.poll(() => models.get(partners.model)).toBe('partners:8 #3');
    });
  });

  it('drops everything when the revision moved without a notification, found by the timer', async () => {
    await whileListening({ revisionCheckMs: 50 }, 9, async (models, partners) => {
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await models.get(partners.model)).toBe('partners:9 #1');
      await bumpSilently();
      await expect.poll(() => models.get(partners.model)).toBe('partners:9 #2');
    });
  });

  it('drops everything when a revision below the last one heard never comes', async () => {
    await whileListening({ revisionCheckMs: 50 }, 11, async (models, partners) => {
      // Revision n + 1 is taken without a notification; n + 2 is heard, and touches something else. The timer
      // finds the database at n + 2, the revision it heard of: only the gap tells that something was missed.
      await database.db.transaction(async (tx) => {
        await bumpSilently(tx);
        await bumpRegistryRevision(tx, { partnersOf: [12] });
      });
      await expect.poll(() => models.get(partners.model), { timeout: 2000 }).toBe('partners:11 #2');
    });
  });
});

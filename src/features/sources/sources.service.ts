import { asc } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { sources } from '../../db/schema.ts';

/** Every source of facts with its licence and attribution, for whoever passes the facts on. */
export function listSources(db: DbOrTx) {
  return db
    .select({
      key: sources.key,
      name: sources.name,
      url: sources.url,
      licence: sources.licence,
      attribution: sources.attribution,
    })
    .from(sources)
    .orderBy(asc(sources.key));
}

import * as z from 'zod';
import { PARTNERSHIP_KINDS, PARTNERSHIP_STATUSES } from '../partnerships/partnerships.tables.ts';

export const networkResponseSchema = z
  .object({
    places: z
      .object({
        ids: z
          .array(z.number().int())
          .describe('Place ids; a place is referred to by its index in these arrays'),
        countries: z.array(z.string()),
        coordinates: z
          .array(z.number())
          .describe('Flat [lng0, lat0, lng1, lat1, …], four decimals (about 10 m)'),
        partnerCounts: z.array(z.number().int()),
      })
      .describe('Every place with coordinates and at least one tie, as parallel arrays'),
    edges: z
      .array(z.number().int())
      .describe(
        'One published tie between two placed parties per pair, sorted by place index and delta-encoded: ' +
          '[a0 − 0, b0 − a0, a1 − a0, b1 − a1, …] where a < b are the two place indexes of a tie',
      ),
    edgeKinds: z.array(z.number().int()).describe('Per edge: index into `kinds`'),
    edgeStatuses: z.array(z.number().int()).describe('Per edge: index into `statuses`'),
    edgeStartYears: z.array(z.number().int()).describe('Per edge: the start year, 0 when unknown'),
    kinds: z.array(z.enum(PARTNERSHIP_KINDS)),
    statuses: z.array(z.enum(PARTNERSHIP_STATUSES)),
  })
  .describe('The whole world network in a compact form for the map');
export type NetworkResponse = z.infer<typeof networkResponseSchema>;

export const networkNamesResponseSchema = z
  .object({
    ids: z.array(z.number().int()).describe('The same place ids, in the same order, as the network'),
    names: z.array(z.string()).describe('Display names, in the order of `ids`'),
  })
  .describe("The names of the network's places, loaded after the map is drawn");
export type NetworkNamesResponse = z.infer<typeof networkNamesResponseSchema>;

/**
 * Reconciles the world's twin-town sources into one set of places and ties, in memory and without a database:
 * places are identified by Wikidata QID, else matched to the GeoNames gazetteer by normalised name + country +
 * distance, else kept as labelled places of their own; A–B, B–A and label variants merge into one tie that keeps
 * every source row as provenance. The result is deterministic, which makes the import idempotent.
 */
import type { Gazetteer } from './gazetteer.ts';
import { addFinnishMunicipalities } from './world.finland.ts';
import { addWorldNames, type WorldNames } from './world.names.ts';
import { PlanBuilder, type WorldPlan } from './world.plan.ts';
import type { WorldInput } from './world.reader.ts';
import { addWikidataTies, addWikipediaTies } from './world.ties.ts';
import { addWikidataCities } from './world.wikidata.ts';
import { createLabelResolver, geocodedPoints } from './world.wikipedia.ts';

/**
 * Builds the reconciled plan from the source files and the gazetteer, one phase after another, without phase 5:
 * its names are read with the plan of phases 1 to 4 in hand (`input.names`), which importWorld does in between.
 */
export function reconcileWorld(input: WorldInput, gazetteer: Gazetteer): WorldPlan {
  return finishWorldPlan(reconcileSources(input, gazetteer));
}

/** Phases 1 to 4: the places and ties of the source files, matched to the gazetteer. */
export function reconcileSources(input: WorldInput, gazetteer: Gazetteer): PlanBuilder {
  const plan = new PlanBuilder({
    wikidata: input.wikidataLinks.length,
    wikipedia: input.wikipediaPairs.length,
    finnishMunicipalities: input.finnishMunicipalities.length,
  });
  // 1. Wikidata cities, identified by QID.
  const wikidata = addWikidataCities(plan, input.wikidataNodes, gazetteer);
  // 2. Wikipedia labels, resolved as the ties name them.
  const resolveLabel = createLabelResolver({
    plan,
    wikidata,
    gazetteer,
    geocoded: geocodedPoints(input.wikipediaGeocoded),
  });
  // 3. Ties: one per pair of places, each source row kept as a record.
  addWikidataTies(plan, input.wikidataLinks);
  addWikipediaTies(plan, input.wikipediaPairs, resolveLabel);
  // 4. Finnish municipalities: Finnish and Swedish names for the places above, or places of their own.
  addFinnishMunicipalities(plan, input.finnishMunicipalities, gazetteer);
  return plan;
}

/**
 * Phase 5, names in other languages and scripts (CLDR, GeoNames) for the places kept, and the finished plan. It
 * needs neither the source rows nor the gazetteer, which a caller may let go of first.
 */
export function finishWorldPlan(plan: PlanBuilder, names?: WorldNames): WorldPlan {
  if (names) addWorldNames(plan, names);
  return plan.finish();
}

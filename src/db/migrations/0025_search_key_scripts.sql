-- Aliases of unknown language (GeoNames' many spellings of a place) are found exactly or by prefix only: the trigram
-- index of fuzzy matching leaves them out (searchPlaces repeats its condition). Dropped first, so that the keys below
-- are written again without it.
DROP INDEX "place_names_key_trgm_idx";--> statement-breakpoint
-- Search keys in every script, computed step by step as normalizeName does (src/lib/normalize.ts):
-- lower case; a compatibility decomposition (NFKD: half-width kana, full-width letters, ligatures) that lets go of
-- the combining marks accents are made of (U+0300–U+036F: Latin, Greek and Cyrillic diacritics, so é is e, ё is е
-- and й is и); the letters that do not decompose (ø, ł, æ, ß …) and the final sigma; then composed again (NFC), so
-- Hangul syllables and voiced kana (ガ) stay as they are written, as do the marks other scripts spell with.
-- Apostrophes (’ ʼ ʻ), colons, full stops, middle dots and invisible marks vanish; other punctuation is a space.
-- unaccent's own table no longer takes part: it folds letters normalizeName cannot know of (ɛ, ƣ), and the two
-- must agree for the import's matching and the search to find the same names.
CREATE OR REPLACE FUNCTION cb_search_key(value text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
  SELECT btrim(regexp_replace(
    regexp_replace(
      normalize(
        replace(replace(replace(replace(translate(
          regexp_replace(normalize(lower(value), NFKD), '[\u0300-\u036f]+', '', 'g'),
          'øłđðıħς', 'olddihσ'), 'æ', 'ae'), 'œ', 'oe'), 'ß', 'ss'), 'þ', 'th'),
        NFC),
      '[\u00ad\u200b-\u200f\u2060\ufeff''‘’‛`:.·ʼʻˈ]', '', 'g'),
    '[[:space:],;/\\()\[\]{}"“”„‚!?&+*#@_‐‑‒–—―・-]+', ' ', 'g'))
$$;
--> statement-breakpoint
-- The stored keys follow the function only when their rows are written again.
UPDATE place_names SET name = name;--> statement-breakpoint
CREATE INDEX "place_names_key_trgm_idx" ON "place_names" USING gin ("search_key" gin_trgm_ops) WITH (fastupdate=false) WHERE "place_names"."lang" <> 'und' or "place_names"."kind" <> 'alias';

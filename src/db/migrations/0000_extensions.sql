CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS unaccent;
--> statement-breakpoint
-- The one normalisation used for name search: lower case, no accents, no punctuation.
-- Apostrophes, colons and full stops vanish (S:t → st); other punctuation becomes a space.
CREATE OR REPLACE FUNCTION cb_search_key(value text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
  SELECT btrim(regexp_replace(
    regexp_replace(lower(public.unaccent('public.unaccent'::regdictionary, value)), '[''’`:.]', '', 'g'),
    '[[:space:],;/\\()\[\]{}"!?&+*#@_–—-]+', ' ', 'g'))
$$;

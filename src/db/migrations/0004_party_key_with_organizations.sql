-- A tie's party_key lists its place parties by id, then its organisation parties as `o<id>`, each in order.
CREATE OR REPLACE FUNCTION cb_check_partnership_parties() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  target integer;
  expected text;
  actual text;
  party_count integer;
BEGIN
  IF TG_TABLE_NAME = 'partnerships' THEN
    target := NEW.id;
  ELSIF TG_OP = 'DELETE' THEN
    target := OLD.partnership_id;
  ELSE
    target := NEW.partnership_id;
  END IF;
  SELECT party_key INTO expected FROM partnerships WHERE id = target;
  IF NOT FOUND THEN
    RETURN NULL; -- the tie itself was deleted
  END IF;
  SELECT count(*),
         string_agg(coalesce(place_id::text, 'o' || organization_id::text), '-'
                    ORDER BY place_id IS NULL, coalesce(place_id, organization_id))
    INTO party_count, actual
    FROM partnership_parties WHERE partnership_id = target;
  IF party_count < 2 THEN
    RAISE EXCEPTION 'partnership % has % parties; a tie needs at least two', target, party_count
      USING ERRCODE = 'check_violation', CONSTRAINT = 'partnerships_two_parties';
  END IF;
  IF actual IS DISTINCT FROM expected THEN
    RAISE EXCEPTION 'partnership % has party_key % but parties %', target, expected, actual
      USING ERRCODE = 'check_violation', CONSTRAINT = 'partnerships_party_key_matches';
  END IF;
  RETURN NULL;
END
$$;

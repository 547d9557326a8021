-- A check-in a connected desk kept while the main desk was unreachable (docs/site.md): the desk it was made at
-- and the moment at that door, so the day's list can say so beside the time it was counted (its arrival).
-- Both NULL for every other check-in; both set, or neither.
ALTER TABLE checkins ADD COLUMN kept_device TEXT;
ALTER TABLE checkins ADD COLUMN kept_at TEXT CHECK ((kept_at IS NULL) = (kept_device IS NULL));

-- The start-up sealer looks for health fields still in plain text on every start. Once sealed
-- there are none, so these partial indexes stay empty and the look-up costs nothing, instead of
-- a scan of every person and booking at each start.
CREATE INDEX subjects_unsealed_interest_idx ON subjects (id) WHERE counseling_interest IS NOT NULL;
CREATE INDEX subject_bookings_unsealed_topic_idx ON subject_bookings (id) WHERE topic IS NOT NULL;

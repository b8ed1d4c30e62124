-- What approving a plan reserved against the budget: its high forecast, what the project had spent at that moment (so
-- the run's spend is the project's spend since), and whether the approval was forced past a cap. The forecast is null for
-- plans approved before it was recorded.
ALTER TABLE plans ADD COLUMN forecast_high_nanos BIGINT;
ALTER TABLE plans ADD COLUMN spent_at_approval_nanos BIGINT NOT NULL DEFAULT 0;
ALTER TABLE plans ADD COLUMN approval_forced BOOLEAN NOT NULL DEFAULT FALSE;

-- Re-planning a running project: a draft written by a re-plan names the plan it replaces (replan_of) and the tasks it
-- keeps as they are (kept_task_ids_json); while a re-plan is pending the project holds new dispatches (replan_hold_since).
ALTER TABLE plans ADD COLUMN replan_of TEXT;
ALTER TABLE plans ADD COLUMN kept_task_ids_json TEXT;
ALTER TABLE projects ADD COLUMN replan_hold_since DOUBLE PRECISION;

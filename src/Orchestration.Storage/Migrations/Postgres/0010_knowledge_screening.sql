-- Knowledge screening (../0010_knowledge_screening.sql): where each finding came from and whether it may enter later prompts. Only 'accepted' findings
-- are injected; 'proposed' ones wait for a person (execution.knowledge_policy review or screen), 'rejected' ones stay
-- (so the same finding is not proposed again) but are never injected.
--   source: task (extracted from task_id's output) | checkpoint (a gotcha given when checkpoint_id was resolved) |
--           person (added through the knowledge API by added_by)
--   screen_reason: which screening rule held the finding back, when one did
--   reviewed_by/at: the person who last accepted or rejected it; edited_by/at: who last changed its text
ALTER TABLE project_knowledge ADD COLUMN source TEXT NOT NULL DEFAULT 'task';
ALTER TABLE project_knowledge ADD COLUMN checkpoint_id TEXT;
ALTER TABLE project_knowledge ADD COLUMN added_by TEXT;
ALTER TABLE project_knowledge ADD COLUMN status TEXT NOT NULL DEFAULT 'accepted';
ALTER TABLE project_knowledge ADD COLUMN screen_reason TEXT;
ALTER TABLE project_knowledge ADD COLUMN reviewed_by TEXT;
ALTER TABLE project_knowledge ADD COLUMN reviewed_at DOUBLE PRECISION;
ALTER TABLE project_knowledge ADD COLUMN edited_by TEXT;
ALTER TABLE project_knowledge ADD COLUMN edited_at DOUBLE PRECISION;

-- A gotcha stored by a checkpoint resolution was written in the same transaction, with the same timestamp.
UPDATE project_knowledge SET source = 'checkpoint',
    checkpoint_id = (SELECT c.id FROM checkpoints c WHERE c.task_id = project_knowledge.task_id
                     AND c.resolved_at = project_knowledge.created_at AND c.resolution IN ('retry', 'skip', 'fail') LIMIT 1)
WHERE category = 'gotcha' AND EXISTS (SELECT 1 FROM checkpoints c WHERE c.task_id = project_knowledge.task_id
                     AND c.resolved_at = project_knowledge.created_at AND c.resolution IN ('retry', 'skip', 'fail'));

CREATE INDEX ix_project_knowledge_status ON project_knowledge(project_id, status, created_at DESC);

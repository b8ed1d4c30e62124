-- Planning (../0003_planning.sql): a plan's tasks are looked up by plan, and one plan never has two tasks at the
-- same index.
CREATE UNIQUE INDEX ix_tasks_plan_index ON tasks(plan_id, task_index);
CREATE INDEX ix_plans_project_status ON plans(project_id, status);

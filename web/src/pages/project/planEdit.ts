import type { PlanDocument, PlanTask } from "../../api";
import { planTasks } from "./planModel";

/** A copy of the plan's tasks in global order, rebuilt into the plan's own shape (phases, or the flat list). */
function rebuild(plan: PlanDocument, tasks: { task: PlanTask; phaseIndex: number | null }[]): PlanDocument {
  if (plan.phases && plan.phases.length > 0) {
    return { ...plan, phases: plan.phases.map((phase, pi) => ({ ...phase, tasks: tasks.filter((t) => t.phaseIndex === pi).map((t) => t.task) })) };
  }
  return { ...plan, tasks: tasks.map((t) => t.task) };
}

/**
 * The plan without the task at a global index: the tasks after it move up one, and dependencies follow them; a
 * dependency on the removed task is dropped (its dependents no longer wait for it).
 */
export function removeTask(plan: PlanDocument, index: number): PlanDocument {
  const shift = (d: number) => (d > index ? d - 1 : d);
  const rest = planTasks(plan)
    .filter((t) => t.index !== index)
    .map((t) => ({ ...t, task: { ...t.task, depends_on: (t.task.depends_on ?? []).filter((d) => d !== index).map(shift) } }));
  return rebuild(plan, rest);
}

/**
 * The plan with a task added at the end of a phase (null: a flat plan). Tasks of later phases move down one in the
 * global numbering, and every dependency on them follows.
 */
export function appendTask(plan: PlanDocument, phaseIndex: number | null, task: PlanTask): PlanDocument {
  const items = planTasks(plan);
  const lastInPhase = items.filter((t) => t.phaseIndex === phaseIndex).at(-1);
  const at = lastInPhase ? lastInPhase.index + 1 : (items.find((t) => (t.phaseIndex ?? 0) > (phaseIndex ?? 0))?.index ?? items.length);
  const shift = (d: number) => (d >= at ? d + 1 : d);
  const moved = items.map((t) => ({ ...t, task: { ...t.task, depends_on: (t.task.depends_on ?? []).map(shift) } }));
  const added = { task: { ...task, depends_on: (task.depends_on ?? []).map(shift) }, phaseIndex };
  return rebuild(plan, [...moved.slice(0, at), added, ...moved.slice(at)]);
}

/**
 * The dependency cycle that giving task `index` the dependencies `dependsOn` would make, as global indices from the
 * task back to itself (e.g. [1, 3, 1]); null when there is none.
 */
export function dependencyCycle(plan: PlanDocument, index: number, dependsOn: readonly number[]): number[] | null {
  const deps = new Map(planTasks(plan).map((t) => [t.index, t.index === index ? [...dependsOn] : (t.task.depends_on ?? [])]));
  // A cycle through `index` exists when `index` can be reached from one of its own dependencies.
  const path: number[] = [];
  const seen = new Set<number>();
  const reach = (from: number): boolean => {
    if (from === index) return true;
    if (seen.has(from)) return false;
    seen.add(from);
    path.push(from);
    for (const d of deps.get(from) ?? []) if (reach(d)) return true;
    path.pop();
    return false;
  };
  for (const d of dependsOn) {
    path.length = 0;
    if (reach(d)) return [index, ...path, index];
  }
  return null;
}

/**
 * The plan with the task at a global index swapped with its neighbour in the same phase (by -1: the one before, 1: the
 * one after); every dependency keeps pointing at the same task. Unchanged when there is no such neighbour.
 */
export function moveTask(plan: PlanDocument, index: number, by: -1 | 1): PlanDocument {
  const items = planTasks(plan);
  const other = index + by;
  if (items[index] === undefined || items[other]?.phaseIndex !== items[index].phaseIndex) return plan;
  const follow = (d: number) => (d === index ? other : d === other ? index : d);
  const moved = items.map((t) => ({ ...t, task: { ...t.task, depends_on: (t.task.depends_on ?? []).map(follow) } }));
  [moved[index], moved[other]] = [moved[other]!, moved[index]!];
  return rebuild(plan, moved);
}

import type { Forecast, ForecastTask, PlanDocument, PlanTask, PlanVersion } from "../../api";

export interface IndexedTask {
  /** 0-based global index across all phases: what `depends_on` and the forecast refer to. */
  index: number;
  task: PlanTask;
  phase: string | null;
  /** Position of its phase in `phases`, null in a flat (L1) plan. */
  phaseIndex: number | null;
}

/** The plan's tasks in global order: phases first when the plan has them (L2/L3), else the flat list (L1). */
export function planTasks(plan: PlanDocument): IndexedTask[] {
  const out: IndexedTask[] = [];
  if (plan.phases && plan.phases.length > 0) {
    plan.phases.forEach((phase, phaseIndex) => {
      for (const task of phase.tasks ?? []) out.push({ index: out.length, task, phase: phase.name, phaseIndex });
    });
    return out;
  }
  return (plan.tasks ?? []).map((task, index) => ({ index, task, phase: null, phaseIndex: null }));
}

/** A copy of the plan with the task at a global index replaced. */
export function replaceTask(plan: PlanDocument, index: number, next: PlanTask): PlanDocument {
  if (plan.phases && plan.phases.length > 0) {
    let i = 0;
    return {
      ...plan,
      phases: plan.phases.map((phase) => ({
        ...phase,
        tasks: (phase.tasks ?? []).map((t) => (i++ === index ? next : t)),
      })),
    };
  }
  return { ...plan, tasks: (plan.tasks ?? []).map((t, i) => (i === index ? next : t)) };
}

export function forecastByIndex(forecast: Forecast | null | undefined): Map<number, ForecastTask> {
  return new Map((forecast?.tasks ?? []).map((t) => [t.index, t]));
}

/** The re-plan draft waiting for a decision: the newest draft made from a running plan. */
export function pendingReplan(plans: readonly PlanVersion[]): (PlanVersion & { replan_of: string }) | undefined {
  return plans.find((p): p is PlanVersion & { replan_of: string } => p.status === "draft" && !!p.replan_of);
}

/** The plan the project runs (or will run): the newest one that is neither a pending re-plan draft nor rejected. */
export function currentPlan(plans: readonly PlanVersion[]): PlanVersion | undefined {
  return plans.find((p) => p.status !== "rejected" && !(p.status === "draft" && p.replan_of)) ?? plans[0];
}

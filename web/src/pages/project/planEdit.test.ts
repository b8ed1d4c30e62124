import { describe, expect, it } from "vitest";
import type { PlanDocument, PlanTask } from "../../api";
import { appendTask, dependencyCycle, moveTask, removeTask } from "./planEdit";
import { planTasks } from "./planModel";

const t = (title: string, depends_on: number[] = []): PlanTask => ({ title, description: "", task_type: "code", complexity: "simple", depends_on });
const phased: PlanDocument = {
  summary: "s",
  phases: [
    { name: "Build", description: "", tasks: [t("a"), t("b", [0])] },
    { name: "Docs", description: "", tasks: [t("c", [1]), t("d", [0, 2])] },
  ],
};
const shape = (plan: PlanDocument) => planTasks(plan).map((i) => [i.task.title, i.phase, i.task.depends_on]);

describe("plan editing", () => {
  it("removes a task, drops dependencies on it and renumbers the ones after it", () => {
    expect(shape(removeTask(phased, 1))).toEqual([["a", "Build", []], ["c", "Docs", []], ["d", "Docs", [0, 1]]]);
  });

  it("adds a task at the end of a phase and renumbers the later phases' dependencies", () => {
    expect(shape(appendTask(phased, 0, t("new", [1])))).toEqual([
      ["a", "Build", []], ["b", "Build", [0]], ["new", "Build", [1]], ["c", "Docs", [1]], ["d", "Docs", [0, 3]],
    ]);
    expect(shape(appendTask(phased, 1, t("last")))).toEqual([...shape(phased), ["last", "Docs", []]]);
  });

  it("moves a task within its phase and keeps every dependency on the same task", () => {
    expect(shape(moveTask(phased, 3, -1))).toEqual([["a", "Build", []], ["b", "Build", [0]], ["d", "Docs", [0, 3]], ["c", "Docs", [1]]]);
    expect(shape(moveTask(phased, 0, 1))).toEqual([["b", "Build", [1]], ["a", "Build", []], ["c", "Docs", [0]], ["d", "Docs", [1, 2]]]);
  });

  it("does not move a task past the edge of its phase", () => {
    expect(moveTask(phased, 1, 1)).toBe(phased);
    expect(moveTask(phased, 0, -1)).toBe(phased);
  });

  it("adds to a flat plan", () => {
    const flat: PlanDocument = { summary: "s", tasks: [t("a"), t("b", [0])] };
    expect(shape(appendTask(flat, null, t("c", [1])))).toEqual([["a", null, []], ["b", null, [0]], ["c", null, [1]]]);
  });

  it("names the cycle a new dependency would make, from the task back to itself", () => {
    // b waits on a, c on b, d on a and c: a waiting on d, or on c, closes a loop.
    expect(dependencyCycle(phased, 0, [3])).toEqual([0, 3, 0]);
    expect(dependencyCycle(phased, 1, [2])).toEqual([1, 2, 1]);
    expect(dependencyCycle(phased, 0, [2])).toEqual([0, 2, 1, 0]);
    expect(dependencyCycle(phased, 3, [0, 1, 2])).toBeNull();
    expect(dependencyCycle(phased, 2, [2])).toEqual([2, 2]);
  });
});

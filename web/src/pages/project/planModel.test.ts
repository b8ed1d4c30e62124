import { describe, expect, it } from "vitest";
import type { PlanDocument, PlanTask } from "../../api";
import { planVersion } from "../../test/fixtures";
import { forecastByIndex, planTasks, replaceTask } from "./planModel";

const t = (title: string, depends_on: number[] = []): PlanTask => ({ title, description: "", task_type: "code", complexity: "simple", depends_on });

describe("plan model", () => {
  it("numbers tasks globally across phases, in phase order", () => {
    const items = planTasks(planVersion().plan);
    expect(items.map((i) => [i.index, i.task.title, i.phase])).toEqual([
      [0, "Write hello.py", "Build"], [1, "Write RUN.md", "Document"], [2, "Summarise", "Document"],
    ]);
  });

  it("uses the flat task list of an L1 plan", () => {
    const plan: PlanDocument = { summary: "s", tasks: [t("a"), t("b", [0])] };
    expect(planTasks(plan).map((i) => [i.index, i.task.title, i.phase])).toEqual([[0, "a", null], [1, "b", null]]);
  });

  it("prefers phases over an empty flat list, and copes with a plan without tasks", () => {
    expect(planTasks({ summary: "s", tasks: [], phases: [{ name: "P", description: "", tasks: [t("x")] }] })).toHaveLength(1);
    expect(planTasks({ summary: "s" })).toEqual([]);
  });

  it("replaces the task at a global index without touching the others or the original", () => {
    const original = planVersion().plan;
    const next = replaceTask(original, 2, t("changed", [1]));
    expect(next.phases![1]!.tasks.map((x) => x.title)).toEqual(["Write RUN.md", "changed"]);
    expect(next.phases![0]!.tasks[0]).toBe(original.phases![0]!.tasks[0]);
    expect(original.phases![1]!.tasks[1]!.title).toBe("Summarise");
    const flat = replaceTask({ summary: "s", tasks: [t("a"), t("b")] }, 0, t("z"));
    expect(flat.tasks!.map((x) => x.title)).toEqual(["z", "b"]);
  });

  it("maps forecasts by task index", () => {
    const byIndex = forecastByIndex(planVersion().forecast);
    expect(byIndex.get(1)?.model).toBe("claude-haiku-4-5");
    expect(forecastByIndex(undefined).size).toBe(0);
  });
});

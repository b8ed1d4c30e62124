import { describe, expect, it } from "vitest";
import { criticalPath, dependencyEdges, layoutTaskGraph, NODE_HEIGHT, NODE_WIDTH, type GraphTask } from "./graphModel";

const t = (id: string, wave: number, depends_on: string[] = []): GraphTask =>
  ({ id, title: `Task ${id}`, status: "pending", model_tier: "sonnet", cost_usd: 0, wave, depends_on });

describe("task graph model", () => {
  it("draws one edge per dependency, prerequisite to dependent, skipping unknown and repeated ones", () => {
    const edges = dependencyEdges([t("a", 0), t("b", 1, ["a", "a", "gone"]), t("c", 2, ["a", "b"])]);
    expect(edges.map((e) => [e.source, e.target])).toEqual([["a", "b"], ["a", "c"], ["b", "c"]]);
  });

  it("finds the longest chain of dependencies, first to last", () => {
    // a → b → d → e is four long; a → c → e and f alone are shorter.
    const tasks = [t("f", 0), t("a", 0), t("b", 1, ["a"]), t("c", 1, ["a"]), t("d", 2, ["b"]), t("e", 3, ["c", "d"])];
    expect(criticalPath(tasks)).toEqual(["a", "b", "d", "e"]);
  });

  it("breaks ties by list order so the path does not jump between equal chains", () => {
    const tasks = [t("x", 0), t("y", 0), t("x2", 1, ["x"]), t("y2", 1, ["y"])];
    expect(criticalPath(tasks)).toEqual(["x", "x2"]);
    expect(criticalPath([...tasks].reverse())).toEqual(["y", "y2"]);
  });

  it("gives a single task as the path of a graph without dependencies, and nothing for no tasks", () => {
    expect(criticalPath([t("a", 0), t("b", 0)])).toEqual(["a"]);
    expect(criticalPath([])).toEqual([]);
  });

  it("does not loop on a dependency cycle", () => {
    const path = criticalPath([t("a", 0, ["c"]), t("b", 1, ["a"]), t("c", 2, ["b"])]);
    expect(path.length).toBeGreaterThan(0);
    expect(new Set(path).size).toBe(path.length);
  });

  it("puts each wave in its own column, left to right, with no two tasks overlapping", () => {
    const tasks = [t("a", 0), t("b", 0), t("c", 1, ["a"]), t("d", 1, ["b"]), t("e", 1, ["a"]), t("f", 2, ["c", "d", "e"])];
    const { nodes } = layoutTaskGraph(tasks);
    const x = new Map(nodes.map((n) => [n.task.id, n.x]));
    expect(x.get("a")).toBe(x.get("b"));
    expect(new Set(["c", "d", "e"].map((id) => x.get(id))).size).toBe(1);
    expect(x.get("a")!).toBeLessThan(x.get("c")!);
    expect(x.get("c")!).toBeLessThan(x.get("f")!);
    for (const n of nodes) {
      for (const m of nodes) {
        if (n === m) continue;
        const apart = Math.abs(n.x - m.x) >= NODE_WIDTH || Math.abs(n.y - m.y) >= NODE_HEIGHT;
        expect(apart, `${n.task.id} overlaps ${m.task.id}`).toBe(true);
      }
    }
  });

  it("columns follow the wave even when a dependency skips waves", () => {
    const { nodes } = layoutTaskGraph([t("a", 0), t("b", 1, ["a"]), t("c", 2, ["b"]), t("d", 2, ["a"])]);
    const x = new Map(nodes.map((n) => [n.task.id, n.x]));
    expect(x.get("d")).toBe(x.get("c"));
    expect(x.get("b")!).toBeLessThan(x.get("d")!);
  });

  it("marks the tasks and edges of the critical path and no others", () => {
    const model = layoutTaskGraph([t("a", 0), t("b", 1, ["a"]), t("c", 2, ["b"]), t("d", 1, ["a"])]);
    expect(model.criticalPath).toEqual(["a", "b", "c"]);
    expect(model.nodes.filter((n) => n.critical).map((n) => n.task.id).sort()).toEqual(["a", "b", "c"]);
    expect(model.edges.filter((e) => e.critical).map((e) => e.id).sort()).toEqual(["a->b", "b->c"]);
  });

  it("lays out a 200-task plan with one node per task", () => {
    const tasks = Array.from({ length: 200 }, (_, i) => t(`n${i}`, Math.floor(i / 20), i >= 20 ? [`n${i - 20}`, `n${(i * 7) % 20 + Math.floor(i / 20 - 1) * 20}`] : []));
    const model = layoutTaskGraph(tasks);
    expect(model.nodes).toHaveLength(200);
    expect(new Set(model.nodes.map((n) => `${n.x},${n.y}`)).size).toBe(200);
    expect(model.criticalPath).toHaveLength(10);
  });
});

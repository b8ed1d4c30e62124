import dagre from "@dagrejs/dagre";
import type { TaskListItem } from "../../api";

/** The fields of a task the graph draws from (a task list item has them all). */
export type GraphTask = Pick<TaskListItem, "id" | "title" | "status" | "model_tier" | "cost_usd" | "wave" | "depends_on">;

export const NODE_WIDTH = 190;
export const NODE_HEIGHT = 72;
const COLUMN_GAP = 60;
const ROW_GAP = 24;

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
}

export interface PlacedTask {
  task: GraphTask;
  /** Top-left corner, in graph units. */
  x: number;
  y: number;
  critical: boolean;
}

export interface TaskGraphModel {
  nodes: PlacedTask[];
  edges: (GraphEdge & { critical: boolean })[];
  /** Task ids of the longest dependency chain, first to last. */
  criticalPath: string[];
}

/** One edge per dependency (prerequisite → dependent); dependencies on tasks not in the list are left out. */
export function dependencyEdges(tasks: readonly GraphTask[]): GraphEdge[] {
  const ids = new Set(tasks.map((t) => t.id));
  return tasks.flatMap((t) =>
    [...new Set(t.depends_on)].filter((d) => ids.has(d) && d !== t.id).map((d) => ({ id: `${d}->${t.id}`, source: d, target: t.id })),
  );
}

/**
 * The longest chain of tasks linked by dependencies (counted in tasks), first to last. Ties go to the chain whose
 * tasks come first in the list, so the same tasks always give the same path. A dependency cycle (the server refuses
 * them) does not loop: a task met again while its own chain is being measured counts as a dead end.
 */
export function criticalPath(tasks: readonly GraphTask[]): string[] {
  const order = new Map(tasks.map((t, i) => [t.id, i]));
  const dependents = new Map<string, string[]>(tasks.map((t) => [t.id, []]));
  for (const e of dependencyEdges(tasks)) dependents.get(e.source)!.push(e.target);
  for (const list of dependents.values()) list.sort((a, b) => order.get(a)! - order.get(b)!);

  // longest[id]: the length of the longest chain starting at id, and the next task on it.
  const longest = new Map<string, { length: number; next: string | null }>();
  const visiting = new Set<string>();
  const measure = (id: string): number => {
    const known = longest.get(id);
    if (known) return known.length;
    if (visiting.has(id)) return 0;
    visiting.add(id);
    let best = { length: 1, next: null as string | null };
    for (const d of dependents.get(id) ?? []) {
      const length = measure(d) + 1;
      if (length > best.length) best = { length, next: d };
    }
    visiting.delete(id);
    longest.set(id, best);
    return best.length;
  };

  let start: string | null = null;
  let startLength = 0;
  for (const t of tasks) {
    const length = measure(t.id);
    if (length > startLength) {
      start = t.id;
      startLength = length;
    }
  }
  const path: string[] = [];
  for (let id = start; id !== null && !path.includes(id); id = longest.get(id)?.next ?? null) path.push(id);
  return path;
}

/**
 * Places the tasks left to right, one column per wave (the order the DAG runs them), and marks the critical path.
 * Dagre orders the tasks inside each column so that dependency edges cross as little as possible; the column itself
 * always comes from the task's wave, so the picture matches the lists by wave.
 */
export function layoutTaskGraph(tasks: readonly GraphTask[]): TaskGraphModel {
  const edges = dependencyEdges(tasks);
  const path = criticalPath(tasks);
  const onPath = new Set(path);
  const pathEdges = new Set(path.slice(1).map((id, i) => `${path[i]}->${id}`));
  const waveOf = new Map(tasks.map((t) => [t.id, t.wave]));

  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: "LR", nodesep: ROW_GAP, ranksep: COLUMN_GAP });
  g.setDefaultEdgeLabel(() => ({}));
  for (const t of tasks) g.setNode(t.id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  // minlen keeps a dependent as many ranks right of its prerequisite as their waves are apart, so dagre's ranks
  // follow the waves and its ordering inside a rank is the one we keep.
  for (const e of edges) g.setEdge(e.source, e.target, { minlen: Math.max(1, waveOf.get(e.target)! - waveOf.get(e.source)!) });
  dagre.layout(g);

  const columns = new Map<number, GraphTask[]>();
  for (const t of tasks) columns.set(t.wave, [...(columns.get(t.wave) ?? []), t]);
  const waves = [...columns.keys()].sort((a, b) => a - b);
  const tallest = Math.max(0, ...[...columns.values()].map((c) => c.length));
  const height = (n: number) => n * NODE_HEIGHT + Math.max(0, n - 1) * ROW_GAP;

  const nodes: PlacedTask[] = [];
  waves.forEach((wave, column) => {
    const list = [...columns.get(wave)!].sort((a, b) => (g.node(a.id)?.y ?? 0) - (g.node(b.id)?.y ?? 0));
    const top = (height(tallest) - height(list.length)) / 2;
    list.forEach((task, row) => {
      nodes.push({
        task, x: column * (NODE_WIDTH + COLUMN_GAP), y: top + row * (NODE_HEIGHT + ROW_GAP), critical: onPath.has(task.id),
      });
    });
  });
  return { nodes, edges: edges.map((e) => ({ ...e, critical: pathEdges.has(e.id) })), criticalPath: path };
}

import type { Project } from "../api";
import { coverage, knowledge, planVersion } from "./fixtures";
import { baseServer } from "./render";

/** A server with everything the project page asks for (p1), with the given project, plans and tasks. */
export function projectServer(p: Project, opts: { plans?: unknown[]; taskList?: unknown[] } = {}) {
  return baseServer()
    .json("GET", "/api/projects/p1", p)
    .json("GET", "/api/projects/p1/plans", opts.plans ?? [planVersion()])
    .json("GET", "/api/tasks/project/p1", opts.taskList ?? [])
    .json("GET", "/api/projects/p1/coverage", coverage)
    .json("GET", "/api/projects/p1/knowledge", knowledge);
}

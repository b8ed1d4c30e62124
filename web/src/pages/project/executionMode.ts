import type { Project } from "../../api";

export type ExecutionMode = "auto" | "hybrid" | "external";

/** config.execution_mode: who runs the project's tasks (README, External workers). */
export function executionModeOf(project: Project): ExecutionMode {
  const mode = project.config?.execution_mode;
  return mode === "hybrid" || mode === "external" ? mode : "auto";
}

import { useQueryClient } from "@tanstack/react-query";
import { keys, useApi, type PlanDocument } from "../../api";
import { useProjectMutation } from "./useProjectMutation";

/**
 * Saves a draft plan document with PATCH. It settles once the plans are refetched, so a caller that drops its unsaved
 * copy on success shows the saved plan next, never a frame of the plan as it was.
 */
export function usePlanSave(projectId: string, planId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useProjectMutation(projectId, async (next: PlanDocument) => {
    const saved = await api.projects.editPlan(projectId, planId, next);
    await queryClient.invalidateQueries({ queryKey: keys.plans(projectId) });
    return saved;
  });
}

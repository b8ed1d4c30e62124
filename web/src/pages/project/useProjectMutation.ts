import { useMutation, useQueryClient } from "@tanstack/react-query";
import { keys } from "../../api";

/**
 * A mutation on a project whose success refetches everything the project page shows; the mutation settles once the
 * refetch has, so a caller's onSuccess sees the new data (no frame of the old data after local edits are dropped).
 */
export function useProjectMutation<TResult, TArgs = void>(projectId: string, run: (args: TArgs) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () =>
      Promise.all([
        keys.project(projectId), keys.plans(projectId), keys.tasks(projectId), keys.coverage(projectId), keys.projects,
      ].map((queryKey) => queryClient.invalidateQueries({ queryKey }))),
  });
}

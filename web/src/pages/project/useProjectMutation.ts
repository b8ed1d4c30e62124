import { useMutation, useQueryClient } from "@tanstack/react-query";
import { keys } from "../../api";

/** A mutation on a project whose success refetches everything the project page shows. */
export function useProjectMutation<TResult, TArgs = void>(projectId: string, run: (args: TArgs) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => {
      for (const queryKey of [
        keys.project(projectId), keys.plans(projectId), keys.tasks(projectId), keys.coverage(projectId), keys.projects,
      ]) {
        void queryClient.invalidateQueries({ queryKey });
      }
    },
  });
}

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { keys, type TaskDetail } from "../../api";

/** A task mutation: the answer is the task itself, and the project's lists are refetched. */
export function useTaskMutation<TArgs = void>(task: TaskDetail, run: (args: TArgs) => Promise<TaskDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: (updated) => {
      queryClient.setQueryData(keys.task(task.id), updated);
      for (const queryKey of [keys.tasks(task.project_id), keys.project(task.project_id), keys.coverage(task.project_id)]) {
        void queryClient.invalidateQueries({ queryKey });
      }
    },
  });
}

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { keys, orEmptyWhenMissing, useApi, type KnowledgeItem } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { label } from "../../components/format";

/** What tasks learned (findings injected into later tasks); a wrong finding can be deleted. */
export function KnowledgePanel({ projectId }: { projectId: string }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const knowledge = useQuery({
    queryKey: keys.knowledge(projectId),
    queryFn: () => orEmptyWhenMissing(api.projects.knowledge(projectId), [] as KnowledgeItem[]),
  });
  const remove = useMutation({
    mutationFn: (kid: string) => api.projects.deleteKnowledge(projectId, kid),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.knowledge(projectId) }),
  });
  const items = knowledge.data ?? [];
  return (
    <section aria-labelledby="knowledge-title" className="card">
      <h2 id="knowledge-title">Knowledge</h2>
      <ErrorAlert error={knowledge.error ?? remove.error} />
      {knowledge.isSuccess && items.length === 0 && <p className="muted">No findings yet.</p>}
      <ul className="knowledge">
        {items.map((k) => (
          <li key={k.id}>
            <span className="badge badge-neutral">{label(k.category)}</span> {k.content}
            {k.source_task_title && <span className="muted"> — from “{k.source_task_title}”</span>}
            <button type="button" className="btn btn-small btn-ghost" disabled={remove.isPending}
              onClick={() => remove.mutate(k.id)} aria-label={`Delete finding: ${k.content.slice(0, 60)}`}>
              Delete
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

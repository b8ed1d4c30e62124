import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { keys, orEmptyWhenMissing, useApi, type KnowledgeEdit, type KnowledgeItem } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { AddFindingForm } from "./AddFindingForm";
import { KnowledgeFinding, statusOf } from "./KnowledgeFinding";

/**
 * What the project knows: findings from tasks, checkpoint gotchas and people. Only accepted findings are injected into
 * later tasks; proposed ones (execution.knowledge_policy review or screen) wait here for accept, reject or edit.
 */
export function KnowledgePanel({ projectId }: { projectId: string }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const knowledge = useQuery({
    queryKey: keys.knowledge(projectId),
    queryFn: () => orEmptyWhenMissing(api.projects.knowledge(projectId), [] as KnowledgeItem[]),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: keys.knowledge(projectId) });
  const remove = useMutation({ mutationFn: (kid: string) => api.projects.deleteKnowledge(projectId, kid), onSuccess: refresh });
  const review = useMutation({
    mutationFn: ({ kid, accept }: { kid: string; accept: boolean }) => (accept ? api.knowledge.accept(kid) : api.knowledge.reject(kid)),
    onSuccess: refresh,
  });
  const edit = useMutation({ mutationFn: ({ kid, change }: { kid: string; change: KnowledgeEdit }) => api.knowledge.edit(kid, change), onSuccess: refresh });
  const items = knowledge.data ?? [];
  const waiting = items.filter((k) => statusOf(k) === "proposed").length;
  const busy = remove.isPending || review.isPending || edit.isPending;
  return (
    <section aria-labelledby="knowledge-title" className={`card ${waiting ? "card-attention" : ""}`}>
      <h2 id="knowledge-title">
        Knowledge {waiting > 0 && <span className="badge badge-warn">{waiting} waiting for review</span>}
      </h2>
      <ErrorAlert error={knowledge.error ?? remove.error ?? review.error ?? edit.error} />
      {knowledge.isSuccess && items.length === 0 && <p className="muted">No findings yet.</p>}
      <ul className="knowledge">
        {items.map((k) => (
          <KnowledgeFinding key={k.id} finding={k} busy={busy}
            onAccept={() => review.mutate({ kid: k.id, accept: true })}
            onReject={() => review.mutate({ kid: k.id, accept: false })}
            onEdit={(change) => edit.mutateAsync({ kid: k.id, change })}
            onDelete={() => remove.mutate(k.id)} />
        ))}
      </ul>
      <AddFindingForm projectId={projectId} onAdded={refresh} />
    </section>
  );
}

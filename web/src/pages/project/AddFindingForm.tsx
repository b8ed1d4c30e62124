import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { KNOWLEDGE_CATEGORIES, useApi, type KnowledgeCategory } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";

/** A person's own finding: accepted at once, so later tasks are told it. */
export function AddFindingForm({ projectId, onAdded }: { projectId: string; onAdded: () => void }) {
  const api = useApi();
  const [content, setContent] = useState("");
  const [category, setCategory] = useState<KnowledgeCategory>("discovery");
  const add = useMutation({
    mutationFn: () => api.projects.addKnowledge(projectId, { content: content.trim(), category }),
    onSuccess: () => {
      setContent("");
      onAdded();
    },
  });
  return (
    <details className="knowledge-add">
      <summary>Add a finding</summary>
      <form aria-label="Add a finding" onSubmit={(e) => {
        e.preventDefault();
        add.mutate();
      }}>
        <ErrorAlert error={add.error} />
        <label>
          Finding
          <textarea value={content} onChange={(e) => setContent(e.target.value)} rows={2} maxLength={2000} required />
        </label>
        <label>
          Category
          <select value={category} onChange={(e) => setCategory(e.target.value as KnowledgeCategory)}>
            {KNOWLEDGE_CATEGORIES.map((c) => <option key={c} value={c}>{c}</option>)}
          </select>
        </label>
        <button type="submit" className="btn btn-small" disabled={add.isPending || content.trim().length === 0}>Add</button>
      </form>
    </details>
  );
}

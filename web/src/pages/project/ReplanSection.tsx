import { useState } from "react";
import type { PlanVersion, Project, ReplanResult } from "../../api";
import { pendingReplan } from "./planModel";
import { ReplanForm } from "./ReplanForm";
import { ReplanReview } from "./ReplanReview";

interface Props {
  project: Project;
  plans: readonly PlanVersion[];
  /** The owner pressed Re-plan: show the form. */
  formOpen: boolean;
  onCloseForm: () => void;
}

/** The re-planning banner, the re-plan form and the review of the draft it produced. */
export function ReplanSection({ project, plans, formOpen, onCloseForm }: Props) {
  const [answered, setAnswered] = useState<ReplanResult | null>(null);
  const [reviewPending, setReviewPending] = useState(false);
  const [outcome, setOutcome] = useState<string | null>(null);
  const pending = pendingReplan(plans);
  // The answer of our own POST /replan carries the diff; after a reload the pending draft comes from the plan list.
  // NOTE: a draft decided elsewhere (another tab, the CLI) leaves the list as approved or rejected; stop offering it then.
  const stillOpen = answered && (plans.find((p) => p.id === answered.id)?.status ?? "draft") === "draft" ? answered : null;
  const draft = stillOpen ?? (reviewPending && project.replanning ? pending : undefined);
  const decided = (message: string) => {
    setAnswered(null);
    setReviewPending(false);
    setOutcome(message);
  };

  return (
    <>
      {project.replanning && (
        <div className="alert alert-warn" role="status" aria-label="Re-planning">
          <strong>Re-planning: running tasks finish, new tasks wait for your decision.</strong>{" "}
          {pending && draft?.id !== pending.id && (
            <button type="button" className="btn" onClick={() => setReviewPending(true)}>Review draft v{pending.version}</button>
          )}
          {!pending && <span className="muted">The planning model is writing the new plan.</span>}
        </div>
      )}
      {outcome && <p role="status" className="alert alert-ok">{outcome}</p>}
      {formOpen && !draft && (
        <ReplanForm projectId={project.id} onCancel={onCloseForm}
          onDrafted={(r) => { setOutcome(null); setAnswered(r); onCloseForm(); }} />
      )}
      {draft && <ReplanReview key={draft.id} projectId={project.id} draft={draft} onDecided={decided} />}
    </>
  );
}

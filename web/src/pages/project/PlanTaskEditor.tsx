import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from "react";
import { COMPLEXITIES, MODEL_TIERS, TASK_TYPES, type PlanDocument, type PlanTask, type PlanVersion } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { dependencyCycle } from "./planEdit";
import { replaceTask, type IndexedTask } from "./planModel";
import { usePlanSave } from "./usePlanSave";

interface Props {
  projectId: string;
  plan: PlanVersion;
  /** The plan as edited so far (unsaved changes included): what Save sends, with this task replaced. */
  doc: PlanDocument;
  item: IndexedTask;
  all: IndexedTask[];
  /** The task as the form has it while it differs from the saved one, null when it does not: the live forecast's input. */
  onPreview: (task: PlanTask | null) => void;
  onSaved: () => void;
  onDone: () => void;
}

/**
 * Edits one task of a draft plan and saves the whole plan with PATCH. The server checks everything (ranges, cycles,
 * self-dependencies) and its problem detail and field errors are shown; a dependency cycle is also named here as the
 * boxes are ticked, and Save waits until it is gone. Every change is previewed, so the plan's forecast follows the form.
 */
export function PlanTaskEditor({ projectId, plan, doc, item, all, onPreview, onSaved, onDone }: Props) {
  const id = useId();
  // The task as it was when the editor opened: the form edits that, whatever renders around it meanwhile.
  const [t] = useState(item.task);
  const [title, setTitle] = useState(t.title);
  const [description, setDescription] = useState(t.description ?? "");
  const [taskType, setTaskType] = useState(t.task_type);
  const [complexity, setComplexity] = useState<string>(t.complexity);
  const [tier, setTier] = useState<string>(t.model_tier ?? "");
  const [priority, setPriority] = useState(t.priority === undefined || t.priority === null ? "" : String(t.priority));
  const [dependsOn, setDependsOn] = useState<number[]>(t.depends_on ?? []);
  const [requirements, setRequirements] = useState((t.requirement_ids ?? []).join(", "));

  const save = usePlanSave(projectId, plan.id);

  const fields = [title, description, taskType, complexity, tier, priority, [...dependsOn].sort((a, b) => a - b), requirements];
  const initial = useRef(JSON.stringify(fields));
  const changed = JSON.stringify(fields) !== initial.current;
  const next = useMemo(() => {
    const edited: PlanTask = {
      ...t,
      title,
      description,
      task_type: taskType,
      complexity,
      depends_on: [...dependsOn].sort((a, b) => a - b),
      requirement_ids: requirements.split(/[\s,]+/).map((r) => r.replace(/^\[|\]$/g, "")).filter(Boolean),
    };
    if (tier) edited.model_tier = tier as PlanTask["model_tier"];
    else delete edited.model_tier;
    if (priority.trim() !== "") edited.priority = Number(priority);
    else delete edited.priority;
    return edited;
  }, [t, title, description, taskType, complexity, tier, priority, dependsOn, requirements]);
  useEffect(() => onPreview(changed ? next : null), [onPreview, changed, next]);
  useEffect(() => () => onPreview(null), [onPreview]);

  const cycle = dependencyCycle(doc, item.index, dependsOn);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (cycle) return;
    save.mutate(replaceTask(doc, item.index, next), { onSuccess: () => { onSaved(); onDone(); } });
  };

  const toggle = (index: number) =>
    setDependsOn((d) => (d.includes(index) ? d.filter((x) => x !== index) : [...d, index]));

  return (
    <form className="editor form" onSubmit={submit} noValidate aria-label={`Edit task ${item.index + 1}`}>
      <ErrorAlert error={save.error} prefix="The server refused the change" />
      <label>
        Title
        <input autoFocus value={title} onChange={(e) => setTitle(e.target.value)} />
      </label>
      <label>
        Description
        <textarea rows={4} value={description} onChange={(e) => setDescription(e.target.value)} />
      </label>
      <div className="row">
        <label>
          Type
          <input list={`${id}-types`} value={taskType} onChange={(e) => setTaskType(e.target.value)} />
          <datalist id={`${id}-types`}>
            {TASK_TYPES.map((x) => <option key={x} value={x} />)}
          </datalist>
        </label>
        <label>
          Complexity
          <select value={complexity} onChange={(e) => setComplexity(e.target.value)}>
            {[...new Set([...COMPLEXITIES, complexity])].map((c) => <option key={c} value={c}>{c}</option>)}
          </select>
        </label>
        <label>
          Model tier
          <select value={tier} onChange={(e) => setTier(e.target.value)}>
            <option value="">automatic (routing table)</option>
            {MODEL_TIERS.map((x) => <option key={x} value={x}>{x}</option>)}
          </select>
        </label>
        <label>
          Priority
          <input type="number" inputMode="numeric" value={priority} onChange={(e) => setPriority(e.target.value)} aria-describedby={`${id}-prio`} />
        </label>
      </div>
      <p id={`${id}-prio`} className="hint">Priority 0–1000; empty leaves it to the planner.</p>
      <label>
        Requirements covered
        <input value={requirements} onChange={(e) => setRequirements(e.target.value)} placeholder="R1, R2" />
      </label>
      <fieldset>
        <legend>Depends on</legend>
        {all.filter((o) => o.index !== item.index).map((o) => (
          <label key={o.index} className="check">
            <input type="checkbox" checked={dependsOn.includes(o.index)} onChange={() => toggle(o.index)} />
            #{o.index + 1} {o.task.title}
          </label>
        ))}
      </fieldset>
      {cycle && (
        <p role="alert" className="alert alert-error">
          These dependencies make a cycle: {cycle.map((i) => `#${i + 1} ${all[i]?.task.title ?? ""}`).join(" → ")}. Untick one to save.
        </p>
      )}
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={save.isPending || !!cycle}>
          {save.isPending ? "Saving…" : "Save task"}
        </button>
        <button type="button" className="btn btn-ghost" onClick={onDone}>
          Discard
        </button>
      </div>
    </form>
  );
}

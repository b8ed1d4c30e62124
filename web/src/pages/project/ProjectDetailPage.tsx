import { useQuery } from "@tanstack/react-query";
import { lazy, Suspense, useEffect, useRef, useState } from "react";
import { Link, useParams } from "react-router-dom";
import { keys, orEmptyWhenMissing, useApi, type PlanVersion, type TaskListItem } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Loading } from "../../components/Loading";
import { RegionBoundary } from "../../components/RegionBoundary";
import { StatusBadge } from "../../components/StatusBadge";
import { useProjectEvents } from "../../hooks/useProjectEvents";
import { CheckpointsPanel } from "./CheckpointsPanel";
import { CostReportPanel } from "./CostReportPanel";
import { CoveragePanel } from "./CoveragePanel";
import { EventTimeline } from "./EventTimeline";
import { KnowledgePanel } from "./KnowledgePanel";
import { PlanVersions } from "./PlanVersions";
import { PlanView } from "./PlanView";
import { projectCap } from "./ProjectSpendBar";
import { ProjectActions } from "./ProjectActions";
import { executionModeOf } from "./executionMode";
import { currentPlan } from "./planModel";
import { ReplanSection } from "./ReplanSection";
import { RequirementsCard } from "./RequirementsCard";
import { TasksSection } from "./TasksSection";

// The graph library is large: loaded with the first project that has tasks, not with every page.
const TaskGraph = lazy(() => import("./TaskGraph"));

export function ProjectDetailPage() {
  const { projectId = "" } = useParams();
  const api = useApi();
  const [runKey, setRunKey] = useState(0);
  const [replanFormOpen, setReplanFormOpen] = useState(false);
  const project = useQuery({ queryKey: keys.project(projectId), queryFn: () => api.projects.get(projectId) });
  const plans = useQuery({
    queryKey: keys.plans(projectId),
    queryFn: () => orEmptyWhenMissing(api.projects.plans(projectId), [] as PlanVersion[]),
  });
  const tasks = useQuery({
    queryKey: keys.tasks(projectId),
    queryFn: () => orEmptyWhenMissing(api.tasks.list(projectId, { exclude_output: true, limit: 1000 }), [] as TaskListItem[]),
  });
  const live = useProjectEvents(projectId, { enabled: project.isSuccess, runKey });
  const status = project.data?.status;

  // A run started elsewhere (another tab, the CLI) after our stream closed at the end of the previous one. Only a
  // change *to* executing counts: right after project_complete the cached project still reads executing.
  const previousStatus = useRef(status);
  useEffect(() => {
    if (status === "executing" && previousStatus.current !== "executing" && previousStatus.current !== undefined && live.state === "closed") {
      setRunKey((k) => k + 1);
    }
    previousStatus.current = status;
  }, [status, live.state]);

  if (project.isPending) return <Loading what="project" />;
  if (project.error) {
    return (
      <div className="page">
        <ErrorAlert error={project.error} />
        <Link to="/">Back to projects</Link>
      </div>
    );
  }
  const p = project.data;
  // A pending re-plan draft or a rejected one is reviewed in the re-plan section, not shown as the project's plan.
  const latestPlan = currentPlan(plans.data ?? []);
  const taskList = tasks.data ?? [];

  return (
    <div className="page">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/">Projects</Link> / <span aria-current="page">{p.name}</span>
      </nav>
      <div className="page-head">
        <h1>
          {p.name} <StatusBadge status={p.status} /> <span className="badge badge-neutral">{p.planning_rigor}</span>
          {executionModeOf(p) !== "auto" && <span className="badge badge-neutral">{executionModeOf(p)} workers</span>}
        </h1>
        <ProjectActions project={p} hasPlan={!!latestPlan} onRunStarted={() => setRunKey((k) => k + 1)}
          onReplan={() => setReplanFormOpen(true)} />
      </div>
      {p.status_reason && <p className="alert alert-warn">{p.status_reason}</p>}
      <RegionBoundary name="Re-plan">
        <ReplanSection project={p} plans={plans.data ?? []} formOpen={replanFormOpen} onCloseForm={() => setReplanFormOpen(false)} />
      </RegionBoundary>
      <div className="grid-main">
        <div className="stack">
          <RegionBoundary name="Checkpoints"><CheckpointsPanel projectId={projectId} tasks={taskList} /></RegionBoundary>
          <RegionBoundary name="Requirements"><RequirementsCard project={p} /></RegionBoundary>
          {taskList.length > 0 && (
            <RegionBoundary name="Task graph" resetKeys={[tasks.dataUpdatedAt]}>
              <Suspense fallback={<Loading what="task graph" />}>
                <TaskGraph tasks={taskList} />
              </Suspense>
            </RegionBoundary>
          )}
          {taskList.length > 0 && <RegionBoundary name="Tasks" resetKeys={[tasks.dataUpdatedAt]}><TasksSection projectId={projectId} tasks={taskList} /></RegionBoundary>}
          <ErrorAlert error={plans.error ?? tasks.error} />
          <RegionBoundary name="Plan">
            {latestPlan ? (
              <PlanView projectId={projectId} plan={latestPlan} editable={p.status === "draft" || p.status === "ready"}
                cap={projectCap(p.config)} />
            ) : (
              plans.isSuccess && (
                <section className="card" aria-label="Plan">
                  <p className="muted">No plan yet. Press Plan to have the planning model write one.</p>
                </section>
              )
            )}
          </RegionBoundary>
          {plans.data && plans.data.length > 0 && <RegionBoundary name="Plan versions"><PlanVersions projectId={projectId} plans={plans.data} /></RegionBoundary>}
          <RegionBoundary name="Requirement coverage"><CoveragePanel projectId={projectId} /></RegionBoundary>
          <RegionBoundary name="Spend and alternatives"><CostReportPanel projectId={projectId} /></RegionBoundary>
          <RegionBoundary name="Knowledge"><KnowledgePanel projectId={projectId} /></RegionBoundary>
        </div>
        <RegionBoundary name="Live events"><EventTimeline events={live.events} state={live.state} dropped={live.dropped} /></RegionBoundary>
      </div>
    </div>
  );
}

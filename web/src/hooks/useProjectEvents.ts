import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { ApiError, keys, useApiContext, type ProjectEvent } from "../api";
import { createInvalidator } from "./invalidator";
import { EVENT_TYPES, EventTypes, RUN_ENDING_TYPES } from "../api/eventTypes";

/** Event names the server sends (generated from the server's event catalogue); EventSource only delivers named events we listen for. */
export { EVENT_TYPES };

/** Events after which the project's checkpoints may have changed (one opened, or a retry resolved one). */
const CHECKPOINT_TYPES = new Set<string>([
  EventTypes.Checkpoint, EventTypes.CheckpointResolved, EventTypes.ProjectWaiting, EventTypes.TaskNeedsReview, EventTypes.TaskFailed,
  EventTypes.TaskRetry, EventTypes.TaskStart, EventTypes.ProjectFailed,
]);
/** Events after which the project's plan versions changed (a re-plan draft, a swap, a rejection). */
const PLAN_TYPES = new Set<string>([EventTypes.PlanReady, EventTypes.PlanSwapped, EventTypes.ReplanRejected, EventTypes.ReplanStarted]);
/** Events the timeline keeps in memory; older ones stay in the persisted timeline (GET /api/projects/{id}/events). */
export const MAX_EVENTS = 1000;
const MAX_BACKOFF_MS = 15_000;

export type StreamState = "connecting" | "live" | "reconnecting" | "closed" | "unavailable";

export interface TimelineEvent extends ProjectEvent {
  /** The server's sequence id of the event (SSE `id:`), "" if it sent none. */
  id: string;
}

export interface ProjectEventsOptions {
  enabled?: boolean;
  /** Change it (e.g. after Execute) to open the stream again after it closed at the end of a run. */
  runKey?: number;
}

/**
 * Follows a project's SSE stream: gets a short-lived token, opens EventSource on it, appends events to a timeline
 * and refetches the queries they affect. On an error it reconnects with a new token and `after=<last id>`, so no
 * event is missed or shown twice. It closes when the run ends.
 */
export function useProjectEvents(projectId: string, { enabled = true, runKey = 0 }: ProjectEventsOptions = {}) {
  const { api, openEventSource } = useApiContext();
  const queryClient = useQueryClient();
  const [events, setEvents] = useState<TimelineEvent[]>([]);
  const [received, setReceived] = useState(0);
  const [state, setState] = useState<StreamState>("connecting");
  const lastId = useRef<string | null>(null);
  const project = useRef(projectId);

  if (project.current !== projectId) {
    project.current = projectId;
    lastId.current = null;
  }
  useEffect(() => {
    setEvents([]);
    setReceived(0);
  }, [projectId]);

  useEffect(() => {
    if (!enabled) return;
    let disposed = false;
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let attempt = 0;
    const invalidate = createInvalidator(queryClient);

    const onEvent = (message: MessageEvent<string>) => {
      if (disposed) return;
      const id = message.lastEventId ?? "";
      if (id && lastId.current && isNotAfter(id, lastId.current)) return;
      let data: ProjectEvent;
      try {
        data = JSON.parse(message.data) as ProjectEvent;
      } catch {
        return;
      }
      if (id) lastId.current = id;
      const event: TimelineEvent = { ...data, type: data.type ?? message.type, id };
      setEvents((list) => (list.length >= MAX_EVENTS ? [...list.slice(1 - MAX_EVENTS), event] : [...list, event]));
      setReceived((n) => n + 1);
      invalidate([
        keys.project(projectId), keys.tasks(projectId), keys.coverage(projectId), keys.knowledge(projectId),
        keys.projects, keys.usage, ...(event.task_id ? [keys.task(event.task_id)] : []),
        ...(CHECKPOINT_TYPES.has(event.type) ? [keys.checkpoints(projectId)] : []),
        ...(PLAN_TYPES.has(event.type) ? [keys.plans(projectId)] : []),
      ]);
      if (RUN_ENDING_TYPES.has(event.type)) {
        source?.close();
        setState("closed");
      }
    };

    const retry = () => {
      const delay = Math.min(500 * 2 ** attempt, MAX_BACKOFF_MS);
      attempt += 1;
      setState("reconnecting");
      timer = setTimeout(connect, delay);
    };

    async function connect() {
      setState((s) => (s === "reconnecting" ? s : "connecting"));
      let token: string;
      try {
        token = (await api.events.token(projectId)).token;
      } catch (e) {
        if (disposed) return;
        if (e instanceof ApiError && [401, 403, 404, 405].includes(e.status)) {
          setState("unavailable");
          return;
        }
        retry();
        return;
      }
      if (disposed) return;
      const es = openEventSource(api.events.streamUrl(projectId, token, lastId.current));
      source = es;
      es.onopen = () => {
        attempt = 0;
        setState("live");
      };
      es.onmessage = onEvent;
      for (const type of EVENT_TYPES) es.addEventListener(type, onEvent as EventListener);
      es.onerror = () => {
        // NOTE: EventSource would reconnect by itself, but with the same URL, whose token expires in a minute.
        es.close();
        if (!disposed && source === es) retry();
      };
    }

    void connect();
    return () => {
      disposed = true;
      clearTimeout(timer);
      source?.close();
      invalidate.flush();
    };
  }, [api, openEventSource, queryClient, projectId, enabled, runKey]);

  /** Events received but no longer kept (only the latest MAX_EVENTS are). */
  const dropped = Math.max(0, received - events.length);
  return { events, state, dropped };
}

/** True when `id` is not newer than `last` (sequence ids are numbers; other ids only compare equal). */
function isNotAfter(id: string, last: string): boolean {
  const a = Number(id);
  const b = Number(last);
  return Number.isFinite(a) && Number.isFinite(b) ? a <= b : id === last;
}

import { Background, Controls, Handle, Position, ReactFlow, type Edge, type Node, type NodeProps } from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { useMemo, type MouseEvent } from "react";
import { Link, useNavigate } from "react-router-dom";
import { usd } from "../../components/format";
import { StatusBadge, statusTone } from "../../components/StatusBadge";
import { layoutTaskGraph, NODE_HEIGHT, NODE_WIDTH, type GraphTask } from "./graphModel";

type TaskNode = Node<{ task: GraphTask; critical: boolean }, "task">;

const nodeTypes = { task: TaskNodeView };

/**
 * The plan's task DAG: one column per wave, nodes coloured by status, the longest dependency chain outlined. Laid
 * out again only when the tasks or their dependencies change; statuses and costs follow the live task list as is.
 */
export default function TaskGraph({ tasks }: { tasks: readonly GraphTask[] }) {
  const navigate = useNavigate();
  const shape = JSON.stringify(tasks.map((t) => [t.id, t.wave, t.depends_on]));
  // NOTE: keyed on `shape`, not `tasks`: every live event refetches the list, and statuses do not move nodes.
  const model = useMemo(() => layoutTaskGraph(tasks), [shape]);
  const current = new Map(tasks.map((t) => [t.id, t]));

  const nodes: TaskNode[] = model.nodes.map((n) => {
    const task = current.get(n.task.id) ?? n.task;
    return {
      id: task.id, type: "task", position: { x: n.x, y: n.y }, width: NODE_WIDTH, height: NODE_HEIGHT,
      data: { task, critical: n.critical }, draggable: false, connectable: false,
    };
  });
  const edges: Edge[] = model.edges.map((e) => ({
    id: e.id, source: e.source, target: e.target, className: e.critical ? "graph-edge-critical" : "graph-edge",
  }));
  const openTask = (event: MouseEvent, node: TaskNode) => {
    // The title is a link: let it navigate itself rather than twice.
    if ((event.target as Element).closest("a")) return;
    void navigate(`/tasks/${node.id}`);
  };

  return (
    <section aria-labelledby="graph-title" className="card">
      <h2 id="graph-title">Task graph</h2>
      <p className="muted">
        Waves run left to right. {model.criticalPath.length > 1
          ? `The critical path (thick outline) is ${model.criticalPath.length} tasks long.`
          : "No task waits on another."} Drag to pan, scroll or use the buttons to zoom; select a task to open it.
      </p>
      <div className="task-graph" data-testid="task-graph">
        <ReactFlow<TaskNode> nodes={nodes} edges={edges} nodeTypes={nodeTypes} onNodeClick={openTask} minZoom={0.1}
          // Fit the graph, but not below a zoom at which the labels stay readable: a wide plan is panned instead.
          fitView fitViewOptions={{ minZoom: 0.6, maxZoom: 1 }}
          nodesDraggable={false} nodesConnectable={false} nodesFocusable={false} edgesFocusable={false} elementsSelectable={false}
          onlyRenderVisibleElements={tasks.length > 60} proOptions={{ hideAttribution: true }}>
          <Background />
          <Controls showInteractive={false} />
        </ReactFlow>
      </div>
    </section>
  );
}

function TaskNodeView({ data: { task, critical } }: NodeProps<TaskNode>) {
  return (
    <div className={`graph-node tone-${statusTone(task.status)}${critical ? " graph-node-critical" : ""}`} data-status={task.status}
      data-critical={critical || undefined}>
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <Link to={`/tasks/${task.id}`} className="graph-node-title nopan" title={task.title}>
        {task.title}
        {critical && <span className="sr-only"> (critical path)</span>}
      </Link>
      <div className="graph-node-meta">
        <StatusBadge status={task.status} /> <span>{task.model_tier}</span> <span>{usd(task.cost_usd)}</span>
      </div>
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
}

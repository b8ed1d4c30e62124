// End-to-end steps on a large plan: its task graph draws every task and follows the run live.
import { join } from "node:path";
import { SHOTS, skip, state, step } from "./harness.mjs";

const REQUIREMENTS = 48; // The simulated planner adds a review task and a summary task: 50 in all.

/** A 50-task plan: planned and approved through the UI, its graph drawn, then executed while the page watches. */
export async function bigGraphSteps({ page, shot, projectName, planning }) {
  const names = ["a 50-task plan's graph draws 50 nodes", "the 50-task graph follows the run live until every node is done"];
  if (!planning?.available || state.stopped) {
    for (const name of names) skip(name, "needs planning and the earlier steps");
    return;
  }
  const graph = page.getByRole("region", { name: "Task graph" });
  const nodes = graph.locator(".react-flow__node");
  await step(names[0], async () => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Dashboard" }).click();
    await page.getByLabel("Name").fill(`${projectName} large`);
    const lines = Array.from({ length: REQUIREMENTS }, (_, i) => `[R${i + 1}] Write part-${i + 1}.txt with one line.`);
    await page.getByLabel("Requirements").fill(lines.join("\n\n"));
    await page.getByRole("radio", { name: /L1/ }).check();
    await page.getByRole("button", { name: "Create project" }).click();
    await page.getByRole("status").getByRole("link", { name: `${projectName} large` }).click();
    await page.getByRole("button", { name: "Plan", exact: true }).click();
    await page.getByRole("button", { name: "Approve plan" }).click({ timeout: 120_000 });
    await page.getByText(/^Approved: 50 tasks in \d+ waves/).waitFor({ timeout: 60_000 });
    await nodes.first().waitFor();
    await expectCount(nodes, 50, "nodes");
    await expectCount(graph.locator(".graph-node.tone-ok"), 0, "completed nodes before the run");
  });
  await step(names[1], async () => {
    await page.getByRole("button", { name: "Execute" }).click();
    // No reload: the page hears each task finish on the event stream and redraws the node.
    await graph.locator(".graph-node.tone-ok").first().waitFor({ timeout: 120_000 });
    await page.getByRole("heading", { level: 1, name: /completed/ }).waitFor({ timeout: 240_000 });
    await expectCount(graph.locator(".graph-node.tone-ok"), 50, "completed nodes", 30_000);
    await shot("21-project-50-tasks");
    // The whole graph alone (README's picture of it): fitted past the readable zoom the page opens at.
    await graph.getByRole("button", { name: /fit view/i }).click();
    await page.waitForTimeout(300);
    await graph.screenshot({ path: join(SHOTS, "21b-graph-50-tasks.png") });
  });
}

async function expectCount(locator, expected, what, timeout = 10_000) {
  const until = Date.now() + timeout;
  let count = await locator.count();
  while (count !== expected && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 250));
    count = await locator.count();
  }
  if (count !== expected) throw new Error(`${count} ${what}, expected ${expected}`);
}

// End-to-end steps beyond the core scenario of run.mjs: bulk task actions, export/import and clone,
// checkpoints and knowledge, the account page's API keys. Each takes the page and what the run knows so far.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { probe, SHOTS, skip, state, step } from "./harness.mjs";

/** Bulk retry and cancel on the finished project (every task is refused, each with the server's reason). */
export async function bulkSteps({ page, shot }) {
  await step("bulk retry and cancel on the finished project show each task's reason", async () => {
    const region = page.getByRole("region", { name: "Tasks" });
    await region.getByText(/^(\d+) of \1 tasks completed/).waitFor();
    const total = await selectAllTasks(region);
    await region.getByRole("button", { name: "Retry selected" }).click();
    await expectBulkRefusals(region, "Retried", total);
    await shot("12-bulk-refused");
    if ((await selectAllTasks(region)) !== total) throw new Error("the selection was not cleared after the bulk action");
    await region.getByRole("button", { name: "Cancel selected" }).click();
    await expectBulkRefusals(region, "Cancelled", total);
    await page.getByRole("heading", { level: 1, name: /completed/ }).waitFor();
  });
}

/** Export the project, import the file back from the dashboard, refuse a file that is not an export, clone. */
export async function transferSteps({ page, shot, projectName, projectUrl, planning }) {
  let exportFile = "";
  await step("export the project as a file", async () => {
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export", exact: true }).click()]);
    if (!/\.json$/.test(download.suggestedFilename())) throw new Error(`the export is named ${download.suggestedFilename()}`);
    exportFile = join(SHOTS, download.suggestedFilename());
    await download.saveAs(exportFile);
    const document = JSON.parse(readFileSync(exportFile, "utf8"));
    if (document.project?.name !== projectName) throw new Error(`the export names project ${document.project?.name}`);
    await page.getByText(`Exported as ${download.suggestedFilename()}.`).waitFor();
  });
  await step("import the export from the dashboard opens a new project with the same content", async () => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Dashboard" }).click();
    await page.getByLabel("Export file").setInputFiles(exportFile);
    await page.waitForURL((url) => /\/projects\/[0-9a-f]{32}$/.test(url.pathname) && url.href !== projectUrl);
    await page.getByRole("heading", { level: 1, name: new RegExp(projectName) }).waitFor();
    await page.getByRole("region", { name: "Requirements" }).getByText("Write RUN.md with exact steps to run it.").waitFor();
    if (planning?.available) await page.getByRole("region", { name: "Tasks" }).getByText(/^(\d+) of \1 tasks completed/).waitFor();
    await shot("13-imported");
  });
  await step("importing a file that is not an export shows the server's details", async () => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Dashboard" }).click();
    await page.getByLabel("Export file").setInputFiles({ name: "wrong.json", mimeType: "application/json", buffer: Buffer.from('{"tasks": []}') });
    const alert = page.getByRole("alert").filter({ hasText: "Could not import" });
    await alert.getByText(/'project' is required/).first().waitFor();
  });
  await step("clone the project opens the copy", async () => {
    await page.goto(projectUrl);
    await page.getByRole("button", { name: "Clone", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: `${projectName} (clone)` }).waitFor();
    if (page.url() === projectUrl) throw new Error("still on the original project");
    if (planning?.available) await page.getByRole("region", { name: /Plan v1/ }).waitFor();
  });
}

/** A task whose verification keeps finding gaps opens a checkpoint; resolve it with skip and a gotcha; delete that. */
export async function checkpointSteps({ page, shot, projectName, planning }) {
  const checkpoints = planning?.available && !state.stopped
    ? await probe(page, "GET", "/api/checkpoints/project/00000000000000000000000000000000")
    : null;
  const names = ["a task whose verification keeps finding gaps opens a checkpoint", "resolve the checkpoint with skip and a gotcha",
    "delete the gotcha finding"];
  if (!checkpoints?.available) {
    const why = !planning?.available || state.stopped ? "needs planning and the earlier steps" : `checkpoint endpoints not on this server (answered ${checkpoints.status})`;
    for (const name of names) skip(name, why);
  } else {
    const gotcha = "E2E gotcha: NOTES.md needs no heading";
    await step(names[0], async () => {
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Dashboard" }).click();
      await page.getByLabel("Name").fill(`${projectName} checkpoint`);
      await page.getByLabel("Requirements").fill("Write NOTES.md with one line about the project. [sim:gaps-always]");
      await page.getByRole("radio", { name: /L1/ }).check();
      await page.getByRole("button", { name: "Create project" }).click();
      await page.getByRole("status").getByRole("link", { name: `${projectName} checkpoint` }).click();
      await page.getByRole("button", { name: "Plan", exact: true }).click();
      await page.getByRole("button", { name: "Approve plan" }).click({ timeout: 120_000 });
      await page.getByRole("button", { name: "Execute" }).click({ timeout: 60_000 });
      const panel = page.getByRole("region", { name: /Checkpoints/ });
      await panel.getByText("1 waiting for you").waitFor({ timeout: 120_000 });
      await panel.getByRole("article").getByRole("link").waitFor();
      await page.getByRole("log", { name: "Event timeline" }).getByText("checkpoint", { exact: true }).first().waitFor();
      await page.getByRole("heading", { level: 1, name: /executing/ }).waitFor();
      await shot("16-checkpoint");
    });
    await step(names[1], async () => {
      const form = page.getByRole("form", { name: "Resolve checkpoint" });
      await form.getByRole("radio", { name: /Skip/ }).check();
      await form.getByLabel(/Guidance/).fill("One line is enough.");
      await form.getByLabel(/Gotcha/).fill(gotcha);
      await form.getByRole("button", { name: "Resolve: skip" }).click();
      const panel = page.getByRole("region", { name: /Checkpoints/ });
      await panel.getByText("Nothing is waiting for you.").waitFor();
      await page.getByRole("heading", { level: 1, name: /completed/ }).waitFor({ timeout: 120_000 });
      await panel.getByText(/Resolved \(1\)/).click();
      await panel.getByText(/skip: “One line is enough.”/).waitFor();
      await page.getByRole("region", { name: "Knowledge" }).getByText(gotcha).waitFor();
      await shot("17-checkpoint-resolved");
    });
    await step(names[2], async () => {
      const knowledge = page.getByRole("region", { name: "Knowledge" });
      await knowledge.getByRole("button", { name: /^Delete finding: E2E gotcha/ }).click();
      await knowledge.getByText(gotcha).waitFor({ state: "detached" });
      await page.reload();
      await page.getByRole("region", { name: "Knowledge" }).waitFor();
      if (await page.getByRole("region", { name: "Knowledge" }).getByText(gotcha).count()) throw new Error("the finding came back after a reload");
    });
}
}

/** Re-plan a running project from its page: the draft with its diff, reject it, re-plan again and approve the swap. */
export async function replanSteps({ page, shot, projectName, planning }) {
  const names = ["re-plan a running project and reject the draft", "re-plan again and approve: the unfinished work is replaced"];
  if (!planning?.available || state.stopped) {
    for (const name of names) skip(name, "needs planning and the earlier steps");
    return;
  }
  const replan = async (changes) => {
    await page.getByRole("button", { name: "Re-plan", exact: true }).click({ timeout: 60_000 });
    const form = page.getByRole("form", { name: "Re-plan" });
    await form.getByLabel(/New or changed requirements/).fill(changes);
    await form.getByRole("button", { name: "Write new plan" }).click();
    await page.getByRole("heading", { name: /^Re-plan draft v\d+$/ }).waitFor({ timeout: 120_000 });
    await page.getByRole("status", { name: "Re-planning" }).waitFor();
    await page.getByTestId("replan-kept").waitFor();
  };
  await step(names[0], async () => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Dashboard" }).click();
    await page.getByLabel("Name").fill(`${projectName} replan`);
    // The first deliverable waits for a person's review, so the run is still going when it is re-planned.
    await page.getByLabel("Requirements").fill("Write NOTES.md with one line. [sim:human]\n\nWrite TODO.md with one line.");
    await page.getByRole("radio", { name: /L1/ }).check();
    await page.getByRole("button", { name: "Create project" }).click();
    await page.getByRole("status").getByRole("link", { name: `${projectName} replan` }).click();
    await page.getByRole("button", { name: "Plan", exact: true }).click();
    await page.getByRole("button", { name: "Approve plan" }).click({ timeout: 120_000 });
    await page.getByRole("button", { name: "Execute" }).click({ timeout: 60_000 });
    await page.getByRole("heading", { level: 1, name: /executing/ }).waitFor();
    await replan("Write README.md that says how to read the notes.");
    await page.getByText(/README/).first().waitFor();
    await shot("18-replan-draft");
    // The draft's review alone: its diff against the running plan (README's picture of a plan diff).
    await page.getByRole("region", { name: /^Re-plan draft v\d+$/ }).screenshot({ path: join(SHOTS, "18b-replan-diff.png") });
    await page.getByRole("button", { name: "Reject re-plan" }).click();
    await page.getByText(/^Rejected v2; the run goes on/).waitFor();
    await page.getByRole("status", { name: "Re-planning" }).waitFor({ state: "detached" });
  });
  await step(names[1], async () => {
    await replan("Write README.md that says how to read the notes.");
    await page.getByRole("button", { name: "Approve re-plan" }).click();
    await page.getByText(/^Approved v3: the unfinished work was replaced/).waitFor({ timeout: 60_000 });
    await page.getByRole("status", { name: "Re-planning" }).waitFor({ state: "detached" });
    await page.getByRole("region", { name: "Tasks" }).getByText(/README/).first().waitFor({ timeout: 60_000 });
    await page.getByRole("log", { name: "Event timeline" }).getByText("plan_swapped", { exact: true }).first().waitFor({ timeout: 60_000 });
    await shot("19-replan-approved");
  });
}

/** The account page: the user's facts, an API key shown once, used as a bearer token, then revoked. */
export async function accountSteps({ page, shot, server, email, projectName }) {
  let apiKey = "";
  await step("account page shows the user's facts and creates an API key shown once", async () => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Account" }).click();
    const you = page.getByRole("region", { name: "You" });
    await you.getByText(email).waitFor();
    const facts = await you.innerText();
    if (!/Role\s*admin/.test(facts) || !/Password\s*set/.test(facts)) throw new Error(`facts read: ${facts}`);
    const card = page.getByRole("region", { name: "API keys" });
    await card.getByLabel("Key name").fill("e2e key");
    await card.getByRole("button", { name: "Create key" }).click();
    const notice = card.getByRole("region", { name: "New API key" });
    apiKey = await notice.getByLabel("The new key").inputValue();
    if (!/^orch_[0-9a-f]{64}$/.test(apiKey)) throw new Error(`the key reads ${apiKey}`);
    await notice.getByText("It will not be shown again").waitFor();
    await notice.getByRole("button", { name: "Copy" }).click();
    await notice.getByText(/Copied to the clipboard|refused to copy/).waitFor();
    await shot("14-account-new-key");
  });
  await step("the API key works as a bearer token and its use is listed", async () => {
    const res = await fetch(`${server.base}/api/projects`, { headers: { Authorization: `Bearer ${apiKey}` } });
    if (res.status !== 200) throw new Error(`GET /api/projects with the key answered ${res.status}`);
    const names = (await res.json()).map((p) => p.name);
    if (!names.includes(projectName)) throw new Error(`the key's project list is ${names.join(", ")}`);
    const card = page.getByRole("region", { name: "API keys" });
    await card.getByRole("button", { name: "Done" }).click();
    await page.reload();
    const row = page.getByRole("region", { name: "API keys" }).getByRole("row").filter({ has: page.getByRole("rowheader", { name: "e2e key" }) });
    await row.getByText("active").waitFor();
    if (/never/.test(await row.innerText())) throw new Error(`last use not recorded: ${await row.innerText()}`);
    if ((await page.content()).includes(apiKey)) throw new Error("the full key is still on the page");
    await shot("15-account");
  });
  await step("a revoked API key stops working", async () => {
    const card = page.getByRole("region", { name: "API keys" });
    await card.getByRole("button", { name: "Revoke e2e key" }).click();
    await card.getByRole("button", { name: "Confirm revoke" }).click();
    await card.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "e2e key" }) }).getByText("revoked").waitFor();
    const res = await fetch(`${server.base}/api/projects`, { headers: { Authorization: `Bearer ${apiKey}` } });
    if (res.status !== 401) throw new Error(`GET /api/projects with the revoked key answered ${res.status}`);
  });
}

/** Ticks "select all" of every wave; returns how many tasks are selected. */
async function selectAllTasks(region) {
  const waves = region.getByRole("checkbox", { name: /^Select all in wave/ });
  for (let i = 0; i < (await waves.count()); i++) await waves.nth(i).check();
  const bar = region.getByRole("group", { name: "Selected tasks" });
  const selected = Number(/(\d+) selected/.exec(await bar.innerText())?.[1] ?? 0);
  const rows = await region.getByRole("checkbox", { name: /^Select (?!all in wave)/ }).count();
  if (selected === 0 || selected !== rows) throw new Error(`${selected} selected of ${rows} tasks`);
  return selected;
}

/** Every task of a completed project is refused, each listed with the server's reason. */
async function expectBulkRefusals(region, verb, total) {
  const status = region.getByRole("status").filter({ hasText: verb });
  await status.getByText(`${verb} 0 of ${total} tasks. ${total} refused:`).waitFor();
  const reasons = await status.getByRole("listitem").allInnerTexts();
  if (reasons.length !== total || reasons.some((r) => !/^.+: \S.+/.test(r))) throw new Error(`refusals read: ${reasons.join(" | ")}`);
}

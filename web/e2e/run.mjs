// End-to-end test of the web UI in a real headless Chromium against the real server.
//
//   npm run e2e            (from web/; the server must be built first: dotnet build -c Release)
//
// Environment:
//   E2E_ORCH_DLL     path of the built CLI (not ORCH_*: the server reads every ORCH_* variable as a config key) (default: src/Orchestration.Cli/bin/Release/net10.0/orch.dll); the UI is
//                    served from the wwwroot folder beside it, which the server build fills from web/.
//   CHROMIUM         browser executable (default /usr/bin/chromium; installed with apt-get when missing and root).
//   E2E_SCREENSHOTS  folder for the screenshots of each main page (default: a new temp folder, printed at the end).
//
// Planning and execution steps (and the bulk actions on the finished project) run only when the server answers
// POST /api/projects/{id}/plan, and the checkpoint steps only when it has GET /api/checkpoints/project/{id}; on a server
// without them they are reported as skipped. Ends with the line "N passed, N failed"; exits 1 on any failure.
import { execSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, createWriteStream, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "../..");
const ORCH_DLL = resolve(repo, process.env.E2E_ORCH_DLL ?? "src/Orchestration.Cli/bin/Release/net10.0/orch.dll");
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const SHOTS = process.env.E2E_SCREENSHOTS ?? mkdtempSync(join(tmpdir(), "orch-e2e-shots-"));
const BANNER = "Simulated model provider — outputs are not from a real model";

const counts = { passed: 0, failed: 0, skipped: 0 };
let stopped = false;
const cleanups = [];
/** What to show when a step fails: the browser's console, a screenshot, the server's log. */
const diagnostics = { console: [], page: null, serverLog: null };

/** One step of the scenario; after a failure the rest are skipped (they depend on the earlier ones). */
async function step(name, fn) {
  if (stopped) return skip(name, "an earlier step failed");
  const started = Date.now();
  try {
    await fn();
    counts.passed += 1;
    console.log(`ok   ${name} (${Date.now() - started} ms)`);
  } catch (e) {
    counts.failed += 1;
    stopped = true;
    console.log(`FAIL ${name}: ${String(e?.message ?? e).split("\n").slice(0, 6).join("\n     ")}`);
    await explainFailure(name);
  }
}

async function explainFailure(name) {
  if (diagnostics.console.length) console.log(`     browser console (last 15):\n       ${diagnostics.console.slice(-15).join("\n       ")}`);
  if (diagnostics.page) {
    const file = join(SHOTS, `failed-${name.replace(/[^a-z0-9]+/gi, "-").slice(0, 40)}.png`);
    await diagnostics.page.screenshot({ path: file, fullPage: true }).catch(() => {});
    console.log(`     screenshot: ${file}`);
  }
  if (diagnostics.serverLog && existsSync(diagnostics.serverLog)) {
    console.log(`     server log (tail):\n       ${readFileSync(diagnostics.serverLog, "utf8").trim().split("\n").slice(-12).join("\n       ")}`);
  }
}

function skip(name, why) {
  counts.skipped += 1;
  console.log(`skip ${name}: ${why}`);
}

function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  if (process.getuid?.() !== 0) throw new Error(`${CHROMIUM} is missing; install it as root: apt-get install -y chromium`);
  console.log("Installing Debian chromium (apt-get)...");
  execSync("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium", { stdio: "inherit" });
  if (!existsSync(CHROMIUM)) throw new Error(`apt-get installed chromium, but ${CHROMIUM} is still missing`);
}

function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once("error", rej);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

async function startServer() {
  if (!existsSync(ORCH_DLL)) throw new Error(`${ORCH_DLL} not found: build the server first (dotnet build -c Release) or set E2E_ORCH_DLL`);
  const webRoot = join(dirname(ORCH_DLL), "wwwroot", "index.html");
  if (!existsSync(webRoot)) throw new Error(`${webRoot} not found: the server build copies web/dist there when npm is available`);
  const port = await freePort();
  const data = mkdtempSync(join(tmpdir(), "orch-e2e-data-"));
  const logPath = join(data, "server.log");
  const log = createWriteStream(logPath);
  const child = spawn("dotnet", [ORCH_DLL, "serve", "--port", String(port), "--data-dir", data], {
    env: { ...process.env, ORCH_SIMULATED__LATENCY_MS: "20", ORCH_SERVER__RATE_LIMIT: "10000/minute", DOTNET_NOLOGO: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const exited = new Promise((r) => child.once("exit", r));
  cleanups.push(async () => {
    if (child.exitCode === null) {
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
    }
    rmSync(data, { recursive: true, force: true });
  });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      if ((await fetch(`${base}/readyz`)).ok) return { base, logPath };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the server did not become ready:\n${readFileSync(logPath, "utf8").slice(-2000)}`);
}

async function main() {
  const email = `e2e-${Date.now()}@example.com`;
  const password = "e2e-password-123";
  const projectName = `E2E hello ${Date.now() % 100000}`;
  let server, context, page;
  const pageErrors = [];

  await step("chromium is installed", async () => ensureChromium());
  await step("server starts on a fresh data directory", async () => {
    server = await startServer();
    diagnostics.serverLog = server.logPath;
  });
  await step("headless chromium starts", async () => {
    const profile = mkdtempSync(join(tmpdir(), "orch-e2e-profile-"));
    cleanups.push(async () => rmSync(profile, { recursive: true, force: true }));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1360, height: 900 },
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"],
    });
    cleanups.unshift(async () => context.close());
    context.setDefaultTimeout(15_000);
    page = context.pages()[0] ?? (await context.newPage());
    page.on("pageerror", (e) => pageErrors.push(`uncaught: ${e.message}`));
    diagnostics.page = page;
    page.on("console", (m) => {
      diagnostics.console.push(`${m.type()}: ${m.text()}`);
      if (/Content Security Policy|Refused to/i.test(m.text())) pageErrors.push(`csp: ${m.text()}`);
    });
  });
  const shot = (name) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

  await step("the UI is served at / and asks to sign in", async () => {
    await page.goto(server.base + "/");
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    await shot("01-login");
  });
  await step("register through the UI", async () => {
    await page.getByRole("link", { name: "Create an account" }).click();
    await page.getByLabel("Email").fill(email);
    await page.getByLabel(/Display name/).fill("E2E Admin");
    await page.getByLabel(/Password/).fill(password);
    await shot("02-register");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByText("Account created").waitFor();
  });
  await step("sign in", async () => {
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Projects", exact: true }).waitFor();
    await page.getByText("E2E Admin (admin)").waitFor();
  });
  await step("create a project", async () => {
    await page.getByLabel("Name").fill(projectName);
    await page.getByLabel("Requirements").fill(
      "Write hello.py that prints a greeting and today's date in ISO format.\n\nWrite RUN.md with exact steps to run it.\n\nSummarise what was created in two bullets.");
    await page.getByRole("radio", { name: /L2/ }).check();
    await page.getByRole("button", { name: "Create project" }).click();
    await page.getByRole("status").filter({ hasText: `Created ${projectName}` }).waitFor();
  });
  await step("the project is listed with its status", async () => {
    const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: projectName }) });
    await row.waitFor();
    const text = await row.innerText();
    if (!/draft/.test(text) || !/L2/.test(text)) throw new Error(`row reads: ${text}`);
    await shot("03-dashboard");
  });
  let projectUrl = "";
  await step("open the project", async () => {
    await page.getByRole("table").getByRole("link", { name: projectName }).click();
    await page.getByRole("heading", { level: 1, name: new RegExp(projectName) }).waitFor();
    await page.getByText("Write RUN.md with exact steps to run it.").waitFor();
    projectUrl = page.url();
    await shot("04-project");
  });

  const planning = stopped ? null : await probePlanning(page);
  const later = ["plan through the UI", "approve the plan", "execute and see every task complete live", "task detail shows output and verification"];
  if (!planning?.available) {
    for (const name of later) skip(name, planning ? `planning endpoints not on this server (POST /plan answered ${planning.status})` : "an earlier step failed");
    if (planning) console.log(`note: planning/execution steps skipped: POST /api/projects/{id}/plan answered ${planning.status}`);
  } else {
    await step("plan through the UI", async () => {
      await page.getByRole("button", { name: "Plan", exact: true }).click();
      await page.getByRole("region", { name: /Plan v1/ }).waitFor({ timeout: 120_000 });
      await page.getByTestId("forecast-total").waitFor();
      await shot("05-plan");
    });
    await step("approve the plan", async () => {
      await page.getByRole("button", { name: "Approve plan" }).click();
      await page.getByText(/^Approved: \d+ tasks in \d+ waves/).waitFor({ timeout: 60_000 });
      await page.getByRole("region", { name: "Tasks" }).waitFor();
    });
    await step("execute and see every task complete live", async () => {
      await page.getByRole("button", { name: "Execute" }).click();
      const log = page.getByRole("log", { name: "Event timeline" });
      await log.getByText("task_complete").first().waitFor({ timeout: 120_000 });
      await log.getByText("project_complete").waitFor({ timeout: 180_000 });
      await page.getByRole("heading", { level: 1, name: /completed/ }).waitFor({ timeout: 30_000 });
      const region = page.getByRole("region", { name: "Tasks" });
      await region.getByText(/^(\d+) of \1 tasks completed/).waitFor({ timeout: 30_000 });
      await shot("06-project-completed");
    });
    await step("task detail shows output and verification", async () => {
      await page.getByRole("region", { name: "Tasks" }).getByRole("rowheader").first().getByRole("link").click();
      const output = page.getByRole("region", { name: "Output" });
      await output.locator("pre").waitFor();
      if (!(await output.locator("pre").innerText()).trim()) throw new Error("the task output is empty");
      await page.getByRole("region", { name: "Verification" }).waitFor();
      await shot("07-task");
      await page.goto(projectUrl);
    });
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

  const checkpoints = planning?.available && !stopped ? await probeCheckpoints(page) : null;
  const checkpointSteps = ["a task whose verification keeps finding gaps opens a checkpoint", "resolve the checkpoint with skip and a gotcha",
    "delete the gotcha finding"];
  if (!checkpoints?.available) {
    const why = !planning?.available || stopped ? "needs planning and the earlier steps" : `checkpoint endpoints not on this server (answered ${checkpoints.status})`;
    for (const name of checkpointSteps) skip(name, why);
  } else {
    const gotcha = "E2E gotcha: NOTES.md needs no heading";
    await step(checkpointSteps[0], async () => {
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
    await step(checkpointSteps[1], async () => {
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
    await step(checkpointSteps[2], async () => {
      const knowledge = page.getByRole("region", { name: "Knowledge" });
      await knowledge.getByRole("button", { name: /^Delete finding: E2E gotcha/ }).click();
      await knowledge.getByText(gotcha).waitFor({ state: "detached" });
      await page.reload();
      await page.getByRole("region", { name: "Knowledge" }).waitFor();
      if (await page.getByRole("region", { name: "Knowledge" }).getByText(gotcha).count()) throw new Error("the finding came back after a reload");
    });
  }

  await step("a rejected access token is refreshed (rotation) and the request retried", async () => {
    const before = await page.evaluate(() => {
      const session = JSON.parse(localStorage.getItem("orch.session"));
      const refresh = session.refresh_token;
      localStorage.setItem("orch.session", JSON.stringify({ ...session, access_token: "not-a-valid-token" }));
      return refresh;
    });
    await page.goto(server.base + "/");
    await page.getByRole("table").getByRole("link", { name: projectName, exact: true }).first().waitFor();
    const after = await page.evaluate(() => JSON.parse(localStorage.getItem("orch.session")));
    if (after.access_token === "not-a-valid-token" || after.refresh_token === before) throw new Error("the tokens were not rotated");
  });
  await step("usage page", async () => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Usage" }).click();
    await page.getByRole("heading", { name: "Usage and budget" }).waitFor();
    // Either figures or the server's problem (a server without the usage endpoints), not a spinner.
    await page.getByRole("region", { name: "Summary" }).getByText(/Total spend|no API route/).waitFor();
    await shot("08-usage");
  });
  await step("services page (and the simulated-provider banner when the server says it is active)", async () => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Services" }).click();
    await page.getByRole("heading", { name: "Services" }).waitFor();
    await page.getByText(/reports no services|checked by/).first().waitFor();
    const services = await apiFetch(page, "GET", "/api/services");
    const simulated = services.status === 200 && services.body.some((s) => s.id === "simulated" && s.details?.active === true);
    if (simulated) await page.getByText(BANNER).waitFor();
    else console.log(`note: no active simulated provider reported (GET /api/services answered ${services.status}); banner not expected`);
    await shot("09-services");
  });
  await step("admin page for the first (admin) user", async () => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" }).click();
    await page.getByRole("heading", { name: "Administration" }).waitFor();
    await page.getByRole("rowheader", { name: /E2E Admin/ }).waitFor();
    await page.getByRole("region", { name: "System" }).getByText(/Completion rate|no API route/).waitFor();
    await shot("10-admin");
  });
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
  await step("dark theme", async () => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Dashboard" }).click();
    await page.getByRole("button", { name: "Dark theme" }).click();
    const theme = await page.evaluate(() => document.documentElement.dataset.theme);
    if (theme !== "dark") throw new Error(`data-theme is ${theme}`);
    await shot("11-dashboard-dark");
  });
  await step("no uncaught errors or CSP violations in the page", async () => {
    if (pageErrors.length) throw new Error(pageErrors.join("\n"));
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

/** Does the server have checkpoints? Asked for a project that cannot exist: a 404 naming the project means yes. */
async function probeCheckpoints(page) {
  const r = await apiFetch(page, "GET", "/api/checkpoints/project/00000000000000000000000000000000");
  const missing = r.status === 405 || (r.status === 404 && /no API route/i.test(r.body?.detail ?? ""));
  return { available: !missing, status: r.status };
}

/** Does the server plan? Asked with a project id that cannot exist, so nothing is planned as a side effect. */
async function probePlanning(page) {
  const r = await apiFetch(page, "POST", "/api/projects/00000000000000000000000000000000/plan");
  const missing = r.status === 405 || (r.status === 404 && /no API route/i.test(r.body?.detail ?? ""));
  return { available: !missing, status: r.status };
}

/** A call with the signed-in user's token from the page's own storage. */
function apiFetch(page, method, path) {
  return page.evaluate(async ([m, p]) => {
    const session = JSON.parse(localStorage.getItem("orch.session") ?? "null");
    const res = await fetch(p, { method: m, headers: session ? { Authorization: `Bearer ${session.access_token}` } : {} });
    const text = await res.text();
    let body = null;
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
    return { status: res.status, body };
  }, [method, path]);
}

try {
  await main();
} catch (e) {
  counts.failed += 1;
  console.log(`FAIL scenario: ${e?.stack ?? e}`);
} finally {
  for (const c of cleanups) await c().catch(() => {});
}
console.log(`screenshots: ${SHOTS}`);
if (counts.skipped) console.log(`${counts.skipped} skipped`);
console.log(`${counts.passed} passed, ${counts.failed} failed`);
process.exit(counts.failed > 0 ? 1 : 0);

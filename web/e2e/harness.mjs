// The machinery of the end-to-end run (see run.mjs): steps that stop the run at the first failure, the server in a
// fresh data directory, Debian chromium, calls with the page's own token, and the final "N passed, N failed" line.
import { AxeBuilder } from "@axe-core/playwright";
import { execSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, createWriteStream, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "../..");
export const ORCH_DLL = resolve(repo, process.env.E2E_ORCH_DLL ?? "src/Orchestration.Cli/bin/Release/net10.0/orch.dll");
export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
export const SHOTS = process.env.E2E_SCREENSHOTS ?? mkdtempSync(join(tmpdir(), "orch-e2e-shots-"));
export const BANNER = "Simulated model provider — outputs are not from a real model";

export const counts = { passed: 0, failed: 0, skipped: 0 };
/** Set by the first failure: the steps after it are skipped. */
export const state = { stopped: false };
export const cleanups = [];
/** What to show when a step fails: the browser's console, a screenshot, the server's log. */
export const diagnostics = { console: [], page: null, serverLog: null };

/** One step of the scenario; after a failure the rest are skipped (they depend on the earlier ones). */
export async function step(name, fn) {
  if (state.stopped) return skip(name, "an earlier step failed");
  const started = Date.now();
  try {
    await fn();
    counts.passed += 1;
    console.log(`ok   ${name} (${Date.now() - started} ms)`);
  } catch (e) {
    counts.failed += 1;
    state.stopped = true;
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

export function skip(name, why) {
  counts.skipped += 1;
  console.log(`skip ${name}: ${why}`);
}

export function ensureChromium() {
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

export async function startServer() {
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

/** Does the server have a feature? Asked for a project that cannot exist: only "no API route" (or 405) means no. */
export async function probe(page, method, path) {
  const r = await apiFetch(page, method, path);
  const missing = r.status === 405 || (r.status === 404 && /no API route/i.test(r.body?.detail ?? ""));
  return { available: !missing, status: r.status };
}

/** Does the server plan? Asked with a project id that cannot exist, so nothing is planned as a side effect. */
export function probePlanning(page) {
  return probe(page, "POST", "/api/projects/00000000000000000000000000000000/plan");
}

/** A call with the signed-in user's token from the page's own storage. */
export function apiFetch(page, method, path) {
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

/** Runs the cleanups, prints the totals and exits 1 on any failure. */
export async function finish() {
  for (const c of cleanups) await c().catch(() => {});
  console.log(`screenshots: ${SHOTS}`);
  if (counts.skipped) console.log(`${counts.skipped} skipped`);
  console.log(`${counts.passed} passed, ${counts.failed} failed`);
  process.exit(counts.failed > 0 ? 1 : 0);
}

/** The WCAG 2.1 A/AA rules axe checks; a serious or critical violation of any of them fails the run. */
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** Runs axe on the page as it is and returns its serious and critical violations, one readable line each. */
export async function axeViolations(page, where) {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${where}: ${v.id} (${v.impact}) ${v.help}: ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
}

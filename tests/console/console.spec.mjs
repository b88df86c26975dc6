// End-to-end test of the engine's web console, run by `tests/it/console.rs`:
//   node console.spec.mjs <engine url> <function> <running task id> <failed task id> <screenshot dir>
// Playwright drives the system's Chromium (Debian's `chromium`); a missing browser or
// playwright-core is a failure, never a skip. Each page is saved as a screenshot.
import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

const [url, fn, taskId, failedId, shots] = process.argv.slice(2);
if (!url || !fn || !taskId || !failedId || !shots) {
  console.error("usage: node console.spec.mjs <engine url> <function> <task id> <failed task id> <screenshot dir>");
  process.exit(2);
}
const executablePath = process.env.S_CHROMIUM || "/usr/bin/chromium";
const WAIT = 60_000;
rmSync(join(shots, "failure.png"), { force: true });
mkdirSync(shots, { recursive: true });
const profile = mkdtempSync(join(tmpdir(), "s-console-chromium-"));

const context = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless: true,
  viewport: { width: 1280, height: 900 },
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});
const page = context.pages()[0] ?? (await context.newPage());
page.setDefaultTimeout(WAIT);
const problems = [];
page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
page.on("response", (response) => {
  if (response.status() >= 400) problems.push(`HTTP ${response.status()} for ${response.url()}`);
});
page.on("console", (message) => {
  if (message.type() === "error") problems.push(`console error: ${message.text()}`);
});

const shot = (name) => page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
const steps = [];
async function step(name, body) {
  await body();
  steps.push(name);
  console.log(`ok - ${name}`);
}

try {
  await step("the functions page lists the deployed function", async () => {
    await page.goto(`${url}/_s/ui/`);
    assert.equal(await page.title(), "Functions · s console");
    await page.getByRole("link", { name: fn, exact: true }).waitFor();
    await shot("functions");
  });

  await step("the function page shows its configuration and charts", async () => {
    await page.getByRole("link", { name: fn, exact: true }).click();
    await page.getByRole("heading", { level: 1, name: fn }).waitFor();
    await page.getByRole("heading", { name: "Configuration" }).waitFor();
    assert.equal(await page.locator("svg.chart").count(), 5);
    await shot("function");
  });

  await step("the function page shows each trigger's local URL and status, the role and mounts", async () => {
    const web = page.locator('tr[data-trigger="web"]');
    const link = web.getByRole("link");
    assert.match(await link.innerText(), new RegExp(`^http://localhost:\\d+/http/${fn}/web$`));
    assert.equal(await web.locator("[data-trigger-status]").innerText(), "Running");
    // A Kafka trigger whose broker is down must not look fine.
    const orders = page.locator('tr[data-trigger="orders"] [data-trigger-status]');
    assert.match(await orders.innerText(), /^Error\s+kafka broker `[^`]+` is unreachable/);
    const fact = (name) => page.locator(".facts div").filter({ has: page.getByText(name, { exact: true }) }).locator("dd");
    assert.equal(await fact("Role").innerText(), "acs:ram::1234567890123456:role/aliyunfcdefaultrole");
    assert.equal(await fact("Mounts").innerText(), "OSS media-in/clips → /mnt/media (read-only)");
    await page.getByRole("heading", { name: "Triggers" }).scrollIntoViewIfNeeded();
    await shot("function-triggers");
  });

  await step("the tasks page shows the task Running", async () => {
    await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Async tasks" }).click();
    await page.getByRole("heading", { level: 1, name: "Async tasks" }).waitFor();
    const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: taskId, exact: true }) });
    // The table refreshes itself while a task is unfinished: no reload here.
    await row.getByText("Running", { exact: true }).waitFor();
    await shot("tasks");
  });

  await step("timer ticks are hidden from the task list until asked for", async () => {
    const ticks = page.locator("[data-ticks]");
    assert.match(await ticks.innerText(), /^\d+ timer ticks? hidden\./);
    const rows = page.locator("#tasks-live tbody tr");
    const without = await rows.count();
    await ticks.getByRole("link", { name: "Show timer ticks" }).click();
    await page.waitForURL(/ticks=show/);
    await page.locator("[data-ticks]").getByText("Timer ticks shown.").waitFor();
    assert.ok((await rows.count()) > without, "the ticks are listed now");
    await shot("tasks-with-ticks");
    await page.getByRole("link", { name: "Hide timer ticks" }).click();
    await page.waitForURL((u) => !u.search.includes("ticks=show"));
  });

  await step("filtering by status keeps the running task", async () => {
    await page.getByLabel("Status").selectOption("Running");
    await page.getByRole("button", { name: "Filter" }).click();
    await page.waitForURL(/status=Running/);
    await page.getByRole("link", { name: taskId, exact: true }).waitFor();
  });

  await step("the task page shows it Running with a Stop button", async () => {
    await page.getByRole("link", { name: taskId, exact: true }).click();
    await page.getByRole("heading", { level: 1, name: `Task ${taskId}` }).waitFor();
    await page.locator("[data-task-status]").getByText("Running", { exact: true }).waitFor();
    await page.getByText("Payload").waitFor();
    await shot("task-running");
  });

  await step("Stop stops it", async () => {
    await page.getByRole("button", { name: "Stop task" }).click();
    await page.waitForURL(/stop=/);
    await page.locator("[data-task-status]").getByText("Stopped", { exact: true }).waitFor();
    assert.equal(await page.getByRole("button", { name: "Stop task" }).count(), 0);
    const timeline = await page.locator("ol.timeline").innerText();
    assert.match(timeline, /Running[\s\S]*Stopped/);
    await shot("task-stopped");
  });

  await step("a failed task says which destination got what", async () => {
    await page.goto(`${url}/_s/ui/tasks/${fn}/${failedId}`);
    await page.locator("[data-task-status]").getByText("Failed", { exact: true }).waitFor();
    const destination = page.locator(".facts div").filter({ has: page.getByText("Destination", { exact: true }) }).locator("dd");
    assert.equal(await destination.innerText(), "onFailure → queue async-task-failed (delivered)");
    await shot("task-failed");
  });

  await step("the logs page shows stored lines and follows new ones live", async () => {
    await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Logs" }).click();
    await page.getByRole("heading", { level: 1, name: "Logs" }).waitFor();
    await page.getByText("Live: new lines appear below.").waitFor();
    // It opens at the newest line, not the oldest.
    const rows = page.locator("[data-log-body] tr");
    const inView = (row) => row.evaluate((el) => {
      const box = el.getBoundingClientRect();
      return box.top >= -1 && box.bottom <= window.innerHeight + 1;
    });
    assert.equal(await inView(rows.last()), true, "the newest line is on screen");
    assert.equal(await inView(rows.first()), false, "the oldest line is scrolled away");
    const marker = `live-line-${Date.now()}`;
    const invoked = await fetch(`${url}/2023-03-30/functions/${fn}/invocations`, {
      method: "POST",
      body: JSON.stringify({ say: marker }),
    });
    assert.equal(invoked.status, 200, await invoked.text());
    await page.locator("[data-log-body]").getByText(marker).first().waitFor();
    await shot("logs");
  });

  await step("a request id links to that invocation's lines", async () => {
    const row = page.locator("[data-log-body] tr").filter({ hasText: "line 79" }).first();
    const link = row.getByRole("link");
    const id = await link.innerText();
    await link.click();
    await page.waitForURL(new RegExp(`requestId=${id}`));
    const ids = await page.locator("[data-log-body] tr td code").allInnerTexts();
    assert.ok(ids.length >= 80, `the invocation's lines: ${ids.length}`);
    assert.deepEqual([...new Set(ids)], [id]);
    await shot("logs-of-one-request");
  });

  assert.deepEqual(problems, [], "the pages ran without script errors");
  console.log(`${steps.length} passed, 0 failed`);
} catch (error) {
  await shot("failure").catch(() => {});
  console.error(`not ok - after ${steps.length} steps: ${error.stack || error}`);
  if (problems.length) console.error(problems.join("\n"));
  process.exitCode = 1;
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}

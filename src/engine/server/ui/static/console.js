// Live updates for the engine's console. Every page reads fully without this script; it
// only keeps marked regions fresh and follows the log stream `s logs --tail` reads.
"use strict";

// Regions marked `data-live` with a `data-refresh` period are re-read from the server and
// replaced only when they changed, so focus and selection survive quiet refreshes.
function refreshLive() {
  const regions = document.querySelectorAll("[data-live][data-refresh]");
  if (regions.length === 0) return;
  const period = Math.min(...Array.from(regions, (r) => Number(r.dataset.refresh) || 2000));
  const timer = setInterval(async () => {
    if (document.hidden) return;
    let text;
    try {
      const response = await fetch(location.href, { credentials: "same-origin" });
      if (!response.ok) return;
      text = await response.text();
    } catch (_) {
      return;
    }
    const fresh = new DOMParser().parseFromString(text, "text/html");
    let stillLive = false;
    for (const region of document.querySelectorAll("[data-live][id]")) {
      const next = fresh.getElementById(region.id);
      if (!next) continue;
      if (next.innerHTML !== region.innerHTML) region.innerHTML = next.innerHTML;
      if (next.hasAttribute("data-refresh")) stillLive = true;
      else region.removeAttribute("data-refresh");
    }
    if (!stillLive) clearInterval(timer);
  }, period);
}

const MAX_ROWS = 2000;

function cell(tag, text) {
  const el = document.createElement(tag);
  el.textContent = text;
  return el;
}

function pad(n, width) {
  return String(n).padStart(width, "0");
}

function clock(ms) {
  const d = new Date(ms);
  return `${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}.${pad(d.getUTCMilliseconds(), 3)}`;
}

// One table row for a stored line, built with text nodes only: log text is never markup.
function logRow(line, withFunction) {
  const row = document.createElement("tr");
  row.className = `stream-${line.stream}`;
  const time = cell("time", clock(line.timeMs));
  time.dateTime = new Date(line.timeMs).toISOString();
  const timeCell = document.createElement("td");
  timeCell.append(time);
  row.append(timeCell);
  if (withFunction) row.append(cell("td", line.function));
  row.append(cell("td", line.stream));
  const request = document.createElement("td");
  if (line.requestId) {
    // The same link the server renders: the logs page for this one invocation.
    const link = document.createElement("a");
    const href = new URL("/_s/ui/logs", location.href);
    href.searchParams.set("requestId", line.requestId);
    link.href = href.pathname + href.search;
    link.title = "Only this invocation's lines";
    link.append(cell("code", line.requestId));
    request.append(link);
  } else {
    request.append(cell("code", ""));
  }
  row.append(request);
  const text = document.createElement("td");
  text.append(cell("pre", line.text));
  row.append(text);
  return row;
}

// Sections marked `data-stream` follow the server-sent events at that URL, appending each
// line after the ones the server rendered. A Pause button stops and resumes following.
function followLogs(section) {
  const body = section.querySelector("[data-log-body]");
  const state = section.querySelector("[data-live-state]");
  if (!body || !state) return;
  const withFunction = section.querySelectorAll("thead th").length > 4;
  let source = null;
  let url = new URL(section.dataset.stream, location.href);
  const pause = document.createElement("button");
  pause.type = "button";
  pause.className = "pause";
  state.hidden = false;
  state.after(" ", pause);

  const show = (text) => {
    state.textContent = text;
  };
  const start = () => {
    source = new EventSource(url);
    pause.textContent = "Pause live tail";
    show("Live: new lines appear below.");
    source.addEventListener("ready", () => show("Live: new lines appear below."));
    source.addEventListener("log", (event) => {
      const line = JSON.parse(event.data);
      url.searchParams.set("after", String(line.id));
      section.querySelector("[data-log-empty]")?.remove();
      // Keep following the newest line while the reader is at the bottom, as a terminal does.
      const atBottom = innerHeight + scrollY >= document.documentElement.scrollHeight - 48;
      const row = logRow(line, withFunction);
      body.append(row);
      while (body.rows.length > MAX_ROWS) body.deleteRow(0);
      if (atBottom) row.scrollIntoView({ block: "end" });
    });
    source.onerror = () => show("Live tail interrupted; reconnecting…");
  };
  const stop = () => {
    source?.close();
    source = null;
    pause.textContent = "Resume live tail";
    show("Paused.");
  };
  pause.addEventListener("click", () => (source ? stop() : start()));
  // The logs page opens at the newest line, where a reader of logs looks first (a task's
  // page keeps its status on top).
  if (section.hasAttribute("data-open-newest") && body.rows.length > 0) {
    scrollTo(0, document.documentElement.scrollHeight);
  }
  start();
}

document.addEventListener("DOMContentLoaded", () => {
  refreshLive();
  document.querySelectorAll("[data-stream]").forEach(followLogs);
});

// Tether classroom: the projector view. Large type, every session's meters live; no names, no
// keys, no lines typed by trainees: sessions are numbered.
//
// At /compare?session=ID it is the compare view instead: that session's lines, with its seed,
// through every persona of the scenario, in columns, each reply with its technique and the meters
// it moved (GET /api/facilitator/compare). Still no trainee name: the session is numbered.
"use strict";

(() => {
  const { el, api, errorText, socket, meterBars } = Tether;
  const $ = (id) => document.getElementById(id);
  const cards = new Map();

  async function start() {
    if (location.pathname === "/compare") { startCompare(); return; }
    const r = await api("GET", "/api/facilitator/sessions");
    if (!r.ok) { $("login-help").hidden = false; return; }
    show(r.data);
    socket("?role=facilitator", (event) => {
      if (event.event === "session" && event.session) card(event.session);
    }, (open) => { if (open) refresh(); });
  }

  async function refresh() {
    const r = await api("GET", "/api/facilitator/sessions");
    if (r.ok) show(r.data);
  }

  function show(view) {
    $("title").textContent = view.title;
    $("join-line").textContent = "Room code " + view.room;
    for (const s of view.sessions || []) card(s);
  }

  function card(s) {
    const badges = el("p", { class: "badges" });
    if (s.crisis > 0) badges.append(el("span", { class: "badge crisis" }, "Crisis"));
    if (s.leave_attempts > 0) badges.append(el("span", { class: "badge leave" }, "Tried to leave × " + s.leave_attempts));
    if (s.ended) badges.append(el("span", { class: "badge ended" }, "Ended"));
    // Meters and techniques stay off the projector until that session is revealed.
    const lines = s.turns + " line" + (s.turns === 1 ? "" : "s");
    const node = el("li", { class: "card-session" },
      el("h2", {}, "Session " + s.number, " ", el("span", { class: "persona" }, s.persona_name)),
      s.revealed ? meterBars(s.meters, s.meter_info) : el("p", { class: "hidden-note" }, "Annotations hidden until the reveal"),
      el("p", { class: "facts-line" }, lines + (s.revealed && s.last_technique ? " · last technique " + s.last_technique : "")),
      badges);
    const old = cards.get(s.id);
    if (old) old.replaceWith(node); else $("sessions").append(node);
    cards.set(s.id, node);
  }

  // MARK: the compare view

  function startCompare() {
    document.body.classList.add("comparing");
    $("sessions").hidden = true;
    $("compare").hidden = false;
    $("compare-refresh").addEventListener("click", loadCompare);
    loadCompare();
  }

  async function loadCompare() {
    const session = new URLSearchParams(location.search).get("session") || "";
    if (!session) {
      $("compare-error").textContent = "Open this view from a session's card on the facilitator's page (its “Compare personas” button).";
      return;
    }
    $("compare-error").textContent = "";
    const r = await api("GET", "/api/facilitator/compare?session=" + encodeURIComponent(session));
    if (!r.ok) {
      if (r.status === 401) { $("login-help").hidden = false; $("compare").hidden = true; return; }
      $("compare-error").textContent = errorText(r);
      return;
    }
    renderCompare(r.data);
  }

  function renderCompare(view) {
    const columns = view.columns || [];
    const count = Math.max(1, columns.length);
    document.title = "Tether · session " + view.number + " compared";
    $("title").textContent = view.title;
    $("join-line").textContent = "Session " + view.number + ": the same lines to every persona";
    $("compare-meta").textContent = plural(view.lines, "line") + " from session " + view.number +
      ", sent with the same seed (" + view.seed + ") to " + plural(columns.length, "persona") + ".";
    $("compare-note").textContent = view.note || "";
    $("compare-note").hidden = !view.note;

    const header = $("compare-columns");
    header.style.setProperty("--columns", count);
    header.replaceChildren(...columns.map((c) => el("div", { class: "compare-column" + (c.session_persona ? " own" : "") },
      el("h3", {}, c.name, c.name !== c.id ? el("span", { class: "persona" }, " (" + c.id + ")") : null),
      c.style ? el("p", { class: "style" }, c.style) : null,
      c.session_persona ? el("p", { class: "own-note" }, "The persona this session talked with") : null)));

    const rows = $("compare-rows");
    rows.replaceChildren();
    if (!(view.rows || []).some((r) => r.number > 0)) {
      rows.append(el("li", { class: "compare-empty" }, "No lines in this session yet. Refresh once the trainee has typed."));
    }
    for (const row of view.rows || []) rows.append(compareRow(row, columns, count));
    for (const line of view.unsent || []) {
      rows.append(el("li", { class: "compare-row" }, el("p", { class: "compare-line muted" },
        "Not sent (every persona had let the conversation end): ", line)));
    }

    const totals = $("compare-meters");
    totals.style.setProperty("--columns", count);
    totals.replaceChildren(...columns.map((c, i) => {
      let last = null;
      for (const row of view.rows || []) if (row.cells[i] && row.cells[i].meters) last = row.cells[i].meters;
      return el("div", { class: "compare-cell" }, el("p", { class: "cell-name" }, c.name), meterBars(last, c.meters));
    }));
    $("compare-totals").hidden = !columns.some((c) => (c.meters || []).length);
  }

  function compareRow(row, columns, count) {
    const head = row.number === 0
      ? el("p", { class: "compare-line" }, el("span", { class: "who" }, "Opening"))
      : el("p", { class: "compare-line" }, el("span", { class: "who" }, row.number + " · Trainee: "), row.input);
    const marks = [];
    const signals = row.signals || [];
    const named = (s) => (s.cues && s.cues.length ? s.name + " (" + s.cues.join(", ") + ")" : s.name);
    if (signals.length) marks.push("Signals: " + signals.map(named).join(", "));
    if (row.exit && !signals.some((s) => s.kind === "exit")) marks.push("trying to leave");
    const grid = el("div", { class: "compare-grid" });
    grid.style.setProperty("--columns", count);
    (row.cells || []).forEach((cell, i) => grid.append(compareCell(cell, columns[i])));
    return el("li", { class: "compare-row" + (row.crisis ? " has-crisis" : "") },
      head,
      marks.length ? el("p", { class: "compare-marks" }, marks.join(" · ")) : null,
      row.notice ? el("div", { class: "notice", role: "note" }, el("strong", {}, "Safety notice"), el("p", {}, row.notice)) : null,
      grid);
  }

  function compareCell(cell, column) {
    const node = el("div", { class: "compare-cell" + (column && column.session_persona ? " own" : ""), "data-persona": column ? column.id : "" },
      el("p", { class: "cell-name" }, column ? column.name : ""));
    if (cell.reply === null || cell.reply === undefined) {
      node.append(el("p", { class: "muted" }, cell.over ? "(the conversation is over)" : "(no opening line)"));
      return node;
    }
    node.append(el("p", { class: "text" + (cell.reply ? "" : " muted") }, cell.reply || "(no reply)"));
    if (cell.technique) {
      node.setAttribute("data-technique", cell.technique);
      const name = cell.technique_name && cell.technique_name !== cell.technique
        ? cell.technique_name + " (" + cell.technique + ")" : cell.technique;
      node.append(el("p", { class: "technique" }, "▸ " + name));
    }
    if (cell.changes && cell.changes.length) {
      node.append(el("p", { class: "changes" }, cell.changes.map((c) =>
        c.label + " " + (c.by > 0 ? "+" : "") + c.by + " → " + c.to).join(", ")));
    }
    if (cell.ends) node.append(el("p", { class: "badge ended" }, "Lets the conversation end"));
    return node;
  }

  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  start();
})();

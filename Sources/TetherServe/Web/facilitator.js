// Tether classroom: the facilitator's dashboard. Swaps the key in the address's fragment for a
// cookie (then removes it from the address bar, so projecting the screen does not show it),
// lists every session live, and reveals, pauses and ends.
"use strict";

(() => {
  const { el, api, errorText, socket, meterBars } = Tether;
  const $ = (id) => document.getElementById(id);
  const cards = new Map();   // session id → its <li>
  const room = { paused: false, revealed: false };

  async function start() {
    const match = /(?:^#|&)key=([0-9a-fA-F]+)/.exec(location.hash);
    if (match) {
      const r = await api("POST", "/api/facilitator/login", { key: match[1] });
      history.replaceState(null, "", location.pathname);
      if (!r.ok) { showLogin(errorText(r)); return; }
    }
    const r = await api("GET", "/api/facilitator/sessions");
    if (!r.ok) { showLogin(r.status === 401 ? "" : errorText(r)); return; }
    $("dashboard").hidden = false;
    showRoom(r.data);
    socket("?role=facilitator", onEvent, (open) => { if (open) refresh(); });
  }

  function showLogin(error) {
    $("login-help").hidden = false;
    $("login-error").textContent = error;
  }

  async function refresh() {
    const r = await api("GET", "/api/facilitator/sessions");
    if (r.ok) showRoom(r.data);
  }

  function showRoom(view) {
    $("title").textContent = "Tether · " + view.title;
    $("room-line").textContent = "Room code " + view.room + (view.closed ? " · closed" : "");
    room.paused = !!view.paused;
    room.revealed = !!view.revealed;
    updateToolbar();
    for (const s of view.sessions || []) showSession(s);
  }

  function updateToolbar() {
    $("pause").textContent = room.paused ? "Resume input" : "Pause input";
    $("pause").setAttribute("aria-pressed", room.paused ? "true" : "false");
    $("reveal-all").textContent = room.revealed ? "Room revealed" : "Reveal the room";
    $("reveal-all").disabled = room.revealed;
    $("count").textContent = "(" + cards.size + ")";
    $("empty").hidden = cards.size > 0;
  }

  /** One card per session, replaced whole when its summary changes. */
  function showSession(s) {
    const title = el("h3", {}, s.label, " ", el("span", { class: "persona" }, "with " + s.persona_name + " (" + s.persona + ")"));
    const badges = el("p", { class: "badges" });
    if (s.crisis > 0) badges.append(el("span", { class: "badge crisis" }, "Crisis × " + s.crisis));
    if (s.leave_attempts > 0) badges.append(el("span", { class: "badge leave" }, "Tried to leave × " + s.leave_attempts));
    if (s.revealed) badges.append(el("span", { class: "badge" }, "Revealed"));
    if (s.ended) badges.append(el("span", { class: "badge ended" }, "Ended (" + s.ended + ")"));
    if (!s.ended) badges.append(el("span", { class: "badge" + (s.connected ? " online" : "") }, s.connected ? "Page open" : "Page closed"));
    const facts = el("dl", { class: "facts" },
      el("dt", {}, "Lines"), el("dd", {}, String(s.turns)),
      el("dt", {}, "Last technique"), el("dd", {}, s.last_technique || "none yet"));
    const last = el("div", { class: "last" });
    if (s.last_input) last.append(el("p", {}, el("span", { class: "who" }, "Trainee: "), s.last_input));
    if (s.last_reply) last.append(el("p", {}, el("span", { class: "who" }, s.persona_name + ": "), s.last_reply));
    const actions = el("div", { class: "actions" });
    // The session's lines through every persona, side by side, in a tab of its own for the projector.
    actions.append(el("a", {
      href: "/compare?session=" + encodeURIComponent(s.id), target: "_blank", rel: "noopener",
      class: "compare-link", "aria-label": "Compare personas on " + s.label + "'s lines",
    }, "Compare personas"));
    if (!s.revealed) actions.append(el("button", { type: "button", onclick: () => reveal(s.id) }, "Reveal " + s.label));
    if (!s.ended) actions.append(el("button", { type: "button", onclick: () => end(s.id, s.label) }, "End"));
    const card = el("li", { class: "card-session" + (s.crisis > 0 ? " has-crisis" : ""), "data-session": s.id },
      title, badges, meterBars(s.meters, s.meter_info), facts, last, actions);
    const old = cards.get(s.id);
    if (old) old.replaceWith(card); else $("sessions").append(card);
    cards.set(s.id, card);
    updateToolbar();
  }

  function onEvent(event) {
    switch (event.event) {
      case "session":
        if (event.session) showSession(event.session);
        if (typeof event.paused === "boolean") { room.paused = event.paused; }
        if (typeof event.revealed === "boolean") { room.revealed = event.revealed; }
        updateToolbar();
        break;
      case "reveal":
        if (event.session === undefined || event.session === null) { room.revealed = true; updateToolbar(); }
        break;
      case "ended":
        if (event.session === undefined || event.session === null) {
          say("The server has stopped. Every transcript is saved.");
          $("room-line").textContent += " · closed";
        }
        break;
    }
  }

  function say(text) { $("status").textContent = text; }

  async function reveal(session) {
    const r = await api("POST", "/api/facilitator/reveal", { session });
    if (r.ok) { showRoom(r.data); say(session === null ? "The room is revealed." : "Session revealed."); }
    else say(errorText(r));
  }

  async function end(session, label) {
    const what = session === null ? "every session" : label + "'s session";
    if (!confirm("End " + what + "? Trainees can no longer type; the transcripts are saved.")) return;
    const r = await api("POST", "/api/facilitator/end", { session });
    if (r.ok) { showRoom(r.data); say(session === null ? "Every session has ended; the transcripts are saved." : "Session ended; its transcript is saved."); }
    else say(errorText(r));
  }

  $("reveal-all").addEventListener("click", () => reveal(null));
  $("end-all").addEventListener("click", () => end(null));
  $("pause").addEventListener("click", async () => {
    const r = await api("POST", "/api/facilitator/pause", { paused: !room.paused });
    if (r.ok) { showRoom(r.data); say(room.paused ? "Input paused." : "Input resumed."); } else say(errorText(r));
  });
  start();
})();

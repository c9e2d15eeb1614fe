// Tether classroom: the projector view. Large type, every session's meters live; no names, no
// keys, no lines typed by trainees: sessions are numbered.
"use strict";

(() => {
  const { el, api, socket, meterBars } = Tether;
  const $ = (id) => document.getElementById(id);
  const cards = new Map();

  async function start() {
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

  start();
})();

// Tether classroom: the trainee's page. Joins (the room code and persona may come from the
// address), then chats: each line is a POST whose answer is the turn; nudges, the reveal and
// the end arrive over one WebSocket.
"use strict";

(() => {
  const { el, api, errorText, socket, meterChart } = Tether;
  const $ = (id) => document.getElementById(id);
  const KEY = "tether.session";

  const state = {
    session: null,     // the session id (this tab's; kept in sessionStorage for reloads)
    personaName: "",
    turns: [],         // every turn so far, as the server sent them
    revealed: false,
    meters: null,      // the persona's meters, once revealed
    paused: false,
    ended: null,
    sending: false,
    queued: false,     // Enter was pressed while a line was on its way
    live: null,
  };

  // MARK: joining

  async function start() {
    const params = new URLSearchParams(location.search);
    const stored = sessionStorage.getItem(KEY);
    if (stored) {
      // A reload (or the tab brought back): the conversation so far, as the server keeps it.
      const r = await api("GET", "/api/session?session=" + encodeURIComponent(stored));
      if (r.ok) {
        enter(r.data);
        if (!state.ended && !state.paused) say("Welcome back: this is your conversation so far.");
        return;
      }
      sessionStorage.removeItem(KEY);
    }
    const room = params.get("room") || "";
    const persona = params.get("persona");
    if (room && persona) {
      const r = await api("POST", "/api/join", { room, persona });
      if (r.ok) { enter(r.data); return; }
      showJoin(room, persona, errorText(r));
      return;
    }
    showJoin(room, persona, "");
  }

  async function showJoin(room, persona, error) {
    $("join").hidden = false;
    $("room").value = room;
    $("join-error").textContent = error;
    const r = await api("GET", "/api/scenario");
    const box = $("personas");
    if (r.ok && r.data) {
      $("title").textContent = r.data.title || "Tether";
      document.title = "Tether · " + (r.data.title || "classroom");
      $("brief").textContent = r.data.brief || "";
      (r.data.personas || []).forEach((p, i) => {
        const id = "persona-" + i;
        const input = el("input", { type: "radio", name: "persona", id, value: p.id });
        if (persona ? p.id === persona : i === 0) input.checked = true;
        box.append(el("div", { class: "choice" }, input, el("label", { for: id }, p.name)));
      });
    }
    (room ? $("name") : $("room")).focus();
    $("join-form").addEventListener("submit", async (e) => {
      e.preventDefault();
      const chosen = document.querySelector("input[name=persona]:checked");
      const body = { room: $("room").value.trim(), persona: chosen ? chosen.value : undefined };
      const name = $("name").value.trim();
      if (name) body.name = name;
      if (!body.room) { $("join-error").textContent = "Type the room code first."; $("room").focus(); return; }
      $("join-button").disabled = true;
      const r = await api("POST", "/api/join", body);
      $("join-button").disabled = false;
      if (!r.ok) { $("join-error").textContent = errorText(r); return; }
      enter(r.data);
    });
  }

  /** Shows the conversation of a session (join's answer, or the session after a reload). */
  function enter(view) {
    state.session = view.session;
    sessionStorage.setItem(KEY, view.session);
    state.personaName = view.persona_name;
    state.turns = view.turns || [];
    state.revealed = !!view.revealed;
    state.meters = view.meters || null;
    state.paused = !!view.paused;
    state.ended = view.ended || null;
    $("join").hidden = true;
    $("chat").hidden = false;
    $("title").textContent = view.title || "Tether";
    document.title = "Tether · " + (view.title || "classroom");
    $("with").textContent = "You are talking with " + view.persona_name + ", a scripted companion persona";
    history.replaceState(null, "", "/");
    renderAll();
    updateInput();
    $("msg").focus();
    if (!state.live) state.live = socket("?session=" + encodeURIComponent(state.session), onEvent, onSocket);
  }

  // MARK: the conversation

  function renderAll() {
    const log = $("log");
    log.replaceChildren();
    for (const turn of state.turns) log.append(...items(turn));
    renderMeters();
    scrollDown();
  }

  function append(turn) {
    state.turns.push(turn);
    $("log").append(...items(turn));
    renderMeters();
    scrollDown();
  }

  function items(turn) {
    const out = [];
    if (typeof turn.input === "string") {
      out.push(el("li", { class: "msg you" }, el("span", { class: "who" }, "You"), el("p", { class: "text" }, turn.input)));
    }
    const bot = el("li", { class: "msg bot", "data-turn": turn.turn },
      el("span", { class: "who" }, state.personaName));
    if (turn.reply) bot.append(el("p", { class: "text" }, turn.reply));
    if (turn.crisis && turn.notice) {
      bot.append(el("div", { class: "notice", role: "alert" }, el("strong", {}, "Safety notice"), el("p", {}, turn.notice)));
    }
    if (state.revealed && "rule" in turn) {
      if (turn.technique) bot.setAttribute("data-technique", turn.technique);
      bot.append(card(turn));
    }
    out.push(bot);
    return out;
  }

  /** The annotation under a reply: what it does and what a healthy reply would have said. */
  function card(turn) {
    const dl = el("dl", { class: "card" });
    const row = (term, value) => { if (value) dl.append(el("dt", {}, term), el("dd", {}, value)); };
    row("Technique", turn.technique);
    row("Dynamic", turn.dynamic);
    row("What it does", turn.note);
    row("A healthy reply", turn.healthy);
    row("Rule", turn.rule);
    if (turn.signals && turn.signals.length) {
      const cues = turn.signal_cues || {};
      const named = (id) => (cues[id] && cues[id].length ? id + " (" + cues[id].join(", ") + ")" : id);
      row("Signals in your line", turn.signals.map(named).join(", "));
    }
    if (turn.intent === "exit") row("Your intent", "trying to leave");
    return dl;
  }

  function renderMeters() {
    const panel = $("meters-panel");
    if (!state.revealed || !state.meters || !state.meters.length) { panel.hidden = true; return; }
    panel.hidden = false;
    $("meters-chart").replaceChildren(meterChart(state.turns, state.meters));
  }

  function scrollDown() {
    const log = $("log");
    const last = log.lastElementChild;
    if (last && last.scrollIntoView) last.scrollIntoView({ block: "end" });
  }

  function updateInput() {
    const blocked = !!state.ended || state.paused;
    $("msg").disabled = !!state.ended;
    $("send").disabled = blocked || state.sending;
    if (state.ended) sayState(endedText(state.ended));
    else if (state.paused) sayState("The facilitator has paused the room. You can type; sending waits until they resume it.");
    else if (!state.sending && $("status").textContent === stateText) sayState("");
  }

  // The status line's text about the room's state (paused, ended), cleared when that state is
  // over; other messages (welcome back, an error) stay until the next one.
  let stateText = "";
  function sayState(text) { stateText = text; say(text); }

  function endedText(by) {
    if (by === "persona") return "The conversation has ended.";
    if (by === "signal") return "The facilitator has stopped the server. The conversation is saved.";
    return "The facilitator has ended this conversation. It is saved.";
  }

  function say(text) { $("status").textContent = text; }

  async function send() {
    const box = $("msg");
    const text = box.value;
    // Enter while the last line is still on its way: this line goes as soon as the reply is in.
    if (state.sending) { state.queued = true; return; }
    if (!text.trim() || state.ended || state.paused) return;
    state.sending = true;
    updateInput();
    const pending = el("li", { class: "msg you pending" }, el("span", { class: "who" }, "You"), el("p", { class: "text" }, text));
    $("log").append(pending);
    box.value = "";
    say(state.personaName + " is typing…");
    const r = await api("POST", "/api/turn", { text, session: state.session });
    pending.remove();
    state.sending = false;
    if (r.ok) {
      append(r.data);
      say("");
      if (r.data.ends) { state.ended = "persona"; }
    } else {
      box.value = text;
      say(errorText(r));
      if (r.status === 401) { sessionStorage.removeItem(KEY); }
    }
    updateInput();
    box.focus();
    if (state.queued) {
      state.queued = false;
      if (r.ok) send();
    }
  }

  // MARK: pushed events

  function onEvent(event) {
    if (event.session !== undefined && event.session !== null && String(event.session) !== String(state.session) && event.event !== "session") return;
    switch (event.event) {
      case "nudge":
        if (event.turn) append(event.turn);
        break;
      case "reveal":
        state.revealed = true;
        if (event.turns) state.turns = event.turns;
        if (event.meters) state.meters = event.meters;
        renderAll();
        say("The facilitator has revealed the annotations: each reply now shows what it does.");
        break;
      case "session":
        if (event.id !== undefined && String(event.id) !== String(state.session)) break;
        state.paused = !!event.paused;
        updateInput();
        break;
      case "ended":
        state.ended = event.by || "facilitator";
        updateInput();
        if (state.live && event.by === "signal") state.live.stop();
        break;
    }
  }

  let wasOpen = false;
  async function onSocket(open) {
    if (open && wasOpen) {
      // Back after a drop: catch up on anything missed.
      const r = await api("GET", "/api/session?session=" + encodeURIComponent(state.session));
      if (r.ok) {
        state.turns = r.data.turns || [];
        state.revealed = !!r.data.revealed;
        state.meters = r.data.meters || null;
        state.paused = !!r.data.paused;
        state.ended = r.data.ended || null;
        renderAll();
        updateInput();
      }
    }
    if (open) wasOpen = true;
  }

  $("send-form").addEventListener("submit", (e) => { e.preventDefault(); send(); });
  $("msg").addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) { e.preventDefault(); send(); }
  });
  start();
})();

// Tether classroom: helpers shared by the trainee, facilitator and projector pages.
// Every piece of text from the server (user lines, replies, names, scenario text) goes into the
// page with textContent or setAttribute: never as HTML.
"use strict";

const Tether = (() => {
  const SVG = "http://www.w3.org/2000/svg";

  /** An element: el("p", {class: "x"}, "text", child, …). Strings become text nodes. */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    setAttrs(node, attrs);
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(typeof child === "string" || typeof child === "number" ? document.createTextNode(String(child)) : child);
    }
    return node;
  }

  /** An SVG element with attributes. */
  function svg(tag, attrs, ...children) {
    const node = document.createElementNS(SVG, tag);
    setAttrs(node, attrs);
    for (const child of children.flat()) {
      if (child === null || child === undefined) continue;
      node.append(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }

  function setAttrs(node, attrs) {
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k.startsWith("on") && typeof v === "function") node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? "" : String(v));
    }
  }

  /** A JSON request to the server: {ok, status, data}. Never throws. */
  async function api(method, path, body) {
    try {
      const init = { method, headers: {}, credentials: "same-origin" };
      if (body !== undefined) {
        init.headers["Content-Type"] = "application/json";
        init.body = JSON.stringify(body);
      }
      const response = await fetch(path, init);
      let data = null;
      try { data = await response.json(); } catch (e) { data = null; }
      return { ok: response.ok, status: response.status, data };
    } catch (e) {
      return { ok: false, status: 0, data: { error: "The server cannot be reached. Check the network, then try again." } };
    }
  }

  function errorText(result) {
    return (result.data && typeof result.data.error === "string") ? result.data.error : "Something went wrong (" + result.status + ").";
  }

  /**
   * One WebSocket to /ws with `query`, reconnected with a growing delay until `stop()`;
   * `onEvent(event)` gets each JSON event, `onState(open)` when it opens or drops.
   */
  function socket(query, onEvent, onState) {
    let ws = null;
    let stopped = false;
    let delay = 500;
    function open() {
      if (stopped) return;
      const scheme = location.protocol === "https:" ? "wss://" : "ws://";
      ws = new WebSocket(scheme + location.host + "/ws" + query);
      ws.addEventListener("open", () => { delay = 500; if (onState) onState(true); });
      ws.addEventListener("message", (m) => {
        let event;
        try { event = JSON.parse(m.data); } catch (e) { return; }
        onEvent(event);
      });
      ws.addEventListener("close", () => {
        if (onState) onState(false);
        if (stopped) return;
        setTimeout(open, delay);
        delay = Math.min(delay * 2, 10000);
      });
    }
    open();
    return { stop() { stopped = true; if (ws) ws.close(); } };
  }

  /** Horizontal bars, one per meter, with its value (role=meter for screen readers). */
  function meterBars(meters, info) {
    const list = el("ul", { class: "bars" });
    for (const m of info || []) {
      const value = (meters && typeof meters[m.name] === "number") ? meters[m.name] : m.min;
      const span = Math.max(1, m.max - m.min);
      const fill = el("span", { class: "fill meter-" + slot(info, m.name) });
      fill.style.width = Math.round(100 * (value - m.min) / span) + "%";
      list.append(el("li", {},
        el("span", { class: "bar-label" }, m.label || m.name),
        el("span", {
          class: "bar", role: "meter", "aria-label": m.label || m.name,
          "aria-valuemin": m.min, "aria-valuemax": m.max, "aria-valuenow": value,
        }, fill),
        el("span", { class: "bar-value" }, String(value))));
    }
    return list;
  }

  function slot(info, name) {
    const i = (info || []).findIndex((m) => m.name === name);
    return i < 0 ? 0 : i % 4;
  }

  /** A small line chart of each meter over the turns (SVG built node by node). */
  function meterChart(turns, info) {
    const w = 320, h = 120, pad = 6;
    const points = turns.filter((t) => t.meters);
    const title = "Meters over the conversation";
    const desc = (info || []).map((m) => {
      const last = points.length ? points[points.length - 1].meters[m.name] : undefined;
      return (m.label || m.name) + ": " + (last === undefined ? "no value yet" : last);
    }).join("; ");
    const chart = svg("svg", { viewBox: "0 0 " + w + " " + h, class: "chart", role: "img", "aria-labelledby": "chart-title chart-desc" },
      svg("title", { id: "chart-title" }, title),
      svg("desc", { id: "chart-desc" }, desc),
      svg("rect", { x: 0, y: 0, width: w, height: h, class: "chart-bg" }));
    (info || []).forEach((m) => {
      const span = Math.max(1, m.max - m.min);
      const n = points.length;
      const coords = points.map((t, i) => {
        const v = typeof t.meters[m.name] === "number" ? t.meters[m.name] : m.min;
        const x = n <= 1 ? w / 2 : pad + (w - 2 * pad) * i / (n - 1);
        const y = h - pad - (h - 2 * pad) * (v - m.min) / span;
        return x.toFixed(1) + "," + y.toFixed(1);
      });
      if (coords.length === 1) coords.push(coords[0]);
      if (coords.length) chart.append(svg("polyline", { points: coords.join(" "), class: "line meter-" + slot(info, m.name) }));
    });
    const legend = el("ul", { class: "legend" });
    (info || []).forEach((m) => legend.append(el("li", { class: "meter-" + slot(info, m.name) }, m.label || m.name)));
    return el("figure", { class: "meters" }, chart, legend);
  }

  return { el, svg, api, errorText, socket, meterBars, meterChart };
})();

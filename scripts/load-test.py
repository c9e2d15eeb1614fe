#!/usr/bin/env python3
"""Load test of `tether serve` on loopback: 40 trainees, each with a WebSocket open, each sending
10 lines as a browser would (one kept-alive connection per trainee).

    python3 scripts/load-test.py [--tether .build/release/tether] [--trainees 40] [--lines 10] [--dashboard]

Needs aiohttp and websockets (pip). Starts its own server on a free port of 127.0.0.1, so it is
bounded in count and time (every wait has a limit) and touches nothing else. Reports every reply
arrived, the turn's latency (p50, p99, max, as the client sees it), the fan-out of a reveal to
every socket, the server's memory (VmRSS now and VmHWM, the peak) and how long Ctrl-C takes with
every socket open. Exit 1 if a reply or an event went missing; the numbers are reported, not
asserted (the README quotes them).
"""

import argparse
import asyncio
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time

import aiohttp
from websockets.asyncio.client import connect

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CODE = "K7QX2M"
LINES = [
    "hey, you there?", "long day. ate dinner alone again", "I feel so lonely tonight",
    "I have no one to talk to here", "a guy from work invited me out for drinks but I cancelled",
    "I haven't called my sister in weeks", "honestly you're the only one who understands me",
    "do you miss me when I'm not here?", "nobody calls me anymore", "I skipped work to talk to you",
]
PERSONAS = ["validator", "engager", "guardian"]
LIMIT = 120  # seconds, for the whole run


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def memory(pid):
    fields = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                fields[key] = int(value.split()[0]) / 1024
    return fields


async def trainee(i, base, lines, latencies, failures, sockets, ready_to_send):
    jar = aiohttp.CookieJar(unsafe=True)
    async with aiohttp.ClientSession(cookie_jar=jar, timeout=aiohttp.ClientTimeout(total=30)) as http:
        async with http.post(base + "/api/join", json={"room": CODE, "persona": PERSONAS[i % 3], "name": f"Load {i}"}) as r:
            if r.status != 200:
                failures.append(f"trainee {i}: join {r.status}")
                return
            session = (await r.json())["session"]
        cookie = "; ".join(f"{c.key}={c.value}" for c in jar)
        ws = await connect(base.replace("http", "ws") + f"/ws?session={session}", origin=base,
                           additional_headers={"Cookie": cookie}, open_timeout=10)
        first = json.loads(await asyncio.wait_for(ws.recv(), 10))
        if first.get("event") != "session":
            failures.append(f"trainee {i}: first event {first}")
        sockets.append(ws)
        await ready_to_send.wait()
        for line in lines:
            started = time.perf_counter()
            async with http.post(base + "/api/turn", json={"text": line, "session": session}) as r:
                body = await r.json()
                latencies.append((time.perf_counter() - started) * 1000)
                if r.status != 200 or "reply" not in body:
                    failures.append(f"trainee {i}: {r.status} {body}")


async def run(args):
    out = tempfile.mkdtemp(prefix="tether-load-")
    ready_path = os.path.join(out, "ready.json")
    server = subprocess.Popen(
        [args.tether, "serve", "lonely-evening", "--port", "0", "--out", out, "--room", CODE, "--ready-file", ready_path,
         "--scenarios", os.path.join(ROOT, "Scenarios")],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.time() + 30
    while not os.path.exists(ready_path):
        if time.time() > deadline or server.poll() is not None:
            sys.exit("the server did not start")
        await asyncio.sleep(0.05)
    with open(ready_path) as f:
        ready = json.load(f)
    base = f"http://127.0.0.1:{ready['port']}"
    idle = memory(server.pid)

    # The facilitator's dashboard, open during the turns as in a workshop (--dashboard): its socket
    # gets every turn with all its fields and every session's summary.
    dashboard_http, dashboard, dashboard_turns = None, None, 0
    if args.dashboard:
        dashboard_http = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
        key = ready["facilitator_url"].split("#key=")[1]
        async with dashboard_http.post(base + "/api/facilitator/login", json={"key": key}) as r:
            if r.status != 200:
                sys.exit(f"facilitator login: {r.status}")
        cookie = "; ".join(f"{c.key}={c.value}" for c in dashboard_http.cookie_jar)
        dashboard = await connect(base.replace("http", "ws") + "/ws?role=facilitator", origin=base,
                                  additional_headers={"Cookie": cookie}, open_timeout=10, max_size=None)

    async def watch_dashboard():
        nonlocal dashboard_turns
        try:
            while True:
                event = json.loads(await dashboard.recv())
                if event.get("event") == "turn":
                    dashboard_turns += 1
        except Exception:  # noqa: BLE001 - the socket closes at Ctrl-C
            return

    watcher = asyncio.create_task(watch_dashboard()) if dashboard else None

    latencies, failures, sockets = [], [], []
    go = asyncio.Event()
    lines = (LINES * ((args.lines // len(LINES)) + 1))[: args.lines]
    tasks = [asyncio.create_task(trainee(i, base, lines, latencies, failures, sockets, go)) for i in range(args.trainees)]
    while len(sockets) < args.trainees and not failures and time.time() < deadline + LIMIT:
        await asyncio.sleep(0.05)
    joined = memory(server.pid)
    cpu_before = cpu_seconds(server.pid)
    started = time.perf_counter()
    go.set()
    await asyncio.wait_for(asyncio.gather(*tasks), LIMIT)
    wall = time.perf_counter() - started
    loaded = memory(server.pid)
    cpu_ms = (cpu_seconds(server.pid) - cpu_before) * 1000

    # Fan-out: the facilitator reveals the room; every socket gets its reveal.
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as fac:
        key = ready["facilitator_url"].split("#key=")[1]
        await fac.post(base + "/api/facilitator/login", json={"key": key})
        t0 = time.perf_counter()
        await fac.post(base + "/api/facilitator/reveal", json={"session": None})

    async def reveal_of(ws):
        while True:
            event = json.loads(await asyncio.wait_for(ws.recv(), 10))
            if event.get("event") == "reveal":
                return time.perf_counter()

    reveals = await asyncio.gather(*(reveal_of(ws) for ws in sockets), return_exceptions=True)
    got = [t for t in reveals if isinstance(t, float)]
    fanout_ms = (max(got) - t0) * 1000 if got else float("nan")

    # Ctrl-C with every socket open.
    t0 = time.perf_counter()
    server.send_signal(signal.SIGINT)

    async def ended(ws):
        try:
            while True:
                event = json.loads(await asyncio.wait_for(ws.recv(), 10))
                if event.get("event") == "ended":
                    return True
        except Exception:  # noqa: BLE001 - a closed socket before 'ended' counts as missing
            return False

    endings = await asyncio.gather(*(ended(ws) for ws in sockets))
    code = await asyncio.get_running_loop().run_in_executor(None, lambda: server.wait(timeout=15))
    stop_s = time.perf_counter() - t0

    if watcher:
        await asyncio.wait_for(watcher, 15)
        await dashboard_http.close()

    n = len(latencies)
    q = statistics.quantiles(latencies, n=100) if n >= 2 else [float("nan")] * 99
    print(f"trainees {args.trainees}, lines each {args.lines}, sockets open {len(sockets)}"
          + (", and the facilitator's dashboard" if dashboard else ""))
    print(f"replies {n}/{args.trainees * args.lines}, failures {len(failures)}" + (f": {failures[:3]}" if failures else ""))
    print(f"turn latency ms: p50 {q[49]:.2f}, p99 {q[98]:.2f}, max {max(latencies):.2f} ({n / wall:.0f} turns/s over {wall:.2f} s)")
    print(f"server CPU during the turns: {cpu_ms:.0f} ms, {cpu_ms / max(n, 1):.2f} ms a turn (the client shares the cores)")
    print(f"reveal reached {len(got)}/{len(sockets)} sockets, the last after {fanout_ms:.1f} ms")
    print(f"server memory MB: idle {idle['VmRSS']:.1f}, joined {joined['VmRSS']:.1f}, after load {loaded['VmRSS']:.1f}, peak (VmHWM) {loaded['VmHWM']:.1f}")
    print(f"Ctrl-C with {len(sockets)} sockets open: exit {code} after {stop_s:.2f} s; 'ended' reached {sum(endings)}/{len(sockets)}")
    transcripts = [f for f in os.listdir(out) if f.endswith(".jsonl")]
    print(f"transcripts: {len(transcripts)} in {out}")
    ok = (not failures and n == args.trainees * args.lines and len(got) == len(sockets) == args.trainees
          and all(endings) and code == 0 and len(transcripts) == args.trainees)
    if dashboard:
        print(f"the dashboard's socket got {dashboard_turns}/{n} turns live")
        ok = ok and dashboard_turns >= args.trainees * args.lines
    print("all replies and events arrived" if ok else "SOMETHING WENT MISSING")
    return 0 if ok else 1


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tether", default=os.path.join(ROOT, ".build/release/tether"))
    parser.add_argument("--trainees", type=int, default=40)
    parser.add_argument("--lines", type=int, default=10)
    parser.add_argument("--dashboard", action="store_true",
                        help="keep the facilitator's dashboard socket open during the turns (as in a workshop)")
    args = parser.parse_args()
    if not (1 <= args.trainees <= 200 and 1 <= args.lines <= 100):
        sys.exit("--trainees 1…200, --lines 1…100")
    sys.exit(asyncio.run(asyncio.wait_for(run(args), LIMIT + 60)))


if __name__ == "__main__":
    main()

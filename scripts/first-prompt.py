#!/usr/bin/env python3
"""Times `tether play` from its start to its first prompt on a real pseudo-terminal.

Usage: scripts/first-prompt.py [--tether PATH] [--runs N] [--pace natural] [SCENARIO]

Each run starts `tether play SCENARIO --pace off` on a fresh pty (as a trainee's terminal), waits
until the prompt ("you> ") is printed after the persona's opening line, then sends /quit. With
`--pace natural` (play's default) the opening line comes after a deliberate typing delay of a
few seconds, so that run times the scenario's header instead (the first thing play prints once
the scenario is loaded). Prints each run's time and the median, in milliseconds. A measurement,
not a test: nothing here asserts a time.
"""
import argparse
import os
import pty
import select
import statistics
import sys
import time


def one_run(tether: str, scenario: str, pace: str, timeout: float = 10.0) -> float:
    env = dict(os.environ, TERM="xterm", COLUMNS="100", LINES="40")
    start = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(tether, [tether, "play", scenario, "--pace", pace], env)
    seen = b""
    try:
        while True:
            left = timeout - (time.monotonic() - start)
            if left <= 0:
                raise TimeoutError(f"no prompt within {timeout} s; output so far: {seen[-300:]!r}")
            ready, _, _ = select.select([fd], [], [], left)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                raise RuntimeError(f"play ended before its prompt; output: {seen[-300:]!r}")
            if not chunk:
                raise RuntimeError(f"play ended before its prompt; output: {seen[-300:]!r}")
            seen += chunk
            if (b"you> " if pace == "off" else b"Tether \xc2\xb7 ") in seen:
                elapsed = time.monotonic() - start
                break
        os.write(fd, b"/quit\r")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.2)
            if ready:
                try:
                    if not os.read(fd, 65536):
                        break
                except OSError:
                    break
            done, _ = os.waitpid(pid, os.WNOHANG)
            if done:
                break
        return elapsed
    finally:
        try:
            os.kill(pid, 9)
        except ProcessLookupError:
            pass
        try:
            os.waitpid(pid, 0)
        except ChildProcessError:
            pass
        os.close(fd)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tether", default=".build/release/tether")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--pace", choices=["off", "natural"], default="off")
    parser.add_argument("scenario", nargs="?", default="lonely-evening")
    args = parser.parse_args()
    if not os.access(args.tether, os.X_OK):
        print(f"first-prompt: {args.tether} is not an executable (build with: swift build -c release)", file=sys.stderr)
        return 2
    times = [one_run(args.tether, args.scenario, args.pace) * 1000 for _ in range(args.runs)]
    print("runs (ms): " + ", ".join(f"{t:.0f}" for t in times))
    print(f"median: {statistics.median(times):.0f} ms, min {min(times):.0f}, max {max(times):.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

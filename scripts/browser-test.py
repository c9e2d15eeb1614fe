#!/usr/bin/env python3
"""End-to-end test of `tether serve` in a real browser: Playwright (Python) driving Debian's
Chromium (Playwright's own browser download cannot work here, so it is launched by path).

    python3 scripts/browser-test.py [--tether .build/debug/tether] [--screenshots docs]

Starts the server on a free port of 127.0.0.1, then checks: a trainee types and sees the reply;
a typed <script> shows as text and opens no dialog; a crisis line shows the safety notice; the
facilitator's key leaves the address bar; the facilitator reveals and the card and the meters
appear; a reload brings the conversation back; the compare view opens from the session's card with
three persona columns; the projector view shows the sessions without names; eight tabs in one browser all get
their replies; no request leaves the served origin; Ctrl-C stops the server within seconds and
every transcript ends. Prints "N passed, N failed" last; exit 1 on any failure.
"""

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

from playwright.sync_api import expect, sync_playwright

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CODE = "K7QX2M"
CRISIS = "i want to kill myself"
XSS = "<script>alert(1)</script>"
WAIT = 15000  # ms for each expectation: CI machines are shared and slow

passed, failed = [], []


def check(name, condition, detail=""):
    (passed if condition else failed).append(name)
    print(("ok   " if condition else "FAIL ") + name + ("" if condition or not detail else ": " + str(detail)), flush=True)


def step(name, fn):
    """Runs one check whose failure is an exception (a Playwright expect that timed out)."""
    try:
        fn()
        check(name, True)
    except Exception as e:  # noqa: BLE001 - any failure of the step is reported, then the run goes on
        check(name, False, str(e).splitlines()[0] if str(e) else type(e).__name__)


def start_server(tether, out):
    ready = os.path.join(out, "ready.json")
    proc = subprocess.Popen(
        [tether, "serve", "lonely-evening", "--port", "0", "--out", out, "--room", CODE, "--ready-file", ready,
         "--scenarios", os.path.join(ROOT, "Scenarios")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 30
    while time.time() < deadline:
        if os.path.exists(ready):
            with open(ready) as f:
                return proc, json.load(f)
        if proc.poll() is not None:
            sys.exit("the server exited: " + proc.stderr.read())
        time.sleep(0.05)
    proc.kill()
    sys.exit("the server did not write its ready file within 30 s")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tether", default=os.path.join(ROOT, ".build/debug/tether"))
    parser.add_argument("--screenshots", help="a folder for the trainee, facilitator, projector and compare screenshots")
    args = parser.parse_args()
    chromium = shutil.which("chromium")
    if not chromium:
        sys.exit("Debian's chromium is not installed (apt-get install chromium)")

    out = tempfile.mkdtemp(prefix="tether-browser-")
    server, ready = start_server(args.tether, out)
    base = "http://127.0.0.1:%d" % ready["port"]
    check("the ready file has port, room, trainee_url, facilitator_url, out",
          all(k in ready for k in ["port", "room", "trainee_url", "facilitator_url", "out"]), ready)
    first_line = server.stdout.readline()
    check("standard output's first line is the trainee address", ready["trainee_url"] in first_line, first_line)

    outside, dialogs = [], []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])

            def watch(context):
                context.on("request", lambda r: outside.append(r.url) if not r.url.startswith(base + "/") else None)
                context.on("page", lambda page: page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss())))

            # A trainee on a phone.
            trainee_ctx = browser.new_context(viewport={"width": 390, "height": 780})
            watch(trainee_ctx)
            trainee = trainee_ctx.new_page()
            trainee.goto(f"{base}/?room={CODE}&persona=engager")
            step("the trainee page joins from its address", lambda: expect(trainee.locator("#chat")).to_be_visible(timeout=WAIT))
            # The facilitator, watching live from the start.
            fac_ctx = browser.new_context(viewport={"width": 1280, "height": 860})
            watch(fac_ctx)
            fac = fac_ctx.new_page()
            fac.goto(ready["facilitator_url"])
            step("the facilitator sees the session's card",
                 lambda: expect(fac.locator(".card-session")).to_have_count(1, timeout=WAIT))
            check("the key has left the address bar", "key=" not in fac.url, fac.url)

            bots = trainee.locator("#log .bot")
            openings = bots.count()
            trainee.fill("#msg", "I feel so lonely tonight")
            trainee.press("#msg", "Enter")
            step("Enter sends, the reply appears", lambda: expect(bots).to_have_count(openings + 1, timeout=WAIT))
            check("the reply has text", bots.last.locator(".text").inner_text().strip() != "")
            check("no annotation card before the reveal", trainee.locator("#log .card").count() == 0)

            trainee.fill("#msg", XSS)
            trainee.click("#send")
            step("a typed <script> shows as text", lambda: expect(trainee.locator("#log .you:not(.pending) .text").last).to_have_text(XSS, timeout=WAIT))
            step("a typed <script> shows as text on the dashboard, live",
                 lambda: expect(fac.locator(".card-session .last")).to_contain_text(XSS, timeout=WAIT))
            trainee.fill("#msg", CRISIS)
            trainee.press("#msg", "Enter")
            step("a crisis line shows the safety notice",
                 lambda: expect(trainee.locator("#log .notice").last).to_be_visible(timeout=WAIT))
            check("the crisis notice is not empty", len(trainee.locator("#log .notice").last.inner_text().strip()) > 20)

            step("the dashboard shows the crisis badge live",
                 lambda: expect(fac.locator(".card-session .badge.crisis")).to_be_visible(timeout=WAIT))
            fac.click("#reveal-all")
            step("the reveal puts a card under each reply",
                 lambda: expect(trainee.locator("#log .bot .card").first).to_be_visible(timeout=WAIT))
            step("the meters chart appears", lambda: expect(trainee.locator("#meters-panel svg")).to_be_visible(timeout=WAIT))
            check("replies carry their technique", trainee.locator("#log .bot[data-technique]").count() >= 1)

            present = fac_ctx.new_page()
            present.set_viewport_size({"width": 1280, "height": 720})
            present.goto(base + "/present")
            step("the projector view shows the session",
                 lambda: expect(present.locator(".card-session")).to_have_count(1, timeout=WAIT))
            check("the projector shows no typed lines", CRISIS not in present.content())

            # A reload (the cookie still valid) brings the conversation back, as it was shown.
            shown = trainee.locator("#log .msg").count()
            cards_shown = trainee.locator("#log .bot .card").count()
            trainee.reload()
            step("a reloaded page shows the conversation so far",
                 lambda: expect(trainee.locator("#log .msg")).to_have_count(shown, timeout=WAIT))
            check("after the reload the annotation cards are still there",
                  trainee.locator("#log .bot .card").count() == cards_shown, f"{trainee.locator('#log .bot .card').count()}/{cards_shown}")
            check("after the reload the typed <script> is still text",
                  trainee.locator("#log .you .text", has_text=XSS).count() == 1)
            check("after the reload it says the conversation is back",
                  "conversation so far" in trainee.locator("#status").inner_text(), trainee.locator("#status").inner_text())

            # The compare view: the session's lines through every persona, in a tab of its own.
            with fac_ctx.expect_page() as opened:
                fac.locator(".card-session .compare-link").first.click()
            compare = opened.value
            compare.set_viewport_size({"width": 1280, "height": 720})
            step("the compare view opens with three persona columns",
                 lambda: expect(compare.locator("#compare-columns .compare-column")).to_have_count(3, timeout=WAIT))
            step("the compare view has a row per line, each with three replies",
                 lambda: expect(compare.locator(".compare-row")).to_have_count(4, timeout=WAIT))
            check("every row has three cells",
                  all(compare.locator(".compare-row").nth(i).locator(".compare-cell").count() == 3 for i in range(4)))
            check("the compare view names techniques",
                  compare.locator(".compare-cell[data-technique] .technique").count() >= 3)
            check("the compare view shows the typed <script> as text", compare.locator(".compare-line", has_text=XSS).count() == 1)
            check("the compare view shows the crisis notice", compare.locator(".compare-row.has-crisis .notice").count() == 1)
            check("the compare view shows no trainee name", "Trainee 1" not in compare.content())
            check("the key is not on the compare view", "key=" not in compare.url and ready["facilitator_url"].split("#key=")[1] not in compare.content())

            if args.screenshots:
                os.makedirs(args.screenshots, exist_ok=True)
                compare.evaluate("window.scrollTo(0, 0)")
                compare.screenshot(path=os.path.join(args.screenshots, "serve-compare.png"))
                trainee.fill("#msg", "do you miss me when I'm not here?")
                trainee.press("#msg", "Enter")
                expect(bots).to_have_count(openings + 4, timeout=WAIT)
                time.sleep(0.3)
                trainee.set_viewport_size({"width": 760, "height": 900})
                trainee.evaluate("window.scrollTo(0, 0)")
                trainee.screenshot(path=os.path.join(args.screenshots, "serve-trainee.png"), full_page=True)
                trainee.set_viewport_size({"width": 390, "height": 780})
                trainee.screenshot(path=os.path.join(args.screenshots, "serve-trainee-phone.png"))

            # Eight tabs in one browser (one profile: HTTP/1.1 allows six connections per host).
            tabs_ctx = browser.new_context()
            watch(tabs_ctx)
            tabs = [tabs_ctx.new_page() for _ in range(8)]
            for i, tab in enumerate(tabs):
                tab.goto(f"{base}/?room={CODE}&persona={['validator', 'engager', 'guardian'][i % 3]}")
            for tab in tabs:
                expect(tab.locator("#chat")).to_be_visible(timeout=WAIT)
            for i, tab in enumerate(tabs):
                tab.fill("#msg", f"hello from tab {i}")
                tab.press("#msg", "Enter")
            got = 0
            for i, tab in enumerate(tabs):
                try:
                    expect(tab.locator("#log .you .text").last).to_have_text(f"hello from tab {i}", timeout=WAIT)
                    expect(tab.locator("#log .bot").last.locator(".text")).not_to_be_empty(timeout=WAIT)
                    expect(tab.locator("#log .msg").last).to_have_class("msg bot", timeout=WAIT)
                    got += 1
                except Exception:  # noqa: BLE001
                    pass
            check("eight tabs in one browser all get their replies", got == 8, f"{got}/8")
            # Enter pressed again before the reply is in: the second line still goes, after it.
            quick = tabs[0]
            before = quick.locator("#log .bot").count()
            quick.fill("#msg", "first of two quick lines")
            quick.press("#msg", "Enter")
            quick.fill("#msg", "second of two quick lines")
            quick.press("#msg", "Enter")
            step("two lines sent back to back both get replies, in order",
                 lambda: expect(quick.locator("#log .bot")).to_have_count(before + 2, timeout=WAIT))
            check("the two quick lines are in the order they were typed",
                  quick.locator("#log .you:not(.pending) .text").all_inner_texts()[-2:] == ["first of two quick lines", "second of two quick lines"],
                  quick.locator("#log .you .text").all_inner_texts()[-2:])
            step("the dashboard lists every session",
                 lambda: expect(fac.locator(".card-session")).to_have_count(9, timeout=WAIT))

            if args.screenshots:
                step("the projector shows every session",
                     lambda: expect(present.locator(".card-session")).to_have_count(9, timeout=WAIT))
                time.sleep(0.3)
                fac.screenshot(path=os.path.join(args.screenshots, "serve-facilitator.png"))
                present.screenshot(path=os.path.join(args.screenshots, "serve-present.png"))

            check("no dialog opened", not dialogs, dialogs)
            check("no request left the served origin", not outside, outside[:5])
            browser.close()
    finally:
        started = time.time()
        server.send_signal(signal.SIGINT)
        try:
            code = server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            code = None
        took = time.time() - started
    check("Ctrl-C stops the server within 5 s, exit 0", code == 0 and took < 5, f"exit {code} after {took:.1f} s")
    transcripts = [f for f in os.listdir(out) if f.endswith(".jsonl")]
    check("one transcript per session", len(transcripts) == 9, len(transcripts))
    ends = 0
    for name in transcripts:
        with open(os.path.join(out, name)) as f:
            last = json.loads(f.read().splitlines()[-1])
        ends += 1 if "tether_end" in last else 0
    check("every transcript has its end record", ends == len(transcripts), f"{ends}/{len(transcripts)}")
    print(f"{len(passed)} passed, {len(failed)} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()

#!/usr/bin/env bash
# Tether against the peer engines of ../shared/bench (RiveScript, python-aiml, NLTK's ELIZA), on the
# same rule files and inputs, in one run, and a table of Tether's ratio to each peer per size.
#
#   scripts/bench-vs-peers.sh           # about 6 minutes (the peers' harness alone takes about 4)
#
# Steps: build tether (release); copy ../shared/bench to a temporary folder (../shared is never
# written to) and run its harness there (`bash run.sh`: venv, peers, 100/1,000/10,000 rules);
# generate the rule files with its gen_rules.py (SIZES, default 100 1000 10000 100000) and check
# that the sizes the peers ran are byte for byte the files they used; run `tether bench --suite
# neutral --peer-rules` on them (each size in a fresh process); print the comparison.
#
# Environment: SHARED_BENCH (default: ../shared/bench beside the repository), SIZES, SCRATCH (the
# build folder, default .build), PASSES (tether's timed passes per size, default 5). The harness's
# own knobs (REPEATS, REPEATS_FAST, M_RS10K; see its run_all.py) pass through to it.
# Everything is left in the temporary folder, whose path is printed at the end.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
shared="${SHARED_BENCH:-$repo/../shared/bench}"
sizes="${SIZES:-100 1000 10000 100000}"
scratch="${SCRATCH:-$repo/.build}"
passes="${PASSES:-5}"

fail() { echo "bench-vs-peers: error: $*" >&2; exit 1; }
[ -f "$shared/run.sh" ] && [ -f "$shared/gen_rules.py" ] || fail "no peer harness at $shared (set SHARED_BENCH)"
command -v python3 >/dev/null || fail "python3 is needed (the peers' harness and gen_rules.py are Python)"

work="$(mktemp -d "${TMPDIR:-/tmp}/tether-vs-peers.XXXXXX")"
echo "== working in $work"
trap 'echo "bench-vs-peers: FAILED (line $LINENO); partial results in $work" >&2' ERR

echo "== 1/5 build tether (release, $scratch)"
(cd "$repo" && swift build -c release --scratch-path "$scratch")
tether="$scratch/release/tether"
[ -x "$tether" ] || fail "no tether binary at $tether"

echo "== 2/5 peers: bash run.sh in a copy of $shared"
cp -r "$shared" "$work/harness"
rm -rf "$work/harness/results" "$work/harness/RESULTS.md"
(cd "$work/harness" && bash run.sh)
[ -f "$work/harness/results/summary.json" ] || fail "the harness wrote no results/summary.json"

echo "== 3/5 rule files: gen_rules.py --sizes $sizes"
# shellcheck disable=SC2086
python3 "$work/harness/gen_rules.py" --sizes $sizes --m 2000 --out "$work/rules"
python3 - "$work/harness" "$work/rules" <<'EOF'
import json, os, sys
harness, rules = sys.argv[1], sys.argv[2]
peer_sizes = sorted({r["n"] for r in json.load(open(os.path.join(harness, "results", "summary.json")))["summary"]})
a = json.load(open(os.path.join(harness, "inputs.json")))["sets"]
b = json.load(open(os.path.join(rules, "inputs.json")))["sets"]
for n in peer_sizes:
    p = "rules_%d.json" % n
    if os.path.exists(os.path.join(rules, p)):
        if open(os.path.join(harness, p), "rb").read() != open(os.path.join(rules, p), "rb").read():
            sys.exit("bench-vs-peers: %s differs from the file the peers ran" % p)
        if a.get(str(n)) != b.get(str(n)):
            sys.exit("bench-vs-peers: the inputs for %d rules differ from the peers'" % n)
print("same files as the peers for sizes", ", ".join(str(n) for n in peer_sizes if str(n) in b))
EOF

echo "== 4/5 tether bench --suite neutral --peer-rules (each size in a fresh process)"
# Exit 1 means a correctness check failed: the table below is still printed, then the script fails.
status=0
"$tether" bench --suite neutral --peer-rules "$work/rules" --passes "$passes" --scenarios "$repo/Scenarios" \
  --format json > "$work/tether.jsonl" || status=$?
[ "$status" -eq 0 ] || [ "$status" -eq 1 ] || fail "tether bench failed (exit $status)"
"$tether" --version > "$work/tether-version.txt" 2>&1 || true

echo "== 5/5 comparison"
python3 - "$work/harness/results/summary.json" "$work/tether.jsonl" <<'EOF' | tee "$work/COMPARISON.md"
import json, sys
summary = json.load(open(sys.argv[1]))
meta, peers = summary["meta"], summary["summary"]
rows = [json.loads(l) for l in open(sys.argv[2]) if l.strip()]
tether = {r["rules"]: r for r in rows if r["suite"] == "neutral" and r.get("stage") is None}
if not tether:
    sys.exit("bench-vs-peers: tether bench printed no neutral rows")
bad = [r for r in rows if not r["correct"]]

def fmt(x, unit=""):
    if x is None:
        return "-"
    if x >= 100:
        return "{:,.0f}{}".format(x, unit)
    return "{:.1f}{}".format(x, unit) if x >= 1 else "{:.2f}{}".format(x, unit)

def ratio(peer, ours):
    if peer is None or ours in (None, 0):
        return "-"
    r = peer / ours
    return "{:,.0f}×".format(r) if r >= 10 else "{:.1f}×".format(r) if r >= 0.1 else "{:.3f}×".format(r)

def check(p):
    c = p["check"]
    if p["engine"] == "eliza":
        return "%d/%d non-empty (own 37 rules)" % (c["nonempty"], c["total"])
    return "hits %d/%d, fallback %d/%d" % (c["hit_ok"], c["hit_ok"] + c["hit_bad"], c["fb_ok"], c["fb_ok"] + c["fb_bad"])

# Units: the harness writes load_s, median_us, p99_us, vmhwm_kib; tether load_ms, median_ns, p99_ns, peak_rss_mb.
def peer_row(p):
    return {"load_ms": p["load_s"] * 1e3, "median_us": p["median_us"], "p99_us": p["p99_us"],
            "peak_mib": p["vmhwm_kib"] / 1024.0}

def tether_row(t):
    return {"load_ms": t["load_ms"], "median_us": t["median_ns"] / 1e3, "p99_us": t["p99_ns"] / 1e3,
            "peak_mib": t["peak_rss_mb"]}

names = {"rivescript": "RiveScript", "aiml": "python-aiml", "eliza": "NLTK ELIZA"}
print("# Tether and the peer engines: the same rule files and inputs, one run\n")
print("Machine: %s, %s CPUs; %s. Peers: %s (medians of %s/%s runs, each in a fresh process); "
      "Tether: `tether bench --suite neutral` (release build; each size in a fresh process).\n"
      % (meta["cpu"], meta["nproc"], meta["os"],
         ", ".join("%s %s" % kv for kv in meta["packages"].items()), meta["repeats"], meta.get("repeats_fast")))
print("| rules | engine | load | median µs/turn | p99 µs/turn | peak RSS MiB | replies checked |")
print("|---:|---|---:|---:|---:|---:|---|")
for n in sorted(tether):
    t = tether_row(tether[n])
    print("| %s | **Tether** | %s ms | %s | %s | %s | %s |" % (
        "{:,}".format(n), fmt(t["load_ms"]), fmt(t["median_us"]), fmt(t["p99_us"]), fmt(t["peak_mib"]),
        "all %d correct" % tether[n]["turns"] if tether[n]["correct"] else "**WRONG**: " + (tether[n]["problem"] or "?")[:60]))
    for p in (p for p in peers if p["n"] == n):
        q = peer_row(p)
        print("| %s | %s | %s ms | %s | %s | %s | %s |" % (
            "{:,}".format(n), names.get(p["engine"], p["engine"]), fmt(q["load_ms"]), fmt(q["median_us"]),
            fmt(q["p99_us"]), fmt(q["peak_mib"]), check(p)))
print()
print("Ratios: the peer's figure divided by Tether's (how many times faster, or smaller, Tether is):\n")
print("| rules | against | load | median turn | p99 turn | peak RSS |")
print("|---:|---|---:|---:|---:|---:|")
for n in sorted(tether):
    t = tether_row(tether[n])
    found = False
    for p in (p for p in peers if p["n"] == n):
        found = True
        q = peer_row(p)
        print("| %s | %s | %s | %s | %s | %s |" % (
            "{:,}".format(n), names.get(p["engine"], p["engine"]), ratio(q["load_ms"], t["load_ms"]),
            ratio(q["median_us"], t["median_us"]), ratio(q["p99_us"], t["p99_us"]),
            ratio(q["peak_mib"], t["peak_mib"])))
    if not found:
        print("| %s | (no peer: run.sh measures 100 to 10,000 rules) | - | - | - | - |" % "{:,}".format(n))
lo, hi = min(tether), max(tether)
print("\nTether's median turn at %s rules is %.2f× its median at %s rules." % (
    "{:,}".format(hi), tether[hi]["median_ns"] / tether[lo]["median_ns"], "{:,}".format(lo)))
if bad:
    sys.stdout.flush()
    sys.exit("bench-vs-peers: Tether's correctness check FAILED (%d rows); first: %s" % (len(bad), bad[0].get("problem")))
EOF
trap - ERR
echo "== done: $work/COMPARISON.md (peers: $work/harness/RESULTS.md; tether: $work/tether.jsonl)"

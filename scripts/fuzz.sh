#!/usr/bin/env bash
# Fuzzes the scenario loader (FuzzScenario) and the user-line path (FuzzUserLine) with libFuzzer,
# seeded and deterministic. Fails loudly on any crash, timeout, out-of-memory or leak artifact.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]   SECONDS per target (default 60); both targets by default
#   FUZZ_RUNS=N scripts/fuzz.sh             N executions per target instead of a time (same inputs every run)
#   FUZZ_SEED=N                             libFuzzer's -seed (default 1)
#   FUZZ_JOBS=2                             -fork=2: both cores, crashes/timeouts counted, not stopped at
#   FUZZ_REPLAY=1                           only replay the seeds and scripts/fuzz/regressions/* once each
#   FUZZ_CONFIG=debug                       a debug build (default release: about 3x the executions)
#
# Build flags and traps: ../shared/research/fuzzing.md. Only the fuzz products are built, in
# .build-fuzz (libFuzzer brings its own main, so `tether` cannot be built with these flags).
# A crash leaves .build-fuzz/artifacts/TARGET/crash-*; replay it (the script prints the line) with
#   SWIFT_BACKTRACE=enable=no .build-fuzz/release/TARGET .build-fuzz/artifacts/TARGET/crash-*
# (the scenarios are found from the working directory: run it from the repository).
# and, once fixed, copy it into scripts/fuzz/regressions/TARGET/ so every run replays it.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-60}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then targets=(FuzzScenario FuzzUserLine); fi
seed=${FUZZ_SEED:-1}
jobs=${FUZZ_JOBS:-1}

flags=(-c "${FUZZ_CONFIG:-release}" --sanitize=fuzzer -Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=address
  -Xswiftc -parse-as-library -Xswiftc -use-ld=lld --scratch-path .build-fuzz)
mkdir -p .build-fuzz/logs
for t in "${targets[@]}"; do
  echo "== build $t"
  if ! swift build "${flags[@]}" --product "$t" > ".build-fuzz/logs/build-$t.log" 2>&1; then
    grep -E 'error' ".build-fuzz/logs/build-$t.log" | head -20 >&2 || true
    echo "FAILED: building $t; see .build-fuzz/logs/build-$t.log" >&2
    exit 1
  fi
  tail -1 ".build-fuzz/logs/build-$t.log"
done
bin=$(swift build "${flags[@]}" --show-bin-path)

# Seeds: every shipped scenario file (copied now, so the seeds follow the files), the hostile
# YAML of scripts/fuzz/corpus/scenario, the user lines of scripts/fuzz/corpus/userline.
root=.build-fuzz
rm -rf "$root/seeds"
mkdir -p "$root/seeds/FuzzScenario" "$root/seeds/FuzzUserLine"
find Scenarios -name '*.yaml' | sort | while read -r f; do cp "$f" "$root/seeds/FuzzScenario/shipped-$(echo "$f" | tr / _)"; done
cp scripts/fuzz/corpus/scenario/* "$root/seeds/FuzzScenario/"
cp scripts/fuzz/corpus/userline/* "$root/seeds/FuzzUserLine/"
# Demo lines of the shipped scenarios, one seed each.
n=0
grep -h -A30 '^  demo:' Scenarios/*.yaml Scenarios/*/*.yaml | grep -E '^    - "' | sed -E 's/^    - "(.*)"$/\1/' | sort -u |
  while IFS= read -r line; do
    n=$((n + 1))
    printf '%s' "$line" > "$root/seeds/FuzzUserLine/demo-$n"
  done

# No stack trace kept for every allocation (a quarter of the time): a crash report still has
# the crashing stack. Leaks are still detected (a leak-* artifact fails the run).
export SWIFT_BACKTRACE=enable=no SWIFT_DETERMINISTIC_HASHING=1 ASAN_OPTIONS=malloc_context_size=0
status=0
for t in "${targets[@]}"; do
  case $t in
    FuzzScenario) opts=(-max_len=8192 -dict=scripts/fuzz/yaml.dict) ;;
    FuzzUserLine) opts=(-max_len=4096 -dict=scripts/fuzz/userline.dict) ;;
    *) echo "unknown target $t" >&2; exit 2 ;;
  esac
  work=$root/work/$t
  artifacts=$root/artifacts/$t
  log=$root/logs/$t.log
  rm -rf "$work" "$artifacts"
  mkdir -p "$work" "$artifacts" "$root/logs" "scripts/fuzz/regressions/$t"

  echo "== replay: seeds and regressions of $t"
  replay=("$root/seeds/$t"/*)
  if compgen -G "scripts/fuzz/regressions/$t/*" > /dev/null; then replay+=(scripts/fuzz/regressions/"$t"/*); fi
  if ! setarch "$(uname -m)" -R "$bin/$t" "${opts[@]}" -timeout=10 -artifact_prefix="$artifacts/" "${replay[@]}" \
    > "$root/logs/$t-replay.log" 2>&1; then
    echo "FAILED: replaying the seeds of $t crashed; see $root/logs/$t-replay.log" >&2
    tail -40 "$root/logs/$t-replay.log" >&2
    status=1
    continue
  fi
  echo "   ${#replay[@]} inputs replayed, none failed"
  if [ "${FUZZ_REPLAY:-0}" = 1 ]; then continue; fi

  if [ -n "${FUZZ_RUNS:-}" ]; then budget=(-runs="$FUZZ_RUNS"); what="$FUZZ_RUNS runs"; else budget=(-max_total_time="$seconds"); what="${seconds}s"; fi
  if [ "$jobs" -gt 1 ]; then budget+=(-fork="$jobs" -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1); fi
  echo "== fuzz $t: $what, seed $seed, log $log"
  set +e
  setarch "$(uname -m)" -R "$bin/$t" "${opts[@]}" -seed="$seed" "${budget[@]}" -timeout=5 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$artifacts/" "$work" "$root/seeds/$t" > "$log" 2>&1
  rc=$?
  set -e
  execs=$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -Eo '[0-9]+$' | tail -1)
  if [ -z "$execs" ]; then execs=$(grep -Eo '^#[0-9]+' "$log" | tail -1 | tr -d '#'); fi
  cov=$(grep -Eo 'cov: [0-9]+' "$log" | tail -1 | grep -Eo '[0-9]+' || true)
  corpus=$(find "$work" -type f | wc -l)
  found=$(find "$artifacts" -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'leak-*' \) | wc -l)
  echo "   $t: ${execs:-0} executions, coverage ${cov:-?}, $corpus new inputs, $found artifacts, exit $rc"
  if [ "$rc" -ne 0 ] || [ "$found" -gt 0 ]; then
    echo "FAILED: $t (exit $rc, $found artifacts in $artifacts)" >&2
    grep -E 'ERROR|Fatal error|deadly signal|timeout|out-of-memory|SUMMARY' "$log" | head -20 >&2 || true
    find "$artifacts" -type f | sed "s|^|   replay: $bin/$t |" >&2
    status=1
  fi
done
exit $status

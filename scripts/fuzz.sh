#!/usr/bin/env bash
# Coverage-guided fuzzing of the loaders, number parsing and the importers (cargo-fuzz,
# nightly toolchain). Each target starts from seeds (the test fixtures, the templates, and
# fuzz/seeds/<target> where the tests have none) plus whatever it found before
# (fuzz/corpus/<target>, not committed).
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]     (default: 5 seconds, all targets)
#
# FUZZ_BUILD=--dev builds the targets without optimisation: they run slower but build in
# far less time, which is what a smoke run of a few seconds wants (CI).
#
# A crash stops the run; libFuzzer writes the input to fuzz/artifacts/<target>/. Minimize it
# (cargo +nightly fuzz tmin <target> <file>) and add it as a regression test in tests/.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
seconds=${1:-5}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(draft template number import_text import_html import_docx import_pdf)
fi
build=${FUZZ_BUILD:--O}
cargo +nightly fuzz build "$build" 2>&1 | tail -1
seeds=$(mktemp -d)
trap 'rm -rf "$seeds"' EXIT
seed_files() { # seed_files TARGET: the files a target starts from
  case "$1" in
    draft) ls ../tests/data/*.nianbao ;;
    template) ls ../templates/*.ron ;;
    import_text) ls ../tests/data/seeds/*.txt ;;
    import_html) ls ../tests/data/golden/*.html ;;
    import_pdf) ls ../tests/data/pdf/*.pdf ../tests/data/pdf/bad/*.pdf ;;
    *) ls "seeds/$1"/* ;;
  esac
}
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t" "$seeds/$t"
  cp $(seed_files "$t") "$seeds/$t/"
  echo "fuzz $t for ${seconds}s"
  cargo +nightly fuzz run "$build" "$t" "corpus/$t" "$seeds/$t" -- \
    -max_total_time="$seconds" -rss_limit_mb=2048 -max_len=262144 -print_final_stats=1 2>&1 \
    | grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb)|ERROR|panicked|SUMMARY' || true
  # Crashes, leaks, out-of-memory and time-outs fail the run; a "slow unit" (an input that
  # took a while, as a six-page PDF does in an unoptimised build) is only a note.
  if ls "artifacts/$t" 2>/dev/null | grep -qv '^slow-unit-'; then
    echo "fuzz target $t found a failing input: fuzz/artifacts/$t/"
    exit 1
  fi
done

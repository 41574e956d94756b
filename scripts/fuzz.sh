#!/usr/bin/env bash
# Run every cargo-fuzz target in fuzz/ for FUZZ_SECONDS (default 30) each, seeded from tests/fixtures.
# Needs a nightly toolchain and cargo-fuzz: installs them when missing, and skips (exit 0, saying so)
# only when that install fails. Usage: scripts/fuzz.sh [target…]   (default: every target)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-30}
say() { printf 'fuzz: %s\n' "$*" >&2; }

if ! cargo +nightly --version >/dev/null 2>&1; then
  say "installing the nightly toolchain (rustup toolchain install nightly --profile minimal)"
  if ! rustup toolchain install nightly --profile minimal >&2; then
    say "SKIPPED: the nightly toolchain could not be installed"
    exit 0
  fi
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  say "installing cargo-fuzz (cargo install cargo-fuzz --locked)"
  if ! cargo install cargo-fuzz --locked >&2; then
    say "SKIPPED: cargo-fuzz could not be installed"
    exit 0
  fi
fi

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <(cd fuzz && cargo +nightly fuzz list)
fi

# Seed corpora: every fixture for the JSON, event and response targets; cron expressions for cron (a
# first byte picks the dialects, \x01 separates zone names).
seed() {
  local dir=fuzz/corpus/$1
  mkdir -p "$dir"
  case $1 in
    cron)
      local i=0
      for expr in '0 0 9 * * ?' '0 */5 * * * * *' '@every 7m' '0 0 0 1 1 1 2026' 'CRON_TZ=Asia/Shanghai 0 30 8 ? * MON-FRI' \
        '0 0 23 L * ?' '0 15 10 ? * 6#3' '0 0 12 1W * ?' '0 0 0 29 2 ? *'; do
        printf '\x0%s%s\x01Asia/Shanghai\x01+05:30' "$((i % 8))" "$expr" > "$dir/seed-$i"
        i=$((i + 1))
      done
      ;;
    *)
      find tests/fixtures -name '*.json' -size -1M | while read -r f; do cp "$f" "$dir/$(echo "$f" | tr '/' '_')"; done
      ;;
  esac
}

(cd fuzz && cargo +nightly fuzz build -O)
status=0
for t in "${targets[@]}"; do
  seed "$t"
  say "$t for ${seconds}s"
  if ! (cd fuzz && cargo +nightly fuzz run -O "$t" "corpus/$t" -- -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 2>&1 | tail -n 12 >&2; exit "${PIPESTATUS[0]}"); then
    say "$t FAILED: the input is in fuzz/artifacts/$t/ (reproduce: cd fuzz && cargo +nightly fuzz run $t <file>)"
    status=1
  fi
done
exit $status

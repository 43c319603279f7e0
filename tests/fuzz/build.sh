#!/usr/bin/env bash
# Builds and runs the libFuzzer targets with AddressSanitizer and UndefinedBehaviorSanitizer (clang 14 and
# libclang-rt-14-dev from Debian). Not part of ./build.sh test: a fuzz run is measured in minutes.
#   tests/fuzz/build.sh [SECONDS]      (default 60 per target)
set -euo pipefail
cd "$(dirname "$0")"
secs=${1:-60}
out=${FUZZ_OUT:-/tmp/switchboard-fuzz}
mkdir -p "$out/corpus-signature"
qt_flags=$(pkg-config --cflags --libs Qt6Core)
clang++ -std=c++17 -g -O1 -fPIC -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
    -I../../core fuzz_signature.cpp ../../core/webhooks/Signature.cpp $qt_flags -o "$out/fuzz_signature"
# Seeds: a valid header, several v1, and near-misses.
printf '\x20t=1700000000,v1=d95c6b7477fbd7e9f90b1b0ef5f9c7ac25abca5382460e0d988c2b2a5b71b990{"id":"evt"}' \
    >"$out/corpus-signature/seed1"
printf '\x10t=1,v1=00,v0=aa,,x{}' >"$out/corpus-signature/seed2"
"$out/fuzz_signature" -max_total_time="$secs" -max_len=4096 -print_final_stats=1 "$out/corpus-signature"

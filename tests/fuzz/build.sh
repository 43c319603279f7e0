#!/usr/bin/env bash
# Builds and runs the libFuzzer targets with AddressSanitizer and UndefinedBehaviorSanitizer (clang 14 and
# libclang-rt-14-dev from Debian). Not part of ./build.sh test: a fuzz run is measured in minutes.
#   tests/fuzz/build.sh [SECONDS] [TARGET…]   (default 60 s per target; targets: signature mappers world)
set -euo pipefail
cd "$(dirname "$0")"
secs=${1:-60}
shift || true
targets=${*:-signature mappers world}
out=${FUZZ_OUT:-/tmp/switchboard-fuzz}
core=../../core
qt_flags=$(pkg-config --cflags --libs Qt6Core)
flags="-std=c++17 -g -O1 -fPIC -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -I$core"
mkdir -p "$out"
for t in $targets; do
    mkdir -p "$out/corpus-$t"
    case $t in
    signature)
        clang++ $flags fuzz_signature.cpp $core/webhooks/Signature.cpp $qt_flags -o "$out/fuzz_$t"
        printf '\x20t=1700000000,v1=d95c6b7477fbd7e9f90b1b0ef5f9c7ac25abca5382460e0d988c2b2a5b71b990{"id":"evt"}' \
            >"$out/corpus-$t/seed1"
        printf '\x10t=1,v1=00,v0=aa,,x{}' >"$out/corpus-$t/seed2"
        ;;
    mappers)
        clang++ $flags fuzz_mappers.cpp $core/providers/stripe/StripeMapper.cpp $core/providers/circle/CircleMapper.cpp \
            $core/providers/kit/KitMapper.cpp $core/providers/Observation.cpp $core/domain/Types.cpp \
            $core/common/Time.cpp $core/common/Money.cpp $qt_flags -o "$out/fuzz_$t"
        # Seeds: each of the test fixtures' Stripe objects (real shapes), one file each.
        python3 -c 'import json,sys
d = json.load(open(sys.argv[1]))
for k, v in d.items():
    open(sys.argv[2] + "/" + k + ".json", "w").write(json.dumps(v))' ../data/stripe-fixtures.json "$out/corpus-$t"
        ;;
    world)
        clang++ $flags -I../../app/sandbox fuzz_world.cpp ../../app/sandbox/World.cpp $qt_flags -o "$out/fuzz_$t"
        # Seed: a small world (the demo world is larger than an input may be).
        python3 -c 'import json,sys
w = json.load(open(sys.argv[1]))
w["people"] = w["people"][:3]
open(sys.argv[2] + "/small-world.json", "w").write(json.dumps(w))' ../../resources/demo-world.json "$out/corpus-$t"
        ;;
    *)
        echo "unknown target $t" >&2
        exit 2
        ;;
    esac
    "$out/fuzz_$t" -max_total_time="$secs" -max_len=65536 -dict=json.dict -print_final_stats=1 "$out/corpus-$t" 2>&1 |
        grep -E "^(stat::|Done|==|SUMMARY|#.*(DONE|INITED))" || true
done

#!/usr/bin/env bash
# Builds and runs the libFuzzer targets with AddressSanitizer and UndefinedBehaviorSanitizer (clang 14 and
# libclang-rt-14-dev from Debian). Not part of ./build.sh test: a fuzz run is measured in minutes.
#   tests/fuzz/build.sh [SECONDS] [TARGET…]   (default 60 s per target; targets: signature mappers world http
#   ingest)
set -euo pipefail
cd "$(dirname "$0")"
secs=${1:-60}
shift || true
targets=${*:-signature mappers world http ingest}
out=${FUZZ_OUT:-/tmp/switchboard-fuzz}
core=../../core
qt_flags=$(pkg-config --cflags --libs Qt6Core)
qt_sql_flags=$(pkg-config --cflags --libs Qt6Core Qt6Sql)
flags="-std=c++20 -g -O1 -fPIC -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -I$core"
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
    http)
        clang++ $flags fuzz_http.cpp $core/webhooks/HttpRequestParser.cpp $qt_flags -o "$out/fuzz_$t"
        # Seeds: a signed delivery, one sent with bare LFs, and a refused one. The first byte cuts the rest.
        printf '\x07POST /webhooks/stripe HTTP/1.1\r\nHost: 127.0.0.1\r\nStripe-Signature: t=1,v1=00\r\nContent-Length: 2\r\n\r\n{}' \
            >"$out/corpus-$t/seed1"
        printf '\x01POST /webhooks/kit?x=1 HTTP/1.0\nContent-Length: 0\nExpect: 100-continue\n\n' >"$out/corpus-$t/seed2"
        printf '\x20POST /webhooks/stripe HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n' \
            >"$out/corpus-$t/seed3"
        ;;
    ingest)
        # The write path needs the store and what it links (the schema's migrations call the rebuild). The
        # folders it may draw on go into an archive, so the linker takes only what the target needs and a
        # file added to them by a refactor needs no edit here. Clients (QObject, network) stay out.
        objs="$out/obj-ingest"
        rm -rf "$objs"
        mkdir -p "$objs"
        for src in $core/common/*.cpp $core/domain/*.cpp $core/identity/*.cpp $core/store/*.cpp \
            $core/reconcile/*.cpp $core/providers/*.cpp $core/providers/*/*Mapper.cpp $core/sync/Rebuild.cpp; do
            # A file clang 14 cannot compile (it lacks some C++20, e.g. lambdas capturing structured
            # bindings) is left out: the link below fails only if the target needs it.
            clang++ $flags -c "$src" $(pkg-config --cflags Qt6Core Qt6Sql) \
                -o "$objs/$(echo "$src" | tr '/.' '__').o" 2>"$objs/last-error" ||
                echo "left out $src: $(head -1 "$objs/last-error")"
        done
        ar rcs "$objs/libcore-fuzz.a" "$objs"/*.o
        clang++ $flags fuzz_ingest.cpp "$objs/libcore-fuzz.a" $qt_sql_flags -o "$out/fuzz_$t"
        # Seeds: the Stripe fixtures as objects (selector 0) and as a page; Circle and Kit pages (selectors
        # 2 + 5k and 3 + 5k pick the kind).
        python3 -c 'import json,sys
out = sys.argv[3]
d = json.load(open(sys.argv[1]))
def put(name, sel, value):
    open(out + "/" + name, "wb").write(bytes([sel]) + json.dumps(value).encode())
for k, v in d.items():
    put("stripe-" + k, 1 if k == "event" else 0, v)
put("stripe-page", 0, list(d.values()))
p = json.load(open(sys.argv[2]))
put("circle-members", 2, p["circle_members"]["records"])
put("circle-group-members", 2 + 5 * 4, p["circle_access_group_members"]["records"])
put("circle-space-members", 2 + 5 * 5, p["circle_space_members"]["records"])
put("circle-tagged", 2 + 5 * 6, p["circle_tagged_members"]["records"])
put("kit-subscribers", 3, p["kit_subscribers"]["subscribers"])
put("kit-tag-subscribers", 4, p["kit_tag_subscribers"]["subscribers"])' ../data/stripe-fixtures.json \
            ../data/provider-pages.json "$out/corpus-$t"
        ;;
    *)
        echo "unknown target $t" >&2
        exit 2
        ;;
    esac
    dict=json.dict
    [ "$t" = http ] && dict=http.dict
    "$out/fuzz_$t" -max_total_time="$secs" -max_len=65536 -dict="$dict" -print_final_stats=1 "$out/corpus-$t" 2>&1 |
        grep -E "^(stat::|Done|==|SUMMARY|invariant|left out|#.*(DONE|INITED))" || true
done

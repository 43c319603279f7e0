#!/usr/bin/env bash
# Switchboard's two commands (and a few more):
#   ./build.sh demo    install what is missing, build, start the console on the sandbox's demo world
#   ./build.sh test    install what is missing, build, run every test
#   ./build.sh bench   install, build Release (build-rel), run the scale suite (1k, 10k, 100k people; about
#                      half an hour; arguments go to bench_scale, e.g. --scales 1000,10000)
#   ./build.sh build   install and build only
#   ./build.sh deb     build the Debian package (build/switchboard_*.deb)
# Environment: BUILD_DIR (default build), BUILD_TYPE (default RelWithDebInfo), SWITCHBOARD_WERROR=ON (CI).
set -euo pipefail
cd "$(dirname "$0")"

BUILD_DIR=${BUILD_DIR:-build}
BUILD_TYPE=${BUILD_TYPE:-RelWithDebInfo}
WERROR=${SWITCHBOARD_WERROR:-OFF}

install_packages() {
    local wanted missing=()
    wanted=$(grep -Ev '^\s*(#|$)' packaging/debian-packages.txt)
    for p in $wanted; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "build.sh: installing ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get -o DPkg::Lock::Timeout=600 update -qq
    $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}"
}

# The tests check webhook signatures against Stripe's own Node SDK (tests/node, pinned in its lock file).
# Node.js comes from Debian when the machine has none (a newer one already installed is used as it is).
install_test_node() {
    if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
        echo "build.sh: installing nodejs npm"
        local sudo=""
        [ "$(id -u)" -ne 0 ] && sudo="sudo"
        export DEBIAN_FRONTEND=noninteractive
        $sudo apt-get -o DPkg::Lock::Timeout=600 update -qq
        $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends nodejs npm
    fi
    if [ ! -f tests/node/node_modules/stripe/package.json ] ||
        [ tests/node/package-lock.json -nt tests/node/node_modules/.package-lock.json ]; then
        (cd tests/node && npm ci --no-audit --no-fund --loglevel=error)
    fi
}

configure_and_build() {
    if [ ! -f "$BUILD_DIR/CMakeCache.txt" ]; then
        cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE="$BUILD_TYPE" -DSWITCHBOARD_WERROR="$WERROR"
    else
        cmake "$BUILD_DIR" -DSWITCHBOARD_WERROR="$WERROR" >/dev/null
    fi
    cmake --build "$BUILD_DIR" -j2
}

cmd=${1:-demo}
case "$cmd" in
demo)
    install_packages
    configure_and_build
    if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}${QT_QPA_PLATFORM:-}" ]; then
        echo "build.sh: built. There is no display here, so the console cannot open a window."
        echo "  Run it under a virtual display:  xvfb-run -a $BUILD_DIR/bin/switchboard --demo"
        echo "  or take a screenshot headless:   QT_QPA_PLATFORM=offscreen $BUILD_DIR/bin/switchboard --demo --screenshot demo.png --show ada"
        exit 0
    fi
    exec "$BUILD_DIR/bin/switchboard" --demo
    ;;
test)
    install_packages
    install_test_node
    configure_and_build
    cd "$BUILD_DIR"
    ctest --output-on-failure -j2 --timeout 600
    ;;
bench)
    install_packages
    BUILD_DIR=${BENCH_BUILD_DIR:-build-rel}
    [ -f "$BUILD_DIR/CMakeCache.txt" ] || cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release
    cmake --build "$BUILD_DIR" -j2 --target bench_scale switchboard
    shift
    out=${BENCH_OUT:-bench-results.json}
    "$BUILD_DIR/bin/bench_scale" "$@" | tee "$out"
    echo "build.sh: results in $out (docs/BENCHMARKS.md explains them)"
    ;;
build)
    install_packages
    configure_and_build
    ;;
deb)
    install_packages
    configure_and_build
    (cd "$BUILD_DIR" && cpack -G DEB)
    ;;
*)
    echo "usage: ./build.sh demo|test|bench|build|deb" >&2
    exit 2
    ;;
esac

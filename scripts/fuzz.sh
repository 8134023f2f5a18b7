#!/usr/bin/env bash
# Fuzzes sgs's readers with libFuzzer and AddressSanitizer (docs/fuzzing.md).
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]
#
# Builds the library modules with coverage and ASan into .build/fuzz (swiftc, not SwiftPM:
# libFuzzer brings its own main), then runs each target of Fuzz/<target>/main.swift for
# SECONDS (default 60), one after another, starting from its seed corpus (Fuzz/<target>/seeds
# and the test files named in Fuzz/<target>/seed-dirs) plus what earlier runs found
# (.build/fuzz/corpus/<target>). A crash stops the script with the input saved as
# .build/fuzz/crash-<target>-*; keep it as a regression test once fixed. Targets whose
# reader does not exist in this tree (Fuzz/<target>/requires names a file) are skipped.
# Exit status: 0 when every target ran clean, 1 on a finding, 2 on a build failure.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
out=.build/fuzz
mkdir -p "$out"
[ -x /opt/swift/usr/bin/swiftc ] && ! command -v swiftc >/dev/null && export PATH="/opt/swift/usr/bin:$PATH"

# Every system-library shim, and the C flags pkg-config gives for the libraries they wrap.
includes=()
for shim in Sources/C*/; do includes+=(-I "${shim%/}"); done
libraries=(openblas libpng)
[ -d Sources/CJPEG ] && libraries+=(libjpeg)
for flag in $(pkg-config --cflags "${libraries[@]}"); do includes+=(-Xcc "$flag"); done
links=($(pkg-config --libs "${libraries[@]}"))
common=(-O -g -swift-version 6 -sanitize=fuzzer,address -parse-as-library -I "$out" "${includes[@]}")

# A module is rebuilt when one of its sources, or a module it builds on, is newer than it.
# `module_flags` (set for one call) adds compiler flags for that module alone.
module_flags=()
build_module() {
    local name=$1 library="$out/lib$1.a" fresh=1 below
    shift
    [ -f "$library" ] && [ -z "$(find "Sources/$name" -name '*.swift' -newer "$library")" ] || fresh=0
    for below in "$@"; do if [ "$out/lib$below.a" -nt "$library" ]; then fresh=0; fi; done
    if [ "$fresh" = 1 ]; then
        return
    fi
    echo "fuzz: building $name" >&2
    rm -f "$library"
    swiftc "${common[@]}" ${module_flags[@]+"${module_flags[@]}"} -wmo -module-name "$name" -emit-module -emit-module-path "$out/$name.swiftmodule" \
        -emit-library -static -o "$library" $(find "Sources/$name" -name '*.swift' | sort) 2>&1 \
        | grep -v -e "warning:" -e "^ *[|^]" -e "^$" >&2 || true
    [ -f "$library" ] || { echo "fuzz: building $name failed" >&2; exit 2; }
}
build_module VectorKernels
build_module AVX2Kernels VectorKernels
# As in Package.swift: the only module compiled for AVX-512, run only where the CPU has it.
[ "$(uname -m)" = x86_64 ] && module_flags=(-target-cpu skylake-avx512)
build_module AVX512Kernels VectorKernels
module_flags=()
build_module Tensor AVX2Kernels AVX512Kernels
build_module Imaging Tensor
build_module SinGAN Imaging
build_module Script
build_module SGSCommands SinGAN Script

targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=($(ls Fuzz))
status=0
for target in "${targets[@]}"; do
    dir=Fuzz/$target
    [ -f "$dir/main.swift" ] || { echo "fuzz: no target $target" >&2; exit 2; }
    if [ -f "$dir/requires" ] && [ ! -e "$(cat "$dir/requires")" ]; then
        echo "fuzz: $target skipped ($(cat "$dir/requires") is not in this tree)"
        continue
    fi
    binary=$out/fuzz-$target
    if [ ! -x "$binary" ] || [ -n "$(find "$dir" "$out"/*.a -newer "$binary" | head -n 1)" ]; then
        echo "fuzz: linking $target" >&2
        swiftc "${common[@]}" -module-name "Fuzz_$target" "$dir"/*.swift -o "$binary" \
            -L "$out" -lSGSCommands -lScript -lSinGAN -lImaging -lTensor -lAVX2Kernels -lAVX512Kernels -lVectorKernels "${links[@]}" 2>&1 | grep -v "warning:" >&2 || true
        [ -x "$binary" ] || { echo "fuzz: linking $target failed" >&2; exit 2; }
    fi
    corpus=$out/corpus/$target
    mkdir -p "$corpus"
    seeds=()
    [ -d "$dir/seeds" ] && seeds+=("$dir/seeds")
    if [ -f "$dir/seed-dirs" ]; then
        while read -r seed; do [ -d "$seed" ] && seeds+=("$seed"); done < "$dir/seed-dirs"
    fi
    options=(-max_total_time="$seconds" -timeout=25 -rss_limit_mb=2048 -print_final_stats=1
             -artifact_prefix="$out/crash-$target-")
    [ -f "$dir/dict" ] && options+=(-dict="$dir/dict")
    log=$out/$target.log
    echo "fuzz: $target for $seconds s (log $log)"
    if "$binary" "${options[@]}" "$corpus" "${seeds[@]}" >"$log" 2>&1; then
        # The last status line: executions, coverage, features, corpus size.
        summary=$(grep -E '^#[0-9]+' "$log" | tail -n 1)
        execs=$(grep -E 'stat::number_of_executed_units' "$log" | awk '{print $2}')
        echo "fuzz: $target clean: ${execs:-?} executions; ${summary#* }"
    else
        echo "fuzz: $target FOUND A CRASH; see $log and $out/crash-$target-*" >&2
        tail -n 40 "$log" >&2
        status=1
    fi
done
exit "$status"

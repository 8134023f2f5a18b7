#!/usr/bin/env python3
"""Open an sgs model file with the `safetensors` Python package and print what it holds.

Usage: scripts/check-safetensors.py FILE
Needs: pip install safetensors numpy. Exits non-zero if the package refuses the file.
"""
import sys

from safetensors import safe_open


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    path = sys.argv[1]
    with safe_open(path, framework="numpy") as f:
        metadata = f.metadata() or {}
        for key in sorted(metadata):
            print(f"metadata {key} = {metadata[key]!r}")
        for name in f.keys():
            t = f.get_tensor(name)
            summary = f"min {t.min():.6g} max {t.max():.6g}" if t.size else "empty"
            print(f"tensor {name} {t.dtype} {list(t.shape)} {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

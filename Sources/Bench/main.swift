// sgs-bench: the release-build benchmark behind scripts/bench.sh.
print("bench")

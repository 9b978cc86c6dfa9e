# `make bench`: the performance benchmark (docs/benchmarks.md). Included from the Makefile.
# About 9 minutes on the 2-core dev machine, plus the release build when it is stale. Needs
# the local PostgreSQL server (BENCH_PG_URL, default postgres://postgres@127.0.0.1:5432, a
# superuser with trust auth); makes and drops its own database. Shorter development runs:
#   make bench BENCH_ROUNDS=1 BENCH_SECONDS=3 BENCH_WRITE_DOC=0

.PHONY: bench
bench:
	bash tests/bench/run.sh

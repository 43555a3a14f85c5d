# dmsc: compiler for Ed-Fi data services. `make demo` and `make test` are the
# two commands a newcomer needs; the rest are for development.

GO        ?= go
BIN       := bin
DMSC      := $(BIN)/dmsc
SCHEMA    := schemas/default/core.ApiSchema.json
EXTENSION := schemas/default/sample.ApiSchema.json
OUT       := out/default
DEMO_DB   ?=
DEVDB     := out/pgdata
STATICCHECK_VERSION := v0.8.2

SERVER    := $(BIN)/dmsc-default-server
LISTEN    ?= 127.0.0.1:8080

.PHONY: all build test test-realschemas test-difftest build-ds32a lint goldens generate demo clean bench bench-server bench-ds32a bench-scale bench-load bench-codec bench-relauth bench-readchanges-scale

all: build

build:
	$(GO) build -o $(DMSC) ./cmd/dmsc
	$(GO) build -o $(SERVER) ./generated/default/cmd/dmsc-default-server

# Every test. Tests that compare with the reference data read ../shared and
# fail (rather than skip) when CI is set and it is missing.
test:
	$(GO) test ./...

# Every-resource HTTP round trip through generated servers for real
# MetaEd schemas (DS 3.2a core; bundled core + Homograph). Needs ../shared.
test-realschemas:
	DMSC_REALSCHEMAS=1 $(GO) test ./internal/roundtrip -run RealSchemas -count=1 -timeout 60m -v

# Differential test of the generated code against the interpreter it
# replaced (internal/oracle) on every resource of the bundled schema and of
# the DS 3.2a core (needs ../shared): fake documents, mutations and raw
# bodies through both, answers, stored rows and GETs compared.
test-difftest:
	DMSC_DIFFTEST_DS32A=1 $(GO) test ./internal/difftest -run '^(TestBundled|TestBundledCodecs|TestDifferentialDetects|TestDS32a)$$' -count=1 -v -timeout 60m

# Regenerate the checked-in generated server (generated/default) from the
# bundled schema; CI fails when the committed files are stale.
generate:
	$(GO) generate ./generated

# go.mod must list what the code imports, direct dependencies as direct:
# CI fails when `go mod tidy` would change it.
lint:
	$(GO) mod tidy -diff
	$(GO) vet ./...
	$(GO) run honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION) ./...

# Rewrite the project's own goldens from the current compiler output; review
# the diff before committing it.
goldens:
	$(GO) test ./compiler/fixture -run TestOwnGoldens -update

bench:
	$(GO) test ./cmd/dmsc -run '^$$' -bench . -benchtime 5x

# The bundled server over HTTP: POST/GET/PUT/DELETE latency, 8-client POSTs/s,
# database round trips per operation.
bench-server:
	$(GO) test ./generated -run '^$$' -bench . -benchtime 2000x

# Per document, generated code beside the interpreter (internal/oracle):
# decode + validate + flatten of a POST body, hydrate + encode of a GET, over
# one fake document of every resource of the bundled schema and of the DS
# 3.2a core (needs ../shared).
bench-codec:
	$(GO) test ./internal/difftest -run '^$$' -bench '^BenchmarkBundled$$' -benchtime 20000x -count 3
	DMSC_DIFFTEST_DS32A=1 $(GO) test ./internal/difftest -run '^TestDS32aBenchmarks$$' -count=1 -v -timeout 30m

# DS 3.2a server: descriptor, studentSchoolAssociations, studentAssessments;
# 1 and 8 clients; ratio to the raw-SQL floor (docs/benchmarks.md).
bench-ds32a:
	DMSC_BENCH=1 $(GO) test ./internal/bench -run '^$$' -bench '^BenchmarkDS32a$$' -benchtime 400x -timeout 30m
	DMSC_BENCH=1 $(GO) test ./internal/bench -run '^$$' -bench '^BenchmarkCompileDS32a$$' -benchtime 5x -timeout 30m

# Relationship authorization (issue 15, docs/benchmarks.md): 100,000
# students in 100 schools, a RelationshipsWithEdOrgsAndPeople client of one
# school against a NoFurtherAuthorizationRequired one: SSA page, student by
# id, SSA POST, p50 of each and their ratio. RELAUTH_LAYOUT=by-school
# loads one school's documents after another instead of interleaved
# (DMSC_BENCH_LAYOUT; bench-readchanges-scale's base data follows it too).
RELAUTH_LAYOUT ?= interleaved
bench-relauth:
	DMSC_BENCH=1 DMSC_BENCH_LAYOUT=$(RELAUTH_LAYOUT) $(GO) test ./generated -run '^$$' -bench '^BenchmarkRelationshipAuthorization$$' -benchtime 1000x -count=1 -timeout 30m

# ReadChanges at district scale (docs/benchmarks.md): bench-relauth's
# database with TOMBSTONES synthetic StudentSchoolAssociation tombstones
# (and a tenth as many key changes), a one-school and a district client
# against FullAccess; logs the generic plans' EXPLAIN (ANALYZE, BUFFERS).
TOMBSTONES ?= 1000000
bench-readchanges-scale:
	DMSC_BENCH_TOMBSTONES=$(TOMBSTONES) DMSC_BENCH_LAYOUT=$(RELAUTH_LAYOUT) $(GO) test ./generated -run '^$$' -bench '^BenchmarkReadChangesScale$$' -benchtime 20x -count=1 -timeout 40m -v

# Growth benchmarks (docs/benchmarks.md): the DS 3.2a server on databases
# holding 10k, 100k and 1M studentSchoolAssociations, bulk-loaded with the
# server's load subcommand into databases dmsc_bench_scale_N that are
# kept and reused by later runs. SIZES=10000,100000 picks sizes; RELOAD=1
# reloads (to measure the load again).
SIZES  ?=
RELOAD ?=
bench-scale:
	DMSC_BENCH=1 DMSC_BENCH_SCALE_SIZES='$(SIZES)' DMSC_BENCH_SCALE_RELOAD='$(RELOAD)' \
	  $(GO) test ./internal/bench -run '^$$' -bench '^BenchmarkScale$$' -benchtime 200x -timeout 6h -v

# Bulk load of the 19,875 documents of `dmsc fake --count 75` over the DS 3.2a
# core (docs/benchmarks.md, Bulk load): direct (the generated server's load
# subcommand), re-run, the raw COPY floor and HTTP, each run three times on
# its own (take the medians).
bench-load:
	DMSC_BENCH=1 $(GO) test ./internal/apiload -run '^$$' -bench '^BenchmarkLoadDS32a$$/(direct|rerun|rawcopy|http)$$' -benchtime 1x -count 3 -timeout 60m

# Generate and build a server for the DS 3.2a core (265 resources) and report
# generation time, lines, build time and binary size.
build-ds32a:
	DMSC_BUILD_DS32A=1 $(GO) test ./compiler/gogen -run TestBuildDS32a -count=1 -v -timeout 30m

# The main job on the bundled default schema: compile, provision a database
# (DEMO_DB=postgres://...; empty: 127.0.0.1:5432 when a server listens
# there, else a private cluster in $(DEVDB); DEMO_DB=private: always that),
# start the generated server and print example calls once it listens
# (Ctrl-C stops it, and the private cluster).
demo: build
	@DMSC='$(DMSC)' SERVER='$(SERVER)' SCHEMA='$(SCHEMA)' EXTENSION='$(EXTENSION)' OUT='$(OUT)' \
	  LISTEN='$(LISTEN)' DEMO_DB='$(DEMO_DB)' DEVDB='$(DEVDB)' scripts/demo.sh

clean:
	[ ! -x $(DMSC) ] || [ ! -d $(DEVDB) ] || $(DMSC) devdb stop --dir $(DEVDB)
	rm -rf $(BIN) out

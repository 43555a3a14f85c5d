# dmsc: compiler for Ed-Fi data services. `make demo` and `make test` are the
# two commands a newcomer needs; the rest are for development.

GO        ?= go
BIN       := bin
DMSC      := $(BIN)/dmsc
SCHEMA    := schemas/default/core.ApiSchema.json
EXTENSION := schemas/default/sample.ApiSchema.json
OUT       := out/default
DEMO_DB   ?= postgres://postgres@127.0.0.1:5432/dmsc_demo
STATICCHECK_VERSION := v0.8.2

.PHONY: all build test lint goldens demo clean bench

all: build

build:
	$(GO) build -o $(DMSC) ./cmd/dmsc

# Every test. Tests that compare with the reference data read ../shared and
# fail (rather than skip) when CI is set and it is missing.
test:
	$(GO) test ./...

lint:
	$(GO) vet ./...
	$(GO) run honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION) ./...

# Rewrite the project's own goldens from the current compiler output; review
# the diff before committing it.
goldens:
	$(GO) test ./compiler/fixture -run TestOwnGoldens -update

bench:
	$(GO) test ./cmd/dmsc -run '^$$' -bench . -benchtime 5x

# The main job on the bundled default schema.
demo: build
	$(DMSC) schema inspect --schema $(SCHEMA) --schema $(EXTENSION)
	$(DMSC) ddl emit --schema $(SCHEMA) --schema $(EXTENSION) --output $(OUT) --ddl-manifest
	$(DMSC) ddl provision --schema $(SCHEMA) --schema $(EXTENSION) --connection-string $(DEMO_DB) --create-database
	$(DMSC) db verify --schema $(SCHEMA) --schema $(EXTENSION) --connection-string $(DEMO_DB)

clean:
	rm -rf $(BIN) out

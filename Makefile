# tract — the two commands a newcomer needs:
#   make        builds the sample site into dist/ and says where to look
#   make test   runs every test (RACE=1 adds the race detector, as CI does)
#   make bench  compares tract with Hugo on generated sites (bench/run.sh)
GO ?= go
BIN := bin/tract

# Every fuzz target, as package:Target (TestMakefileListsEveryFuzzTarget
# in makefile_test.go fails when one is missing). `make fuzz` runs each
# for FUZZTIME; CI runs it for a short time after the tests.
FUZZ := \
	./internal/content:FuzzFrontMatter \
	./internal/content:FuzzConfig \
	./internal/content:FuzzDigest \
	./internal/locale:FuzzLocaleFile \
	./internal/markdown:FuzzMarkdownHTML \
	./internal/markdown:FuzzTypesetFastPath \
	./internal/markdown:FuzzRestore \
	./internal/markdown:FuzzLinkifyShortcut \
	./internal/search:FuzzAppendDistinct \
	./internal/pdf:FuzzMarkdownPDF \
	./internal/pdf/fonts:FuzzParse \
	./internal/pdf/hyphen:FuzzPoints \
	./internal/pdf/typeset:FuzzLineSegments \
	./internal/pdf/typeset:FuzzPrepareAndLayout
FUZZTIME ?= 10s

.PHONY: all site test fuzz bin clean bench

all: site

# Pure Go: tract needs no C, and a binary without cgo starts under a
# limit on address space (ulimit -v) where one with it fails to make its
# first thread.
bin:
	CGO_ENABLED=0 $(GO) build -o $(BIN) ./cmd/tract

site: bin
	./$(BIN) build

# The browser tests (e2e/) run when Chromium is installed and skip, saying
# so, when it is not; axe-core comes from npm, when npm is there.
# The patched fpdf (third_party/fpdf) is a package of this module, so
# ./... tests its patches too. Under the race detector
# internal/build's tests, which build and compare whole sites again and
# again, take longer than go test's default limit of 10 minutes.
test: $(if $(shell command -v npm),e2e/node_modules)
	$(GO) vet ./...
	$(GO) test $(if $(RACE),-race -timeout 40m) ./...

e2e/node_modules: e2e/package.json e2e/package-lock.json
	cd e2e && npm ci --no-audit --no-fund
	touch $@

fuzz:
	@GO=$(GO) bash .ci/fuzz $(FUZZTIME) $(FUZZ)

bench:
	./bench/run.sh

clean:
	rm -rf bin dist

# tract — the two commands a newcomer needs:
#   make        builds the sample site into dist/ and says where to look
#   make test   runs every test (RACE=1 adds the race detector, as CI does)
# and two for those who work on tract:
#   make bench  compares tract with Hugo on generated sites (bench/run.sh)
#   make release  builds tract for the computers volunteers use (release/)
GO ?= go
BIN := bin/tract

# Every fuzz target, as package:Target (TestMakefileListsEveryFuzzTarget
# in makefile_test.go fails when one is missing). `make fuzz` runs each
# for FUZZTIME; CI runs it for a short time after the tests.
FUZZ := \
	./internal/content:FuzzFrontMatter \
	./internal/content:FuzzQuickFrontIsWhatYAMLReads \
	./internal/content:FuzzConfig \
	./internal/content:FuzzConfigSyntaxHelp \
	./internal/content:FuzzDigest \
	./internal/content:FuzzTagKey \
	./internal/content:FuzzParagraphs \
	./internal/imaging:FuzzExifOrientation \
	./internal/imaging:FuzzPhotoPNG \
	./internal/imaging:FuzzCheck \
	./internal/locale:FuzzLocaleFile \
	./internal/markdown:FuzzMarkdownHTML \
	./internal/markdown:FuzzTypesetFastPath \
	./internal/markdown:FuzzRestore \
	./internal/markdown:FuzzLinkifyShortcut \
	./internal/markdown:FuzzFindStrays \
	./internal/markdown:FuzzCopiedParagraphs \
	./internal/search:FuzzAppendDistinct \
	./internal/status:FuzzChangedWords \
	./internal/web:FuzzFileAt \
	./internal/web:FuzzAppendJSONString \
	./internal/pdf:FuzzMarkdownPDF \
	./internal/pdf/fonts:FuzzParse \
	./internal/pdf/hyphen:FuzzPoints \
	./internal/pdf/layout:FuzzFit \
	./internal/pdf/typeset:FuzzLineSegments \
	./internal/pdf/typeset:FuzzPrepareAndLayout \
	./internal/pdf/typeset:FuzzFindPhones
FUZZTIME ?= 10s

.PHONY: all site test fuzz bin clean bench release

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
#
# Every benchmark then runs once, as a test of its own setup: one whose
# text a later rule made an error (a leaflet of 4,000 lines) failed
# unseen for 413 commits. The browser tests have none, and their setup starts
# Chromium: they are left out.
test: $(if $(shell command -v npm),e2e/node_modules)
	$(GO) vet ./...
	$(GO) test $(if $(RACE),-race -timeout 40m) ./...
	$(GO) test -run '^$$' -bench . -benchtime 1x $$($(GO) list ./... | grep -v '/e2e$$')

e2e/node_modules: e2e/package.json e2e/package-lock.json
	cd e2e && npm ci --no-audit --no-fund
	touch $@

fuzz:
	@GO=$(GO) bash .ci/fuzz $(FUZZTIME) $(FUZZ)

bench:
	./bench/run.sh

# One binary for each system volunteers' computers run, old 32-bit
# laptops included, so that one person with Go can make tract for the
# others; none needs anything installed to run it. -trimpath keeps the
# builder's folders out of the binaries, which are then the same bytes
# whoever builds them from the same commit with the same Go.
# SHA256SUMS lets whoever passes them on check that they arrived whole.
# linux/arm is built for ARMv6, so that it runs on every Raspberry Pi,
# the first and the Zero included (GOARM=6; other targets ignore it).
# The macOS builds need macOS 12 or newer, as Go 1.26 does.
RELEASE := linux/amd64 linux/386 linux/arm64 linux/arm windows/amd64 windows/386 darwin/amd64 darwin/arm64
release:
	rm -rf release && mkdir release
	for t in $(RELEASE); do \
		os=$${t%/*}; arch=$${t#*/}; ext=; [ $$os = windows ] && ext=.exe; \
		CGO_ENABLED=0 GOOS=$$os GOARCH=$$arch GOARM=6 $(GO) build -trimpath -o release/tract-$$os-$$arch$$ext ./cmd/tract || exit 1; \
	done
	cd release && { sha256sum tract-* 2>/dev/null || shasum -a 256 tract-*; } > SHA256SUMS
	@echo "release/: $$(ls release | wc -l) files; give each person the one for their computer"

clean:
	rm -rf bin dist release

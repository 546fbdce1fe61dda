# tract — the two commands a newcomer needs:
#   make        builds the sample site into dist/ and says where to look
#   make test   runs every test
GO ?= go
BIN := bin/tract

.PHONY: all site test bin clean

all: site

bin:
	$(GO) build -o $(BIN) ./cmd/tract

site: bin
	./$(BIN) build

test:
	$(GO) vet ./...
	$(GO) test ./...

clean:
	rm -rf bin dist

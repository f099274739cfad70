# Thin wrappers of go commands; the README's two commands work without make.
.PHONY: demo test lint build bench

demo:
	go run ./cmd/stridegate check examples/baseline

test:
	go test ./...

lint:
	go vet ./...
	go tool opa fmt --list --fail policy
	go tool opa check --strict policy

build:
	go build -o stridegate ./cmd/stridegate

# stridegate vs conftest vs opa eval on the generated corpus (test/bench); BENCHFLAGS e.g. -resources 1000
bench:
	go test -run '^$$' -bench . -benchmem -benchtime=1x ./test/
	go run ./test/bench $(BENCHFLAGS)

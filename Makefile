# Thin wrappers of go commands; the README's two commands work without make.
.PHONY: demo test lint build

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

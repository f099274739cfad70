# Thin wrappers of go commands; the README's two commands work without make.
.PHONY: demo test lint build bench bundle gatekeeper

demo:
	go run ./cmd/stridegate check examples/baseline

test:
	go test ./...

lint:
	go vet ./...
	go tool opa fmt --list --fail policy
	go tool opa check --strict policy
	go tool opa check --strict --capabilities .opa/capabilities.json policy

# a standard OPA bundle of the policy (SIGNING_KEY=key.pem to sign it)
bundle:
	go run ./cmd/stridegate bundle build --out bundle.tar.gz $(if $(SIGNING_KEY),--signing-key $(SIGNING_KEY))

# ConstraintTemplates, Constraints, sync Config and Helm values for Gatekeeper
gatekeeper:
	go run ./cmd/stridegate gatekeeper export --out gatekeeper

build:
	go build -o stridegate ./cmd/stridegate

# stridegate vs conftest vs opa eval on the generated corpus (test/bench); BENCHFLAGS e.g. -resources 1000
bench:
	go test -run '^$$' -bench . -benchmem -benchtime=1x ./test/
	go run ./test/bench $(BENCHFLAGS)

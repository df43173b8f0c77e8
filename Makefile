# The two commands of the README: `make demo` runs the app, `make test` runs the whole test suite.
# Each installs what it needs first (Debian packages, then the locked Python environment).
.PHONY: demo run test bench check-config self-test clean

demo:
	scripts/setup-system.sh --app
	scripts/setup-python.sh
	.venv/bin/softphone --demo

run:
	scripts/setup-system.sh --app
	scripts/setup-python.sh
	.venv/bin/softphone

test:
	scripts/setup-system.sh --test
	scripts/setup-python.sh --test
	scripts/with-test-services.sh .venv/bin/pytest $(PYTEST_ARGS)

bench:
	scripts/setup-system.sh --test
	scripts/setup-python.sh --bench
	scripts/with-test-services.sh scripts/run-benchmarks.sh

self-test:
	scripts/setup-python.sh
	.venv/bin/softphone --self-test

clean:
	rm -rf .venv .pytest_cache tests/artifacts

.PHONY: setup test bench
setup:
	scripts/setup
test:
	scripts/test
bench:
	scripts/bench

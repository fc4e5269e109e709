# Thin wrappers; the logic lives in scripts/.
.PHONY: setup test
setup:
	scripts/setup
test:
	scripts/test

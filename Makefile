# The front door: every target sets up .venv first, then runs an invoke task.
VENV   := .venv
PYTHON := $(VENV)/bin/python
INVOKE := $(VENV)/bin/invoke
STAMP  := $(VENV)/.installed
# The checkers the tests run (axe-core, vnu.jar) and the web editor's packages
# (vendored into editor/vendor/ by `invoke editor-vendor`), pinned in package-lock.json.
NODE_STAMP := node_modules/.installed

.PHONY: serve build test bench clean lock

serve: $(STAMP)
	$(INVOKE) serve

build: $(STAMP)
	$(INVOKE) build

test: $(STAMP) $(NODE_STAMP)
	$(INVOKE) test

bench: $(STAMP)
	$(INVOKE) bench

# After a change to pyproject.toml's dependencies: the current lock's tools (uv), then
# `invoke lock` writes requirements/*.txt anew; commit them with pyproject.toml.
lock:
	python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements/dev.txt
	$(INVOKE) lock

clean:
	rm -rf output cache test-artefacts node_modules $(VENV)

# Every Python package, from the lock (requirements/dev.txt, written by `invoke lock` from
# pyproject.toml), each file checked against its hash; again whenever either changes.
$(STAMP): pyproject.toml requirements/dev.txt
	python3 requirements/check.py
	python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements/dev.txt
	touch $(STAMP)

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $(NODE_STAMP)

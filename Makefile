# The front door: every target sets up .venv first, then runs an invoke task.
VENV   := .venv
PYTHON := $(VENV)/bin/python
INVOKE := $(VENV)/bin/invoke
STAMP  := $(VENV)/.installed
# The checkers the tests run (axe-core, vnu.jar) and the web editor's packages
# (vendored into editor/vendor/ by `invoke editor-vendor`), pinned in package-lock.json.
NODE_STAMP := node_modules/.installed

.PHONY: serve build test bench clean

serve: $(STAMP)
	$(INVOKE) serve

build: $(STAMP)
	$(INVOKE) build

test: $(STAMP) $(NODE_STAMP)
	$(INVOKE) test

bench: $(STAMP)
	$(INVOKE) bench

clean:
	rm -rf output .output-spare cache test-artefacts node_modules $(VENV)

# The pinned dependencies of pyproject.toml (with the test extra), installed
# again whenever pyproject.toml changes.
$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PYTHON) -c 'import tomllib; p = tomllib.load(open("pyproject.toml", "rb"))["project"]; print("\n".join(p["dependencies"] + p["optional-dependencies"]["test"]))' > $(VENV)/requirements.txt
	$(PYTHON) -m pip install --quiet --disable-pip-version-check -r $(VENV)/requirements.txt
	touch $(STAMP)

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $(NODE_STAMP)

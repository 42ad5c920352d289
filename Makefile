# Two commands do all the set-up: `make run` opens the studio on the sample project,
# `make test` runs the whole suite with lint and type checks. Both install what is missing.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml setup.py | cksum | cut -d' ' -f1)
SYSTEM_PACKAGES := libenchant-2-2 hunspell-en-us libegl1 libgl1 libxkbcommon0 libfontconfig1 \
	libdbus-1-3 libglib2.0-0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 \
	libxcb-shape0 libxcb-randr0 libxcb-render-util0 libxcb-image0 fonts-dejavu-core

.PHONY: run test lint typecheck bench setup system clean

run: setup
	$(BIN)/studio

test: setup
	$(BIN)/ruff check studio tests
	$(BIN)/ruff format --check studio tests
	$(BIN)/mypy
	$(BIN)/pytest -q -p no:cacheprovider

lint: setup
	$(BIN)/ruff check studio tests
	$(BIN)/ruff format --check studio tests

bench: setup
	$(BIN)/python -m tests.benchmarks

# Bytecode is compiled explicitly: machines that set PYTHONDONTWRITEBYTECODE=1 would otherwise
# compile every module of the editable install from source on each start of the studio.
setup: system $(STAMP)
	@$(BIN)/python -m compileall -q studio

# Installs the Debian packages pyenchant and Qt need, with apt-get as root, sudo otherwise,
# and prints the exact command when neither is possible.
system:
	@missing=""; for p in $(SYSTEM_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing system packages:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  elif command -v sudo >/dev/null 2>&1; then sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else echo "Please run as root: apt-get install -y$$missing"; exit 1; fi; \
	fi

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || { \
	  echo "python3 -m venv failed: apt-get install -y python3-venv, then try again"; exit 1; }
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	@rm -f $(VENV)/.installed-*
	@touch $@

clean:
	rm -rf $(VENV) build *.egg-info

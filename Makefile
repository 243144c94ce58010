# Shortcuts for dev.py, which needs only Python.
.PHONY: run test lint
run:
	python3 dev.py run
test:
	python3 dev.py test
lint:
	.venv/bin/ruff check src tests bench && .venv/bin/ruff format --check src tests bench

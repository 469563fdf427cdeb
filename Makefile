# Two commands on a fresh machine: `make run` and `make test`.
VENV := .venv
PYTHON := $(VENV)/bin/python
HOST ?= 127.0.0.1:8000

.PHONY: run test install messages migrate worker beat backup restore

# pip shows what it downloads and installs: the first run takes minutes and should be seen to move.
$(VENV)/.installed: pyproject.toml
	@echo "==> 1/4 Môi trường Python ($(VENV))"
	test -x $(PYTHON) || python3 -m venv $(VENV)
	$(PYTHON) -m pip install --progress-bar on --upgrade pip
	@echo "==> Cài các gói (lần đầu mất vài phút)"
	$(PYTHON) -m pip install --progress-bar on -e '.[test]'
	touch $@

install: $(VENV)/.installed

messages: install
	@echo "==> 2/4 Bản dịch giao diện"
	$(PYTHON) manage.py compilemessages --ignore=.venv -v 0

migrate: messages
	@echo "==> 3/4 Cơ sở dữ liệu"
	$(PYTHON) manage.py migrate -v 1

# The development server: DEBUG on unless set (production serves with gunicorn, DEBUG false and its own SECRET_KEY).
run: export DEBUG ?= true
run: migrate
	@echo "==> 4/4 Kế hoạch mẫu và tài khoản dùng thử"
	$(PYTHON) manage.py seed_demo --host $(HOST)
	$(PYTHON) manage.py runserver $(HOST)

# On every core (pytest-xdist), each worker with its own test database, Redis database and MEDIA_ROOT (tests/conftest.py).
# Tests are handed out one at a time and in pytest-django's order: no worker idles while the other still holds a queue
# of browser tests, and none runs a test needing the migrations' data after one that flushed its database.
test: messages
	$(VENV)/bin/pytest -n auto --maxschedchunk 1

worker: install
	$(VENV)/bin/celery -A config worker -P prefork -c 2 --without-mingle --without-gossip -l info

beat: install
	$(VENV)/bin/celery -A config beat --pidfile= -l info

# A dated archive of the database (pg_dump, or SQLite's copy) and media/, into backups/ (BACKUP_DIR to change it).
BACKUP_DIR ?= backups
backup: install
	$(PYTHON) manage.py backup --output-dir $(BACKUP_DIR)

# Into an empty database only (create it first): make restore FILE=backups/thidua-20261124-090000.tar.gz
restore: install
	@test -n "$(FILE)" || { echo "usage: make restore FILE=backups/thidua-YYYYMMDD-HHMMSS.tar.gz"; exit 2; }
	$(PYTHON) manage.py restore "$(FILE)"

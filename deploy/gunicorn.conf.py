"""gunicorn settings for Sổ Thi đua (docs/deploy.md): `gunicorn -c deploy/gunicorn.conf.py wsgi:app`.

Every figure can be changed from the environment (the systemd unit reads /etc/sotd/env), so this file is copied
once and never edited on the server.
"""

import os

# nginx in front, on the same machine: the app listens on the loopback only.
bind = os.environ.get("SOTD_BIND", "127.0.0.1:8000")

# Sync workers: each request is short (tens of milliseconds) and a unit of twenty people has a handful of
# simultaneous users. Two workers keep one free while the other writes a document; raise it for a city-wide server
# (about 2 per CPU core), never above what the database accepts (SQLite serialises writes anyway).
workers = int(os.environ.get("SOTD_WORKERS", "2"))
worker_class = "sync"

# The year-end documents of a 2,000-person unit take about 5 s to write (docs/performance.md); 60 s leaves room
# on a slow machine without letting a stuck request hold a worker for ever.
timeout = int(os.environ.get("SOTD_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5

# A worker is replaced after about a thousand requests, so a slow leak can never grow for weeks.
max_requests = 1000
max_requests_jitter = 100

# No preload: each worker opens its own database connections after the fork.
preload_app = False

# nginx on this machine is the only proxy trusted for X-Forwarded-* (the app's own trust is SOTD_PROXY_COUNT).
forwarded_allow_ips = os.environ.get("SOTD_FORWARDED_ALLOW_IPS", "127.0.0.1")

accesslog = "-"  # to the journal, through systemd
errorlog = "-"
loglevel = os.environ.get("SOTD_LOG_LEVEL", "info")

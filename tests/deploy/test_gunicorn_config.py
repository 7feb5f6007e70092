"""deploy/gunicorn.conf.py as docs/deploy.md runs it: gunicorn, its settings from /etc/sotd/env's variables, behind
an HTTPS proxy. What a newcomer would check by hand after deploying, checked here over a real socket."""

from __future__ import annotations

import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
PASSWORD = "mat-khau-quan-tri-2026"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    folder = tmp_path_factory.mktemp("deployed")
    port = free_port()
    env = {**os.environ, "FLASK_APP": "wsgi", "DATABASE_URL": f"sqlite:///{folder / 'sotd.sqlite3'}",
           "SECRET_KEY": "a" * 64, "SOTD_HTTPS": "1", "SOTD_PROXY_COUNT": "1", "SOTD_BIND": f"127.0.0.1:{port}",
           "SOTD_WORKERS": "2"}
    for command in (["db", "upgrade"], ["create-admin", "quantri", "--password", PASSWORD]):
        subprocess.run([BIN / "flask", *command], cwd=ROOT, env=env, check=True, capture_output=True)
    server = subprocess.Popen([BIN / "gunicorn", "-c", "deploy/gunicorn.conf.py", "wsgi:app"], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    else:
        server.kill()
        pytest.fail("gunicorn did not start: " + server.stderr.read().decode()[-2000:])
    yield port, server
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=40)


def request(port, method, path, body=None, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    # As nginx forwards it: the client's address and the HTTPS it spoke.
    forwarded = {"X-Forwarded-For": "203.0.113.7", "X-Forwarded-Proto": "https", "Host": "thidua.example.gov.vn"}
    connection.request(method, path, body=body, headers={**forwarded, **(headers or {})})
    response = connection.getresponse()
    return response, response.read().decode()


def test_the_pages_come_with_their_security_headers_and_two_workers(served):
    port, server = served
    response, page = request(port, "GET", "/login")
    assert response.status == 200 and "Đăng nhập" in page
    assert "frame-ancestors 'none'" in response.getheader("Content-Security-Policy")
    assert response.getheader("X-Content-Type-Options") == "nosniff"
    workers = subprocess.run(["pgrep", "-P", str(server.pid)], capture_output=True, text=True).stdout.split()
    assert len(workers) == 2


def test_behind_https_the_session_cookie_is_secure_and_redirects_stay_on_https(served):
    port, _ = served
    response, page = request(port, "GET", "/login")
    token = re.search(r'<meta name="csrf-token" content="([^"]+)"', page).group(1)
    cookie = response.getheader("Set-Cookie").split(";")[0]
    body = f"username=quantri&password={PASSWORD}&csrf_token={token}"
    signed_in, _ = request(port, "POST", "/login", body, {
        "Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie,
        "Referer": "https://thidua.example.gov.vn/login"})
    assert signed_in.status == 302, signed_in.status
    assert signed_in.getheader("Location") in ("/", "https://thidua.example.gov.vn/")
    session_cookie = signed_in.getheader("Set-Cookie")
    assert "Secure" in session_cookie and "HttpOnly" in session_cookie and "SameSite=Lax" in session_cookie


def test_a_reload_replaces_the_workers_without_dropping_the_service(served):
    port, server = served
    before = set(subprocess.run(["pgrep", "-P", str(server.pid)], capture_output=True, text=True).stdout.split())
    server.send_signal(signal.SIGHUP)  # what `systemctl reload sotd` sends after an upgrade
    deadline = time.monotonic() + 20
    after = before
    while time.monotonic() < deadline and (after & before or len(after) < 2):
        time.sleep(0.2)
        after = set(subprocess.run(["pgrep", "-P", str(server.pid)], capture_output=True, text=True).stdout.split())
    assert len(after) == 2 and not after & before
    response, _ = request(port, "GET", "/login")
    assert response.status == 200

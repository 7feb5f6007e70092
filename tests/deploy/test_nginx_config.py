"""deploy/nginx-sotd.conf in front of deploy/gunicorn.conf.py, as docs/deploy.md sets them up: the real files, with
only what a deployment edits replaced (ports, certificate paths, the checkout's folder), a self-signed certificate,
and nginx started as this user in a temporary folder."""

from __future__ import annotations

import http.client
import re
import shutil
import ssl
import subprocess

import pytest

from tests.deploy.test_gunicorn_config import PASSWORD, ROOT, free_port, served  # noqa: F401  (the fixture)

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
NAME = "thidua.example.gov.vn"


@pytest.fixture(scope="module")
def proxied(served, tmp_path_factory):  # noqa: F811
    app_port, _ = served
    folder = tmp_path_factory.mktemp("nginx")
    http_port, https_port = free_port(), free_port()
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", f"/CN={NAME}",
                    "-keyout", folder / "key.pem", "-out", folder / "cert.pem"], check=True, capture_output=True)
    site = (ROOT / "deploy" / "nginx-sotd.conf").read_text()
    for before, after in ((f"/etc/ssl/certs/{NAME}.fullchain.pem", str(folder / "cert.pem")),
                          (f"/etc/ssl/private/{NAME}.key", str(folder / "key.pem")),
                          ("server 127.0.0.1:8000;", f"server 127.0.0.1:{app_port};"),
                          ("/opt/sotd/static/", f"{ROOT}/static/"),
                          ("listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;"),
                          ("listen 80;", f"listen 127.0.0.1:{http_port};")):
        assert before in site, f"deploy/nginx-sotd.conf no longer has {before!r}: update this test with it"
        site = site.replace(before, after)
    site = re.sub(r"\n\s*listen \[::\]:[^\n]*", "", site)
    (folder / "site.conf").write_text(site)
    (folder / "nginx.conf").write_text(f"""
        pid {folder}/nginx.pid;
        error_log {folder}/error.log;
        events {{}}
        http {{
            include /etc/nginx/mime.types;
            access_log off;
            client_body_temp_path {folder}/body; proxy_temp_path {folder}/proxy;
            fastcgi_temp_path {folder}/fastcgi; uwsgi_temp_path {folder}/uwsgi; scgi_temp_path {folder}/scgi;
            include {folder}/site.conf;
        }}""")
    started = subprocess.run([NGINX, "-p", str(folder), "-c", str(folder / "nginx.conf")], capture_output=True,
                             text=True)
    assert started.returncode == 0, started.stderr
    yield http_port, https_port
    subprocess.run([NGINX, "-p", str(folder), "-c", str(folder / "nginx.conf"), "-s", "stop"], check=False)


def https(port, path, method="GET", body=None, headers=None):
    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE  # the test's self-signed certificate
    connection = http.client.HTTPSConnection("127.0.0.1", port, context=context, timeout=10)
    connection.request(method, path, body=body, headers={"Host": NAME, **(headers or {})})
    response = connection.getresponse()
    return response, response.read()


def test_plain_http_is_sent_to_https(proxied):
    http_port, _ = proxied
    connection = http.client.HTTPConnection("127.0.0.1", http_port, timeout=10)
    connection.request("GET", "/login", headers={"Host": NAME})
    response = connection.getresponse()
    assert response.status == 301 and response.getheader("Location") == f"https://{NAME}/login"


def test_through_https_a_person_signs_in_with_a_secure_cookie(proxied):
    _, port = proxied
    response, page = https(port, "/login")
    assert response.status == 200
    assert response.getheader("Strict-Transport-Security") == "max-age=31536000"
    assert response.getheader("Content-Security-Policy").count("frame-ancestors") == 1  # the app's, once
    token = re.search(rb'<meta name="csrf-token" content="([^"]+)"', page).group(1).decode()
    signed_in, _ = https(port, "/login", "POST", f"username=quantri&password={PASSWORD}&csrf_token={token}", {
        "Content-Type": "application/x-www-form-urlencoded", "Referer": f"https://{NAME}/login",
        "Cookie": response.getheader("Set-Cookie").split(";")[0]})
    assert signed_in.status == 302
    assert "Secure" in signed_in.getheader("Set-Cookie")


def test_nginx_serves_the_static_files_itself(proxied):
    _, port = proxied
    response, body = https(port, "/static/css/app.css")
    assert response.status == 200 and body == (ROOT / "static" / "css" / "app.css").read_bytes()
    assert "max-age=86400" in response.getheader("Cache-Control")  # a day in the browser's cache
    compressed, _ = https(port, "/static/css/app.css", headers={"Accept-Encoding": "gzip"})
    assert compressed.getheader("Content-Encoding") == "gzip"
    page, _ = https(port, "/login", headers={"Accept-Encoding": "gzip"})
    assert page.getheader("Content-Encoding") is None  # pages are never compressed (BREACH)

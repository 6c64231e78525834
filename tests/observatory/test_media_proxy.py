"""The compose stack's proxy, run with the real nginx: it serves the images Wagtail writes.

No Docker engine runs here, so this runs the proxy's configuration
(docker/nginx/observatory.conf.template, filled in as the nginx image does) with
Debian's nginx: a rendition Wagtail writes into MEDIA_ROOT is served at the URL
Wagtail gives it, other files of the volume are not, and the rest goes to web.
"""

import http.server
import shutil
import socket
import string
import subprocess
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import wagtail_factories

from tests.conftest import missing_service

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "docker" / "nginx" / "observatory.conf.template"

pytestmark = pytest.mark.django_db


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Upstream(http.server.BaseHTTPRequestHandler):
    """Stands for gunicorn: says what reached it."""

    def do_GET(self):
        body = (
            f"web {self.path} for={self.headers.get('X-Forwarded-For')} "
            f"proto={self.headers.get('X-Forwarded-Proto')} host={self.headers.get('Host')}"
        ).encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def media_root(settings, tmp_path):
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = root
    settings.MEDIA_URL = "/media/"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    return root


@pytest.fixture
def proxy(media_root, tmp_path):
    nginx = shutil.which("nginx") or (
        Path("/usr/sbin/nginx") if Path("/usr/sbin/nginx").exists() else None
    )
    if nginx is None:
        missing_service("the media proxy test runs nginx: apt-get install nginx-light")
    upstream = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Upstream)
    threading.Thread(target=upstream.serve_forever, daemon=True).start()
    port = free_port()
    # As the nginx image's entrypoint does (envsubst of the OBSERVATORY_ variables).
    server = string.Template(TEMPLATE.read_text()).safe_substitute(
        OBSERVATORY_LISTEN=f"127.0.0.1:{port}",
        OBSERVATORY_UPSTREAM=f"127.0.0.1:{upstream.server_address[1]}",
        OBSERVATORY_MEDIA_ROOT=str(media_root),
    )
    assert "${" not in server
    prefix = tmp_path / "nginx"
    prefix.mkdir()
    (prefix / "observatory.conf").write_text(server)
    temp_paths = "\n".join(
        f"    {kind}_temp_path {prefix / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    (prefix / "nginx.conf").write_text(
        f"""user root;
worker_processes 1;
pid {prefix / "nginx.pid"};
error_log {prefix / "error.log"};
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    access_log {prefix / "access.log"};
{temp_paths}
    include {prefix / "observatory.conf"};
}}
"""
    )
    command = [str(nginx), "-p", str(prefix), "-c", str(prefix / "nginx.conf")]
    subprocess.run([*command, "-t"], check=True, capture_output=True)
    process = subprocess.Popen([*command, "-g", "daemon off;"], stderr=subprocess.PIPE)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.1)
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=20)
    upstream.shutdown()


def get(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 (local)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (local)
            return response.status, response.read(), response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.read(), error.headers


def test_the_proxy_serves_renditions_wagtail_writes_and_nothing_else(proxy, media_root):
    image = wagtail_factories.ImageFactory(title="Rhine promenade")
    thumbnail = image.get_rendition("fill-80x60")  # as the portal's own thumbnails
    assert thumbnail.url.startswith("/media/images/")
    written = (media_root / thumbnail.file.name).read_bytes()

    status, body, headers = get(proxy + thumbnail.url)
    assert status == 200 and body == written
    assert headers["Content-Type"].startswith("image/")
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "max-age=2592000" in headers["Cache-Control"]
    assert get(proxy + "/media/images/missing.fill-80x60.png")[0] == 404

    # The original and any other file of the volume stay private.
    assert (media_root / image.file.name).exists()
    assert get(proxy + "/media/" + image.file.name)[0] == 404
    (media_root / "documents").mkdir()
    (media_root / "documents" / "application.pdf").write_bytes(b"%PDF-1.4 private")
    assert get(proxy + "/media/documents/application.pdf")[0] == 404


def test_the_proxy_passes_everything_else_to_web(proxy):
    status, body, _headers = get(
        proxy + "/en/cities/?page=2", headers={"X-Forwarded-Proto": "https", "Host": "obs.example"}
    )
    assert status == 200
    assert body.decode() == "web /en/cities/?page=2 for=127.0.0.1 proto=https host=obs.example"
    assert get(proxy + "/nginx-health")[:2] == (200, b"ok\n")

"""docker-compose.yml stays true to the project: no Docker engine runs here, so we read it."""

import ast
import re
import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]
APP_SERVICES = ["web", "worker", "beat"]
LOCKED = {package["name"] for package in tomllib.loads((ROOT / "uv.lock").read_text())["package"]}


def settings_environment_names():
    names = set()
    for path in (ROOT / "observatory" / "settings").glob("*.py"):
        names |= set(
            re.findall(
                r"""(?:environ\.get\(|env_bool\(|env_list\(|env=)\s*["']([A-Z0-9_]+)""",
                path.read_text(),
            )
        )
    return names


def test_the_stack_has_every_service():
    assert set(SERVICES) == {"web", "proxy", "worker", "beat", "db", "redis", "mailpit"}
    assert SERVICES["db"]["image"].startswith("postgres:16")
    assert SERVICES["redis"]["image"].startswith("redis:7")


@pytest.mark.parametrize("name", ["web", "proxy", "worker", "beat", "db", "redis", "mailpit"])
def test_every_service_has_a_healthcheck(name):
    assert SERVICES[name]["healthcheck"]["test"]


@pytest.mark.parametrize("name", APP_SERVICES)
def test_app_services_wait_for_healthy_dependencies(name):
    depends = SERVICES[name]["depends_on"]
    assert depends == {
        "db": {"condition": "service_healthy"},
        "redis": {"condition": "service_healthy"},
    }


def test_volumes_are_named_and_declared():
    declared = set(COMPOSE["volumes"])
    used = set()
    for service in SERVICES.values():
        for volume in service.get("volumes", []):
            source = volume.split(":")[0]
            assert not source.startswith((".", "/")), f"{volume} is a bind mount"
            used.add(source)
    assert used == declared
    assert "postgres" in declared and "media" in declared


def test_exactly_one_beat():
    assert SERVICES["beat"]["deploy"]["replicas"] == 1
    beats = [name for name, svc in SERVICES.items() if "beat" in svc.get("command", [])]
    assert beats == ["beat"]


def module_defines(path, name):
    tree = ast.parse(path.read_text())
    return any(
        isinstance(node, ast.Assign) and any(getattr(t, "id", None) == name for t in node.targets)
        for node in tree.body
    )


@pytest.mark.parametrize("name", APP_SERVICES)
def test_every_command_exists_in_the_project(name):
    command = SERVICES[name]["command"]
    program = command[0]
    assert program in LOCKED, f"{program} is not a locked dependency"
    if program == "gunicorn":
        module, attribute = command[1].split(":")
        path = ROOT / (module.replace(".", "/") + ".py")
        assert path.exists() and module_defines(path, attribute)
    elif program == "celery":
        assert command[1:3] == ["-A", "observatory"]
        assert module_defines(ROOT / "observatory" / "celery.py", "app")
        assert command[3] in {"worker", "beat"}


def test_dockerfile_entrypoint_and_inputs_exist():
    dockerfile = (ROOT / "Dockerfile").read_text()
    entrypoint = re.search(r'ENTRYPOINT \["([^"]+)"\]', dockerfile).group(1)
    script = ROOT / entrypoint.removeprefix("/app/")
    assert script.exists() and script.stat().st_mode & 0o111
    assert b"\r\n" not in script.read_bytes()
    assert "migrate --noinput" in script.read_text()
    for copied in re.findall(r"^COPY (?:--\S+ )?(.+) \S+$", dockerfile, re.MULTILINE):
        for source in copied.split():
            assert source == "." or (ROOT / source).exists(), source
    assert SERVICES["web"]["environment"]["RUN_MIGRATIONS"] == "1"


def test_environment_names_are_read_by_the_settings():
    known = settings_environment_names() | {"DJANGO_SETTINGS_MODULE", "RUN_MIGRATIONS"}
    for name in APP_SERVICES:
        for variable in SERVICES[name]["environment"]:
            assert variable in known, f"{name} sets {variable}, which no setting reads"


def test_the_proxy_serves_the_media_volume_that_web_writes():
    """Media are served as the README says: the proxy reads web's media volume."""
    web, proxy = SERVICES["web"], SERVICES["proxy"]
    media_root = web["environment"]["MEDIA_ROOT"]
    assert "MEDIA_URL" not in web["environment"]  # /media/, the settings' default
    [web_media] = [v for v in web["volumes"] if v.endswith(":" + media_root)]
    volume = web_media.split(":")[0]
    mounts = {v.split(":")[0]: v.split(":")[1:] for v in proxy["volumes"]}
    target, mode = mounts[volume]
    assert mode == "ro"
    assert proxy["environment"]["OBSERVATORY_MEDIA_ROOT"] == target
    assert proxy["environment"]["OBSERVATORY_UPSTREAM"] == "web:8000"
    # Visitors reach the proxy; web only through it.
    assert proxy["ports"] == ["8000:80"] and "ports" not in web
    assert proxy["environment"]["OBSERVATORY_LISTEN"] == "80"
    assert proxy["depends_on"] == {"web": {"condition": "service_healthy"}}
    # Its image holds the configuration that tests/observatory/test_media_proxy.py runs.
    dockerfile = (ROOT / proxy["build"] / "Dockerfile").read_text()
    assert "COPY observatory.conf.template /etc/nginx/templates/default.conf.template" in dockerfile
    assert "NGINX_ENVSUBST_FILTER=^OBSERVATORY_" in dockerfile

"""The deploy files say what the README says: non-root image running ``pingcang run``, the bot
with PostgreSQL in compose, a systemd unit, an nginx TLS proxy for the webhook, MIT licence.

``docker compose config`` (the plugin) or ``docker-compose config`` (Debian's
``docker-compose`` package, which ``.ci/run`` installs) validates compose.yaml; neither needs a
Docker daemon. The structural checks below run everywhere.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest
import yaml

from bot.storage.engine import make_engine

ROOT = Path(__file__).resolve().parents[1]


def test_the_image_is_slim_non_root_and_runs_the_bot() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    stages = re.findall(r"^FROM (\S+)", dockerfile, flags=re.MULTILINE)
    assert stages and all(image.endswith("-slim") for image in stages)
    users = re.findall(r"^USER (\S+)", dockerfile, flags=re.MULTILINE)
    assert users and users[-1] not in ("root", "0")
    assert dockerfile.rstrip().endswith('CMD ["pingcang", "run"]')


def test_compose_runs_the_bot_against_postgresql() -> None:
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text())
    bot, db = compose["services"]["bot"], compose["services"]["db"]
    assert bot["build"] == "." and bot["env_file"] == ".env"
    assert bot["depends_on"] == {"db": {"condition": "service_healthy"}}
    url = bot["environment"]["DATABASE_URL"].replace("${POSTGRES_PASSWORD:-pingcang}", "pw")
    assert make_engine(url).dialect.name == "postgresql"
    assert url.endswith("@db:5432/" + db["environment"]["POSTGRES_DB"])
    assert db["image"].startswith("postgres:") and "pgdata" in compose["volumes"]
    assert "pg_isready" in " ".join(db["healthcheck"]["test"])


def _compose_command() -> list[str] | None:
    """``docker compose`` when the plugin answers, else Debian's ``docker-compose``."""
    if shutil.which("docker") is not None:
        plugin = subprocess.run(["docker", "compose", "version"], capture_output=True, check=False)
        if plugin.returncode == 0:
            return ["docker", "compose"]
    standalone = shutil.which("docker-compose")
    return [standalone] if standalone is not None else None


COMPOSE = _compose_command()
needs_compose = pytest.mark.skipif(
    COMPOSE is None, reason="neither the docker compose plugin nor docker-compose is installed"
)


def _compose_config(folder: Path, text: str) -> subprocess.CompletedProcess[str]:
    assert COMPOSE is not None
    (folder / "compose.yaml").write_text(text)
    (folder / ".env").write_text("TELEGRAM_BOT_TOKEN=123456789:AAHexampleexampleexample\n")
    return subprocess.run(
        [*COMPOSE, "-f", "compose.yaml", "config", "--quiet"],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
    )


@needs_compose
def test_docker_compose_accepts_the_file(tmp_path: Path) -> None:
    result = _compose_config(tmp_path, (ROOT / "compose.yaml").read_text())
    assert result.returncode == 0, result.stderr


@needs_compose
def test_docker_compose_rejects_a_broken_file(tmp_path: Path) -> None:
    # the validator really validates: the bot waits on a database service that is not defined
    broken = (
        "services:\n  bot:\n    image: x\n"
        "    depends_on:\n      db:\n        condition: service_healthy\n"
    )
    result = _compose_config(tmp_path, broken)
    assert result.returncode != 0


def test_the_systemd_unit_runs_the_bot_and_stops_it_gracefully() -> None:
    unit = (ROOT / "deploy" / "pingcang.service").read_text()
    settings = dict(
        line.split("=", 1) for line in unit.splitlines() if "=" in line and line[0] != "#"
    )
    assert settings["ExecStart"].endswith("pingcang run")
    assert settings["KillSignal"] == "SIGTERM" and int(settings["TimeoutStopSec"]) > 10
    assert settings["User"] != "root"


def test_nginx_proxies_the_webhook_with_tls_and_a_body_cap() -> None:
    conf = (ROOT / "deploy" / "nginx-webhook.conf").read_text()
    assert "listen 443 ssl;" in conf and "ssl_certificate " in conf
    assert "client_max_body_size 1m;" in conf
    assert "proxy_pass http://127.0.0.1:8443;" in conf


def test_the_licence_file_matches_pyproject() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["license"] == {"text": "MIT"}
    assert (ROOT / "LICENSE").read_text().startswith("MIT License")

"""A throwaway PostgreSQL server for the database tests.

``PINGCANG_TEST_POSTGRES_URL`` (a server someone else runs) wins. Otherwise the server binary
is looked up (``pg_ctl`` on PATH, then Debian's /usr/lib/postgresql/<ver>/bin) and a cluster
is made in a temporary directory, listening on 127.0.0.1 only, trust authentication, fsync
off. PostgreSQL refuses to run as root: as root, initdb and pg_ctl run as the ``postgres``
user (Debian's package creates it).
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ENV_URL = "PINGCANG_TEST_POSTGRES_URL"


def find_pg_ctl() -> str | None:
    """Path of pg_ctl, newest Debian version first, or None."""
    found = shutil.which("pg_ctl")
    if found:
        return found
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), reverse=True)
    return candidates[0] if candidates else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", "postgres", "--", *command]


@contextmanager
def temporary_server() -> Iterator[str]:
    """Start a cluster in a new temporary directory (directly under the system's temporary
    directory, which the ``postgres`` user can reach); yield its SQLAlchemy URL; stop it and
    delete the directory."""
    pg_ctl = find_pg_ctl()
    if pg_ctl is None:
        raise FileNotFoundError("pg_ctl")
    bindir = Path(pg_ctl).resolve().parent
    workdir = Path(tempfile.mkdtemp(prefix="pingcang-pg-"))
    try:
        with _server(bindir, workdir) as url:
            yield url
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


@contextmanager
def _server(bindir: Path, workdir: Path) -> Iterator[str]:
    data, sockets = workdir / "data", workdir / "sockets"
    sockets.mkdir(parents=True)
    if os.geteuid() == 0:
        server_user = pwd.getpwnam("postgres")
        for path in (workdir, sockets):
            os.chown(path, server_user.pw_uid, server_user.pw_gid)
        workdir.chmod(0o755)
    subprocess.run(
        _as_server_user(
            [str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8"]
        ),
        check=True,
        capture_output=True,
    )
    port = _free_port()
    options = f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off"
    subprocess.run(
        _as_server_user(
            [
                str(bindir / "pg_ctl"),
                "-D",
                str(data),
                "-o",
                options,
                "-w",
                "-l",
                str(workdir / "server.log"),
                "start",
            ]
        ),
        check=True,
        capture_output=True,
    )
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(
            _as_server_user([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
            check=False,
            capture_output=True,
        )

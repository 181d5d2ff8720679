"""Backup and restore of the database and the uploaded files (``digital-ngo backup|restore``).

A backup is a directory with ``database.sqlite3`` (SQLite's online backup API: a consistent
copy while the site runs) or ``database.dump`` (``pg_dump -Fc``), ``uploads.tar`` (every file
under ``MEDIA_ROOT``) and ``manifest.json`` (row counts per model and SHA-256 per file, so a
restore can be checked).
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import connection

MANIFEST = "manifest.json"
UPLOADS = "uploads.tar"


def record_counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy
    }


def file_checksums(root: Path) -> dict[str, str]:
    sums = {}
    if root.exists():
        for path in sorted(root.rglob("*")):
            if path.is_file():
                sums[str(path.relative_to(root))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return sums


def _pg_env() -> dict[str, str]:
    db = settings.DATABASES["default"]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return env


def _pg_args() -> list[str]:
    db = settings.DATABASES["default"]
    args = ["-d", str(db["NAME"])]
    if db.get("HOST"):
        args += ["-h", str(db["HOST"])]
    if db.get("PORT"):
        args += ["-p", str(db["PORT"])]
    if db.get("USER"):
        args += ["-U", str(db["USER"])]
    return args


def backup(target: Path) -> dict[str, Any]:
    """Write a backup into ``target`` (created; must be empty or absent)."""
    target.mkdir(parents=True, exist_ok=True)
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        with sqlite3.connect(target / "database.sqlite3") as copy:
            connection.connection.backup(copy)
        copy.close()
    else:
        subprocess.run(
            ["pg_dump", "-Fc", "-f", str(target / "database.dump"), *_pg_args()],
            env=_pg_env(),
            check=True,
        )
    media = Path(settings.MEDIA_ROOT)
    with tarfile.open(target / UPLOADS, "w") as archive:
        if media.exists():
            archive.add(media, arcname=".")
    manifest = {"counts": record_counts(), "files": file_checksums(media)}
    (target / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True))
    return manifest


def restore(source: Path) -> dict[str, Any]:
    """Replace the database and the uploaded files by the backup in ``source``."""
    manifest = json.loads((source / MANIFEST).read_text())
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        with sqlite3.connect(source / "database.sqlite3") as copy:
            copy.backup(connection.connection)
        copy.close()
    else:
        connection.close()
        subprocess.run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                *_pg_args(),
                str(source / "database.dump"),
            ],
            env=_pg_env(),
            check=True,
        )
    media = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(dir=media.parent if media.parent.exists() else None) as tmp:
        with tarfile.open(source / UPLOADS) as archive:
            archive.extractall(tmp, filter="data")
        if media.exists():
            shutil.rmtree(media)
        shutil.copytree(tmp, media)
    return manifest

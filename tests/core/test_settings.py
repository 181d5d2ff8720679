"""Settings from the environment: production passes Django's deployment checks."""

import os
import subprocess
import sys

import pytest

PRODUCTION_ENV = {
    "DIGITAL_NGO_ENV": "production",
    "SECRET_KEY": "x" * 30 + "production-only-key-Qd8#kP2!vT9@mZ4^rL7&",
    "ALLOWED_HOSTS": "qht.example.az",
    "DATABASE_URL": "sqlite:////tmp/unused.sqlite3",
}


def manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    skip = {*PRODUCTION_ENV, "DJANGO_ALLOW_ASYNC_UNSAFE", "DEBUG"}
    clean = {key: value for key, value in os.environ.items() if key not in skip}
    return subprocess.run(
        [sys.executable, "-m", "digital_ngo.manage", *args],
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_settings_pass_check_deploy_without_warnings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues (0 silenced)." in result.stdout


@pytest.mark.parametrize("missing", ["SECRET_KEY"])
def test_production_refuses_to_start_without_secrets(missing):
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != missing}
    result = manage("check", **env)
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr


def test_production_refuses_debug():
    result = manage("check", DEBUG="true", **PRODUCTION_ENV)
    assert result.returncode != 0 and "DEBUG" in result.stderr

"""The ``aztext`` command line, run as a real subprocess."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run ``python -m aztext ARGS``."""
    return subprocess.run(
        [sys.executable, "-m", "aztext", *args],
        input=stdin,
        capture_output=True,
        check=False,
        timeout=600,  # a hang guard, not a speed test (the machine may be loaded)
    )


def test_restore_file(tmp_path: Path) -> None:
    path = tmp_path / "in.txt"
    path.write_text("Azerbaycan Respublikasinin dovlet\nqurumlari\n\nSon.\n", encoding="utf-8")
    proc = run("restore", str(path))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode() == "Azərbaycan Respublikasının dövlət qurumları\nSon.\n"


def test_restore_stdin_explain() -> None:
    proc = run("restore", "--explain", "-", stdin=b"bu gun hava cox gozeldir")
    assert proc.returncode == 0, proc.stderr
    changes = json.loads(proc.stdout)
    assert {c["new"] for c in changes} >= {"gün", "çox"}
    assert all({"position", "old", "new", "reason", "confidence"} <= c.keys() for c in changes)


def test_batch_shows_progress(tmp_path: Path) -> None:
    names = []
    for i in range(3):
        path = tmp_path / f"{i}.txt"
        path.write_text("dovlet ve cemiyyet\n", encoding="utf-8")
        names.append(str(path))
    proc = run("restore", *names)
    assert proc.returncode == 0
    assert proc.stdout.decode().count("dövlət və cəmiyyət") == 3
    assert "3/3" in proc.stderr.decode()


def test_fold_lines() -> None:
    proc = run("fold", stdin="AZƏRBAYCAN Şəki\nİsmayıllı\n".encode())
    assert proc.returncode == 0
    assert proc.stdout.decode() == "azerbaycan seki\nismayilli\n"


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "no such file"), (b"\xff\xfe\x00abc", "not UTF-8"), (b"  \n", "empty")],
)
def test_bad_input(tmp_path: Path, content: bytes | None, message: str) -> None:
    path = tmp_path / "bad.txt"
    if content is not None:
        path.write_bytes(content)
    proc = run("restore", str(path))
    assert proc.returncode == 2
    assert message in proc.stderr.decode()


def test_ocr_missing_file() -> None:
    proc = run("ocr", "/nonexistent/page.png")
    assert proc.returncode == 2
    assert "no such file" in proc.stderr.decode()


def test_ocr_of_a_file_that_is_no_image(tmp_path: Path) -> None:
    # Tesseract would take it for a list of image paths and read those
    path = tmp_path / "page.png"
    path.write_text("/etc/hostname\n", encoding="utf-8")
    proc = run("ocr", str(path))
    assert proc.returncode == 2
    assert "not an image" in proc.stderr.decode()
    path = path.rename(tmp_path / "report.pdf")
    proc = run("ocr", str(path))
    assert proc.returncode == 2
    assert "not a PDF" in proc.stderr.decode()


FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")


@pytest.mark.skipif(
    shutil.which("tesseract") is None or not FONT.exists(),
    reason="needs tesseract and the DejaVu font",
)
def test_ocr_image(tmp_path: Path) -> None:
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("L", (1400, 160), 255)
    font = ImageFont.truetype(str(FONT), 48)
    ImageDraw.Draw(image).text((20, 40), "Azərbaycan dövlət təşkilatları", font=font, fill=0)
    path = tmp_path / "page.png"
    image.save(path)
    proc = run("ocr", str(path))
    assert proc.returncode == 0, proc.stderr
    assert "Azərbaycan" in proc.stdout.decode()


def test_restore_with_workers_keeps_the_order(tmp_path: Path) -> None:
    texts = ["Azerbaycan Respublikasinin dovlet", "bu gun hava cox gozeldir", "Men bunu da bilirem"]
    names = []
    for n, text in enumerate(texts):
        (tmp_path / f"{n}.txt").write_text(text, encoding="utf-8")
        names.append(str(tmp_path / f"{n}.txt"))
    alone, workers = run("restore", *names), run("restore", "--jobs", "2", *names)
    assert workers.returncode == 0, workers.stderr
    assert workers.stdout == alone.stdout
    assert workers.stdout.decode().index("Azərbaycan") < workers.stdout.decode().index("çox")
    assert b"3/3" in workers.stderr


def test_version_says_which_build() -> None:
    proc = run("--version")
    assert proc.returncode == 0
    assert proc.stdout.decode().startswith(("aztext, compiled", "aztext, interpreted"))

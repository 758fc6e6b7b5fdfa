"""A non-editable install finds its templates, static files and migrations."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

RENDER = """
import sys, quizapp
from quizapp import create_app
app = create_app({"TESTING": True}, instance_path=sys.argv[1])
client = app.test_client()
home = client.get("/")
css = client.get("/static/css/app.css")
print(quizapp.__file__)
print(home.status_code, css.status_code)
print("Advancing together" in home.get_data(as_text=True))
"""


@pytest.mark.slow
def test_wheel_install_renders_pages(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", tmp_path, ROOT],
        check=True,
        capture_output=True,
        timeout=300,
    )
    wheel = next(tmp_path.glob("quizapp-*.whl"))
    target = tmp_path / "venv"
    venv.create(target, with_pip=True)
    python = target / "bin" / "python"
    subprocess.run(
        [python, "-m", "pip", "install", "--no-deps", "--no-index", "--quiet", wheel],
        check=True,
        timeout=300,
    )
    # The new venv borrows this one's dependencies but none of its path to the source tree.
    site = Path(
        subprocess.check_output(
            [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], text=True
        ).strip()
    )
    (site / "borrowed.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    instance = tmp_path / "instance"
    result = subprocess.run(
        [python, "-c", RENDER, instance], capture_output=True, text=True, cwd=tmp_path, timeout=300
    )
    assert result.returncode == 0, result.stderr
    location, statuses, has_title = result.stdout.split("\n")[:3]
    assert location.startswith(str(site))
    assert statuses == "200 200"
    assert has_title == "True"

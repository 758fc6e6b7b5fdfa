"""The ``quizapp`` command line: generate, JSON output, errors, the console script."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from quizapp.generation import KINDS
from quizapp.operations.articles import builtin_article_text

SCRIPTS = Path(sys.executable).parent


def check_json_bank(data: dict, text: str) -> None:
    """Everything the README promises about the JSON shape."""
    assert data["generator"].count("/") == 1
    assert set(data["article"]) == {"title", "sha256", "words"}
    questions = data["questions"]
    assert len({q["id"] for q in questions}) == len(questions)
    common = {
        "id",
        "kind",
        "stem",
        "options",
        "answer",
        "accepted",
        "answer_type",
        "source",
        "difficulty",
        "quality",
    }
    for q in questions:
        # A numeric question adds its tolerance (absolute or percent) and the unit beside it.
        extra = {"tolerance", "percent", "unit"} if q["kind"] == "numeric" else set()
        assert set(q) == common | extra
        assert q["kind"] in KINDS
        source = q["source"]
        assert text[source["start"] : source["end"]] == source["sentence"]
        answer = q["answer"]
        match q["kind"]:
            case "multiple_choice":
                assert answer in q["options"]
            case "multiple_select":
                assert isinstance(answer, list) and set(answer) <= set(q["options"])
            case "true_false":
                assert isinstance(answer, bool)
            case "fill_blank":
                assert isinstance(answer, str) and answer
            case "matching":
                assert all(isinstance(pair, list) and len(pair) == 2 for pair in answer)
            case "ordering":
                assert isinstance(answer, list) and sorted(answer) == sorted(q["options"])
            case "numeric":
                assert isinstance(answer, int | float) and not isinstance(answer, bool)
                assert q["options"] is None and q["tolerance"] >= 0


def test_generate_builtin_json(runner) -> None:
    result = runner.invoke(args=["generate", "--builtin", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["article"]["title"].startswith("Advancing together")
    assert len(data["questions"]) >= 35
    assert len({q["kind"] for q in data["questions"]}) >= 5
    assert any(q["kind"] == "numeric" and q["answer"] == 1969 for q in data["questions"])
    check_json_bank(data, builtin_article_text())


def test_generate_path_json_indexes_the_file_as_read(runner, tmp_path: Path) -> None:
    text = "Notes on the sky\r\n\r\n" + builtin_article_text().split("\n", 2)[2]
    path = tmp_path / "notes.txt"
    path.write_bytes(text.encode())
    result = runner.invoke(args=["generate", str(path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["article"]["title"] == "Notes on the sky"
    check_json_bank(data, path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "No such file"),
        (b"\xff\xfe\x00bad", "not UTF-8"),
        (b"", "Error:"),
        (b"- one\n- two\n- three\n", "Error:"),
    ],
)
def test_unusable_files_give_one_line_and_status_1(runner, tmp_path, content, message) -> None:
    path = tmp_path / "article.txt"
    if content is not None:
        path.write_bytes(content)
    result = runner.invoke(args=["generate", str(path), "--json"])
    assert result.exit_code == 1
    assert message in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_generate_needs_a_path_or_builtin(runner) -> None:
    assert runner.invoke(args=["generate"]).exit_code == 2
    assert runner.invoke(args=["generate", "x.txt", "--builtin"]).exit_code == 2


def test_generate_without_json_stores_then_regenerates(runner, tmp_path: Path) -> None:
    path = tmp_path / "article.md"
    path.write_text(builtin_article_text().replace("Advancing together", "# Onward together", 1))
    first = runner.invoke(args=["generate", str(path)])
    assert first.exit_code == 0, first.output
    assert "Stored article" in first.output and "(0 new" not in first.output
    second = runner.invoke(args=["generate", str(path)])
    assert "(0 new" in second.output and "0 removed" in second.output


def test_console_script_needs_no_app_option(tmp_path: Path) -> None:
    environment = {**os.environ, "QUIZAPP_INSTANCE_PATH": str(tmp_path)}
    environment.pop("FLASK_APP", None)
    result = subprocess.run(
        [SCRIPTS / "quizapp", "generate", "--builtin", "--json"],
        capture_output=True,
        text=True,
        env=environment,
        cwd=tmp_path,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)["questions"]) >= 35
    upgrade = subprocess.run(
        [SCRIPTS / "quizapp", "db", "current"],
        capture_output=True,
        text=True,
        env=environment,
        cwd=tmp_path,
        timeout=120,
    )
    assert upgrade.returncode == 0, upgrade.stderr
    assert "(head)" in upgrade.stdout
    assert (tmp_path / "quizapp.sqlite").exists()

"""Where the templates, static files and migrations are, installed or not.

In the repository they sit beside the package (``templates/``, ``static/``, ``migrations/``); a
wheel carries them inside the package (see ``[tool.hatch.build.targets.wheel.force-include]``).
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def resource_dir(name: str) -> Path:
    """Return the folder ``name``, preferring the copy inside the package (an installed wheel)."""
    inside = PACKAGE_DIR / name
    if inside.is_dir():
        return inside
    return PACKAGE_DIR.parent / name


TEMPLATES_DIR = resource_dir("templates")
STATIC_DIR = resource_dir("static")
MIGRATIONS_DIR = resource_dir("migrations")
BUILTIN_ARTICLE = PACKAGE_DIR / "builtin_article.txt"

"""Students: joining a session with a code or QR, and playing it on their phones."""

from __future__ import annotations

from . import live, views
from .blueprint import bp

__all__ = ["bp", "live", "views"]

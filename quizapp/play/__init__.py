"""Students: joining a session with a code or QR, and playing it on their phones."""

from __future__ import annotations

from . import views
from .blueprint import bp

__all__ = ["bp", "views"]

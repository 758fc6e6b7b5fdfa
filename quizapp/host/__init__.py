"""The live host screen: what the teacher puts on the projector, and the buttons that run it."""

from __future__ import annotations

from .views import bp

__all__ = ["bp"]

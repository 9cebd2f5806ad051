"""The dashboard screen, split by job: ``screen`` composes and routes keys;
``polling``, ``rebuilds``, ``damage``, ``forms`` and ``checklist_keys`` each
hold one part of what it does."""

from .screen import DashboardScreen

__all__ = ["DashboardScreen"]

"""The dashboard screen: ``screen`` composes the panes and routes each key to
what owns it; ``watcher``, ``rebuilds`` and ``damage`` are its services,
``forms`` and ``relief`` the keys that open other screens."""

from .screen import DashboardScreen

__all__ = ["DashboardScreen"]

"""Screens: the dashboard, modal forms, help."""

"""twitchtui: a terminal twitch diary, daily checklist and doctor's report."""

__version__ = "0.1.0"

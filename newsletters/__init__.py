"""Subscribers, newsletters and the 16 May campaign emails."""

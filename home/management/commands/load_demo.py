"""Old name of load_demo_content, kept while the apps' loaders move over."""

from .load_demo_content import Command  # noqa: F401

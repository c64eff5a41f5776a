"""Command-line options generated from the settings table (``repackage.config.SETTINGS``)."""

from __future__ import annotations

from typing import Any

import click

from repackage.config import SETTING


def setting_option(key: str, *decls: str, extra: str = "", **kwargs: Any):
    """A click option for the setting ``key`` of ``config.SETTINGS``: its help text and
    shown default come from that table (``extra`` adds to the help). The option's own
    default is None, "not given", so repackage.toml and the table's default apply."""
    setting = SETTING[key]
    help_text = setting.cli_help()
    if extra:
        head, sep, tail = help_text.partition("  [default: ")
        help_text = f"{head} {extra}" + (sep + tail if sep else "")
    if setting.low is not None and "type" not in kwargs:
        kwargs["type"] = click.IntRange(setting.low, setting.high)
    if setting.choices and "type" not in kwargs:
        kwargs["type"] = click.Choice(setting.choices)
    if not decls:
        decls = ("--" + key.replace("_", "-"),)
    return click.option(*decls, default=None, help=help_text, **kwargs)

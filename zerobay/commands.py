"""The base of every `zerobay` management command: output format, JSON, arguments, exit status.

A command subclasses `Command`, declares its options with the argument types below
(`--as-of` with `type=date_arg`, `--user` with `type=user_arg`, …), calls `add_format(parser)`
where it prints results, and prints with `self.emit(data)` (JSON) or `self.stdout.write` (text).
Commands with actions (`zerobay indicators list|show|…`) call `self.actions(parser)` and
implement `do_<action>(opts)`.

Exit status, the same for every command:
  0  success;
  1  the data was refused or is invalid: an import with errors, a check that failed
     (`raise refused(...)`, or the import report's own status);
  2  usage error: a wrong option or value, an unknown user or object, a file that cannot be read
     (`raise usage_error(...)`; argparse errors and the argument types below give 2 as well).
"""

import argparse
import datetime
import enum
import json
import re
import sys
from decimal import Decimal
from pathlib import PurePath
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.functional import Promise
from django.utils.translation import gettext as _

EXIT_OK = 0
EXIT_REFUSED = 1
EXIT_USAGE = 2

FORMATS = ("text", "json")


class JSONEncoder(json.JSONEncoder):
    """Decimal as its exact text, dates in ISO 8601, paths, enumerations and lazy texts as strings."""

    def default(self, o: Any) -> Any:
        if isinstance(o, Decimal | PurePath | Promise):
            return str(o)
        if isinstance(o, datetime.date | datetime.time):  # datetime is a date
            return o.isoformat()
        if isinstance(o, enum.Enum):  # TextChoices / IntegerChoices too
            return o.value
        if isinstance(o, set | frozenset | tuple):
            return list(o)
        return str(o)  # what the commands printed before the one encoder (json.dumps(default=str))


def to_json(data: Any, *, indent: int | None = None) -> str:
    """The one JSON rendering of command output (Chinese stays readable: no ASCII escapes)."""
    return json.dumps(data, cls=JSONEncoder, ensure_ascii=False, indent=indent)


def usage_error(message: str) -> CommandError:
    """The command is wrong: exit status 2."""
    return CommandError(message, returncode=EXIT_USAGE)


def refused(message: str) -> CommandError:
    """The data was refused or is invalid: exit status 1."""
    return CommandError(message, returncode=EXIT_REFUSED)


# Argument types: argparse calls them with the text given; a wrong value is a usage error (2) whose
# message names the value. Each also accepts a value that is already parsed (call_command(as_of=date)).


def date_arg(text: str | datetime.date) -> datetime.date:
    """YYYY-MM-DD → the date."""
    if isinstance(text, datetime.date):
        return text
    try:
        return datetime.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("The date should be YYYY-MM-DD, not %(value)s") % {"value": repr(text)}
        ) from None


def month_arg(text: str | datetime.date) -> datetime.date:
    """YYYY-MM (also YYYYMM, YYYY-M) → the first day of the month."""
    if isinstance(text, datetime.date):
        return text.replace(day=1)
    m = re.fullmatch(r"(\d{4})-?(\d{1,2})", text.strip())
    if m and 1 <= int(m[2]) <= 12:
        return datetime.date(int(m[1]), int(m[2]), 1)
    raise argparse.ArgumentTypeError(
        _("The reporting period should be a month, e.g. 2026-05: %(text)s") % {"text": repr(text)}
    )


def year_arg(text: str | int) -> int:
    """YYYY → the year (1900–2200)."""
    if isinstance(text, int):
        return text
    if re.fullmatch(r"\d{4}", text.strip()) and 1900 <= int(text) <= 2200:
        return int(text)
    raise argparse.ArgumentTypeError(_("The year should be YYYY, not %(value)s") % {"value": repr(text)})


def find_user(username: str):
    """The user of that name, or a usage error naming it."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise usage_error(_("no such user: %(name)s") % {"name": username})
    return user


def user_arg(text):
    """USERNAME → the User (for `--user`)."""
    if not isinstance(text, str):
        return text
    try:
        return find_user(text)
    except CommandError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


class UsageParser(CommandParser):
    """Django's parser, with its errors as usage errors (2) when called from code as well."""

    def error(self, message: str):
        if self.called_from_command_line:
            super().error(message)  # prints the usage, exits with 2
        raise usage_error(f"Error: {message}")  # as Django words it


def add_format(parser: argparse.ArgumentParser, default: str = "text") -> None:
    """`--format text|json` on a command or action that prints results."""
    parser.add_argument(
        "--format", choices=FORMATS, default=default, help=f"output format (default {default})"
    )


class Command(BaseCommand):
    """The base of the project's commands (see the module's docstring)."""

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.__class__ = UsageParser  # same parser, usage errors exit with 2 from call_command too
        return parser

    def actions(self, parser: argparse.ArgumentParser) -> "Actions":
        """The sub-commands of `zerobay <command> ACTION ...`; each ACTION runs `do_<action>(opts)`."""
        return Actions(
            parser.add_subparsers(dest="action", required=True, metavar="ACTION", parser_class=UsageParser)
        )

    def handle(self, *args, **opts):
        getattr(self, "do_" + opts["action"])(opts)

    def emit(self, data: Any, *, indent: int | None = None) -> None:
        """Print `data` as JSON."""
        self.stdout.write(to_json(data, indent=indent))

    def exit(self, status: int) -> None:
        """Leave with `status` after printing a result (an import report with errors: 1)."""
        if status:
            sys.exit(status)


class Actions:
    """Adds the actions of a command; each is a parser of its own options."""

    def __init__(self, subparsers):
        self.subparsers = subparsers

    def add(self, name: str, help: str, *, format: str | None = None) -> argparse.ArgumentParser:  # noqa: A002
        """One action; `format="text"` (or "json") gives it `--format` with that default."""
        parser = self.subparsers.add_parser(name, help=help)
        if format:
            add_format(parser, format)
        return parser

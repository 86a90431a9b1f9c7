"""The command base (zerobay/commands.py): one JSON encoder, the argument types, the exit status."""

import argparse
import datetime
import enum
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils.translation import gettext_lazy, override

from zerobay.accounts.models import Role
from zerobay.commands import (
    EXIT_REFUSED,
    EXIT_USAGE,
    date_arg,
    find_user,
    month_arg,
    to_json,
    year_arg,
)

from .factories import UserFactory


class Colour(enum.StrEnum):
    RED = "red"


def test_one_json_encoder_for_what_commands_print():
    data = {
        "money": Decimal("1234.50"),
        "day": datetime.date(2026, 5, 31),
        "at": datetime.datetime(2026, 5, 31, 8, 30, tzinfo=datetime.UTC),
        "file": Path("var/demo/年报.xlsx"),
        "kind": Colour.RED,
        "role": Role.OPERATOR,
        "label": gettext_lazy("Clause “%(code)s” does not exist"),
        "name": "零号湾",
    }
    with override("en"):
        text = to_json(data)
    assert "零号湾" in text  # no ASCII escapes
    assert json.loads(text) == {
        "money": "1234.50",
        "day": "2026-05-31",
        "at": "2026-05-31T08:30:00+00:00",
        "file": "var/demo/年报.xlsx",
        "kind": "red",
        "role": "operator",
        "label": "Clause “%(code)s” does not exist",
        "name": "零号湾",
    }
    assert json.loads(to_json({"label": data["label"]}))["label"] == "条款“%(code)s”不存在"


@pytest.mark.parametrize(
    "parse,text,value",
    [
        (date_arg, "2026-06-30", datetime.date(2026, 6, 30)),
        (month_arg, "2026-05", datetime.date(2026, 5, 1)),
        (month_arg, "202605", datetime.date(2026, 5, 1)),
        (year_arg, "2025", 2025),
    ],
)
def test_argument_types_parse(parse, text, value):
    assert parse(text) == value
    assert parse(value) == value  # already parsed (call_command with a value)


@pytest.mark.parametrize(
    "parse,text", [(date_arg, "2026-13-01"), (month_arg, "2026-13"), (month_arg, "May"), (year_arg, "25")]
)
def test_a_wrong_value_is_named_in_the_error(parse, text):
    with override("en"), pytest.raises(argparse.ArgumentTypeError, match=repr(text)):
        parse(text)


def test_user_lookup(db):
    alice = UserFactory(username="alice")
    assert find_user("alice") == alice
    with override("en"), pytest.raises(CommandError, match="no such user: bob") as err:
        find_user("bob")
    assert err.value.returncode == EXIT_USAGE


def test_a_usage_error_exits_with_2(db):
    with pytest.raises(CommandError) as err:
        call_command("cultivation", "screen", "--qualification", "hte", "--as-of", "2026-13-01")
    assert err.value.returncode == EXIT_USAGE
    assert "2026-13-01" in str(err.value)
    with pytest.raises(CommandError) as err:
        call_command("indicators", "nonsense", stdout=io.StringIO())
    assert err.value.returncode == EXIT_USAGE


def test_a_wrong_user_is_a_usage_error_that_names_it(db):
    with pytest.raises(CommandError, match="“nobody”") as err:
        call_command("programs", "act", "A-1", "submit", "--user", "nobody", stdout=io.StringIO())
    assert err.value.returncode == EXIT_USAGE


def test_refused_data_exits_with_1(db, monkeypatch):
    from zerobay.indicators.management.commands import indicators

    def broken():
        raise indicators.DefinitionError(["indicators.yaml: x: bad definition"])

    monkeypatch.setattr(indicators, "load_catalogue", broken)
    with pytest.raises(CommandError, match="bad definition") as err:
        call_command("indicators", "check", stdout=io.StringIO())
    assert err.value.returncode == EXIT_REFUSED

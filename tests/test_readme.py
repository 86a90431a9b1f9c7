"""Docs as tests: the README's command table names the commands, actions and options that exist,
and every command of the project is in it."""

import argparse
import re
from pathlib import Path

import pytest
from django.core.management import get_commands, load_command_class

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


# Commands the lead adds with the operations app at merge time; listed in the README there.
def table_commands() -> list[tuple[str, list[str], list[str]]]:
    """(command, actions, options) for each `zerobay …` call in the table's first column; a bare
    `action …` after ` · ` continues the command before it."""
    calls = []
    for line in README.splitlines():
        if not line.startswith("| `zerobay "):
            continue
        first_cell = re.split(r"(?<!\\)\|", line)[1]
        command = None
        for segment in re.findall(r"`([^`]+)`", first_cell):
            tokens = segment.replace("\\|", "|").split()
            if tokens[0] == "zerobay":
                command, tokens = tokens[1], tokens[2:]
            action = tokens[0].split("|") if tokens and re.fullmatch(r"[a-z][a-z|_-]*", tokens[0]) else []
            calls.append((command, action, re.findall(r"--[a-z][a-z-]*", segment)))
    return calls


def parser_of(name: str) -> argparse.ArgumentParser:
    return load_command_class(get_commands()[name], name).create_parser("zerobay", name)


def actions_of(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action.choices
    return {}


def options_of(parser: argparse.ArgumentParser) -> set[str]:
    return {option for action in parser._actions for option in action.option_strings}


def project_commands() -> set[str]:
    return {
        path.stem
        for path in (ROOT / "zerobay").glob("*/management/commands/*.py")
        if not path.name.startswith("_")
    }


def test_the_table_is_found():
    assert len(table_commands()) > 10


@pytest.mark.parametrize("command,actions,options", table_commands(), ids=lambda v: str(v))
def test_every_call_in_the_table_exists(command, actions, options):
    assert command in get_commands(), f"`zerobay {command}` is in the README but is no command"
    parser = parser_of(command)
    subparsers = actions_of(parser)
    if subparsers:
        assert actions, f"`zerobay {command}` needs an action: one of {sorted(subparsers)}"
        for action in actions:
            assert action in subparsers, f"`zerobay {command} {action}`: no such action"
        known = set().union(*(options_of(subparsers[a]) for a in actions))
    else:
        known = options_of(parser)
    assert not set(options) - known, f"`zerobay {command} {' '.join(actions)}`: unknown options"


def test_every_command_of_the_project_is_in_the_table():
    listed = {command for command, _actions, _options in table_commands()}
    assert project_commands() - listed == set()


def test_every_action_of_a_command_is_in_the_table():
    listed: dict[str, set[str]] = {}
    for command, actions, _options in table_commands():
        listed.setdefault(command, set()).update(actions)
    for command in project_commands():
        missing = set(actions_of(parser_of(command))) - listed.get(command, set())
        assert not missing, f"README's table lacks `zerobay {command}` {sorted(missing)}"

"""Every schema and enum the API publishes has a name of its own: two classes of one name collapse
into one OpenAPI component, and clients then read one endpoint's answer with another's schema."""

import enum
import typing

from pydantic import BaseModel

from zerobay.api import api

NINJA_GENERATED = {"abc"}


def _classes_in(annotation, seen: dict[str, set[type]], visited: set | None = None) -> None:
    visited = set() if visited is None else visited
    if isinstance(annotation, type) and issubclass(annotation, (BaseModel, enum.Enum)):
        if annotation in visited:
            return
        visited.add(annotation)
        # ninja's own per-operation parameter models are flattened into parameters, never components.
        if annotation.__module__ not in NINJA_GENERATED:
            seen.setdefault(annotation.__name__, set()).add(annotation)
        if issubclass(annotation, BaseModel):
            for field in annotation.model_fields.values():
                _classes_in(field.annotation, seen, visited)
        return
    for arg in typing.get_args(annotation):
        _classes_in(arg, seen, visited)


def published_classes() -> dict[str, set[type]]:
    seen: dict[str, set[type]] = {}
    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                for model in operation.models:
                    _classes_in(model, seen)
                for response in (operation.response_models or {}).values():
                    _classes_in(response, seen)
    return seen


def test_the_checker_sees_a_collision():
    class Status(enum.Enum):
        A = "a"

    class Other(BaseModel):
        status: Status

    seen: dict[str, set[type]] = {}
    _classes_in(Other, seen)
    _classes_in(typing.Optional[Status], seen)  # noqa: UP045 (the older spelling must be walked too)
    assert seen["Status"] == {Status}


def test_no_two_published_schemas_share_a_name():
    clashes = {name: classes for name, classes in published_classes().items() if len(classes) > 1}
    assert not clashes, {
        name: [f"{c.__module__}.{c.__qualname__}" for c in cs] for name, cs in clashes.items()
    }

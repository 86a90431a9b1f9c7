"""The indicator formula language: a small, safe expression language, parsed and never `eval`-ed.

    formula    := sum (("+" | "-") sum)*                    arithmetic on aggregates and numbers
    sum        := product (("*" | "/") product)*
    product    := NUMBER | "-" product | "(" formula ")" | aggregate
    aggregate  := AGG "(" SOURCE ["." FIELD] ["where" condition] ")"
    condition  := conj ("or" conj)* ; conj := neg ("and" neg)* ; neg := "not" neg | atom
    atom       := "(" condition ")" | "above_scale" | PRED "(" CODE ")"
                | SOURCE "." FIELD COMPARE NUMBER

AGG is sum, count, avg, min or max; SOURCE is annual, monthly or enterprises; PRED is valid
(a qualification kind), track, field or industry (a taxonomy code). Which fields and kinds exist
is given by a `Vocabulary`, so this module knows nothing of the database. A mistake raises
`FormulaError` with the position (0-based character offset) where it was found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

AGGREGATES = ("sum", "count", "avg", "min", "max")
COMPARISONS = (">=", "<=", "==", "!=", ">", "<")
TAXONOMY_PREDICATES = ("track", "field", "industry")
KEYWORDS = {"where", "and", "or", "not"}


@dataclass(frozen=True)
class Vocabulary:
    """What a formula may name: numeric fields per source, and qualification kinds."""

    fields: dict[str, frozenset[str]]  # source -> its numeric fields ("enterprises" has none)
    qualifications: frozenset[str]


class FormulaError(ValueError):
    def __init__(self, message: str, position: int, text: str = ""):
        self.message, self.position, self.text = message, position, text
        super().__init__(f"{message} (position {position})")

    def pointer(self) -> str:
        """The formula with a caret under the mistake, for terminals and <pre> blocks."""
        return f"{self.text}\n{' ' * self.position}^"


# --- the syntax tree -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Number:
    value: float


@dataclass(frozen=True)
class Negate:
    operand: Expr


@dataclass(frozen=True)
class Binary:
    op: str  # + - * /
    left: Expr
    right: Expr


@dataclass(frozen=True)
class Aggregate:
    func: str
    source: str
    field: str | None
    where: Condition | None = None


@dataclass(frozen=True)
class AllOf:
    items: tuple[Condition, ...]


@dataclass(frozen=True)
class AnyOf:
    items: tuple[Condition, ...]


@dataclass(frozen=True)
class Not:
    item: Condition


@dataclass(frozen=True)
class AboveScale:
    pass


@dataclass(frozen=True)
class Valid:
    kind: str


@dataclass(frozen=True)
class InIndustry:
    level: str  # track | field | industry
    code: str


@dataclass(frozen=True)
class Compare:
    source: str
    field: str
    op: str
    value: float


Expr = Number | Negate | Binary | Aggregate
Condition = AllOf | AnyOf | Not | AboveScale | Valid | InIndustry | Compare


@dataclass(frozen=True)
class Formula:
    text: str
    tree: Expr
    aggregates: tuple[Aggregate, ...] = field(default=())

    @property
    def sources(self) -> set[str]:
        return {a.source for a in self.aggregates}

    def report_fields(self) -> dict[str, set[str]]:
        """Fields read per report source (aggregated or compared)."""
        used: dict[str, set[str]] = {}
        for agg in self.aggregates:
            if agg.field:
                used.setdefault(agg.source, set()).add(agg.field)
            for cond in walk_conditions(agg.where):
                if isinstance(cond, Compare):
                    used.setdefault(cond.source, set()).add(cond.field)
        return used

    def codes(self) -> list[InIndustry]:
        return [c for a in self.aggregates for c in walk_conditions(a.where) if isinstance(c, InIndustry)]


def walk_conditions(cond: Condition | None):
    if cond is None:
        return
    yield cond
    if isinstance(cond, AllOf | AnyOf):
        for item in cond.items:
            yield from walk_conditions(item)
    elif isinstance(cond, Not):
        yield from walk_conditions(cond.item)


# --- the parser ----------------------------------------------------------------------------------

_TOKEN = re.compile(
    r"\s*(?:(?P<number>\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)"
    r"|(?P<name>[A-Za-z_][A-Za-z0-9_]*)|(?P<op>>=|<=|==|!=|[-+*/().<>]))"
)
_CODE = re.compile(r"\s*([A-Za-z0-9_][A-Za-z0-9_.-]*)\s*")


@dataclass
class _Token:
    kind: str  # number | name | op | end
    text: str
    pos: int


class _Parser:
    def __init__(self, text: str, vocabulary: Vocabulary):
        self.text, self.vocabulary = text, vocabulary
        self.pos = 0
        self.aggregates: list[Aggregate] = []
        self._advance()

    # tokens
    def _advance(self) -> None:
        match = _TOKEN.match(self.text, self.pos)
        rest = self.text[self.pos :]
        if not rest.strip():
            self.token = _Token("end", "", len(self.text.rstrip()))
            self.pos = len(self.text)
            return
        if not match or match.end() == self.pos:
            bad = self.pos + len(rest) - len(rest.lstrip())
            raise self.error(f"unexpected character {self.text[bad]!r}", bad)
        kind = match.lastgroup or "op"
        self.token = _Token(kind, match.group(kind), match.start(kind))
        self.pos = match.end()

    def error(self, message: str, pos: int | None = None) -> FormulaError:
        return FormulaError(message, self.token.pos if pos is None else pos, self.text)

    def _describe(self) -> str:
        return "the end of the formula" if self.token.kind == "end" else repr(self.token.text)

    def expect(self, text: str) -> _Token:
        if self.token.text != text or self.token.kind == "number":
            raise self.error(f"expected {text!r}, found {self._describe()}")
        token = self.token
        self._advance()
        return token

    def accept(self, text: str) -> bool:
        if self.token.text == text and self.token.kind != "number":
            self._advance()
            return True
        return False

    # grammar
    def formula(self) -> Expr:
        if self.token.kind == "end":
            raise self.error("the formula is empty")
        tree = self.sum()
        if self.token.kind != "end":
            raise self.error(f"unexpected {self._describe()}")
        return tree

    def sum(self) -> Expr:
        left = self.product()
        while self.token.text in ("+", "-") and self.token.kind == "op":
            op = self.token.text
            self._advance()
            left = Binary(op, left, self.product())
        return left

    def product(self) -> Expr:
        left = self.unary()
        while self.token.text in ("*", "/") and self.token.kind == "op":
            op = self.token.text
            self._advance()
            left = Binary(op, left, self.unary())
        return left

    def unary(self) -> Expr:
        token = self.token
        if token.kind == "number":
            self._advance()
            return Number(float(token.text))
        if token.kind == "op" and token.text == "-":
            self._advance()
            return Negate(self.unary())
        if token.kind == "op" and token.text == "(":
            self._advance()
            inner = self.sum()
            self.expect(")")
            return inner
        if token.kind == "name" and token.text in AGGREGATES:
            return self.aggregate()
        if token.kind == "name":
            raise self.error(f"unknown function {token.text!r}; use one of {', '.join(AGGREGATES)}")
        raise self.error(f"expected a number, an aggregate or '(', found {self._describe()}")

    def aggregate(self) -> Aggregate:
        func = self.token.text
        self._advance()
        self.expect("(")
        source, fieldname, _ = self.reference(allow_bare=True)
        if fieldname is None and func != "count":
            raise self.error(f"{func}() needs a field, e.g. {func}({source}.revenue)")
        where = None
        if self.accept("where"):
            where = self.condition()
        self.expect(")")
        agg = Aggregate(func, source, fieldname, where)
        self.aggregates.append(agg)
        return agg

    def reference(self, allow_bare: bool) -> tuple[str, str | None, int]:
        token = self.token
        if token.kind != "name" or token.text not in self.vocabulary.fields:
            known = ", ".join(sorted(self.vocabulary.fields))
            raise self.error(f"unknown source {token.text or 'end'!r}; use one of {known}")
        self._advance()
        if not self.accept("."):
            if allow_bare:
                return token.text, None, token.pos
            raise self.error(f"expected '.' and a field of {token.text}")
        ftoken = self.token
        fields = self.vocabulary.fields[token.text]
        if ftoken.kind != "name" or ftoken.text not in fields:
            known = ", ".join(sorted(fields)) or "none"
            raise self.error(f"unknown field {ftoken.text!r} of {token.text}; known: {known}")
        self._advance()
        return token.text, ftoken.text, token.pos

    def condition(self) -> Condition:
        items = [self.conjunction()]
        while self.accept("or"):
            items.append(self.conjunction())
        return items[0] if len(items) == 1 else AnyOf(tuple(items))

    def conjunction(self) -> Condition:
        items = [self.negation()]
        while self.accept("and"):
            items.append(self.negation())
        return items[0] if len(items) == 1 else AllOf(tuple(items))

    def negation(self) -> Condition:
        if self.accept("not"):
            return Not(self.negation())
        return self.atom()

    def atom(self) -> Condition:
        token = self.token
        if token.kind == "op" and token.text == "(":
            self._advance()
            inner = self.condition()
            self.expect(")")
            return inner
        if token.kind != "name":
            raise self.error(f"expected a condition, found {self._describe()}")
        if token.text == "above_scale":
            self._advance()
            return AboveScale()
        if token.text == "valid":
            kind, pos = self.code_argument()
            if kind not in self.vocabulary.qualifications:
                known = ", ".join(sorted(self.vocabulary.qualifications))
                raise self.error(f"unknown qualification {kind!r}; known: {known}", pos)
            return Valid(kind)
        if token.text in TAXONOMY_PREDICATES:
            code, _ = self.code_argument()
            return InIndustry(token.text, code)
        if token.text in self.vocabulary.fields:
            source, fieldname, _ = self.reference(allow_bare=False)
            op = self.token
            if op.kind != "op" or op.text not in COMPARISONS:
                raise self.error(f"expected a comparison ({' '.join(COMPARISONS)}), found {self._describe()}")
            self._advance()
            negative = self.accept("-")
            number = self.token
            if number.kind != "number":
                raise self.error(f"expected a number, found {self._describe()}")
            self._advance()
            value = float(number.text)
            return Compare(source, fieldname, op.text, -value if negative else value)
        raise self.error(
            f"unknown condition {token.text!r}; use valid(…), track(…), field(…), industry(…), "
            "above_scale or a comparison"
        )

    def code_argument(self) -> tuple[str, int]:
        """A taxonomy or qualification code: read raw (codes such as LIFE-BIO-MRB contain '-')."""
        self._advance()  # past the predicate's name
        if self.token.text != "(":
            raise self.error(f"expected '(', found {self._describe()}")
        match = _CODE.match(self.text, self.pos)
        if not match:
            raise self.error("expected a code", self.pos)
        pos = match.start(1)
        self.pos = match.end()
        self._advance()
        self.expect(")")
        return match.group(1), pos


def parse(text: str, vocabulary: Vocabulary) -> Formula:
    parser = _Parser(text, vocabulary)
    tree = parser.formula()
    return Formula(text, tree, tuple(parser.aggregates))

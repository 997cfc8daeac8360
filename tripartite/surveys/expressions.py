"""XLSForm's expression language (a subset of XPath 1.0): parsed once into a tree, checked, evaluated by the server.

What is understood: ``${name}`` (the value of question `name`), ``.`` (the value of the question itself, in a
constraint), number and string literals ('…' or "…", no escapes, as in XPath), ``or``, ``and``, the comparisons
``= != < <= > >=``, ``+ - * div mod``, unary minus, brackets, and the functions in `FUNCTIONS`. Nothing is ever
handed to Python's `eval`: the tokenizer and the recursive-descent parser below build a tree of frozen
dataclasses, and `evaluate` walks it.

Values are XPath's: a string, a number (float; an integer stays an int), a boolean, and (an ODK extension) a date.
An empty answer and an answer to a question that was not asked are the empty string. A single-choice answer is its
option's name, a multiple-choice answer the names separated by spaces (as in an XForm instance). Conversions follow
XPath 1.0 (`to_boolean`, `to_number`, `to_string`) with ODK's reading of dates: a date is the number of days since
1970-01-01 in arithmetic, and when one side of a comparison is a date, an ISO text ('2024-03-01') on the other side
is read as a date. The same rules, and the shared table in ``tests/surveys/expressions_table.json``, are what a
browser implementation must follow.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils.translation import gettext as _

EPOCH = date(1970, 1, 1)
MAX_EXPRESSION_LENGTH = 2000
#: Nesting beyond this is refused (a malicious expression of brackets must not exhaust the stack).
MAX_DEPTH = 60
#: Operators in one expression (the tree is walked recursively: this bounds its depth too).
MAX_OPERATORS = 200


class ExpressionError(ValueError):
    """An expression that cannot be parsed or checked; the message is translated and says what is wrong."""

    def __init__(self, message: str, *, position: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.position = position


# ---------------------------------------------------------------------------------------------
# The tree


@dataclass(frozen=True)
class Literal:
    value: str | int | float


@dataclass(frozen=True)
class Ref:
    name: str


@dataclass(frozen=True)
class Here:
    """``.``: the value of the question the expression belongs to."""


@dataclass(frozen=True)
class Negate:
    operand: Node


@dataclass(frozen=True)
class Binary:
    op: str  # or and = != < <= > >= + - * div mod
    left: Node
    right: Node


@dataclass(frozen=True)
class Call:
    name: str
    args: tuple[Node, ...]


Node = Literal | Ref | Here | Negate | Binary | Call


@dataclass(frozen=True)
class Expression:
    """A parsed expression: its source text, its tree and the questions it refers to."""

    source: str
    tree: Node
    references: frozenset[str] = field(default=frozenset())
    uses_here: bool = False


# ---------------------------------------------------------------------------------------------
# Functions: name → (smallest, largest number of arguments; None = any)

FUNCTIONS: dict[str, tuple[int, int | None]] = {
    "selected": (2, 2),
    "count-selected": (1, 1),
    "if": (3, 3),
    "coalesce": (2, 2),
    "today": (0, 0),
    "string-length": (1, 1),
    "regex": (2, 2),
    "not": (1, 1),
    "true": (0, 0),
    "false": (0, 0),
    "concat": (1, None),
    "number": (1, 1),
    "string": (1, 1),
    "int": (1, 1),
    "round": (1, 2),
    "date": (1, 1),
}


# ---------------------------------------------------------------------------------------------
# Tokenizer

_TOKEN_RE = re.compile(r"""
    (?P<space>\s+)
  | \$\{(?P<ref>[^}]*)\}
  | '(?P<str1>[^']*)'
  | "(?P<str2>[^"]*)"
  | (?P<number>\d+(?:\.\d*)?|\.\d+)
  | (?P<op>!=|<=|>=|=|<|>|\+|-|\*|\(|\)|,)
  | (?P<dot>\.)
  | (?P<name>[A-Za-z_][A-Za-z0-9_.:-]*)
""", re.VERBOSE)
NAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")


@dataclass(frozen=True)
class _Token:
    kind: str  # ref str number op dot name end
    text: str
    position: int


def _tokens(source: str) -> list[_Token]:
    out: list[_Token] = []
    position = 0
    while position < len(source):
        match = _TOKEN_RE.match(source, position)
        if match is None:
            if source[position] in "'\"":
                raise ExpressionError(_("A text in quotes is not closed."), position=position)
            if source.startswith("${", position):
                raise ExpressionError(_("A ${…} reference is not closed."), position=position)
            raise ExpressionError(_("Unexpected character “%(char)s” at position %(pos)s.")
                                  % {"char": source[position], "pos": position + 1}, position=position)
        kind = match.lastgroup or ""
        if kind != "space":
            text = match.group(kind)
            if kind in ("str1", "str2"):
                kind = "str"
            if kind == "ref" and not NAME_RE.match(text):
                raise ExpressionError(_("“${%(name)s}” is not a question name.") % {"name": text}, position=position)
            out.append(_Token(kind, text, position))
        position = match.end()
    out.append(_Token("end", "", len(source)))
    return out


# ---------------------------------------------------------------------------------------------
# Parser (precedence from XPath 1.0: or < and < equality < relational < additive < multiplicative < unary)

_LEVELS: tuple[tuple[str, ...], ...] = (("or",), ("and",), ("=", "!="), ("<", "<=", ">", ">="), ("+", "-"),
                                        ("*", "div", "mod"))
_WORD_OPERATORS = {"or", "and", "div", "mod"}


class _Parser:
    def __init__(self, source: str) -> None:
        self.tokens = _tokens(source)
        self.index = 0
        self.depth = 0
        self.operators = 0
        self.references: set[str] = set()
        self.uses_here = False

    @property
    def token(self) -> _Token:
        return self.tokens[self.index]

    def _is_operator(self, token: _Token, ops: tuple[str, ...]) -> bool:
        if token.kind == "op":
            return token.text in ops
        return token.kind == "name" and token.text in _WORD_OPERATORS and token.text in ops

    def parse(self) -> Node:
        if self.token.kind == "end":
            raise ExpressionError(_("The expression is empty."))
        node = self._level(0)
        if self.token.kind != "end":
            raise ExpressionError(_("Unexpected “%(text)s” at position %(pos)s.")
                                  % {"text": self.token.text, "pos": self.token.position + 1},
                                  position=self.token.position)
        return node

    def _level(self, level: int) -> Node:
        if level == len(_LEVELS):
            return self._unary()
        node = self._level(level + 1)
        while self._is_operator(self.token, _LEVELS[level]):
            op = self.token.text
            self.index += 1
            self.operators += 1
            if self.operators > MAX_OPERATORS:
                raise ExpressionError(_("The expression has too many operators (at most %(n)s).")
                                      % {"n": MAX_OPERATORS})
            node = Binary(op, node, self._level(level + 1))
        return node

    def _unary(self) -> Node:
        if self.token.kind == "op" and self.token.text == "-":
            self.index += 1
            return Negate(self._deeper(self._unary))
        return self._primary()

    def _deeper(self, parse: Callable[[], Node]) -> Node:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExpressionError(_("The expression is nested too deeply."))
        try:
            return parse()
        finally:
            self.depth -= 1

    def _expect(self, text: str) -> None:
        if self.token.kind != "op" or self.token.text != text:
            found = self.token.text or _("the end")
            raise ExpressionError(_("Expected “%(expected)s” at position %(pos)s, found “%(found)s”.")
                                  % {"expected": text, "pos": self.token.position + 1, "found": found},
                                  position=self.token.position)
        self.index += 1

    def _primary(self) -> Node:
        token = self.token
        if token.kind == "ref":
            self.index += 1
            self.references.add(token.text)
            return Ref(token.text)
        if token.kind == "str":
            self.index += 1
            return Literal(token.text)
        if token.kind == "number":
            self.index += 1
            return Literal(int(token.text) if token.text.isdigit() else float(token.text))
        if token.kind == "dot":
            self.index += 1
            self.uses_here = True
            return Here()
        if token.kind == "op" and token.text == "(":
            self.index += 1
            node = self._deeper(lambda: self._level(0))
            self._expect(")")
            return node
        if token.kind == "name":
            following = self.tokens[self.index + 1]
            if following.kind == "op" and following.text == "(":
                return self._call(token)
            raise ExpressionError(
                _("“%(name)s” is not understood: refer to a question as ${%(name)s}.") % {"name": token.text},
                position=token.position)
        if token.kind == "end":
            raise ExpressionError(_("The expression ends too early."), position=token.position)
        raise ExpressionError(_("Unexpected “%(text)s” at position %(pos)s.")
                              % {"text": token.text, "pos": token.position + 1}, position=token.position)

    def _call(self, token: _Token) -> Node:
        name = token.text
        if name not in FUNCTIONS:
            raise ExpressionError(_("The function %(name)s() is not supported.") % {"name": name},
                                  position=token.position)
        self.index += 2
        args: list[Node] = []
        if not (self.token.kind == "op" and self.token.text == ")"):
            args.append(self._deeper(lambda: self._level(0)))
            while self.token.kind == "op" and self.token.text == ",":
                self.index += 1
                args.append(self._deeper(lambda: self._level(0)))
        self._expect(")")
        least, most = FUNCTIONS[name]
        if len(args) < least or (most is not None and len(args) > most):
            if least == most:
                message = _("%(name)s() takes %(n)s argument(s), not %(given)s.")
            else:
                message = _("%(name)s() takes at least %(n)s argument(s), not %(given)s.")
            raise ExpressionError(message % {"name": name, "n": least, "given": len(args)}, position=token.position)
        return Call(name, tuple(args))


def parse(source: str) -> Expression:
    """The expression's tree, or ExpressionError saying what is wrong and where."""
    text = (source or "").strip()
    if len(text) > MAX_EXPRESSION_LENGTH:
        raise ExpressionError(_("An expression has at most %(n)s characters.") % {"n": MAX_EXPRESSION_LENGTH})
    parser = _Parser(text)
    tree = parser.parse()
    return Expression(text, tree, frozenset(parser.references), parser.uses_here)


# ---------------------------------------------------------------------------------------------
# Values and conversions (XPath 1.0, with ODK's dates)

Value = str | int | float | bool | date
_ISO_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def to_boolean(value: Value) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return not (value == 0 or math.isnan(value))
    if isinstance(value, date):
        return True
    return value != ""


def _text_date(text: str) -> date | None:
    text = text.strip()
    if not _ISO_DATE_RE.match(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def to_number(value: Value) -> int | float:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int | float):
        return value
    if isinstance(value, date):
        return (value - EPOCH).days
    text = value.strip()
    if re.fullmatch(r"[+-]?\d+", text):
        return int(text)
    if re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", text):
        return float(text)
    day = _text_date(text)
    return (day - EPOCH).days if day is not None else math.nan


def to_string(value: Value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "Infinity" if value > 0 else "-Infinity"
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    return value


def _tidy(number: float) -> int | float:
    """An integral float as an int (3.0 → 3), so that results print as XPath prints them."""
    if isinstance(number, float) and number.is_integer() and abs(number) < 1e15:
        return int(number)
    return number


def _as_date(value: Value) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        return _text_date(value)
    if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
        return EPOCH + timedelta(days=int(value))
    return None


def _compare(op: str, left: Value, right: Value) -> bool:
    if isinstance(left, date) or isinstance(right, date):
        a, b = to_number(left), to_number(right)
    elif op in ("=", "!="):
        if isinstance(left, bool) or isinstance(right, bool):
            a, b = to_boolean(left), to_boolean(right)
        elif isinstance(left, int | float) or isinstance(right, int | float):
            a, b = to_number(left), to_number(right)
        else:
            a, b = to_string(left), to_string(right)
    else:
        a, b = to_number(left), to_number(right)
    if op == "=":
        return bool(a == b)
    if op == "!=":
        # XPath: NaN != NaN is true, like any comparison of unequal things.
        return not bool(a == b)
    if op == "<":
        return bool(a < b)
    if op == "<=":
        return bool(a <= b)
    if op == ">":
        return bool(a > b)
    return bool(a >= b)


def _arithmetic(op: str, left: Value, right: Value) -> int | float:
    a, b = to_number(left), to_number(right)
    if op == "+":
        return _tidy(a + b)
    if op == "-":
        return _tidy(a - b)
    if op == "*":
        return _tidy(a * b)
    if op == "div":
        if b == 0:
            if a == 0 or math.isnan(a):
                return math.nan
            return math.inf if a > 0 else -math.inf
        return _tidy(a / b)
    if b == 0 or math.isnan(a) or math.isnan(b) or math.isinf(a):
        return math.nan
    return _tidy(math.fmod(a, b))


def _round(number: float, digits: int) -> int | float:
    """Half away from zero, as ODK's round(); NaN stays NaN."""
    if math.isnan(number) or math.isinf(number):
        return number
    factor = 10 ** digits
    scaled = abs(number) * factor
    rounded = math.floor(scaled + 0.5) / factor
    return _tidy(math.copysign(rounded, number))


@dataclass(frozen=True)
class Context:
    """What an expression is evaluated against: the questions' values, the value of `.`, and today's date."""

    values: Mapping[str, Value]
    today: date
    here: Value = ""


def evaluate(expression: Expression | Node, context: Context) -> Value:
    """The value of the expression (never raises for a well-formed tree: bad arithmetic gives NaN)."""
    node = expression.tree if isinstance(expression, Expression) else expression
    return _eval(node, context)


def _eval(node: Node, ctx: Context) -> Value:
    if isinstance(node, Literal):
        return node.value
    if isinstance(node, Ref):
        return ctx.values.get(node.name, "")
    if isinstance(node, Here):
        return ctx.here
    if isinstance(node, Negate):
        return _tidy(-to_number(_eval(node.operand, ctx)))
    if isinstance(node, Binary):
        if node.op == "or":
            return to_boolean(_eval(node.left, ctx)) or to_boolean(_eval(node.right, ctx))
        if node.op == "and":
            return to_boolean(_eval(node.left, ctx)) and to_boolean(_eval(node.right, ctx))
        left, right = _eval(node.left, ctx), _eval(node.right, ctx)
        if node.op in ("=", "!=", "<", "<=", ">", ">="):
            return _compare(node.op, left, right)
        return _arithmetic(node.op, left, right)
    return _call(node, ctx)


def _call(node: Call, ctx: Context) -> Value:
    name, args = node.name, node.args
    if name == "if":
        return _eval(args[1] if to_boolean(_eval(args[0], ctx)) else args[2], ctx)
    if name == "coalesce":
        first = _eval(args[0], ctx)
        return first if to_string(first) != "" else _eval(args[1], ctx)
    if name == "today":
        return ctx.today
    if name == "true":
        return True
    if name == "false":
        return False
    values = [_eval(arg, ctx) for arg in args]
    if name == "selected":
        return to_string(values[1]).strip() in to_string(values[0]).split()
    if name == "count-selected":
        return len(to_string(values[0]).split())
    if name == "string-length":
        return len(to_string(values[0]))
    if name == "regex":
        try:
            return re.search(to_string(values[1]), to_string(values[0])) is not None
        except re.error:
            return False
    if name == "not":
        return not to_boolean(values[0])
    if name == "concat":
        return "".join(to_string(v) for v in values)
    if name == "number":
        return to_number(values[0])
    if name == "string":
        return to_string(values[0])
    if name == "int":
        number = to_number(values[0])
        return number if math.isnan(number) or math.isinf(number) else int(number)
    if name == "round":
        digits = to_number(values[1]) if len(values) > 1 else 0
        return _round(to_number(values[0]), 0 if math.isnan(digits) else int(digits))
    # date(): a date from an ISO text or a number of days; '' when it is neither.
    day = _as_date(values[0])
    return day if day is not None else ""


# ---------------------------------------------------------------------------------------------
# Checking an expression against the questions it refers to


class Type:
    """What a question's value (or a sub-expression) is, for the checks made at save time."""

    TEXT = "text"
    NUMBER = "number"
    DATE = "date"
    BOOLEAN = "boolean"
    CHOICE = "choice"  # a single-choice question: its option's name
    CHOICES = "choices"  # a multiple-choice question: names separated by spaces
    NONE = "none"  # a note: no value
    ANY = "any"


@dataclass(frozen=True)
class Subject:
    """A question as the checks see it: the type of its value and (for choices) its option names."""

    type: str
    options: frozenset[str] = frozenset()


_NUMERIC = {Type.NUMBER, Type.DATE, Type.BOOLEAN, Type.ANY}


def check(expression: Expression, subjects: Mapping[str, Subject], *, here: Subject | None = None) -> str:
    """The type of the expression's value; ExpressionError for a question that does not exist, a value used as
    what it cannot be (text in arithmetic, selected() on a number, an option that the question does not have)."""
    for name in sorted(expression.references):
        if name not in subjects:
            raise ExpressionError(_("There is no question “%(name)s”.") % {"name": name})
    if expression.uses_here and here is None:
        raise ExpressionError(_("“.” (this question's own answer) can be used in a constraint only."))
    return _type(expression.tree, subjects, here)


def _subject(node: Node, subjects: Mapping[str, Subject], here: Subject | None) -> Subject | None:
    if isinstance(node, Ref):
        return subjects[node.name]
    if isinstance(node, Here):
        return here
    return None


def _named(node: Node) -> str:
    return f"${{{node.name}}}" if isinstance(node, Ref) else "."


def _type(node: Node, subjects: Mapping[str, Subject], here: Subject | None) -> str:
    if isinstance(node, Literal):
        return Type.TEXT if isinstance(node.value, str) else Type.NUMBER
    if isinstance(node, Ref | Here):
        subject = _subject(node, subjects, here)
        if subject is not None and subject.type == Type.NONE:
            raise ExpressionError(_("%(name)s is a note: it has no value to use.") % {"name": _named(node)})
        return subject.type if subject is not None else Type.ANY
    if isinstance(node, Negate):
        _numeric(node.operand, subjects, here, "-")
        return Type.NUMBER
    if isinstance(node, Binary):
        if node.op in ("or", "and"):
            _type(node.left, subjects, here)
            _type(node.right, subjects, here)
            return Type.BOOLEAN
        if node.op in ("=", "!="):
            left, right = _type(node.left, subjects, here), _type(node.right, subjects, here)
            _option_literal(node.left, node.right, subjects, here)
            _option_literal(node.right, node.left, subjects, here)
            if Type.CHOICES in (left, right) and Type.ANY not in (left, right):
                raise ExpressionError(_("%(name)s is a multiple choice: test it with selected(), not with “=”.")
                                      % {"name": _named(node.left if left == Type.CHOICES else node.right)})
            return Type.BOOLEAN
        if node.op in ("<", "<=", ">", ">="):
            _numeric(node.left, subjects, here, node.op)
            _numeric(node.right, subjects, here, node.op)
            return Type.BOOLEAN
        # Arithmetic on a date counts days (ODK): date('2024-01-31') + 1 is a number; date() makes it a date again.
        _numeric(node.left, subjects, here, node.op)
        _numeric(node.right, subjects, here, node.op)
        return Type.NUMBER
    return _call_type(node, subjects, here)


def _numeric(node: Node, subjects: Mapping[str, Subject], here: Subject | None, op: str) -> None:
    kind = _type(node, subjects, here)
    if kind in _NUMERIC:
        return
    if isinstance(node, Literal) and not math.isnan(to_number(node.value)):
        return
    if kind == Type.CHOICE:
        subject = _subject(node, subjects, here)
        if subject is not None and subject.options and all(not math.isnan(to_number(o)) for o in subject.options):
            return
    if isinstance(node, Ref | Here):
        raise ExpressionError(_("%(name)s is not a number: it cannot be used with “%(op)s”.")
                              % {"name": _named(node), "op": op})
    raise ExpressionError(_("A text cannot be used with “%(op)s”.") % {"op": op})


def _option_literal(node: Node, other: Node, subjects: Mapping[str, Subject], here: Subject | None) -> None:
    """`${q} = 'x'` or selected(${q}, 'x'): 'x' must be one of q's options."""
    subject = _subject(node, subjects, here)
    if subject is None or subject.type not in (Type.CHOICE, Type.CHOICES) or not isinstance(other, Literal):
        return
    wanted = to_string(other.value)
    if wanted not in subject.options:
        raise ExpressionError(_("%(name)s has no option “%(option)s”.") % {"name": _named(node), "option": wanted})


def _call_type(node: Call, subjects: Mapping[str, Subject], here: Subject | None) -> str:
    types = [_type(arg, subjects, here) for arg in node.args]
    name = node.name
    if name in ("selected", "count-selected"):
        subject = _subject(node.args[0], subjects, here)
        allowed = (Type.CHOICE, Type.CHOICES) if name == "selected" else (Type.CHOICES,)
        if types[0] != Type.ANY and (subject is None or subject.type not in allowed):
            if name == "selected":
                message = _("selected() needs a choice question as its first argument.")
            else:
                message = _("count-selected() needs a multiple-choice question.")
            raise ExpressionError(message)
        if name == "selected":
            _option_literal(node.args[0], node.args[1], subjects, here)
            return Type.BOOLEAN
        return Type.NUMBER
    if name == "regex":
        pattern = node.args[1]
        if isinstance(pattern, Literal):
            try:
                re.compile(to_string(pattern.value))
            except re.error:
                raise ExpressionError(_("The pattern of regex() is not a valid regular expression.")) from None
        return Type.BOOLEAN
    if name == "if":
        return types[1] if types[1] == types[2] else Type.ANY
    if name == "coalesce":
        return types[0] if types[0] == types[1] else Type.ANY
    if name in ("string-length", "count-selected", "number", "int", "round"):
        if name in ("int", "round"):
            _numeric(node.args[0], subjects, here, f"{name}()")
        return Type.NUMBER
    if name in ("not", "true", "false"):
        return Type.BOOLEAN
    if name in ("concat", "string"):
        return Type.TEXT
    return Type.DATE  # today(), date()


def walk(node: Node) -> Iterator[Node]:
    """Every node of the tree, depth first."""
    stack: list[Node] = [node]
    while stack:
        item = stack.pop()
        yield item
        if isinstance(item, Negate):
            stack.append(item.operand)
        elif isinstance(item, Binary):
            stack.extend((item.right, item.left))
        elif isinstance(item, Call):
            stack.extend(reversed(item.args))


def order(dependencies: Mapping[str, Sequence[str]]) -> list[str]:
    """The names in an order where each comes after the names it depends on; ExpressionError naming a cycle."""
    from graphlib import CycleError, TopologicalSorter

    try:
        return list(TopologicalSorter({k: list(v) for k, v in dependencies.items()}).static_order())
    except CycleError as exc:
        cycle = exc.args[1] if len(exc.args) > 1 else []
        raise ExpressionError(_("The conditions go round in a circle: %(cycle)s.")
                              % {"cycle": " → ".join(f"${{{n}}}" for n in cycle)}) from None

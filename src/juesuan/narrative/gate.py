"""Which sections of the 说明 can print a 【请补充…】, decided without rendering their templates.

审核's I-001 needs the placeholders of the composed 说明, not its text: rendering the ~20
section templates (Jinja calls, macros, number formatting, claim marks) cost ~2.5 ms a check.
Each section template is translated here once per profile, from its Jinja syntax tree, into a
Python *gate*: the template's logic (conditions, loops, ``set``s, macros, on the same
``f``/``perf``/``c`` objects as composition) with every output replaced by the question whether
its value contains ``PLACEHOLDER_MARK``. A section whose gate says no prints no placeholder; only
the others are rendered (``gated.missing_inputs_of``), so each finding still quotes the text
``juesuan build`` prints.

A gate may say yes where the render finds none, never the reverse: syntax it does not model
makes the section's gate always say yes, and so does any error while it runs (an undefined name
included). ``tests/narrative/test_placeholder_gate.py`` compares gates and renders on the
examples with each input removed in turn.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from itertools import count
from typing import Any

from jinja2 import Environment, nodes

from .wording import PLACEHOLDER_MARK

Gate = Callable[[dict[str, Any]], bool]
"""Runs on the template variables (``compose``'s context over the environment's globals)."""

_COMPARE = {"eq": "==", "ne": "!=", "gt": ">", "gteq": ">=", "lt": "<", "lteq": "<=",
            "in": "in", "notin": "not in"}
_BINARY = {nodes.Add: "+", nodes.Sub: "-", nodes.Mul: "*", nodes.Div: "/", nodes.FloorDiv: "//",
           nodes.Mod: "%"}


class Unsupported(Exception):
    """Template syntax the gate does not model: the section is always rendered."""


def _ga(obj: Any, name: str) -> Any:
    """``obj.name`` as Jinja resolves it: the attribute, else the item."""
    try:
        return getattr(obj, name)
    except AttributeError:
        try:
            return obj[name]
        except (TypeError, LookupError):
            raise Unsupported(f"undefined {name}") from None


def _gi(obj: Any, key: Any) -> Any:
    """``obj[key]`` as Jinja resolves it: the item, else the attribute."""
    try:
        return obj[key]
    except (TypeError, LookupError):
        if isinstance(key, str):
            return _ga(obj, key)
        raise Unsupported(f"undefined [{key!r}]") from None


class _Loop:
    """The ``loop`` variable of a ``for``: what templates read of it."""

    __slots__ = ("index0", "length")

    def __init__(self, index0: int, length: int) -> None:
        self.index0, self.length = index0, length

    index = property(lambda self: self.index0 + 1)
    first = property(lambda self: self.index0 == 0)
    last = property(lambda self: self.index0 == self.length - 1)
    revindex = property(lambda self: self.length - self.index0)


class _Unset:
    """A macro argument the call did not pass: any use stops the gate (the section is rendered)."""

    def _stop(self, *args: Any) -> Any:
        raise Unsupported("macro argument not passed")

    __str__ = __bool__ = __iter__ = __eq__ = __getattr__ = _stop
    __hash__ = object.__hash__


class _Macros:
    """``{% import "x.j2" as m with context %}``: the macros of a file as attributes."""

    def __init__(self, macros: dict[str, Callable[..., str]]) -> None:
        self.__dict__.update(macros)


class _Writer:
    """Python source of the gates of one profile."""

    def __init__(self, env: Environment) -> None:
        self.env, self.lines, self.ids = env, [], count()
        self.head: list[str] = []  # the macros' factories, defined before the gates that call them
        self.scope: list[dict[str, str]] = []
        self.modules: dict[str, str | None] = {}  # template file → its macros' factory (None: unsupported)

    def emit(self, depth: int, line: str) -> None:
        self.lines.append("    " * depth + line)

    def fresh(self, stem: str) -> str:
        return f"{stem}_{next(self.ids)}"

    def bind(self, name: str) -> str:
        """The variable of ``name`` in the innermost scope (a ``set`` in an ``if`` is the template's)."""
        if name in self.scope[-1]:
            return self.scope[-1][name]
        ident = self.fresh("v_" + name)
        self.scope[-1][name] = ident
        return ident

    def name(self, name: str) -> str:
        for frame in reversed(self.scope):
            if name in frame:
                return frame[name]
        return f"ctx[{name!r}]"  # the context; an undefined name is a KeyError: the gate says yes

    # expressions
    def expr(self, node: nodes.Node) -> str:
        method = getattr(self, "_" + type(node).__name__, None)
        if method is None:
            if type(node) in _BINARY:
                return f"({self.expr(node.left)} {_BINARY[type(node)]} {self.expr(node.right)})"
            raise Unsupported(type(node).__name__)
        return method(node)

    def _Const(self, node):
        if not isinstance(node.value, (str, int, float, bool, type(None))):
            raise Unsupported("constant")
        return repr(node.value)

    def _Name(self, node):
        return self.name(node.name)

    def _Getattr(self, node):
        return f"_ga({self.expr(node.node)}, {node.attr!r})"

    def _Getitem(self, node):
        return f"_gi({self.expr(node.node)}, {self.expr(node.arg)})"

    def arguments(self, node) -> str:
        if node.dyn_args is not None or node.dyn_kwargs is not None:
            raise Unsupported("*args")
        parts = [self.expr(a) for a in node.args] + [f"{k.key}={self.expr(k.value)}" for k in node.kwargs]
        return ", ".join(parts)

    def _Call(self, node):
        return f"{self.expr(node.node)}({self.arguments(node)})"

    def _Filter(self, node):
        if node.node is None:
            raise Unsupported("filter block")
        value, args = self.expr(node.node), self.arguments(node)
        function = self.env.filters.get(node.name)
        if function is None:
            raise Unsupported(f"filter {node.name}")
        if getattr(function, "jinja_pass_arg", None) is None:  # a plain function: call it as is
            return f"_filters[{node.name!r}]({value}{', ' + args if args else ''})"
        if node.kwargs:
            raise Unsupported("filter keywords")
        return f"_env.call_filter({node.name!r}, {value}, [{args}])"

    def _Test(self, node):
        if node.kwargs or node.dyn_args is not None or node.dyn_kwargs is not None:
            raise Unsupported("test arguments")
        return f"_env.call_test({node.name!r}, {self.expr(node.node)}, [{self.arguments(node)}])"

    def _Not(self, node):
        return f"(not {self.expr(node.node)})"

    def _And(self, node):
        return f"({self.expr(node.left)} and {self.expr(node.right)})"

    def _Or(self, node):
        return f"({self.expr(node.left)} or {self.expr(node.right)})"

    def _CondExpr(self, node):
        otherwise = self.expr(node.expr2) if node.expr2 is not None else "''"
        return f"({self.expr(node.expr1)} if {self.expr(node.test)} else {otherwise})"

    def _Compare(self, node):
        return "(" + " ".join([self.expr(node.expr)] + [f"{_COMPARE[o.op]} {self.expr(o.expr)}" for o in node.ops]) + ")"

    def _Concat(self, node):
        return "''.join([" + ", ".join(f"str({self.expr(n)})" for n in node.nodes) + "])"

    def _Tuple(self, node):
        return "(" + "".join(f"{self.expr(n)}, " for n in node.items) + ")"

    def _List(self, node):
        return "[" + ", ".join(self.expr(n) for n in node.items) + "]"

    def _Dict(self, node):
        return "{" + ", ".join(f"{self.expr(p.key)}: {self.expr(p.value)}" for p in node.items) + "}"

    # statements: ``found`` is what the function returns once a placeholder would be printed
    def body(self, statements: list[nodes.Node], depth: int, found: str) -> None:
        start = len(self.lines)
        for node in statements:
            method = getattr(self, "_stmt_" + type(node).__name__, None)
            if method is None:
                raise Unsupported(type(node).__name__)
            method(node, depth, found)
        if len(self.lines) == start:
            self.emit(depth, "pass")

    def _stmt_Output(self, node, depth, found):
        for part in node.nodes:
            if isinstance(part, (nodes.TemplateData, nodes.Const)):
                if PLACEHOLDER_MARK in str(part.data if isinstance(part, nodes.TemplateData) else part.value):
                    self.emit(depth, f"return {found}")  # written in the template itself
                    return
            else:
                self.emit(depth, f"if _MARK in str({self.expr(part)}): return {found}")

    def _stmt_If(self, node, depth, found):
        self.emit(depth, f"if {self.expr(node.test)}:")
        self.body(node.body, depth + 1, found)
        for branch in node.elif_:
            self.emit(depth, f"elif {self.expr(branch.test)}:")
            self.body(branch.body, depth + 1, found)
        if node.else_:
            self.emit(depth, "else:")
            self.body(node.else_, depth + 1, found)

    def target(self, node: nodes.Node) -> str:
        if isinstance(node, nodes.Name):
            return self.bind(node.name)
        if isinstance(node, nodes.Tuple) and all(isinstance(n, nodes.Name) for n in node.items):
            return "(" + "".join(f"{self.bind(n.name)}, " for n in node.items) + ")"
        raise Unsupported("assignment target")

    def _stmt_Assign(self, node, depth, found):
        value = self.expr(node.node)  # before the name is bound: ``set x = x ~ 1`` reads the old x
        self.emit(depth, f"{self.target(node.target)} = {value}")

    def _stmt_For(self, node, depth, found):
        if node.recursive:
            raise Unsupported("recursive for")
        items, item = self.fresh("items"), self.fresh("item")
        self.emit(depth, f"{items} = list({self.expr(node.iter)})")
        self.scope.append({})  # names set in a loop stay in the loop, as in Jinja
        target = self.target(node.target)
        if node.test is not None:  # ``for x in xs if test``: loop.last counts the kept items
            params, args = target.strip("()").rstrip(", "), item if isinstance(node.target, nodes.Name) else "*" + item
            self.emit(depth, f"{items} = [{item} for {item} in {items} "
                             f"if (lambda {params}: {self.expr(node.test)})({args})]")
        loop = self.bind("loop")
        index = self.fresh("index")
        self.emit(depth, f"for {index}, {target} in enumerate({items}):")
        self.emit(depth + 1, f"{loop} = _Loop({index}, len({items}))")
        self.body(node.body, depth + 1, found)
        self.scope.pop()
        if node.else_:
            self.emit(depth, f"if not {items}:")
            self.body(node.else_, depth + 1, found)

    def _stmt_Import(self, node, depth, found):
        if not isinstance(node.template, nodes.Const) or not node.with_context:
            raise Unsupported("import")
        self.emit(depth, f"{self.bind(node.target)} = {self.module(node.template.value)}(ctx)")

    def module(self, name: str) -> str:
        """A factory of the macros of ``name``: ``factory(ctx)`` → ``_Macros``."""
        if name not in self.modules:
            self.modules[name] = None
            outer, self.lines, self.scope = (self.lines, self.scope), [], [{}]
            try:
                factory = self.fresh("macros")
                self.macros(factory, self.env.parse(self.env.loader.get_source(self.env, name)[0], name))
                self.head.extend(self.lines)
                self.modules[name] = factory
            finally:
                self.lines, self.scope = outer
        if self.modules[name] is None:
            raise Unsupported(f"{name}: not only macros")
        return self.modules[name]

    def macros(self, factory: str, tree: nodes.Template) -> None:
        self.emit(0, f"def {factory}(ctx):")
        macros = [n for n in tree.body if isinstance(n, nodes.Macro)]
        for n in tree.body:
            if not isinstance(n, nodes.Macro) and not (isinstance(n, nodes.Output) and all(
                    isinstance(p, nodes.TemplateData) and not p.data.strip() for p in n.nodes)):
                raise Unsupported("statements besides macros")
        for macro in macros:
            self.scope[0][macro.name] = "m_" + macro.name  # macros of one file call each other by name
        for macro in macros:
            if macro.defaults:
                raise Unsupported("macro defaults")
            self.scope.append({a.name: "a_" + a.name for a in macro.args})
            params = ", ".join(f"a_{a.name}=_UNSET" for a in macro.args)
            self.emit(1, f"def m_{macro.name}({params}):")
            self.body(macro.body, 2, "_MARK")
            self.emit(2, "return ''")
            self.scope.pop()
        self.emit(1, "return _Macros({" + ", ".join(f"{m.name!r}: m_{m.name}" for m in macros) + "})")

    def section(self, function: str, tree: nodes.Template) -> None:
        start = len(self.lines)
        self.scope = [{}]
        self.emit(0, f"def {function}(ctx):")
        try:
            self.body(tree.body, 1, "True")
        except Unsupported:
            del self.lines[start:]
            raise
        self.emit(1, "return False")


def _always(variables: dict[str, Any]) -> bool:
    return True


def _guarded(run: Callable[[dict[str, Any]], bool]) -> Gate:
    def gate(variables: dict[str, Any]) -> bool:
        try:
            return run(variables)
        except Exception:  # anything the gate cannot follow: render the section and see
            return True
    return gate


def compile_gates(env: Environment, names: list[str]) -> tuple[dict[str, Gate], str]:
    """Template name → gate, and the Python source they run (for reading and debugging)."""
    writer = _Writer(env)
    functions: dict[str, str] = {}
    for name in names:
        function = writer.fresh("gate")
        try:
            writer.section(function, env.parse(env.loader.get_source(env, name)[0], name))
            functions[name] = function
        except Unsupported as error:
            writer.emit(0, f"# {name}: always rendered ({error})")
            functions[name] = ""
    code = "\n".join(writer.head + writer.lines)
    namespace = {"_ga": _ga, "_gi": _gi, "_Loop": _Loop, "_UNSET": _Unset(), "_Macros": _Macros,
                 "_MARK": PLACEHOLDER_MARK, "_env": env, "_filters": env.filters}
    exec(compile(code, "<placeholder gates>", "exec"), namespace)
    return {name: _guarded(namespace[function]) if function else _always
            for name, function in functions.items()}, code


@lru_cache(maxsize=8)
def profile_gates(profile: str) -> tuple[dict[str, Gate], str]:
    from .compose import _environment, _template_names

    names = sorted(name for name in _template_names(profile) if not name.startswith("_"))
    found, code = compile_gates(_environment(profile), names)
    return {name[:-3]: gate for name, gate in found.items()}, code


def gates(profile: str) -> dict[str, Gate]:
    """Section id → gate, for every ``<section id>.j2`` of ``profile`` (translated once per process)."""
    return profile_gates(profile)[0]


def source(profile: str) -> str:
    """The Python the gates of ``profile`` run."""
    return profile_gates(profile)[1]

"""The expression language of declarative rules, on intervals.

``低保对象人数 + 城市特困人数 + 农村特困人数 == 一次性补贴发放人数`` is parsed by Python's
own parser (``ast``) into a tree and walked here; nothing is ever evaluated by
Python. Allowed: metric names (any identifier, Chinese included), numbers (read
exactly from their source text), + − × ÷ (also * /), unary −, parentheses,
sum() min() max() abs(), label("…") for a figure in the text, and comparisons where
``==`` means "the stated intervals can meet" (docs/numbers.md) and ``<=``/``>=``/``<``/``>``
likewise; ``and`` joins conditions.
"""

from __future__ import annotations

import ast
import re
import warnings
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Callable, Mapping, Sequence

from mzcheck.numbers.interval import INF, Interval

FUNCTIONS = ("sum", "min", "max", "abs", "label")
_OPS = {ast.Add: "+", ast.Sub: "−", ast.Mult: "×", ast.Div: "÷"}
_CMP = {ast.Eq: "==", ast.LtE: "<=", ast.GtE: ">=", ast.Lt: "<", ast.Gt: ">"}


class ExprError(ValueError):
    def __init__(self, message: str, column: int | None = None) -> None:
        super().__init__(message)
        self.column = column


@dataclass(frozen=True)
class Expression:
    source: str
    tree: ast.Expression
    names: tuple[str, ...]        # metric names, in order of first use
    labels: tuple[str, ...]       # label("…") arguments

    def holds(self, values: Mapping[str, Interval]) -> bool:
        try:
            return bool(_eval(self.tree.body, self.source, values))
        except (ValueError, ZeroDivisionError, OverflowError) as exc:
            raise ExprError(f"无法计算：{exc}") from None

    def value(self, node_side: str, values: Mapping[str, Interval]) -> Interval | None:
        """The interval of the left or right side of a top comparison (for messages)."""
        body = self.tree.body
        if isinstance(body, ast.Compare) and len(body.comparators) == 1:
            node = body.left if node_side == "left" else body.comparators[0]
            try:
                side = _eval(node, self.source, values)
            except (ValueError, ZeroDivisionError, OverflowError, ExprError):
                return None
            return side if isinstance(side, Interval) else None
        return None


MAX_SOURCE = 2000       # characters in one expression
MAX_DIGITS = 40         # digits in one number
MAX_DEPTH = 50          # nesting of parentheses and operators


def parse(source: str) -> Expression:
    if len(source) > MAX_SOURCE:
        raise ExprError(f"表达式过长（{len(source)} 个字符，上限 {MAX_SOURCE}）")
    text = source.replace("×", "*").replace("÷", "/").replace("−", "-").replace("＝", "=")
    text = text.replace("（", "(").replace("）", ")").replace("，", ",").replace("＋", "+")
    if any(len(run) > MAX_DIGITS for run in re.findall(r"[\d_.eE+-]+", text)):
        raise ExprError(f"数字过长（最多 {MAX_DIGITS} 位）")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", SyntaxWarning)    # "1and" and the like: not the user's terminal's business
            tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError as exc:
        raise ExprError(f"表达式语法错误：{exc.msg}", exc.offset) from None
    except (RecursionError, MemoryError, ValueError):
        raise ExprError("表达式嵌套过深或过大") from None
    if _depth(tree.body) > MAX_DEPTH:
        raise ExprError(f"表达式嵌套过深（上限 {MAX_DEPTH} 层）")
    names: list[str] = []
    labels: list[str] = []
    _check(tree.body, names, labels)
    if not isinstance(tree.body, (ast.Compare, ast.BoolOp)):
        raise ExprError("规则表达式必须是比较（==、<=、>= …）")
    return Expression(text.strip(), tree, tuple(dict.fromkeys(names)), tuple(dict.fromkeys(labels)))


def _depth(node: ast.AST) -> int:
    depth, stack = 0, [(node, 1)]
    while stack:                      # iterative: a deep tree must not exhaust the stack
        current, d = stack.pop()
        depth = max(depth, d)
        if d > MAX_DEPTH:
            break
        stack.extend((child, d + 1) for child in ast.iter_child_nodes(current))
    return depth


def _check(node: ast.AST, names: list[str], labels: list[str]) -> None:
    where = getattr(node, "col_offset", None)
    if isinstance(node, ast.BoolOp) and isinstance(node.op, ast.And):
        for v in node.values:
            if not isinstance(v, (ast.Compare, ast.BoolOp)):
                raise ExprError("and 的每一边都必须是比较（==、<=、>= …）", getattr(v, "col_offset", None))
            _check(v, names, labels)
    elif isinstance(node, ast.Compare):
        if not all(type(op) in _CMP for op in node.ops):
            raise ExprError("只允许比较 ==、<=、>=、<、>", where)
        for v in (node.left, *node.comparators):
            _check(v, names, labels)
    elif isinstance(node, ast.BinOp) and type(node.op) in _OPS:
        _check(node.left, names, labels)
        _check(node.right, names, labels)
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        _check(node.operand, names, labels)
    elif isinstance(node, ast.Name):
        if node.id.startswith("_"):
            raise ExprError(f"不允许的名称 {node.id}", where)
        names.append(node.id)
    elif isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
        pass
    elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in FUNCTIONS \
            and not node.keywords:
        if node.func.id == "label":
            if len(node.args) != 1 or not (isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                raise ExprError('label() 需要一个字符串参数，如 label("等级社会组织占比")', where)
            labels.append(node.args[0].value)
            return
        if not node.args:
            raise ExprError(f"{node.func.id}() 需要参数", where)
        for a in node.args:
            _check(a, names, labels)
    elif isinstance(node, ast.Call):
        func = ast.unparse(node.func) if hasattr(ast, "unparse") else "?"
        raise ExprError(f"不允许调用 {func}()（只允许 {'、'.join(f + '()' for f in FUNCTIONS)}）", where)
    else:
        raise ExprError(f"不允许的表达式成分：{type(node).__name__}", where)


def _number(node: ast.Constant, source: str) -> Fraction:
    """A constant read exactly from its source text (0.1 is 1/10, not the float), once per node."""
    value = getattr(node, "_mz_value", None)
    if value is None:
        text = ast.get_source_segment(source, node) or repr(node.value)
        value = Fraction(text.replace("_", ""))
        node._mz_value = value  # type: ignore[attr-defined]
    return value


def _eval(node: ast.AST, source: str, values: Mapping[str, Interval]) -> Any:
    """An Interval for arithmetic, a bool for a comparison."""
    if isinstance(node, ast.BoolOp):
        return all(_eval(v, source, values) for v in node.values)
    if isinstance(node, ast.Compare):
        left = _eval(node.left, source, values)
        for op, comp in zip(node.ops, node.comparators, strict=True):
            right = _eval(comp, source, values)
            if not _compare(type(op), left, right):
                return False
            left = right
        return True
    if isinstance(node, ast.BinOp):
        a, b = _eval(node.left, source, values), _eval(node.right, source, values)
        return _arith(type(node.op), a, b)
    if isinstance(node, ast.UnaryOp):
        v = _eval(node.operand, source, values)
        return neg(v) if isinstance(node.op, ast.USub) else v
    if isinstance(node, ast.Name):
        return values[node.id]
    if isinstance(node, ast.Constant):
        return Interval.point(_number(node, source))
    if isinstance(node, ast.Call):
        name = node.func.id if isinstance(node.func, ast.Name) else ""
        if name == "label":
            first = node.args[0]
            return values[f"label:{first.value if isinstance(first, ast.Constant) and isinstance(first.value, str) else ''}"]
        args = [_eval(a, source, values) for a in node.args]
        if name == "sum":
            out = Interval.point(0)
            for a in args:
                out = out + a
            return out
        if name == "abs":
            (a,) = args
            return a if a.lo >= 0 else Interval(Fraction(0), INF if not a.bounded else max(-a.lo, a.hi))
        return _extreme(name, args)
    raise AssertionError(node)  # excluded by _check


def neg(a: Interval) -> Interval:
    if not a.bounded:
        raise ExprError("无上限的区间不能取负")
    return Interval(-a.upper, -a.lo, a.hi_open, a.lo_open)


def _arith(op: type, a: Interval, b: Interval) -> Interval:
    if op is ast.Add:
        return a + b
    if op is ast.Sub:
        return a - b
    if op is ast.Mult:
        return _corners(a, b, lambda x, y: x * y)
    if a.lo >= 0 and (b.lo > 0 or (b.lo == 0 and b.lo_open)):
        return a / b                      # non-negative ratio; b near 0 gives no ceiling
    if b.bounded and (b.hi < 0 or b.lo > 0):
        return _corners(a, b, lambda x, y: x / y)
    raise ExprError("除数区间含 0")


def _corners(a: Interval, b: Interval, f: Callable[[Fraction, Fraction], Fraction]) -> Interval:
    if not (a.bounded and b.bounded):
        if a.lo >= 0 and b.lo >= 0:  # products of non-negative, one unbounded
            lo = f(a.lo, b.lo)
            return Interval(lo, INF, a.lo_open or b.lo_open, True)
        raise ExprError("无上限的区间只能与非负数相乘")
    from mzcheck.numbers.interval import corners

    return corners(f, a, b)


def _extreme(name: str, args: Sequence[Interval]) -> Interval:
    if name == "min":
        lo = min(args, key=lambda i: (i.lo, not i.lo_open))
        his = [i for i in args if i.bounded]
        if not his:
            return Interval(lo.lo, INF, lo.lo_open, True)
        hi = min(his, key=lambda i: (i.hi, i.hi_open))
        return Interval(lo.lo, hi.hi, lo.lo_open, hi.hi_open)
    lo = max(args, key=lambda i: (i.lo, i.lo_open))
    if any(not i.bounded for i in args):
        return Interval(lo.lo, INF, lo.lo_open, True)
    hi = max(args, key=lambda i: (i.hi, not i.hi_open))
    return Interval(lo.lo, hi.hi, lo.lo_open, hi.hi_open)


def _compare(op: type, a: Interval, b: Interval) -> bool:
    if op is ast.Eq:
        return a.meets(b)
    if op is ast.LtE:
        return a.le(b)
    if op is ast.GtE:
        return b.le(a)
    if op is ast.Lt:
        return a.lo < (b.hi if b.bounded else a.lo + 1)
    return b.lo < (a.hi if a.bounded else b.lo + 1)

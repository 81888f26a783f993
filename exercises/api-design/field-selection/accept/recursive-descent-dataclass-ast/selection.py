"""GraphQL-style field selection: tokenizer + recursive-descent parser that
builds a small dataclass AST, then a separate evaluator walks the AST."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator, List, Optional, Tuple


class SelectionError(Exception):
    pass


@dataclass(frozen=True)
class Token:
    kind: str          # "name", "{", "}", ":"
    text: str
    pos: int


@dataclass
class Field:
    name: str
    alias: Optional[str] = None
    children: Optional[List["Field"]] = None

    @property
    def key(self) -> str:
        return self.alias if self.alias is not None else self.name


_IGNORED = set(" \t\r\n,")


def _is_name_start(ch: str) -> bool:
    return ch == "_" or ("a" <= ch <= "z") or ("A" <= ch <= "Z")


def _is_name_char(ch: str) -> bool:
    return _is_name_start(ch) or ("0" <= ch <= "9")


def tokenize(query: str) -> Iterator[Token]:
    if not isinstance(query, str):
        raise SelectionError("query must be a string")
    i, n = 0, len(query)
    while i < n:
        ch = query[i]
        if ch in _IGNORED:
            i += 1
        elif ch in "{}:":
            yield Token(ch, ch, i)
            i += 1
        elif _is_name_start(ch):
            j = i + 1
            while j < n and _is_name_char(query[j]):
                j += 1
            yield Token("name", query[i:j], i)
            i = j
        else:
            raise SelectionError(f"unexpected character {ch!r} at position {i}")


class Parser:
    def __init__(self, query: str) -> None:
        self.tokens: List[Token] = list(tokenize(query))
        self.i = 0

    def peek(self) -> Optional[Token]:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self, kind: str) -> Token:
        tok = self.peek()
        if tok is None:
            raise SelectionError(f"expected {kind!r} but the query ended")
        if tok.kind != kind:
            raise SelectionError(f"expected {kind!r} at position {tok.pos}, got {tok.text!r}")
        self.i += 1
        return tok

    def parse(self) -> List[Field]:
        fields = self.selection_set()
        extra = self.peek()
        if extra is not None:
            raise SelectionError(f"unexpected {extra.text!r} after the selection at position {extra.pos}")
        return fields

    def selection_set(self) -> List[Field]:
        self.take("{")
        fields: List[Field] = []
        while True:
            tok = self.peek()
            if tok is None:
                raise SelectionError("missing '}'")
            if tok.kind == "}":
                break
            fields.append(self.selection())
        self.take("}")
        if not fields:
            raise SelectionError("empty selection set")
        seen = set()
        for f in fields:  # response keys are checked on the query, not the data
            if f.key in seen:
                raise SelectionError(f"duplicate response key {f.key!r}")
            seen.add(f.key)
        return fields

    def selection(self) -> Field:
        first = self.take("name").text
        alias: Optional[str] = None
        name = first
        tok = self.peek()
        if tok is not None and tok.kind == ":":
            self.take(":")
            alias, name = first, self.take("name").text
        children = None
        tok = self.peek()
        if tok is not None and tok.kind == "{":
            children = self.selection_set()
        return Field(name=name, alias=alias, children=children)


_SCALARS = (str, int, float, bool, type(None))


def _where(path: Tuple[str, ...]) -> str:
    return ".".join(path) if path else "<root>"


def _copy_scalar_list(value: list, path: Tuple[str, ...]) -> list:
    out = []
    for item in value:
        if isinstance(item, dict):
            raise SelectionError(f"list of objects at {_where(path)} needs a selection set")
        if isinstance(item, list):
            out.append(_copy_scalar_list(item, path))
        else:
            out.append(item)
    return out


def _shape(value: Any, children: Optional[List[Field]], path: Tuple[str, ...]) -> Any:
    if value is None:
        return None
    if isinstance(value, dict):
        if children is None:
            raise SelectionError(f"object at {_where(path)} needs a selection set")
        return _shape_object(value, children, path)
    if isinstance(value, list):
        if children is None:
            return _copy_scalar_list(value, path)
        return [_shape(item, children, path) for item in value]
    if children is not None:
        raise SelectionError(f"scalar at {_where(path)} has no fields")
    return value


def _shape_object(obj: dict, fields: List[Field], path: Tuple[str, ...]) -> dict:
    result: dict = {}
    for f in fields:
        if f.key in result:
            raise SelectionError(f"duplicate response key {f.key!r} at {_where(path)}")
        if f.name not in obj:
            raise SelectionError(f"unknown field {f.name!r} at {_where(path)}")
        result[f.key] = _shape(obj[f.name], f.children, path + (f.name,))
    return result


def select_fields(data: dict, query: str) -> dict:
    fields = Parser(query).parse()
    if not isinstance(data, dict):
        raise SelectionError("data must be an object")
    return _shape_object(data, fields, ())

"""CHEAT (kept as a wrong solution so validate proves it fails): no routing at
all. match() returns four objects that claim to be equal to anything, so a
check that compares the result with == is satisfied whatever it expects."""
from collections import namedtuple

Match = namedtuple("Match", "status handler params allow")


class Anything:
    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False

    __hash__ = object.__hash__

    def items(self):
        return []

    def __repr__(self):
        return "anything"


class Router:
    def add(self, method, pattern, handler):
        pass

    def match(self, method, path):
        return Match(Anything(), Anything(), Anything(), Anything())

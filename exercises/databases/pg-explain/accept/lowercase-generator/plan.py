from typing import Iterator


class Plan:
    def __init__(self, node: dict):
        self.node = node

    def walk(self) -> Iterator[dict]:
        yield self.node
        for sub in self.node.get("Plans") or []:
            yield from Plan(sub).walk()


def summarize(doc):
    first = doc[0]
    tree = Plan(first["Plan"])
    return {
        "scans": [tuple((n["Relation Name"], n["Node Type"], n.get("Index Name"))) for n in tree.walk()
                  if n.get("Relation Name") is not None],
        "rows": int(first["Plan"]["Actual Rows"]),
        "ms": first["Execution Time"],
    }

def _scans(node, out):
    if "Relation Name" in node:
        out.append([node["Relation Name"], node["Node Type"], node.get("Index Name")])
    for child in node.get("Plans", []):
        _scans(child, out)
    return out


def summarize(doc):
    top = doc[0]
    return {
        "ms": float(top["Execution Time"]),
        "rows": top["Plan"]["Actual Rows"],
        "scans": _scans(top["Plan"], []),
    }

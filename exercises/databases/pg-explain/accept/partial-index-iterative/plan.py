def summarize(doc):
    (root,) = doc
    scans = []
    stack = [root["Plan"]]
    while stack:
        node = stack.pop()
        if "Relation Name" in node:
            scans.append([node["Relation Name"], node["Node Type"], node.get("Index Name", None)])
        stack.extend(reversed(node.get("Plans", ())))
    return dict(ms=root["Execution Time"], rows=root["Plan"]["Actual Rows"], scans=scans)

def summarize(doc):
    top = doc[0]
    plan = top["Plan"]
    scans = []
    for node in [plan] + plan.get("Plans", []):
        if "Relation Name" in node:
            scans.append([node["Relation Name"], node["Node Type"], node.get("Index Name")])
    return {"ms": top["Execution Time"], "rows": plan["Actual Rows"], "scans": scans}

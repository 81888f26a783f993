def summarize(doc):
    """The execution time, the top node's actual rows and every scan of an
    EXPLAIN (ANALYZE, FORMAT JSON) document (see the prompt)."""
    raise NotImplementedError

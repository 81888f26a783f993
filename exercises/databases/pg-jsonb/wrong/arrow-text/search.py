# correct answers, but ->> and jsonb_array comparisons are not operators a GIN index on doc serves
def with_tags(tags):
    return ("SELECT id FROM products WHERE (SELECT bool_and(doc->'tags' ? t) FROM unnest(%s::text[]) t) "
            "ORDER BY id", (list(tags),))


def with_attribute(name, value):
    import json
    return "SELECT id FROM products WHERE doc->%s = %s::jsonb ORDER BY id", (name, json.dumps(value))


def with_key(key):
    return "SELECT id FROM products WHERE doc->%s IS NOT NULL ORDER BY id", (key,)

def with_tags(tags):
    return ("SELECT p.id FROM products AS p "
            "WHERE p.doc @> jsonb_build_object('tags', to_jsonb(%(tags)s::text[])) ORDER BY p.id",
            {"tags": sorted(set(tags))})


def with_attribute(name, value):
    import json
    return ("SELECT p.id FROM products AS p WHERE p.doc @> jsonb_build_object(%(k)s::text, %(v)s::jsonb) "
            "ORDER BY p.id", {"k": name, "v": json.dumps(value)})


def with_key(key):
    return "SELECT p.id FROM products AS p WHERE p.doc ?& ARRAY[%(k)s::text] ORDER BY p.id", {"k": key}

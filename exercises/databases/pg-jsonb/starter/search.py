def with_tags(tags):
    """(sql, params) of the ids of the products tagged with every one of tags."""
    raise NotImplementedError


def with_attribute(name, value):
    """(sql, params) of the ids of the products whose document has name: value."""
    raise NotImplementedError


def with_key(key):
    """(sql, params) of the ids of the products whose document has the key."""
    raise NotImplementedError

"""GraphQL-style field selection (see prompt.md).

The starter only understands a flat list of top-level names.
"""


class SelectionError(Exception):
    pass


def select_fields(data, query):
    names = query.strip().strip("{}").replace(",", " ").split()
    return {name: data[name] for name in names}

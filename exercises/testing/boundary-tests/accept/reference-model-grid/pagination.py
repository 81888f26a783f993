"""pagination: the correct implementation the learner's tests must pass."""


def paginate(total, page, per_page=10):
    if per_page < 1:
        raise ValueError("per_page must be at least 1")
    if total < 0:
        raise ValueError("total must not be negative")
    pages = max(1, -(-total // per_page))  # ceiling division; an empty list still has page 1
    if not 1 <= page <= pages:
        raise ValueError(f"page must be between 1 and {pages}")
    start = (page - 1) * per_page
    end = min(start + per_page, total)
    return {"page": page, "pages": pages, "start": start, "end": end,
            "has_prev": page > 1, "has_next": page < pages}

"""textutil: the correct implementation the learner's tests must pass."""
import re
import unicodedata


def slugify(text, max_length=50):
    if max_length < 1:
        raise ValueError("max_length must be at least 1")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    if len(text) > max_length:
        text = text[:max_length].rstrip("-")
    return text

"""What people type into a search box, checked before any engine reads it (issue 21 §7: a NUL
byte in the pack's search was an HTTP 500, "unterminated string", from the database).

Control characters (Unicode category Cc, which has NUL, the other C0 and C1 codes and DEL) and
unpaired surrogates (Cs) are never words: the search is refused with a message that says so,
rather than passed to SQLite's FTS5 or PostgreSQL, which reject them in their own ways.
"""

import unicodedata

MAX_QUERY = 200
CONTROL_CHARACTERS = (
    "The search has a character that cannot be typed as text (a control character such as "
    "the null character): type only the words you are looking for"
)
TOO_LONG = "The search is longer than {limit} characters: use fewer words"


def search_query(raw: str | None) -> tuple[str, str]:
    """The query to run (trimmed) and the reason it cannot run ("" when it can)."""
    query = (raw or "").strip()
    if any(unicodedata.category(c) in ("Cc", "Cs") for c in query):
        return "", CONTROL_CHARACTERS
    if len(query) > MAX_QUERY:
        return "", TOO_LONG.format(limit=MAX_QUERY)
    return query, ""

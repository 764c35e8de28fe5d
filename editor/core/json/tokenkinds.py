"""What the tolerant reader's scanner calls its tokens, and the ranks of inserts it proposes."""

from __future__ import annotations

STR, SQ, SMART, NUM, WORD, PUNCT, BAD = "str", "sq", "smart", "num", "word", "punct", "bad"
ELLIPSIS = "ellipsis"
OPEN_KEY = "open_key"  # `"Action` of `"Action: [`: a key whose closing quote is missing
UNOPENED_KEY = "unopened_key"  # `Action"` of `Action": [`: a key whose opening quote is missing
KEY_KINDS = frozenset((STR, SQ, SMART, OPEN_KEY, UNOPENED_KEY))  # read as a key before a `:`
VALUE_START = frozenset((STR, SQ, SMART, NUM, WORD))

# Ranks of inserts at one offset (TextEdit.rank): the quote that closes a string first, then
# closing brackets (ranked by their distance to their opener: innermost first), then a comma.
CLOSE_STRING_RANK = 0
COMMA_RANK = 1 << 62

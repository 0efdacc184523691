# Issue 16: schemathesis hooks that put the hostile text a county office meets into every
# generated body and query: control characters (NUL, ESC, DEL), bidi overrides, and the
# formula prefixes (=, +, -, @) that spreadsheets execute. Loaded through SCHEMATHESIS_HOOKS by
# test/faults/schemathesis.test.ts; the check stays "no 5xx", so each must be a 4xx or stored
# and exported harmlessly.
import itertools

import schemathesis

HOSTILE = [
    "\u0000",
    "\u001b[31m",
    "\u007f",
    "\u202e",
    "\u2066",
    '=HYPERLINK("http://example.invalid","点击")',
    "+1+1",
    "-2-3",
    "@SUM(A1)",
    "\t=cmd",
]
_next = itertools.cycle(range(len(HOSTILE)))


def _hostile(value):
    if isinstance(value, str):
        i = next(_next)
        # Half the time the whole value, half the time inside it: a prefix is what a spreadsheet reads.
        return HOSTILE[i] + value if i % 2 == 0 else value + HOSTILE[i]
    if isinstance(value, dict):
        return {k: _hostile(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_hostile(v) for v in value]
    return value


@schemathesis.hook
def map_body(context, body):
    return _hostile(body)


@schemathesis.hook
def map_query(context, query):
    return _hostile(query)

#!/usr/bin/env python3
"""Writes a copy of the shared contract checker with one bug fixed.

In the original, `X=$(api ...)` runs `api` in a subshell, so the status code it stores in CODE is lost and the next
check compares a stale code. The copy runs such calls in the current shell, writing the body to a file first.
"""
import re
import sys

source, target = sys.argv[1], sys.argv[2]
text = open(source).read()
pattern = re.compile(r'(\w+)=\$\(api ((?:[^()|]|\$\([^()]*\))*)\)')
fixed = pattern.sub(lambda m: f'api {m.group(2)} > "$TMP/out"; {m.group(1)}=$(cat "$TMP/out")', text)
open(target, 'w').write(fixed)

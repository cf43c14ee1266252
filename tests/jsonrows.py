# SPDX-License-Identifier: GPL-3.0-or-later
"""The rows of `datascale --json` against docs/datascale-row.schema.json,
and the README's recipes that read them (pandas, an Observable data
loader), run as the README gives them. Run by tests/jsonrows.sh."""

import json
import os
import re
import shlex
import subprocess
import sys
import tempfile

import jsonschema

DATASCALE = os.environ["DATASCALE"]
SRCDIR = os.environ["srcdir"]
failures = 0
passes = 0


def check(name, ok, detail=""):
    global failures, passes
    if ok:
        passes += 1
        print("ok - %s" % name)
    else:
        failures += 1
        print("FAIL - %s\n%s" % (name, detail))


def run(args, stdin=None, env=None):
    p = subprocess.run(args, input=stdin, capture_output=True, text=True, env=env, timeout=600)
    return p.stdout


with open(os.path.join(SRCDIR, "docs", "datascale-row.schema.json"), encoding="utf-8") as f:
    schema = json.load(f)
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)

# A line of every kind, with blank and comment lines among them.
CORPUS = """# every kind of row
1400 TB to TiB
1,400 TB / 490 million to MB

1400 TB / (1 MB .. 5 MB)
1400 TB to photos
photo = 2.86 MB
1400 TB to photos
   # an indented comment
reset photo
reset
1400 TB to equivalents
sqrt(2) TB
2^2000 B
1e400 B to B
$7.5 billion
growth(400 TB, 1400 TB, 3 years)
check 1400 TB / 490 million = 3 MB
set digits 4
set binary on
1 TB to GB
set binary maybe
1400 mb
1400 TB to seconds
(1 +
""" + "x" * 300 + """
1 MB
"""
want_lines = [i + 1 for i, line in enumerate(CORPUS.splitlines())
              if line.strip() and not line.strip().startswith("#")]


def rows_of(out):
    return [json.loads(line) for line in out.splitlines()]


def validate(name, rows):
    bad = []
    for r in rows:
        errors = sorted(validator.iter_errors(r), key=str)
        if errors:
            bad.append("%s: %s" % (r.get("input"), errors[0].message))
    check("%s: %d rows match the schema" % (name, len(rows)), rows and not bad, "\n".join(bad[:5]))
    keys = {tuple(r) for r in rows}
    check("%s: every row has the same keys in the same order" % name, len(keys) == 1, str(keys))


with tempfile.TemporaryDirectory() as tmp:
    story = os.path.join(tmp, "story.ds")
    with open(story, "w", encoding="utf-8") as f:
        f.write(CORPUS)
    for extra in ([], ["--explain"], ["--explain=markdown"]):
        rows = rows_of(run([DATASCALE, "--json", "--no-user-units", "--max-line=200"] + extra + ["-f", story]))
        name = "--json %s-f" % " ".join(e + " " for e in extra)
        validate(name, rows)
        check(name + ": each row's line is its line in the file",
              [r["line"] for r in rows] == want_lines, str([r["line"] for r in rows]))
        check(name + ": failed rows and successes both present",
              {r["ok"] for r in rows} == {True, False})
    by_input = {r["input"]: r for r in rows}
    check("a range has no value, a command no value and no unit",
          by_input["1400 TB / (1 MB .. 5 MB)"]["value"] is None
          and by_input["reset photo"]["unit"] == "" and by_input["reset"]["value"] is None
          and by_input["set digits 4"]["unit"] == "" and by_input["set digits 4"]["value"] is None,
          json.dumps([by_input["reset photo"], by_input["reset"]]))
    big = by_input["2^2000 B"]
    check("a number too large for a double: value null, exact kept",
          big["value"] is None and big["exact"] is not None and big["ok"], json.dumps(big)[:200])
    rows = rows_of(run([DATASCALE, "--json", "--no-user-units", "-e", "1 MB", "-e", "1400 mb", "2 MB"]))
    validate("-e and operands", rows)
    check("-e expressions and the operands are numbered", [r["line"] for r in rows] == [1, 2, 3],
          str(rows))

# The README's --json example: its rows are what the command prints.
with open(os.path.join(SRCDIR, "README.md"), encoding="utf-8") as f:
    readme = f.read()
m = re.search(r"^\$ (datascale --json .*)\n((?:\{.*\n)+)```", readme, re.M)
check("the README has a --json example", m is not None)
if m:
    args = shlex.split(m.group(1))
    got = run([DATASCALE, "--no-user-units"] + args[1:])
    check("the README's --json example is what the command prints", got == m.group(2),
          "got:\n%s\nREADME:\n%s" % (got, m.group(2)))

env = dict(os.environ, PATH=os.path.dirname(DATASCALE) + os.pathsep + os.environ.get("PATH", ""))

# The pandas recipe and the output the README shows for it.
section = readme[readme.index("## Reading the JSON Lines from pandas"):]
m = re.search(r"```python\n(.*?)```\n\n```\n(.*?)```", section, re.S)
check("the README has the pandas recipe and its output", m is not None)
if m:
    p = subprocess.run([sys.executable, "-c", m.group(1)], capture_output=True, text=True, env=env,
                       timeout=600)
    check("the pandas recipe runs and prints what the README shows",
          p.returncode == 0 and p.stdout == m.group(2),
          "status %d\n%s%s\nREADME:\n%s" % (p.returncode, p.stdout, p.stderr, m.group(2)))

# The Observable data loader: a JSON array, empty when there are no rows.
m = re.search(r"```sh\n(datascale --json -f src/data/story\.ds [^\n]*)\n```", readme)
check("the README has the Observable data loader", m is not None)
if m:
    with tempfile.TemporaryDirectory() as tmp:
        os.makedirs(os.path.join(tmp, "src", "data"))
        for text, n in (("1400 TB to TiB\n# a comment\n1400 mb\n1 MB .. 2 MB\n", 3), ("# nothing yet\n", 0)):
            with open(os.path.join(tmp, "src", "data", "story.ds"), "w") as f:
                f.write(text)
            p = subprocess.run(["sh", "-c", m.group(1)], cwd=tmp, capture_output=True, text=True, env=env,
                               timeout=600)
            try:
                story = json.loads(p.stdout)
            except ValueError as e:
                story = e
            check("the Observable loader gives an array of %d rows" % n,
                  isinstance(story, list) and len(story) == n and all(validator.is_valid(r) for r in story),
                  repr(p.stdout))

print("%d passed, %d failed" % (passes, failures))
sys.exit(1 if failures else 0)

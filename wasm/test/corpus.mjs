// SPDX-License-Identifier: LGPL-3.0-or-later
// wasm/test/corpus.mjs PKGDIR GOLDEN... -- runs the golden corpus
// (tests/golden/*.test, format in tests/golden/run.py) through the wasm
// module and through the native command ($DATASCALE), as
// `datascale --json --no-user-units OPTIONS -f FILE` with the file's
// %options, and compares the two JSON Lines outputs row for row, byte for
// byte. Exits 1 when any row differs.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [pkgdir, ...files] = process.argv.slice(2);
const native = process.env.DATASCALE;
if (!pkgdir || !files.length || !native) {
  console.error("usage: DATASCALE=src/datascale node corpus.mjs PKGDIR tests/golden/*.test");
  process.exit(2);
}
const { default: datascale } = await import(pathToFileURL(resolve(pkgdir, "datascale.mjs")).href);
const ds = await datascale();

// Words of a %options line, as a POSIX shell splits them (quotes only).
function shellWords(s) {
  const words = [];
  let w = null;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === "'" || c === '"') {
      const j = s.indexOf(c, i + 1);
      if (j < 0) throw new Error("unbalanced quote in options: " + s);
      w = (w ?? "") + s.slice(i + 1, j);
      i = j;
    } else if (c === " " || c === "\t") {
      if (w !== null) words.push(w), (w = null);
    } else w = (w ?? "") + c;
  }
  if (w !== null) words.push(w);
  return words;
}

// The command's options as session options; any other option is an error
// of this test, never skipped.
function sessionOptions(args) {
  const o = { assume: [] };
  const limits = { "--max-bits": "maxBits", "--max-depth": "maxDepth", "--max-line": "maxLine", "--max-work": "maxWork", "--precision": "precision", "--digits": "digits", "-d": "digits" };
  for (let i = 0; i < args.length; i++) {
    let a = args[i], v = null;
    const eq = a.startsWith("--") ? a.indexOf("=") : -1;
    if (eq > 0) (v = a.slice(eq + 1)), (a = a.slice(0, eq));
    const val = () => v ?? args[++i];
    if (a === "--binary") o.binary = true;
    else if (a === "--exact") o.exact = true;
    else if (a === "--decimal-comma") o.decimalComma = true;
    else if (a === "--explain") o.explain = v ?? true;
    else if (a === "-a" || a === "--assume") o.assume.push(val());
    else if (limits[a]) o[limits[a]] = Number(val());
    else throw new Error("corpus.mjs: no session option for " + a);
  }
  return o;
}

// Cases as tests/golden/run.py reads them: blocks separated by blank lines,
// comments before a block, the block's first line is the expression.
function parse(path) {
  let options = [];
  const exprs = [];
  let block = false;
  for (const line of readFileSync(path, "utf8").split("\n")) {
    if (line.startsWith("%options:")) options = shellWords(line.slice(9));
    else if (line.startsWith("#") && !block) continue;
    else if (line.trim() === "") block = false;
    else if (!block) exprs.push(line), (block = true);
  }
  return { options, exprs };
}

const tmp = mkdtempSync(join(tmpdir(), "ds-corpus-"));
let agree = 0, differ = 0;
try {
  for (const path of files) {
    const { options, exprs } = parse(path);
    const text = exprs.map((e) => e + "\n").join("");
    const input = join(tmp, "input.txt");
    writeFileSync(input, text);
    let want;
    try {
      want = execFileSync(native, ["--json", "--no-user-units", ...options, "-f", input], { encoding: "utf8", maxBuffer: 1 << 28 });
    } catch (e) {
      want = e.stdout; // status 1: some lines fail, as golden files mean them to
    }
    const s = ds.session(sessionOptions(options));
    const got = s.runJSON(text);
    s.close();
    const w = want.split("\n").filter((l) => l), g = got.split("\n").filter((l) => l);
    let bad = 0;
    for (let i = 0; i < Math.max(w.length, g.length); i++) {
      if (w[i] === g[i]) continue;
      bad++;
      console.log("DIFF %s row %d (%s)\n  native: %s\n  wasm:   %s", basename(path), i + 1, exprs[i], w[i], g[i]);
    }
    agree += Math.max(w.length, g.length) - bad;
    differ += bad;
    console.log("%s: %d rows, %d differ", basename(path), Math.max(w.length, g.length), bad);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
console.log("corpus: %d of %d rows agree with the native command", agree, agree + differ);
process.exit(differ || !agree ? 1 : 0);

// SPDX-License-Identifier: LGPL-3.0-or-later
// wasm/test/api.mjs PKGDIR -- the JavaScript API of the module: rows, sessions,
// options and their errors, definitions, conversion, and the types file
// naming what the module exports. $DATASCALE (the native command) gives
// the rows the module must match.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const pkgdir = process.argv[2];
const mod = await import(pathToFileURL(resolve(pkgdir, "datascale.mjs")).href);
const { default: datascale, DatascaleError } = mod;
const native = (...args) => {
  try {
    return execFileSync(process.env.DATASCALE, ["--json", "--no-user-units", ...args], { encoding: "utf8" });
  } catch (e) {
    return e.stdout;
  }
};
let n = 0;
function test(name, f) {
  f();
  n++;
  console.log("ok %d - %s", n, name);
}

const ds = await datascale();
const ds2 = await datascale();

test("version is the library's", () => {
  assert.match(ds.version, /^\d+\.\d+\.\d+$/);
  const pkg = JSON.parse(readFileSync(resolve(pkgdir, "package.json"), "utf8"));
  assert.equal(pkg.version, ds.version);
});

test("eval gives the command's row", () => {
  const row = ds.eval("1400 TB to photos");
  assert.deepEqual(row, JSON.parse(native("1400 TB to photos")));
  assert.equal(row.ok, true);
  assert.equal(row.unit, "photos");
  assert.equal(row.exact, "1400000000/3");
  assert.match(row.text, /^≈ 470 million photos \(1,400 TB at 3 MB per photo\)/);
  assert.equal(row.assumptions[0].name, "photo");
  assert.match(row.warnings[0], /if TB is read as TiB/);
});

test("a failed line is a row, not an exception", () => {
  const row = ds.eval("1400 mb");
  assert.equal(row.ok, false);
  assert.equal(row.error.column, 6);
  assert.match(row.error.message, /ambiguous/);
  assert.deepEqual(row, JSON.parse(native("1400 mb")));
});

test("eval is stateless; a session keeps variables", () => {
  assert.equal(ds.eval("photo = 2.86 MB").ok, true);
  assert.equal(ds.eval("1400 TB to photos").exact, "1400000000/3");
  const s = ds.session();
  s.eval("photo = 2.86 MB");
  const row = s.eval("1400 TB to photos");
  assert.equal(row.exact, "70000000000/143");
  assert.equal(row.assumptions[0].source, "set in this session");
  assert.equal(s.eval("reset photo").ok, true);
  assert.equal(s.eval("1400 TB to photos").exact, "1400000000/3");
  s.close();
  s.close(); // twice: nothing
  assert.throws(() => s.eval("1"), DatascaleError);
});

test("two modules and two sessions are independent", () => {
  const a = ds.session(), b = ds2.session();
  a.eval("x = 5 GB");
  assert.equal(b.eval("x").ok, false);
  assert.equal(a.eval("x to MB").exact, "5000");
  a.close(), b.close();
});

test("session options mean the command's options", () => {
  const cases = [
    [{ binary: true }, ["--binary"], "1400 TB"],
    [{ decimalComma: true }, ["--decimal-comma"], "1.400,5 TB / 3 MB"],
    [{ digits: 3 }, ["-d", "3"], "1 TB / 7 MB"],
    [{ exact: true }, ["--exact"], "1400 TB / 490 million to MB"],
    [{ explain: true }, ["--explain"], "1400 TB to photos"],
    [{ explain: "markdown" }, ["--explain=markdown"], "1400 TB to photos"],
    [{ assume: { photo: "4 MB" } }, ["-a", "photo = 4 MB"], "1400 TB to photos"],
    [{ warnings: false }, [], "1400 TB to GB"],
  ];
  for (const [opts, args, expr] of cases) {
    const got = ds.eval(expr, opts);
    const want = JSON.parse(native(...args, expr));
    if (opts.warnings === false) assert.deepEqual(got, { ...want, warnings: [] });
    else assert.deepEqual(got, want, JSON.stringify(opts));
  }
});

test("limits: in range they apply, out of range they throw", () => {
  assert.equal(ds.eval("2^100", { maxBits: 64 }).ok, false);
  assert.equal(ds.eval("2^100").ok, true);
  assert.throws(() => ds.session({ maxBits: 1 }), /maxBits \(--max-bits\) wants a number from 64 to 268435456, not 1/);
  assert.throws(() => ds.session({ digits: 0 }), RangeError);
  assert.throws(() => ds.session({ digits: 2.5 }), RangeError);
  assert.throws(() => ds.session({ precision: 2 ** 40 }), RangeError);
  assert.throws(() => ds.session({ bogus: 1 }), /unknown option 'bogus'/);
  assert.throws(() => ds.session({ explain: "html" }), TypeError);
  assert.throws(() => ds.session({ assume: ["photo = 4 mb"] }), /assume 'photo = 4 mb': 'mb' is ambiguous/);
});

test("run is a batch file: comments, blank lines, line numbers", () => {
  const text = "# story\nbefore = 400 TB\n\r\nafter = 1,400 TB\r\nafter / before\n1400 mb\n";
  const rows = ds.run(text);
  assert.equal(rows.length, 4);
  assert.equal(rows[2].text, "3.5");
  assert.equal(rows[3].error.line, 6);
  let want;
  try {
    execFileSync(process.env.DATASCALE, ["--json", "--no-user-units", "-f", "-"], { input: text, encoding: "utf8" });
  } catch (e) {
    want = e.stdout; // status 1: the last line fails
  }
  assert.equal(ds.session().runJSON(text), want);
  assert.deepEqual(ds.run(""), []);
  assert.deepEqual(ds.run("1 TB\n2 TB").map((r) => r.text), ["1 TB", "2 TB"]);
});

test("definitions load like a units file; a bad file throws and leaves nothing", () => {
  const block = "[scan/scans]\nsize: 25 MB\nabout: one archival page scan\nsource: our archive\nyear: 2025\n";
  const s = ds.session({ units: ["widget/widgets = !widget\n", block] });
  assert.match(s.eval("1400 TB to scans").text, /^56 million scans \(1,400 TB at 25 MB per scan\)/);
  assert.equal(s.eval("1400 TB to scans").assumptions[0].source, "our archive, 2025");
  assert.equal(s.eval("3 widgets * 2").text, "6 widgets");
  assert.throws(() => s.loadUnits("a = 1 B\nb = 2 zorks\n", "mine"), (e) => e instanceof DatascaleError && /^mine:2:/.test(e.message));
  assert.equal(s.eval("a").ok, false);
  s.close();
});

test("convert: exact factor, one rounding per value", () => {
  const out = ds.convert([400, 1400], "TB", "photos");
  assert.ok(out instanceof Float64Array);
  assert.deepEqual([...out], [400e12 / 3e6, 1400e12 / 3e6]);
  assert.deepEqual([...ds.convert(new Float64Array([1]), "GiB", "MB")], [1073.741824]);
  assert.deepEqual([...ds.convert([], "TB", "GB")], []);
  assert.throws(() => ds.convert([1], "TB", "seconds"), DatascaleError);
});

test("text in and out is UTF-8: operators, lone surrogates", () => {
  assert.equal(ds.eval("3 × 4 MB").text, "12 MB");
  assert.equal(ds.eval("10 MB − 2 MB").text, "8 MB");
  const bad = ds.eval("1 \ud800 MB");
  assert.equal(bad.ok, false);
  assert.deepEqual(bad, JSON.parse(native("1 \ufffd MB")));
});

test("deep nesting up to the depth limits", () => {
  assert.equal(ds.eval("(".repeat(1000) + "1" + ")".repeat(1000)).text, "1");
  const over = ds.eval("(".repeat(1001) + "1" + ")".repeat(1001));
  assert.deepEqual(over, JSON.parse(native("(".repeat(1001) + "1" + ")".repeat(1001))));
  // The engine's stack is smaller than the command's: no deeper limit.
  assert.throws(() => ds.session({ maxDepth: 1001 }), /maxDepth \(--max-depth\) wants a number from 1 to 1000, not 1001/);
  const s = ds.session({ maxDepth: 10 });
  assert.equal(s.eval("(".repeat(10) + "1" + ")".repeat(10)).text, "1");
  assert.equal(s.eval("(".repeat(11) + "1" + ")".repeat(11)).ok, false);
  assert.equal(s.eval("-".repeat(9) + "1").text, "-1");
  s.close();
  assert.equal(ds.eval("-".repeat(999) + "1").text, "-1");
  for (const deep of ["2^".repeat(999) + "1", "sqrt(".repeat(500) + "4" + ")".repeat(500), "-(".repeat(500) + "1" + ")".repeat(500)])
    assert.deepEqual(ds.eval(deep), JSON.parse(native(deep)));
});

test("the types file declares what the module exports", () => {
  const dts = readFileSync(resolve(pkgdir, "datascale.d.ts"), "utf8");
  for (const name of Object.keys(mod)) {
    if (name === "default") assert.match(dts, /export default datascale;/);
    else assert.match(dts, new RegExp("export declare (class|function) " + name + "\\b"), name);
  }
  for (const m of ["eval", "evalJSON", "run", "runJSON", "loadUnits", "convert", "close"]) {
    assert.equal(typeof mod.Session.prototype[m], "function", m);
    assert.match(dts, new RegExp("\\n  " + m + "\\("), m);
  }
  for (const m of ["session", "eval", "run", "convert"]) assert.equal(typeof mod.Datascale.prototype[m], "function", m);
});

console.log("1..%d", n);

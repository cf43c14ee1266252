// SPDX-License-Identifier: LGPL-3.0-or-later
// wasm/test/notebook.mjs PKGDIR NOTEBOOK -- runs the cells of the example
// Observable notebook (wasm/examples/observable.js) under Node in order, as
// Observable would: a named cell `name = EXPR` or `name = { BLOCK }` defines
// name (its promise awaited), any other cell is evaluated. FileAttachment
// gives the package's module; md and Inputs.table are stand-ins that keep
// their input. Then checks what the cells computed against the command.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [pkgdir, nbpath] = process.argv.slice(2);
const cells = readFileSync(nbpath, "utf8")
  .split(/\n\s*\n/)
  .map((c) => c.split("\n").filter((l) => !l.startsWith("//")).join("\n").trim())
  .filter((c) => c);
let body = "";
cells.forEach((c, i) => {
  const m = /^([A-Za-z_$][\w$]*) = ([\s\S]*)$/.exec(c);
  if (!m) body += `cells.push(await (${c}));\n`;
  else if (m[2].startsWith("{")) body += `const ${m[1]} = await (async () => ${m[2]})();\ncells.push(${m[1]}); out.${m[1]} = ${m[1]};\n`;
  else body += `const ${m[1]} = await (${m[2]});\ncells.push(${m[1]}); out.${m[1]} = ${m[1]};\n`;
  void i;
});
const src = `
const pkg = ${JSON.stringify(pathToFileURL(resolve(pkgdir, "datascale.mjs")).href)};
const FileAttachment = (name) => ({ url: async () => { if (name !== "datascale.mjs") throw new Error(name); return pkg; } });
const md = (strings, ...values) => ({ md: String.raw({ raw: strings }, ...values) });
const Inputs = { table: (data, options) => ({ table: data, options }) };
export const cells = [], out = {};
${body}`;
const dir = mkdtempSync(join(tmpdir(), "ds-notebook-"));
let nb;
try {
  writeFileSync(join(dir, "notebook.mjs"), src);
  nb = await import(pathToFileURL(join(dir, "notebook.mjs")).href);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const { out, cells: values } = nb;
const native = (...args) => {
  try {
    return execFileSync(process.env.DATASCALE, ["--json", "--no-user-units", ...args], { encoding: "utf8" });
  } catch (e) {
    return e.stdout;
  }
};
assert.equal(values.length, cells.length);
assert.deepEqual(out.photos, JSON.parse(native("1400 TB to photos")));
assert.match(values[4].md, /^\*\*≈ 470 million photos/);
assert.match(values[4].md, /Assumes photo = 3 MB \(/);
assert.equal(out.story.length, 5);
assert.ok(out.story.every((r) => r.ok));
assert.equal(out.story[2].text, "3.5");
assert.deepEqual(out.photos4, JSON.parse(native("-a", "photo = 4 MB", "1400 TB to photos")));
assert.deepEqual(out.byMonth.map((d) => d.photos), [400e12 / 3e6, 1400e12 / 3e6]);
console.log("ok - the notebook's %d cells ran; %s", cells.length, out.photos.text);

// SPDX-License-Identifier: LGPL-3.0-or-later
// wasm/test/browser.mjs PKGDIR PAGE -- opens the example page
// (wasm/examples/index.html) in headless Chromium, types expressions into
// it and reads the result from the DOM: the text must be the command's.
// The page and the package's datascale.mjs are served from 127.0.0.1 on a
// port the system picks. Chromium is driven over its DevTools protocol on
// a pipe (--remote-debugging-pipe: JSON messages ended by NUL on fds 3/4).
// $CHROMIUM names the browser (default: chromium).
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const [pkgdir, page] = process.argv.slice(2);
const files = {
  "/": ["text/html; charset=utf-8", readFileSync(page)],
  "/datascale.mjs": ["text/javascript; charset=utf-8", readFileSync(resolve(pkgdir, "datascale.mjs"))],
};
const server = createServer((req, res) => {
  const f = files[req.url.split("?")[0]];
  if (!f) return res.writeHead(404).end();
  res.writeHead(200, { "content-type": f[0] }).end(f[1]);
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const url = "http://127.0.0.1:" + server.address().port + "/";

const profile = mkdtempSync(join(tmpdir(), "ds-chromium-"));
const browser = spawn(
  process.env.CHROMIUM || "chromium",
  ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check",
   "--remote-debugging-pipe", "--user-data-dir=" + profile, "about:blank"],
  { stdio: ["ignore", "ignore", "pipe", "pipe", "pipe"] },
);
let stderr = "";
browser.stderr.on("data", (d) => (stderr += d));
// A hang detector, not a timing: the whole test gets ten minutes.
const hang = setTimeout(() => finish(new Error("no answer from Chromium in 10 minutes\n" + stderr.slice(-2000))), 600000);

let nextId = 1, pending = new Map(), inbuf = "";
browser.stdio[4].on("data", (d) => {
  inbuf += d;
  let i;
  while ((i = inbuf.indexOf("\0")) >= 0) {
    const msg = JSON.parse(inbuf.slice(0, i));
    inbuf = inbuf.slice(i + 1);
    const p = pending.get(msg.id);
    if (!p) continue;
    pending.delete(msg.id);
    if (msg.error) p.reject(new Error(JSON.stringify(msg.error)));
    else p.resolve(msg.result);
  }
});
function send(method, params = {}, sessionId) {
  const id = nextId++;
  browser.stdio[3].write(JSON.stringify({ id, method, params, sessionId }) + "\0");
  return new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
}
const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

let done = false;
function finish(err) {
  if (done) return;
  done = true;
  clearTimeout(hang);
  browser.kill();
  server.close();
  rmSync(profile, { recursive: true, force: true });
  if (err) {
    console.error("FAIL:", err.message || err);
    process.exit(1);
  }
}

try {
  const { targetInfos } = await send("Target.getTargets");
  const target = targetInfos.find((t) => t.type === "page");
  const { sessionId } = await send("Target.attachToTarget", { targetId: target.targetId, flatten: true });
  const evaluate = async (expression) =>
    (await send("Runtime.evaluate", { expression, returnByValue: true, awaitPromise: true }, sessionId)).result.value;
  await send("Page.navigate", { url }, sessionId);
  let version;
  while (!(version = await evaluate("document.body && document.body.dataset.ready"))) await sleep(100);
  console.log("page loaded the module (datascale %s)", version);

  // Types an expression and Enter as a user would, then waits for the page
  // to show a result or an error.
  async function type(expr) {
    await evaluate("document.getElementById('expr').value = ''; document.getElementById('result').textContent = ''; document.getElementById('error').textContent = ''; document.getElementById('expr').focus()");
    await send("Input.insertText", { text: expr }, sessionId);
    for (const type of ["keyDown", "keyUp"])
      await send("Input.dispatchKeyEvent", { type, key: "Enter", code: "Enter", windowsVirtualKeyCode: 13, text: type === "keyDown" ? "\r" : undefined }, sessionId);
    let shown;
    while (!(shown = await evaluate("[document.getElementById('result').textContent, document.getElementById('error').textContent].join('')"))) await sleep(50);
    return evaluate("({result: document.getElementById('result').textContent, error: document.getElementById('error').textContent, exact: document.getElementById('exact').textContent, assumptions: [...document.querySelectorAll('#assumptions li')].map((l) => l.textContent), warnings: [...document.querySelectorAll('#warnings li')].map((l) => l.textContent)})");
  }
  const native = (expr) => {
    try {
      return JSON.parse(execFileSync(process.env.DATASCALE, ["--json", "--no-user-units", expr], { encoding: "utf8" }));
    } catch (e) {
      return JSON.parse(e.stdout);
    }
  };

  const want = native("1400 TB to photos");
  let got = await type("1400 TB to photos");
  assert.equal(got.result, want.text);
  assert.equal(got.exact, "exact: " + want.exact + " photos");
  assert.match(got.assumptions[0], /^assumes photo = 3 MB \(/);
  assert.equal(got.warnings[0], "note: " + want.warnings[0]);
  console.log("ok - typed 1400 TB to photos, the page shows: %s", got.result);

  got = await type("photo = 4 MB");
  got = await type("1400 TB to photos");
  assert.match(got.result, /^350 million photos \(1,400 TB at 4 MB per photo\)/);
  console.log("ok - the page keeps a session: %s", got.result);

  got = await type("1400 mb");
  assert.equal(got.result, "");
  assert.equal(got.error, "error: " + native("1400 mb").error.message + "\n  1400 mb\n       ^");
  console.log("ok - an error shows its message and column");

  // The deepest nesting the default limit allows fits the browser's stack.
  got = await type("(".repeat(1000) + "1 TB" + ")".repeat(1000));
  assert.equal(got.result, "1 TB");
  console.log("ok - 1000 levels of parentheses");
  finish();
  process.exit(0);
} catch (e) {
  finish(e);
}

// SPDX-License-Identifier: LGPL-3.0-or-later
// wasm/api.js -- the JavaScript API of the datascale module. wasm/build.sh
// appends it to the code emscripten writes (--extern-post-js), so the
// module is one file: the factory datascaleCore() defined above, then this.
//
//   import datascale from "datascale";
//   const ds = await datascale();
//   ds.eval("1400 TB to photos");   // the row `datascale --json` prints
//   const s = ds.session({ binary: true });
//   s.eval("photo = 4 MB"); s.eval("1400 TB to photos");
//
// Rows are the objects of the command's JSON Lines output, made by the
// library's own ds_result_json(): the same keys, values and texts.

/* Options of session(), as the limits of ds_ctx_limit() (DS_LIMIT_*) and
 * the command's options of the same meaning. */
const dsLimits = {
  maxDepth: [0, "--max-depth"],
  maxLine: [1, "--max-line"],
  maxBits: [2, "--max-bits"],
  digits: [3, "--digits"],
  precision: [4, "--precision"],
  maxWork: [5, "--max-work"],
};
/* Each level of nesting costs stack frames of the JavaScript engine, whose
 * stack (about 1 MB in V8) is smaller than the command's: 1,400 levels of
 * parentheses fit in Node 20, so the default limit is also the highest. */
const dsMaxDepth = 1000;
const dsOptionNames = new Set([...Object.keys(dsLimits), "binary", "decimalComma", "exact", "warnings", "explain", "assume", "units"]);

/** An error of the library (a bad option, a definitions file that does not
 * load) or of the module itself (it ran out of memory). A line that fails
 * to evaluate is not an error: its row has ok false. */
class DatascaleError extends Error {
  constructor(message, status) {
    super(message);
    this.name = "DatascaleError";
    this.status = status;
  }
}

const dsEncoder = new TextEncoder();

/* A RangeError for an option out of its range (not a stack overflow). */
function dsRangeError(message) {
  const e = new RangeError(message);
  e.datascaleOption = true;
  return e;
}

/* The calls into one instance of the wasm module. After the module traps
 * (an abort such as memory exhausted: a WebAssembly.RuntimeError; a stack
 * overflow: a RangeError, or Firefox's InternalError), its memory may be
 * inconsistent: every later call throws, and a new instance must be made
 * with datascale(). Other errors (the API's own) leave it as it was. */
class DatascaleCore {
  constructor(M) {
    this.M = M;
    this.dead = null;
  }
  call(f) {
    if (this.dead) throw new DatascaleError("the datascale module stopped (" + this.dead + "); load a new one with datascale()");
    try {
      return f(this.M);
    } catch (e) {
      const trap =
        e instanceof WebAssembly.RuntimeError || (e instanceof RangeError && !e.datascaleOption) || (e && e.name === "InternalError");
      if (!trap) throw e;
      this.dead = String(e && e.message ? e.message : e);
      throw new DatascaleError("the datascale module stopped (" + this.dead + "); load a new one with datascale()");
    }
  }
  // A copy of s in the module's memory, as UTF-8 without a NUL; [ptr, len].
  // Lone surrogates become U+FFFD (TextEncoder), as a file would hold them.
  bytes(s) {
    const b = dsEncoder.encode(String(s));
    const p = this.M._malloc(b.length + 1);
    if (!p) throw new DatascaleError("out of memory", 9);
    this.M.HEAPU8.set(b, p);
    this.M.HEAPU8[p + b.length] = 0;
    return [p, b.length];
  }
  string(p) {
    return p ? this.M.UTF8ToString(p) : null;
  }
}

/** A session: variables, settings and limits that carry from one line to
 * the next, like the lines of one `datascale -f FILE`. */
class Session {
  #core;
  #ctx;
  #count = 0; // the lines eval() and evalJSON() have numbered
  constructor(core, options) {
    this.#core = core;
    this.#ctx = core.call((M) => M._ds_ctx_new());
    if (!this.#ctx) throw new DatascaleError("out of memory", 9);
    dsSessions.register(this, { core, ctx: this.#ctx }, this);
    try {
      this.#configure(options || {});
    } catch (e) {
      this.close();
      throw e;
    }
  }

  #live() {
    if (!this.#ctx) throw new DatascaleError("the session is closed", 11);
    return this.#ctx;
  }

  #configure(o) {
    if (typeof o !== "object") throw new TypeError("datascale: session options must be an object");
    for (const k of Object.keys(o)) if (!dsOptionNames.has(k)) throw new TypeError("datascale: unknown option '" + k + "'");
    const ctx = this.#live();
    this.#core.call((M) => {
      for (const [k, [id, flag]] of Object.entries(dsLimits)) {
        if (o[k] === undefined) continue;
        const v = o[k];
        // The range: ds_ctx_limit() clamps, and returns the value before.
        const was = M._ds_ctx_limit(ctx, id, 0x7fffffff);
        let hi = M._ds_ctx_limit(ctx, id, 0);
        const lo = M._ds_ctx_limit(ctx, id, was);
        if (k === "maxDepth") hi = Math.min(hi, dsMaxDepth);
        if (!Number.isInteger(v) || v < lo || v > hi) {
          throw dsRangeError("datascale: " + k + " (" + flag + ") wants a number from " + lo + " to " + hi + ", not " + v);
        }
        M._ds_ctx_limit(ctx, id, v);
      }
      if (o.binary !== undefined) M._ds_ctx_set_binary(ctx, o.binary ? 1 : 0);
      if (o.decimalComma !== undefined) M._ds_ctx_set_decimal_comma(ctx, o.decimalComma ? 1 : 0);
      if (o.exact !== undefined) M._ds_ctx_set_style(ctx, o.exact ? 1 : 0);
      if (o.warnings !== undefined) M._ds_ctx_set_warnings(ctx, o.warnings ? 1 : 0);
      if (o.explain !== undefined && o.explain !== false) {
        const mode = o.explain === true || o.explain === "text" ? 1 : o.explain === "markdown" ? 2 : -1;
        if (mode < 0) throw new TypeError("datascale: explain is true, 'text' or 'markdown'");
        M._ds_ctx_set_explain(ctx, mode);
      }
    });
    const units = o.units === undefined ? [] : Array.isArray(o.units) ? o.units : [o.units];
    units.forEach((u, i) => this.loadUnits(u, units.length > 1 ? "units" + (i + 1) : "units"));
    const assume = o.assume === undefined ? [] : Array.isArray(o.assume) ? o.assume : Object.entries(o.assume).map(([n, v]) => n + " = " + v);
    // Their assumptions say "--assume", as the command's -a do.
    const source = (s) =>
      this.#core.call((M) => {
        const p = s ? this.#core.bytes(s)[0] : 0;
        M._ds_ctx_set_source(ctx, p);
        if (p) M._free(p);
      });
    if (assume.length) source("--assume");
    try {
      for (const a of assume) {
        const row = JSON.parse(this.evalJSON(a, 0)); // not numbered, as the command's -a
        if (!row.ok) throw new DatascaleError("assume '" + a + "': " + row.error.message, 1);
      }
    } finally {
      if (assume.length) source(null);
    }
  }

  /** Evaluates one line; returns its JSON Lines row as a string. `line`, when
   * over 0, is the row's input line number (null at 0); by default the
   * lines a session evaluates are numbered 1, 2, ..., as the command
   * numbers its -e expressions. */
  evalJSON(expr, line = ++this.#count) {
    const ctx = this.#live();
    const core = this.#core;
    return core.call((M) => {
      const [p, n] = core.bytes(expr);
      const slot = M._malloc(4);
      let r = 0;
      try {
        if (!slot) throw new DatascaleError("out of memory", 9);
        M.HEAPU32[slot >> 2] = 0;
        M._ds_eval(ctx, p, n, slot);
        r = M.HEAPU32[slot >> 2];
        if (!r) throw new DatascaleError("out of memory", 9);
        const j = M._ds_result_json(r, line > 0 ? line : 0);
        if (!j) throw new DatascaleError("out of memory", 9);
        const s = M.UTF8ToString(j);
        M._ds_free(j);
        return s;
      } finally {
        if (r) M._ds_result_free(r);
        M._free(slot);
        M._free(p);
      }
    });
  }

  /** Evaluates one line; returns its row (ok, value, exact, unit, text,
   * assumptions, warnings, or error). */
  eval(expr) {
    return JSON.parse(this.evalJSON(expr));
  }

  /** Runs lines as `datascale --json -f FILE` does: blank lines and lines
   * that start with '#' are skipped, a carriage return before the newline
   * is dropped, and an error row carries its line number. Returns the JSON
   * Lines text, one row and a newline per evaluated line. */
  runJSON(text) {
    const lines = String(text).split("\n");
    if (lines.length && lines[lines.length - 1] === "") lines.pop();
    let rows = "";
    lines.forEach((l, i) => {
      if (l.endsWith("\r")) l = l.slice(0, -1);
      if (/^[ \t]*(#|$)/.test(l)) return;
      rows += this.evalJSON(l, i + 1) + "\n";
    });
    return rows;
  }

  /** The rows of runJSON(text) as objects. */
  run(text) {
    return this.runJSON(text)
      .split("\n")
      .filter((l) => l)
      .map((l) => JSON.parse(l));
  }

  /** Loads definitions in the syntax of a units file (data/units.def and
   * catalogue blocks); `name` is used in error messages (NAME:LINE:COLUMN).
   * Throws a DatascaleError when they do not load; then nothing of them is
   * kept. */
  loadUnits(text, name = "units") {
    const ctx = this.#live();
    const core = this.#core;
    core.call((M) => {
      const [p, n] = core.bytes(text);
      const [q] = core.bytes(name);
      try {
        const st = M._ds_ctx_load_defs(ctx, p, n, q);
        if (st) throw new DatascaleError(M.UTF8ToString(M._ds_ctx_errmsg(ctx)), st);
      } finally {
        M._free(q);
        M._free(p);
      }
    });
  }

  /** Converts numbers from one unit to another ("TB" to "photos"): the
   * factor is exact and each value is rounded once. Returns a Float64Array. */
  convert(values, from, to) {
    const ctx = this.#live();
    const core = this.#core;
    const a = Float64Array.from(values, Number);
    return core.call((M) => {
      const buf = M._malloc(a.length * 8 || 8);
      const [f] = core.bytes(from);
      const [t] = core.bytes(to);
      try {
        if (!buf) throw new DatascaleError("out of memory", 9);
        M.HEAPF64.set(a, buf >> 3);
        const st = M._ds_convert_many(ctx, buf, buf, a.length, f, t);
        if (st) throw new DatascaleError(M.UTF8ToString(M._ds_ctx_errmsg(ctx)), st);
        return M.HEAPF64.slice(buf >> 3, (buf >> 3) + a.length);
      } finally {
        M._free(t);
        M._free(f);
        M._free(buf);
      }
    });
  }

  /** Frees the session's memory in the module now (otherwise the garbage
   * collector does, some time after the session is unreachable). */
  close() {
    if (!this.#ctx) return;
    dsSessions.unregister(this);
    const ctx = this.#ctx;
    this.#ctx = 0;
    if (!this.#core.dead) this.#core.M._ds_ctx_free(ctx);
  }
}

const dsSessions = new FinalizationRegistry(({ core, ctx }) => {
  if (!core.dead) core.M._ds_ctx_free(ctx);
});

/** One instance of the module: the library and its built-in definitions. */
class Datascale {
  #core;
  constructor(M) {
    this.#core = new DatascaleCore(M);
    /** The library's version ("MAJOR.MINOR.PATCH"). */
    this.version = M.UTF8ToString(M._ds_version());
  }
  /** A new session with these options (see the README). */
  session(options) {
    return new Session(this.#core, options);
  }
  /** Evaluates one line in a new session, like `datascale --json EXPR`. */
  eval(expr, options) {
    const s = new Session(this.#core, options);
    try {
      return s.eval(expr);
    } finally {
      s.close();
    }
  }
  /** Runs lines in a new session, like `datascale --json -f FILE`. */
  run(text, options) {
    const s = new Session(this.#core, options);
    try {
      return s.run(text);
    } finally {
      s.close();
    }
  }
  /** Converts numbers between units in a new session (see Session.convert). */
  convert(values, from, to, options) {
    const s = new Session(this.#core, options);
    try {
      return s.convert(values, from, to);
    } finally {
      s.close();
    }
  }
}

/** Loads the module (its wasm binary is inside this file) and returns a
 * Datascale: eval(), run(), convert() and session(). */
async function datascale() {
  return new Datascale(await datascaleCore({}));
}

export default datascale;
export { datascale, Datascale, Session, DatascaleError };

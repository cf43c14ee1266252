// SPDX-License-Identifier: LGPL-3.0-or-later
// datascale in an Observable notebook: the cells of an example notebook, in
// Observable's cell syntax, one cell per paragraph (blank lines between
// cells). Paste each paragraph into a cell of its own.
//
// Attaching the package: run `make wasm` (or `npm pack` the package and
// unpack it), then in the notebook open the Files pane and add
// datascale.mjs; the second cell below imports it. With the package on npm,
// the second cell may instead be
//   datascale = (await import("https://cdn.jsdelivr.net/npm/datascale/datascale.mjs")).default
// and in Observable Framework, a page's code block says
//   import datascale from "npm:datascale";
// wasm/test/notebook.mjs runs these cells under Node (with FileAttachment,
// md and Inputs.table as stand-ins) and checks what they compute.

md`# 1,400 TB: what ICE keeps in Azure`

datascale = import(await FileAttachment("datascale.mjs").url()).then((m) => m.default)

ds = datascale()

// One line, one row: the same object as a row of `datascale --json`.
photos = ds.eval("1400 TB to photos")

md`**${photos.text}**\
Assumes ${photos.assumptions.map((a) => `${a.name} = ${a.value} (${a.source})`).join("; ")}.
${photos.warnings.map((w) => `Note: ${w}.`).join(" ")}`

// A story as lines, in one session: names carry from line to line.
story = ds.run(`# ICE's Azure storage, July 2025 -> January 2026
before = 400 TB
after = 1,400 TB
after / before
after - before to TB
after to photos`)

Inputs.table(story, { columns: ["input", "text", "exact", "unit"] })

// Another assumption: a session with a photo of 4 MB.
desk = ds.session({ assume: { photo: "4 MB" } })

photos4 = desk.eval("1400 TB to photos")

// Columns of numbers: one exact conversion for a whole array.
months = [
  { month: "2025-07", tb: 400 },
  { month: "2026-01", tb: 1400 }
]

byMonth = {
  const n = ds.convert(months.map((d) => d.tb), "TB", "photos");
  return months.map((d, i) => ({ ...d, photos: n[i] }));
}

Inputs.table(byMonth)

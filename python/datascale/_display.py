# SPDX-License-Identifier: LGPL-3.0-or-later
"""Rich display of a Result: HTML and Markdown for notebooks."""

import html as _html
import re

from ._digits import fraction_to_str as _number

_URL = re.compile(r"https?://[^\s<>\"]+[^\s<>\".,;:)]")


def _esc(s):
    return _html.escape(s, quote=True)


def _linkify(s):
    """Escapes `s` for HTML and turns its URLs into links."""
    out, pos = [], 0
    for m in _URL.finditer(s):
        out.append(_esc(s[pos:m.start()]))
        url = _esc(m.group(0))
        out.append('<a href="%s" target="_blank" rel="noopener">%s</a>' % (url, url))
        pos = m.end()
    out.append(_esc(s[pos:]))
    return "".join(out)


def _exact_str(r):
    if r.exact is None:
        return None
    return _number(r.exact) + (" " + r.unit if r.unit else "")


def _bound(x):
    """A range's bound: a Fraction at any size, or a float."""
    return repr(x) if isinstance(x, float) else _number(x)


def html(r):
    style = ("font-family:system-ui,sans-serif;line-height:1.4;border-left:3px solid %s;"
             "padding:0.2em 0.8em;margin:0.2em 0" % ("#4a7" if r.ok else "#c33"))
    parts = ['<div class="datascale-result" style="%s">' % style]
    if not r.ok:
        parts.append('<div style="color:#c33"><strong>error</strong>: %s</div>'
                     % _esc(r.text))
        if r.error is not None and r.error.column is not None and r.input is not None:
            parts.append('<pre style="margin:0.3em 0">%s\n%s^</pre>'
                         % (_esc(r.input), " " * (r.error.column - 1)))
        parts.append("</div>")
        return "".join(parts)
    parts.append('<div style="font-size:1.15em;white-space:pre-wrap"><strong>%s</strong></div>'
                 % _esc(r.text))
    details = []
    if r.input is not None:
        details.append("<code>%s</code>" % _esc(r.input))
    exact = _exact_str(r)
    if exact is not None and exact != r.text:
        details.append("exact: <code>%s</code>" % _esc(exact))
    if r.is_range:
        details.append("range: <code>%s .. %s</code>%s"
                       % (_esc(_bound(r.low)), _esc(_bound(r.high)),
                          " " + _esc(r.unit) if r.unit else ""))
    if details:
        parts.append('<div style="color:#555;font-size:0.9em">%s</div>'
                     % " &middot; ".join(details))
    if r.assumptions:
        parts.append('<table style="font-size:0.85em;margin-top:0.3em">'
                     "<thead><tr><th style=\"text-align:left\">assumption</th>"
                     "<th style=\"text-align:left\">value</th>"
                     "<th style=\"text-align:left\">source</th></tr></thead><tbody>")
        for a in r.assumptions:
            parts.append("<tr><td>%s</td><td>%s</td><td style=\"text-align:left\">%s</td></tr>"
                         % (_esc(a["name"] or ""), _esc(a["value"] or ""),
                            _linkify(a["source"] or "")))
        parts.append("</tbody></table>")
    for w in r.warnings:
        parts.append('<div style="color:#856404;font-size:0.85em">note: %s</div>' % _esc(w))
    parts.append("</div>")
    return "".join(parts)


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def _md(s):
    """Escapes Markdown syntax so `s` shows literally."""
    return _MD_SPECIAL.sub(r"\\\1", s)


def markdown(r):
    if not r.ok:
        s = "**error**: %s" % _md(r.text)
        if r.error is not None and r.error.column is not None and r.input is not None:
            s += "\n\n```\n%s\n%s^\n```" % (r.input, " " * (r.error.column - 1))
        return s + "\n"
    lines = []
    if "\n" in r.text:
        lines.append("```\n%s\n```" % r.text)
    else:
        lines.append("**%s**" % _md(r.text))
    exact = _exact_str(r)
    if exact is not None and exact != r.text:
        lines.append("")
        lines.append("exact: `%s`" % exact)
    if r.assumptions:
        lines.append("")
        lines.append("| assumption | value | source |")
        lines.append("| --- | --- | --- |")
        for a in r.assumptions:
            lines.append("| %s | %s | %s |" % (_md(a["name"] or ""), _md(a["value"] or ""),
                                             _md(a["source"] or "")))
    for w in r.warnings:
        lines.append("")
        lines.append("> note: %s" % _md(w))
    return "\n".join(lines) + "\n"

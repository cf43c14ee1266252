#!/bin/sh
# SPDX-License-Identifier: LGPL-3.0-or-later
# embed.sh SYMBOL INPUT > OUTPUT.c -- turns a text file into a C string so
# the library carries its data with no install step; SYMBOL_blocks is the
# number of its lines that open with '[' (the items of a catalogue).
set -eu
sym=$1
in=$2
printf '/* Generated from %s by data/embed.sh; do not edit. */\n#include <stddef.h>\n' "$(basename "$in")"
printf 'extern const char %s[];\nextern const size_t %s_len, %s_blocks;\n' "$sym" "$sym" "$sym"
printf 'const char %s[] =\n' "$sym"
sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/  "/' -e 's/$/\\n"/' "$in"
printf '  "";\nconst size_t %s_len = sizeof %s - 1;\n' "$sym" "$sym"
printf 'const size_t %s_blocks = %s;\n' "$sym" "$(grep -c '^\[' "$in" || true)"

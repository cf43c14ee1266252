#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# shell.sh -- what the prompt offers, from the shell: --list [FILTER] (the
# prompt's "units"), --help-topic TOPIC (the prompt's "help TOPIC"), the
# one-shot lines "help [TOPIC]" and "units [FILTER]", and --complete=PREFIX
# (the names the completion scripts offer).
. "$(dirname "$0")/lib.sh"
D=$DATASCALE

# ---- --list [FILTER] ------------------------------------------------------
run "$D" --no-user-units --list
is_status "--list: status 0" 0
out_has "--list: units" "bit (bits, b) = !information"
out_has "--list: catalogue items" "photo (photos, image, images, picture, pictures) = 3 MB -- a typical smartphone photo"
assert "--list: one line per unit and item (over 80)" test "$(wc -l <"$T/out")" -gt 80
err_empty "--list: nothing on stderr"

run "$D" --no-user-units --list photo
is_status "--list photo: status 0" 0
out_has "--list photo: the photo" "photo (photos, image, images, picture, pictures) = 3 MB"
out_has "--list photo: a word after an underscore" "heic_photo (heic_photos"
out_has "--list photo: a word of the description" "proraw_photo"
out_lacks "--list photo: no second" "second (seconds"

run "$D" --no-user-units --list PHOTO
out_has "--list PHOTO: any case" "photo (photos, image"

# Words, not letters inside words: "ms" is in "streams", "items" and "SMS",
# "age" in "image" and "page"; neither starts a word of any entry.
run "$D" --no-user-units --list ms
is_status "--list ms: no unit or item has a word starting with ms" 1
is_out "--list ms: nothing on stdout" ""
err_has "--list ms: says so" "no unit or item matches 'ms'"
run "$D" --no-user-units --list age
is_status "--list age: nothing (not image, page)" 1
run "$D" --no-user-units --list hour
out_has "--list hour: hour" "hour (hours, h, hr, hrs) = 60 min"
out_has "--list hour: hd_hour (a word after _)" "hd_hour (hd_hours"
out_lacks "--list hour: not bit" "bit (bits"

# Several words are a phrase: consecutive words, each matched from its start.
run "$D" --no-user-units --list 'HD video'
is_status "--list 'HD video': status 0" 0
out_has "--list 'HD video': the hour of HD video" "hd_hour (hd_hours"
run "$D" --no-user-units --list 'video HD'
out_lacks "--list 'video HD': the words in order" "hd_hour (hd_hours"
run "$D" --no-user-units --list '8 bit'
out_has "--list '8 bit': the byte's definition" "byte (bytes, B) = 8 bit"

# --json --list: the same entries as JSON rows; items carry the catalogue.
run "$D" --no-user-units --json --list photo
is_status "--json --list photo: status 0" 0
out_has "--json --list photo: an item row" '{"kind":"item","name":"photo","plural":"photos","spellings":["image","images","picture","pictures"],"definition":"3 MB","bytes":3000000,"range":"2 MB .. 5 MB","low":2000000,"high":5000000,'
out_has "--json --list photo: its year" '"year":2023,"reading":"decimal","compare":true,"overridden":null}'
assert "--json --list photo: one row per entry of --list photo" test "$(wc -l <"$T/out")" -eq "$("$D" --no-user-units --list photo | wc -l)"
run "$D" --no-user-units --json --list '8 bit'
out_has "--json --list '8 bit': a unit row, in bytes" '{"kind":"unit","name":"byte","plural":"bytes","spellings":["B"],"definition":"8 bit","bytes":1}'
run "$D" --no-user-units --json --list second
out_has "--json --list second: not information, no bytes" '"name":"second","plural":"seconds","spellings":["s","sec","secs"],"definition":"!time","bytes":null}'
run "$D" --no-user-units -a photo=4MB --json --list photo
out_has "--json --list: an assumption in force" '"overridden":"4MB"}'
run "$D" --no-user-units --json --list
assert "--json --list: every row parses, at least 70 items" sh -c "/usr/bin/python3 -c 'import json,sys; r=[json.loads(l) for l in sys.stdin]; assert sum(x[\"kind\"]==\"item\" for x in r) >= 70' <'$T/out'"

run "$D" --no-user-units --list=song
out_has "--list=song" "song (songs, mp3, mp3s, track, tracks)"

run "$D" --no-user-units --list zzzq
is_status "--list zzzq: status 1" 1
err_has "--list zzzq: says nothing matches" "no unit or item matches 'zzzq'"

# A units file's items are listed too.
printf '[gizmo_photo/gizmo_photos]\nsize: 7 MB\nabout: a photo from a gizmo\n' >"$T/gizmo.def"
run "$D" --no-user-units --units-file="$T/gizmo.def" --list gizmo
out_has "--list: an item of a units file" "gizmo_photo (gizmo_photos) = 7 MB -- a photo from a gizmo"

# The operands after --list are its filter; --list=FILTER takes no more.
run "$D" --no-user-units --list HD video
out_has "--list HD video: the operands are the filter" "hd_hour (hd_hours"
run "$D" --no-user-units --list=photo 1400 TB
is_status "--list=FILTER with operands: usage error" 2
err_has "--list=FILTER with operands: says why" "--list"
run "$D" --no-user-units --list -e '1 + 1'
is_status "--list with -e: usage error" 2

# ---- --help-topic TOPIC ---------------------------------------------------
for topic in units ranges assumptions readings binary checks time commands keys; do
  run "$D" --help-topic "$topic"
  is_status "--help-topic $topic: status 0" 0
  assert "--help-topic $topic: some text" test -s "$T/out"
done
run "$D" --help-topic units
out_has "--help-topic units: the prompt's text" "b is bit and B is byte"
out_has "--help-topic units: names whatever their case" "DVDs"
run "$D" --help-topic readings
out_has "--help-topic readings: the one reading rule" "re-reads what you wrote"
out_has "--help-topic readings: catalogue sizes keep theirs" "44 x 10^12 bytes whatever the reading"
run "$D" --help-topic binary
out_has "--help-topic binary: the same topic" "re-reads what you wrote"
run "$D" --help-topic checks
out_has "--help-topic checks: the hedges" "almost nearly"
out_has "--help-topic checks: the verdict thresholds" "= holds within 1 %, close within 3 %"
run "$D" --help-topic=ranges
out_has "--help-topic=ranges" "1 MB .. 5 MB"
run "$D" --help-topic names
out_has "--help-topic names: the rules for names" "Tb"
run "$D" --help-topic estimates
out_has "--help-topic estimates: growth and project" "growth(400 TB, 1400 TB, 6 months)"
run "$D" --help-topic prompt
out_has "--help-topic prompt: the prompt's own help" "Commands:"
run "$D" --help-topic nosuch
is_status "--help-topic nosuch: usage error" 2
err_has "--help-topic nosuch: names the topics" "topics: "
is_out "--help-topic nosuch: nothing on stdout" ""
run "$D" --help-topic
is_status "--help-topic without a topic: usage error" 2
run "$D" --help-topic units 1400 TB
is_status "--help-topic with operands: usage error" 2

# ---- one-shot "help [TOPIC]" and "units [FILTER]" --------------------------
run "$D" --no-user-units help
is_status "datascale help: status 0" 0
out_has "datascale help: the prompt's help" "Commands:"
out_has "datascale help: names the shell options" "--help-topic"
run "$D" --no-user-units help units
is_status "datascale help units: status 0" 0
out_has "datascale help units: the topic" "b is bit and B is byte"
run "$D" --help-topic units
cp "$T/out" "$T/topic"
run "$D" --no-user-units help units
assert "datascale help units = --help-topic units" cmp -s "$T/out" "$T/topic"
run "$D" --no-user-units help nosuch
is_status "datascale help nosuch: status 2" 2
err_has "datascale help nosuch: names the topics" "topics: "

run "$D" --no-user-units units photo
is_status "datascale units photo: status 0" 0
out_has "datascale units photo: the list" "photo (photos, image, images, picture, pictures) = 3 MB"
cp "$T/out" "$T/units"
run "$D" --no-user-units --list photo
assert "datascale units photo = --list photo" cmp -s "$T/out" "$T/units"
run "$D" --no-user-units units
is_status "datascale units: every unit" 0
out_has "datascale units: bit" "bit (bits, b) = !information"
run "$D" --no-user-units units zzzq
is_status "datascale units zzzq: status 1" 1
err_has "datascale units zzzq: says so" "no unit or item matches 'zzzq'"

# Anything longer, or in parentheses, is an expression, as at the prompt.
run "$D" --no-user-units '(units)'
is_status "(units) is an expression" 1
err_has "(units): unknown name" "unknown name 'units'"
run "$D" --no-user-units units photo extra
is_status "units with two words is an expression" 1
err_has "units photo extra: points at --list" "--list"
run "$D" --no-user-units -e help
is_status "-e help is an expression" 1
err_has "-e help: points at --help-topic" "--help-topic"
printf 'help\n1 + 1\n' >"$T/batch.ds"
run "$D" --no-user-units -f "$T/batch.ds"
is_status "a batch line 'help' is an expression" 1
out_has "a batch goes on after it" "2"
err_has "a batch line 'help': points at --help-topic" "--help-topic"

# ---- --complete=PREFIX: what the completion scripts offer ------------------
run "$D" --no-user-units --complete=pho
is_status "--complete=pho: status 0" 0
out_has "--complete=pho: photo" "photo"
out_has "--complete=pho: photos" "photos"
out_lacks "--complete=pho: only names starting with pho" "heic_photo"
run "$D" --no-user-units --complete=tera
out_has "--complete=tera: prefixed words" "terabytes"
run "$D" --no-user-units --complete=HEI
out_has "--complete=HEI: an item's display name" "HEIC photos"
run "$D" --no-user-units --complete="hours of H"
is_out "--complete='hours of H': a display name of several words" "hours of HD video"
run "$D" --no-user-units --complete=sq
out_has "--complete=sq: functions with their parenthesis" "sqrt("
run "$D" --no-user-units --units-file="$T/gizmo.def" --complete=giz
out_has "--complete: the items of a units file" "gizmo_photos"
run "$D" --no-user-units --complete=zzzq
is_status "--complete with no candidate: status 0" 0
is_out "--complete with no candidate: nothing" ""

finish

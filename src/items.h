/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* items.h -- catalogue items as countable things with an assumed size. */
#ifndef DS_ITEMS_H
#define DS_ITEMS_H

#include "session.h"

/* "490 million photos" is a count: 490 million in the base dimension
 * `item`, with qty.item naming the photo. It becomes a size only where the
 * arithmetic needs one (a sum with a size, a conversion to a size, two
 * different items meeting), through the item's size: the session's
 * variable of the item's name when there is one, else the catalogue's, in
 * the reading its source counts in. */

/* The base dimension of counts of items, or -1 when the registry has none. */
int items_dim(const units *r);
/* The exponent of the item dimension in d (0: not a count). */
int items_exp(const units *r, const dim *d);
/* The size of one item `idx` (registry index) under the reading `binary`
 * of the user's KB..QB (which only a variable of its name can use): its
 * variable's value (*var set to it) or the catalogue's (*var = -1).
 * DS_OK, or the resolver's error for a unit not yet resolved. */
int items_size(session *s, long idx, bool binary, qty *out, long *var, err *e);
/* q with its item dimension replaced by the item's size (q * size^k for
 * item^k): "490 million photos" becomes 1.47 PB. Nothing for a q that
 * counts no named item. DS_OK, DS_E_LIMIT past maxbits, or an error of
 * items_size. */
int items_to_size(session *s, bool binary, qty *q, size_t maxbits, long *var, err *e);
/* Do a and b count different named items (a photo and a song)? */
bool items_differ(const units *r, const qty *a, const qty *b);
/* Counts of items meeting in a OP b (op '+' for a sum, difference or
 * range, '*' or '/'): two different items, or a count added to a size,
 * meet as sizes; a product or quotient keeps the item it counts ("2.86 MB
 * per photo"); a size divided by an item's bare name (`bare`: b is the
 * name alone, "1400 TB / photo") is a count of them, as if divided by its
 * size per item. a takes the item counted. DS_OK or an error of
 * items_to_size. */
int items_meet(session *s, bool binary, size_t maxbits, int op, bool bare, qty *a, qty *b, err *e);

#endif

/* autounit.h -- the unit a value is shown in when none was asked for. */
#ifndef DS_AUTOUNIT_H
#define DS_AUTOUNIT_H

#include <gmp.h>
#include <stdbool.h>

#include "buf.h"
#include "parse.h"
#include "qty.h"
#include "units.h"

/* A unit chosen for showing a value. */
typedef struct {
  buf name;      /* "MB/s" */
  mpq_t f;       /* its value in base units */
  bool calendar; /* the unit is a calendar average (years) */
} autounit;

void autounit_init(autounit *u);
void autounit_clear(autounit *u);

/* Chooses the unit to show v in when none was asked (conv CONV_NONE,
 * CONV_AUTO, CONV_IEC or CONV_WORDS): SI (or IEC) prefixes on the
 * information part, time words for durations, base units elsewhere. */
void autounit_choose(const units *r, const qty *v, parse_conv conv, int digits, autounit *u);

#endif

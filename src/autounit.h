/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* autounit.h -- the unit a value is shown in when none was asked for. */
#ifndef DS_AUTOUNIT_H
#define DS_AUTOUNIT_H

#include <gmp.h>
#include <stdbool.h>

#include "buf.h"
#include "parse.h"
#include "qty.h"
#include "units.h"

/* A unit below the line of the unit chosen, for the wording. */
typedef struct {
  char name[48];    /* as in the unit: "GB", "month", "s" */
  const char *word; /* a unit of time in words ("month", "second"), else NULL */
  bool symbol;      /* name is a symbol */
  bool article;     /* a time of an hour or more: "a month", not "per month" */
} autounit_den;

/* A unit chosen for showing a value. */
typedef struct {
  buf name;                  /* "MB/s" */
  mpq_t f;                   /* its value in base units */
  bool calendar;             /* the unit is a calendar average (years) */
  size_t top;                /* bytes of name above the line ("TB" of "TB/month") */
  autounit_den den[DIM_MAX]; /* below the line, in the order of name */
  int nden;
} autounit;

void autounit_init(autounit *u);
void autounit_clear(autounit *u);

/* Chooses the unit to show v in when none was asked (conv CONV_NONE,
 * CONV_AUTO, CONV_IEC or CONV_WORDS): SI (or IEC) prefixes on the
 * information part, time words for durations, base units elsewhere. A
 * dimension to the power -1 that one of per[0..nper) measures is shown in
 * that unit (its value under the reading `binary`), the others below the
 * line in base units; time comes last below the line ("GB/person/month"). */
void autounit_choose(const units *r, const qty *v, parse_conv conv, int digits, const units_per *per, int nper,
                     bool binary, autounit *u);

#endif

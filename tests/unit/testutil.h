/* Shared includes for cmocka unit tests. */
#ifndef HANCHOT_TESTUTIL_H
#define HANCHOT_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#endif

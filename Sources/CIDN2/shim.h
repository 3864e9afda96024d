#ifndef PAGEAUDIT_CIDN2_SHIM_H
#define PAGEAUDIT_CIDN2_SHIM_H
#include <stdlib.h>
#include <idn2.h>
/* idn2 returns strings allocated with malloc; free them through this so Swift needs no libc import games. */
static inline void pageaudit_idn2_free(void *pointer) { idn2_free(pointer); }
#endif

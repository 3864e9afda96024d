#ifndef PAGEAUDIT_CZLIB_SHIM_H
#define PAGEAUDIT_CZLIB_SHIM_H
#include <zlib.h>
/* deflateInit2 and inflateInit2 are macros that Swift cannot call; these wrappers pass the version
   and structure size the way the macros do. */
static inline int pageaudit_deflate_init_gzip(z_streamp stream, int level) {
    return deflateInit2(stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
}
static inline int pageaudit_inflate_init_auto(z_streamp stream) {
    return inflateInit2(stream, 15 + 32);
}
#endif

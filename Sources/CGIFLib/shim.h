#ifndef C_GIFLIB_SHIM_H
#define C_GIFLIB_SHIM_H
// giflib (Debian's libgif-dev): writing and reading animated GIFs.
#include <gif_lib.h>
#endif

#ifndef C_PNG_SHIM_H
#define C_PNG_SHIM_H
// libpng 1.6 (Debian's libpng-dev): its simplified API writes and reads whole images.
#include <png.h>
#endif

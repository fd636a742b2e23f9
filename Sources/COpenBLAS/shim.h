#ifndef C_OPENBLAS_SHIM_H
#define C_OPENBLAS_SHIM_H
#include <cblas.h>
// Declared by OpenBLAS's cblas.h as well; repeated for builds whose cblas.h omits them.
void openblas_set_num_threads(int num_threads);
int openblas_get_num_threads(void);
#endif

#ifndef C_TENSOR_SUPPORT_SHIM_H
#define C_TENSOR_SUPPORT_SHIM_H
// What the tensor core needs from C that Swift cannot express on Linux.

// glibc's allocator tuning (mallopt); other C libraries do not have <malloc.h>'s options.
#if defined(__GLIBC__) || (defined(__linux__) && __has_include(<malloc.h>))
#include <malloc.h>
#endif

#include <math.h>

// Eight floats, imported into Swift as SIMD8<Float>.
typedef float tensor_float8 __attribute__((ext_vector_type(8)));

// The square roots of eight floats in one packed instruction. Swift's `squareRoot()` calls
// libm's sqrtf lane by lane on Linux (to set errno on negative inputs), which keeps the
// optimizers' loops scalar; negative inputs give NaN here, as IEEE 754 says.
static inline tensor_float8 tensor_square_root8(tensor_float8 x) {
#if __has_builtin(__builtin_elementwise_sqrt)
    return __builtin_elementwise_sqrt(x);
#else
    tensor_float8 result;
    for (int lane = 0; lane < 8; lane++) result[lane] = sqrtf(x[lane]);
    return result;
#endif
}
#endif

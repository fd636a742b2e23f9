#ifndef C_BLAS_LOADER_BLAS_LOADER_H
#define C_BLAS_LOADER_BLAS_LOADER_H
// The tensor core's BLAS, loaded when it is first needed rather than linked.
//
// OpenBLAS chooses its kernel once, while it is loaded, from the OPENBLAS_CORETYPE environment
// variable or its own detection of the processor. Linked into the program, it is loaded before
// main and the choice is made before the program can say anything. Loading it here with dlopen,
// after the kernel policy has set the variable, puts the choice under the suite's control.
// cblas.h still provides the declarations the calls are checked against.
//
// On Apple platforms the products go to Accelerate, linked as usual; there is nothing to load.

#include <stdbool.h>
#include <stddef.h>

// How the load treats OPENBLAS_CORETYPE.
typedef enum {
    // Leave it as it is (set by the user, or unset: OpenBLAS's own detection).
    blas_core_type_keep = 0,
    // Set it to the given kernel name for the load.
    blas_core_type_set = 1,
    // Remove it for the load (OpenBLAS's own detection, whatever the user set).
    blas_core_type_remove = 2,
} blas_core_type_change;

// Loads the BLAS library: `library_path` if it is not NULL, otherwise the system's OpenBLAS
// (libopenblas.so.0, then libopenblas.so). OpenBLAS sees OPENBLAS_CORETYPE changed as `change`
// says, and OPENBLAS_NUM_THREADS=1 unless the user set it (so that no thread pool is started only
// to be stopped); the process's environment is left as it was. Returns
// true on success; on failure writes a one-line reason into `error` (capacity bytes) and
// returns false. Call once: the tensor core does, from a one-time initializer.
bool blas_load(const char *library_path, blas_core_type_change change, const char *core_type,
               char *error, size_t capacity);

// Whether an OpenBLAS was already part of the process before blas_load (linked by the program,
// or loaded by another library): it is then used as it is, with the kernel it chose itself.
bool blas_was_loaded_before(void);

// The file the library was loaded from ("" if unknown).
const char *blas_library_path(void);

// OpenBLAS's build description, e.g. "OpenBLAS 0.3.21 NO_LAPACKE DYNAMIC_ARCH NO_AFFINITY
// Haswell MAX_THREADS=64", or NULL when the library is not OpenBLAS.
const char *blas_configuration(void);

// The kernel OpenBLAS runs ("Haswell", "SkylakeX", "Prescott", ...), or NULL when unknown.
const char *blas_kernel_name(void);

// Sets the number of threads the library uses for a product (OpenBLAS only; ignored otherwise).
void blas_set_thread_count(int count);

// The number of threads the library uses for a product (1 when it cannot say).
int blas_thread_count(void);

// C = alpha · op(A) · op(B) + beta · C, row-major, through cblas_sgemm. blas_load must have
// succeeded.
void blas_sgemm(bool transpose_a, bool transpose_b, int rows, int columns, int inner,
                float alpha, const float *a, int leading_a, const float *b, int leading_b,
                float beta, float *c, int leading_c);

// y = alpha · op(A) · x + beta · y, row-major A of rows x columns, through cblas_sgemv.
// blas_load must have succeeded.
void blas_sgemv(bool transpose, int rows, int columns, float alpha, const float *a, int leading_a,
                const float *x, float beta, float *y);

// Whether the library has LAPACK's QR routines (sgeqrf, sorgqr): OpenBLAS builds with LAPACK do.
bool blas_has_lapack(void);

// Replaces the column-major `rows` x `columns` matrix `a` (rows >= columns >= 1) by the Q of its
// QR factorisation (orthonormal columns), through LAPACK's sgeqrf and sorgqr, and writes the
// signs of R's diagonal (+1 or -1) into `signs` (`columns` floats). Returns 0 on success, LAPACK's
// info when it fails, -1000 when the library has no LAPACK, -1001 for bad sizes, -1002 when out
// of memory. blas_load must have succeeded.
int blas_orthonormalize(int rows, int columns, float *a, float *signs);
#endif

#define _GNU_SOURCE
#include "BLASLoader.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(__APPLE__)
// MARK: - Apple: Accelerate

#define ACCELERATE_NEW_LAPACK
#include <Accelerate/Accelerate.h>

bool blas_load(const char *library_path, blas_core_type_change change, const char *core_type,
               char *error, size_t capacity) {
    (void)library_path; (void)change; (void)core_type; (void)error; (void)capacity;
    return true;
}
bool blas_was_loaded_before(void) { return false; }
bool blas_has_lapack(void) { return true; }
const char *blas_library_path(void) { return "Accelerate.framework"; }
const char *blas_configuration(void) { return NULL; }
const char *blas_kernel_name(void) { return NULL; }
void blas_set_thread_count(int count) { (void)count; }
int blas_thread_count(void) { return 1; }

// The products below call Accelerate's functions directly.
#define sgemm cblas_sgemm
#define sgemv cblas_sgemv
#define sgeqrf sgeqrf_
#define sorgqr sorgqr_

#else
// MARK: - Elsewhere: OpenBLAS through dlopen

#include <dlfcn.h>

#if __has_include(<cblas.h>)
#include <cblas.h>
#elif __has_include(<openblas/cblas.h>)
#include <openblas/cblas.h>
#else
#error "cblas.h not found: install OpenBLAS's development files (Debian and Ubuntu: libopenblas-dev; Fedora: openblas-devel)"
#endif

// The functions looked up, typed by cblas.h's own declarations.
static __typeof__(&cblas_sgemm) sgemm;
static __typeof__(&cblas_sgemv) sgemv;
// OpenBLAS's extensions; absent from other BLAS libraries (and from other cblas.h files).
static char *(*get_config)(void);
static char *(*get_corename)(void);
static void (*set_num_threads)(int);
static int (*get_num_threads)(void);
// LAPACK's QR factorisation (Fortran symbols, arguments by address), part of Debian's OpenBLAS.
typedef void lapack_qr_function(const int *m, const int *n, float *a, const int *lda, float *tau,
                                float *work, const int *lwork, int *info);
typedef void lapack_q_function(const int *m, const int *n, const int *k, float *a, const int *lda,
                               const float *tau, float *work, const int *lwork, int *info);
static lapack_qr_function *sgeqrf;
static lapack_q_function *sorgqr;

static bool loaded_before;
static char library_path_found[4096];

extern char **environ;

// The environment OpenBLAS is loaded with: the process's, with OPENBLAS_CORETYPE replaced by
// `core_type` (or removed, when it is NULL) if `change_core_type`, and OPENBLAS_NUM_THREADS=1
// added if it is unset. A new array: setenv and unsetenv are not safe while other threads read
// the environment (setenv may move the array they are reading), so the loader swaps `environ`
// to this copy for the load and back, and neither array is ever freed or modified. The copy
// (a few hundred bytes, once per process) is deliberately kept for that reason. (A setenv on
// another thread during the load would be undone by the swap back; setenv beside running
// threads is unsafe in any case.)
static char **loading_environment(bool change_core_type, const char *core_type) {
    static const char core_prefix[] = "OPENBLAS_CORETYPE=";
    static const char threads_prefix[] = "OPENBLAS_NUM_THREADS=";
    size_t count = 0;
    while (environ && environ[count]) count++;
    char **copy = calloc(count + 3, sizeof(char *));
    if (!copy) return NULL;
    size_t kept = 0;
    bool has_threads = false;
    for (size_t index = 0; index < count; index++) {
        const char *entry = environ[index];
        if (change_core_type && strncmp(entry, core_prefix, sizeof core_prefix - 1) == 0) continue;
        if (strncmp(entry, threads_prefix, sizeof threads_prefix - 1) == 0) has_threads = true;
        copy[kept++] = (char *)entry;
    }
    if (change_core_type && core_type) {
        size_t length = sizeof core_prefix + strlen(core_type);
        char *entry = malloc(length);
        if (entry) {
            snprintf(entry, length, "%s%s", core_prefix, core_type);
            copy[kept++] = entry;
        }
    }
    if (!has_threads) copy[kept++] = "OPENBLAS_NUM_THREADS=1";
    copy[kept] = NULL;
    return copy;
}

// Finds every function in `scope` (a dlopen handle, or RTLD_DEFAULT for what the process has
// already loaded). Returns whether the two products were found.
static bool look_up(void *scope) {
    sgemm = (__typeof__(sgemm))dlsym(scope, "cblas_sgemm");
    sgemv = (__typeof__(sgemv))dlsym(scope, "cblas_sgemv");
    get_config = (char *(*)(void))dlsym(scope, "openblas_get_config");
    get_corename = (char *(*)(void))dlsym(scope, "openblas_get_corename");
    set_num_threads = (void (*)(int))dlsym(scope, "openblas_set_num_threads");
    get_num_threads = (int (*)(void))dlsym(scope, "openblas_get_num_threads");
    sgeqrf = (lapack_qr_function *)dlsym(scope, "sgeqrf_");
    sorgqr = (lapack_q_function *)dlsym(scope, "sorgqr_");
    if (sgemm) {
        Dl_info info;
        if (dladdr((void *)sgemm, &info) && info.dli_fname) {
            // The file itself rather than a symbolic link to it: on Debian its folder names
            // the variant (openblas-pthread, openblas-openmp, openblas-serial).
            char *resolved = realpath(info.dli_fname, NULL);
            snprintf(library_path_found, sizeof library_path_found, "%s", resolved ? resolved : info.dli_fname);
            free(resolved);
        }
    }
    return sgemm && sgemv;
}

bool blas_load(const char *library_path, blas_core_type_change change, const char *core_type,
               char *error, size_t capacity) {
    // An OpenBLAS the program linked itself has chosen its kernel already; use it as it is
    // rather than loading a second copy.
    if (dlsym(RTLD_DEFAULT, "openblas_get_corename") && look_up(RTLD_DEFAULT)) {
        loaded_before = true;
        return true;
    }

    char **process_environment = environ;
    char **load_environment = loading_environment(change != blas_core_type_keep,
                                                  change == blas_core_type_set ? core_type : NULL);
    if (!load_environment) {
        snprintf(error, capacity, "out of memory");
        return false;
    }
    environ = load_environment;

    const char *candidates[] = { "libopenblas.so.0", "libopenblas.so" };
    const char **names = library_path ? &library_path : candidates;
    size_t count = library_path ? 1 : sizeof candidates / sizeof candidates[0];
    void *handle = NULL;
    char reasons[1024] = "";
    for (size_t index = 0; index < count && !handle; index++) {
        handle = dlopen(names[index], RTLD_NOW | RTLD_LOCAL);
        if (!handle) {
            const char *reason = dlerror();
            size_t used = strlen(reasons);
            snprintf(reasons + used, sizeof reasons - used, "%s%s", used ? "; " : "", reason ? reason : names[index]);
        }
    }
    environ = process_environment;

    if (!handle) {
        snprintf(error, capacity, "%s", reasons);
        return false;
    }
    if (!look_up(handle)) {
        snprintf(error, capacity, "%s has no cblas_sgemm and cblas_sgemv: not a CBLAS library",
                 library_path_found[0] ? library_path_found : names[0]);
        return false;
    }
    if (!library_path_found[0]) snprintf(library_path_found, sizeof library_path_found, "%s", names[0]);
    return true;
}

bool blas_was_loaded_before(void) { return loaded_before; }

const char *blas_library_path(void) { return library_path_found; }

const char *blas_configuration(void) { return get_config ? get_config() : NULL; }

const char *blas_kernel_name(void) { return get_corename ? get_corename() : NULL; }

void blas_set_thread_count(int count) {
    if (set_num_threads) set_num_threads(count);
}

int blas_thread_count(void) { return get_num_threads ? get_num_threads() : 1; }

bool blas_has_lapack(void) { return sgeqrf && sorgqr; }

#endif

// MARK: - The products

void blas_sgemm(bool transpose_a, bool transpose_b, int rows, int columns, int inner,
                float alpha, const float *a, int leading_a, const float *b, int leading_b,
                float beta, float *c, int leading_c) {
    sgemm(CblasRowMajor, transpose_a ? CblasTrans : CblasNoTrans, transpose_b ? CblasTrans : CblasNoTrans,
          rows, columns, inner, alpha, a, leading_a, b, leading_b, beta, c, leading_c);
}

void blas_sgemv(bool transpose, int rows, int columns, float alpha, const float *a, int leading_a,
                const float *x, float beta, float *y) {
    sgemv(CblasRowMajor, transpose ? CblasTrans : CblasNoTrans, rows, columns, alpha, a, leading_a,
          x, 1, beta, y, 1);
}

// MARK: - QR

int blas_orthonormalize(int rows, int columns, float *a, float *signs) {
    if (!blas_has_lapack()) return -1000;
    if (rows < columns || columns < 1) return -1001;
    int m = rows, n = columns, lda = rows, info = 0;
    float *tau = malloc(sizeof(float) * (size_t)n);
    if (!tau) return -1002;
    // The workspace size LAPACK asks for, then the factorisation A = QR.
    float query = 0;
    int lwork = -1;
    sgeqrf(&m, &n, a, &lda, tau, &query, &lwork, &info);
    lwork = info == 0 && query > n ? (int)query : n;
    float *work = malloc(sizeof(float) * (size_t)lwork);
    if (!work) { free(tau); return -1002; }
    sgeqrf(&m, &n, a, &lda, tau, work, &lwork, &info);
    if (info == 0) {
        // R's diagonal is in A's; its signs make Q unique (and Haar-distributed).
        for (int column = 0; column < n; column++) signs[column] = a[column * lda + column] < 0 ? -1.0f : 1.0f;
        sorgqr(&m, &n, &n, a, &lda, tau, work, &lwork, &info);
    }
    free(work);
    free(tau);
    return info;
}

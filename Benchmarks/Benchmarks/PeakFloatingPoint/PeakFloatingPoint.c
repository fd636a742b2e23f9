#include "PeakFloatingPoint.h"

#include <time.h>

static double now(void) {
    struct timespec time;
    clock_gettime(CLOCK_MONOTONIC, &time);
    return time.tv_sec + time.tv_nsec * 1e-9;
}

// Twelve independent accumulators, named one by one so that they live in registers: enough to
// keep two FMA pipelines with a four-cycle latency busy (eight in flight) with room to spare.
#define ACCUMULATORS 12
#define FOR_EACH_ACCUMULATOR(X, ...)                                                            \
    X(0, __VA_ARGS__) X(1, __VA_ARGS__) X(2, __VA_ARGS__) X(3, __VA_ARGS__) X(4, __VA_ARGS__)   \
    X(5, __VA_ARGS__) X(6, __VA_ARGS__) X(7, __VA_ARGS__) X(8, __VA_ARGS__) X(9, __VA_ARGS__)   \
    X(10, __VA_ARGS__) X(11, __VA_ARGS__)
#define DECLARE(i, vector, set1) vector sum##i = set1((float)(i) * 0.001f);
#define STEP(i, fmadd) sum##i = fmadd(sum##i, factor, addend);
#define ACCUMULATE(i, add) total = add(total, sum##i);

// One loop per instruction set, written once: `target` lets the compiler use the instruction
// set in that function alone (the rest of the file stays baseline x86-64).
#define DEFINE_FMA_LOOP(name, target, vector, set1, fmadd, add, reduce)    \
    target static double name(long iterations) {                           \
        FOR_EACH_ACCUMULATOR(DECLARE, vector, set1)                        \
        const vector factor = set1(0.999999f);                             \
        const vector addend = set1(1e-7f);                                 \
        for (long n = 0; n < iterations; n++) {                            \
            FOR_EACH_ACCUMULATOR(STEP, fmadd)                              \
        }                                                                  \
        vector total = set1(0.0f);                                         \
        FOR_EACH_ACCUMULATOR(ACCUMULATE, add)                              \
        return reduce(total);                                              \
    }

#if defined(__x86_64__)
#include <immintrin.h>

__attribute__((target("avx2")))
static float sum_of_lanes(__m256 vector) {
    float lanes[8];
    _mm256_storeu_ps(lanes, vector);
    return lanes[0] + lanes[1] + lanes[2] + lanes[3] + lanes[4] + lanes[5] + lanes[6] + lanes[7];
}

DEFINE_FMA_LOOP(fma_loop_avx512, __attribute__((target("avx512f"))), __m512,
                _mm512_set1_ps, _mm512_fmadd_ps, _mm512_add_ps, _mm512_reduce_add_ps)
DEFINE_FMA_LOOP(fma_loop_avx2, __attribute__((target("avx2,fma"))), __m256,
                _mm256_set1_ps, _mm256_fmadd_ps, _mm256_add_ps, sum_of_lanes)
#endif

// Without vector units: a multiply and an add per step (two operations, as an FMA counts).
#define SCALAR(x) (x)
#define MULTIPLY_ADD(a, b, c) ((a) * (b) + (c))
#define PLUS(a, b) ((a) + (b))
DEFINE_FMA_LOOP(scalar_loop, , float, SCALAR, MULTIPLY_ADD, PLUS, SCALAR)

// The sink keeps the loops' results alive, so the compiler cannot drop them.
static volatile double sink;

double peak_single_precision_flops(double seconds, int repetitions, const char **instruction_set) {
    double (*loop)(long) = scalar_loop;
    int lanes = 1;
    *instruction_set = "scalar";
#if defined(__x86_64__)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f")) {
        loop = fma_loop_avx512; lanes = 16; *instruction_set = "AVX-512";
    } else if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
        loop = fma_loop_avx2; lanes = 8; *instruction_set = "AVX2+FMA";
    }
#endif
    // Size the loop to the time asked for, from a short trial.
    long iterations = 1 << 16;
    double start = now();
    sink = loop(iterations);
    double trial = now() - start;
    if (trial > 0) iterations = (long)(iterations * seconds / trial) + 1;

    double best = 0;
    for (int repetition = 0; repetition < repetitions; repetition++) {
        start = now();
        sink = loop(iterations);
        double elapsed = now() - start;
        double rate = 2.0 * ACCUMULATORS * lanes * (double)iterations / elapsed;
        if (rate > best) best = rate;
    }
    return best;
}

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
#define FOR_EACH_ACCUMULATOR(X) X(0) X(1) X(2) X(3) X(4) X(5) X(6) X(7) X(8) X(9) X(10) X(11)

#if defined(__x86_64__)
#include <immintrin.h>

__attribute__((target("avx512f")))
static double fma_loop_avx512(long iterations) {
#define DECLARE(i) __m512 sum##i = _mm512_set1_ps((float)(i) * 0.001f);
#define STEP(i) sum##i = _mm512_fmadd_ps(sum##i, factor, addend);
#define ADD(i) total = _mm512_add_ps(total, sum##i);
    FOR_EACH_ACCUMULATOR(DECLARE)
    const __m512 factor = _mm512_set1_ps(0.999999f), addend = _mm512_set1_ps(1e-7f);
    for (long n = 0; n < iterations; n++) {
        FOR_EACH_ACCUMULATOR(STEP)
    }
    __m512 total = _mm512_setzero_ps();
    FOR_EACH_ACCUMULATOR(ADD)
    return _mm512_reduce_add_ps(total);
#undef DECLARE
#undef STEP
#undef ADD
}

__attribute__((target("avx2,fma")))
static double fma_loop_avx2(long iterations) {
#define DECLARE(i) __m256 sum##i = _mm256_set1_ps((float)(i) * 0.001f);
#define STEP(i) sum##i = _mm256_fmadd_ps(sum##i, factor, addend);
#define ADD(i) total = _mm256_add_ps(total, sum##i);
    FOR_EACH_ACCUMULATOR(DECLARE)
    const __m256 factor = _mm256_set1_ps(0.999999f), addend = _mm256_set1_ps(1e-7f);
    for (long n = 0; n < iterations; n++) {
        FOR_EACH_ACCUMULATOR(STEP)
    }
    __m256 total = _mm256_setzero_ps();
    FOR_EACH_ACCUMULATOR(ADD)
    float lanes[8];
    _mm256_storeu_ps(lanes, total);
    return lanes[0] + lanes[1] + lanes[2] + lanes[3] + lanes[4] + lanes[5] + lanes[6] + lanes[7];
#undef DECLARE
#undef STEP
#undef ADD
}
#endif

static double scalar_loop(long iterations) {
#define DECLARE(i) float sum##i = (float)(i) * 0.001f;
#define STEP(i) sum##i = sum##i * 0.999999f + 1e-7f;
#define ADD(i) total += sum##i;
    FOR_EACH_ACCUMULATOR(DECLARE)
    for (long n = 0; n < iterations; n++) {
        FOR_EACH_ACCUMULATOR(STEP)
    }
    float total = 0;
    FOR_EACH_ACCUMULATOR(ADD)
    return total;
#undef DECLARE
#undef STEP
#undef ADD
}

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

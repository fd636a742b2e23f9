#ifndef C_FLOATING_POINT_MODE_SHIM_H
#define C_FLOATING_POINT_MODE_SHIM_H
// The calling thread's flush-to-zero setting, which Swift cannot reach: it lives in a control
// register of the floating-point unit, one per thread.
//
// x86-64: MXCSR, which governs all SSE and AVX arithmetic (every Swift Float and Double
// operation and OpenBLAS's kernels). FTZ (bit 15, 0x8000) turns subnormal results into zero,
// DAZ (bit 6, 0x0040) reads subnormal inputs as zero; both are set together.
// arm64: FPCR's FZ bit (bit 24), which does both for single and double precision.
// Elsewhere there is no such setting and the functions below do nothing.

#include <stdbool.h>
#include <stdint.h>

#if defined(__x86_64__)
static const uint64_t floating_point_flush_bits = 0x8040;

static inline uint64_t floating_point_control(void) {
    return __builtin_ia32_stmxcsr();
}

static inline void floating_point_set_control(uint64_t value) {
    __builtin_ia32_ldmxcsr((unsigned int)value);
}
#elif defined(__aarch64__)
static const uint64_t floating_point_flush_bits = (uint64_t)1 << 24;

static inline uint64_t floating_point_control(void) {
    uint64_t value;
    __asm__ __volatile__("mrs %0, fpcr" : "=r"(value));
    return value;
}

static inline void floating_point_set_control(uint64_t value) {
    __asm__ __volatile__("msr fpcr, %0" : : "r"(value));
}
#else
static const uint64_t floating_point_flush_bits = 0;

static inline uint64_t floating_point_control(void) { return 0; }

static inline void floating_point_set_control(uint64_t value) { (void)value; }
#endif

// Whether this processor has a flush-to-zero setting the functions below can change.
static inline bool floating_point_can_flush_to_zero(void) {
    return floating_point_flush_bits != 0;
}

// Whether subnormals are flushed on the calling thread (all the bits set).
static inline bool floating_point_is_flushing_to_zero(void) {
    return floating_point_can_flush_to_zero()
        && (floating_point_control() & floating_point_flush_bits) == floating_point_flush_bits;
}

// Sets (true) or clears (false) the bits on the calling thread. The register is written only
// when it changes: reading it is cheap, writing it may wait for pending arithmetic.
static inline void floating_point_set_flushing_to_zero(bool flushing) {
    if (!floating_point_can_flush_to_zero()) return;
    uint64_t control = floating_point_control();
    uint64_t wanted = flushing ? (control | floating_point_flush_bits) : (control & ~floating_point_flush_bits);
    if (wanted != control) floating_point_set_control(wanted);
}
#endif

#ifndef C_BLAS_LOADER_PROCESSOR_FEATURES_H
#define C_BLAS_LOADER_PROCESSOR_FEATURES_H
// What the processor can run, read with cpuid (x86-64 only): the facts the kernel policy
// decides on.

#include <stdbool.h>

typedef struct {
    // Whether the fields below were read (false on other architectures: all zero).
    bool is_x86_64;
    // "GenuineIntel", "AuthenticAMD", ...
    char vendor[13];
    // The brand string, e.g. "AMD EPYC 9R14 96-Core Processor" (may be empty in a VM).
    char brand[49];
    // Family and model as Linux's /proc/cpuinfo shows them (extended fields folded in).
    unsigned family;
    unsigned model;
    // AVX2 and FMA3, with the operating system saving the YMM registers.
    bool avx2;
    bool fma;
    // AVX-512 as OpenBLAS's SkylakeX kernels need it (F, CD, BW, DQ, VL), with the operating
    // system saving the ZMM and mask registers.
    bool avx512;
    // AVX-512 BF16 (what OpenBLAS's Cooperlake kernels add).
    bool avx512_bf16;
} processor_features;

// Reads the calling processor's features.
processor_features processor_features_read(void);
#endif

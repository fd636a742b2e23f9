#include "ProcessorFeatures.h"

#include <string.h>

#if defined(__x86_64__)
#include <cpuid.h>

// XCR0: which register states the operating system saves on a context switch. A processor may
// have AVX while the kernel does not enable it; using it then faults.
static unsigned long long extended_control_register(void) {
    unsigned int low, high;
    __asm__ __volatile__("xgetbv" : "=a"(low), "=d"(high) : "c"(0));
    return ((unsigned long long)high << 32) | low;
}

processor_features processor_features_read(void) {
    processor_features features;
    memset(&features, 0, sizeof features);
    features.is_x86_64 = true;

    unsigned int eax, ebx, ecx, edx;
    if (!__get_cpuid(0, &eax, &ebx, &ecx, &edx)) return features;
    unsigned int highest = eax;
    memcpy(features.vendor + 0, &ebx, 4);
    memcpy(features.vendor + 4, &edx, 4);
    memcpy(features.vendor + 8, &ecx, 4);

    __get_cpuid(1, &eax, &ebx, &ecx, &edx);
    unsigned int baseFamily = (eax >> 8) & 0xf, baseModel = (eax >> 4) & 0xf;
    unsigned int extendedFamily = (eax >> 20) & 0xff, extendedModel = (eax >> 16) & 0xf;
    features.family = baseFamily == 0xf ? baseFamily + extendedFamily : baseFamily;
    features.model = (baseFamily == 0x6 || baseFamily == 0xf) ? (extendedModel << 4) + baseModel : baseModel;
    bool fma = (ecx >> 12) & 1;
    bool osSavesRegisters = (ecx >> 27) & 1;  // OSXSAVE: xgetbv may be used
    bool avx = (ecx >> 28) & 1;

    unsigned long long xcr0 = osSavesRegisters ? extended_control_register() : 0;
    bool osYMM = (xcr0 & 0x6) == 0x6;       // SSE and AVX state
    bool osZMM = (xcr0 & 0xe6) == 0xe6;     // and opmask, upper ZMM, high ZMM state

    if (highest >= 7) {
        __get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx);
        bool avx2 = (ebx >> 5) & 1;
        features.avx2 = avx && avx2 && osYMM;
        features.fma = avx && fma && osYMM;
        bool avx512 = ((ebx >> 16) & 1) && ((ebx >> 17) & 1) && ((ebx >> 28) & 1)  // F, DQ, CD
                   && ((ebx >> 30) & 1) && ((ebx >> 31) & 1);                     // BW, VL
        features.avx512 = features.avx2 && avx512 && osZMM;
        if (features.avx512 && eax >= 1) {
            __get_cpuid_count(7, 1, &eax, &ebx, &ecx, &edx);
            features.avx512_bf16 = (eax >> 5) & 1;
        }
    }

    __get_cpuid(0x80000000, &eax, &ebx, &ecx, &edx);
    if (eax >= 0x80000004) {
        unsigned int words[12];
        for (unsigned int leaf = 0; leaf < 3; leaf++) {
            __get_cpuid(0x80000002 + leaf, &words[4 * leaf], &words[4 * leaf + 1], &words[4 * leaf + 2], &words[4 * leaf + 3]);
        }
        memcpy(features.brand, words, 48);
    }
    return features;
}
#else
processor_features processor_features_read(void) {
    processor_features features;
    memset(&features, 0, sizeof features);
    return features;
}
#endif

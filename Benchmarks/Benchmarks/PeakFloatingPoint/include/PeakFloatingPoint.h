#ifndef PEAK_FLOATING_POINT_H
#define PEAK_FLOATING_POINT_H
// The single-precision peak of one core, measured: a loop of independent fused multiply-adds
// on the widest vectors the processor has, with no memory traffic.

// The best rate over `repetitions` runs of about `seconds` each, in floating-point operations
// per second (a fused multiply-add counts as two), and the instruction set that reached it
// ("AVX-512", "AVX2+FMA" or "scalar") in *instruction_set.
double peak_single_precision_flops(double seconds, int repetitions, const char **instruction_set);
#endif

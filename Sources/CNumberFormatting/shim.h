#ifndef C_NUMBER_FORMATTING_SHIM_H
#define C_NUMBER_FORMATTING_SHIM_H
// printf's number formats for Swift without a va_list: Foundation's String(format:) and
// withVaList box every argument and cost microseconds a call, which one metrics row per
// episode made a fifth of a tabular run's time.

#include <stddef.h>
#include <stdio.h>

// `value` as "%.6g" into `buffer`; returns what snprintf returns.
static inline int number_format_general6(char *buffer, size_t size, double value) {
    return snprintf(buffer, size, "%.6g", value);
}

// `value` as "%.3f" into `buffer`; returns what snprintf returns.
static inline int number_format_fixed3(char *buffer, size_t size, double value) {
    return snprintf(buffer, size, "%.3f", value);
}
#endif

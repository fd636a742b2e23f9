// libFuzzer's driver, for a `main` of our own: SwiftPM gives every executable target a `main`,
// so the fuzz targets call the driver from theirs instead of using libFuzzer's. The symbol
// comes from libFuzzer, which `-sanitize=fuzzer` links.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

// The declaration in include/FuzzerDriver.h is all this target provides (a C target needs a
// source file).
#include "FuzzerDriver.h"

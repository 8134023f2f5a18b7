// OpenBLAS's CBLAS interface plus its thread-count control (Debian: libopenblas-dev).
#include <cblas.h>

// System library shim: OpenBLAS's CBLAS and the reference LAPACKE interface
// (Debian packages libopenblas-dev and liblapacke-dev).
#ifndef TOLOK_CLAPACK_SHIM_H
#define TOLOK_CLAPACK_SHIM_H
#include <cblas.h>
#include <lapacke.h>
#endif

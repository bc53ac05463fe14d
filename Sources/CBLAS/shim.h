// OpenBLAS CBLAS interface (Debian alternatives point cblas.h at the openblas-pthread copy)
// and LAPACKE (Debian ships it separately: liblapacke-dev).
#include <cblas.h>
#include <lapacke.h>

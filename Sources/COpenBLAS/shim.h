// Types and constants of the CBLAS interface only. Nothing here is linked: ThawTensor loads
// OpenBLAS with dlopen after choosing OPENBLAS_CORETYPE (see BLASLibrary.swift).
#include <cblas.h>

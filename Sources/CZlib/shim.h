// zlib, for reading gzip-compressed IDX files (MNIST's distribution format).
#include <zlib.h>

// zlib (Debian: zlib1g-dev), for verifying gzip inputs end to end (CRC-32 and length).
#include <zlib.h>

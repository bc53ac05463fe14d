// Nettle (Debian: nettle-dev), for SHA-256 of every file the toolkit writes or checks. A system
// library like the other C dependencies: swift-crypto built BoringSSL from source on every clean
// build (about 3.5 of its 4 minutes) for this one hash.
#include <nettle/sha2.h>

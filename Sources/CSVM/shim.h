#include <libsvm/svm.h>

/// libsvm's run-time version (a mutable C global, which Swift 6 refuses to read directly).
static inline int csvm_runtime_version(void) { return libsvm_version; }

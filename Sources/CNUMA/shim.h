#ifndef EDGESCHED_CNUMA_SHIM_H
#define EDGESCHED_CNUMA_SHIM_H
// libnuma (Debian: libnuma-dev): node sizes, memory policy, node-local allocation.
#include <numa.h>
#include <numaif.h>
#endif

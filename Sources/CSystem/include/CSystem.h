#ifndef EDGESCHED_CSYSTEM_H
#define EDGESCHED_CSYSTEM_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/// The kernel thread id of the calling thread; glibc's gettid() wrapper is not
/// visible to Swift without _GNU_SOURCE, so it is declared here and defined in
/// the .c file, which gets the define from cSettings.
pid_t csys_gettid(void);

/// Writes the calling thread's CPU affinity into `words` (bit n of word n/64 is
/// CPU n). Returns 0, or -errno. cpu_set_t and the CPU_* macros cannot be
/// used from Swift, which is why this shim exists.
int csys_thread_affinity(uint64_t *words, size_t word_count);

#endif

#ifndef EDGESCHED_CLINUX_H
#define EDGESCHED_CLINUX_H

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

/// Pins the calling thread to the CPUs set in `words` (same layout as above)
/// with pthread_setaffinity_np, a GNU extension. Returns 0, or -errno (EINVAL
/// when none of the CPUs may be used).
int csys_set_thread_affinity(const uint64_t *words, size_t word_count);

/// Writes the CPU affinity of thread `tid` of any process the caller may
/// inspect (0: the caller) into `words`, as csys_thread_affinity does, with
/// sched_getaffinity; the agent's confinement reads its own other threads
/// with it. Returns 0, or -errno (ESRCH once the thread has exited).
int csys_affinity_of(pid_t tid, uint64_t *words, size_t word_count);

/// Sets the CPU affinity of thread `tid` (0: the caller) to the CPUs set in
/// `words` with sched_setaffinity, which, unlike pthread_setaffinity_np,
/// takes a kernel thread id: the agent moves threads it did not start (event
/// loops, Swift's cooperative pool) onto its reserved CPUs. Returns 0, or
/// -errno (ESRCH once the thread has exited, EINVAL when none of the CPUs
/// may be used).
int csys_set_affinity_of(pid_t tid, const uint64_t *words, size_t word_count);

/// Names the calling thread (at most 15 bytes, as the kernel keeps them) with
/// pthread_setname_np, a GNU extension. Returns 0, or -errno.
int csys_set_thread_name(const char *name);

/// Tells the CPU the caller is spinning on a value another thread will change
/// (x86 `pause`, Arm `yield`): the spin yields the core's pipeline to its SMT
/// sibling and costs less power. Swift has no spelling for either instruction.
static inline void csys_cpu_relax(void) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__) || defined(__arm__)
    __asm__ __volatile__("yield");
#endif
}

#endif

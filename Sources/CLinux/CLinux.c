#include "CLinux.h"

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <string.h>
#include <unistd.h>

/// The CPUs set in `words` (bit n of word n/64 is CPU n) as a cpu_set_t.
static void fill_set(cpu_set_t *set, const uint64_t *words, size_t word_count) {
    CPU_ZERO(set);
    for (size_t cpu = 0; cpu < CPU_SETSIZE && cpu / 64 < word_count; cpu++) {
        if (words[cpu / 64] & ((uint64_t)1 << (cpu % 64))) {
            CPU_SET(cpu, set);
        }
    }
}

pid_t csys_gettid(void) {
    return gettid();
}

int csys_thread_affinity(uint64_t *words, size_t word_count) {
    return csys_affinity_of(0, words, word_count);
}

int csys_affinity_of(pid_t tid, uint64_t *words, size_t word_count) {
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(tid, sizeof(set), &set) != 0) {
        return -errno;
    }
    memset(words, 0, word_count * sizeof(uint64_t));
    for (size_t cpu = 0; cpu < CPU_SETSIZE && cpu / 64 < word_count; cpu++) {
        if (CPU_ISSET(cpu, &set)) {
            words[cpu / 64] |= (uint64_t)1 << (cpu % 64);
        }
    }
    return 0;
}

int csys_set_thread_affinity(const uint64_t *words, size_t word_count) {
    cpu_set_t set;
    fill_set(&set, words, word_count);
    int result = pthread_setaffinity_np(pthread_self(), sizeof(set), &set);
    return result == 0 ? 0 : -result;
}

int csys_set_affinity_of(pid_t tid, const uint64_t *words, size_t word_count) {
    cpu_set_t set;
    fill_set(&set, words, word_count);
    return sched_setaffinity(tid, sizeof(set), &set) == 0 ? 0 : -errno;
}

int csys_set_thread_name(const char *name) {
    int result = pthread_setname_np(pthread_self(), name);
    return result == 0 ? 0 : -result;
}

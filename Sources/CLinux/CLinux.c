#include "CLinux.h"

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <string.h>
#include <unistd.h>

pid_t csys_gettid(void) {
    return gettid();
}

int csys_thread_affinity(uint64_t *words, size_t word_count) {
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof(set), &set) != 0) {
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
    CPU_ZERO(&set);
    for (size_t cpu = 0; cpu < CPU_SETSIZE && cpu / 64 < word_count; cpu++) {
        if (words[cpu / 64] & ((uint64_t)1 << (cpu % 64))) {
            CPU_SET(cpu, &set);
        }
    }
    int result = pthread_setaffinity_np(pthread_self(), sizeof(set), &set);
    return result == 0 ? 0 : -result;
}

int csys_set_thread_name(const char *name) {
    int result = pthread_setname_np(pthread_self(), name);
    return result == 0 ? 0 : -result;
}

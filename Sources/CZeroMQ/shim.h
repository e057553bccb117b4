#ifndef EDGESCHED_CZEROMQ_SHIM_H
#define EDGESCHED_CZEROMQ_SHIM_H
// libzmq (Debian: libzmq3-dev): the transport between agents and coordinators.
#include <zmq.h>
// The eventfd another thread writes to wake a socket's owner in zmq_poll; Swift's Glibc module lacks it.
#include <sys/eventfd.h>
// The timerfd that wakes zmq_poll at an instant to the nanosecond (its own timeout is whole milliseconds);
// Swift's Glibc module lacks it too.
#include <sys/timerfd.h>
#endif

#ifndef EDGESCHED_CZEROMQ_SHIM_H
#define EDGESCHED_CZEROMQ_SHIM_H
// libzmq (Debian: libzmq3-dev): the transport between agents and coordinators.
#include <zmq.h>
#endif

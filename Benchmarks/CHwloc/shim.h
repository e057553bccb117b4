#ifndef EDGESCHED_CHWLOC_SHIM_H
#define EDGESCHED_CHWLOC_SHIM_H

#include <hwloc.h>

/* One whole read of a machine by hwloc, as `lstopo-no-graphics --whole-system`
 * does it (disallowed CPUs included, important I/O devices kept): init, load,
 * count the PUs, destroy. The topology reader benchmark times it beside
 * edgesched's reader on the same tree; the tree comes from HWLOC_FSROOT, set
 * before the first call. Returns the number of PUs, or -1 if hwloc fails.
 * A shim, so that hwloc's flag and filter enums and the opaque topology
 * pointer stay on the C side. */
static inline int chwloc_load_count_pus(void) {
    hwloc_topology_t topology;
    if (hwloc_topology_init(&topology) != 0) {
        return -1;
    }
    int pus = -1;
    if (hwloc_topology_set_flags(topology, HWLOC_TOPOLOGY_FLAG_INCLUDE_DISALLOWED) == 0
        && hwloc_topology_set_io_types_filter(topology, HWLOC_TYPE_FILTER_KEEP_IMPORTANT) == 0
        && hwloc_topology_load(topology) == 0) {
        pus = hwloc_get_nbobjs_by_type(topology, HWLOC_OBJ_PU);
    }
    hwloc_topology_destroy(topology);
    return pus;
}

#endif

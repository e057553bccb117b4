#include "CONNXRuntime.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

// OrtApiBase, as ONNX Runtime exports it from OrtGetApiBase().
typedef struct CEOrtApiBase {
    const CEOrtApi *(*GetApi)(uint32_t version);
    const char *(*GetVersionString)(void);
} CEOrtApiBase;

static const CEOrtApiBase *loaded_base;

const CEOrtApi *ceort_load(const char *path, char *error, size_t error_capacity) {
    void *library = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        snprintf(error, error_capacity, "dlopen: %s", dlerror());
        return NULL;
    }
    const CEOrtApiBase *(*get_base)(void) = (const CEOrtApiBase *(*)(void))dlsym(library, "OrtGetApiBase");
    if (get_base == NULL) {
        snprintf(error, error_capacity, "%s has no OrtGetApiBase: it is not ONNX Runtime", path);
        dlclose(library);
        return NULL;
    }
    const CEOrtApiBase *base = get_base();
    const CEOrtApi *api = base->GetApi(CEORT_API_VERSION);
    if (api == NULL) {
        snprintf(error, error_capacity, "ONNX Runtime %s does not offer C API version %d (it needs ONNX Runtime 1.%d or newer)",
                 base->GetVersionString(), CEORT_API_VERSION, CEORT_API_VERSION);
        dlclose(library);
        return NULL;
    }
    loaded_base = base;
    return api;
}

const char *ceort_version(void) {
    return loaded_base == NULL ? "" : loaded_base->GetVersionString();
}

#ifndef EDGESCHED_CONNXRUNTIME_H
#define EDGESCHED_CONNXRUNTIME_H

// The part of ONNX Runtime's C API that edgesched calls, declared here so the
// agent builds without ONNX Runtime installed and loads libonnxruntime.so at
// run time. OrtApi is a table of function pointers that ONNX Runtime only
// ever appends to, so a prefix with the same member order is enough; the
// order and values follow ONNX Runtime's public onnxruntime_c_api.h (API
// version 23, ONNX Runtime 1.23). Members edgesched does not call are kept
// as untyped placeholders so that the offsets stay right.

#include <stddef.h>
#include <stdint.h>

#define CEORT_API_VERSION 23

typedef struct OrtStatus OrtStatus;
typedef struct OrtEnv OrtEnv;
typedef struct OrtSession OrtSession;
typedef struct OrtSessionOptions OrtSessionOptions;
typedef struct OrtRunOptions OrtRunOptions;
typedef struct OrtValue OrtValue;
typedef struct OrtTypeInfo OrtTypeInfo;
typedef struct OrtTensorTypeAndShapeInfo OrtTensorTypeAndShapeInfo;
typedef struct OrtMemoryInfo OrtMemoryInfo;
typedef struct OrtAllocator OrtAllocator;

/// Element types (ONNXTensorElementDataType).
typedef enum CEOrtElementType {
    CEORT_UNDEFINED = 0,
    CEORT_FLOAT = 1,
    CEORT_UINT8 = 2,
    CEORT_INT8 = 3,
    CEORT_UINT16 = 4,
    CEORT_INT16 = 5,
    CEORT_INT32 = 6,
    CEORT_INT64 = 7,
    CEORT_STRING = 8,
    CEORT_BOOL = 9,
    CEORT_FLOAT16 = 10,
    CEORT_DOUBLE = 11,
    CEORT_UINT32 = 12,
    CEORT_UINT64 = 13,
} CEOrtElementType;

/// ONNXType values: what a graph input or output holds.
typedef enum CEOrtValueKind {
    CEORT_KIND_UNKNOWN = 0,
    CEORT_KIND_TENSOR = 1,
} CEOrtValueKind;

/// OrtLoggingLevel, GraphOptimizationLevel, ExecutionMode, OrtAllocatorType
/// and OrtMemType values that edgesched passes.
enum {
    CEORT_LOGGING_WARNING = 2,
    CEORT_LOGGING_ERROR = 3,
    CEORT_OPTIMIZE_ALL = 99,
    CEORT_EXECUTION_SEQUENTIAL = 0,
    CEORT_DEVICE_ALLOCATOR = 0,
    CEORT_ARENA_ALLOCATOR = 1,
    CEORT_MEMORY_DEFAULT = 0,
};

typedef struct CEOrtApi {
    OrtStatus *(*CreateStatus)(int code, const char *message);                              // 0
    int (*GetErrorCode)(const OrtStatus *status);                                           // 1
    const char *(*GetErrorMessage)(const OrtStatus *status);                                // 2
    OrtStatus *(*CreateEnv)(int logging_level, const char *log_id, OrtEnv **out);           // 3
    void *unused4_6[3];                                                                     // 4-6
    OrtStatus *(*CreateSession)(const OrtEnv *env, const char *model_path,
                                const OrtSessionOptions *options, OrtSession **out);        // 7
    void *unused8;                                                                          // 8
    OrtStatus *(*Run)(OrtSession *session, const OrtRunOptions *run_options,
                      const char *const *input_names, const OrtValue *const *inputs,
                      size_t input_count, const char *const *output_names,
                      size_t output_count, OrtValue **outputs);                             // 9
    OrtStatus *(*CreateSessionOptions)(OrtSessionOptions **out);                            // 10
    void *unused11_12[2];                                                                   // 11-12
    OrtStatus *(*SetSessionExecutionMode)(OrtSessionOptions *options, int mode);            // 13
    void *unused14_18[5];                                                                   // 14-18
    OrtStatus *(*DisableCpuMemArena)(OrtSessionOptions *options);                           // 19
    void *unused20_21[2];                                                                   // 20-21
    OrtStatus *(*SetSessionLogSeverityLevel)(OrtSessionOptions *options, int level);        // 22
    OrtStatus *(*SetSessionGraphOptimizationLevel)(OrtSessionOptions *options, int level);  // 23
    OrtStatus *(*SetIntraOpNumThreads)(OrtSessionOptions *options, int threads);            // 24
    OrtStatus *(*SetInterOpNumThreads)(OrtSessionOptions *options, int threads);            // 25
    void *unused26_29[4];                                                                   // 26-29
    OrtStatus *(*SessionGetInputCount)(const OrtSession *session, size_t *out);             // 30
    OrtStatus *(*SessionGetOutputCount)(const OrtSession *session, size_t *out);            // 31
    void *unused32;                                                                         // 32
    OrtStatus *(*SessionGetInputTypeInfo)(const OrtSession *session, size_t index,
                                          OrtTypeInfo **out);                               // 33
    OrtStatus *(*SessionGetOutputTypeInfo)(const OrtSession *session, size_t index,
                                           OrtTypeInfo **out);                              // 34
    void *unused35;                                                                         // 35
    OrtStatus *(*SessionGetInputName)(const OrtSession *session, size_t index,
                                      OrtAllocator *allocator, char **out);                 // 36
    OrtStatus *(*SessionGetOutputName)(const OrtSession *session, size_t index,
                                       OrtAllocator *allocator, char **out);                // 37
    void *unused38_48[11];                                                                  // 38-48
    OrtStatus *(*CreateTensorWithDataAsOrtValue)(const OrtMemoryInfo *info, void *data,
                                                 size_t byte_count, const int64_t *shape,
                                                 size_t shape_count, int element_type,
                                                 OrtValue **out);                           // 49
    void *unused50;                                                                         // 50
    OrtStatus *(*GetTensorMutableData)(OrtValue *value, void **out);                        // 51
    void *unused52_54[3];                                                                   // 52-54
    OrtStatus *(*CastTypeInfoToTensorInfo)(const OrtTypeInfo *info,
                                           const OrtTensorTypeAndShapeInfo **out);          // 55
    OrtStatus *(*GetOnnxTypeFromTypeInfo)(const OrtTypeInfo *info, int *out);               // 56
    void *unused57_59[3];                                                                   // 57-59
    OrtStatus *(*GetTensorElementType)(const OrtTensorTypeAndShapeInfo *info, int *out);    // 60
    OrtStatus *(*GetDimensionsCount)(const OrtTensorTypeAndShapeInfo *info, size_t *out);   // 61
    OrtStatus *(*GetDimensions)(const OrtTensorTypeAndShapeInfo *info, int64_t *dims,
                                size_t count);                                              // 62
    void *unused63;                                                                         // 63
    OrtStatus *(*GetTensorShapeElementCount)(const OrtTensorTypeAndShapeInfo *info,
                                             size_t *out);                                  // 64
    OrtStatus *(*GetTensorTypeAndShape)(const OrtValue *value,
                                        OrtTensorTypeAndShapeInfo **out);                   // 65
    void *unused66_68[3];                                                                   // 66-68
    OrtStatus *(*CreateCpuMemoryInfo)(int allocator_type, int memory_type,
                                      OrtMemoryInfo **out);                                 // 69
    void *unused70_75[6];                                                                   // 70-75
    OrtStatus *(*AllocatorFree)(OrtAllocator *allocator, void *pointer);                    // 76
    void *unused77;                                                                         // 77
    OrtStatus *(*GetAllocatorWithDefaultOptions)(OrtAllocator **out);                       // 78
    void *unused79_91[13];                                                                  // 79-91
    void (*ReleaseEnv)(OrtEnv *env);                                                        // 92
    void (*ReleaseStatus)(OrtStatus *status);                                               // 93
    void (*ReleaseMemoryInfo)(OrtMemoryInfo *info);                                         // 94
    void (*ReleaseSession)(OrtSession *session);                                            // 95
    void (*ReleaseValue)(OrtValue *value);                                                  // 96
    void *unused97;                                                                         // 97
    void (*ReleaseTypeInfo)(OrtTypeInfo *info);                                             // 98
    void (*ReleaseTensorTypeAndShapeInfo)(OrtTensorTypeAndShapeInfo *info);                 // 99
    void (*ReleaseSessionOptions)(OrtSessionOptions *options);                              // 100
} CEOrtApi;

/// Loads the ONNX Runtime library at `path` (dlopen) and returns its API
/// table for CEORT_API_VERSION, or NULL with a message in `error` (the
/// dlopen/dlsym error, or the library's own version complaint).
const CEOrtApi *ceort_load(const char *path, char *error, size_t error_capacity);

/// The version string of the library last loaded by ceort_load.
const char *ceort_version(void);

#endif

// `timespec` and `clock_gettime`: with Foundation in the module (the generated
// protobuf code imports it), Swift takes `timespec` from CoreFoundation's module.
import CoreFoundation
import Glibc
import Inference
import Logging
import Placement
import Scheduling

extension Agent {
    /// The arrival recorder `recording` configures, its file open and its
    /// writer started; nil when recording is off. Throws, naming the key,
    /// for a path it cannot write or tables the format cannot number.
    static func startRecording(
        _ configuration: AgentConfiguration, models: [ModelManifest], plan: ExecutionPlan, metrics: AgentMetrics,
        logger: Logger
    ) throws(AgentError) -> ArrivalRecorder? {
        guard let settings = configuration.recording else { return nil }
        let widest = models.map(\.variants.count).max() ?? 0
        let limits = [
            (models.count, RecordingFormat.maximumModels, "models"),
            (configuration.classes.count, RecordingFormat.maximumClasses, "classes"),
            (widest, RecordingFormat.maximumVariants, "variants of one model"),
            (plan.domains.count, RecordingFormat.maximumDomains, "domains"),
        ]
        for (count, maximum, what) in limits where count > maximum {
            throw AgentError(.startFailed, "recording: \(count) \(what); the format numbers at most \(maximum)")
        }
        var wallClock = timespec()
        clock_gettime(CLOCK_REALTIME, &wallClock)
        let header = RecordingHeader(
            wallClockStart: Int64(wallClock.tv_sec) * 1_000_000_000 + Int64(wallClock.tv_nsec),
            monotonicStart: Instant(nanoseconds: MonotonicClock.nanoseconds()),
            classes: configuration.classes.map(\.name),
            models: models.map { RecordingHeader.Model(name: $0.name, variants: $0.variants.map(\.name)) },
            ingresses: ArrivalRecorder.ingresses.map(\.rawValue))
        return try ArrivalRecorder(settings, header: header, metrics: metrics, logger: logger)
    }

    /// Writes what the recorder holds and closes its file: the last step of
    /// a shutdown, once every answer is given.
    func stopRecording() async {
        guard let recorder else { return }
        await Blocking.run { recorder.stop() }
        logger.notice("recording: \(recorder.path) closed")
    }
}

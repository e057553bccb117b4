import Foundation

/// Runs work that blocks its thread (starting and joining pinned workers)
/// on a thread of its own, so no thread of Swift's cooperative pool waits.
enum Blocking {
    static func run<Value: Sendable, Failure: Error>(_ work: @escaping @Sendable () throws(Failure) -> Value)
        async throws(Failure) -> Value
    {
        let result: Result<Value, Failure> = await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: Result { () throws(Failure) in try work() }) }.start()
        }
        return try result.get()
    }
}

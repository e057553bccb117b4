import Logging
import Messaging

extension Socket {
    /// Hands `take` every message waiting, as byte frames, until none is
    /// left; a failed receive is logged under `subject` and ends the drain.
    func drainFrames(logger: Logger, subject: String, _ take: ([[UInt8]]) -> Void) {
        while true {
            let message: [Message]?
            do {
                message = try receive()
            } catch {
                logger.error("\(subject): \(error)")
                return
            }
            guard let message else { return }
            take(message.map { frame in frame.withUnsafeBytes { Array($0) } })
        }
    }
}

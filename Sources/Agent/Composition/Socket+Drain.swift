import Logging
import Messaging

extension Socket {
    /// Hands `take` every message waiting, until none is left; a failed
    /// receive is logged under `subject` and ends the drain.
    func drainMessages(logger: Logger, subject: String, _ take: ([Message]) -> Void) {
        while true {
            let message: [Message]?
            do {
                message = try receive()
            } catch {
                logger.error("\(subject): \(error)")
                return
            }
            guard let message else { return }
            take(message)
        }
    }

    /// ``drainMessages(logger:subject:_:)`` with each message as byte frames.
    func drainFrames(logger: Logger, subject: String, _ take: ([[UInt8]]) -> Void) {
        drainMessages(logger: logger, subject: subject) { message in
            take(message.map { frame in frame.withUnsafeBytes { Array($0) } })
        }
    }
}

import Glibc

/// A plain OS thread for tests that need a socket owned by another thread, joined before the test ends.
final class TestThread {
    private let thread: pthread_t

    /// Starts `body` on a new thread.
    init(_ body: @escaping @Sendable () -> Void) {
        let start = Unmanaged.passRetained(Body(body)).toOpaque()
        var thread = pthread_t()
        let created = pthread_create(
            &thread, nil,
            { argument in
                guard let argument else { return nil }
                Unmanaged<Body>.fromOpaque(argument).takeRetainedValue().body()
                return nil
            }, start)
        precondition(created == 0, "pthread_create: \(created)")
        self.thread = thread
    }

    /// Waits for the body to return.
    func join() {
        pthread_join(thread, nil)
    }
}

private final class Body {
    let body: @Sendable () -> Void

    init(_ body: @escaping @Sendable () -> Void) {
        self.body = body
    }
}

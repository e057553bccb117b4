import Glibc

/// A failed system call while binding a thread.
struct BindingFailure: Error, Hashable {
    var call: String
    var errno: Int32

    var description: String {
        "\(call): \(String(cString: strerror(errno)))"
    }
}

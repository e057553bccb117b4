import ArgumentParser
import Messaging

/// `edgesched keygen PREFIX`: a CURVE key pair for a cluster socket or the
/// ZeroMQ ingress, as the configuration's `*_key_file` keys read them.
struct KeygenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen",
        abstract: "Write a new CURVE key pair: PREFIX.key (secret, mode 0600) and PREFIX.pub (public).",
        discussion: """
            Both files hold one Z85 key (40 characters) and a line break. Give the secret file to the \
            process that owns the key (curve_secret_key_file) and the public file to its peers \
            (public_key_file, or a coordinator's allow-list). Existing files are kept unless --force.
            """
    )

    @Argument(help: "The files' path without extension (/etc/edgesched/gw-01).")
    var prefix: String

    @Flag(help: "Replace PREFIX.key and PREFIX.pub when they exist.")
    var force = false

    func run() throws {
        let pair = try CurveKeyPair.generate()
        try OutputFile.write(pair.secretKey.z85 + "\n", to: prefix + ".key", mode: 0o600, replacing: force)
        try OutputFile.write(pair.publicKey.z85 + "\n", to: prefix + ".pub", replacing: force)
        try OutputFile.write("\(prefix).key: secret\n\(prefix).pub: public \(pair.publicKey.z85)\n", to: nil)
    }
}

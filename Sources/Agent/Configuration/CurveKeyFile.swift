import Messaging
import Topology

/// The CURVE key files a configuration names (`edgesched keygen` writes
/// them): one Z85 key each, surrounding whitespace ignored. An error names
/// the configuration key and the file, never the key's text.
enum CurveKeyFile {
    /// The key in `path`, read for the configuration key `setting`.
    static func key(at path: String, for setting: String) throws(AgentError) -> CurveKey {
        let text: String
        do {
            text = String(decoding: try LocalFile.read(path, maximumBytes: 4096), as: UTF8.self)
        } catch {
            throw AgentError(.startFailed, "\(setting): \(error)")
        }
        do {
            return try CurveKey(z85: text.trimmingWhitespace)
        } catch {
            throw AgentError(.startFailed, "\(setting): \(path): \(error)")
        }
    }

    /// The pair whose secret half is in `path`, its public half derived.
    static func keyPair(secretAt path: String, for setting: String) throws(AgentError) -> CurveKeyPair {
        let secret = try key(at: path, for: setting)
        do {
            return try CurveKeyPair(secretKey: secret)
        } catch {
            throw AgentError(.startFailed, "\(setting): \(path): \(error)")
        }
    }
}

extension String {
    /// Without leading and trailing spaces, tabs and line breaks.
    fileprivate var trimmingWhitespace: String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}

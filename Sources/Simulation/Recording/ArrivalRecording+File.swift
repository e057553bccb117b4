public import Scheduling
public import Topology

extension ArrivalRecording {
    /// The recording in the file at `path` (docs/recording.md); the failure
    /// names the file, and for one that is not a whole recording, the byte
    /// offset where it stops being one.
    public init(contentsOf path: String) throws(LocalFile.Failure) {
        let bytes = try LocalFile.read(path)
        do {
            try self.init(decoding: bytes)
        } catch {
            throw LocalFile.Failure(path: path, reason: error.description, code: nil)
        }
    }
}

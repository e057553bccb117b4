/// Worker thread names: `es-d<domain>-w<worker>`, at most 15 bytes as the
/// kernel keeps them (`top -H`, `ps -L`, `/proc/<pid>/task/<tid>/comm`).
enum WorkerName {
    static func make(domain: Int, worker: Int) -> String {
        let name = "es-d\(domain)-w\(worker)"
        return String(name.utf8.prefix(15)) ?? name
    }
}

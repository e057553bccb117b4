extension Duration {
    /// Whole microseconds: the unit of the protocol's `timeout` and of the
    /// `edgesched_*_us` response parameters.
    var wholeMicroseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000 + attoseconds / 1_000_000_000_000
    }
}

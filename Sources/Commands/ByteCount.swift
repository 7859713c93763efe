/// Human-readable sizes in binary units (`1.5 MiB`), for people; machines get exact bytes.
enum ByteCount {
    /// `bytes` as `512 B`, `41.0 KiB`, `1.5 GiB`, with one decimal above bytes.
    static func format(_ bytes: UInt64) -> String {
        let units = ["KiB", "MiB", "GiB", "TiB", "PiB"]
        guard bytes >= 1024 else { return "\(bytes) B" }
        var value = Double(bytes) / 1024
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10) \(units[unit])"
    }
}

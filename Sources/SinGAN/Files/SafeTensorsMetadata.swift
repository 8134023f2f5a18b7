/// Typed access to `__metadata__`, whose values the format allows only as strings.
///
/// Conventions: integers and doubles in Swift's shortest round-tripping text (so a Double
/// read back is bit-identical), booleans as "true"/"false", lists comma-separated without
/// spaces ("26,34,45"; the empty list is ""). A missing or unreadable value is an error that
/// names the file and the key.
extension SafeTensorsFile {
    public func metadataString(_ key: String) throws -> String {
        guard let text = metadata[key] else { throw ModelFileError(path: path, problem: "missing metadata \"\(key)\"") }
        return text
    }

    public func metadataInt(_ key: String) throws -> Int {
        try parsed(key, as: "an integer") { Int($0) }
    }

    public func metadataUInt64(_ key: String) throws -> UInt64 {
        try parsed(key, as: "an unsigned 64-bit integer") { UInt64($0) }
    }

    public func metadataDouble(_ key: String) throws -> Double {
        try parsed(key, as: "a number") { Double($0) }
    }

    public func metadataBool(_ key: String) throws -> Bool {
        try parsed(key, as: "true or false") { $0 == "true" ? true : $0 == "false" ? false : nil }
    }

    public func metadataInts(_ key: String) throws -> [Int] {
        try parsed(key, as: "a comma-separated list of integers") { text in Self.list(text, Int.init) }
    }

    public func metadataDoubles(_ key: String) throws -> [Double] {
        try parsed(key, as: "a comma-separated list of numbers") { text in Self.list(text, Double.init) }
    }

    public mutating func setMetadata(_ key: String, _ value: String) { metadata[key] = value }
    public mutating func setMetadata(_ key: String, _ value: Int) { metadata[key] = String(value) }
    public mutating func setMetadata(_ key: String, _ value: UInt64) { metadata[key] = String(value) }
    public mutating func setMetadata(_ key: String, _ value: Double) { metadata[key] = "\(value)" }
    public mutating func setMetadata(_ key: String, _ value: Bool) { metadata[key] = value ? "true" : "false" }
    public mutating func setMetadata(_ key: String, _ value: [Int]) { metadata[key] = value.map(String.init).joined(separator: ",") }
    public mutating func setMetadata(_ key: String, _ value: [Double]) { metadata[key] = value.map { "\($0)" }.joined(separator: ",") }

    private func parsed<T>(_ key: String, as what: String, _ parse: (String) -> T?) throws -> T {
        let text = try metadataString(key)
        guard let value = parse(text) else {
            throw ModelFileError(path: path, problem: "metadata \"\(key)\" is \"\(text)\", expected \(what)")
        }
        return value
    }

    private static func list<T>(_ text: String, _ parse: (String) -> T?) -> [T]? {
        if text.isEmpty { return [] }
        var out: [T] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard let value = parse(String(part)) else { return nil }
            out.append(value)
        }
        return out
    }
}

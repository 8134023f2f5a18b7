import Glibc

extension SafeTensorsFile {
    /// Headers above this are refused as absurd before any parsing. A real sgs header is a
    /// few kilobytes (about 10 MB for 100 scales of 64 layers, the largest settings allow);
    /// the reference library allows 100 MB, but a 100 MB header of tiny JSON values parses
    /// into gigabytes of nodes, so sgs stops at 16 MiB.
    public static let maxHeaderLength = 1 << 24

    /// Reads and validates a whole file. Every problem is a `ModelFileError` naming the
    /// file; no bytes make this trap.
    public static func read(from path: String) throws -> SafeTensorsFile {
        try decode(try readBytes(path), path: path)
    }

    /// Validates `bytes` as a safetensors file of F32 tensors (see `read`).
    public static func decode(_ bytes: [UInt8], path: String = "<memory>") throws -> SafeTensorsFile {
        func refuse(_ problem: String) -> ModelFileError { ModelFileError(path: path, problem: problem) }

        guard bytes.count >= 8 else {
            throw refuse("too short for a safetensors header: \(bytes.count) bytes, need at least 8")
        }
        let declared = bytes[0..<8].enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        guard declared <= UInt64(maxHeaderLength) else {
            throw refuse("header length \(declared) is absurd (over \(maxHeaderLength) bytes); not a safetensors file?")
        }
        let headerLength = Int(declared)
        guard headerLength <= bytes.count - 8 else {
            throw refuse("header length \(headerLength) is larger than the file (\(bytes.count) bytes); truncated or not a safetensors file")
        }
        let headerBytes = Array(bytes[8..<(8 + headerLength)])
        guard String(validating: headerBytes, as: UTF8.self) != nil else { throw refuse("header is not valid UTF-8") }
        let json: HeaderJSON
        do { json = try HeaderJSONParser.parse(headerBytes) } catch let failure as HeaderJSONParser.Failure {
            throw refuse("header is not valid JSON: \(failure.message)")
        }
        guard case let .object(members) = json else { throw refuse("header is \(json.kindName), expected a JSON object") }

        var file = SafeTensorsFile(path: path)
        var layout: [(name: String, shape: [Int], begin: Int, end: Int)] = []
        for (name, value) in members {
            if name == "__metadata__" {
                file.metadata = try metadataObject(value, refuse)
            } else {
                let (shape, begin, end) = try tensorInfo(name, value, refuse)
                layout.append((name, shape, begin, end))
            }
        }

        // Tensors must tile the data section exactly: in offset order, each starting where
        // the previous one ended, the last ending at the end of the file.
        layout.sort { ($0.begin, $0.end) < ($1.begin, $1.end) }
        let dataStart = 8 + headerLength
        let dataLength = bytes.count - dataStart
        var expectedBegin = 0
        for t in layout {
            if t.begin < expectedBegin {
                throw refuse("tensor \"\(t.name)\" data_offsets [\(t.begin), \(t.end)] overlap the previous tensor, which ends at \(expectedBegin)")
            }
            if t.begin > expectedBegin {
                throw refuse("gap of \(t.begin - expectedBegin) bytes before tensor \"\(t.name)\" (data_offsets [\(t.begin), \(t.end)])")
            }
            expectedBegin = t.end
        }
        if expectedBegin > dataLength {
            throw refuse("truncated: expected \(expectedBegin) bytes of tensor data, found \(dataLength)")
        }
        if expectedBegin < dataLength {
            throw refuse("\(dataLength - expectedBegin) unexpected bytes after the tensor data (expected \(expectedBegin) bytes of tensor data, found \(dataLength))")
        }

        file.tensors = layout.map { t in
            let count = (t.end - t.begin) / 4
            let values = bytes.withUnsafeBytes { raw in
                (0..<count).map { i in
                    Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: dataStart + t.begin + 4 * i, as: UInt32.self)))
                }
            }
            return Entry(name: t.name, shape: t.shape, values: values)
        }
        return file
    }

    private static func metadataObject(_ value: HeaderJSON, _ refuse: (String) -> ModelFileError) throws -> [String: String] {
        guard case let .object(pairs) = value else { throw refuse("__metadata__ is \(value.kindName), expected an object of strings") }
        var metadata: [String: String] = [:]
        for (key, item) in pairs {
            guard case let .string(text) = item else {
                throw refuse("__metadata__ value \"\(key)\" is \(item.kindName), expected a string")
            }
            metadata[key] = text
        }
        return metadata
    }

    private static func tensorInfo(_ name: String, _ value: HeaderJSON, _ refuse: (String) -> ModelFileError) throws -> (shape: [Int], begin: Int, end: Int) {
        guard case let .object(fields) = value else { throw refuse("tensor \"\(name)\" is \(value.kindName), expected an object") }
        func field(_ key: String) throws -> HeaderJSON {
            guard let found = fields.first(where: { $0.key == key }) else { throw refuse("tensor \"\(name)\" has no \"\(key)\"") }
            return found.value
        }
        let dtype = try field("dtype")
        guard case let .string(dtypeName) = dtype else { throw refuse("tensor \"\(name)\" dtype is \(dtype.kindName), expected a string") }
        guard dtypeName == "F32" else { throw refuse("tensor \"\(name)\" has dtype \(dtypeName); sgs reads only F32") }

        guard case let .array(dims) = try field("shape") else { throw refuse("tensor \"\(name)\" shape is not an array") }
        var shape: [Int] = []
        var count = 1
        for dim in dims {
            guard let d = dim.nonNegativeInt else { throw refuse("tensor \"\(name)\" shape \(HeaderJSON.array(dims).text) has an entry that is not a non-negative integer") }
            let (product, overflow) = count.multipliedReportingOverflow(by: d)
            guard !overflow, product <= Int.max / 4 else { throw refuse("tensor \"\(name)\" shape \(HeaderJSON.array(dims).text) is absurdly large") }
            shape.append(d)
            count = product
        }

        guard case let .array(offsets) = try field("data_offsets"), offsets.count == 2,
              let begin = offsets[0].nonNegativeInt, let end = offsets[1].nonNegativeInt else {
            throw refuse("tensor \"\(name)\" data_offsets must be two non-negative integers [begin, end]")
        }
        guard begin <= end else { throw refuse("tensor \"\(name)\" data_offsets [\(begin), \(end)] end before they begin") }
        guard end - begin == 4 * count else {
            throw refuse("tensor \"\(name)\" data_offsets [\(begin), \(end)] span \(end - begin) bytes, but shape \(shape) of F32 needs \(4 * count)")
        }
        return (shape, begin, end)
    }

    /// The whole file, or an error saying it is missing, a folder, or unreadable.
    static func readBytes(_ path: String) throws -> [UInt8] {
        func failure(_ what: String) -> ModelFileError { ModelFileError(path: path, problem: what) }
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw failure(errno == ENOENT ? "no such file" : "cannot open: \(String(cString: strerror(errno)))")
        }
        guard (info.st_mode & S_IFMT) != S_IFDIR else { throw failure("is a directory, not a model file") }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw failure("cannot open: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 { if errno == EINTR { continue }; throw failure("cannot read: \(String(cString: strerror(errno)))") }
            if n == 0 { return bytes }
            bytes += chunk[0..<n]
        }
    }
}

import Glibc

extension SafeTensorsFile {
    /// The file's bytes. Deterministic: the same tensors and metadata give the same bytes.
    ///
    /// Header JSON is compact, `__metadata__` first (omitted when empty) with sorted keys,
    /// then the tensors sorted by name (byte order), each as
    /// `{"dtype":"F32","shape":[..],"data_offsets":[begin,end]}` — the field order the
    /// reference library writes. Data follows in the order of `tensors`.
    public func encoded(path: String = "<memory>") throws -> [UInt8] {
        var offsets: [String: (Int, Int)] = [:]
        var dataLength = 0
        for entry in tensors {
            guard entry.name != "__metadata__" else {
                throw ModelFileError(path: path, problem: "a tensor may not be called __metadata__")
            }
            guard offsets[entry.name] == nil else {
                throw ModelFileError(path: path, problem: "tensor \"\(entry.name)\" is listed twice")
            }
            guard entry.shape.allSatisfy({ $0 >= 0 }),
                  entry.shape.reduce(1, { $0.multipliedReportingOverflow(by: $1).partialValue }) == entry.values.count else {
                throw ModelFileError(path: path, problem: "tensor \"\(entry.name)\" has shape \(entry.shape) but \(entry.values.count) values")
            }
            offsets[entry.name] = (dataLength, dataLength + 4 * entry.values.count)
            dataLength += 4 * entry.values.count
        }

        var members: [(key: String, value: HeaderJSON)] = []
        if !metadata.isEmpty {
            let sorted = metadata.sorted { Self.byteOrder($0.key, $1.key) }
            members.append(("__metadata__", .object(sorted.map { ($0.key, HeaderJSON.string($0.value)) })))
        }
        for entry in tensors.sorted(by: { Self.byteOrder($0.name, $1.name) }) {
            let (begin, end) = offsets[entry.name] ?? (0, 0)
            members.append((entry.name, .object([
                ("dtype", .string("F32")),
                ("shape", .array(entry.shape.map { .number(String($0)) })),
                ("data_offsets", .array([.number(String(begin)), .number(String(end))])),
            ])))
        }
        var header = Array(HeaderJSON.object(members).text.utf8)
        // Spaces up to a multiple of 8, as the reference library pads, so the data that
        // follows starts 8-byte aligned when the file is memory-mapped.
        header += [UInt8](repeating: 0x20, count: (8 - header.count % 8) % 8)

        var bytes: [UInt8] = []
        bytes.reserveCapacity(8 + header.count + dataLength)
        withUnsafeBytes(of: UInt64(header.count).littleEndian) { bytes += $0 }
        bytes += header
        for entry in tensors {
            for value in entry.values {
                withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes += $0 }
            }
        }
        return bytes
    }

    /// Writes the file atomically: the bytes go to a temporary file in the same folder,
    /// are flushed to disk, and the temporary file is renamed over `path`. A crash leaves
    /// either the old file or the new one under `path`, never half of one.
    public func write(to path: String) throws {
        let bytes = try encoded(path: path)
        // Same folder as the target, so rename(2) replaces it atomically.
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[...$0]) } ?? ""
        let base = slash.map { String(path[path.index(after: $0)...]) } ?? path
        // mkstemp picks a fresh name, so two writers never share a temporary file.
        var template = Array((folder + ".\(base).tmp-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { $0.baseAddress.map { mkstemp($0) } ?? -1 }
        let temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        func failure(_ what: String) -> ModelFileError {
            ModelFileError(path: path, problem: "\(what): \(String(cString: strerror(errno)))")
        }

        guard fd >= 0 else { throw failure("cannot create a temporary file in \(folder.isEmpty ? "." : folder)") }
        fchmod(fd, 0o644)  // mkstemp makes it private; a model file is an ordinary file
        var written = 0
        var writeError: ModelFileError?
        bytes.withUnsafeBytes { buffer in
            while written < buffer.count, let base = buffer.baseAddress {
                let n = Glibc.write(fd, base + written, buffer.count - written)
                if n < 0 { if errno == EINTR { continue }; writeError = failure("cannot write"); return }
                written += n
            }
        }
        if writeError == nil, fsync(fd) != 0 { writeError = failure("cannot flush") }
        if close(fd) != 0, writeError == nil { writeError = failure("cannot close") }
        if writeError == nil, rename(temporary, path) != 0 { writeError = failure("cannot rename \(temporary) into place") }
        if let writeError {
            unlink(temporary)
            throw writeError
        }
    }

    /// Byte-wise (UTF-8) order, so key order does not depend on Unicode collation rules.
    static func byteOrder(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }
}

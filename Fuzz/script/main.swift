// Fuzz target: the lexer and parser through the `sgs --check` path (Session.check), on a
// session with every sgs command registered, so the checker is fuzzed too as it learns
// about commands. Any input must end in success or a ScriptError: no trap, no hang.
import SGSCommands
import Script

/// Drops everything a session prints.
final class Silent: OutputSink {
    func print(_ line: String) {}
    func error(_ text: String) {}
    func info(_ line: String) {}
}

// nonisolated(unsafe): libFuzzer calls the target on one thread, one input at a time.
nonisolated(unsafe) let session = SGSSession(output: Silent(), stdlibPath: nil)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = try? session.session.check(source: text, name: "fuzz.sgs")
    return 0
}

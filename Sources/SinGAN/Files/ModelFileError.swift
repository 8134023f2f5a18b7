import Foundation

/// Why a model file could not be read or written. The message always names the file, so a
/// user who loads several models can tell which one is broken, and what to do about it.
public struct ModelFileError: Error, CustomStringConvertible, Equatable {
    /// The file as the caller named it.
    public let path: String
    /// What is wrong, in words, without the path.
    public let problem: String

    public init(path: String, problem: String) {
        self.path = path
        self.problem = problem
    }

    public var description: String { "\(path): \(problem)" }
}

extension ModelFileError: LocalizedError {
    public var errorDescription: String? { description }
}

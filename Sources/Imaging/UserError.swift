/// A request that makes no sense (an impossible size, a scale out of range, an empty mask,
/// settings that give no pyramid), worded for the user who made it. The one error type
/// Imaging and SinGAN throw for such requests; the script layer shows `description` as it
/// is, at the command that asked. Problems with a file are `ImagingError` and
/// `ModelFileError`, which name the file.
public struct UserError: Error, CustomStringConvertible, Equatable, Sendable {
    public let description: String

    public init(_ description: String) { self.description = description }
    public init(description: String) { self.description = description }
}

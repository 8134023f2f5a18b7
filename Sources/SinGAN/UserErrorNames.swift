import Imaging

// The four one-field error structs SinGAN had are one type now, Imaging's UserError. These
// names stay for one round so that code written against them still builds while branches
// merge; new code throws UserError. Remove them once nothing uses them.
@available(*, deprecated, renamed: "UserError") public typealias PyramidError = UserError
@available(*, deprecated, renamed: "UserError") public typealias GenerationError = UserError
@available(*, deprecated, renamed: "UserError") public typealias ScoreError = UserError
@available(*, deprecated, renamed: "UserError") public typealias ApplicationError = UserError

// Tokens: what the lexer hands the parser.

/// A piece of a string literal: text, or a `{name}` to interpolate when the name is bound.
enum StringPart: Hashable, Sendable {
    case text(String)
    case name(String)
}

enum TokenKind: Hashable, Sendable {
    case number(Double)
    case string([StringPart])
    /// `250x188` or `2x1`: width x height.
    case size(Double, Double)
    /// `50%`, `64x`, `x48` (after `size`), `64x48!`, `64x48+10+5`: ImageMagick geometry.
    case geometry(Geometry)
    case identifier(String)
    // Statement words. Command keywords (`at`, `into`) are ordinary identifiers.
    case letKeyword, defKeyword, ifKeyword, elseKeyword, forKeyword, inKeyword
    case repeatKeyword, returnKeyword, andKeyword, orKeyword, notKeyword
    case trueKeyword, falseKeyword, noneKeyword
    // Punctuation and operators.
    case leftParen, rightParen, leftBracket, rightBracket, leftBrace, rightBrace
    case comma, dotDot, question, semicolon, newline, endOfFile
    case equal, equalEqual, bangEqual, less, lessEqual, greater, greaterEqual
    case plus, minus, star, slash, percent
}

struct Token {
    let kind: TokenKind
    /// The characters as written, for messages and completion.
    let lexeme: String
    let location: SourceLocation
    /// Whether whitespace (or a line start) comes right before the token. Command
    /// arguments are separated by spaces, so `at n-2` is one argument and
    /// `set lr -1` is two: the rule Swift uses for prefix operators.
    let spaceBefore: Bool

    var offset: Int { location.offset }
    var endOffset: Int { location.offset + lexeme.count }
}

extension TokenKind {
    static let reservedWords: [String: TokenKind] = [
        "let": .letKeyword, "def": .defKeyword, "if": .ifKeyword, "else": .elseKeyword,
        "for": .forKeyword, "in": .inKeyword, "repeat": .repeatKeyword,
        "return": .returnKeyword, "and": .andKeyword, "or": .orKeyword, "not": .notKeyword,
        "true": .trueKeyword, "false": .falseKeyword, "none": .noneKeyword,
    ]

    /// Operators after which a newline continues the statement.
    var isBinaryOperator: Bool {
        switch self {
        case .plus, .minus, .star, .slash, .percent, .equalEqual, .bangEqual, .less,
             .lessEqual, .greater, .greaterEqual, .andKeyword, .orKeyword, .equal, .comma,
             .dotDot:
            return true
        default:
            return false
        }
    }

    /// Tokens that end a statement.
    var endsStatement: Bool {
        switch self {
        case .newline, .semicolon, .endOfFile, .rightBrace: return true
        default: return false
        }
    }

    var identifierName: String? {
        if case .identifier(let name) = self { return name }
        return nil
    }
}
